using System.Runtime.InteropServices;
using KernelStructs;

namespace Demo;

[KernelStruct("struct packed_header", Packed = true)]
public partial struct PackedHeader
{
    public byte kind;
    public uint length;
    public ushort flags;
}

[KernelStruct("struct pragma_pack2", Pack = 2)]
public partial struct PragmaPack2
{
    public byte kind;
    public ulong value;
}

// The CLR cannot raise a member's alignment: an explicit layout places it where gcc does.
[KernelStruct("struct aligned_member")]
[StructLayout(LayoutKind.Explicit, Size = 16)]
public partial struct AlignedMember
{
    [FieldOffset(0)]
    public byte kind;

    [FieldOffset(8)]
    [CField(Alignment = 8, ExpectedOffset = 8)]
    public uint value;
}
