using System.Runtime.InteropServices;

namespace KernelStructs.Netfilter.Extensions;

// Mirrors of <linux/netfilter/xt_owner.h>, xt_physdev.h, xt_iprange.h, xt_recent.h, xt_socket.h, xt_statistic.h,
// xt_string.h, xt_time.h, xt_limit.h, xt_rateest.h, xt_nfacct.h and <linux/netfilter/nfnetlink_osf.h>.

/// <summary><c>struct xt_owner_match_info</c>: the <c>owner</c> match, revision 1.</summary>
[KernelStruct("struct xt_owner_match_info", Header = "linux/netfilter/xt_owner.h")]
public partial struct XtOwnerMatchInfo
{
    /// <summary>Lowest uid.</summary>
    public uint uid_min;

    /// <summary>Highest uid.</summary>
    public uint uid_max;

    /// <summary>Lowest gid.</summary>
    public uint gid_min;

    /// <summary>Highest gid.</summary>
    public uint gid_max;

    /// <summary><c>XT_OWNER_*</c>: which tests are made.</summary>
    public byte match;

    /// <summary><c>XT_OWNER_*</c>: which tests are inverted.</summary>
    public byte invert;
}

/// <summary><c>struct xt_physdev_info</c>: the <c>physdev</c> match (revision 0).</summary>
[KernelStruct("struct xt_physdev_info", Header = "linux/netfilter/xt_physdev.h")]
public unsafe partial struct XtPhysdevInfo
{
    /// <summary>Bridge port the packet came in on.</summary>
    [CString] public fixed byte physindev[16];

    /// <summary>Which bytes of <c>physindev</c> are compared.</summary>
    public fixed byte in_mask[16];

    /// <summary>Bridge port the packet goes out on.</summary>
    [CString] public fixed byte physoutdev[16];

    /// <summary>Which bytes of <c>physoutdev</c> are compared.</summary>
    public fixed byte out_mask[16];

    /// <summary><c>XT_PHYSDEV_OP_*</c>: which tests are inverted.</summary>
    public byte invert;

    /// <summary><c>XT_PHYSDEV_OP_*</c>: which tests are made.</summary>
    public byte bitmask;
}

/// <summary><c>struct xt_iprange_mtinfo</c>: the <c>iprange</c> match, revision 1.</summary>
[KernelStruct("struct xt_iprange_mtinfo", Header = "linux/netfilter/xt_iprange.h")]
public partial struct XtIprangeMtinfo
{
    /// <summary>Lowest source address.</summary>
    public NfInetAddr src_min;

    /// <summary>Highest source address.</summary>
    public NfInetAddr src_max;

    /// <summary>Lowest destination address.</summary>
    public NfInetAddr dst_min;

    /// <summary>Highest destination address.</summary>
    public NfInetAddr dst_max;

    /// <summary><c>IPRANGE_*</c>.</summary>
    public byte flags;
}

/// <summary><c>struct xt_recent_mtinfo</c>: the <c>recent</c> match, revision 0.</summary>
[KernelStruct("struct xt_recent_mtinfo", Header = "linux/netfilter/xt_recent.h")]
public unsafe partial struct XtRecentMtinfo
{
    /// <summary><c>--seconds</c>.</summary>
    public uint seconds;

    /// <summary><c>--hitcount</c>.</summary>
    public uint hit_count;

    /// <summary><c>XT_RECENT_CHECK</c>, <c>_SET</c>, <c>_UPDATE</c>, <c>_REMOVE</c>, <c>_TTL</c>, <c>_REAP</c>.</summary>
    public byte check_set;

    /// <summary>Non-zero: invert.</summary>
    public byte invert;

    /// <summary>The list's name.</summary>
    [CString] public fixed byte name[XtRecent.XT_RECENT_NAME_LEN];

    /// <summary><c>XT_RECENT_SOURCE</c> or <c>XT_RECENT_DEST</c>.</summary>
    public byte side;
}

/// <summary><c>struct xt_recent_mtinfo_v1</c>: the <c>recent</c> match, revision 1 (adds <c>--mask</c>).</summary>
[KernelStruct("struct xt_recent_mtinfo_v1", Header = "linux/netfilter/xt_recent.h")]
public unsafe partial struct XtRecentMtinfoV1
{
    /// <summary><c>--seconds</c>.</summary>
    public uint seconds;

