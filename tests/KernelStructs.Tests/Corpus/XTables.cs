using System.Runtime.InteropServices;
using KernelStructs;

namespace KernelStructs.Tests.Corpus;

// linux/netfilter/x_tables.h. The members of xt_entry_match.u and xt_entry_target.u are anonymous
// C types; their C type names here are descriptive only (the oracle probes them with __typeof__).

[KernelStruct("struct xt_entry_match_user", Header = "linux/netfilter/x_tables.h")]
public unsafe partial struct XtEntryMatchUser
{
    public ushort match_size;
    [CString] public fixed byte name[29];
    public byte revision;
}

[KernelStruct("struct xt_entry_match_kernel", Header = "linux/netfilter/x_tables.h")]
public partial struct XtEntryMatchKernel
{
    public ushort match_size;
    public nint match;          // struct xt_match *
}

[KernelStruct("union xt_entry_match_u", Header = "linux/netfilter/x_tables.h")]
[StructLayout(LayoutKind.Explicit)]
public partial struct XtEntryMatchUnion
{
    [FieldOffset(0)] public XtEntryMatchUser user;
    [FieldOffset(0)] public XtEntryMatchKernel kernel;
    [FieldOffset(0)] public ushort match_size;
}

[KernelStruct("struct xt_entry_match", Header = "linux/netfilter/x_tables.h")]
[FlexibleArray(typeof(byte), "data")]
public partial struct XtEntryMatch
{
    public XtEntryMatchUnion u;
}

[KernelStruct("struct xt_entry_target_user", Header = "linux/netfilter/x_tables.h")]
public unsafe partial struct XtEntryTargetUser
{
    public ushort target_size;
    [CString] public fixed byte name[29];
    public byte revision;
}

[KernelStruct("struct xt_entry_target_kernel", Header = "linux/netfilter/x_tables.h")]
public partial struct XtEntryTargetKernel
{
    public ushort target_size;
    public nint target;         // struct xt_target *
}

[KernelStruct("union xt_entry_target_u", Header = "linux/netfilter/x_tables.h")]
[StructLayout(LayoutKind.Explicit)]
public partial struct XtEntryTargetUnion
{
    [FieldOffset(0)] public XtEntryTargetUser user;
    [FieldOffset(0)] public XtEntryTargetKernel kernel;
    [FieldOffset(0)] public ushort target_size;
}

[KernelStruct("struct xt_entry_target", Header = "linux/netfilter/x_tables.h")]
[FlexibleArray(typeof(byte), "data")]
public partial struct XtEntryTarget
{
    public XtEntryTargetUnion u;
}

[KernelStruct("struct xt_standard_target", Header = "linux/netfilter/x_tables.h")]
public partial struct XtStandardTarget
{
    public XtEntryTarget target;
    public int verdict;
}

[KernelStruct("struct xt_error_target", Header = "linux/netfilter/x_tables.h")]
public unsafe partial struct XtErrorTarget
{
    public XtEntryTarget target;
    [CString] public fixed byte errorname[30];
}

[KernelStruct("struct xt_get_revision", Header = "linux/netfilter/x_tables.h")]
public unsafe partial struct XtGetRevision
{
    [CString] public fixed byte name[29];
    public byte revision;
}

[KernelStruct("struct xt_counters", Header = "linux/netfilter/x_tables.h")]
public partial struct XtCounters
{
    public ulong pcnt;
    public ulong bcnt;
}

[KernelStruct("struct xt_counters_info", Header = "linux/netfilter/x_tables.h")]
[FlexibleArray(typeof(XtCounters), "counters")]
public unsafe partial struct XtCountersInfo
{
    [CString] public fixed byte name[32];
    public uint num_counters;
}
