using System.Threading.Tasks;
using KernelStructs.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace KernelStructs.Generator.Tests.Analyzers;

/// <summary>Every diagnostic of <see cref="KernelStructAnalyzer"/>: a declaration that triggers it, and the correct one that does not.</summary>
public sealed class KernelStructAnalyzerTests
{
    private const string AllAbis = "x86_64, aarch64, arm, s390x";
    private const string Lp64Abis = "x86_64, aarch64, s390x";

    private static DiagnosticResult Expect(DiagnosticDescriptor descriptor, int location, params object[] arguments)
        => new DiagnosticResult(descriptor).WithLocation(location).WithArguments(arguments);

    // ---- correct code ------------------------------------------------------------------------

    [Fact]
    public Task Correct_mirror_with_every_feature_gets_no_diagnostic()
        => AnalyzerTest.VerifyAsync("""
            [KernelStruct("struct in_addr")]
            public partial struct InAddr { public Be32 s_addr; }

            [KernelStruct("struct sockaddr_in", Header = "linux/in.h", ExpectedSize = 16)]
            public partial struct SockAddrIn
            {
                public ushort sin_family;
                [CField(ExpectedOffset = 2)] public Be16 sin_port;
                public InAddr sin_addr;
                public unsafe fixed byte __pad[8];
            }

            [KernelStruct("union nf_inet_addr")]
            [StructLayout(LayoutKind.Explicit)]
            public partial struct NfInetAddr
            {
                [FieldOffset(0)] public uint all;
                [FieldOffset(0)] public Be32 ip;
            }

            [KernelStruct("struct xt_counters_info", ExpectedSize = 40)]
            [FlexibleArray(typeof(ulong), "counters")]
            public partial struct XtCountersInfo
            {
                [CString] public unsafe fixed byte name[32];
                public uint num_counters;
                [BitField("a", 3), BitField("b", 5)] public byte flags;
                public byte __pad1;
                public ushort __pad2;
            }

            public partial class Outer
            {
                [KernelStruct("struct nested", Packed = true)]
                public partial struct Nested { public byte a; public uint b; }
            }
            """);

    // ---- KS0xxx: declarations ----------------------------------------------------------------

    [Fact]
    public Task KS0001_struct_not_partial()
        => AnalyzerTest.VerifyAsync(
            """
            [KernelStruct("struct a")]
            public struct {|#0:A|} { public int x; }
            """,
            Expect(Descriptors.NotPartial, 0, "A"));

    [Fact]
    public Task KS0002_generic_struct_and_struct_nested_in_a_generic_type()
        => AnalyzerTest.VerifyAsync(
            """
            [KernelStruct("struct g")]
            public partial struct {|#0:G|}<T> { public int x; }

            public partial class Outer<T>
            {
                [KernelStruct("struct n")]
                public partial struct {|#1:N|} { public int x; }
            }
            """,
            Expect(Descriptors.Generic, 0, "G", "it is generic"),
            Expect(Descriptors.Generic, 1, "N", "it is nested in the generic type Outer"));

    [Fact]
    public Task KS0003_record_struct_and_ref_struct()
        => AnalyzerTest.VerifyAsync(
            """
            [KernelStruct("struct r")]
            public partial record struct {|#0:R|} { public int x; }

            [KernelStruct("struct s")]
            public ref partial struct {|#1:S|} { public int x; }
            """,
            Expect(Descriptors.NotPlainStruct, 0, "R", "it is a record struct"),
            Expect(Descriptors.NotPlainStruct, 1, "S", "it is a ref struct"));

    [Fact]
    public Task KS0004_containing_type_not_partial()
        => AnalyzerTest.VerifyAsync(
            """
            public class Outer
            {
                [KernelStruct("struct n")]
                public partial struct {|#0:N|} { public int x; }
            }
            """,
            Expect(Descriptors.ContainingTypeNotPartial, 0, "N", "Outer"));

    // ---- KS10xx: fields and attributes -------------------------------------------------------

