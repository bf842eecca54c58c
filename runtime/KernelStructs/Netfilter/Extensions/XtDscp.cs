namespace KernelStructs.Netfilter.Extensions;

// Mirrors of <linux/netfilter/xt_dscp.h> (dscp, tos matches) and <linux/netfilter/xt_DSCP.h> (DSCP, TOS targets).

/// <summary><c>struct xt_dscp_info</c>: the <c>dscp</c> match (revision 0).</summary>
[KernelStruct("struct xt_dscp_info", Header = "linux/netfilter/xt_dscp.h")]
public partial struct XtDscpInfo
{
    /// <summary>The DSCP value (6 bits).</summary>
    public byte dscp;

    /// <summary>Non-zero: invert.</summary>
    public byte invert;
}

/// <summary><c>struct xt_tos_match_info</c>: the <c>tos</c> match, revision 1.</summary>
[KernelStruct("struct xt_tos_match_info", Header = "linux/netfilter/xt_dscp.h")]
public partial struct XtTosMatchInfo
{
    /// <summary>The bits compared.</summary>
    public byte tos_mask;

    /// <summary>The value they must have.</summary>
    public byte tos_value;

    /// <summary>Non-zero: invert.</summary>
    public byte invert;
}

/// <summary><c>struct xt_DSCP_info</c>: the <c>DSCP</c> target (revision 0).</summary>
[KernelStruct("struct xt_DSCP_info", Header = "linux/netfilter/xt_DSCP.h")]
public partial struct XtDscpTargetInfo
{
    /// <summary>The DSCP value to set.</summary>
    public byte dscp;
}

/// <summary><c>struct xt_tos_target_info</c>: the <c>TOS</c> target, revision 1: <c>tos = (tos &amp; ~mask) ^ value</c>.</summary>
[KernelStruct("struct xt_tos_target_info", Header = "linux/netfilter/xt_DSCP.h")]
public partial struct XtTosTargetInfo
{
    /// <summary>The value to XOR in.</summary>
    public byte tos_value;

    /// <summary>The bits to clear first.</summary>
    public byte tos_mask;
}

/// <summary>Constants of <c>&lt;linux/netfilter/xt_dscp.h&gt;</c>.</summary>
public static class XtDscp
{
    /// <summary><c>XT_DSCP_MASK</c>: the DSCP bits of the TOS byte.</summary>
    public const byte XT_DSCP_MASK = 0xfc;

    /// <summary><c>XT_DSCP_SHIFT</c>.</summary>
    public const int XT_DSCP_SHIFT = 2;

    /// <summary><c>XT_DSCP_MAX</c>.</summary>
    public const byte XT_DSCP_MAX = 0x3f;
}
