using System;
using System.Net;
using System.Net.Sockets;
using KernelStructs;
using KernelStructs.Samples.ConntrackTupleModule;

// Asks the ctmod module for the reply tuple of a connection. Without the module loaded the kernel has no handler
// for 3200 at SOL_IP and answers ENOPROTOOPT: the typed call reports it, and nothing is read.
Console.WriteLine($"struct ctmod_tuple: {CtModTuple.SizeOf} bytes, dst at {CtModTuple.Offsets.dst}, dport at {CtModTuple.Offsets.dport}");

using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
var tuple = new CtModTuple
{
    l3num = (ushort)AddressFamily.InterNetwork,
    protonum = (byte)ProtocolType.Tcp,
    sport = new Be16(40000),
    dport = new Be16(80),
};
tuple.src.ip = new Be32(0x7f000001);
tuple.dst.ip = new Be32(0x7f000001);

var errno = CtModOptions.TryLookupTuple(socket, ref tuple);
Console.WriteLine(!errno.IsError
    ? $"reply tuple: {tuple}"
    : $"CTMOD_SO_GET_TUPLE: {errno.Name} ({errno.Number}){(errno == Errno.ENOPROTOOPT ? ": the ctmod module is not loaded" : string.Empty)}");
return 0;
