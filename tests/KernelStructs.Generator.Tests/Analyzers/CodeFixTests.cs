using System.Threading.Tasks;
using KernelStructs.Analyzers;
using KernelStructs.CodeFixes;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace KernelStructs.Generator.Tests.Analyzers;

/// <summary>Before/after tests of the code fixes; the fixed code must be free of the diagnostic it fixes.</summary>
public sealed class CodeFixTests
{
    private static DiagnosticResult Padding(int location) => new DiagnosticResult(Descriptors.ImplicitPadding.Id, Descriptors.ImplicitPadding.DefaultSeverity).WithLocation(location);

    private static DiagnosticResult Char(int location) => new DiagnosticResult(Descriptors.CSharpChar.Id, Descriptors.CSharpChar.DefaultSeverity).WithLocation(location);

    [Fact]
    public Task KS1104_fix_declares_a_hole_as_a_fixed_byte_buffer()
    {
        var test = new CodeFixTest<AddExplicitPaddingCodeFix>(
            """
            [KernelStruct("struct a")]
            public partial struct A
            {
                public byte a;
                // The port, in network byte order.
                public Be16 {|#0:port|};
            }
            """,
            """
            [KernelStruct("struct a")]
            public partial struct A
            {
                public byte a;
                public unsafe fixed byte __pad1[1];
                // The port, in network byte order.
                public Be16 port;
            }
            """);
        test.ExpectedDiagnostics.Add(Padding(0));
        return test.RunAsync();
    }

    [Fact]
    public Task KS1104_fix_declares_tail_padding_after_the_last_field()
    {
        var test = new CodeFixTest<AddExplicitPaddingCodeFix>(
            """
            [KernelStruct("struct a")]
            public partial struct {|#0:A|}
            {
                public ulong a;
                public ushort b;

                public readonly int Twice() => b * 2;
            }
            """,
            """
            [KernelStruct("struct a")]
            public partial struct A
            {
                public ulong a;
                public ushort b;
                public unsafe fixed byte __pad10[6];

                public readonly int Twice() => b * 2;
            }
            """);
        test.ExpectedDiagnostics.Add(Padding(0));
        return test.RunAsync();
    }

    [Fact]
    public Task KS1104_fix_all_pads_every_hole_in_one_pass()
    {
        var test = new CodeFixTest<AddExplicitPaddingCodeFix>(
            """
            [KernelStruct("struct a")]
            public partial struct {|#2:A|}
            {
                public byte a;
                public uint {|#0:b|};
                public byte c;
                public ulong {|#1:d|};
                public ushort e;
            }

            [KernelStruct("struct b")]
            public partial struct B
            {
                public byte a;
                public ushort {|#3:b|};
            }
            """,
            """
            [KernelStruct("struct a")]
            public partial struct A
            {
                public byte a;
                public unsafe fixed byte __pad1[3];
                public uint b;
                public byte c;
                public unsafe fixed byte __pad9[7];
                public ulong d;
                public ushort e;
                public unsafe fixed byte __pad26[6];
            }

            [KernelStruct("struct b")]
            public partial struct B
            {
                public byte a;
                public unsafe fixed byte __pad1[1];
                public ushort b;
            }
            """);
        test.ExpectedDiagnostics.AddRange([Padding(0), Padding(1), Padding(2), Padding(3)]);
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInDocumentIterations = 1;
        test.NumberOfIncrementalIterations = 4;
        return test.RunAsync();
    }

    [Fact]
    public Task KS1104_fix_without_unsafe_code_uses_byte_fields()
    {
        var test = new CodeFixTest<AddExplicitPaddingCodeFix>(
            """
            [KernelStruct("struct a")]
            public partial struct A
            {
                public ushort a;
                public uint {|#0:b|};
            }
            """,
            """
            [KernelStruct("struct a")]
            public partial struct A
            {
                public ushort a;
                public byte __pad2_0, __pad2_1;
                public uint b;
            }
            """,
            allowUnsafe: false);
        test.ExpectedDiagnostics.Add(Padding(0));
        return test.RunAsync();
    }

