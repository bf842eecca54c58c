using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using KernelStructs.Netfilter;
using KernelStructs.Samples.ConntrackTupleModule;
using Xunit;

namespace KernelStructs.Tests.SocketOptions;

/// <summary>
/// The README's walk-through, "From a C struct to a typed GET": <c>tests/vm/walkthrough.sh</c> runs its five commands
/// on the host (the packed tool scaffolds <c>struct nf_conntrack_tuple</c> from the lab kernel's build tree, the
/// packed package's generator implements <c>CtModOptions.LookupTuple</c> on it) and builds a client; here, in the
/// kernel lab with ctmod loaded, that client asks for a live, redirected connection and its answer is held against
/// the module's own (the same GET through the catalog's mirror, and ctmod's lookup counter) and the kernel's
/// (<c>/proc/net/nf_conntrack</c>).
/// </summary>
[Trait("Category", "Kernel")]
[Collection(CtModCollection.Name)]
public class ScaffoldWalkthroughKernelTests
{
    [SkippableFact]
    public void The_scaffolded_client_answers_what_ctmod_and_the_kernel_report()
    {
        string? error = Environment.GetEnvironmentVariable("KS_WALKTHROUGH_ERROR");
        Assert.True(string.IsNullOrEmpty(error), "tests/vm/walkthrough.sh failed on the host:\n" + error);
        using var ns = CtModKernelTests.CreateLab();
        string? client = Environment.GetEnvironmentVariable("KS_WALKTHROUGH_CLIENT");
        Skip.If(string.IsNullOrEmpty(client), "KS_WALKTHROUGH_CLIENT is not set; tests/vm/run.sh builds the README's client with tests/vm/walkthrough.sh and runs this test in the kernel lab");
        Assert.True(File.Exists(client), $"no client at {client}");

        using var pair = CtModKernelTests.RedirectedPair(ns);
        using Socket socket = ns.Enter(() => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        var source = (IPEndPoint)pair.Client.LocalEndPoint!;
        var asked = new IPEndPoint(IPAddress.Loopback, CtModKernelTests.OriginalPort);
        CtModStats before = CtModOptions.GetStats(socket);

        string answer = ns.Exec("dotnet", client!, "tcp", source.ToString(), asked.ToString()).Trim();

        // The module counted the client's lookup as found.
        CtModStats after = CtModOptions.GetStats(socket);
        Assert.Equal((1ul, 1ul), (after.lookups - before.lookups, after.found - before.found));

        // The module's answer to the same question, through the catalog's mirror.
        NfConntrackTuple tuple = CtModClient.Tuple(ProtocolType.Tcp, source, asked);
        CtModOptions.LookupTuple(socket, ref tuple);
        Assert.Equal(CtModClient.Describe(tuple), answer);

        // The kernel's own listing of the entry: its reply direction is the second src/dst/sport/dport group.
        string entry = ns.Exec("cat", "/proc/net/nf_conntrack").Split('\n')
            .Single(line => line.Contains($" sport={source.Port} dport={asked.Port} ", StringComparison.Ordinal));
        var groups = Regex.Matches(entry, @"src=(\S+) dst=(\S+) sport=(\d+) dport=(\d+)");
        Assert.Equal(2, groups.Count);
        var reply = groups[1].Groups;
        Assert.Equal($"tcp src={reply[1].Value} sport={reply[3].Value} dst={reply[2].Value} dport={reply[4].Value} (dir reply)", answer);
    }
}

/// <summary>The tests that count ctmod's lookups: its counters are the module's, so they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class CtModCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "ctmod";
}
