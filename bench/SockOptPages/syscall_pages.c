/*
 * What a system call costs the user code that runs after it, per distinct page it touches, outside any .NET process
 * (the in-process form is SockOptBenchmarks' PAGES category). Each iteration makes one call (none, getppid, or
 * getsockopt(SO_ORIGINAL_DST) on a REDIRECTed connection), then touches k cache lines: each on its own data page, all
 * on one data page, a call of a function on each of k code pages, or k calls of functions on one code page.
 * Prints the minimum, 10th percentile and median over the timed batches, per iteration.
 *
 * Build: gcc -O2 -fno-toplevel-reorder -o syscall_pages syscall_pages.c   (run.sh builds and runs it)
 * Usage: syscall_pages CALL TOUCH K [BATCHES [ITERATIONS]]
 *        CALL 0 none, 1 getppid, 2 getsockopt(SO_ORIGINAL_DST) (needs run.sh's namespace);
 *        TOUCH 0 data pages, 1 data lines on one page, 2 code pages, 3 calls on one code page; K at most 32.
 */
#include <arpa/inet.h>
#include <linux/netfilter_ipv4.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAXK 32
#define EACH8(F, b) F(b##0) F(b##1) F(b##2) F(b##3) F(b##4) F(b##5) F(b##6) F(b##7)
#define EACH(F) EACH8(F, ) EACH8(F, 1) EACH8(F, 2) EACH8(F, 3)
/* 0..7, 10..17, 20..27, 30..37: 32 distinct numbers */
#define FAR(i) __attribute__((noinline, aligned(4096))) int far_##i(int x) { return x + 1; }
#define NEAR(i) __attribute__((noinline, aligned(64))) int near_##i(int x) { return x + 1; }
#define NAME_FAR(i) far_##i,
#define NAME_NEAR(i) near_##i,
EACH(FAR)
__attribute__((noinline, aligned(4096))) int near_first(int x) { return x; }
EACH(NEAR)
static int (*const fars[MAXK])(int) = { EACH(NAME_FAR) };
static int (*const nears[MAXK])(int) = { EACH(NAME_NEAR) };
static unsigned char pages[MAXK][4096] __attribute__((aligned(4096)));
static unsigned char onepage[4096] __attribute__((aligned(4096)));

__attribute__((noinline)) static long run(int fd, int call, int touch, int k, long n)
{
    long acc = 0;
    for (long i = 0; i < n; i++) {
        if (call == 1)
            acc += getppid();
        else if (call == 2) {
            struct sockaddr_in sin;
            socklen_t len = sizeof sin;
            if (getsockopt(fd, SOL_IP, SO_ORIGINAL_DST, &sin, &len) != 0)
                return -1;
            acc += sin.sin_port;
        }
        for (int j = 0; j < k; j++) {
            switch (touch) {
            case 0: acc += *(volatile unsigned char *)&pages[j][(j * 64) & 4095]; break;
            case 1: acc += *(volatile unsigned char *)&onepage[(j * 64) & 4095]; break;
            case 2: acc = fars[j](acc); break;
            default: acc = nears[j](acc); break;
            }
        }
    }
    return acc;
}

/* A connection to 127.0.0.1:9 that run.sh's nat OUTPUT rule REDIRECTs to port 40000. */
static int redirected(void)
{
    int listener = socket(AF_INET, SOCK_STREAM, 0), one = 1, client = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(40000), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(listener, (void *)&a, sizeof a) != 0 || listen(listener, 1) != 0) { perror("listen"); exit(1); }
    a.sin_port = htons(9);
    if (connect(client, (void *)&a, sizeof a) != 0) { perror("connect"); exit(1); }
    return accept(listener, 0, 0);
}

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e9 + t.tv_nsec; }
static int by_value(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }

int main(int argc, char **argv)
{
    if (argc < 4) { fprintf(stderr, "usage: %s CALL TOUCH K [BATCHES [ITERATIONS]]\n", argv[0]); return 2; }
    int call = atoi(argv[1]), touch = atoi(argv[2]), k = atoi(argv[3]);
    int batches = argc > 4 ? atoi(argv[4]) : 200;
    long n = argc > 5 ? atol(argv[5]) : 1000;
    if (k < 0 || k > MAXK || batches < 1 || n < 1) { fprintf(stderr, "K is 0..%d\n", MAXK); return 2; }
    int fd = call == 2 ? redirected() : -1;
    double *t = malloc(batches * sizeof *t);
    if (run(fd, call, touch, k, n) < 0) { perror("getsockopt"); return 1; }
    for (int b = 0; b < batches; b++) {
        double start = now();
        run(fd, call, touch, k, n);
        t[b] = (now() - start) / n;
    }
    qsort(t, batches, sizeof *t, by_value);
    printf("call=%d touch=%d k=%2d min %.1f p10 %.1f median %.1f ns\n", call, touch, k, t[0], t[batches / 10], t[batches / 2]);
    return 0;
}
