using System;
using System.Runtime.InteropServices;
using KernelStructs;
using Xunit;

namespace KernelStructs.Tests;

[KernelStruct("struct sockaddr_in", Header = "linux/in.h", ExpectedSize = 16)]
public partial struct TestSockAddrIn
{
    public ushort sin_family;
    public Be16 sin_port;
    public Be32 sin_addr;
    public unsafe fixed byte __pad[8];
}

[KernelStruct("struct ks_named")]
public partial struct Named
{
    [CString]
    public unsafe fixed byte name[8];
    public uint size;
}

[KernelStruct("struct ks_bits")]
public partial struct Bits
{
    [BitField("low", 3)]
    [BitField("high", 5)]
    public byte unit;

    [BitField("small", 4)]
    [BitField("negative", 4)]
    public sbyte signedUnit;

    public ulong after;
}

[KernelStruct("struct ks_flex")]
[FlexibleArray(typeof(uint), "entries")]
public partial struct Flex
{
    public ushort count;
}

[KernelStruct("union ks_union")]
[StructLayout(LayoutKind.Explicit)]
public partial struct Union
{
    [FieldOffset(0)] public uint ip;
    [FieldOffset(0)] public ulong wide;
}

[KernelStruct("struct ks_pointer")]
public partial struct WithPointer
{
    public byte tag;
    public nint pointer;
    public CLong length;
}

[KernelStruct("struct ks_packed", Packed = true)]
public partial struct Packed
{
    public byte tag;
    public uint value;
}

public class GeneratedMembersTests
{
    [Fact]
    public void Constants_match_the_CLR_layout()
    {
        Assert.Equal(TestSockAddrIn.SizeOf, Marshal.SizeOf<TestSockAddrIn>());
        Assert.Equal(TestSockAddrIn.Offsets.sin_addr, (int)Marshal.OffsetOf<TestSockAddrIn>(nameof(TestSockAddrIn.sin_addr)));
        Assert.Equal(WithPointer.SizeOf, Marshal.SizeOf<WithPointer>());
        Assert.Equal(WithPointer.Offsets.length, (int)Marshal.OffsetOf<WithPointer>(nameof(WithPointer.length)));
        Assert.Equal(Packed.SizeOf, Marshal.SizeOf<Packed>());
        Assert.Equal(Packed.Offsets.value, (int)Marshal.OffsetOf<Packed>(nameof(Packed.value)));
        Assert.Equal(Union.SizeOf, Marshal.SizeOf<Union>());
    }

    [Fact]
    public void Views_are_zero_copy_and_length_checked()
    {
        var bytes = new byte[TestSockAddrIn.SizeOf];
        ref var addr = ref TestSockAddrIn.FromSpan(bytes);
        addr.sin_port = new Be16(8080);
        Assert.Equal(0x1F, bytes[TestSockAddrIn.Offsets.sin_port]);
        Assert.Throws<ArgumentException>(() => TestSockAddrIn.FromSpan(new byte[15]));
        Assert.Equal(addr.AsBytes().ToArray(), bytes);
    }

    [Fact]
    public void CString_accessors_never_truncate()
    {
        var named = new Named();
        named.SetName("filter");
        Assert.Equal("filter", named.GetName());
        Assert.Throws<ArgumentException>(() => named.SetName("12345678"));
        Assert.Equal("filter", named.GetName());
        Assert.Contains("name = \"filter\"", named.ToString());
    }

    [Fact]
    public void Bitfields_pack_in_declaration_order()
    {
        var bits = new Bits { low = 5, high = 17, small = 7, negative = -3 };
        Assert.Equal(BitConverter.IsLittleEndian ? (byte)(5 | (17 << 3)) : (byte)((5 << 5) | 17), bits.unit);
        Assert.Equal((byte)5, bits.low);
        Assert.Equal((byte)17, bits.high);
        Assert.Equal((sbyte)7, bits.small);
        Assert.Equal((sbyte)-3, bits.negative);
        Assert.Throws<ArgumentOutOfRangeException>(() => bits.low = 8);
        Assert.Throws<ArgumentOutOfRangeException>(() => bits.negative = 8);
    }

    [Fact]
    public void Flexible_array_accessors_cover_the_tail()
    {
        Assert.Equal(4, Flex.Offsets.entries);
        Assert.Equal(4 + (3 * 4), Flex.SizeFor(3));
        var buffer = new byte[Flex.SizeFor(3)];
        Flex.GetEntries(buffer)[2] = 7;
        Assert.Equal(7u, BitConverter.ToUInt32(buffer, 12));
        Assert.Equal(3, Flex.GetReadOnlyEntries(buffer).Length);
    }

    [Fact]
    public void ToString_names_members()
    {
        var addr = new TestSockAddrIn { sin_family = 2, sin_port = new Be16(80) };
        Assert.Equal("struct sockaddr_in { sin_family = 2, sin_port = 80, sin_addr = 0, __pad = [00 00 00 00 00 00 00 00] }", addr.ToString());
    }
}
