using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using KernelStructs.Netfilter;
using System.Runtime.InteropServices;
using KernelStructs.Samples.ConntrackTupleModule;
using Tmds.Linux;
using Xunit;

namespace KernelStructs.Tests.SocketOptions;

/// <summary>
/// The ctmod sample module (samples/ConntrackTupleModule/module/ctmod.c), loaded by the kernel lab: its GET answers
/// the kernel's own <c>struct nf_conntrack_tuple</c> of a live, NATed connection, both ways; its SET and truncating
/// stats do what the sample says; and a GET command sent to setsockopt runs the SET handler.
/// </summary>
[Trait("Category", "Kernel")]
[Collection(CtModCollection.Name)]
public class CtModKernelTests
{
    internal const int OriginalPort = 9;

    [SkippableFact]
    public void Lookup_answers_the_live_tuple_of_a_redirected_connection_both_ways()
    {
        using var ns = CreateLab();
        using var pair = RedirectedPair(ns);
        using Socket socket = ns.Enter(() => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        var client = (IPEndPoint)pair.Client.LocalEndPoint!;
        var listener = (IPEndPoint)pair.Listener.LocalEndPoint!;
        CtModStats before = CtModOptions.GetStats(socket);

        // The client's view: it connected to 127.0.0.1:9. The kernel's reply direction comes from the listener.
        NfConntrackTuple tuple = CtModClient.Tuple(ProtocolType.Tcp, client, new IPEndPoint(IPAddress.Loopback, OriginalPort));
        CtModOptions.LookupTuple(socket, ref tuple);
        Assert.Equal(
            $"tcp src=127.0.0.1 sport={listener.Port} dst=127.0.0.1 dport={client.Port} (dir reply)",
            CtModClient.Describe(tuple));

        // The reply tuple leads back to the original, with the address the client asked for.
        CtModOptions.LookupTuple(socket, ref tuple);
        Assert.Equal(
            $"tcp src=127.0.0.1 sport={client.Port} dst=127.0.0.1 dport={OriginalPort} (dir original)",
            CtModClient.Describe(tuple));

        CtModStats after = CtModOptions.GetStats(socket);
        Assert.Equal((2ul, 2ul), (after.lookups - before.lookups, after.found - before.found));

        // No entry: ENOENT, and the buffer is left as it was.
        NfConntrackTuple missing = CtModClient.Tuple(ProtocolType.Tcp, new IPEndPoint(IPAddress.Loopback, 1), new IPEndPoint(IPAddress.Loopback, 2));
        NfConntrackTuple asked = missing;
        Assert.Equal(Errno.ENOENT, CtModOptions.TryLookupTuple(socket, ref missing));
        Assert.Equal(Bytes(asked), Bytes(missing));
    }

    [SkippableFact]
    public unsafe void Pin_and_truncated_stats_do_what_the_module_says_and_a_get_sent_to_setsockopt_runs_the_set_handler()
    {
        using var ns = CreateLab();
        using var pair = RedirectedPair(ns);
        using Socket socket = ns.Enter(() => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        var client = (IPEndPoint)pair.Client.LocalEndPoint!;
        NfConntrackTuple query = CtModClient.Tuple(ProtocolType.Tcp, client, new IPEndPoint(IPAddress.Loopback, OriginalPort));

        // SET pins a tuple; a later lookup of it counts as a pinned hit.
        CtModStats start = CtModOptions.GetStats(socket);
        CtModOptions.PinTuple(socket, query);
        NfConntrackTuple answer = query;
        CtModOptions.LookupTuple(socket, ref answer);
        CtModStats pinned = CtModOptions.GetStats(socket);
        Assert.Equal((1ul, 1ul), (pinned.pinned - start.pinned, pinned.pinned_hits - start.pinned_hits));

        // GET_STATS truncates: 16 bytes ask for lookups and found only, and the kernel says it wrote 16.
        Span<byte> shortStats = stackalloc byte[16];
        int written = SockOpt.Get(socket, SocketLevel.IP, CtMod.CTMOD_SO_GET_STATS, shortStats, LengthRule.Truncating, 0, nameof(CtMod.CTMOD_SO_GET_STATS));
        Assert.Equal(16, written);
        Assert.Equal(pinned.lookups, MemoryMarshal.Read<ulong>(shortStats));

        // The bug the analyzers prevent (KS2001): CTMOD_SO_GET_TUPLE passed to setsockopt. 3200 at SOL_IP on setsockopt
        // is CTMOD_SO_SET_TUPLE, so the kernel runs the SET handler with the caller's query: it succeeds, answers
        // nothing, and replaces the module's pinned tuple.
        NfConntrackTuple lookup = CtModClient.Tuple(ProtocolType.Tcp, new IPEndPoint(IPAddress.Loopback, 1111), new IPEndPoint(IPAddress.Loopback, 2222));
        NfConntrackTuple sent = lookup;
        int fd = (int)socket.Handle;
#pragma warning disable KS2001 // On purpose: what the kernel does with a GET command on the SET path.
        int result = LibC.setsockopt(fd, 0, CtMod.CTMOD_SO_GET_TUPLE, &lookup, (uint)sizeof(NfConntrackTuple));
#pragma warning restore KS2001
        Assert.Equal(0, result);
        Assert.Equal(Bytes(sent), Bytes(lookup));
        CtModStats misused = CtModOptions.GetStats(socket);
        Assert.Equal(pinned.pinned + 1, misused.pinned);
        Assert.Equal(pinned.lookups, misused.lookups);

        // The query the caller meant to look up is now the pinned tuple: the original connection no longer counts.
        answer = query;
        CtModOptions.LookupTuple(socket, ref answer);
        Assert.Equal(misused.pinned_hits, CtModOptions.GetStats(socket).pinned_hits);
    }

    private static byte[] Bytes(in NfConntrackTuple tuple) => MemoryMarshal.AsBytes(new ReadOnlySpan<NfConntrackTuple>(in tuple)).ToArray();

    internal static NetNs CreateLab()
    {
        string? unavailable = NetNs.WhyUnavailable("iptables-legacy");
        Skip.If(unavailable is not null, unavailable);
        Skip.IfNot(Directory.Exists("/sys/module/ctmod"), "the ctmod module is not loaded; tests/vm/run.sh builds it with kbuild and loads it on Debian's 6.1 kernel");
        return NetNs.Create();
    }

    internal static TcpPair RedirectedPair(NetNs ns) => TcpPair.Connect(ns, IPAddress.Loopback,
        connectTo: _ => new IPEndPoint(IPAddress.Loopback, OriginalPort),
        beforeConnect: port => ns.Exec("iptables-legacy", "-t", "nat", "-A", "OUTPUT", "-p", "tcp", "-d", "127.0.0.1",
            "--dport", $"{OriginalPort}", "-j", "REDIRECT", "--to-ports", $"{port}"));
}
