namespace KernelStructs.Netfilter.Extensions;

// Mirrors of <linux/netfilter/xt_hashlimit.h> (revisions 1 to 3; the kernel no longer serves revision 0).

/// <summary><c>struct hashlimit_cfg1</c>: the settings of <c>hashlimit</c> revision 1.</summary>
[KernelStruct("struct hashlimit_cfg1", Header = "linux/netfilter/xt_hashlimit.h")]
public partial struct HashlimitCfg1
{
    /// <summary><c>XT_HASHLIMIT_HASH_*</c>, <c>XT_HASHLIMIT_INVERT</c>, <c>XT_HASHLIMIT_BYTES</c>.</summary>
    public uint mode;

    /// <summary>Average time between packets, in 1/<c>XT_HASHLIMIT_SCALE</c> seconds (or bytes, with <c>XT_HASHLIMIT_BYTES</c>).</summary>
    public uint avg;

    /// <summary>Burst.</summary>
    public uint burst;

    /// <summary>Hash table buckets.</summary>
    public uint size;

    /// <summary>Most entries.</summary>
    public uint max;

    /// <summary>Garbage collection interval, ms.</summary>
    public uint gc_interval;

    /// <summary>Entry lifetime, ms.</summary>
    public uint expire;

    /// <summary>Source address prefix length.</summary>
    public byte srcmask;

    /// <summary>Destination address prefix length.</summary>
    public byte dstmask;
}

/// <summary><c>struct hashlimit_cfg2</c>: the settings of <c>hashlimit</c> revision 2 (64-bit rates, finer scale).</summary>
[KernelStruct("struct hashlimit_cfg2", Header = "linux/netfilter/xt_hashlimit.h")]
public partial struct HashlimitCfg2
{
    /// <summary>Average time between packets, in 1/<c>XT_HASHLIMIT_SCALE_v2</c> seconds (or bytes).</summary>
    public ulong avg;

    /// <summary>Burst.</summary>
    public ulong burst;

    /// <summary><c>XT_HASHLIMIT_HASH_*</c>, <c>XT_HASHLIMIT_INVERT</c>, <c>XT_HASHLIMIT_BYTES</c>.</summary>
    public uint mode;

    /// <summary>Hash table buckets.</summary>
    public uint size;

    /// <summary>Most entries.</summary>
    public uint max;

    /// <summary>Garbage collection interval, ms.</summary>
    public uint gc_interval;

    /// <summary>Entry lifetime, ms.</summary>
    public uint expire;

    /// <summary>Source address prefix length.</summary>
    public byte srcmask;

    /// <summary>Destination address prefix length.</summary>
    public byte dstmask;
}

/// <summary><c>struct hashlimit_cfg3</c>: the settings of <c>hashlimit</c> revision 3 (adds the rate interval).</summary>
[KernelStruct("struct hashlimit_cfg3", Header = "linux/netfilter/xt_hashlimit.h")]
public partial struct HashlimitCfg3
{
    /// <summary>Average time between packets, in 1/<c>XT_HASHLIMIT_SCALE_v2</c> seconds (or bytes).</summary>
    public ulong avg;

    /// <summary>Burst.</summary>
    public ulong burst;

    /// <summary><c>XT_HASHLIMIT_HASH_*</c>, <c>XT_HASHLIMIT_INVERT</c>, <c>XT_HASHLIMIT_BYTES</c>, <c>XT_HASHLIMIT_RATE_MATCH</c>.</summary>
    public uint mode;

    /// <summary>Hash table buckets.</summary>
    public uint size;

    /// <summary>Most entries.</summary>
    public uint max;

    /// <summary>Garbage collection interval, ms.</summary>
    public uint gc_interval;

    /// <summary>Entry lifetime, ms.</summary>
    public uint expire;

    /// <summary>Rate-match interval, seconds.</summary>
    public uint interval;

    /// <summary>Source address prefix length.</summary>
    public byte srcmask;

    /// <summary>Destination address prefix length.</summary>
    public byte dstmask;
}

/// <summary><c>struct xt_hashlimit_mtinfo1</c>: the <c>hashlimit</c> match, revision 1.</summary>
[KernelStruct("struct xt_hashlimit_mtinfo1", Header = "linux/netfilter/xt_hashlimit.h")]
public unsafe partial struct XtHashlimitMtinfo1
{
    /// <summary>The table's name (<c>char name[IFNAMSIZ]</c>).</summary>
    [CString] public fixed byte name[16];

