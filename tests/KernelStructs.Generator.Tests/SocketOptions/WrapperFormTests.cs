using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KernelStructs.Analyzers.SocketOptions;
using KernelStructs.CodeFixes.SocketOptions;
using KernelStructs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace KernelStructs.Generator.Tests.SocketOptions;

/// <summary>
/// KS2009 over the family the generator really writes (the declared method and its <c>SocketTarget</c> forms): for each
/// kind of socket a raw call passes (an <c>int</c>, a <c>Socket</c>, a <c>SafeHandle</c>), the form the message names is
/// the one the fix's title names and the one the call the fix writes binds.
/// </summary>
public sealed class WrapperFormTests
{
    private const string Declarations = """
        using System;
        using System.Net.Sockets;
        using System.Runtime.InteropServices;
        using KernelStructs;
        using Tmds.Linux;

        namespace Sample;

        [KernelStruct("struct mod_tuple")]
        public partial struct ModTuple { public uint src; public uint dst; }

        public static class Mod
        {
            [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(ModTuple))]
            public const int MOD_SO_GET_TUPLE = 3000;

            [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(ModTuple))]
            public const int MOD_SO_SET_TUPLE = 3000;
        }

        // Two declarations of one GET command, the first taking a Socket, the second an int descriptor; a SET taking a
        // SafeHandle. Each gets its SocketTarget forms.
        public static partial class W
        {
            [GetSockOpt(Mod.MOD_SO_GET_TUPLE)] public static partial ModTuple GetTuple(Socket socket);

            [GetSockOpt(Mod.MOD_SO_GET_TUPLE)] public static partial ModTuple ReadTuple(int fd);

            [SetSockOpt(Mod.MOD_SO_SET_TUPLE)] public static partial void SetTuple(SafeHandle handle, in ModTuple tuple);
        }

        public static unsafe class Calls
        {
            public static void Run(int fd, Socket socket)
            {
                ModTuple value = default;
                CALL;
            }
        }
        """;

