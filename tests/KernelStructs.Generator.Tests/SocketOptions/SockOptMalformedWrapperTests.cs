using System.Linq;
using System.Threading.Tasks;
using KernelStructs.Analyzers.SocketOptions;
using KernelStructs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace KernelStructs.Generator.Tests.SocketOptions;

/// <summary>
/// A wrapper the generator cannot implement, with the generator in the loop: the build's only error about it is the
/// KS diagnostic (the generator writes a body that throws, so the compiler adds no CS8795), and the well-formed
/// wrappers of the same compilation still get their code.
/// </summary>
public sealed class SockOptMalformedWrapperTests
{
    private const string Source = """
        using System;
        using System.Net.Sockets;
        using KernelStructs;

        namespace Sample;

        [KernelStruct("struct tuple")]
        public partial struct Tuple { public uint src; public uint dst; }

        public static partial class Commands
        {
            [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(Tuple))]
            public const int MOD_SO_GET_TUPLE = 3000;

            [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(Tuple))]
            public const int MOD_SO_SET_TUPLE = 3000;

            public const int UNANNOTATED = 3001;

            [GetSockOpt(MOD_SO_GET_TUPLE)] public static partial Tuple GetTuple(Socket socket);
            [GetSockOpt(MOD_SO_SET_TUPLE)] public static partial Tuple GetPinned(Socket socket);
            [GetSockOpt(3000)] public static partial Tuple GetByNumber(Socket socket);
            [GetSockOpt(UNANNOTATED)] public static partial Tuple GetUnannotated(Socket socket);
            [GetSockOpt(MOD_SO_GET_TUPLE)] public static partial string GetName(Socket socket);
        }

        public static class Use
        {
            public static Tuple Run(int fd) => Commands.GetTuple(fd);
        }
        """;

    [Fact]
    public async Task Each_malformed_wrapper_has_its_KS_diagnostic_and_no_compiler_error()
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(Source));
        Assert.All(result.Results, r => Assert.Null(r.Exception));

        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var diagnostics = await output.WithAnalyzers([new SockOptAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        var byMethod = diagnostics.Where(d => d.Id.StartsWith("KS", System.StringComparison.Ordinal))
            .Select(d => (d.Id, Method: d.Location.SourceTree!.GetRoot().FindNode(d.Location.SourceSpan).AncestorsAndSelf()
                .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().First().Identifier.ValueText))
            .OrderBy(x => x.Method, System.StringComparer.Ordinal)
            .ToList();
        Assert.Equal(
            new[] { ("KS2012", "GetByNumber"), ("KS2010", "GetName"), ("KS2007", "GetPinned"), ("KS2012", "GetUnannotated") },
            byMethod);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }
}