    [Fact]
    public Task KS1001_char_fields_named_by_path()
        => AnalyzerTest.VerifyAsync(
            """
            public struct Inner { public char c; }

            [KernelStruct("struct a")]
            public partial struct A
            {
                public char {|#0:c|};
                public unsafe fixed char {|#1:name|}[16];
                public Inner {|#2:inner|};
            }
            """,
            Expect(Descriptors.CSharpChar, 0, "c"),
            Expect(Descriptors.CSharpChar, 1, "name"),
            Expect(Descriptors.CSharpChar, 2, "inner.c"));

    [Fact]
    public Task KS1001_does_not_fire_on_byte()
        => AnalyzerTest.VerifyAsync("""
            [KernelStruct("struct a")]
            public partial struct A { public byte c; public unsafe fixed byte name[15]; }
            """);

    [Fact]
    public Task KS1002_bool_field()
        => AnalyzerTest.VerifyAsync(
            """
            [KernelStruct("struct a")]
            public partial struct A { public byte x; public bool {|#0:b|}; }
            """,
            Expect(Descriptors.Bool, 0, "b"));

    [Fact]
    public Task KS1003_reference_type_float_and_generic_struct()
        => AnalyzerTest.VerifyAsync(
            """
            public struct Pair<T> { public T a; }

            [KernelStruct("struct a")]
            public partial struct A
            {
                public string {|#0:s|};
                public float {|#1:f|};
                public Pair<int> {|#2:p|};
                public double {|#3:d|};
            }
            """,
            Expect(Descriptors.UnsupportedFieldType, 0, "s", "string", "a reference type has no C layout"),
            Expect(Descriptors.UnsupportedFieldType, 1, "f", "float", "it has no kernel uapi counterpart"),
            Expect(Descriptors.UnsupportedFieldType, 2, "p", "Pair<int>", "a generic struct has no C counterpart"),
            Expect(Descriptors.UnsupportedFieldType, 3, "d", "double", "it has no kernel uapi counterpart"));

    [Fact]
    public Task KS1003_framework_structs()
        => AnalyzerTest.VerifyAsync(
            """
            [KernelStruct("struct a")]
            public partial struct A { public System.Guid {|#0:g|}; public System.DateTime {|#1:t|}; }
            """,
            Expect(Descriptors.UnsupportedFieldType, 0, "g", "System.Guid", "it is a .NET type with no kernel uapi counterpart"),
            Expect(Descriptors.UnsupportedFieldType, 1, "t", "System.DateTime", "it is a .NET type with no kernel uapi counterpart"));

    [Fact]
    public Task KS1003_does_not_fire_on_supported_types()
        => AnalyzerTest.VerifyAsync("""
            public enum Kind : ushort { A, B }
            public struct Plain { public uint a; public uint b; }

            [InlineArray(4)]
            public struct Four { private uint _element; }

            [KernelStruct("struct a")]
            public partial struct A
            {
                public ulong a; public long b; public Be64 c; public Le64 d;
                public uint e; public int f; public Be32 g; public Le32 h;
                public Four four; public Plain plain;
                public Kind kind; public ushort i; public short j; public Be16 k;
            }
            """);

    [Fact]
    public Task KS1004_layout_kind_auto()
        => AnalyzerTest.VerifyAsync(
            """
            [KernelStruct("struct a")]
            [StructLayout(LayoutKind.Auto)]
            public partial struct {|#0:A|} { public int x; }
            """,
            Expect(Descriptors.AutoLayout, 0, "A"));

    [Fact]
    public Task KS1004_does_not_fire_on_sequential_layout()
        => AnalyzerTest.VerifyAsync("""
            [KernelStruct("struct a")]
            [StructLayout(LayoutKind.Sequential)]
            public partial struct A { public int x; }
            """);

    [Fact]
    public Task KS1005_union_without_explicit_layout()
        => AnalyzerTest.VerifyAsync(
            """
            [KernelStruct("union u")]
            public partial struct U { public uint a; public ushort {|#0:b|}; }
            """,
            Expect(Descriptors.ClrLayoutDiffers, 0, "field 'b'", AllAbis, "offset 0 (2 bytes)", "offset 4 (2 bytes)", "; a union needs [StructLayout(LayoutKind.Explicit)] and [FieldOffset(0)] on every field"));

