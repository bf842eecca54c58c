using System.Net;
using System.Net.Sockets;
using KernelStructs.Netfilter;

namespace KernelStructs.Samples.ConntrackTupleModule;

/// <summary>Builds the tuples ctmod looks up and prints the ones it answers.</summary>
public static class CtModClient
{
    /// <summary>IP_CT_DIR_ORIGINAL.</summary>
    public const byte IP_CT_DIR_ORIGINAL = 0;

    /// <summary>IP_CT_DIR_REPLY.</summary>
    public const byte IP_CT_DIR_REPLY = 1;

    /// <summary>The IPv4 tuple of one direction of a TCP or UDP connection, as conntrack keys it.</summary>
    public static NfConntrackTuple Tuple(ProtocolType protocol, IPEndPoint source, IPEndPoint destination)
    {
        var tuple = default(NfConntrackTuple);
        tuple.src.u3.@in = InAddr.FromIPAddress(source.Address);
        tuple.src.u.all = new Be16((ushort)source.Port);
        tuple.src.l3num = (ushort)AddressFamily.InterNetwork;
        tuple.dst.u3.@in = InAddr.FromIPAddress(destination.Address);
        tuple.dst.u.all = new Be16((ushort)destination.Port);
        tuple.dst.protonum = (byte)protocol;
        return tuple;
    }

    /// <summary>One line per tuple: protocol, source, destination and direction, as conntrack prints them.</summary>
    public static string Describe(in NfConntrackTuple t)
    {
        string protocol = t.dst.protonum switch { 6 => "tcp", 17 => "udp", _ => $"proto {t.dst.protonum}" };
        string direction = t.dst.dir == IP_CT_DIR_REPLY ? "reply" : "original";
        return $"{protocol} src={t.src.u3.@in} sport={t.src.u.all.Value} dst={t.dst.u3.@in} dport={t.dst.u.all.Value} (dir {direction})";
    }
}
