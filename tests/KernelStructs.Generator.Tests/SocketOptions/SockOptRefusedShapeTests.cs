using System.Linq;
using System.Threading.Tasks;
using KernelStructs.Analyzers.SocketOptions;
using KernelStructs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace KernelStructs.Generator.Tests.SocketOptions;

/// <summary>
/// Wrapper shapes the fuzzer (tests/KernelStructs.Fuzz) found the generator writing code for that does not compile:
/// each is now refused with KS2010 on the wrapper and a body that throws, so the build's only error is the KS one.
/// </summary>
public sealed class SockOptRefusedShapeTests
{
    private const string Commands = """
        using System;
        using System.Net.Sockets;
        using KernelStructs;

        namespace Sample;

        public static partial class Commands
        {
            [SockOptCommand(SocketLevel.IP, SockOptDirection.Both, typeof(int))]
            public const int MOD_SO_VALUE = 3000;

            [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(Broken))]
            public const int MOD_SO_BROKEN = 3001;
        }

        [KernelStruct("struct broken")]
        public partial struct Broken { public bool flag; }

        public ref struct Ephemeral { public int value; }
        """;

    public static TheoryData<string, string> Wrappers => new()
    {
        // The payload is a [KernelStruct] that has KS errors of its own, so it has no SizeOf (CS0117 before).
        { "GetBroken", "[GetSockOpt(Commands.MOD_SO_BROKEN)] public static partial Broken GetBroken(Socket socket);" },
        { "ReadBroken", "[GetSockOpt(Commands.MOD_SO_BROKEN)] public static partial int ReadBroken(Socket socket, Span<byte> buffer);" },
        // A ref struct cannot be a type argument of the engine's calls (CS0306 before).
        { "GetEphemeral", "[GetSockOpt(Commands.MOD_SO_VALUE)] public static partial void GetEphemeral(Socket socket, ref Ephemeral value);" },
        // By-reference returns and scoped parameters (CS8818 and CS8988 before: the implementation lost them).
        { "GetRef", "[GetSockOpt(Commands.MOD_SO_VALUE)] public static partial ref int GetRef(Socket socket);" },
        { "GetRefReadonly", "[GetSockOpt(Commands.MOD_SO_VALUE)] public static partial ref readonly int GetRefReadonly(Socket socket);" },
        { "GetScoped", "[GetSockOpt(Commands.MOD_SO_VALUE)] public static partial int GetScoped(Socket socket, scoped Span<byte> buffer);" },
        // Both attributes on one method (CS8795 before: neither pipeline wrote its body).
        { "GetOrSet", "[GetSockOpt(Commands.MOD_SO_VALUE), SetSockOpt(Commands.MOD_SO_VALUE)] public static partial void GetOrSet(Socket socket, in int value);" },
    };