    [Fact]
    public Task KS1005_struct_alignment_the_clr_cannot_follow()
        => AnalyzerTest.VerifyAsync(
            """
            [KernelStruct("struct a", Alignment = 16)]
            [StructLayout(LayoutKind.Sequential)]
            public partial struct {|#0:A|} { public ulong x; }
            """,
            Expect(Descriptors.ClrLayoutDiffers, 0, "struct a", AllAbis, "size 16", "size 8", "; the CLR does not follow Alignment: add [StructLayout(LayoutKind.Sequential, Size = 16)]"),
            Expect(Descriptors.ImplicitPadding, 0, "The tail of struct a", "8 bytes", " at offset 8"));

    [Fact]
    public Task KS1005_flexible_array_member_alignment_pads_the_c_struct()
        => AnalyzerTest.VerifyAsync(
            """
            [KernelStruct("struct flex")]
            [FlexibleArray(typeof(uint), "entries")]
            [StructLayout(LayoutKind.Sequential)]
            public partial struct {|#0:Flex|} { public ushort count; }
            """,
            Expect(Descriptors.ClrLayoutDiffers, 0, "struct flex", AllAbis, "size 4", "size 2", "; C pads the struct to its flexible array member's alignment: declare the padding (the KS1104 fix) or add [StructLayout(LayoutKind.Sequential, Size = 4)]"),
            Expect(Descriptors.ImplicitPadding, 0, "The hole before the flexible array member 'entries'", "2 bytes", " at offset 2"));

    [Fact]
    public Task KS1005_does_not_fire_when_the_clr_is_told_the_layout()
        => AnalyzerTest.VerifyAsync("""
            [KernelStruct("union u")]
            [StructLayout(LayoutKind.Explicit)]
            public partial struct U { [FieldOffset(0)] public uint a; [FieldOffset(0)] public ushort b; }

            [KernelStruct("struct a", Alignment = 16)]
            [StructLayout(LayoutKind.Sequential, Size = 16)]
            public partial struct A { public ulong x; public ulong y; }

            // Without a [StructLayout] of its own, the generator states Size = 16 for the C tail padding.
            [KernelStruct("struct c", Alignment = 16)]
            public partial struct C { public ulong x; public ulong y; }

            [KernelStruct("struct flex")]
            [FlexibleArray(typeof(uint), "entries")]
            public partial struct Flex { public ushort count; public ushort __pad2; }
            """);

    [Fact]
    public Task KS1006_by_value_is_left_to_the_generator()
        => AnalyzerTest.VerifyAsync(
            """
            // The compiler's CS0523 ends a build before analyzers run, so the generator reports this KS1006 (DeclarationLimitsTests).
            public struct B { public A {|CS0523:a|}; }

            [KernelStruct("struct a")]
            public partial struct A { public B {|CS0523:b|}; }
            """);

    [Fact]
    public Task KS1007_bitfield_wider_than_its_unit_and_duplicate_names()
        => AnalyzerTest.VerifyAsync(
            """
            [KernelStruct("struct a")]
            public partial struct A
            {
                [BitField("x", 9)] public byte {|#0:flags|};
                [BitField("y", 4), BitField("y", 4)] public byte {|#1:more|};
                public ushort pad;
            }
            """,
            Expect(Descriptors.InvalidBitFields, 0, "flags", "bitfield x has width 9, outside 1 to 8"),
            Expect(Descriptors.InvalidBitFields, 1, "more", "bitfield name \"y\" is not a unique C identifier"));

    [Fact]
    public Task KS1007_does_not_fire_on_bitfields_that_fit()
        => AnalyzerTest.VerifyAsync("""
            [KernelStruct("struct a")]
            public partial struct A { [BitField("x", 3), BitField("y", 5)] public byte flags; }
            """);

    [Fact]
    public Task KS1008_cstring_on_a_non_byte_array()
        => AnalyzerTest.VerifyAsync(
            """
            [KernelStruct("struct a")]
            public partial struct A { [CString] public uint {|#0:name|}; }
            """,
            Expect(Descriptors.CStringNotByteArray, 0, "name"));