    /// <summary><c>--hitcount</c>.</summary>
    public uint hit_count;

    /// <summary><c>XT_RECENT_CHECK</c>, <c>_SET</c>, <c>_UPDATE</c>, <c>_REMOVE</c>, <c>_TTL</c>, <c>_REAP</c>.</summary>
    public byte check_set;

    /// <summary>Non-zero: invert.</summary>
    public byte invert;

    /// <summary>The list's name.</summary>
    [CString] public fixed byte name[XtRecent.XT_RECENT_NAME_LEN];

    /// <summary><c>XT_RECENT_SOURCE</c> or <c>XT_RECENT_DEST</c>.</summary>
    public byte side;

    /// <summary>The address mask.</summary>
    public NfInetAddr mask;
}

/// <summary><c>struct xt_socket_mtinfo1</c>: the <c>socket</c> match, revision 1 (revisions 2 and 3 use the same layout as <c>xt_socket_mtinfo2</c>/<c>3</c>).</summary>
[KernelStruct("struct xt_socket_mtinfo1", Header = "linux/netfilter/xt_socket.h")]
public partial struct XtSocketMtinfo1
{
    /// <summary><c>XT_SOCKET_*</c>.</summary>
    public byte flags;
}

/// <summary><c>struct xt_socket_mtinfo2</c>: the <c>socket</c> match, revision 2.</summary>
[KernelStruct("struct xt_socket_mtinfo2", Header = "linux/netfilter/xt_socket.h")]
public partial struct XtSocketMtinfo2
{
    /// <summary><c>XT_SOCKET_*</c>.</summary>
    public byte flags;
}

/// <summary><c>struct xt_socket_mtinfo3</c>: the <c>socket</c> match, revision 3.</summary>
[KernelStruct("struct xt_socket_mtinfo3", Header = "linux/netfilter/xt_socket.h")]
public partial struct XtSocketMtinfo3
{
    /// <summary><c>XT_SOCKET_*</c>.</summary>
    public byte flags;
}

/// <summary><c>struct xt_statistic_info</c>: the <c>statistic</c> match (revision 0).</summary>
[KernelStruct("struct xt_statistic_info", Header = "linux/netfilter/xt_statistic.h")]
public partial struct XtStatisticInfo
{
    /// <summary><c>XT_STATISTIC_MODE_RANDOM</c> or <c>_NTH</c>.</summary>
    public ushort mode;

    /// <summary><c>XT_STATISTIC_INVERT</c>.</summary>
    public ushort flags;

    /// <summary>The mode's parameters.</summary>
    public XtStatisticParameters u;

    /// <summary><c>struct xt_statistic_priv *master</c>, the kernel's (zero in user space).</summary>
    [CField(Alignment = 8)] public nint master;
}

/// <summary>The unnamed union <c>u</c> of <c>struct xt_statistic_info</c>.</summary>
[KernelStruct("union xt_statistic_u")]
[StructLayout(LayoutKind.Explicit)]
public partial struct XtStatisticParameters
{
    /// <summary>Random mode: the probability, scaled to 2^31.</summary>
    [FieldOffset(0)] public XtStatisticRandom random;

    /// <summary>Nth mode.</summary>
    [FieldOffset(0)] public XtStatisticNth nth;
}

/// <summary>The unnamed <c>struct { __u32 probability; }</c> of <c>xt_statistic_info.u.random</c>.</summary>
[KernelStruct("struct xt_statistic_random")]
public partial struct XtStatisticRandom
{
    /// <summary>The probability, as a fraction of 2^31.</summary>
    public uint probability;
}

/// <summary>The unnamed <c>struct { __u32 every, packet, count; }</c> of <c>xt_statistic_info.u.nth</c>.</summary>
[KernelStruct("struct xt_statistic_nth")]
public partial struct XtStatisticNth
{
    /// <summary>Match every n-th packet, minus one.</summary>
    public uint every;

    /// <summary>The initial counter.</summary>
    public uint packet;

