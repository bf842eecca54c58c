using System.Runtime.InteropServices;

namespace KernelStructs.Netfilter.Extensions;

// Mirrors of <linux/netfilter/xt_set.h> (the set match and SET target) and the parts of
// <linux/netfilter/ipset/ip_set.h> they use.

/// <summary><c>struct xt_set_info_v0</c>: a set and its per-dimension flags, revision 0.</summary>
[KernelStruct("struct xt_set_info_v0", Header = "linux/netfilter/xt_set.h")]
public partial struct XtSetInfoV0
{
    /// <summary>The set's index (<c>ip_set_id_t</c>).</summary>
    public ushort index;

    /// <summary>The flags, per dimension.</summary>
    public XtSetInfoV0Flags u;
}

/// <summary>The unnamed union <c>u</c> of <c>struct xt_set_info_v0</c>.</summary>
[KernelStruct("union xt_set_info_v0_u")]
[StructLayout(LayoutKind.Explicit)]
public unsafe partial struct XtSetInfoV0Flags
{
    /// <summary><c>IPSET_SRC</c>/<c>IPSET_DST</c> per dimension, 0-terminated (<c>__u32 flags[IPSET_DIM_MAX + 1]</c>).</summary>
    [FieldOffset(0)] public fixed uint flags[XtSetConstants.IPSET_DIM_MAX + 1];

    /// <summary>The same, with the dimension count and the inversion flag at the end.</summary>
    [FieldOffset(0)] public XtSetInfoV0Compat compat;
}

/// <summary>The unnamed <c>struct { __u32 __flags[IPSET_DIM_MAX]; __u8 dim, flags; }</c> of <c>xt_set_info_v0.u.compat</c>.</summary>
[KernelStruct("struct xt_set_info_v0_compat")]
public unsafe partial struct XtSetInfoV0Compat
{
    /// <summary>Per-dimension flags.</summary>
    public fixed uint __flags[XtSetConstants.IPSET_DIM_MAX];

    /// <summary>Number of dimensions.</summary>
    public byte dim;

    /// <summary><c>IPSET_MATCH_INV</c>.</summary>
    public byte flags;
}

/// <summary><c>struct xt_set_info_match_v0</c>: the <c>set</c> match, revision 0.</summary>
[KernelStruct("struct xt_set_info_match_v0", Header = "linux/netfilter/xt_set.h")]
public partial struct XtSetInfoMatchV0
{
    /// <summary>The set to match.</summary>
    public XtSetInfoV0 match_set;
}

/// <summary><c>struct xt_set_info_target_v0</c>: the <c>SET</c> target, revision 0.</summary>
[KernelStruct("struct xt_set_info_target_v0", Header = "linux/netfilter/xt_set.h")]
public partial struct XtSetInfoTargetV0
{
    /// <summary>The set to add to.</summary>
    public XtSetInfoV0 add_set;

    /// <summary>The set to delete from.</summary>
    public XtSetInfoV0 del_set;
}

/// <summary><c>struct xt_set_info</c>: a set, its dimension and its flags (revisions 1 and later).</summary>
[KernelStruct("struct xt_set_info", Header = "linux/netfilter/xt_set.h")]
public partial struct XtSetInfo
{
    /// <summary>The set's index (<c>ip_set_id_t</c>; <c>IPSET_INVALID_ID</c>: none).</summary>
    public ushort index;

    /// <summary>Number of dimensions.</summary>
    public byte dim;

    /// <summary><c>IPSET_INV_MATCH</c> and bit <c>n</c> for a source dimension <c>n</c>.</summary>
    public byte flags;
}

/// <summary><c>struct xt_set_info_match_v1</c>: the <c>set</c> match, revisions 1 and 2.</summary>
[KernelStruct("struct xt_set_info_match_v1", Header = "linux/netfilter/xt_set.h")]
public partial struct XtSetInfoMatchV1
{
    /// <summary>The set to match.</summary>
    public XtSetInfo match_set;
}

/// <summary><c>struct xt_set_info_target_v1</c>: the <c>SET</c> target, revision 1.</summary>
[KernelStruct("struct xt_set_info_target_v1", Header = "linux/netfilter/xt_set.h")]
public partial struct XtSetInfoTargetV1
{
    /// <summary>The set to add to.</summary>
    public XtSetInfo add_set;

    /// <summary>The set to delete from.</summary>
    public XtSetInfo del_set;
}

/// <summary><c>struct xt_set_info_target_v2</c>: the <c>SET</c> target, revision 2 (adds <c>--exist</c> and <c>--timeout</c>).</summary>
[KernelStruct("struct xt_set_info_target_v2", Header = "linux/netfilter/xt_set.h")]
public partial struct XtSetInfoTargetV2
{
    /// <summary>The set to add to.</summary>
    public XtSetInfo add_set;