    [Theory]
    // A Socket: the declared GetTuple(Socket); a SafeHandle and an int: a SocketTarget form, unless a declared method
    // takes the int as it is (ReadTuple), which the call then binds.
    [InlineData("var got = SockOpt.Get<ModTuple>(socket, SocketLevel.IP, Mod.MOD_SO_GET_TUPLE, LengthRule.Exact, \"x\")", "var got = W.GetTuple(socket)", "W.GetTuple(Socket)")]
    [InlineData("var got = SockOpt.Get<ModTuple>(socket.SafeHandle, SocketLevel.IP, Mod.MOD_SO_GET_TUPLE, LengthRule.Exact, \"x\")", "var got = W.GetTuple(socket.SafeHandle)", "W.GetTuple(SocketTarget)")]
    [InlineData("var got = SockOpt.Get<ModTuple>(fd, SocketLevel.IP, Mod.MOD_SO_GET_TUPLE, LengthRule.Exact, \"x\")", "var got = W.ReadTuple(fd)", "W.ReadTuple(int)")]
    // A cast the user wrote is what the call passes: the int form takes it.
    [InlineData("var got = SockOpt.Get<ModTuple>((int)socket.Handle, SocketLevel.IP, Mod.MOD_SO_GET_TUPLE, LengthRule.Exact, \"x\")", "var got = W.ReadTuple((int)socket.Handle)", "W.ReadTuple(int)")]
    // Only SocketTarget forms are Try forms here: the first declaration's.
    [InlineData("var errno = SockOpt.TryGet(socket, SocketLevel.IP, Mod.MOD_SO_GET_TUPLE, LengthRule.Exact, \"x\", out ModTuple got)", "var errno = W.TryGetTuple(socket, out ModTuple got)", "W.TryGetTuple(SocketTarget, out ModTuple)")]
    [InlineData("var errno = SockOpt.TryGet(fd, SocketLevel.IP, Mod.MOD_SO_GET_TUPLE, LengthRule.Exact, \"x\", out ModTuple got)", "var errno = W.TryGetTuple(fd, out ModTuple got)", "W.TryGetTuple(SocketTarget, out ModTuple)")]
    // A SafeHandle (a SafeSocketHandle: a reference conversion) binds the declared SetTuple(SafeHandle); the others its SocketTarget form.
    [InlineData("SockOpt.Set(socket.SafeHandle, SocketLevel.IP, Mod.MOD_SO_SET_TUPLE, in value, \"x\")", "W.SetTuple(socket.SafeHandle, value)", "W.SetTuple(SafeHandle, in ModTuple)")]
    [InlineData("SockOpt.Set(socket, SocketLevel.IP, Mod.MOD_SO_SET_TUPLE, in value, \"x\")", "W.SetTuple(socket, value)", "W.SetTuple(SocketTarget, in ModTuple)")]
    [InlineData("SockOpt.Set(fd, SocketLevel.IP, Mod.MOD_SO_SET_TUPLE, in value, \"x\")", "W.SetTuple(fd, value)", "W.SetTuple(SocketTarget, in ModTuple)")]
    [InlineData("LibC.setsockopt(fd, 0, Mod.MOD_SO_SET_TUPLE, &value, sizeof(ModTuple))", "W.SetTuple(fd, value)", "W.SetTuple(SocketTarget, in ModTuple)")]
    public async Task The_message_the_fix_and_the_fixed_call_name_one_form(string call, string fixedCall, string form)
    {
        using var workspace = new AdhocWorkspace();
        var document = WithGeneratedCode(workspace, Declarations.Replace("CALL", call, System.StringComparison.Ordinal));

        // The message names the form.
        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostics = await compilation.WithAnalyzers([new SockOptAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        var diagnostic = Assert.Single(diagnostics, d => d.Id == "KS2009");
        Assert.StartsWith($"'{form}' makes this ", diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);

        // The fix's title names it, and writes the call.
        var actions = new System.Collections.Generic.List<CodeAction>();
        await new UseTypedWrapperCodeFix().RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        var fix = Assert.Single(actions);
        Assert.Equal($"Call {form}", fix.Title);
        var changed = Assert.Single((await fix.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>()).ChangedSolution.GetDocument(document.Id)!;
        var text = (await changed.GetTextAsync()).ToString();
        Assert.Contains(fixedCall + ";", text, System.StringComparison.Ordinal);

        // The call it wrote compiles and binds that form.
        var fixedCompilation = (await changed.Project.GetCompilationAsync())!;
        var errors = fixedCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && !d.IsWarningAsError).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var tree = (await changed.GetSyntaxTreeAsync())!;
        var written = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>().Single(i => i.Expression.ToString().StartsWith("W.", System.StringComparison.Ordinal));
        var bound = Assert.IsAssignableFrom<IMethodSymbol>(fixedCompilation.GetSemanticModel(tree).GetSymbolInfo(written).Symbol);
        Assert.Equal(form, bound.ToDisplayString(WrapperSuggestion.FormFormat));
    }

    /// <summary>The source as a document of a project that also holds what the generator writes for it.</summary>
    private static Document WithGeneratedCode(AdhocWorkspace workspace, string source)
    {
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "Sample",
            "Sample",
            LanguageNames.CSharp,
            compilationOptions: GeneratorHarness.Compile().Options,
            parseOptions: GeneratorHarness.ParseOptions,
            metadataReferences: GeneratorHarness.References));
        var document = workspace.AddDocument(project.Id, "Calls.cs", Microsoft.CodeAnalysis.Text.SourceText.From(source));
        var solution = document.Project.Solution;
        foreach (var generated in result.GeneratedTrees)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(project.Id), System.IO.Path.GetFileName(generated.FilePath), generated.GetText());
        }

        return solution.GetDocument(document.Id)!;
    }
}
