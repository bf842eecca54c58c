namespace KernelStructs.Netfilter.Extensions;

// Mirrors of <linux/netfilter/xt_addrtype.h>.

/// <summary><c>struct xt_addrtype_info</c>: the <c>addrtype</c> match, revision 0 (IPv4 only).</summary>
[KernelStruct("struct xt_addrtype_info", Header = "linux/netfilter/xt_addrtype.h")]
public partial struct XtAddrtypeInfo
{
    /// <summary>Source address types (<c>XT_ADDRTYPE_*</c>).</summary>
    public ushort source;

    /// <summary>Destination address types.</summary>
    public ushort dest;

    /// <summary>Non-zero: invert the source test.</summary>
    public uint invert_source;

    /// <summary>Non-zero: invert the destination test.</summary>
    public uint invert_dest;
}

/// <summary><c>struct xt_addrtype_info_v1</c>: the <c>addrtype</c> match, revision 1.</summary>
[KernelStruct("struct xt_addrtype_info_v1", Header = "linux/netfilter/xt_addrtype.h")]
public partial struct XtAddrtypeInfoV1
{
    /// <summary>Source address types (<c>XT_ADDRTYPE_*</c>).</summary>
    public ushort source;

    /// <summary>Destination address types.</summary>
    public ushort dest;

    /// <summary><c>XT_ADDRTYPE_INVERT_*</c> and <c>XT_ADDRTYPE_LIMIT_IFACE_*</c>.</summary>
    public uint flags;
}

/// <summary>Constants of <c>&lt;linux/netfilter/xt_addrtype.h&gt;</c>.</summary>
public static class XtAddrtype
{
    /// <summary><c>XT_ADDRTYPE_INVERT_SOURCE</c>.</summary>
    public const uint XT_ADDRTYPE_INVERT_SOURCE = 0x0001;

    /// <summary><c>XT_ADDRTYPE_INVERT_DEST</c>.</summary>
    public const uint XT_ADDRTYPE_INVERT_DEST = 0x0002;

    /// <summary><c>XT_ADDRTYPE_LIMIT_IFACE_IN</c>.</summary>
    public const uint XT_ADDRTYPE_LIMIT_IFACE_IN = 0x0004;

    /// <summary><c>XT_ADDRTYPE_LIMIT_IFACE_OUT</c>.</summary>
    public const uint XT_ADDRTYPE_LIMIT_IFACE_OUT = 0x0008;

    /// <summary><c>XT_ADDRTYPE_UNSPEC</c>: the first type bit; type <c>n</c> of <c>rtnetlink.h</c> is bit <c>n</c>, up to <see cref="XT_ADDRTYPE_XRESOLVE"/>.</summary>
    public const ushort XT_ADDRTYPE_UNSPEC = 1 << 0;

    /// <summary><c>XT_ADDRTYPE_XRESOLVE</c>: the last type bit.</summary>
    public const ushort XT_ADDRTYPE_XRESOLVE = 1 << 11;
}