    /// <summary>The settings.</summary>
    public HashlimitCfg1 cfg;

    /// <summary><c>struct xt_hashlimit_htable *hinfo</c>, the kernel's (zero in user space).</summary>
    [CField(Alignment = 8)] public nint hinfo;
}

/// <summary><c>struct xt_hashlimit_mtinfo2</c>: the <c>hashlimit</c> match, revision 2.</summary>
[KernelStruct("struct xt_hashlimit_mtinfo2", Header = "linux/netfilter/xt_hashlimit.h")]
public unsafe partial struct XtHashlimitMtinfo2
{
    /// <summary>The table's name (<c>char name[NAME_MAX]</c>).</summary>
    [CString] public fixed byte name[XtHashlimit.NAME_MAX];

    /// <summary>The settings.</summary>
    public HashlimitCfg2 cfg;

    /// <summary><c>struct xt_hashlimit_htable *hinfo</c>, the kernel's (zero in user space).</summary>
    [CField(Alignment = 8)] public nint hinfo;
}

/// <summary><c>struct xt_hashlimit_mtinfo3</c>: the <c>hashlimit</c> match, revision 3.</summary>
[KernelStruct("struct xt_hashlimit_mtinfo3", Header = "linux/netfilter/xt_hashlimit.h")]
public unsafe partial struct XtHashlimitMtinfo3
{
    /// <summary>The table's name (<c>char name[NAME_MAX]</c>).</summary>
    [CString] public fixed byte name[XtHashlimit.NAME_MAX];

    /// <summary>The settings.</summary>
    public HashlimitCfg3 cfg;

    /// <summary><c>struct xt_hashlimit_htable *hinfo</c>, the kernel's (zero in user space).</summary>
    [CField(Alignment = 8)] public nint hinfo;
}

/// <summary>Constants of <c>&lt;linux/netfilter/xt_hashlimit.h&gt;</c>.</summary>
public static class XtHashlimit
{
    /// <summary><c>NAME_MAX</c> (<c>linux/limits.h</c>): the name buffer of revisions 2 and 3.</summary>
    public const int NAME_MAX = 255;

    /// <summary><c>XT_HASHLIMIT_SCALE</c>: the scale of revision 1's <c>avg</c>.</summary>
    public const uint XT_HASHLIMIT_SCALE = 10000;

    /// <summary><c>XT_HASHLIMIT_SCALE_v2</c>: the scale of revisions 2 and 3.</summary>
    public const ulong XT_HASHLIMIT_SCALE_v2 = 1000000;

    /// <summary><c>XT_HASHLIMIT_BYTE_SHIFT</c>: byte rates count 16-byte steps.</summary>
    public const int XT_HASHLIMIT_BYTE_SHIFT = 4;

    /// <summary><c>XT_HASHLIMIT_HASH_DIP</c>.</summary>
    public const uint XT_HASHLIMIT_HASH_DIP = 1 << 0;

    /// <summary><c>XT_HASHLIMIT_HASH_DPT</c>.</summary>
    public const uint XT_HASHLIMIT_HASH_DPT = 1 << 1;

    /// <summary><c>XT_HASHLIMIT_HASH_SIP</c>.</summary>
    public const uint XT_HASHLIMIT_HASH_SIP = 1 << 2;

    /// <summary><c>XT_HASHLIMIT_HASH_SPT</c>.</summary>
    public const uint XT_HASHLIMIT_HASH_SPT = 1 << 3;

    /// <summary><c>XT_HASHLIMIT_INVERT</c>: <c>--hashlimit-above</c>.</summary>
    public const uint XT_HASHLIMIT_INVERT = 1 << 4;

    /// <summary><c>XT_HASHLIMIT_BYTES</c>: the rate is in bytes.</summary>
    public const uint XT_HASHLIMIT_BYTES = 1 << 5;

    /// <summary><c>XT_HASHLIMIT_RATE_MATCH</c>: <c>--hashlimit-rate-match</c>.</summary>
    public const uint XT_HASHLIMIT_RATE_MATCH = 1 << 6;
}
