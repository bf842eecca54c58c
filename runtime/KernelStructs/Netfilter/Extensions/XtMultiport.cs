namespace KernelStructs.Netfilter.Extensions;

// Mirrors of <linux/netfilter/xt_multiport.h>.

/// <summary><c>struct xt_multiport</c>: the <c>multiport</c> match, revision 0 (no ranges, no inversion).</summary>
[KernelStruct("struct xt_multiport", Header = "linux/netfilter/xt_multiport.h")]
public unsafe partial struct XtMultiport
{
    /// <summary><c>XT_MULTIPORT_SOURCE</c>, <c>_DESTINATION</c> or <c>_EITHER</c>.</summary>
    public byte flags;

    /// <summary>Number of ports used.</summary>
    public byte count;

    /// <summary>The ports, host byte order.</summary>
    public fixed ushort ports[XtMultiportConstants.XT_MULTI_PORTS];
}

/// <summary><c>struct xt_multiport_v1</c>: the <c>multiport</c> match, revision 1 (ranges: <c>pflags[i]</c> makes <c>ports[i]:ports[i+1]</c> a range).</summary>
[KernelStruct("struct xt_multiport_v1", Header = "linux/netfilter/xt_multiport.h")]
public unsafe partial struct XtMultiportV1
{
    /// <summary><c>XT_MULTIPORT_SOURCE</c>, <c>_DESTINATION</c> or <c>_EITHER</c>.</summary>
    public byte flags;

    /// <summary>Number of ports used.</summary>
    public byte count;

    /// <summary>The ports, host byte order.</summary>
    public fixed ushort ports[XtMultiportConstants.XT_MULTI_PORTS];

    /// <summary>Non-zero where a port starts a range.</summary>
    public fixed byte pflags[XtMultiportConstants.XT_MULTI_PORTS];

    /// <summary>Non-zero: invert.</summary>
    public byte invert;
}

/// <summary>Constants of <c>&lt;linux/netfilter/xt_multiport.h&gt;</c>.</summary>
public static class XtMultiportConstants
{
    /// <summary><c>XT_MULTI_PORTS</c>: room for ports.</summary>
    public const int XT_MULTI_PORTS = 15;

    /// <summary><c>XT_MULTIPORT_SOURCE</c>.</summary>
    public const byte XT_MULTIPORT_SOURCE = 0;

    /// <summary><c>XT_MULTIPORT_DESTINATION</c>.</summary>
    public const byte XT_MULTIPORT_DESTINATION = 1;

    /// <summary><c>XT_MULTIPORT_EITHER</c>.</summary>
    public const byte XT_MULTIPORT_EITHER = 2;
}
