using System.Linq;
using KernelStructs.Generator.Model;
using KernelStructs.Generator.Parsing;
using KernelStructs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace KernelStructs.Generator.Tests.Generator;

/// <summary>
/// What the socket-option parser takes from a wrapper: the command its attribute names (resolved from the syntax, not
/// from the number), everything the command states, and the family of methods the generator adds.
/// </summary>
public class SockOptParserTests
{
    private const string Declarations = """
        using System;
        using System.Net.Sockets;
        using System.Runtime.InteropServices;
        using KernelStructs;

        namespace Demo;

        [KernelStruct("struct ipt_get_entries")]
        [FlexibleArray(typeof(byte), "entrytable", Alignment = 8)]
        public partial struct IptGetEntries
        {
            public unsafe fixed byte name[32];
            public uint size;
        }

        public static partial class IpTables
        {
            [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(IptGetEntries), Length = LengthRule.HeaderPlusEntries)]
            public const int IPT_SO_GET_ENTRIES = 65;

            [SockOptCommand(SocketLevel.IPv6, SockOptDirection.Get, typeof(IptGetEntries), Length = LengthRule.HeaderPlusEntries, CName = "IP6T_SO_GET_ENTRIES")]
            public const int SIX = 65;

            [SockOptCommand(SocketLevel.Socket, SockOptDirection.Both, typeof(uint))]
            public const int SO_MARK = 36;

            [GetSockOpt(IPT_SO_GET_ENTRIES)]
            public static partial int GetEntries(Socket socket, Span<byte> buffer);

            [GetSockOpt(SIX)]
            public static partial int GetEntries6(Socket socket, Span<byte> buffer);

            [GetSockOpt(SO_MARK)]
            public static partial uint GetMark(int fd);

            [GetSockOpt(SO_MARK)]
            public static partial Errno TryGetMark(Socket socket, out uint mark);

            public static uint GetMark(SocketTarget socket) => 0;
        }
        """;

    private static SockOptMethodModel Parse(string method)
    {
        var compilation = GeneratorHarness.Compile(Declarations);
        var tree = compilation.SyntaxTrees.Single();
        var syntax = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().First(m => m.Identifier.Text == method);
        var semanticModel = compilation.GetSemanticModel(tree);
        return SockOptParser.Parse((IMethodSymbol)semanticModel.GetDeclaredSymbol(syntax)!, semanticModel, models: null, default);
    }

    [Fact]
    public void The_command_comes_from_the_constant_the_attribute_names()
    {
        var model = Parse("GetEntries");
        Assert.Empty(model.Problems);
        var command = model.Command!;
        Assert.Equal("global::Demo.IpTables.IPT_SO_GET_ENTRIES", command.Constant);
        Assert.Equal("IPT_SO_GET_ENTRIES", command.CName);
        Assert.Equal((0, 65, 2), (command.Level, command.Number, command.Rule));
        Assert.Equal(PayloadKind.KernelStruct, command.PayloadKind);
        Assert.Equal("global::Demo.IptGetEntries", command.Payload);
    }

    [Fact]
    public void Two_commands_with_one_number_are_told_apart_by_the_constant()
    {
        var command = Parse("GetEntries6").Command!;
        Assert.Equal("global::Demo.IpTables.SIX", command.Constant);
        Assert.Equal("IP6T_SO_GET_ENTRIES", command.CName);
        Assert.Equal(41, command.Level);
    }

    [Fact]
    public void One_declaration_yields_the_family_the_type_does_not_already_have()
    {
        var members = Parse("GetMark").Members;
        Assert.True(members[0].IsDeclared);
        var family = members.Skip(1).Select(m => $"{m.ReturnType} {m.Name}({string.Join(", ", m.Parameters.Select(p => p.Modifier + p.Type))})").ToList();

        // GetMark(SocketTarget) is written by hand: only the Try form is generated.
        Assert.Equal(new[] { "global::KernelStructs.Errno TryGetMark(global::KernelStructs.SocketTarget, out uint)" }, family);
        Assert.All(members.Skip(1), m => Assert.Equal("public static", m.Modifiers));
    }

    [Fact]
    public void The_later_declaration_of_a_family_adds_nothing()
    {
        var members = Parse("TryGetMark").Members;
        Assert.True(Assert.Single(members).IsDeclared);
    }
}
