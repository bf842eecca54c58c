using System.Runtime.InteropServices;

namespace KernelStructs.Netfilter.Extensions;

// Mirrors of the small match headers: <linux/netfilter/xt_helper.h>, xt_length.h, xt_mac.h, xt_pkttype.h,
// xt_tcpmss.h, xt_esp.h, xt_realm.h, xt_cpu.h, xt_devgroup.h, xt_cluster.h, xt_connlabel.h, xt_rpfilter.h,
// xt_ipcomp.h, xt_quota.h and xt_rateest.h.

/// <summary><c>struct xt_helper_info</c>: the <c>helper</c> match (revision 0).</summary>
[KernelStruct("struct xt_helper_info", Header = "linux/netfilter/xt_helper.h")]
public unsafe partial struct XtHelperInfo
{
    /// <summary>Non-zero: invert.</summary>
    public int invert;

    /// <summary>The helper's name.</summary>
    [CString] public fixed byte name[30];
}

/// <summary><c>struct xt_length_info</c>: the <c>length</c> match (revision 0).</summary>
[KernelStruct("struct xt_length_info", Header = "linux/netfilter/xt_length.h")]
public partial struct XtLengthInfo
{
    /// <summary>Lowest length.</summary>
    public ushort min;

    /// <summary>Highest length.</summary>
    public ushort max;

    /// <summary>Non-zero: invert.</summary>
    public byte invert;
}

/// <summary><c>struct xt_mac_info</c>: the <c>mac</c> match (revision 0).</summary>
[KernelStruct("struct xt_mac_info", Header = "linux/netfilter/xt_mac.h")]
public unsafe partial struct XtMacInfo
{
    /// <summary>The source MAC address (<c>unsigned char srcaddr[ETH_ALEN]</c>).</summary>
    public fixed byte srcaddr[6];

    /// <summary>Non-zero: invert.</summary>
    public int invert;
}

/// <summary><c>struct xt_pkttype_info</c>: the <c>pkttype</c> match (revision 0).</summary>
[KernelStruct("struct xt_pkttype_info", Header = "linux/netfilter/xt_pkttype.h")]
public partial struct XtPkttypeInfo
{
    /// <summary><c>PACKET_HOST</c>, <c>PACKET_BROADCAST</c>, <c>PACKET_MULTICAST</c>, ...</summary>
    public int pkttype;

    /// <summary>Non-zero: invert.</summary>
    public int invert;
}

/// <summary><c>struct xt_tcpmss_match_info</c>: the <c>tcpmss</c> match (revision 0).</summary>
[KernelStruct("struct xt_tcpmss_match_info", Header = "linux/netfilter/xt_tcpmss.h")]
public partial struct XtTcpmssMatchInfo
{
    /// <summary>Lowest MSS.</summary>
    public ushort mss_min;

    /// <summary>Highest MSS.</summary>
    public ushort mss_max;

    /// <summary>Non-zero: invert.</summary>
    public byte invert;
}

/// <summary><c>struct xt_esp</c>: the <c>esp</c> match (revision 0).</summary>
[KernelStruct("struct xt_esp", Header = "linux/netfilter/xt_esp.h")]
public unsafe partial struct XtEsp
{
    /// <summary>SPI range.</summary>
    public fixed uint spis[2];

    /// <summary><c>XT_ESP_INV_SPI</c>.</summary>
    public byte invflags;
}

/// <summary><c>struct xt_realm_info</c>: the <c>realm</c> match (IPv4, revision 0).</summary>
[KernelStruct("struct xt_realm_info", Header = "linux/netfilter/xt_realm.h")]
public partial struct XtRealmInfo
{
    /// <summary>The realm id.</summary>
    public uint id;

    /// <summary>The bits compared.</summary>
    public uint mask;

    /// <summary>Non-zero: invert.</summary>
    public byte invert;
}

/// <summary><c>struct xt_cpu_info</c>: the <c>cpu</c> match (revision 0).</summary>
[KernelStruct("struct xt_cpu_info", Header = "linux/netfilter/xt_cpu.h")]
public partial struct XtCpuInfo
{
    /// <summary>The CPU number.</summary>
    public uint cpu;

    /// <summary>Non-zero: invert.</summary>
    public uint invert;
}

/// <summary><c>struct xt_devgroup_info</c>: the <c>devgroup</c> match (revision 0).</summary>
[KernelStruct("struct xt_devgroup_info", Header = "linux/netfilter/xt_devgroup.h")]
public partial struct XtDevgroupInfo
{
    /// <summary><c>XT_DEVGROUP_MATCH_*</c> and <c>XT_DEVGROUP_INVERT_*</c>.</summary>
    public uint flags;

    /// <summary>Source (input) device group.</summary>
    public uint src_group;

    /// <summary>Its mask.</summary>
    public uint src_mask;

    /// <summary>Destination (output) device group.</summary>
    public uint dst_group;

    /// <summary>Its mask.</summary>
    public uint dst_mask;
}