    /// <summary>Unused.</summary>
    public uint count;
}

/// <summary><c>struct xt_string_info</c>: the <c>string</c> match, revisions 0 and 1 (which differ only in <c>u</c>).</summary>
[KernelStruct("struct xt_string_info", Header = "linux/netfilter/xt_string.h")]
public unsafe partial struct XtStringInfo
{
    /// <summary>Where to start looking.</summary>
    public ushort from_offset;

    /// <summary>Where to stop looking.</summary>
    public ushort to_offset;

    /// <summary>The search algorithm (<c>bm</c>, <c>kmp</c>).</summary>
    [CString] public fixed byte algo[XtString.XT_STRING_MAX_ALGO_NAME_SIZE];

    /// <summary>The pattern (<c>patlen</c> bytes; may contain NUL).</summary>
    public fixed byte pattern[XtString.XT_STRING_MAX_PATTERN_SIZE];

    /// <summary>The pattern's length.</summary>
    public byte patlen;

    /// <summary>Revision 0: <c>invert</c>; revision 1: <c>XT_STRING_FLAG_*</c>.</summary>
    public XtStringFlags u;

    /// <summary><c>struct ts_config *config</c>, the kernel's (zero in user space).</summary>
    [CField(Alignment = 8)] public nint config;
}

/// <summary>The unnamed union <c>u</c> of <c>struct xt_string_info</c>: one byte, <c>v0.invert</c> or <c>v1.flags</c>.</summary>
[KernelStruct("union xt_string_u")]
[StructLayout(LayoutKind.Explicit)]
public partial struct XtStringFlags
{
    /// <summary>Revision 0: non-zero inverts.</summary>
    [FieldOffset(0)] public byte v0;

    /// <summary>Revision 1: <c>XT_STRING_FLAG_INVERT</c>, <c>XT_STRING_FLAG_IGNORECASE</c>.</summary>
    [FieldOffset(0)] public byte v1;
}

/// <summary><c>struct xt_time_info</c>: the <c>time</c> match (revision 0).</summary>
[KernelStruct("struct xt_time_info", Header = "linux/netfilter/xt_time.h")]
public partial struct XtTimeInfo
{
    /// <summary>First second (Unix time).</summary>
    public uint date_start;

    /// <summary>Last second (Unix time).</summary>
    public uint date_stop;

    /// <summary>First second of the day.</summary>
    public uint daytime_start;

    /// <summary>Last second of the day.</summary>
    public uint daytime_stop;

    /// <summary>Bit n: day n of the month.</summary>
    public uint monthdays_match;

    /// <summary>Bit n: weekday n (1 = Monday).</summary>
    public byte weekdays_match;

    /// <summary><c>XT_TIME_LOCAL_TZ</c>, <c>XT_TIME_CONTIGUOUS</c>.</summary>
    public byte flags;
}

/// <summary><c>struct xt_rateinfo</c>: the <c>limit</c> match (revision 0). Only <c>avg</c> and <c>burst</c> reach user space; the rest is the kernel's.</summary>
[KernelStruct("struct xt_rateinfo", Header = "linux/netfilter/xt_limit.h")]
public partial struct XtRateinfo
{
    /// <summary>Average time between packets, in 1/<c>XT_LIMIT_SCALE</c> seconds.</summary>
    public uint avg;

    /// <summary>Burst.</summary>
    public uint burst;

    /// <summary>The kernel's (<c>unsigned long</c>).</summary>
    public nuint prev;

    /// <summary>The kernel's.</summary>
    public uint credit;

    /// <summary>The kernel's.</summary>
    public uint credit_cap;

    /// <summary>The kernel's.</summary>
    public uint cost;

    /// <summary><c>struct xt_limit_priv *master</c>, the kernel's.</summary>
    public nint master;
}

/// <summary><c>struct xt_rateest_match_info</c>: the <c>rateest</c> match (revision 0).</summary>
[KernelStruct("struct xt_rateest_match_info", Header = "linux/netfilter/xt_rateest.h")]
[StructLayout(LayoutKind.Explicit, Size = 72)]
public unsafe partial struct XtRateestMatchInfo
{
    /// <summary>First estimator's name.</summary>
    [FieldOffset(0), CString] public fixed byte name1[16];

