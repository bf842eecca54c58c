using System.Runtime.InteropServices;

namespace KernelStructs.Netfilter.Extensions;

// Mirrors of the address and port unions of <linux/netfilter.h> and <linux/netfilter/nf_conntrack_tuple_common.h>
// that extension payloads embed.

/// <summary>
/// <c>union nf_inet_addr</c>: an IPv4 or IPv6 address (or mask) in network byte order, as extensions that serve
/// both families store it (<c>conntrack</c>, <c>iprange</c>, <c>TPROXY</c>, NAT ranges, ...). An IPv4 address is
/// in <c>ip</c>, the first 4 bytes.
/// </summary>
[KernelStruct("union nf_inet_addr", Header = "linux/netfilter.h")]
[StructLayout(LayoutKind.Explicit)]
public unsafe partial struct NfInetAddr
{
    /// <summary>The 16 bytes as four 32-bit words.</summary>
    [FieldOffset(0)] public fixed uint all[4];

    /// <summary>An IPv4 address.</summary>
    [FieldOffset(0)] public Be32 ip;

    /// <summary>An IPv6 address as four big-endian words.</summary>
    [FieldOffset(0)] public fixed uint ip6[4];

    /// <summary>An IPv4 address as <c>struct in_addr</c>.</summary>
    [FieldOffset(0)] public InAddr @in;

    /// <summary>An IPv6 address as <c>struct in6_addr</c>.</summary>
    [FieldOffset(0)] public In6Addr in6;
}

/// <summary>
/// <c>union nf_conntrack_man_proto</c>: the protocol part of a NAT range or conntrack tuple (a port, an ICMP id or a
/// GRE key), network byte order. Every member is the same 16 bits; <c>all</c> reads them whatever the protocol.
/// </summary>
[KernelStruct("union nf_conntrack_man_proto", Header = "linux/netfilter/nf_conntrack_tuple_common.h")]
[StructLayout(LayoutKind.Explicit)]
public partial struct NfConntrackManProto
{
    /// <summary>The 16 bits, whatever the protocol.</summary>
    [FieldOffset(0)] public Be16 all;

    /// <summary>TCP port.</summary>
    [FieldOffset(0)] public NfConntrackManProtoPort tcp;

    /// <summary>UDP port.</summary>
    [FieldOffset(0)] public NfConntrackManProtoPort udp;

    /// <summary>ICMP id.</summary>
    [FieldOffset(0)] public NfConntrackManProtoId icmp;

    /// <summary>DCCP port.</summary>
    [FieldOffset(0)] public NfConntrackManProtoPort dccp;

    /// <summary>SCTP port.</summary>
    [FieldOffset(0)] public NfConntrackManProtoPort sctp;

    /// <summary>GRE key.</summary>
    [FieldOffset(0)] public NfConntrackManProtoKey gre;
}

/// <summary>The unnamed <c>struct { __be16 port; }</c> of <c>union nf_conntrack_man_proto</c>'s <c>tcp</c>, <c>udp</c>, <c>dccp</c> and <c>sctp</c>.</summary>
[KernelStruct("struct nf_conntrack_man_proto_port")]
public partial struct NfConntrackManProtoPort
{
    /// <summary>The port.</summary>
    public Be16 port;
}

/// <summary>The unnamed <c>struct { __be16 id; }</c> of <c>union nf_conntrack_man_proto</c>'s <c>icmp</c>.</summary>
[KernelStruct("struct nf_conntrack_man_proto_icmp")]
public partial struct NfConntrackManProtoId
{
    /// <summary>The ICMP echo id.</summary>
    public Be16 id;
}

/// <summary>The unnamed <c>struct { __be16 key; }</c> of <c>union nf_conntrack_man_proto</c>'s <c>gre</c>.</summary>
[KernelStruct("struct nf_conntrack_man_proto_gre")]
public partial struct NfConntrackManProtoKey
{
    /// <summary>The GRE key.</summary>
    public Be16 key;
}
