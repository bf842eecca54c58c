using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KernelStructs.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace KernelStructs.Generator.Tests.Analyzers;

/// <summary>
/// Malformed declarations get a KS diagnostic from the analyzer and nothing from the generator: no exception,
/// no diagnostic, no code for them, and the valid structs of the same compilation still get theirs.
/// </summary>
public sealed class MalformedDeclarationTests
{
    /// <summary>Each malformed struct with the diagnostic it must get.</summary>
    private static readonly (string Type, string Id)[] Malformed =
    [
        ("NotPartial", "KS0001"),
        ("Generic", "KS0002"),
        ("InGeneric", "KS0002"),
        ("Record", "KS0003"),
        ("RefStruct", "KS0003"),
        ("InNonPartial", "KS0004"),
        ("WithChar", "KS1001"),
        ("WithNestedChar", "KS1001"),
        ("WithBool", "KS1002"),
        ("WithString", "KS1003"),
        ("WithFloat", "KS1003"),
        ("WithObject", "KS1003"),
        ("WithGenericStruct", "KS1003"),
        ("AutoLayout", "KS1004"),
        ("RecursiveA", "KS1006"),
        ("BadBitFields", "KS1007"),
        ("CStringOnInt", "KS1008"),
        ("BadPack", "KS1009"),
        ("NullName", "KS1009"),
        ("UnionWithFlexibleArray", "KS1009"),
        ("InternalWithoutHeader", "KS1009"),
        ("Empty", "KS1010"),
        ("TooBig", "KS1011"),
    ];

    private const string Source = """
        using KernelStructs;
        using System.Runtime.InteropServices;

        namespace Sample;

        [KernelStruct("struct not_partial")] public struct NotPartial { public int x; }
        [KernelStruct("struct generic")] public partial struct Generic<T> { public int x; }
        public partial class Outer<T> { [KernelStruct("struct in_generic")] public partial struct InGeneric { public int x; } }
        [KernelStruct("struct record")] public partial record struct Record { public int x; }
        [KernelStruct("struct ref_struct")] public ref partial struct RefStruct { public int x; }
        public class NonPartialOuter { [KernelStruct("struct in_non_partial")] public partial struct InNonPartial { public int x; } }
        public struct HasChar { public char c; }
        [KernelStruct("struct with_char")] public partial struct WithChar { public char c; }
        [KernelStruct("struct with_nested_char")] public partial struct WithNestedChar { public HasChar inner; }
        [KernelStruct("struct with_bool")] public partial struct WithBool { public bool b; }
        [KernelStruct("struct with_string")] public partial struct WithString { public string s; }
        [KernelStruct("struct with_float")] public partial struct WithFloat { public float f; }
        [KernelStruct("struct with_object")] public partial struct WithObject { public object o; }
        public struct Pair<T> { public T a; }
        [KernelStruct("struct with_generic_struct")] public partial struct WithGenericStruct { public Pair<int> p; }
        [KernelStruct("struct auto_layout"), StructLayout(LayoutKind.Auto)] public partial struct AutoLayout { public int x; }
        public struct RecursiveB { public RecursiveA a; }
        [KernelStruct("struct recursive_a")] public partial struct RecursiveA { public RecursiveB b; }
        [KernelStruct("struct bad_bitfields")] public partial struct BadBitFields { [BitField("x", 0), BitField("x", 3)] public uint flags; [BitField("y", 1)] public Be32 be; }
        [KernelStruct("struct cstring_on_int")] public partial struct CStringOnInt { [CString] public int name; }
        [KernelStruct("struct bad_pack", Pack = 3, Alignment = 6, ExpectedSize = -1)] public partial struct BadPack { public int x; }
        [KernelStruct(null)] public partial struct NullName { public int x; }
        [KernelStruct("union with_flexible_array"), FlexibleArray(typeof(int), "data")]
        [StructLayout(LayoutKind.Explicit)] public partial struct UnionWithFlexibleArray { [FieldOffset(0)] public int x; }
        [KernelStruct("struct internal_without_header", Internal = true)] public partial struct InternalWithoutHeader { public int x; }
        [KernelStruct("struct empty")] public partial struct Empty { }
        [System.Runtime.CompilerServices.InlineArray(1 << 30)] public struct Huge { private ulong _e; }
        [KernelStruct("struct too_big")] public partial struct TooBig { public Huge h; }

        [KernelStruct("struct valid")] public partial struct Valid { public uint a; public uint b; }
        [KernelStruct("union valid_union"), StructLayout(LayoutKind.Explicit)]
        public partial struct ValidUnion { [FieldOffset(0)] public uint all; [FieldOffset(0)] public Be16 port; }
        public partial class ValidOuter { [KernelStruct("struct valid_nested")] public partial struct ValidNested { public Valid v; public ulong c; } }
        """;

