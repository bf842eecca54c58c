using System.Threading.Tasks;
using KernelStructs.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace KernelStructs.Generator.Tests.Analyzers;

/// <summary>Severities follow <c>dotnet_diagnostic.KSnnnn.severity</c> in .editorconfig.</summary>
public sealed class SeverityConfigurationTests
{
    private const string Source = """
        [KernelStruct("struct a")]
        public partial struct {|#0:A|} { public nint p; public uint a; }

        [KernelStruct("struct b")]
        public partial struct B { public byte a; public uint {|#1:b|}; }
        """;

    [Fact]
    public Task Default_severities_are_info()
        => AnalyzerTest.VerifyAsync(
            Source,
            new DiagnosticResult(Descriptors.AbiDependentLayout.Id, DiagnosticSeverity.Info).WithLocation(0),
            new DiagnosticResult(Descriptors.ImplicitPadding.Id, DiagnosticSeverity.Info).WithLocation(0),
            new DiagnosticResult(Descriptors.ImplicitPadding.Id, DiagnosticSeverity.Info).WithLocation(1));

    [Fact]
    public Task Editorconfig_raises_KS1104_to_error_and_turns_KS1103_off()
    {
        var test = new AnalyzerTest(
            Source,
            new DiagnosticResult(Descriptors.ImplicitPadding.Id, DiagnosticSeverity.Error).WithLocation(0),
            new DiagnosticResult(Descriptors.ImplicitPadding.Id, DiagnosticSeverity.Error).WithLocation(1));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [*.cs]
            dotnet_diagnostic.KS1104.severity = error
            dotnet_diagnostic.KS1103.severity = none
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task Editorconfig_can_lower_an_error_to_a_warning()
    {
        var test = new AnalyzerTest(
            """
            [KernelStruct("struct a", ExpectedSize = 12)]
            public partial struct {|#0:A|} { public uint a; public uint b; }
            """,
            new DiagnosticResult(Descriptors.SizeMismatch.Id, DiagnosticSeverity.Warning).WithLocation(0));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [*.cs]
            dotnet_diagnostic.KS1101.severity = warning
            """));
        return test.RunAsync();
    }
}