    /// <summary>Second estimator's name.</summary>
    [FieldOffset(16), CString] public fixed byte name2[16];

    /// <summary><c>XT_RATEEST_MATCH_*</c> flags.</summary>
    [FieldOffset(32)] public ushort flags;

    /// <summary><c>XT_RATEEST_MATCH_NONE</c>, <c>_EQ</c>, <c>_LT</c>, <c>_GT</c>.</summary>
    [FieldOffset(34)] public ushort mode;

    /// <summary>First rate, bytes/s.</summary>
    [FieldOffset(36)] public uint bps1;

    /// <summary>First rate, packets/s.</summary>
    [FieldOffset(40)] public uint pps1;

    /// <summary>Second rate, bytes/s.</summary>
    [FieldOffset(44)] public uint bps2;

    /// <summary>Second rate, packets/s.</summary>
    [FieldOffset(48)] public uint pps2;

    /// <summary><c>struct xt_rateest *est1</c>, the kernel's.</summary>
    [FieldOffset(56), CField(Alignment = 8)] public nint est1;

    /// <summary><c>struct xt_rateest *est2</c>, the kernel's.</summary>
    [FieldOffset(64), CField(Alignment = 8)] public nint est2;
}

/// <summary><c>struct xt_nfacct_match_info</c>: the <c>nfacct</c> match, revision 0.</summary>
[KernelStruct("struct xt_nfacct_match_info", Header = "linux/netfilter/xt_nfacct.h")]
public unsafe partial struct XtNfacctMatchInfo
{
    /// <summary>The accounting object's name (<c>char name[NFACCT_NAME_MAX]</c>).</summary>
    [CString] public fixed byte name[32];

    /// <summary><c>struct nf_acct *nfacct</c>, the kernel's.</summary>
    public nint nfacct;
}

/// <summary><c>struct xt_nfacct_match_info_v1</c>: the <c>nfacct</c> match, revision 1.</summary>
[KernelStruct("struct xt_nfacct_match_info_v1", Header = "linux/netfilter/xt_nfacct.h")]
public unsafe partial struct XtNfacctMatchInfoV1
{
    /// <summary>The accounting object's name (<c>char name[NFACCT_NAME_MAX]</c>).</summary>
    [CString] public fixed byte name[32];

    /// <summary><c>struct nf_acct *nfacct</c>, the kernel's.</summary>
    [CField(Alignment = 8)] public nint nfacct;
}

/// <summary><c>struct nf_osf_info</c> (<c>xt_osf_info</c>): the <c>osf</c> match (IPv4, revision 0).</summary>
[KernelStruct("struct nf_osf_info", Header = "linux/netfilter/nfnetlink_osf.h")]
public unsafe partial struct NfOsfInfo
{
    /// <summary>The OS genre (<c>char genre[MAXGENRELEN]</c>).</summary>
    [CString] public fixed byte genre[32];

    /// <summary>Length of <c>genre</c>.</summary>
    public uint len;

    /// <summary><c>XT_OSF_GENRE</c>, <c>_TTL</c>, <c>_LOG</c>, <c>_INVERT</c>.</summary>
    public uint flags;

    /// <summary><c>--log</c> level.</summary>
    public uint loglevel;

    /// <summary><c>--ttl</c> mode.</summary>
    public uint ttl;
}

/// <summary>Constants of <c>&lt;linux/netfilter/xt_owner.h&gt;</c>.</summary>
public static class XtOwner
{
    /// <summary><c>XT_OWNER_UID</c>.</summary>
    public const byte XT_OWNER_UID = 1 << 0;

    /// <summary><c>XT_OWNER_GID</c>.</summary>
    public const byte XT_OWNER_GID = 1 << 1;

    /// <summary><c>XT_OWNER_SOCKET</c>.</summary>
    public const byte XT_OWNER_SOCKET = 1 << 2;

    /// <summary><c>XT_OWNER_SUPPL_GROUPS</c>.</summary>
    public const byte XT_OWNER_SUPPL_GROUPS = 1 << 3;
}