    [Fact]
    public Task KS1008_does_not_fire_on_byte_arrays()
        => AnalyzerTest.VerifyAsync("""
            [InlineArray(16)]
            public struct Name16 { private byte _element; }

            [KernelStruct("struct a")]
            public partial struct A { [CString] public unsafe fixed byte name[16]; [CString] public Name16 other; }
            """);

    [Fact]
    public Task KS1009_invalid_attribute_arguments()
        => AnalyzerTest.VerifyAsync(
            """
            [{|#0:KernelStruct("a", Pack = 3)|}]
            public partial struct A { [CField(Alignment = 3)] public int {|#1:x|}; }
            """,
            Expect(Descriptors.InvalidArgument, 0, "C type name", "\"a\"", "it must read 'struct name' or 'union name', or 'struct' or 'union' alone for a type without a name"),
            Expect(Descriptors.InvalidArgument, 0, "Pack", "3", "it must be 1, 2, 4, 8 or 16"),
            Expect(Descriptors.InvalidArgument, 1, "CField Alignment", "3", "it must be a power of two"));

    [Fact]
    public Task KS1009_does_not_fire_on_valid_arguments()
        => AnalyzerTest.VerifyAsync("""
            [KernelStruct("struct a", Pack = 4)]
            public partial struct A { public int x; }
            """);

    [Fact]
    public Task KS1010_empty_struct()
        => AnalyzerTest.VerifyAsync(
            """
            [KernelStruct("struct e")]
            public partial struct {|#0:E|} { public const int Constant = 1; }
            """,
            Expect(Descriptors.EmptyStruct, 0, "struct e"));

    [Fact]
    public Task KS1010_does_not_fire_on_a_struct_with_a_field()
        => AnalyzerTest.VerifyAsync("""
            [KernelStruct("struct e")]
            public partial struct E { public const int Constant = 1; public int x; }
            """);

    [Fact]
    public Task KS1011_struct_too_large_for_an_int()
        => AnalyzerTest.VerifyAsync(
            """
            [InlineArray(1 << 29)]
            public struct Huge { private ulong _element; }

            [KernelStruct("struct big")]
            public partial struct {|#0:Big|} { public Huge a; public uint b; }
            """,
            Expect(Descriptors.TooLarge, 0, "struct big"));

    [Fact]
    public Task KS1011_does_not_fire_on_a_large_struct_that_fits()
        => AnalyzerTest.VerifyAsync("""
            [InlineArray(1 << 20)]
            public struct Big { private ulong _element; }

            [KernelStruct("struct big")]
            public partial struct A { public Big a; public ulong b; }
            """);

    [Fact]
    public Task KS1012_anonymous_member_that_is_no_struct_or_whose_type_has_a_name()
        => AnalyzerTest.VerifyAsync(
            """
            [KernelStruct("struct n")]
            public partial struct Named { public uint v; }

            [KernelStruct("struct a")]
            public partial struct A
            {
                [CField(Anonymous = true)] public uint {|#0:x|};
                [CField(Anonymous = true)] public Named {|#1:y|};
                [CField("z", Anonymous = true)] public U {|#2:z|};

                [KernelStruct("union")]
                [StructLayout(LayoutKind.Explicit)]
                public partial struct U { [FieldOffset(0)] public uint a; }
            }
            """,
            Expect(Descriptors.InvalidAnonymousMember, 0, "x", "its type must be a struct or union: a nested [KernelStruct(\"struct\")] or [KernelStruct(\"union\")] type"),
            Expect(Descriptors.InvalidAnonymousMember, 1, "y", "its type mirrors struct n, but the type of an anonymous member has no name: declare it [KernelStruct(\"struct\")]"),
            Expect(Descriptors.InvalidAnonymousMember, 2, "z", "an anonymous member has no C name, so [CField] cannot give one"));

    [Fact]
    public Task KS1012_does_not_fire_on_anonymous_members_of_types_without_a_name()
        => AnalyzerTest.VerifyAsync("""
            [KernelStruct("struct s")]
            public partial struct S
            {
                [CField(Anonymous = true)] public U u;
                [CField(Anonymous = true)] public Plain p;
                public Named named;

                [KernelStruct("union")]
                [StructLayout(LayoutKind.Explicit)]
                public partial struct U { [FieldOffset(0)] public uint a; [FieldOffset(0)] public Be32 b; }

                public struct Plain { public uint c; }

                [KernelStruct("struct")]
                public partial struct Named { public uint d; }
            }
            """);

