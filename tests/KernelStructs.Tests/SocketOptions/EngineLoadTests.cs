using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Xunit;

namespace KernelStructs.Tests.SocketOptions;

/// <summary>The engine's zero-allocation and thread-safety promises, on real redirected connections.</summary>
[Trait("Category", "Kernel")]
public class EngineLoadTests
{
    private const int OriginalPort = 9;

    [NetNsFact("iptables-legacy")]
    public void Fixed_size_gets_allocate_nothing()
    {
        using var ns = NetNs.Create();
        using var pair = RedirectedPair(ns);
        var handle = pair.Accepted.SafeHandle;
        int fd = (int)handle.DangerousGetHandle();
        int checksum = 0;

        for (int round = 0; round < 2; round++)
        {
            // Round 0 warms up (tiering, statics); round 1 measures.
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++)
            {
                checksum += Conntrack.GetOriginalDestination(pair.Accepted).sin_port.Value;
                checksum += Conntrack.GetOriginalDestination(handle).sin_port.Value;
                checksum += Conntrack.GetOriginalDestination(fd).sin_port.Value;
                checksum += TcpOptions.GetInfo(pair.Accepted).tcpi_state;
                checksum += Conntrack.TryGetOriginalDestination(pair.Accepted, out SockAddrIn d).Number + d.sin_port.Value;
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (round == 1)
            {
                Assert.Equal(0, allocated);
            }
        }

        Assert.Equal(2 * 10_000 * ((4 * OriginalPort) + 1), checksum);
    }

    [NetNsFact("iptables-legacy")]
    public void Eight_threads_share_sockets_for_800_000_calls()
    {
        using var ns = NetNs.Create();
        using var pair = RedirectedPair(ns);
        const int Threads = 8;
        const int Calls = 100_000;
        int wrong = 0;
        Exception? failure = null;
        using var start = new Barrier(Threads);

        var threads = new Thread[Threads];
        for (int t = 0; t < Threads; t++)
        {
            threads[t] = new Thread(() =>
            {
                try
                {
                    start.SignalAndWait();
                    for (int i = 0; i < Calls; i++)
                    {
                        // Alternate the two options on the same shared socket.
                        bool ok = (i & 1) == 0
                            ? Conntrack.GetOriginalDestination(pair.Accepted).sin_port.Value == OriginalPort
                            : TcpOptions.GetInfo(pair.Accepted).tcpi_state == 1;
                        if (!ok)
                        {
                            Interlocked.Increment(ref wrong);
                        }
                    }
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                }
            });
            threads[t].Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        Assert.Null(failure);
        Assert.Equal(0, wrong);
    }

    [Fact]
    public void Every_failure_reports_its_own_errno_while_the_collector_stops_the_threads()
    {
        // The engine reads errno after the native call returns; a return that waits for a garbage collection must
        // not change it. Each thread alternates failures with two different errnos and a success on the same
        // descriptors while another thread collects without pause, so a lost, stale or foreign errno shows.
        const int SO_TYPE = 3, SO_KEEPALIVE = 9, SOCK_DGRAM = 2, NoSuchOption = 9999;
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        using var devNull = File.OpenHandle("/dev/null");
        int socketFd = (int)udp.Handle, fileFd = (int)devNull.DangerousGetHandle();
        const int Threads = 4;
        const int Rounds = 25_000;
        int wrong = 0, collections = 0;
        string? firstWrong = null;
        var done = new ManualResetEventSlim();
        var collector = new Thread(() =>
        {
            while (!done.IsSet)
            {
                GC.Collect();
                Interlocked.Increment(ref collections);
            }
        });
        collector.Start();

        var threads = new Thread[Threads];
        for (int t = 0; t < Threads; t++)
        {
            threads[t] = new Thread(() =>
            {
                for (int i = 0; i < Rounds; i++)
                {
                    Check("get, no such option", Errno.ENOPROTOOPT, SockOpt.TryGet(socketFd, SocketLevel.Socket, NoSuchOption, LengthRule.Exact, "none", out int _));
                    Check("get, not a socket", Errno.ENOTSOCK, SockOpt.TryGet(fileFd, SocketLevel.Socket, SO_TYPE, LengthRule.Exact, "SO_TYPE", out int _));
                    Check("get, SO_TYPE", Errno.None, SockOpt.TryGet(socketFd, SocketLevel.Socket, SO_TYPE, LengthRule.Exact, "SO_TYPE", out int type));
                    Check("SO_TYPE's value", SOCK_DGRAM, type);
                    Check("set, no such option", Errno.ENOPROTOOPT, SockOpt.TrySet(socketFd, SocketLevel.Socket, NoSuchOption, 1));
                    Check("set, not a socket", Errno.ENOTSOCK, SockOpt.TrySet(fileFd, SocketLevel.Socket, SO_KEEPALIVE, 1));
                }
            });
            threads[t].Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        done.Set();
        collector.Join();
        Assert.True(firstWrong is null, $"{wrong} wrong answers; the first: {firstWrong}");
        Assert.True(collections > 10, $"only {collections} collections ran beside the calls");

        void Check<T>(string what, T expected, T actual)
            where T : IEquatable<T>
        {
            if (!actual.Equals(expected) && Interlocked.Increment(ref wrong) == 1)
            {
                firstWrong = $"{what}: {actual}, expected {expected}";
            }
        }
    }

    private static TcpPair RedirectedPair(NetNs ns) => TcpPair.Connect(ns, IPAddress.Loopback,
        connectTo: _ => new IPEndPoint(IPAddress.Loopback, OriginalPort),
        beforeConnect: port => ns.Exec("iptables-legacy", "-t", "nat", "-A", "OUTPUT", "-p", "tcp", "-d", "127.0.0.1",
            "--dport", $"{OriginalPort}", "-j", "REDIRECT", "--to-ports", $"{port}"));
}
