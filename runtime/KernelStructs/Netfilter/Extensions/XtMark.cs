namespace KernelStructs.Netfilter.Extensions;

// Mirrors of <linux/netfilter/xt_mark.h> (the mark match and the MARK target) and <linux/netfilter/xt_connmark.h>
// (the connmark match and the CONNMARK target).

/// <summary><c>struct xt_mark_tginfo2</c>: the <c>MARK</c> target, revision 2 (and arp_tables' <c>MARK</c>): <c>mark = (mark &amp; ~mask) ^ value</c>.</summary>
[KernelStruct("struct xt_mark_tginfo2", Header = "linux/netfilter/xt_mark.h")]
public partial struct XtMarkTginfo2
{
    /// <summary>The value to XOR in.</summary>
    public uint mark;

    /// <summary>The bits to clear first.</summary>
    public uint mask;
}

/// <summary><c>struct xt_mark_mtinfo1</c>: the <c>mark</c> match, revision 1: <c>(nfmark &amp; mask) == mark</c>.</summary>
[KernelStruct("struct xt_mark_mtinfo1", Header = "linux/netfilter/xt_mark.h")]
public partial struct XtMarkMtinfo1
{
    /// <summary>The value.</summary>
    public uint mark;

    /// <summary>The mask.</summary>
    public uint mask;

    /// <summary>Non-zero: invert.</summary>
    public byte invert;
}

/// <summary><c>struct xt_connmark_tginfo1</c>: the <c>CONNMARK</c> target, revision 1.</summary>
[KernelStruct("struct xt_connmark_tginfo1", Header = "linux/netfilter/xt_connmark.h")]
public partial struct XtConnmarkTginfo1
{
    /// <summary>The value (<c>--set-xmark</c>).</summary>
    public uint ctmark;

    /// <summary>The conntrack mark mask.</summary>
    public uint ctmask;

    /// <summary>The packet mark mask.</summary>
    public uint nfmask;

    /// <summary><c>XT_CONNMARK_SET</c>, <c>_SAVE</c> or <c>_RESTORE</c>.</summary>
    public byte mode;
}

/// <summary><c>struct xt_connmark_tginfo2</c>: the <c>CONNMARK</c> target, revision 2 (adds a shift).</summary>
[KernelStruct("struct xt_connmark_tginfo2", Header = "linux/netfilter/xt_connmark.h")]
public partial struct XtConnmarkTginfo2
{
    /// <summary>The value (<c>--set-xmark</c>).</summary>
    public uint ctmark;

    /// <summary>The conntrack mark mask.</summary>
    public uint ctmask;

    /// <summary>The packet mark mask.</summary>
    public uint nfmask;

    /// <summary><c>D_SHIFT_LEFT</c> or <c>D_SHIFT_RIGHT</c>.</summary>
    public byte shift_dir;

    /// <summary>Bits to shift by.</summary>
    public byte shift_bits;

    /// <summary><c>XT_CONNMARK_SET</c>, <c>_SAVE</c> or <c>_RESTORE</c>.</summary>
    public byte mode;
}

/// <summary><c>struct xt_connmark_mtinfo1</c>: the <c>connmark</c> match, revision 1.</summary>
[KernelStruct("struct xt_connmark_mtinfo1", Header = "linux/netfilter/xt_connmark.h")]
public partial struct XtConnmarkMtinfo1
{
    /// <summary>The value.</summary>
    public uint mark;

    /// <summary>The mask.</summary>
    public uint mask;

    /// <summary>Non-zero: invert.</summary>
    public byte invert;
}

/// <summary>Constants of <c>&lt;linux/netfilter/xt_connmark.h&gt;</c>.</summary>
public static class XtConnmark
{
    /// <summary><c>XT_CONNMARK_SET</c>.</summary>
    public const byte XT_CONNMARK_SET = 0;

    /// <summary><c>XT_CONNMARK_SAVE</c>.</summary>
    public const byte XT_CONNMARK_SAVE = 1;

    /// <summary><c>XT_CONNMARK_RESTORE</c>.</summary>
    public const byte XT_CONNMARK_RESTORE = 2;

    /// <summary><c>D_SHIFT_LEFT</c>.</summary>
    public const byte D_SHIFT_LEFT = 0;

    /// <summary><c>D_SHIFT_RIGHT</c>.</summary>
    public const byte D_SHIFT_RIGHT = 1;
}