/// <summary>Constants of <c>&lt;linux/netfilter/xt_physdev.h&gt;</c>.</summary>
public static class XtPhysdev
{
    /// <summary><c>XT_PHYSDEV_OP_IN</c>.</summary>
    public const byte XT_PHYSDEV_OP_IN = 0x01;

    /// <summary><c>XT_PHYSDEV_OP_OUT</c>.</summary>
    public const byte XT_PHYSDEV_OP_OUT = 0x02;

    /// <summary><c>XT_PHYSDEV_OP_BRIDGED</c>.</summary>
    public const byte XT_PHYSDEV_OP_BRIDGED = 0x04;

    /// <summary><c>XT_PHYSDEV_OP_ISIN</c>.</summary>
    public const byte XT_PHYSDEV_OP_ISIN = 0x08;

    /// <summary><c>XT_PHYSDEV_OP_ISOUT</c>.</summary>
    public const byte XT_PHYSDEV_OP_ISOUT = 0x10;
}

/// <summary>Constants of <c>&lt;linux/netfilter/xt_iprange.h&gt;</c>.</summary>
public static class XtIprange
{
    /// <summary><c>IPRANGE_SRC</c>.</summary>
    public const byte IPRANGE_SRC = 1 << 0;

    /// <summary><c>IPRANGE_DST</c>.</summary>
    public const byte IPRANGE_DST = 1 << 1;

    /// <summary><c>IPRANGE_SRC_INV</c>.</summary>
    public const byte IPRANGE_SRC_INV = 1 << 4;

    /// <summary><c>IPRANGE_DST_INV</c>.</summary>
    public const byte IPRANGE_DST_INV = 1 << 5;
}

/// <summary>Constants of <c>&lt;linux/netfilter/xt_recent.h&gt;</c>.</summary>
public static class XtRecent
{
    /// <summary><c>XT_RECENT_CHECK</c>.</summary>
    public const byte XT_RECENT_CHECK = 1 << 0;

    /// <summary><c>XT_RECENT_SET</c>.</summary>
    public const byte XT_RECENT_SET = 1 << 1;

    /// <summary><c>XT_RECENT_UPDATE</c>.</summary>
    public const byte XT_RECENT_UPDATE = 1 << 2;

    /// <summary><c>XT_RECENT_REMOVE</c>.</summary>
    public const byte XT_RECENT_REMOVE = 1 << 3;

    /// <summary><c>XT_RECENT_TTL</c>.</summary>
    public const byte XT_RECENT_TTL = 1 << 4;

    /// <summary><c>XT_RECENT_REAP</c>.</summary>
    public const byte XT_RECENT_REAP = 1 << 5;

    /// <summary><c>XT_RECENT_SOURCE</c>.</summary>
    public const byte XT_RECENT_SOURCE = 0;

    /// <summary><c>XT_RECENT_DEST</c>.</summary>
    public const byte XT_RECENT_DEST = 1;

    /// <summary><c>XT_RECENT_NAME_LEN</c>.</summary>
    public const int XT_RECENT_NAME_LEN = 200;
}

/// <summary>Constants of <c>&lt;linux/netfilter/xt_socket.h&gt;</c>.</summary>
public static class XtSocket
{
    /// <summary><c>XT_SOCKET_TRANSPARENT</c>.</summary>
    public const byte XT_SOCKET_TRANSPARENT = 1 << 0;

    /// <summary><c>XT_SOCKET_NOWILDCARD</c>.</summary>
    public const byte XT_SOCKET_NOWILDCARD = 1 << 1;

    /// <summary><c>XT_SOCKET_RESTORESKMARK</c>.</summary>
    public const byte XT_SOCKET_RESTORESKMARK = 1 << 2;
}

/// <summary>Constants of <c>&lt;linux/netfilter/xt_statistic.h&gt;</c>.</summary>
public static class XtStatistic
{
    /// <summary><c>XT_STATISTIC_MODE_RANDOM</c>.</summary>
    public const ushort XT_STATISTIC_MODE_RANDOM = 0;

    /// <summary><c>XT_STATISTIC_MODE_NTH</c>.</summary>
    public const ushort XT_STATISTIC_MODE_NTH = 1;

