using System;
using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using KernelStructs;
using KernelStructs.Samples;
using KernelStructs.Samples.ConntrackTupleModule;

// Asks the ctmod module for the reply tuple of a connection. Without the module loaded the kernel has no handler
// for 3200 at SOL_IP and answers ENOPROTOOPT: the typed call reports it, and nothing is read.
var source = new Option<IPEndPoint>("--source", "-s")
{
    Description = "The connection's IPv4 source address and port.",
    HelpName = "ADDRESS:PORT",
    CustomParser = ParseIPv4EndPoint,
    DefaultValueFactory = _ => new IPEndPoint(IPAddress.Loopback, 40000),
};
var destination = new Option<IPEndPoint>("--destination", "-d")
{
    Description = "The connection's IPv4 destination address and port.",
    HelpName = "ADDRESS:PORT",
    CustomParser = ParseIPv4EndPoint,
    DefaultValueFactory = _ => new IPEndPoint(IPAddress.Loopback, 80),
};

var root = new RootCommand(
    "The user side of ctmod, a kernel module that registers its own nf_sockopt_ops: asks it (CTMOD_SO_GET_TUPLE, 3200 at SOL_IP) " +
    "for the reply tuple of a TCP connection. Exit codes: 0 answered, 1 the kernel refused (ENOPROTOOPT: the module is not loaded), 2 bad arguments.")
{
    source, destination,
};
root.SetAction(parse =>
{
    Console.WriteLine($"struct ctmod_tuple: {CtModTuple.SizeOf} bytes, dst at {CtModTuple.Offsets.dst}, dport at {CtModTuple.Offsets.dport}");
    var from = parse.GetRequiredValue(source);
    var to = parse.GetRequiredValue(destination);
    var tuple = new CtModTuple
    {
        l3num = (ushort)AddressFamily.InterNetwork,
        protonum = (byte)ProtocolType.Tcp,
        sport = new Be16((ushort)from.Port),
        dport = new Be16((ushort)to.Port),
    };
    tuple.src.ip = new Be32((uint)IPAddress.NetworkToHostOrder(BitConverter.ToInt32(from.Address.GetAddressBytes())));
    tuple.dst.ip = new Be32((uint)IPAddress.NetworkToHostOrder(BitConverter.ToInt32(to.Address.GetAddressBytes())));

    using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    var errno = CtModOptions.TryLookupTuple(socket, ref tuple);
    if (!errno.IsError)
    {
        Console.WriteLine($"reply tuple: {tuple}");
        return ExitCode.Success;
    }

    Console.WriteLine($"CTMOD_SO_GET_TUPLE: {errno.Name} ({errno.Number}){(errno == Errno.ENOPROTOOPT ? ": the ctmod module is not loaded" : string.Empty)}");
    return errno == Errno.EPERM ? ExitCode.NeedsPrivilege : ExitCode.Failure;
});
return await SampleCommandLine.RunAsync(root, args);

static IPEndPoint? ParseIPv4EndPoint(System.CommandLine.Parsing.ArgumentResult result)
{
    var endPoint = SampleCommandLine.ParseEndPoint(result);
    if (endPoint is { AddressFamily: not AddressFamily.InterNetwork })
    {
        result.AddError($"{endPoint} is not IPv4 (struct ctmod_tuple carries IPv4 addresses here)");
    }

    return endPoint;
}