    private const string Usage = """
        namespace Sample;

        public static class Usage
        {
            public static int Sizes() => Valid.SizeOf + Valid.Offsets.b + ValidUnion.SizeOf + ValidOuter.ValidNested.Offsets.c;
        }
        """;

    [Fact]
    public async Task Generator_skips_malformed_structs_quietly_and_emits_the_valid_ones()
    {
        var references = await AnalyzerTestState.ReferenceAssemblies.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "Malformed",
            [CSharpSyntaxTree.ParseText(Source, parseOptions, "Malformed.cs"), CSharpSyntaxTree.ParseText(Usage, parseOptions, "Usage.cs")],
            references.Add(MetadataReference.CreateFromFile(typeof(KernelStructAttribute).Assembly.Location)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));

        var driver = CSharpGeneratorDriver.Create([new KernelStructGenerator().AsSourceGenerator()], parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        var run = driver.GetRunResult();

        Assert.Equal("KS1006", Assert.Single(driverDiagnostics).Id);
        // The generator reports one problem itself: a struct that contains itself by value, as the compiler's CS0523 stops
        // a build before any analyzer runs.
        Assert.Equal("KS1006", Assert.Single(run.Diagnostics).Id);
        var result = Assert.Single(run.Results);
        Assert.Null(result.Exception);

        // Code for the valid structs only (and their registrations, in one file of their own).
        var generated = result.GeneratedSources.Where(s => s.HintName.EndsWith(".KernelStruct.g.cs", System.StringComparison.Ordinal)).Select(s => s.SourceText.ToString()).ToList();
        Assert.Equal(3, generated.Count);
        Assert.Contains(generated, s => s.Contains("partial struct Valid : global::KernelStructs.IKernelStruct", System.StringComparison.Ordinal));
        Assert.Contains(generated, s => s.Contains("partial struct ValidUnion", System.StringComparison.Ordinal));
        Assert.Contains(generated, s => s.Contains("partial struct ValidNested", System.StringComparison.Ordinal));
        foreach (var (type, _) in Malformed)
        {
            Assert.DoesNotContain(generated, s => s.Contains("partial struct " + type, System.StringComparison.Ordinal));
        }

        // The generated members are there to use, and the generated code itself compiles.
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.DoesNotContain(errors, d => d.Location.SourceTree?.FilePath == "Usage.cs");
        Assert.DoesNotContain(errors, d => d.Location.SourceTree is { } tree && !compilation.SyntaxTrees.Contains(tree));

        // Every malformed struct has its KS diagnostic, and the analyzer never failed.
        var all = await output.WithAnalyzers([new KernelStructAnalyzer()]).GetAllDiagnosticsAsync();
        Assert.DoesNotContain(all, d => d.Id == "AD0001");
        var model = output.GetSemanticModel(output.SyntaxTrees.First());
        foreach (var (type, id) in Malformed)
        {
            Assert.True(
                all.Concat(run.Diagnostics).Any(d => d.Id == id && EnclosingType(model, d) == type),
                $"{type}: expected {id}; got {string.Join(", ", all.Where(d => EnclosingType(model, d) == type).Select(d => d.Id))}");
        }

        Assert.DoesNotContain(all, d => d.Id.StartsWith("KS", System.StringComparison.Ordinal) && EnclosingType(model, d) is "Valid" or "ValidUnion" or "ValidNested");
    }

    private static string? EnclosingType(SemanticModel model, Diagnostic diagnostic)
    {
        if (diagnostic.Location.SourceTree != model.SyntaxTree)
        {
            return null;
        }

        var node = model.SyntaxTree.GetRoot().FindNode(diagnostic.Location.SourceSpan);
        return node.AncestorsAndSelf().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText;
    }
}
