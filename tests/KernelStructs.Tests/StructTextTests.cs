using System;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Xunit;

namespace KernelStructs.Tests;

public enum TextKind : short
{
    None = 0,
    Second = 2,
}

[KernelStruct("struct ks_text_inner")]
public partial struct TextInner
{
    public int x;
}

/// <summary>A member of every kind a generated <c>ToString()</c> formats.</summary>
[KernelStruct("struct ks_text")]
public unsafe partial struct TextEveryKind
{
    public byte u8;
    public sbyte s8;
    public ushort u16;
    public short s16;
    public uint u32;
    public int s32;
    public ulong u64;
    public long s64;
    public nuint unsignedLong;
    public nint signedLong;
    public CLong cLong;
    public CULong cULong;
    public Be16 be16;
    public Be32 be32;
    public Be64 be64;
    public Le16 le16;
    public Le32 le32;
    public Le64 le64;
    public TextKind kind;
    public TextInner inner;
    public InAddr address;
    public void* pointer;
    [CString] public fixed byte name[8];
    public fixed byte raw[3];

    [BitField("low", 3)]
    [BitField("high", 5)]
    public byte bits;

    [BitField("negative", 4)]
    public short signedBits;

    [CField(Anonymous = true)] public TextAnonymous anonymous;

    [KernelStruct("union")]
    [StructLayout(LayoutKind.Explicit)]
    public partial struct TextAnonymous
    {
        [FieldOffset(0)] public uint word;
        [FieldOffset(0)] public ushort half;
    }
}

/// <summary>
/// <see cref="StructText"/>, the text of generated <c>ToString()</c>s: each method against an interpolated string's
/// hole, which formatted the members before (current culture, the type's own formatting), long texts and C strings.
/// </summary>
public class StructTextTests
{
    private static readonly CultureInfo Tilde = TildeCulture();

