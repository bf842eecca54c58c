using System.IO;
using System.Linq;
using System.Threading;
using KernelStructs.Analyzers.SocketOptions;
using KernelStructs.Generator.Model;
using KernelStructs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace KernelStructs.Generator.Tests.SocketOptions;

/// <summary>
/// One <c>[SockOptWrapper]</c> per declaration: the declared method's lists the forms its family added, and the analyzers
/// find every one of them from it, in source and in a referenced assembly.
/// </summary>
public sealed class SockOptFamilyMarkerTests
{
    private const string Options = """
        using System.Net.Sockets;
        using KernelStructs;
        namespace Demo;

        [KernelStruct("struct sockaddr_in")]
        public partial struct SockAddrIn
        {
            public ushort sin_family;
            public Be16 sin_port;
            public Be32 sin_addr;
            public unsafe fixed byte __pad[8];
        }

        public static partial class Options
        {
            [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(SockAddrIn), Length = LengthRule.AtLeast)]
            public const int SO_ORIGINAL_DST = 80;

            [SockOptCommand(SocketLevel.Socket, SockOptDirection.Get, typeof(uint))]
            public const int SO_MARK = 36;

            [GetSockOpt(SO_ORIGINAL_DST)]
            public static partial SockAddrIn GetOriginalDestination(int fd);

            [GetSockOpt(SO_MARK)]
            public static partial Errno TryGetMark(Socket socket, out uint mark);

            // The user's own method of a signature the SO_MARK family would add: the generator leaves that form out,
            // and the analyzers must not take this method for it.
            public static uint GetMark(SocketTarget socket) => 0;
        }
        """;

    [Fact]
    public void Only_the_declared_methods_carry_the_marker()
    {
        var (_, output) = GeneratorHarness.Run(GeneratorHarness.Compile(Options));
        var options = output.GetTypeByMetadataName("Demo.Options")!;
        var marked = options.GetMembers().OfType<IMethodSymbol>()
            .Where(m => m.GetAttributes().Any(a => a.AttributeClass?.Name == "SockOptWrapperAttribute")).Select(m => m.Name).OrderBy(n => n);

        Assert.Equal(new[] { "GetOriginalDestination", "TryGetMark" }, marked);
    }

    [Fact]
    public void The_analyzers_find_every_family_member_in_source()
    {
        var (_, output) = GeneratorHarness.Run(GeneratorHarness.Compile(Options));
        AssertFamilies(SockOptCatalog.Build(output, CancellationToken.None)!, "Options");
    }

    [Fact]
    public void The_analyzers_find_every_family_member_in_a_referenced_assembly()
    {
        var (_, output) = GeneratorHarness.Run(GeneratorHarness.Compile(Options));
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));

        var consumer = GeneratorHarness.Compile("namespace User; public static class Calls { }")
            .AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
        AssertFamilies(SockOptCatalog.Build(consumer, CancellationToken.None)!, "Options");
    }

    private static void AssertFamilies(SockOptCatalog catalog, string type)
    {
        var commands = catalog.AllCommands().Where(c => c.Field.ContainingType.Name == type).ToDictionary(c => c.CName);

        // The declared method and its two added forms, each found once, each of its own socket kind and shape.
        var destination = catalog.Wrappers(commands["SO_ORIGINAL_DST"], isGet: true);
        Assert.Equal(
            new[]
            {
                "GetOriginalDestination(int) GetValue", "GetOriginalDestination(SocketTarget) GetValue",
                "TryGetOriginalDestination(SocketTarget, out SockAddrIn) TryGetValue",
            }.OrderBy(d => d, System.StringComparer.Ordinal),
            destination.Select(Describe).OrderBy(d => d, System.StringComparer.Ordinal));

        // The user's GetMark(SocketTarget) took the place of a form: two methods, and not the user's.
        var mark = catalog.Wrappers(commands["SO_MARK"], isGet: true);
        Assert.Equal(
            new[]
            {
                "TryGetMark(Socket, out uint) TryGetValue", "TryGetMark(SocketTarget, out uint) TryGetValue",
            }.OrderBy(d => d, System.StringComparer.Ordinal),
            mark.Select(Describe).OrderBy(d => d, System.StringComparer.Ordinal));
    }

    private static string Describe(SockOptWrapper wrapper)
        => $"{wrapper.Method.Name}({string.Join(", ", wrapper.Method.Parameters.Select(p => (p.RefKind == RefKind.Out ? "out " : string.Empty) + p.Type.Name switch { "Int32" => "int", "UInt32" => "uint", var n => n }))}) {wrapper.Shape}";
}
