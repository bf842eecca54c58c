namespace KernelStructs.Netfilter.Extensions;

// Mirrors of <linux/netfilter/xt_connbytes.h>.

/// <summary><c>struct xt_connbytes_info</c>: the <c>connbytes</c> match (revision 0).</summary>
[KernelStruct("struct xt_connbytes_info", Header = "linux/netfilter/xt_connbytes.h")]
public partial struct XtConnbytesInfo
{
    /// <summary>The range of the count.</summary>
    public XtConnbytesCount count;

    /// <summary><c>XT_CONNBYTES_PKTS</c>, <c>_BYTES</c> or <c>_AVGPKT</c>.</summary>
    public byte what;

    /// <summary><c>XT_CONNBYTES_DIR_ORIGINAL</c>, <c>_REPLY</c> or <c>_BOTH</c>.</summary>
    public byte direction;
}

/// <summary>The unnamed <c>struct { __aligned_u64 from, to; }</c> of <c>xt_connbytes_info.count</c>.</summary>
[KernelStruct("struct xt_connbytes_count")]
public partial struct XtConnbytesCount
{
    /// <summary>Lowest count.</summary>
    public ulong from;

    /// <summary>Highest count.</summary>
    public ulong to;
}

/// <summary>Constants of <c>&lt;linux/netfilter/xt_connbytes.h&gt;</c>.</summary>
public static class XtConnbytes
{
    /// <summary><c>XT_CONNBYTES_PKTS</c>.</summary>
    public const byte XT_CONNBYTES_PKTS = 0;

    /// <summary><c>XT_CONNBYTES_BYTES</c>.</summary>
    public const byte XT_CONNBYTES_BYTES = 1;

    /// <summary><c>XT_CONNBYTES_AVGPKT</c>.</summary>
    public const byte XT_CONNBYTES_AVGPKT = 2;

    /// <summary><c>XT_CONNBYTES_DIR_ORIGINAL</c>.</summary>
    public const byte XT_CONNBYTES_DIR_ORIGINAL = 0;

    /// <summary><c>XT_CONNBYTES_DIR_REPLY</c>.</summary>
    public const byte XT_CONNBYTES_DIR_REPLY = 1;

    /// <summary><c>XT_CONNBYTES_DIR_BOTH</c>.</summary>
    public const byte XT_CONNBYTES_DIR_BOTH = 2;
}
