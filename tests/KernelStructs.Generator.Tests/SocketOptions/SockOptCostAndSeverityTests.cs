using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KernelStructs.Analyzers;
using KernelStructs.Analyzers.SocketOptions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace KernelStructs.Generator.Tests.SocketOptions;

/// <summary>What the analyzer costs a project without socket options, and severities from .editorconfig.</summary>
public sealed class SockOptCostAndSeverityTests
{
    private const string SetSockOptCaller = """
        using System.Runtime.InteropServices;

        public static unsafe class Native
        {
            [DllImport("libc", EntryPoint = "setsockopt")]
            public static extern int SetOpt(int fd, int level, int name, void* value, uint length);

            public static int Run(int fd) { int one = 1; return SetOpt(fd, 1, 2, &one, 4) + Run(fd - 1); }
        }
        """;

    /// <summary>The number of actions the analyzer registered on a compilation, as Roslyn's own telemetry counts them.</summary>
    private static async Task<AnalyzerTelemetryInfo> Telemetry(string source, bool referenceKernelStructs)
    {
        var references = (await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).ToList();
        if (referenceKernelStructs)
        {
            references.Add(MetadataReference.CreateFromFile(typeof(KernelStructAttribute).Assembly.Location));
        }

        var compilation = CSharpCompilation.Create(
            "NoSocketOptions",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var analyzer = new SockOptAnalyzer();
        var withAnalyzers = compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(analyzer),
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        Assert.Empty(await withAnalyzers.GetAnalyzerDiagnosticsAsync());
        return await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
    }

    [Fact]
    public async Task Without_commands_the_analyzer_registers_nothing_past_its_start()
    {
        // A project that calls setsockopt through its own DllImport but sees no [SockOptCommand]: one compilation
        // start action that finds nothing, no per-call operation, no per-declaration syntax action.
        var telemetry = await Telemetry(SetSockOptCaller, referenceKernelStructs: false);
        Assert.Equal(1, telemetry.CompilationStartActionsCount);
        Assert.Equal(0, telemetry.OperationActionsCount);
        Assert.Equal(0, telemetry.SyntaxNodeActionsCount);
        Assert.Equal(0, telemetry.SymbolActionsCount);
    }

    [Fact]
    public async Task An_attribute_without_any_command_registers_nothing_either()
    {
        var telemetry = await Telemetry(SetSockOptCaller + """

            namespace KernelStructs
            {
                [System.AttributeUsage(System.AttributeTargets.Field)]
                public sealed class SockOptCommandAttribute : System.Attribute { }
            }
            """, referenceKernelStructs: false);
        Assert.Equal(0, telemetry.OperationActionsCount);
        Assert.Equal(0, telemetry.SyntaxNodeActionsCount);
    }

    [Fact]
    public async Task With_the_catalog_referenced_the_analyzer_watches_calls()
    {
        // The contrast that shows the two tests above can fail: the KernelStructs catalog brings commands.
        // Calls are taken by syntax, their operation asked for one by one: no operation action, which would make the
        // compiler build the operations of every attribute and field initializer for analysis.
        var telemetry = await Telemetry(SetSockOptCaller, referenceKernelStructs: true);
        Assert.Equal(0, telemetry.OperationActionsCount);
        Assert.Equal(3, telemetry.SyntaxNodeActionsCount);
    }

    private const string Misuse = """
        public static unsafe class Calls
        {
            public static void Run(int fd)
            {
                ModTuple value = default;
                LibC.setsockopt(fd, {|#1:41|}, {|#0:Mod.MOD_SO_GET_TUPLE|}, &value, 8);
                LibC.setsockopt(fd, 0, {|#2:3000|}, &value, 8);
            }
        }
        """;

    [Fact]
    public Task Default_severities()
        => SockOptTest.VerifyAsync(
            Misuse,
            new DiagnosticResult(Descriptors.WrongDirection.Id, DiagnosticSeverity.Error).WithLocation(0).WithArguments("'MOD_SO_GET_TUPLE' is a getsockopt command, but this call is setsockopt: 3000 at SOL_IP on setsockopt is MOD_SO_SET_TUPLE"),
            new DiagnosticResult(Descriptors.BareOptionNumber.Id, DiagnosticSeverity.Info).WithLocation(2).WithArguments("3000", "SOL_IP", "setsockopt", "MOD_SO_SET_TUPLE (on getsockopt, 3000 is MOD_SO_GET_TUPLE)"));

    [Fact]
    public Task Editorconfig_lowers_KS2001_raises_KS2002_and_turns_nothing_else_on()
    {
        var test = new SockOptTest(
            Misuse,
            new DiagnosticResult(Descriptors.WrongDirection.Id, DiagnosticSeverity.Warning).WithLocation(0).WithArguments("'MOD_SO_GET_TUPLE' is a getsockopt command, but this call is setsockopt: 3000 at SOL_IP on setsockopt is MOD_SO_SET_TUPLE"),
            new DiagnosticResult(Descriptors.BareOptionNumber.Id, DiagnosticSeverity.Error).WithLocation(2).WithArguments("3000", "SOL_IP", "setsockopt", "MOD_SO_SET_TUPLE (on getsockopt, 3000 is MOD_SO_GET_TUPLE)"));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [*.cs]
            dotnet_diagnostic.KS2001.severity = warning
            dotnet_diagnostic.KS2002.severity = error
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task Editorconfig_turns_KS2001_off()
    {
        var test = new SockOptTest(
            Misuse,
            new DiagnosticResult(Descriptors.BareOptionNumber.Id, DiagnosticSeverity.Info).WithLocation(2).WithArguments("3000", "SOL_IP", "setsockopt", "MOD_SO_SET_TUPLE (on getsockopt, 3000 is MOD_SO_GET_TUPLE)"));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [*.cs]
            dotnet_diagnostic.KS2001.severity = none
            """));
        return test.RunAsync();
    }
}
