using System.Linq;
using System.Threading;
using KernelStructs.Analyzers.SocketOptions;
using KernelStructs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace KernelStructs.Generator.Tests.SocketOptions;

/// <summary>What the analyzers read once and keep: a referenced assembly's commands, a declaration's model; and what they read only on demand.</summary>
public sealed class SockOptCatalogReuseTests
{
    private const string Options = """
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

            [GetSockOpt(SO_ORIGINAL_DST)]
            public static partial SockAddrIn GetOriginalDestination(int fd);
        }
        """;

    private static IAssemblySymbol Runtime(Compilation compilation)
        => compilation.SourceModule.ReferencedAssemblySymbols.Single(a => a.Name == typeof(KernelStructAttribute).Assembly.GetName().Name);

    [Fact]
    public void A_referenced_assembly_is_scanned_once_for_every_compilation_that_shares_it()
    {
        var first = GeneratorHarness.Compile(Options);
        var second = first.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Demo; public static class Edit { }", GeneratorHarness.ParseOptions));
        Assert.Same(Runtime(first), Runtime(second));

        var catalog1 = SockOptCatalog.Build(first, CancellationToken.None)!;
        var catalog2 = SockOptCatalog.Build(second, CancellationToken.None)!;
        var runtime1 = catalog1.Scans.Single(s => SymbolEqualityComparer.Default.Equals(s.Assembly, Runtime(first)));
        var runtime2 = catalog2.Scans.Single(s => SymbolEqualityComparer.Default.Equals(s.Assembly, Runtime(second)));

        Assert.Same(runtime1, runtime2);
        Assert.NotEmpty(runtime1.Commands);
        Assert.Contains(runtime1.Commands, c => c.CName == "SO_ORIGINAL_DST");

        // The compilation's own declarations are read per compilation.
        Assert.NotSame(catalog1.Scans.Last(), catalog2.Scans.Last());
        Assert.Contains(catalog2.Scans.Last().Commands, c => c.Field.ContainingType.Name == "Options");
    }

    [Fact]
    public void Wrappers_are_read_when_a_call_asks_for_them_and_not_before()
    {
        var (_, output) = GeneratorHarness.Run(GeneratorHarness.Compile(Options));
        var catalog = SockOptCatalog.Build(output, CancellationToken.None)!;
        var own = catalog.Scans.Last();
        Assert.False(own.WrappersRead);

        var command = own.Commands.Single(c => c.Field.ContainingType.Name == "Options");
        var wrappers = catalog.Wrappers(command, isGet: true);

        Assert.True(own.WrappersRead);
        Assert.Contains(wrappers, w => w.Method.Name == "GetOriginalDestination");
        Assert.All(wrappers, w => Assert.Same(command.Field, w.Command.Field));
    }

    [Fact]
    public void A_declaration_is_parsed_once_per_compilation()
    {
        var compilation = GeneratorHarness.Compile(Options);
        var type = compilation.GetTypeByMetadataName("Demo.SockAddrIn")!;
        var model = KernelStructModels.Read(type, CancellationToken.None);

        Assert.Same(model, KernelStructModels.Read(type, CancellationToken.None));
        Assert.Empty(model.Problems);

        // Another compilation has its own symbol, and its own model: equal in value, read anew.
        var other = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Demo; public static class Edit { }", GeneratorHarness.ParseOptions));
        var again = KernelStructModels.Read(other.GetTypeByMetadataName("Demo.SockAddrIn")!, CancellationToken.None);
        Assert.NotSame(model, again);
        Assert.Equal(model, again);
    }
}
