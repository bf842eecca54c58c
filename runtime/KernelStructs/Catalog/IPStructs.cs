namespace KernelStructs;

// Payloads of IPv4 and IPv6 socket options (linux/in.h, linux/in6.h): multicast membership and packet information.

/// <summary><c>struct ip_mreq</c> from <c>linux/in.h</c>: the payload of <c>IP_ADD_MEMBERSHIP</c>/<c>IP_DROP_MEMBERSHIP</c>.</summary>
[KernelStruct("struct ip_mreq", Header = "linux/in.h", ExpectedSize = 8)]
public partial struct IpMreq
{
    /// <summary>The group address.</summary>
    public InAddr imr_multiaddr;

    /// <summary>The local address of the interface (<c>INADDR_ANY</c>: let the kernel choose).</summary>
    public InAddr imr_interface;
}

/// <summary><c>struct ip_mreqn</c> from <c>linux/in.h</c>: <c>ip_mreq</c> with an interface index (<c>IP_ADD_MEMBERSHIP</c>, <c>IP_MULTICAST_IF</c>).</summary>
[KernelStruct("struct ip_mreqn", Header = "linux/in.h", ExpectedSize = 12)]
public partial struct IpMreqn
{
    /// <summary>The group address.</summary>
    public InAddr imr_multiaddr;

    /// <summary>The local address of the interface.</summary>
    public InAddr imr_address;

    /// <summary>The interface index (0: any).</summary>
    public int imr_ifindex;
}

/// <summary><c>struct ip_mreq_source</c> from <c>linux/in.h</c>: the payload of <c>IP_ADD_SOURCE_MEMBERSHIP</c>, <c>IP_BLOCK_SOURCE</c>, ...</summary>
[KernelStruct("struct ip_mreq_source", Header = "linux/in.h", ExpectedSize = 12)]
public partial struct IpMreqSource
{
    /// <summary>The group address.</summary>
    public Be32 imr_multiaddr;

    /// <summary>The local address of the interface.</summary>
    public Be32 imr_interface;

    /// <summary>The source address.</summary>
    public Be32 imr_sourceaddr;
}

/// <summary><c>struct in_pktinfo</c> from <c>linux/in.h</c>: the <c>IP_PKTINFO</c> control message.</summary>
[KernelStruct("struct in_pktinfo", Header = "linux/in.h", ExpectedSize = 12)]
public partial struct InPktinfo
{
    /// <summary>The interface index.</summary>
    public int ipi_ifindex;

    /// <summary>The local address the packet was routed by.</summary>
    public InAddr ipi_spec_dst;

    /// <summary>The header's destination address.</summary>
    public InAddr ipi_addr;
}

/// <summary><c>struct ipv6_mreq</c> from <c>linux/in6.h</c>: the payload of <c>IPV6_ADD_MEMBERSHIP</c>/<c>IPV6_DROP_MEMBERSHIP</c>.</summary>
[KernelStruct("struct ipv6_mreq", Header = "linux/in6.h", ExpectedSize = 20)]
public partial struct Ipv6Mreq
{
    /// <summary>The group address.</summary>
    public In6Addr ipv6mr_multiaddr;

    /// <summary>The interface index (0: let the kernel choose).</summary>
    public int ipv6mr_ifindex;
}

/// <summary><c>struct in6_flowlabel_req</c> from <c>linux/in6.h</c>: the payload of <c>IPV6_FLOWLABEL_MGR</c>.</summary>
[KernelStruct("struct in6_flowlabel_req", Header = "linux/in6.h", ExpectedSize = 32)]
public partial struct In6FlowlabelReq
{
    /// <summary>The destination address.</summary>
    public In6Addr flr_dst;

    /// <summary>The flow label, network order.</summary>
    public Be32 flr_label;

    /// <summary><c>IPV6_FL_A_GET</c> (0), <c>IPV6_FL_A_PUT</c> (1), <c>IPV6_FL_A_RENEW</c> (2).</summary>
    public byte flr_action;

    /// <summary><c>IPV6_FL_S_*</c>: who may share the label.</summary>
    public byte flr_share;

    /// <summary><c>IPV6_FL_F_*</c>.</summary>
    public ushort flr_flags;

    /// <summary>Seconds the label stays after its last use.</summary>
    public ushort flr_expires;

    /// <summary>Seconds the label lingers once released.</summary>
    public ushort flr_linger;

    /// <summary>Padding.</summary>
    public uint __flr_pad;
}
