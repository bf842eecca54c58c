using System;
using System.Net;
using System.Net.Sockets;
using KernelStructs;
using KernelStructs.Netfilter;
using KernelStructs.Samples.ConntrackTupleModule;

// Asks the ctmod module (module/ctmod.c) for the conntrack entry of a connection, both ways:
//   ConntrackTupleModule                                   sizes, and whether ctmod answers
//   ConntrackTupleModule tcp|udp SRC:SPORT DST:DPORT       the entry of the connection SRC:SPORT -> DST:DPORT
// Without the module the kernel has no handler for 3200 at SOL_IP and answers ENOPROTOOPT; the typed call reports it.
Console.WriteLine($"struct nf_conntrack_tuple (NfConntrackTuple): {NfConntrackTuple.SizeOf} bytes, dst at {NfConntrackTuple.Offsets.dst}, dst.u at {NfConntrackTuple.Offsets.dst + NfConntrackTuple.Dst.Offsets.u}");
if (args.Length is not (0 or 3) || (args.Length == 3 && args[0] is not ("tcp" or "udp")))
{
    Console.Error.WriteLine("usage: ConntrackTupleModule [tcp|udp SRC:SPORT DST:DPORT]");
    return args.Length == 1 && args[0] is "-h" or "--help" ? 0 : 2;
}

IPEndPoint source = args.Length == 3 && IPEndPoint.TryParse(args[1], out var s) ? s : new IPEndPoint(IPAddress.Loopback, 40000);
IPEndPoint destination = args.Length == 3 && IPEndPoint.TryParse(args[2], out var d) ? d : new IPEndPoint(IPAddress.Loopback, 80);
ProtocolType protocol = args.Length == 3 && args[0] == "udp" ? ProtocolType.Udp : ProtocolType.Tcp;

using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
NfConntrackTuple original = CtModClient.Tuple(protocol, source, destination);
Console.WriteLine($"asked:    {CtModClient.Describe(original)}");
NfConntrackTuple reply = original;
Errno errno = CtModOptions.TryLookupTuple(socket, ref reply);
if (errno.IsError)
{
    Console.WriteLine($"CTMOD_SO_GET_TUPLE: {errno.Name} ({errno.Number}){(errno == Errno.ENOPROTOOPT ? ": the ctmod module is not loaded" : errno == Errno.ENOENT ? ": no conntrack entry for this tuple" : string.Empty)}");
    return errno == Errno.ENOPROTOOPT || args.Length == 0 ? 0 : 1;
}

Console.WriteLine($"reply:    {CtModClient.Describe(reply)}");
NfConntrackTuple back = reply;
CtModOptions.LookupTuple(socket, ref back);
Console.WriteLine($"original: {CtModClient.Describe(back)}");
CtModStats stats = CtModOptions.GetStats(socket);
Console.WriteLine($"ctmod stats: lookups {stats.lookups}, found {stats.found}, pinned {stats.pinned}, pinned hits {stats.pinned_hits}");
return 0;
