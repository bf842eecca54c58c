using System.Linq;
using KernelStructs.Generator.Tests.Infrastructure;
using System.Threading.Tasks;
using KernelStructs.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace KernelStructs.Generator.Tests.Analyzers;

/// <summary>
/// The diagnostics for declarations the generator cannot emit for, found by the fuzzer (<c>tests/KernelStructs.Fuzz</c>):
/// each fires on its minimal input and stays silent on the correct declaration next to it.
/// </summary>
public sealed class DeclarationLimitsTests
{
    private static DiagnosticResult Expect(DiagnosticDescriptor descriptor, int location, params object[] arguments)
        => new DiagnosticResult(descriptor).WithLocation(location).WithArguments(arguments);

    // ---- KS0003: types the generator cannot add a part to -------------------------------------

    [Fact]
    public Task KS0003_inline_array_and_file_local()
    {
        var test = new AnalyzerTest(
            """
            [KernelStruct("struct s"), InlineArray(4)]
            public partial struct {|#0:S|} { private uint _e; }

            [KernelStruct("struct f")]
            file partial struct {|#1:F|} { public uint a; }

            file partial class FileOuter
            {
                [KernelStruct("struct n")]
                public partial struct {|#2:N|} { public uint a; }
            }
            """,
            Expect(Descriptors.NotPlainStruct, 0, "S", "it is an [InlineArray], which mirrors a C array: declare the array as a field of a kernel struct"),
            Expect(Descriptors.NotPlainStruct, 1, "F", "it is file-local, and the generated part in another file cannot extend a file-local type"),
            Expect(Descriptors.NotPlainStruct, 2, "N", "it is nested in the file-local type FileOuter, which the generated part in another file cannot extend"));
        return test.RunAsync();
    }

    // ---- KS0005: C# version --------------------------------------------------------------------

    [Fact]
    public Task KS0005_fires_before_CSharp_12()
    {
        var test = new AnalyzerTest(
            """
            [KernelStruct("struct s")]
            public partial struct {|#0:S|} { public uint a; }
            """,
            Expect(Descriptors.LanguageVersionTooOld, 0, "S", "11.0"));
        test.SolutionTransforms.Add((solution, project) => solution.WithProjectParseOptions(project, new CSharpParseOptions(LanguageVersion.CSharp11)));
        return test.RunAsync();
    }

    [Fact]
    public Task KS0005_is_silent_on_CSharp_12()
    {
        var test = new AnalyzerTest(
            """
            [KernelStruct("struct s")]
            public partial struct S { public uint a; }
            """);
        test.SolutionTransforms.Add((solution, project) => solution.WithProjectParseOptions(project, new CSharpParseOptions(LanguageVersion.CSharp12)));
        return test.RunAsync();
    }

    // ---- KS1006: cycles through any member ----------------------------------------------------