    [Fact]
    public void Every_method_formats_as_an_interpolated_string_hole_did()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = Tilde;
        try
        {
            var inner = new TextInner { x = -4 };
            var text = new StructText("struct t", stackalloc char[16]);
            text.Byte("a", 200);
            text.SByte("b", -100);
            text.UInt16("c", 60000);
            text.Int16("d", -30000);
            text.UInt32("e", 4000000000);
            text.Int32("f", -2000000000);
            text.UInt64("g", ulong.MaxValue);
            text.Int64("h", long.MinValue);
            text.UIntPtr("i", nuint.MaxValue);
            text.IntPtr("j", nint.MinValue);
            text.Pointer("k", 0xdeadbeef);
            text.Be16("l", new Be16(8080));
            text.Be32("m", new Be32(0xC0000201));
            text.Be64("n", new Be64(ulong.MaxValue - 1));
            text.Le16("o", new Le16(1));
            text.Le32("p", new Le32(2));
            text.Le64("q", new Le64(3));
            text.Value("r", TextKind.Second);
            text.Value("s", (TextKind)7);
            text.Value("t", inner);
            text.Value("u", new CLong(-9));
            text.Value("v", new InAddr(192, 0, 2, 1));
            text.Anonymous(inner);

            Assert.Equal(
                $"struct t {{ a = {(byte)200}, b = {(sbyte)-100}, c = {(ushort)60000}, d = {(short)-30000}, e = {4000000000u}, "
                + $"f = {-2000000000}, g = {ulong.MaxValue}, h = {long.MinValue}, i = {nuint.MaxValue}, j = {nint.MinValue}, "
                + $"k = 0x{(nuint)0xdeadbeef:x}, l = {new Be16(8080)}, m = {new Be32(0xC0000201)}, n = {new Be64(ulong.MaxValue - 1)}, "
                + $"o = {new Le16(1)}, p = {new Le32(2)}, q = {new Le64(3)}, r = {TextKind.Second}, s = {(TextKind)7}, t = {inner}, "
                + $"u = {new CLong(-9)}, v = {new InAddr(192, 0, 2, 1)}, {inner} }}",
                text.ToStringAndClear());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Integers_take_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = Tilde;
        try
        {
            var text = new StructText("struct t", stackalloc char[16]);
            text.Int32("a", -5);
            text.Int64("b", -6);
            text.SByte("c", -7);
            text.Value("d", new CLong(-8));
            Assert.Equal("struct t { a = ~5, b = ~6, c = ~7, d = ~8 }", text.ToStringAndClear());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void No_members_leave_empty_braces()
    {
        var text = new StructText("struct empty", stackalloc char[4]);
        Assert.Equal("struct empty {  }", text.ToStringAndClear());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(128)]
    [InlineData(1000)]
    public void Bytes_are_two_hex_digits_each_as_FormatBytes_writes_them(int length)
    {
        var bytes = Enumerable.Range(0, length).Select(i => (byte)((i * 37) + 5)).ToArray();
        var text = new StructText("struct t", stackalloc char[32]);
        text.Bytes("raw", bytes);
        text.UInt32("after", 1);
        Assert.Equal($"struct t {{ raw = {StructHelpers.FormatBytes(bytes)}, after = 1 }}", text.ToStringAndClear());
    }

    [Theory]
    [InlineData("filter", 8)]
    [InlineData("", 8)]
    [InlineData("full", 4)]
    [InlineData("héllo wörld", 32)]
    [InlineData("x", 300)]
    public void C_strings_end_at_the_first_NUL_as_FormatCString_reads_them(string value, int size)
    {
        var field = new byte[size];
        var written = Encoding.UTF8.GetBytes(value, field);
        if (written + 1 < size)
        {
            field.AsSpan(written + 1).Fill((byte)'z');
        }

        var text = new StructText("struct t", stackalloc char[8]);
        text.CString("name", field);
        Assert.Equal($"struct t {{ name = {StructHelpers.FormatCString(field)} }}", text.ToStringAndClear());
        Assert.DoesNotContain("z", StructHelpers.FormatCString(field));
    }

    [Fact]
    public void A_long_C_string_without_NUL_and_invalid_UTF8_decode_as_before()
    {
        var field = Enumerable.Range(0, 600).Select(i => i % 50 == 0 ? (byte)0xff : (byte)('a' + (i % 26))).ToArray();
        var text = new StructText("struct t", stackalloc char[8]);
        text.CString("name", field);
        text.CString("short", field.AsSpan(0, 100));
        Assert.Equal(
            $"struct t {{ name = {StructHelpers.FormatCString(field)}, short = {StructHelpers.FormatCString(field.AsSpan(0, 100))} }}",
            text.ToStringAndClear());
    }

    [Fact]
    public void A_text_longer_than_its_buffer_grows()
    {
        var text = new StructText("struct long", stackalloc char[8]);
        var expected = new StringBuilder("struct long { ");
        for (var i = 0; i < 500; i++)
        {
            text.UInt32("member" + i.ToString(CultureInfo.InvariantCulture), (uint)i * 1000);
            expected.Append(i == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"member{i} = {(uint)i * 1000}");
        }

        Assert.Equal(expected.Append(" }").ToString(), text.ToStringAndClear());
    }

    [Fact]
    public void A_generated_ToString_gives_the_interpolated_string_it_replaced()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = Tilde;
        try
        {
            var value = new TextEveryKind
            {
                u8 = 1, s8 = -2, u16 = 3, s16 = -4, u32 = 5, s32 = -6, u64 = 7, s64 = -8, unsignedLong = 9, signedLong = -10,
                cLong = new CLong(-11), cULong = new CULong(12), be16 = new Be16(13), be32 = new Be32(14), be64 = new Be64(15),
                le16 = new Le16(16), le32 = new Le32(17), le64 = new Le64(18), kind = TextKind.Second, inner = new TextInner { x = -19 },
                address = new InAddr(10, 0, 0, 20), low = 5, high = 30, negative = -3,
            };
            unsafe
            {
                value.pointer = (void*)0x1234abcd;
            }

            value.SetName("eth0");
            value.AsBytes()[TextEveryKind.Offsets.raw + 1] = 0xfe;
            value.anonymous.word = 0x01020304;

            // What the generator wrote before StructText: one interpolated string, a hole per member.
            var bytes = value.AsReadOnlyBytes();
            string expected;
            unsafe
            {
                expected = $"struct ks_text {{ u8 = {value.u8}, s8 = {value.s8}, u16 = {value.u16}, s16 = {value.s16}, u32 = {value.u32}, "
                    + $"s32 = {value.s32}, u64 = {value.u64}, s64 = {value.s64}, unsignedLong = {value.unsignedLong}, signedLong = {value.signedLong}, "
                    + $"cLong = {value.cLong}, cULong = {value.cULong}, be16 = {value.be16}, be32 = {value.be32}, be64 = {value.be64}, "
                    + $"le16 = {value.le16}, le32 = {value.le32}, le64 = {value.le64}, kind = {value.kind}, inner = {value.inner}, "
                    + $"address = {value.address}, pointer = 0x{(nuint)value.pointer:x}, "
                    + $"name = {StructHelpers.FormatCString(bytes.Slice(TextEveryKind.Offsets.name, 8))}, "
                    + $"raw = {StructHelpers.FormatBytes(bytes.Slice(TextEveryKind.Offsets.raw, 3))}, low = {value.low}, high = {value.high}, "
                    + $"negative = {value.negative}, {value.anonymous} }}";
            }

            Assert.Equal(expected, value.ToString());
            Assert.Contains("s8 = ~2", expected);
            Assert.Contains("kind = Second", expected);
            Assert.Contains("inner = struct ks_text_inner { x = ~19 }", expected);
            Assert.Contains("address = 10.0.0.20", expected);
            Assert.Contains("pointer = 0x1234abcd", expected);
            Assert.Contains("name = \"eth0\"", expected);
            Assert.Contains("raw = [00 fe 00]", expected);
            Assert.Contains("negative = ~3", expected);
            Assert.EndsWith($"union {{ word = {0x01020304u}, half = {(ushort)(BitConverter.IsLittleEndian ? 0x0304 : 0x0102)} }} }}", expected);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    private static CultureInfo TildeCulture()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NegativeSign = "~";
        return culture;
    }
}
