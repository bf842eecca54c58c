using System.Linq;
using KernelStructs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace KernelStructs.Generator.Tests.SocketOptions;

/// <summary>
/// A declaration's family is the declared method and a throwing and a <c>Try</c> form taking a <c>SocketTarget</c>:
/// consumer code calling it with every kind of socket compiles, and each call binds the method this test expects (the
/// declared one for its own socket type, the <c>SocketTarget</c> form for the others).
/// </summary>
public sealed class SockOptSocketTargetTests
{
    private const string Declarations = """
        using System;
        using System.Net.Sockets;
        using System.Runtime.InteropServices;
        using KernelStructs;
        namespace Demo;

        public static partial class Options
        {
            [SockOptCommand(SocketLevel.Socket, SockOptDirection.Get | SockOptDirection.Set, typeof(uint))]
            public const int SO_MARK = 36;

            [SockOptCommand(SocketLevel.Socket, SockOptDirection.Get, typeof(byte), Length = LengthRule.Truncating)]
            public const int SO_BINDTODEVICE = 25;

            [GetSockOpt(SO_MARK)]
            public static partial uint GetMark(Socket socket);

            [SetSockOpt(SO_MARK)]
            public static partial Errno TrySetMark(int fd, uint mark);

            [GetSockOpt(SO_MARK)]
            public static partial uint ReadMark(SafeHandle handle);

            [GetSockOpt(SO_MARK)]
            public static partial uint PeekMark(SafeSocketHandle handle);

            [GetSockOpt(SO_BINDTODEVICE)]
            public static partial int GetDevice(Socket socket, Span<byte> name);
        }
        """;

    // Each call on a line of its own, ending with the method it must bind: "declared" or "target".
    private const string Calls = """
        using System;
        using System.Net.Sockets;
        using System.Runtime.InteropServices;
        using KernelStructs;
        using Demo;

        public static class Calls
        {
            public static void Run(Socket s, SafeSocketHandle ssh, SafeHandle sh, int fd, short small, Span<byte> buffer)
            {
                _ = Options.GetMark(s); // declared
                _ = Options.GetMark(ssh); // target
                _ = Options.GetMark(sh); // target
                _ = Options.GetMark(fd); // target
                _ = Options.GetMark(3); // target
                _ = Options.GetMark(small); // target
                _ = Options.GetMark(null!); // declared
                _ = Options.GetMark((SafeHandle)null!); // target
                _ = Options.TryGetMark(s, out var m1); // target
                _ = Options.TryGetMark(fd, out uint m2); // target
                _ = Options.TryGetMark(value: out var m3, socket: sh); // target
                _ = Options.GetMark(socket: fd); // target
                _ = Options.TrySetMark(fd, 1u); // declared
                _ = Options.TrySetMark(mark: 1u, fd: 3); // declared
                _ = Options.TrySetMark(s, 1u); // target
                Options.SetMark(ssh, 1u); // target
                Options.SetMark(fd: s, mark: 2u); // target
                Options.SetMark(fd, 2u); // target
                _ = Options.ReadMark(sh); // declared
                _ = Options.ReadMark(ssh); // declared
                _ = Options.ReadMark(s); // target
                _ = Options.ReadMark(fd); // target
                _ = Options.TryReadMark(ssh, out _); // target
                _ = Options.PeekMark(ssh); // declared
                _ = Options.PeekMark(sh); // target
                _ = Options.PeekMark(s); // target
                _ = Options.GetDevice(s, buffer); // declared
                _ = Options.GetDevice(fd, buffer); // target
                _ = Options.TryGetDevice(ssh, buffer, out var length); // target
                _ = m1 + m2 + m3 + length;
            }
        }
        """;

    [Fact]
    public void Every_socket_kind_binds_the_declared_method_or_the_SocketTarget_form()
    {
        var (_, output) = GeneratorHarness.Run(GeneratorHarness.Compile(Declarations, Calls));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var tree = output.SyntaxTrees.Single(t => t.FilePath == "Input1.cs");
        var model = output.GetSemanticModel(tree);
        var text = tree.GetText();
        var calls = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(i => i.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "Options" } })
            .ToList();
        Assert.Equal(29, calls.Count);
        foreach (var call in calls)
        {
            var line = text.Lines.GetLineFromPosition(call.SpanStart).ToString();
            var expected = line.Substring(line.LastIndexOf("// ", System.StringComparison.Ordinal) + 3);
            var method = Assert.IsAssignableFrom<IMethodSymbol>(model.GetSymbolInfo(call).Symbol);
            var bound = method.Parameters[0].Type.Name == "SocketTarget" ? "target" : "declared";
            Assert.True(expected == bound, $"{line.Trim()} bound {method.ToDisplayString()}");
        }
    }

    [Fact]
    public void A_family_adds_two_methods_and_each_takes_a_SocketTarget_named_like_the_declared_socket()
    {
        var (_, output) = GeneratorHarness.Run(GeneratorHarness.Compile(Declarations));
        var options = output.GetTypeByMetadataName("Demo.Options")!;
        string Describe(IMethodSymbol m) => $"{m.Name}({string.Join(", ", m.Parameters.Select(p => p.Type.Name + " " + p.Name))})";

        var mark = options.GetMembers().OfType<IMethodSymbol>().Where(m => m.Name.EndsWith("Mark", System.StringComparison.Ordinal))
            .Select(Describe).OrderBy(d => d, System.StringComparer.Ordinal);
        Assert.Equal(
            new[]
            {
                "GetMark(Socket socket)", "GetMark(SocketTarget socket)",
                "PeekMark(SafeSocketHandle handle)", "PeekMark(SocketTarget handle)",
                "ReadMark(SafeHandle handle)", "ReadMark(SocketTarget handle)",
                "SetMark(SocketTarget fd, UInt32 mark)",
                "TryGetMark(SocketTarget socket, UInt32 value)",
                "TryPeekMark(SocketTarget handle, UInt32 value)",
                "TryReadMark(SocketTarget handle, UInt32 value)",
                "TrySetMark(Int32 fd, UInt32 mark)", "TrySetMark(SocketTarget fd, UInt32 mark)",
            },
            mark);
    }
}