    /// <summary>The set to delete from.</summary>
    public XtSetInfo del_set;

    /// <summary><c>IPSET_FLAG_EXIST</c>.</summary>
    public uint flags;

    /// <summary>Timeout of added entries, seconds.</summary>
    public uint timeout;
}

/// <summary><c>struct ip_set_counter_match0</c>: a counter comparison of <c>set</c> revision 3.</summary>
[KernelStruct("struct ip_set_counter_match0", Header = "linux/netfilter/ipset/ip_set.h")]
public partial struct IpSetCounterMatch0
{
    /// <summary><c>IPSET_COUNTER_*</c>.</summary>
    public byte op;

    /// <summary>The value compared with.</summary>
    public ulong value;
}

/// <summary><c>struct ip_set_counter_match</c>: a counter comparison of <c>set</c> revision 4.</summary>
[KernelStruct("struct ip_set_counter_match", Header = "linux/netfilter/ipset/ip_set.h")]
public partial struct IpSetCounterMatch
{
    /// <summary>The value compared with.</summary>
    public ulong value;

    /// <summary><c>IPSET_COUNTER_*</c>.</summary>
    public byte op;
}

/// <summary><c>struct xt_set_info_match_v3</c>: the <c>set</c> match, revision 3 (counters).</summary>
[KernelStruct("struct xt_set_info_match_v3", Header = "linux/netfilter/xt_set.h")]
public partial struct XtSetInfoMatchV3
{
    /// <summary>The set to match.</summary>
    public XtSetInfo match_set;

    /// <summary>Packet counter test.</summary>
    public IpSetCounterMatch0 packets;

    /// <summary>Byte counter test.</summary>
    public IpSetCounterMatch0 bytes;

    /// <summary><c>IPSET_FLAG_*</c>.</summary>
    public uint flags;
}

/// <summary><c>struct xt_set_info_target_v3</c>: the <c>SET</c> target, revision 3 (adds <c>--map-set</c>).</summary>
[KernelStruct("struct xt_set_info_target_v3", Header = "linux/netfilter/xt_set.h")]
public partial struct XtSetInfoTargetV3
{
    /// <summary>The set to add to.</summary>
    public XtSetInfo add_set;

    /// <summary>The set to delete from.</summary>
    public XtSetInfo del_set;

    /// <summary>The set to map skb information from.</summary>
    public XtSetInfo map_set;

    /// <summary><c>IPSET_FLAG_*</c>.</summary>
    public uint flags;

    /// <summary>Timeout of added entries, seconds.</summary>
    public uint timeout;
}

/// <summary><c>struct xt_set_info_match_v4</c>: the <c>set</c> match, revision 4.</summary>
[KernelStruct("struct xt_set_info_match_v4", Header = "linux/netfilter/xt_set.h")]
public partial struct XtSetInfoMatchV4
{
    /// <summary>The set to match.</summary>
    public XtSetInfo match_set;

    /// <summary>Packet counter test.</summary>
    public IpSetCounterMatch packets;

    /// <summary>Byte counter test.</summary>
    public IpSetCounterMatch bytes;

    /// <summary><c>IPSET_FLAG_*</c>.</summary>
    public uint flags;
}

/// <summary><c>union ip_set_name_index</c>: a set's name or index.</summary>
[KernelStruct("union ip_set_name_index", Header = "linux/netfilter/ipset/ip_set.h")]
[StructLayout(LayoutKind.Explicit)]
public unsafe partial struct IpSetNameIndex
{
    /// <summary>The name.</summary>
    [FieldOffset(0), CString] public fixed byte name[XtSetConstants.IPSET_MAXNAMELEN];

    /// <summary>The index.</summary>
    [FieldOffset(0)] public ushort index;
}

/// <summary><c>struct ip_set_req_get_set</c>: the argument and answer of <c>SO_IP_SET</c> with <c>IP_SET_OP_GET_BYNAME</c>/<c>_GET_BYINDEX</c>.</summary>
[KernelStruct("struct ip_set_req_get_set", Header = "linux/netfilter/ipset/ip_set.h")]
public partial struct IpSetReqGetSet
{
    /// <summary><c>IP_SET_OP_GET_BYNAME</c> or <c>IP_SET_OP_GET_BYINDEX</c>.</summary>
    public uint op;

    /// <summary>The protocol version (<c>IP_SET_OP_VERSION</c>'s answer).</summary>
    public uint version;

    /// <summary>In: the name or index; out: the other.</summary>
    public IpSetNameIndex set;
}