    /// <summary><c>XT_STATISTIC_INVERT</c>.</summary>
    public const ushort XT_STATISTIC_INVERT = 0x1;
}

/// <summary>Constants of <c>&lt;linux/netfilter/xt_string.h&gt;</c>.</summary>
public static class XtString
{
    /// <summary><c>XT_STRING_MAX_PATTERN_SIZE</c>.</summary>
    public const int XT_STRING_MAX_PATTERN_SIZE = 128;

    /// <summary><c>XT_STRING_MAX_ALGO_NAME_SIZE</c>.</summary>
    public const int XT_STRING_MAX_ALGO_NAME_SIZE = 16;

    /// <summary><c>XT_STRING_FLAG_INVERT</c>.</summary>
    public const byte XT_STRING_FLAG_INVERT = 0x01;

    /// <summary><c>XT_STRING_FLAG_IGNORECASE</c>.</summary>
    public const byte XT_STRING_FLAG_IGNORECASE = 0x02;
}

/// <summary>Constants of <c>&lt;linux/netfilter/xt_time.h&gt;</c>.</summary>
public static class XtTime
{
    /// <summary><c>XT_TIME_LOCAL_TZ</c>.</summary>
    public const byte XT_TIME_LOCAL_TZ = 1 << 0;

    /// <summary><c>XT_TIME_CONTIGUOUS</c>.</summary>
    public const byte XT_TIME_CONTIGUOUS = 1 << 1;

    /// <summary><c>XT_TIME_ALL_MONTHDAYS</c>.</summary>
    public const uint XT_TIME_ALL_MONTHDAYS = 0xFFFFFFFE;

    /// <summary><c>XT_TIME_ALL_WEEKDAYS</c>.</summary>
    public const byte XT_TIME_ALL_WEEKDAYS = 0xFE;

    /// <summary><c>XT_TIME_MIN_DAYTIME</c>.</summary>
    public const uint XT_TIME_MIN_DAYTIME = 0;

    /// <summary><c>XT_TIME_MAX_DAYTIME</c>.</summary>
    public const uint XT_TIME_MAX_DAYTIME = 24 * 60 * 60 - 1;
}

/// <summary>Constants of <c>&lt;linux/netfilter/xt_limit.h&gt;</c> and <c>&lt;linux/netfilter/xt_rateest.h&gt;</c>.</summary>
public static class XtLimit
{
    /// <summary><c>XT_LIMIT_SCALE</c>: <c>avg</c> is in 1/10000 s.</summary>
    public const uint XT_LIMIT_SCALE = 10000;

    /// <summary><c>XT_RATEEST_MATCH_INVERT</c>.</summary>
    public const ushort XT_RATEEST_MATCH_INVERT = 1 << 0;

    /// <summary><c>XT_RATEEST_MATCH_ABS</c>.</summary>
    public const ushort XT_RATEEST_MATCH_ABS = 1 << 1;

    /// <summary><c>XT_RATEEST_MATCH_REL</c>.</summary>
    public const ushort XT_RATEEST_MATCH_REL = 1 << 2;

    /// <summary><c>XT_RATEEST_MATCH_DELTA</c>.</summary>
    public const ushort XT_RATEEST_MATCH_DELTA = 1 << 3;

    /// <summary><c>XT_RATEEST_MATCH_BPS</c>.</summary>
    public const ushort XT_RATEEST_MATCH_BPS = 1 << 4;

    /// <summary><c>XT_RATEEST_MATCH_PPS</c>.</summary>
    public const ushort XT_RATEEST_MATCH_PPS = 1 << 5;

    /// <summary><c>XT_RATEEST_MATCH_NONE</c>.</summary>
    public const ushort XT_RATEEST_MATCH_NONE = 0;

    /// <summary><c>XT_RATEEST_MATCH_EQ</c>.</summary>
    public const ushort XT_RATEEST_MATCH_EQ = 1;

    /// <summary><c>XT_RATEEST_MATCH_LT</c>.</summary>
    public const ushort XT_RATEEST_MATCH_LT = 2;

    /// <summary><c>XT_RATEEST_MATCH_GT</c>.</summary>
    public const ushort XT_RATEEST_MATCH_GT = 3;
}
