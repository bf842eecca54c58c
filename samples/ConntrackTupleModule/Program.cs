using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net;
using System.Net.Sockets;
using KernelStructs;
using KernelStructs.Netfilter;
using KernelStructs.Samples;
using KernelStructs.Samples.ConntrackTupleModule;

// Asks the ctmod module (module/ctmod.c) for the conntrack entry of a connection, both ways:
//   ConntrackTupleModule                                   sizes, and whether ctmod answers
//   ConntrackTupleModule tcp|udp SRC:SPORT DST:DPORT       the entry of the connection SRC:SPORT -> DST:DPORT
// Without the module the kernel has no handler for 3200 at SOL_IP and answers ENOPROTOOPT; the typed call reports it.
var protocol = new Argument<string>("PROTOCOL")
{
    Description = "tcp or udp: the connection's protocol.",
    Arity = ArgumentArity.ZeroOrOne,
};
protocol.Validators.Add(result =>
{
    // One line naming the mistake, as for the addresses (AcceptOnlyFromAmong lists the choices on lines of their own).
    if (result.Tokens is [{ Value: var value }] && value is not ("tcp" or "udp"))
    {
        result.AddError($"'{value}' is not a protocol: tcp or udp");
    }
});
var source = new Argument<IPEndPoint?>("SRC:SPORT")
{
    Description = "The connection's IPv4 source address and port.",
    Arity = ArgumentArity.ZeroOrOne,
    CustomParser = ParseIPv4EndPoint,
};
var destination = new Argument<IPEndPoint?>("DST:DPORT")
{
    Description = "The connection's IPv4 destination address and port.",
    Arity = ArgumentArity.ZeroOrOne,
    CustomParser = ParseIPv4EndPoint,
};

var root = new RootCommand(
    "The user side of ctmod, a kernel module that registers its own nf_sockopt_ops: asks it (CTMOD_SO_GET_TUPLE, 3200 at SOL_IP) " +
    "for the conntrack entry of a connection, both ways, then for its counters (CTMOD_SO_GET_STATS). Without arguments it asks for " +
    "127.0.0.1:40000 -> 127.0.0.1:80 over TCP and only reports whether the module answers. " +
    "Exit codes: 0 answered (or, without arguments, the module's absence reported), 1 the kernel refused (ENOPROTOOPT: the module is " +
    "not loaded; ENOENT: no such connection), 2 bad arguments, 3 EPERM.")
{
    protocol, source, destination,
};
root.Validators.Add(result =>
{
    int given = (Given(result, protocol) ? 1 : 0) + (Given(result, source) ? 1 : 0) + (Given(result, destination) ? 1 : 0);
    if (given is not (0 or 3))
    {
        result.AddError("give the connection as PROTOCOL SRC:SPORT DST:DPORT (e.g. tcp 127.0.0.1:40000 127.0.0.1:9), or nothing");
    }
});
root.SetAction(parse =>
{
    Console.WriteLine($"struct nf_conntrack_tuple (NfConntrackTuple): {NfConntrackTuple.SizeOf} bytes, dst at {NfConntrackTuple.Offsets.dst}, dst.u at {NfConntrackTuple.Offsets.dst + NfConntrackTuple.Dst.Offsets.u}");
    bool probe = parse.GetValue(protocol) is null;
    var from = parse.GetValue(source) ?? new IPEndPoint(IPAddress.Loopback, 40000);
    var to = parse.GetValue(destination) ?? new IPEndPoint(IPAddress.Loopback, 80);
    var type = parse.GetValue(protocol) == "udp" ? ProtocolType.Udp : ProtocolType.Tcp;

    using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    NfConntrackTuple original = CtModClient.Tuple(type, from, to);
    Console.WriteLine($"asked:    {CtModClient.Describe(original)}");
    NfConntrackTuple reply = original;
    Errno errno = CtModOptions.TryLookupTuple(socket, ref reply);
    if (errno.IsError)
    {
        Console.WriteLine($"CTMOD_SO_GET_TUPLE: {errno.Name} ({errno.Number}){(errno == Errno.ENOPROTOOPT ? ": the ctmod module is not loaded" : errno == Errno.ENOENT ? ": no conntrack entry for this tuple" : string.Empty)}");
        return errno == Errno.EPERM ? ExitCode.NeedsPrivilege : probe ? ExitCode.Success : ExitCode.Failure;
    }

    Console.WriteLine($"reply:    {CtModClient.Describe(reply)}");
    NfConntrackTuple back = reply;
    CtModOptions.LookupTuple(socket, ref back);
    Console.WriteLine($"original: {CtModClient.Describe(back)}");
    CtModStats stats = CtModOptions.GetStats(socket);
    Console.WriteLine($"ctmod stats: lookups {stats.lookups}, found {stats.found}, pinned {stats.pinned}, pinned hits {stats.pinned_hits}");
    return ExitCode.Success;
});
return await SampleCommandLine.RunAsync(root, args);

static bool Given(CommandResult result, Argument argument) => result.GetResult(argument) is { Tokens.Count: > 0 };

static IPEndPoint? ParseIPv4EndPoint(ArgumentResult result)
{
    var endPoint = SampleCommandLine.ParseEndPoint(result);
    if (endPoint is { AddressFamily: not AddressFamily.InterNetwork })
    {
        result.AddError($"{endPoint} is not IPv4 (struct nf_conntrack_tuple carries IPv4 addresses here)");
    }

    return endPoint;
}
