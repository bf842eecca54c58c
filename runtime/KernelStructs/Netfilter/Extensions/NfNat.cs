namespace KernelStructs.Netfilter.Extensions;

// Mirrors of <linux/netfilter/nf_nat.h>: the payloads of SNAT, DNAT, MASQUERADE, REDIRECT and NETMAP.

/// <summary><c>struct nf_nat_ipv4_range</c>: one IPv4 NAT range (of <see cref="NfNatIpv4MultiRangeCompat"/>).</summary>
[KernelStruct("struct nf_nat_ipv4_range", Header = "linux/netfilter/nf_nat.h")]
public partial struct NfNatIpv4Range
{
    /// <summary><c>NF_NAT_RANGE_*</c> flags (<see cref="NfNat"/>).</summary>
    public uint flags;

    /// <summary>Lowest address of the range.</summary>
    public Be32 min_ip;

    /// <summary>Highest address of the range.</summary>
    public Be32 max_ip;

    /// <summary>Lowest port (or ICMP id).</summary>
    public NfConntrackManProto min;

    /// <summary>Highest port (or ICMP id).</summary>
    public NfConntrackManProto max;
}

/// <summary>
/// <c>struct nf_nat_ipv4_multi_range_compat</c>: revision 0 of SNAT/DNAT (IPv4 only) and of MASQUERADE, REDIRECT and
/// NETMAP for IPv4; <c>rangesize</c> is 1.
/// </summary>
[KernelStruct("struct nf_nat_ipv4_multi_range_compat", Header = "linux/netfilter/nf_nat.h")]
public partial struct NfNatIpv4MultiRangeCompat
{
    /// <summary>Number of ranges: 1.</summary>
    public uint rangesize;

    /// <summary>The range (<c>struct nf_nat_ipv4_range range[1]</c>).</summary>
    public NfNatIpv4Range range;
}

/// <summary><c>struct nf_nat_range</c>: revision 1 of SNAT/DNAT, and MASQUERADE, REDIRECT, NETMAP for IPv6.</summary>
[KernelStruct("struct nf_nat_range", Header = "linux/netfilter/nf_nat.h")]
public partial struct NfNatRange
{
    /// <summary><c>NF_NAT_RANGE_*</c> flags (<see cref="NfNat"/>).</summary>
    public uint flags;

    /// <summary>Lowest address.</summary>
    public NfInetAddr min_addr;

    /// <summary>Highest address.</summary>
    public NfInetAddr max_addr;

    /// <summary>Lowest port (or ICMP id).</summary>
    public NfConntrackManProto min_proto;

    /// <summary>Highest port (or ICMP id).</summary>
    public NfConntrackManProto max_proto;
}

/// <summary><c>struct nf_nat_range2</c>: revision 2 of SNAT/DNAT, which adds the base of a port offset (<c>--to-destination a:p-q/base</c>).</summary>
[KernelStruct("struct nf_nat_range2", Header = "linux/netfilter/nf_nat.h")]
public partial struct NfNatRange2
{
    /// <summary><c>NF_NAT_RANGE_*</c> flags (<see cref="NfNat"/>).</summary>
    public uint flags;

    /// <summary>Lowest address.</summary>
    public NfInetAddr min_addr;

    /// <summary>Highest address.</summary>
    public NfInetAddr max_addr;

    /// <summary>Lowest port (or ICMP id).</summary>
    public NfConntrackManProto min_proto;

    /// <summary>Highest port (or ICMP id).</summary>
    public NfConntrackManProto max_proto;

    /// <summary>With <c>NF_NAT_RANGE_PROTO_OFFSET</c>: the port that maps to <c>min_proto</c>.</summary>
    public NfConntrackManProto base_proto;
}

/// <summary>Constants of <c>&lt;linux/netfilter/nf_nat.h&gt;</c>.</summary>
public static class NfNat
{
    /// <summary><c>NF_NAT_RANGE_MAP_IPS</c>: the range has addresses.</summary>
    public const uint NF_NAT_RANGE_MAP_IPS = 1 << 0;

    /// <summary><c>NF_NAT_RANGE_PROTO_SPECIFIED</c>: the range has ports.</summary>
    public const uint NF_NAT_RANGE_PROTO_SPECIFIED = 1 << 1;

    /// <summary><c>NF_NAT_RANGE_PROTO_RANDOM</c>: <c>--random</c>.</summary>
    public const uint NF_NAT_RANGE_PROTO_RANDOM = 1 << 2;

    /// <summary><c>NF_NAT_RANGE_PERSISTENT</c>: <c>--persistent</c>.</summary>
    public const uint NF_NAT_RANGE_PERSISTENT = 1 << 3;

    /// <summary><c>NF_NAT_RANGE_PROTO_RANDOM_FULLY</c>: <c>--random-fully</c>.</summary>
    public const uint NF_NAT_RANGE_PROTO_RANDOM_FULLY = 1 << 4;

    /// <summary><c>NF_NAT_RANGE_PROTO_OFFSET</c>: <c>base_proto</c> is set (revision 2).</summary>
    public const uint NF_NAT_RANGE_PROTO_OFFSET = 1 << 5;

    /// <summary><c>NF_NAT_RANGE_NETMAP</c>: map the prefix (NETMAP through SNAT/DNAT).</summary>
    public const uint NF_NAT_RANGE_NETMAP = 1 << 6;
}
