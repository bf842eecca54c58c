using System.Net;
using System.Net.Sockets;

namespace KernelStructs.Samples.ConntrackTupleModule;

/// <summary>Builds the tuples ctmod looks up and prints the ones it answers.</summary>
public static class CtModClient
{
    /// <summary>IP_CT_DIR_ORIGINAL.</summary>
    public const byte IP_CT_DIR_ORIGINAL = 0;

    /// <summary>IP_CT_DIR_REPLY.</summary>
    public const byte IP_CT_DIR_REPLY = 1;

    /// <summary>The IPv4 tuple of one direction of a TCP or UDP connection, as conntrack keys it.</summary>
    public static CtModTuple Tuple(ProtocolType protocol, IPEndPoint source, IPEndPoint destination)
    {
        var tuple = new CtModTuple
        {
            l3num = (ushort)AddressFamily.InterNetwork,
            protonum = (byte)protocol,
            sport = new Be16((ushort)source.Port),
            dport = new Be16((ushort)destination.Port),
        };
        tuple.src.ip = InAddr.FromIPAddress(source.Address).s_addr;
        tuple.dst.ip = InAddr.FromIPAddress(destination.Address).s_addr;
        return tuple;
    }

    /// <summary>One line per tuple: protocol, source, destination and direction, as conntrack prints them.</summary>
    public static string Describe(in CtModTuple t)
    {
        string protocol = t.protonum switch { 6 => "tcp", 17 => "udp", _ => $"proto {t.protonum}" };
        string direction = t.dir == IP_CT_DIR_REPLY ? "reply" : "original";
        return $"{protocol} src={new InAddr { s_addr = t.src.ip }} sport={t.sport.Value} dst={new InAddr { s_addr = t.dst.ip }} dport={t.dport.Value} (dir {direction})";
    }
}
