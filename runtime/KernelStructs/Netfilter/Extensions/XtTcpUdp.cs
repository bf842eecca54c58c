namespace KernelStructs.Netfilter.Extensions;

// Mirrors of <linux/netfilter/xt_tcpudp.h>: the tcp and udp matches.

/// <summary><c>struct xt_tcp</c>: the <c>tcp</c> match (revision 0).</summary>
[KernelStruct("struct xt_tcp", Header = "linux/netfilter/xt_tcpudp.h")]
public unsafe partial struct XtTcp
{
    /// <summary>Source port range, host byte order.</summary>
    public fixed ushort spts[2];

    /// <summary>Destination port range, host byte order.</summary>
    public fixed ushort dpts[2];

    /// <summary>TCP option kind to look for (0: none).</summary>
    public byte option;

    /// <summary>TCP flags to examine.</summary>
    public byte flg_mask;

    /// <summary>TCP flags that must be set among <c>flg_mask</c>.</summary>
    public byte flg_cmp;

    /// <summary><c>XT_TCP_INV_*</c>.</summary>
    public byte invflags;
}

/// <summary><c>struct xt_udp</c>: the <c>udp</c> match (revision 0).</summary>
[KernelStruct("struct xt_udp", Header = "linux/netfilter/xt_tcpudp.h")]
public unsafe partial struct XtUdp
{
    /// <summary>Source port range, host byte order.</summary>
    public fixed ushort spts[2];

    /// <summary>Destination port range, host byte order.</summary>
    public fixed ushort dpts[2];

    /// <summary><c>XT_UDP_INV_*</c>.</summary>
    public byte invflags;
}

/// <summary>Constants of <c>&lt;linux/netfilter/xt_tcpudp.h&gt;</c>.</summary>
public static class XtTcpUdp
{
    /// <summary><c>XT_TCP_INV_SRCPT</c>: invert the source ports.</summary>
    public const byte XT_TCP_INV_SRCPT = 0x01;

    /// <summary><c>XT_TCP_INV_DSTPT</c>: invert the destination ports.</summary>
    public const byte XT_TCP_INV_DSTPT = 0x02;

    /// <summary><c>XT_TCP_INV_FLAGS</c>: invert the flags test.</summary>
    public const byte XT_TCP_INV_FLAGS = 0x04;

    /// <summary><c>XT_TCP_INV_OPTION</c>: invert the option test.</summary>
    public const byte XT_TCP_INV_OPTION = 0x08;

    /// <summary><c>XT_UDP_INV_SRCPT</c>: invert the source ports.</summary>
    public const byte XT_UDP_INV_SRCPT = 0x01;

    /// <summary><c>XT_UDP_INV_DSTPT</c>: invert the destination ports.</summary>
    public const byte XT_UDP_INV_DSTPT = 0x02;
}