    [Fact]
    public Task KS1013_member_named_twice_directly_or_through_an_anonymous_member()
        => AnalyzerTest.VerifyAsync(
            """
            [KernelStruct("struct d")]
            public partial struct D
            {
                public uint a;
                [CField(Anonymous = true)] public U {|#0:u|};
                [CField("a")] public uint {|#1:b|};

                [KernelStruct("union")]
                [StructLayout(LayoutKind.Explicit)]
                public partial struct U { [FieldOffset(0)] public uint a; }
            }
            """,
            Expect(Descriptors.DuplicateMemberName, 0, "struct d", "a", "a", "field 'u'"),
            Expect(Descriptors.DuplicateMemberName, 1, "struct d", "a", "a", "field 'b'"));

    [Fact]
    public Task KS1014_flattened_anonymous_union_whose_fields_overlap()
        => AnalyzerTest.VerifyAsync(
            """
            [KernelStruct("struct __kernel_sockaddr_storage")]
            [StructLayout(LayoutKind.Explicit)]
            public unsafe partial struct Flat
            {
                [FieldOffset(0)] public ushort ss_family;
                [FieldOffset(2)] public fixed byte __data[126];
                [FieldOffset(0)] public nint {|#0:__align|};
            }
            """,
            Expect(Descriptors.FlattenedOverlap, 0, "ss_family", "0", "2 bytes", "__align", "0", "8 bytes", Lp64Abis, "struct __kernel_sockaddr_storage"),
            Expect(Descriptors.FlattenedOverlap, 0, "ss_family", "0", "2 bytes", "__align", "0", "4 bytes", "arm", "struct __kernel_sockaddr_storage"));

    [Fact]
    public Task KS1014_does_not_fire_on_an_explicit_layout_without_overlaps_or_on_a_union()
        => AnalyzerTest.VerifyAsync("""
            [KernelStruct("struct e")]
            [StructLayout(LayoutKind.Explicit)]
            public partial struct E
            {
                [FieldOffset(0)] public ushort a;
                [FieldOffset(2)] public ushort b;
                [FieldOffset(4)] public uint c;
            }

            [KernelStruct("union f")]
            [StructLayout(LayoutKind.Explicit)]
            public partial struct F
            {
                [FieldOffset(0)] public ushort a;
                [FieldOffset(0)] public uint b;
            }
            """);

    // ---- KS11xx: layout checks ---------------------------------------------------------------

    [Fact]
    public Task KS1101_size_expectation()
        => AnalyzerTest.VerifyAsync(
            """
            [KernelStruct("struct a", ExpectedSize = 12)]
            public partial struct {|#0:A|} { public uint a; public uint b; }
            """,
            Expect(Descriptors.SizeMismatch, 0, "struct a", "12", "8", AllAbis));

    [Fact]
    public Task KS1101_names_the_abis_where_the_size_differs()
        => AnalyzerTest.VerifyAsync(
            """
            [KernelStruct("struct a", ExpectedSize = 16)]
            public partial struct {|#0:A|} { public nint p; public nint q; }
            """,
            Expect(Descriptors.SizeMismatch, 0, "struct a", "16", "8", "arm"),
            Expect(Descriptors.AbiDependentLayout, 0, "struct a", $"sizeof 16 on {Lp64Abis} vs 8 on arm; alignment 8 on {Lp64Abis} vs 4 on arm; 'q' at offset 8 on {Lp64Abis} vs 4 on arm"));

    [Fact]
    public Task KS1102_offset_expectation()
        => AnalyzerTest.VerifyAsync(
            """
            [KernelStruct("struct a")]
            public partial struct A { public uint a; [CField(ExpectedOffset = 2)] public uint {|#0:b|}; }
            """,
            Expect(Descriptors.OffsetMismatch, 0, "b", "2", "4", AllAbis));