/// <summary><c>struct ip_set_req_version</c>: the argument and answer of <c>SO_IP_SET</c> with <c>IP_SET_OP_VERSION</c>.</summary>
[KernelStruct("struct ip_set_req_version", Header = "linux/netfilter/ipset/ip_set.h")]
public partial struct IpSetReqVersion
{
    /// <summary><c>IP_SET_OP_VERSION</c>.</summary>
    public uint op;

    /// <summary>Out: the kernel's protocol version.</summary>
    public uint version;
}

/// <summary>Constants of <c>&lt;linux/netfilter/xt_set.h&gt;</c> and <c>&lt;linux/netfilter/ipset/ip_set.h&gt;</c>.</summary>
public static class XtSetConstants
{
    /// <summary><c>IPSET_MAXNAMELEN</c>.</summary>
    public const int IPSET_MAXNAMELEN = 32;

    /// <summary><c>IPSET_DIM_MAX</c>.</summary>
    public const int IPSET_DIM_MAX = 6;

    /// <summary><c>IPSET_SRC</c> (revision 0).</summary>
    public const uint IPSET_SRC = 0x01;

    /// <summary><c>IPSET_DST</c> (revision 0).</summary>
    public const uint IPSET_DST = 0x02;

    /// <summary><c>IPSET_MATCH_INV</c> (revision 0).</summary>
    public const byte IPSET_MATCH_INV = 0x04;

    /// <summary><c>IPSET_INV_MATCH</c>.</summary>
    public const byte IPSET_INV_MATCH = 1 << 0;

    /// <summary><c>IPSET_RETURN_NOMATCH</c>: in <c>xt_set_info.flags</c> of <c>set</c> revision 2.</summary>
    public const byte IPSET_RETURN_NOMATCH = 1 << 7;

    /// <summary><c>IPSET_PROTOCOL</c>: the protocol version these structs are.</summary>
    public const uint IPSET_PROTOCOL = 7;

    /// <summary><c>IPSET_INVALID_ID</c>: no set.</summary>
    public const ushort IPSET_INVALID_ID = 65535;

    /// <summary><c>IPSET_FLAG_EXIST</c>.</summary>
    public const uint IPSET_FLAG_EXIST = 1 << 0;

    /// <summary><c>IPSET_FLAG_SKIP_COUNTER_UPDATE</c>.</summary>
    public const uint IPSET_FLAG_SKIP_COUNTER_UPDATE = 1 << 3;

    /// <summary><c>IPSET_FLAG_SKIP_SUBCOUNTER_UPDATE</c>.</summary>
    public const uint IPSET_FLAG_SKIP_SUBCOUNTER_UPDATE = 1 << 4;

    /// <summary><c>IPSET_FLAG_MATCH_COUNTERS</c>.</summary>
    public const uint IPSET_FLAG_MATCH_COUNTERS = 1 << 5;

    /// <summary><c>IPSET_FLAG_RETURN_NOMATCH</c>.</summary>
    public const uint IPSET_FLAG_RETURN_NOMATCH = 1 << 7;

    /// <summary><c>IPSET_FLAG_MAP_SKBMARK</c>.</summary>
    public const uint IPSET_FLAG_MAP_SKBMARK = 1 << 8;

    /// <summary><c>IPSET_FLAG_MAP_SKBPRIO</c>.</summary>
    public const uint IPSET_FLAG_MAP_SKBPRIO = 1 << 9;

    /// <summary><c>IPSET_FLAG_MAP_SKBQUEUE</c>.</summary>
    public const uint IPSET_FLAG_MAP_SKBQUEUE = 1 << 10;

    /// <summary><c>IPSET_COUNTER_NONE</c>.</summary>
    public const byte IPSET_COUNTER_NONE = 0;

    /// <summary><c>IPSET_COUNTER_EQ</c>.</summary>
    public const byte IPSET_COUNTER_EQ = 1;

    /// <summary><c>IPSET_COUNTER_NE</c>.</summary>
    public const byte IPSET_COUNTER_NE = 2;

    /// <summary><c>IPSET_COUNTER_LT</c>.</summary>
    public const byte IPSET_COUNTER_LT = 3;

    /// <summary><c>IPSET_COUNTER_GT</c>.</summary>
    public const byte IPSET_COUNTER_GT = 4;

    /// <summary><c>IP_SET_OP_VERSION</c>.</summary>
    public const uint IP_SET_OP_VERSION = 0x00000100;

    /// <summary><c>IP_SET_OP_GET_BYNAME</c>.</summary>
    public const uint IP_SET_OP_GET_BYNAME = 0x00000006;

    /// <summary><c>IP_SET_OP_GET_BYINDEX</c>.</summary>
    public const uint IP_SET_OP_GET_BYINDEX = 0x00000007;
}