    [Theory]
    [MemberData(nameof(Wrappers))]
    public async Task The_wrapper_gets_KS2010_and_a_body_that_compiles(string method, string declaration)
    {
        var source = Commands + "\npublic static partial class Wrappers\n{\n    " + declaration + "\n}\n";
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        Assert.All(result.Results, r => Assert.Null(r.Exception));

        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var diagnostics = await output.WithAnalyzers([new SockOptAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        var ks = diagnostics.Where(d => d.Id.StartsWith("KS", System.StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(ks);
        Assert.All(ks, d => Assert.Equal("KS2010", d.Id));
        Assert.All(ks, d => Assert.Contains($"'{method}'", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("public static class Outer\n{\n    public static partial class Wrappers", "Outer must be partial")]
    [InlineData("file static partial class Outer\n{\n    public static partial class Wrappers", "Outer is file-local")]
    public async Task A_wrapper_in_a_type_no_other_file_can_extend_gets_KS2010_where_the_compiler_asks_for_a_body(string container, string reason)
    {
        // No body can be written from another file into a type whose container is not partial, or into a file-local
        // type (the generated file's type of that name is another one): the compiler's CS8795 stays, and the KS2010 at
        // the same place says why. Nothing else fails, and no code is generated for the wrapper.
        var source = Commands + "\n" + container + "\n    {\n        [GetSockOpt(Commands.MOD_SO_VALUE)] public static partial int GetValue(Socket socket);\n    }\n}\n";
        await AssertKs2010BesideTheMissingBody(source, "GetValue", reason);
    }

    [Theory]
    [InlineData("public static partial void GetVarargs(int socket, __arglist);")]
    [InlineData("public static partial int GetVarargs(Socket socket, Span<byte> buffer, __arglist);")]
    public async Task An_arglist_wrapper_gets_KS2010_where_the_compiler_asks_for_a_body(string declaration)
    {
        // A body would have to repeat __arglist (CS0759 when it did not): none is written, the compiler's CS8795 stays,
        // and the KS2010 at the same place says why.
        var source = Commands + "\npublic static partial class Wrappers\n{\n    [GetSockOpt(Commands.MOD_SO_VALUE)] " + declaration + "\n}\n";
        await AssertKs2010BesideTheMissingBody(source, "GetVarargs", "__arglist");
    }

    /// <summary>No code is generated for <paramref name="method"/>; the compilation's only error is CS8795 at it, and the analyzers' only KS diagnostic is a KS2010 at the same place whose message contains <paramref name="reason"/>.</summary>
    private static async Task AssertKs2010BesideTheMissingBody(string source, string method, string reason)
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(result.Results.SelectMany(r => r.GeneratedSources), s => s.HintName.Contains(method, System.StringComparison.Ordinal));

        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var unimplemented = Assert.Single(errors);
        Assert.Equal("CS8795", unimplemented.Id);

        var diagnostics = await output.WithAnalyzers([new SockOptAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        var ks = Assert.Single(diagnostics, d => d.Id.StartsWith("KS", System.StringComparison.Ordinal));
        Assert.Equal("KS2010", ks.Id);
        Assert.Equal(unimplemented.Location.SourceSpan, ks.Location.SourceSpan);
        Assert.Contains(reason, ks.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrapper_declared_twice_gets_one_hint_name_each_and_no_generator_exception()
    {
        // The two declarations read the same, so their readable hint names and their disambiguators are equal too:
        // the generator numbers them. The input has the compiler's own error (CS0756) about the repetition.
        const string Twice = """
            [GetSockOpt(Commands.MOD_SO_VALUE)] public static partial int GetValue(Socket socket);
            [GetSockOpt(Commands.MOD_SO_VALUE)] public static partial int GetValue(Socket socket);
            """;
        var source = Commands + "\npublic static partial class Wrappers\n{\n" + Twice + "\n}\npublic partial struct Wrappers\n{\n" + Twice.Split('\n')[0] + "\n}\n";
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        var hintNames = result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.HintName).Where(n => n.Contains("GetValue", System.StringComparison.Ordinal)).ToList();
        Assert.Equal(3, hintNames.Count);
        Assert.Equal(3, hintNames.Distinct(System.StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void A_wrapper_named_with_a_keyword_gets_doc_comments_whose_crefs_resolve()
    {
        // The generated family's <inheritdoc cref="..."/> named the method without its @ (CS1584, CS1658).
        var parseOptions = GeneratorHarness.ParseOptions.WithDocumentationMode(Microsoft.CodeAnalysis.DocumentationMode.Diagnose);
        var source = Commands + "\npublic static partial class Wrappers\n{\n    [GetSockOpt(Commands.MOD_SO_VALUE)] public static partial int @ref(Socket socket);\n}\n";
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(parseOptions, source), parseOptions);
        Assert.Empty(result.Diagnostics);
        var generated = output.SyntaxTrees.Where(t => t.FilePath.Contains("ref", System.StringComparison.Ordinal) && t.FilePath.EndsWith(".SockOpt.g.cs", System.StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(generated);
        Assert.Contains(generated, t => t.ToString().Contains("cref=\"@ref(", System.StringComparison.Ordinal));
        var problems = output.GetDiagnostics().Where(d => d.Location.SourceTree is { } tree && generated.Contains(tree) && d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