    [Fact]
    public Task KS1101_KS1102_do_not_fire_when_expectations_hold()
        => AnalyzerTest.VerifyAsync("""
            [KernelStruct("struct a", ExpectedSize = 8)]
            public partial struct A { [CField(ExpectedOffset = 0)] public uint a; [CField("b_c", ExpectedOffset = 4)] public uint b; }
            """);

    [Fact]
    public Task KS1103_pointer_sized_member()
        => AnalyzerTest.VerifyAsync(
            """
            [KernelStruct("struct a")]
            public partial struct {|#0:A|} { public nint p; public nuint q; }
            """,
            Expect(Descriptors.AbiDependentLayout, 0, "struct a", $"sizeof 16 on {Lp64Abis} vs 8 on arm; alignment 8 on {Lp64Abis} vs 4 on arm; 'q' at offset 8 on {Lp64Abis} vs 4 on arm"));

    [Fact]
    public Task KS1103_does_not_fire_on_fixed_width_members()
        => AnalyzerTest.VerifyAsync("""
            [KernelStruct("struct a")]
            public partial struct A { public ulong a; public Be32 b; public uint c; }
            """);

    [Fact]
    public Task KS1104_hole_before_a_field_and_tail_padding()
        => AnalyzerTest.VerifyAsync(
            """
            [KernelStruct("struct a")]
            public partial struct {|#1:A|} { public byte a; public uint {|#0:b|}; public byte c; }
            """,
            Expect(Descriptors.ImplicitPadding, 0, "The hole before field 'b'", "3 bytes", " at offset 1"),
            Expect(Descriptors.ImplicitPadding, 1, "The tail of struct a", "3 bytes", " at offset 9"));

    [Fact]
    public Task KS1104_hole_before_a_flexible_array_member()
        => AnalyzerTest.VerifyAsync(
            """
            [KernelStruct("struct a")]
            [FlexibleArray(typeof(ulong), "data")]
            public partial struct {|#0:A|} { public ulong a; public uint b; }
            """,
            Expect(Descriptors.ImplicitPadding, 0, "The hole before the flexible array member 'data'", "4 bytes", " at offset 12"));

    [Fact]
    public Task KS1104_says_when_a_hole_depends_on_the_abi()
        => AnalyzerTest.VerifyAsync(
            """
            [KernelStruct("struct a")]
            public partial struct {|#0:A|} { public nint p; public uint a; }
            """,
            Expect(Descriptors.AbiDependentLayout, 0, "struct a", $"sizeof 16 on {Lp64Abis} vs 8 on arm; alignment 8 on {Lp64Abis} vs 4 on arm; 'a' at offset 8 on {Lp64Abis} vs 4 on arm"),
            Expect(Descriptors.ImplicitPadding, 0, "The tail of struct a", "4 bytes", $" on some ABIs (4 bytes at offset 12 on {Lp64Abis}; none on arm): it depends on the ABI, so no single explicit padding fits"));

    [Fact]
    public Task KS1104_does_not_fire_on_packed_or_explicitly_padded_structs()
        => AnalyzerTest.VerifyAsync("""
            [KernelStruct("struct p", Packed = true)]
            public partial struct P { public byte a; public uint b; }

            [KernelStruct("struct e")]
            public partial struct E { public byte a; public unsafe fixed byte __pad1[3]; public uint b; }
            """);

    // ---- which types are looked at: those with an attribute list in one of their declarations --------------

    [Fact]
    public Task The_attribute_on_a_later_part_of_a_partial_struct_is_found()
        => AnalyzerTest.VerifyAsync(
            """
            public partial struct A { public char {|#0:c|}; }

            [KernelStruct("struct a")]
            public partial struct A { public uint b; }
            """,
            Expect(Descriptors.CSharpChar, 0, "c"));

    [Fact]
    public Task The_attribute_in_a_list_of_several_is_found()
        => AnalyzerTest.VerifyAsync(
            """
            [System.Serializable, KernelStruct("struct a")]
            public partial struct A { public char {|#0:c|}; }
            """,
            Expect(Descriptors.CSharpChar, 0, "c"));
}
