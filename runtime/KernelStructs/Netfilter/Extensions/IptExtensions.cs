namespace KernelStructs.Netfilter.Extensions;

// Mirrors of the IPv4-only extension headers (struct ipt_icmp is KernelStructs.Netfilter.IptIcmp):
// <linux/netfilter_ipv4/ipt_REJECT.h>, ipt_TTL.h, ipt_ttl.h and ipt_ah.h.

/// <summary><c>struct ipt_reject_info</c>: the <c>REJECT</c> target for IPv4 (revision 0).</summary>
[KernelStruct("struct ipt_reject_info", Header = "linux/netfilter_ipv4/ipt_REJECT.h")]
public partial struct IptRejectInfo
{
    /// <summary><c>enum ipt_reject_with</c>: <c>IPT_ICMP_NET_UNREACHABLE</c> ... <c>IPT_ICMP_ADMIN_PROHIBITED</c>.</summary>
    public uint with;
}

/// <summary><c>struct ipt_TTL_info</c>: the <c>TTL</c> target (IPv4, revision 0).</summary>
[KernelStruct("struct ipt_TTL_info", Header = "linux/netfilter_ipv4/ipt_TTL.h")]
public partial struct IptTtlTargetInfo
{
    /// <summary><c>IPT_TTL_SET</c>, <c>_INC</c> or <c>_DEC</c>.</summary>
    public byte mode;

    /// <summary>The value.</summary>
    public byte ttl;
}

/// <summary><c>struct ipt_ttl_info</c>: the <c>ttl</c> match (IPv4, revision 0).</summary>
[KernelStruct("struct ipt_ttl_info", Header = "linux/netfilter_ipv4/ipt_ttl.h")]
public partial struct IptTtlInfo
{
    /// <summary><c>IPT_TTL_EQ</c>, <c>_NE</c>, <c>_LT</c> or <c>_GT</c>.</summary>
    public byte mode;

    /// <summary>The value.</summary>
    public byte ttl;
}

/// <summary><c>struct ipt_ah</c>: the <c>ah</c> match for IPv4 (revision 0).</summary>
[KernelStruct("struct ipt_ah", Header = "linux/netfilter_ipv4/ipt_ah.h")]
public unsafe partial struct IptAh
{
    /// <summary>SPI range.</summary>
    public fixed uint spis[2];

    /// <summary><c>IPT_AH_INV_SPI</c>.</summary>
    public byte invflags;
}

/// <summary>Constants of the IPv4-only extension headers.</summary>
public static class IptExtensionConstants
{
    /// <summary><c>IPT_ICMP_INV</c>.</summary>
    public const byte IPT_ICMP_INV = 0x01;

    /// <summary><c>IPT_ICMP_NET_UNREACHABLE</c>: the first <c>enum ipt_reject_with</c>.</summary>
    public const uint IPT_ICMP_NET_UNREACHABLE = 0;

    /// <summary><c>IPT_ICMP_ADMIN_PROHIBITED</c>: the last <c>enum ipt_reject_with</c>.</summary>
    public const uint IPT_ICMP_ADMIN_PROHIBITED = 8;

    /// <summary><c>IPT_TTL_SET</c>.</summary>
    public const byte IPT_TTL_SET = 0;

    /// <summary><c>IPT_TTL_INC</c>.</summary>
    public const byte IPT_TTL_INC = 1;

    /// <summary><c>IPT_TTL_DEC</c>.</summary>
    public const byte IPT_TTL_DEC = 2;

    /// <summary><c>IPT_TTL_EQ</c>.</summary>
    public const byte IPT_TTL_EQ = 0;

    /// <summary><c>IPT_TTL_NE</c>.</summary>
    public const byte IPT_TTL_NE = 1;

    /// <summary><c>IPT_TTL_LT</c>.</summary>
    public const byte IPT_TTL_LT = 2;

    /// <summary><c>IPT_TTL_GT</c>.</summary>
    public const byte IPT_TTL_GT = 3;

    /// <summary><c>IPT_AH_INV_SPI</c>.</summary>
    public const byte IPT_AH_INV_SPI = 0x01;
}