    [Fact]
    public void KS1006_cycle_through_an_inline_array_element_is_reported_by_the_generator()
    {
        // The compiler reports these cycles as CS0523, which ends a build before any analyzer runs: the generator reports
        // KS1006 itself (without it, it used to overflow its stack here), and the other struct still gets its code.
        var source = """
            using System.Runtime.CompilerServices;
            using KernelStructs;

            [InlineArray(2)] public struct Loop { private Loop _e; }

            [InlineArray(2)] public struct Back { private Ring _e; }

            [KernelStruct("struct ring")]
            public partial struct Ring
            {
                public Loop slots;
                public Back back;
            }

            [KernelStruct("struct fine")]
            public partial struct Fine { public uint a; }
            """;
        var (run, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        var reported = run.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(new[] { "KS1006", "KS1006" }, reported.Select(d => d.Id));
        Assert.Equal("Field 'slots' nests 'Loop' inside itself", reported[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Field 'back' nests 'Ring' inside itself", reported[1].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(reported, d => Assert.True(d.Location.IsInSource));
        Assert.Equal("slots", reported[0].Location.SourceTree!.GetText().ToString(reported[0].Location.SourceSpan));
        var result = Assert.Single(run.Results);
        Assert.Null(result.Exception);
        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("partial struct Fine", System.StringComparison.Ordinal));
        Assert.DoesNotContain(result.GeneratedSources, s => s.SourceText.ToString().Contains("partial struct Ring", System.StringComparison.Ordinal));
    }

    [Fact]
    public void KS1006_is_not_the_generators_without_a_cycle_by_value()
    {
        var (run, _) = GeneratorHarness.Run(GeneratorHarness.Compile("""
            using System.Runtime.CompilerServices;
            using KernelStructs;

            [InlineArray(2)] public struct Pair { private uint _e; }

            [KernelStruct("struct node")]
            public unsafe partial struct Node { public Pair pair; public Node* next; }
            """));
        Assert.Empty(run.Diagnostics);
    }

    // ---- KS1009: names C cannot have, out-of-range expectations --------------------------------

    [Fact]
    public Task KS1009_C_names_that_are_no_C_identifiers()
        => AnalyzerTest.VerifyAsync(
            """
            [{|#0:KernelStruct("struct s", Header = "a\u2028b.h")|}]
            public partial struct S
            {
                [CField("a b")] public uint {|#1:a|};
                [CField("1a")] public uint {|#2:b|};
                [CField("int")] public uint {|#3:c|};
                public uint {|#4:été|};
                [CField(ExpectedOffset = -16)] public uint {|#5:d|};
                [BitField("x\ny", 3)] public uint {|#6:e|};
            }

            [{|#7:KernelStruct("struct x-y")|}]
            public partial struct T { public uint a; }
            """,
            Expect(Descriptors.InvalidArgument, 0, "Header", "\"a\\u2028b.h\"", "it must be a header name as #include <...> takes it (no spaces, quotes or angle brackets)"),
            Expect(Descriptors.InvalidArgument, 1, "CField name", "\"a b\"", "it must be a C identifier (ASCII letters, digits and '_', not starting with a digit, not a C keyword)"),
            Expect(Descriptors.InvalidArgument, 2, "CField name", "\"1a\"", "it must be a C identifier (ASCII letters, digits and '_', not starting with a digit, not a C keyword)"),
            Expect(Descriptors.InvalidArgument, 3, "CField name", "\"int\"", "it must be a C identifier (ASCII letters, digits and '_', not starting with a digit, not a C keyword)"),
            Expect(Descriptors.InvalidArgument, 4, "C member name", "\"été\"", "the C# name of field 'été' is its C name unless [CField(\"name\")] states one, and it is not a C identifier"),
            Expect(Descriptors.InvalidArgument, 5, "CField ExpectedOffset", "-16", "it must be an offset (0 or more), or -1 for no expectation"),
            Expect(Descriptors.InvalidBitFields, 6, "e", "bitfield name \"x\\ny\" is not a unique C identifier"),
            Expect(Descriptors.InvalidArgument, 7, "C type name", "\"struct x-y\"", "it must read 'struct name' or 'union name', or 'struct' or 'union' alone for a type without a name"));

    [Fact]
    public Task KS1009_is_silent_on_C_identifiers_that_are_CSharp_keywords()
        => AnalyzerTest.VerifyAsync("""
            [KernelStruct("struct class", Header = "linux/in.h", Defines = new[] { "_GNU_SOURCE", "A=1" })]
            public partial struct Class
            {
                public uint @class;
                [CField("event")] public uint happened;
                [CField(ExpectedOffset = 8)] public uint _;
            }
            """);

    // ---- KS1015: data C does not have ---------------------------------------------------------

    [Fact]
    public Task KS1015_auto_properties_field_like_events_and_captured_primary_constructor_parameters()
    {
        var test = new AnalyzerTest(
            """
            public struct WithProperty { public uint a; public uint B { get; set; } }

            public struct WithConstructor(uint x) { public uint a = x; public readonly uint X => x; }

            [KernelStruct("struct p")]
            public partial struct P(uint {|#4:y|}) { public uint a; public readonly uint Y => y; }

            [KernelStruct("struct s")]
            public partial struct S
            {
                public uint a;
                public uint {|#0:Mask|} { get; set; }
                public event System.Action? {|#1:Changed|};
                public WithProperty {|#2:nested|};
                public WithConstructor {|#3:built|};
            }
            """,
            Expect(Descriptors.HiddenField, 0, "S", "the auto-property 'Mask' keeps its value in a hidden field"),
            Expect(Descriptors.HiddenField, 1, "S", "the field-like event 'Changed' keeps its delegate in a hidden field"),
            Expect(Descriptors.HiddenField, 2, "WithProperty", "the auto-property 'B' keeps its value in a hidden field"),
            Expect(Descriptors.HiddenField, 3, "WithConstructor", "the primary-constructor parameter 'x' is kept in a hidden field, as a member uses it"),
            Expect(Descriptors.HiddenField, 4, "P", "the primary-constructor parameter 'y' is kept in a hidden field, as a member uses it"));
        test.CompilerDiagnostics = CompilerDiagnostics.Errors;
        return test.RunAsync();
    }

    [Fact]
    public Task KS1015_is_silent_on_members_without_instance_storage()
        => AnalyzerTest.VerifyAsync("""
            [KernelStruct("struct s")]
            public partial struct S
            {
                public uint a;
                public static uint Shared;
                public const int Count = 4;
                public static uint Default { get; set; }
                public readonly uint Doubled => a * 2;
                public event System.Action Changed { add { } remove { } }
                public readonly bool IsSet() => a != 0;
            }

            [KernelStruct("struct p")]
            public partial struct P(uint y)
            {
                public uint a = y;
            }
            """);

    // ---- KS1016: names the generator writes ---------------------------------------------------

    [Fact]
    public Task KS1016_user_members_named_like_generated_ones()
        => AnalyzerTest.VerifyAsync(
            """
            [KernelStruct("struct s")]
            public partial struct S
            {
                public uint {|#0:Read|};
                public const int {|#1:SizeOf|} = 4;
                public static class {|#2:Offsets|} { }
                public readonly uint {|#3:AlignOf|} => 1;
                [BitField("flag", 1)] public uint bits;
                public readonly bool {|#4:flag|}() => true;
            }
            """,
            Expect(Descriptors.GeneratedNameTaken, 1, "the constant 'SizeOf'", "the generated constant SizeOf", "SizeOf", "S"),
            Expect(Descriptors.GeneratedNameTaken, 3, "the property 'AlignOf'", "the generated constant AlignOf", "AlignOf", "S"),
            Expect(Descriptors.GeneratedNameTaken, 2, "the nested type 'Offsets'", "the generated class Offsets", "Offsets", "S"),
            Expect(Descriptors.GeneratedNameTaken, 0, "the field 'Read'", "the generated method Read", "Read", "S"),
            Expect(Descriptors.GeneratedNameTaken, 4, "the method 'flag'", "the generated property of bitfield 'flag' (in 'bits')", "flag", "S"));

    [Fact]
    public Task KS1016_generated_members_named_alike()
        => AnalyzerTest.VerifyAsync(
            """
            [KernelStruct("struct s")]
            public unsafe partial struct S
            {
                [BitField("SizeOf", 3)] public uint {|#0:bits|};
                [CString] public fixed byte name[8];
                [CString] public fixed byte {|#1:_name|}[8];
                [BitField("Equals", 1)] public byte {|#2:more|};
                [CField("Offsets")] public uint {|#3:offsets|};
            }

            [KernelStruct("struct read")]
            public partial struct {|#4:Read|} { public uint a; }
            """,
            Expect(Descriptors.GeneratedNameTaken, 0, "the generated constant SizeOf", "the generated property of bitfield 'SizeOf' (in 'bits')", "SizeOf", "S"),
            Expect(Descriptors.GeneratedNameTaken, 1, "the generated C-string getter of 'name'", "the generated C-string getter of '_name'", "GetName", "S"),
            Expect(Descriptors.GeneratedNameTaken, 1, "the generated C-string setter of 'name'", "the generated C-string setter of '_name'", "SetName", "S"),
            Expect(Descriptors.GeneratedNameTaken, 2, "the inherited member Equals", "the generated property of bitfield 'Equals' (in 'more')", "Equals", "S"),
            Expect(Descriptors.GeneratedNameTaken, 3, "the generated class Offsets", "its constant for the C member 'Offsets'", "Offsets", "S"),
            Expect(Descriptors.GeneratedNameTaken, 4, "the struct itself", "the generated method Read", "Read", "Read"));

    [Fact]
    public Task KS1016_is_silent_on_replacements_and_on_C_names_inside_Offsets()
        => AnalyzerTest.VerifyAsync("""
            [KernelStruct("struct s")]
            public unsafe partial struct S
            {
                [CField("SizeOf")] public uint size_of;
                [CField("Read")] public uint read;
                [CString] public fixed byte name[8];
                [BitField("flag", 1)] public uint bits;

                public override readonly string ToString() => "mine";
                public static S Read(System.ReadOnlySpan<byte> bytes) => default;
                public readonly string GetName() => "mine";
            }
            """);
}