/// <summary><c>struct xt_cluster_match_info</c>: the <c>cluster</c> match (revision 0).</summary>
[KernelStruct("struct xt_cluster_match_info", Header = "linux/netfilter/xt_cluster.h")]
public partial struct XtClusterMatchInfo
{
    /// <summary>Number of nodes.</summary>
    public uint total_nodes;

    /// <summary>This node's bits.</summary>
    public uint node_mask;

    /// <summary>Hash seed.</summary>
    public uint hash_seed;

    /// <summary><c>XT_CLUSTER_F_INV</c>.</summary>
    public uint flags;
}

/// <summary><c>struct xt_connlabel_mtinfo</c>: the <c>connlabel</c> match (revision 0).</summary>
[KernelStruct("struct xt_connlabel_mtinfo", Header = "linux/netfilter/xt_connlabel.h")]
public partial struct XtConnlabelMtinfo
{
    /// <summary>The label bit.</summary>
    public ushort bit;

    /// <summary><c>XT_CONNLABEL_OP_INVERT</c>, <c>XT_CONNLABEL_OP_SET</c>.</summary>
    public ushort options;
}

/// <summary><c>struct xt_rpfilter_info</c>: the <c>rpfilter</c> match (revision 0).</summary>
[KernelStruct("struct xt_rpfilter_info", Header = "linux/netfilter/xt_rpfilter.h")]
public partial struct XtRpfilterInfo
{
    /// <summary><c>XT_RPFILTER_*</c>.</summary>
    public byte flags;
}

/// <summary><c>struct xt_ipcomp</c>: the <c>ipcomp</c> match (revision 0).</summary>
[KernelStruct("struct xt_ipcomp", Header = "linux/netfilter/xt_ipcomp.h")]
public unsafe partial struct XtIpcomp
{
    /// <summary>CPI range.</summary>
    public fixed uint spis[2];

    /// <summary><c>XT_IPCOMP_INV_SPI</c>.</summary>
    public byte invflags;

    /// <summary>Non-zero: match the reserved field being non-zero (<c>--compres</c>).</summary>
    public byte hdrres;
}

/// <summary><c>struct xt_quota_info</c>: the <c>quota</c> match (revision 0).</summary>
[KernelStruct("struct xt_quota_info", Header = "linux/netfilter/xt_quota.h")]
[StructLayout(LayoutKind.Explicit, Size = 24)]
public partial struct XtQuotaInfo
{
    /// <summary><c>XT_QUOTA_INVERT</c>.</summary>
    [FieldOffset(0)] public uint flags;

    /// <summary>Padding.</summary>
    [FieldOffset(4)] public uint pad;

    /// <summary>The quota, bytes (<c>__aligned_u64</c>).</summary>
    [FieldOffset(8)] public ulong quota;

    /// <summary><c>struct xt_quota_priv *master</c>, the kernel's (zero in user space).</summary>
    [FieldOffset(16)] public nint master;
}

/// <summary>Constants of the small match headers.</summary>
public static class XtSmallMatches
{
    /// <summary><c>XT_ESP_INV_SPI</c>.</summary>
    public const byte XT_ESP_INV_SPI = 0x01;

    /// <summary><c>XT_IPCOMP_INV_SPI</c>.</summary>
    public const byte XT_IPCOMP_INV_SPI = 0x01;

    /// <summary><c>XT_DEVGROUP_MATCH_SRC</c>.</summary>
    public const uint XT_DEVGROUP_MATCH_SRC = 0x1;

    /// <summary><c>XT_DEVGROUP_INVERT_SRC</c>.</summary>
    public const uint XT_DEVGROUP_INVERT_SRC = 0x2;

    /// <summary><c>XT_DEVGROUP_MATCH_DST</c>.</summary>
    public const uint XT_DEVGROUP_MATCH_DST = 0x4;

    /// <summary><c>XT_DEVGROUP_INVERT_DST</c>.</summary>
    public const uint XT_DEVGROUP_INVERT_DST = 0x8;

    /// <summary><c>XT_CLUSTER_F_INV</c>.</summary>
    public const uint XT_CLUSTER_F_INV = 1 << 0;

    /// <summary><c>XT_CONNLABEL_OP_INVERT</c>.</summary>
    public const ushort XT_CONNLABEL_OP_INVERT = 1 << 0;

    /// <summary><c>XT_CONNLABEL_OP_SET</c>.</summary>
    public const ushort XT_CONNLABEL_OP_SET = 1 << 1;

    /// <summary><c>XT_RPFILTER_LOOSE</c>.</summary>
    public const byte XT_RPFILTER_LOOSE = 1 << 0;

    /// <summary><c>XT_RPFILTER_VALID_MARK</c>.</summary>
    public const byte XT_RPFILTER_VALID_MARK = 1 << 1;

    /// <summary><c>XT_RPFILTER_ACCEPT_LOCAL</c>.</summary>
    public const byte XT_RPFILTER_ACCEPT_LOCAL = 1 << 2;

    /// <summary><c>XT_RPFILTER_INVERT</c>.</summary>
    public const byte XT_RPFILTER_INVERT = 1 << 3;

    /// <summary><c>XT_QUOTA_INVERT</c>.</summary>
    public const uint XT_QUOTA_INVERT = 0x1;
}
