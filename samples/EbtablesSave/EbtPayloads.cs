using KernelStructs;

namespace KernelStructs.Samples.EbtablesSave;

// The data of the ebtables extensions this sample prints, mirrored from <linux/netfilter_bridge/ebt_*.h>.

/// <summary><c>struct ebt_ip_info</c> (match <c>ip</c>).</summary>
[KernelStruct("struct ebt_ip_info", Header = "linux/netfilter_bridge/ebt_ip.h")]
public unsafe partial struct EbtIpInfo
{
    /// <summary>Source address.</summary>
    public Be32 saddr;

    /// <summary>Destination address.</summary>
    public Be32 daddr;

    /// <summary>Source mask.</summary>
    public Be32 smsk;

    /// <summary>Destination mask.</summary>
    public Be32 dmsk;

    /// <summary>Type of service.</summary>
    public byte tos;

    /// <summary>IP protocol.</summary>
    public byte protocol;

    /// <summary><c>EBT_IP_*</c>: which fields are matched.</summary>
    public byte bitmask;

    /// <summary><c>EBT_IP_*</c>: which matches are inverted.</summary>
    public byte invflags;

    /// <summary>Source port range, host order (the union also holds the ICMP and IGMP types).</summary>
    public fixed ushort sport[2];

    /// <summary>Destination port range, host order (the union also holds the ICMP codes).</summary>
    public fixed ushort dport[2];
}

/// <summary><c>struct ebt_mark_m_info</c> (match <c>mark_m</c>).</summary>
[KernelStruct("struct ebt_mark_m_info", Header = "linux/netfilter_bridge/ebt_mark_m.h")]
public partial struct EbtMarkMatchInfo
{
    /// <summary>The mark.</summary>
    public nuint mark;

    /// <summary>The mask.</summary>
    public nuint mask;

    /// <summary>Inverted.</summary>
    public byte invert;

    /// <summary><c>EBT_MARK_AND</c> or <c>EBT_MARK_OR</c>.</summary>
    public byte bitmask;
}

/// <summary><c>struct ebt_pkttype_info</c> (match <c>pkttype</c>).</summary>
[KernelStruct("struct ebt_pkttype_info", Header = "linux/netfilter_bridge/ebt_pkttype.h")]
public partial struct EbtPktTypeInfo
{
    /// <summary>Packet class (<c>PACKET_HOST</c>, ...).</summary>
    public byte pkt_type;

    /// <summary>Inverted.</summary>
    public byte invert;
}

/// <summary><c>struct ebt_limit_info</c> (match <c>limit</c>).</summary>
[KernelStruct("struct ebt_limit_info", Header = "linux/netfilter_bridge/ebt_limit.h")]
public partial struct EbtLimitInfo
{
    /// <summary>Average period between packets, times <c>EBT_LIMIT_SCALE</c>.</summary>
    public uint avg;

    /// <summary>Burst.</summary>
    public uint burst;

    /// <summary>Kernel state.</summary>
    public nuint prev;

    /// <summary>Kernel state.</summary>
    public uint credit;

    /// <summary>Kernel state.</summary>
    public uint credit_cap;

    /// <summary>Kernel state.</summary>
    public uint cost;
}

/// <summary><c>struct ebt_log_info</c> (watcher <c>log</c>).</summary>
[KernelStruct("struct ebt_log_info", Header = "linux/netfilter_bridge/ebt_log.h")]
public unsafe partial struct EbtLogInfo
{
    /// <summary>Syslog level.</summary>
    public byte loglevel;

    /// <summary>Prefix.</summary>
    [CString] public fixed byte prefix[30];

    /// <summary><c>EBT_LOG_*</c>.</summary>
    public uint bitmask;
}

/// <summary><c>struct ebt_mark_t_info</c> (target <c>mark</c>).</summary>
[KernelStruct("struct ebt_mark_t_info", Header = "linux/netfilter_bridge/ebt_mark_t.h")]
public partial struct EbtMarkTargetInfo
{
    /// <summary>The value.</summary>
    public nuint mark;

    /// <summary>The action (<c>MARK_*_VALUE</c>) or'ed with the verdict in <c>EBT_VERDICT_BITS</c>.</summary>
    public int target;
}

/// <summary><c>struct ebt_nat_info</c> (targets <c>snat</c>, <c>dnat</c>).</summary>
[KernelStruct("struct ebt_nat_info", Header = "linux/netfilter_bridge/ebt_nat.h")]
public unsafe partial struct EbtNatInfo
{
    /// <summary>The new MAC address.</summary>
    public fixed byte mac[6];

    /// <summary>The verdict (snat: or'ed with <c>NAT_ARP_BIT</c> cleared for <c>--snat-arp</c>).</summary>
    public int target;
}

/// <summary><c>struct ebt_redirect_info</c> (target <c>redirect</c>).</summary>
[KernelStruct("struct ebt_redirect_info", Header = "linux/netfilter_bridge/ebt_redirect.h")]
public partial struct EbtRedirectInfo
{
    /// <summary>The verdict.</summary>
    public int target;
}
