using System.Linq;
using KernelStructs.Generator.Model;
using KernelStructs.Generator.Parsing;
using KernelStructs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace KernelStructs.Generator.Tests.Generator;

/// <summary>What the socket-option parser makes of the <c>Header</c> property.</summary>
public class SockOptParserTests
{
    private const string Declarations = """
        using System;
        using System.Net.Sockets;
        using KernelStructs;

        namespace Demo;

        [KernelStruct("struct ipt_get_entries")]
        [FlexibleArray(typeof(byte), "entrytable", Alignment = 8)]
        public partial struct IptGetEntries
        {
            public unsafe fixed byte name[32];
            public uint size;
        }

        public struct NotMirrored
        {
            public uint size;
        }

        [SockOptGroup(Level = SocketLevel.IP)]
        public static partial class IpTables
        {
            [GetSockOpt(65, Length = LengthRule.HeaderPlusEntries, Header = typeof(IptGetEntries))]
            public static partial int SpanWithHeader(Socket socket, Span<byte> buffer);

            [GetSockOpt(65, Length = LengthRule.HeaderPlusEntries, Header = typeof(NotMirrored))]
            public static partial int SpanWithPlainHeader(Socket socket, Span<byte> buffer);

            [GetSockOpt(65, Header = typeof(IptGetEntries))]
            public static partial IptGetEntries ValueWithHeader(Socket socket);
        }
        """;

    private static SockOptMethodModel Parse(string method)
    {
        var compilation = GeneratorHarness.Compile(Declarations);
        var tree = compilation.SyntaxTrees.Single();
        var syntax = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == method);
        var symbol = (IMethodSymbol)compilation.GetSemanticModel(tree).GetDeclaredSymbol(syntax)!;
        return SockOptParser.Parse(symbol, syntax, default);
    }

    [Fact]
    public void A_span_get_carries_its_header_type()
    {
        var model = Parse("SpanWithHeader");
        Assert.Empty(model.Problems);
        Assert.Equal("global::Demo.IptGetEntries", model.Header);
        Assert.Equal(SockOptShape.GetSpan, model.Shape);
    }

    [Fact]
    public void A_header_that_is_not_a_kernel_struct_blocks_emission()
    {
        var problem = Assert.Single(Parse("SpanWithPlainHeader").Problems);
        Assert.Equal("KS2010", problem.Id);
        Assert.True(problem.BlocksEmission);
        Assert.Contains("NotMirrored is not a [KernelStruct]", string.Join(" ", problem.Arguments));
    }

    [Fact]
    public void A_header_on_a_fixed_size_get_blocks_emission()
    {
        var problem = Assert.Single(Parse("ValueWithHeader").Problems);
        Assert.Equal("KS2010", problem.Id);
        Assert.Contains("only to a Span<byte> buffer", string.Join(" ", problem.Arguments));
    }
}