    [Fact]
    public Task KS1104_fix_in_a_readonly_struct_uses_readonly_byte_fields()
    {
        var test = new CodeFixTest<AddExplicitPaddingCodeFix>(
            """
            [KernelStruct("struct a")]
            public readonly partial struct A
            {
                public readonly byte a;
                public readonly ushort {|#0:b|};
            }
            """,
            """
            [KernelStruct("struct a")]
            public readonly partial struct A
            {
                public readonly byte a;
                public readonly byte __pad1;
                public readonly ushort b;
            }
            """);
        test.ExpectedDiagnostics.Add(Padding(0));
        return test.RunAsync();
    }

    [Fact]
    public Task KS1104_fix_under_explicit_layout_adds_a_field_offset()
    {
        var test = new CodeFixTest<AddExplicitPaddingCodeFix>(
            """
            [KernelStruct("struct a")]
            [StructLayout(LayoutKind.Explicit)]
            public partial struct A
            {
                [FieldOffset(0)] public byte a;
                [FieldOffset(4)] public uint {|#0:b|};
            }
            """,
            """
            [KernelStruct("struct a")]
            [StructLayout(LayoutKind.Explicit)]
            public partial struct A
            {
                [FieldOffset(0)] public byte a;
                [FieldOffset(1)] public unsafe fixed byte __pad1[3];
                [FieldOffset(4)] public uint b;
            }
            """);
        test.ExpectedDiagnostics.Add(Padding(0));
        return test.RunAsync();
    }

    [Fact]
    public Task KS1104_fix_picks_a_free_name()
    {
        var test = new CodeFixTest<AddExplicitPaddingCodeFix>(
            """
            [KernelStruct("struct a")]
            public partial struct A
            {
                public byte a;
                public uint {|#0:b|};

                public static int __pad1 => 0;
            }
            """,
            """
            [KernelStruct("struct a")]
            public partial struct A
            {
                public byte a;
                public unsafe fixed byte __pad1_[3];
                public uint b;

                public static int __pad1 => 0;
            }
            """);
        test.ExpectedDiagnostics.Add(Padding(0));
        return test.RunAsync();
    }

    [Fact]
    public Task KS1104_no_fix_for_a_hole_that_depends_on_the_abi()
    {
        const string source = """
            [KernelStruct("struct a")]
            public partial struct {|#0:A|} { public uint a; public nint {|#1:p|}; }
            """;
        var test = new CodeFixTest<AddExplicitPaddingCodeFix>(source, source);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.AbiDependentLayout.Id, Descriptors.AbiDependentLayout.DefaultSeverity).WithLocation(0));
        test.ExpectedDiagnostics.Add(Padding(1));
        return test.RunAsync();
    }

    [Fact]
    public Task KS1001_fix_turns_char_fields_and_buffers_into_bytes()
    {
        var test = new CodeFixTest<CharToByteCodeFix>(
            """
            [KernelStruct("struct a")]
            public partial struct A
            {
                public char {|#0:c|};
                public unsafe fixed char {|#1:name|}[15];
                public System.Char {|#2:d|}, {|#3:e|};
            }
            """,
            """
            [KernelStruct("struct a")]
            public partial struct A
            {
                public byte c;
                public unsafe fixed byte name[15];
                public byte d, e;
            }
            """);
        test.ExpectedDiagnostics.AddRange([Char(0), Char(1), Char(2), Char(3)]);
        test.NumberOfIncrementalIterations = 3;
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInDocumentIterations = 1;
        return test.RunAsync();
    }

    [Fact]
    public Task KS1001_no_fix_for_a_char_inside_a_nested_struct()
    {
        const string source = """
            public struct Inner { public char c; }

            [KernelStruct("struct a")]
            public partial struct A { public Inner {|#0:inner|}; }
            """;
        var test = new CodeFixTest<CharToByteCodeFix>(source, source);
        test.ExpectedDiagnostics.Add(Char(0));
        return test.RunAsync();
    }
}
