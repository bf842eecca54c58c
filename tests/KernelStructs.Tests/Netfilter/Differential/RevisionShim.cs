using System;
using System.IO;

namespace KernelStructs.Tests.Netfilter.Differential;

/// <summary>
/// A <c>LD_PRELOAD</c> library, built with gcc for the test, that makes <c>*_SO_GET_REVISION_MATCH</c>/<c>_TARGET</c>
/// answer EPROTONOSUPPORT above the revision <c>KS_XT_REVISION_CAP</c> gives an extension (<c>name=rev,...</c>). iptables
/// asks the kernel which revisions it has before writing a rule; under the shim it writes the highest revision at or
/// below the cap, so the kernel loads, and the dumps must decode, the lower revisions it serves too. The restore and
/// the save run with it (iptables 1.8.9 prints a rule of a revision below the highest it sees as
/// <c>[unsupported revision]</c>); the dump does not.
/// </summary>
internal static class RevisionShim
{
    private const string Source = """
        #define _GNU_SOURCE
        #include <dlfcn.h>
        #include <errno.h>
        #include <netinet/in.h>
        #include <stdlib.h>
        #include <string.h>
        #include <sys/socket.h>
        #include <linux/netfilter/x_tables.h>
        #include <linux/netfilter_ipv4/ip_tables.h>
        #include <linux/netfilter_ipv6/ip6_tables.h>

        static int capped(const struct xt_get_revision *rev)
        {
            const char *caps = getenv("KS_XT_REVISION_CAP");
            size_t n = strnlen(rev->name, sizeof(rev->name));
            while (caps && *caps) {
                const char *eq = strchr(caps, '=');
                if (!eq)
                    return 0;
                if ((size_t)(eq - caps) == n && strncmp(caps, rev->name, n) == 0)
                    return rev->revision > atoi(eq + 1);
                caps = strchr(eq, ',');
                if (caps)
                    caps++;
            }
            return 0;
        }

        int getsockopt(int fd, int level, int name, void *value, socklen_t *len)
        {
            static int (*real)(int, int, int, void *, socklen_t *);
            if (!real)
                real = (int (*)(int, int, int, void *, socklen_t *))dlsym(RTLD_NEXT, "getsockopt");
            int revision = (level == IPPROTO_IP && (name == IPT_SO_GET_REVISION_MATCH || name == IPT_SO_GET_REVISION_TARGET))
                || (level == IPPROTO_IPV6 && (name == IP6T_SO_GET_REVISION_MATCH || name == IP6T_SO_GET_REVISION_TARGET));
            if (revision && value && len && *len == sizeof(struct xt_get_revision) && capped(value)) {
                errno = EPROTONOSUPPORT;
                return -1;
            }
            return real(fd, level, name, value, len);
        }
        """;

    private static readonly Lazy<string> s_library = new(Build);

    /// <summary>The built library's path (built once per test run).</summary>
    public static string Library => s_library.Value;

    private static string Build()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"ks-revision-shim-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        string source = Path.Combine(dir, "shim.c");
        string library = Path.Combine(dir, "shim.so");
        File.WriteAllText(source, Source);
        NetNs.RunTool("gcc", "-shared", "-fPIC", "-O2", "-Wall", "-Werror", "-o", library, source, "-ldl");
        return library;
    }
}
