using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using KernelStructs;

namespace KernelStructs.Tests.Corpus;

// linux/netfilter_bridge/ebtables.h. The flexible members are declared
// `data[0] __attribute__((aligned(__alignof__(struct ebt_replace))))`, i.e. pointer-aligned on every
// ABI: FlexibleArrayAttribute.PointerAlignment says so.

[KernelStruct("struct ebt_counter", Header = "linux/netfilter_bridge/ebtables.h")]
public partial struct EbtCounter
{
    public ulong pcnt;
    public ulong bcnt;
}

[InlineArray(6)]
public struct PointerArray6
{
    private nint _element;
}

[KernelStruct("struct ebt_replace", Header = "linux/netfilter_bridge/ebtables.h")]
public unsafe partial struct EbtReplace
{
    [CString] public fixed byte name[32];
    public uint valid_hooks;
    public uint nentries;
    public uint entries_size;
    public PointerArray6 hook_entry;    // struct ebt_entries *[NF_BR_NUMHOOKS]
    public uint num_counters;
    public nint counters;               // struct ebt_counter *
    public nint entries;                // char *
}

[KernelStruct("struct ebt_entries", Header = "linux/netfilter_bridge/ebtables.h")]
[FlexibleArray(typeof(byte), "data", Alignment = FlexibleArrayAttribute.PointerAlignment)]
public unsafe partial struct EbtEntries
{
    public uint distinguisher;
    [CString] public fixed byte name[32];
    public uint counter_offset;
    public int policy;
    public uint nentries;
}

[KernelStruct("struct ebt_entry", Header = "linux/netfilter_bridge/ebtables.h")]
[FlexibleArray(typeof(byte), "elems", Alignment = FlexibleArrayAttribute.PointerAlignment)]
public unsafe partial struct EbtEntry
{
    public uint bitmask;
    public uint invflags;
    public Be16 ethproto;
    [CString] public fixed byte @in[16];
    [CString] public fixed byte logical_in[16];
    [CString] public fixed byte @out[16];
    [CString] public fixed byte logical_out[16];
    public fixed byte sourcemac[6];
    public fixed byte sourcemsk[6];
    public fixed byte destmac[6];
    public fixed byte destmsk[6];
    public uint watchers_offset;        // __struct_group(offsets)
    public uint target_offset;
    public uint next_offset;
}

/// <summary>
/// The anonymous struct in <c>ebt_entry_match.u</c>. C cannot name it, so it is a plain nested struct,
/// not a mirror of its own: gcc checks it through <see cref="EbtEntryMatchUnion"/> and <see cref="EbtEntryMatch"/>.
/// </summary>
public unsafe struct EbtEntryMatchName
{
    [CString] public fixed byte name[31];
    public byte revision;
}

[KernelStruct("union ebt_entry_match_u", Header = "linux/netfilter_bridge/ebtables.h")]
[StructLayout(LayoutKind.Explicit)]
public partial struct EbtEntryMatchUnion
{
    [FieldOffset(0)] public EbtEntryMatchName named;    // anonymous struct { name; revision; }
    [FieldOffset(0)] public nint match;                 // struct xt_match *
}

[KernelStruct("struct ebt_entry_match", Header = "linux/netfilter_bridge/ebtables.h")]
[FlexibleArray(typeof(byte), "data", Alignment = FlexibleArrayAttribute.PointerAlignment)]
public partial struct EbtEntryMatch
{
    public EbtEntryMatchUnion u;
    public uint match_size;
}
