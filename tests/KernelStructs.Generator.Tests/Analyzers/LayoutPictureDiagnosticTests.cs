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

    // The analyzer draws the pictures only when KS1105 can be reported; these show that every way of turning it on still
    // reaches it, and that nothing else does.

    [Fact]
    public void KS1105_counts_as_off_with_no_setting_and_with_other_diagnostics_raised()
    {
        var compilation = GeneratorHarness.Compile(Source);
        var tree = compilation.SyntaxTrees.First();
        Assert.False(DiagnosticSwitch.IsOn(Descriptors.LayoutPicture, compilation, Options(), tree, default));

        var others = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            compilation.Options.SpecificDiagnosticOptions.SetItem("KS1104", ReportDiagnostic.Error).SetItem("KS1105", ReportDiagnostic.Suppress)));
        Assert.False(DiagnosticSwitch.IsOn(Descriptors.LayoutPicture, others, Options(("dotnet_analyzer_diagnostic.category-KernelStructs.Layout.severity", "none")), tree, default));
    }

    [Fact]
    public void KS1105_counts_as_on_from_the_command_line_and_from_a_bulk_category_setting()
    {
        var compilation = GeneratorHarness.Compile(Source);
        var tree = compilation.SyntaxTrees.First();
        var commandLine = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            compilation.Options.SpecificDiagnosticOptions.SetItem("KS1105", ReportDiagnostic.Info)));
        Assert.True(DiagnosticSwitch.IsOn(Descriptors.LayoutPicture, commandLine, Options(), tree, default));
        Assert.True(DiagnosticSwitch.IsOn(Descriptors.LayoutPicture, compilation, Options(("dotnet_analyzer_diagnostic.category-KernelStructs.Layout.severity", "suggestion")), tree, default));
    }

    [Fact]
    public async Task Editorconfig_turns_KS1105_on_for_a_file_and_off_again()
    {
        // dotnet_diagnostic.KS1105.severity in .editorconfig reaches the compilation as per-file options.
        var compilation = GeneratorHarness.Compile(Source);
        var tree = compilation.SyntaxTrees.First();

        var on = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new TreeOptions(tree, ReportDiagnostic.Info, global: null)));
        Assert.True(DiagnosticSwitch.IsOn(Descriptors.LayoutPicture, on, Options(), tree, default));
        Assert.Single(await Analyze(on), d => d.Id == "KS1105");

        // A file's "none" wins over a global config's severity, as in the compiler: nothing to draw.
        var off = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new TreeOptions(tree, ReportDiagnostic.Suppress, global: ReportDiagnostic.Warn)));
        Assert.False(DiagnosticSwitch.IsOn(Descriptors.LayoutPicture, off, Options(), tree, default));
        Assert.DoesNotContain(await Analyze(off), d => d.Id == "KS1105");
    }

    [Fact]
    public async Task A_global_config_turns_KS1105_on()
    {
        var compilation = GeneratorHarness.Compile(Source);
        var tree = compilation.SyntaxTrees.First();
        var on = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new TreeOptions(tree: null, ReportDiagnostic.Default, global: ReportDiagnostic.Warn)));

        Assert.True(DiagnosticSwitch.IsOn(Descriptors.LayoutPicture, on, Options(), tree, default));
        // The harness compiles with warnings as errors: the global config's warning reports as an error.
        Assert.Equal(DiagnosticSeverity.Error, Assert.Single(await Analyze(on), d => d.Id == "KS1105").Severity);
    }

    /// <summary>What the compiler makes of <c>.editorconfig</c> and global configs: a KS1105 severity for one file, or for all.</summary>
    private sealed class TreeOptions(SyntaxTree? tree, ReportDiagnostic perFile, ReportDiagnostic? global) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree syntaxTree, System.Threading.CancellationToken cancellationToken) => GeneratedKind.NotGenerated;

        public override bool TryGetDiagnosticValue(SyntaxTree syntaxTree, string diagnosticId, System.Threading.CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = perFile;
            return syntaxTree == tree && diagnosticId == "KS1105";
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, System.Threading.CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = global ?? ReportDiagnostic.Default;
            return global is not null && diagnosticId == "KS1105";
        }
    }

    private static AnalyzerOptions Options(params (string Key, string Value)[] global)
        => new(ImmutableArray<AdditionalText>.Empty, new ConfigOptions(global.ToDictionary(p => p.Key, p => p.Value)));

    private sealed class ConfigOptions(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(values);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => GlobalOptions;
    }

    private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }

    private static async Task<ImmutableArray<Diagnostic>> Analyze(Compilation compilation)
        => await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new KernelStructAnalyzer()))
            .GetAnalyzerDiagnosticsAsync();
}
