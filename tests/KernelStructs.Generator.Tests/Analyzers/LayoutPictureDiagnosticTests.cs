using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using KernelStructs.Analyzers;
using KernelStructs.Generator.Layout;
using KernelStructs.Generator.Parsing;
using KernelStructs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace KernelStructs.Generator.Tests.Analyzers;

/// <summary>KS1105 carries the pahole-style picture of the doc comment; it is off until a project turns it on.</summary>
public sealed class LayoutPictureDiagnosticTests
{
    private const string Source = """
        using KernelStructs;
        namespace Demo;

        [KernelStruct("struct holder")]
        public partial struct Holder
        {
            public byte tag;
            public nint pointer;
            [BitField("a", 3)]
            [BitField("b", 5)]
            public byte bits;
        }
        """;

    [Fact]
    public async Task KS1105_is_off_by_default()
    {
        var diagnostics = await Analyze(GeneratorHarness.Compile(Source));
        Assert.DoesNotContain(diagnostics, d => d.Id == "KS1105");
        Assert.False(Descriptors.LayoutPicture.IsEnabledByDefault);
    }

    [Fact]
    public async Task Turned_on_KS1105_shows_the_picture_of_every_ABI_at_the_struct()
    {
        var compilation = GeneratorHarness.Compile(Source);
        compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            compilation.Options.SpecificDiagnosticOptions.SetItem("KS1105", ReportDiagnostic.Warn)));

        var diagnostic = Assert.Single(await Analyze(compilation), d => d.Id == "KS1105");

        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("Holder", diagnostic.Location.SourceTree!.GetRoot().FindToken(diagnostic.Location.SourceSpan.Start).ValueText);
        var message = diagnostic.GetMessage();
        Assert.StartsWith("Layout of struct holder (as pahole prints it):", message);
        var model = StructParser.Parse(compilation.GetTypeByMetadataName("Demo.Holder")!, default);
        foreach (var abi in Abi.All)
        {
            var picture = LayoutPicture.Draw(model.Shape, LayoutEngine.Compute(model.Shape, abi), abi);
            Assert.Contains(string.Join("\n", picture).Replace("\t", "    "), message);
        }

        // nint makes arm's picture differ from the 64-bit ABIs': two groups, each named.
        Assert.Contains("\nx86_64, aarch64, s390x:\n", message);
        Assert.Contains("\narm:\n", message);
    }

    private static async Task<ImmutableArray<Diagnostic>> Analyze(Compilation compilation)
        => await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new KernelStructAnalyzer()))
            .GetAnalyzerDiagnosticsAsync();
}
