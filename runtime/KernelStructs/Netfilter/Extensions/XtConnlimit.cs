using System.Runtime.InteropServices;

namespace KernelStructs.Netfilter.Extensions;

// Mirrors of <linux/netfilter/xt_connlimit.h>.

/// <summary>
/// <c>struct xt_connlimit_info</c>: the <c>connlimit</c> match (revision 1). It starts with an anonymous union of
/// <c>union nf_inet_addr mask</c> and another anonymous union of the aliases <c>v4_mask</c> and <c>v6_mask</c>, all
/// of which C reaches as members of the struct (<c>info.u.mask</c> here).
/// </summary>
[KernelStruct("struct xt_connlimit_info", Header = "linux/netfilter/xt_connlimit.h")]
[StructLayout(LayoutKind.Explicit, Size = 32)]
public partial struct XtConnlimitInfo
{
    /// <summary>The anonymous union: <c>mask</c>, or <c>v4_mask</c>/<c>v6_mask</c>.</summary>
    [FieldOffset(0), CField(Anonymous = true)] public Masks u;

    /// <summary>The connection count to compare with.</summary>
    [FieldOffset(16)] public uint limit;

    /// <summary><c>XT_CONNLIMIT_INVERT</c>, <c>XT_CONNLIMIT_DADDR</c>.</summary>
    [FieldOffset(20)] public uint flags;

    /// <summary><c>struct nf_conncount_data *data</c>, the kernel's (zero in user space).</summary>
    [FieldOffset(24), CField(Alignment = 8)] public nint data;

    /// <summary>The unnamed union of <c>mask</c> and the unnamed union of its aliases.</summary>
    [KernelStruct("union")]
    [StructLayout(LayoutKind.Explicit)]
    public partial struct Masks
    {
        /// <summary>The address mask connections are grouped by.</summary>
        [FieldOffset(0)] public NfInetAddr mask;

        /// <summary>The anonymous union of <c>v4_mask</c> and <c>v6_mask</c>.</summary>
        [FieldOffset(0), CField(Anonymous = true)] public V4V6 aliases;
    }

    /// <summary>The unnamed union of <c>v4_mask</c> and <c>v6_mask</c> (user space only).</summary>
    [KernelStruct("union")]
    [StructLayout(LayoutKind.Explicit)]
    public partial struct V4V6
    {
        /// <summary>The IPv4 mask.</summary>
        [FieldOffset(0)] public Be32 v4_mask;

        /// <summary>The IPv6 mask, as four big-endian words.</summary>
        [FieldOffset(0)] public NfInetAddr.Ip6Words v6_mask;
    }
}

/// <summary>Constants of <c>&lt;linux/netfilter/xt_connlimit.h&gt;</c>.</summary>
public static class XtConnlimit
{
    /// <summary><c>XT_CONNLIMIT_INVERT</c>: match above the limit (<c>--connlimit-above</c>).</summary>
    public const uint XT_CONNLIMIT_INVERT = 1 << 0;

    /// <summary><c>XT_CONNLIMIT_DADDR</c>: group by destination address.</summary>
    public const uint XT_CONNLIMIT_DADDR = 1 << 1;
}
