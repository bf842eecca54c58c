using System.Runtime.InteropServices;
using KernelStructs;

namespace Demo;

// struct ebt_entry_match { union { struct { char name[31]; __u8 revision; }; struct xt_match *match; } u;
//     unsigned int match_size; unsigned char data[0] __attribute__((aligned(__alignof__(struct ebt_replace)))); };
// The data starts at 40 on LP64 and at 36 on ILP32: no single Alignment number says that.
[KernelStruct("union ebt_entry_match_u")]
[StructLayout(LayoutKind.Explicit)]
public partial struct EbtEntryMatchUnion
{
    [FieldOffset(0)] public unsafe fixed byte name[32];
    [FieldOffset(0)] public nint match;
}

[KernelStruct("struct ebt_entry_match")]
[FlexibleArray(typeof(byte), "data", Alignment = FlexibleArrayAttribute.PointerAlignment)]
public partial struct EbtEntryMatch
{
    public EbtEntryMatchUnion u;
    public uint match_size;
}
