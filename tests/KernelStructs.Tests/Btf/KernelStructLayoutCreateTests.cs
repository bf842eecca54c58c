using System;
using System.Linq;
using CsCheck;
using Xunit;

namespace KernelStructs.Tests.Btf;

/// <summary>
/// <see cref="KernelStructLayout.Create"/>, the compact form generated <c>Layout</c> properties are written in: what it
/// reads from the member string, and the errors for a string, numbers and types that do not match.
/// </summary>
public sealed class KernelStructLayoutCreateTests
{
    private static readonly KernelStructLayout Inner = KernelStructLayout.Create("Demo.Inner", "struct inner", 4, StructExtent.Complete, "v", new[] { 0, 4 });

    [Fact]
    public void Reads_names_C_names_bitfields_and_types_in_order()
    {
        var layout = KernelStructLayout.Create(
            "Demo.Outer", "struct outer", 24, StructExtent.Prefix,
            "family port=sin_port u= flags={syn:1,ack:2} inner*",
            new[] { 0, 2, 2, 2, 4, 8, 12, 4, 16, 4 },
            new[] { Inner },
            new KernelFlexibleLayout("tail", 20));

        Assert.Equal(("Demo.Outer", "struct outer", 24, StructExtent.Prefix), (layout.TypeName, layout.CName, layout.Size, layout.Extent));
        Assert.Equal(new[] { "family", "port", "u", "flags", "inner" }, layout.Members.Select(m => m.Name));
        Assert.Equal(new[] { "family", "sin_port", null, null, "inner" }, layout.Members.Select(m => m.CName));
        Assert.Equal(new[] { 0, 2, 4, 12, 16 }, layout.Members.Select(m => m.Offset));
        Assert.Equal(new[] { 2, 2, 8, 4, 4 }, layout.Members.Select(m => m.Size));
        Assert.True(layout.Members[2].IsAnonymous);
        Assert.False(layout.Members[3].IsAnonymous);
        Assert.Equal(new[] { new KernelBitFieldLayout("syn", 1), new KernelBitFieldLayout("ack", 2) }, layout.Members[3].BitFields);
        Assert.Same(Inner, layout.Members[4].Type);
        Assert.Null(layout.Members[0].Type);
        Assert.Equal(new KernelFlexibleLayout("tail", 20), layout.Flexible);
    }

    [Fact]
    public void A_struct_without_members_has_none()
        => Assert.Empty(KernelStructLayout.Create("Demo.Empty", "struct empty", 0, StructExtent.Complete, string.Empty, Array.Empty<int>()).Members);

    [Theory]
    [InlineData("a b", new[] { 0, 4 }, "2 members need 4 offsets and sizes, not 2")]
    [InlineData("a*", new[] { 0, 4 }, "member 'a*' has no type layout")]
    [InlineData("a={x:1", new[] { 0, 4 }, "member 'a={x:1' is malformed")]
    [InlineData("a={x}", new[] { 0, 4 }, "bitfield 'x' of member 'a={x}' is malformed")]
    [InlineData("a={x:-1}", new[] { 0, 4 }, "bitfield 'x:-1' of member 'a={x:-1}' is malformed")]
    [InlineData("=a", new[] { 0, 4 }, "member '=a' has no name")]
    [InlineData("a  b", new[] { 0, 4, 4, 4, 8, 4 }, "member '' has no name")]
    [InlineData("a={}", new[] { 0, 4 }, "bitfield '' of member 'a={}' is malformed")]
    [InlineData("a={x:1,}", new[] { 0, 4 }, "bitfield '' of member 'a={x:1,}' is malformed")]
    public void Members_that_do_not_match_are_an_error_that_names_them(string members, int[] numbers, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => KernelStructLayout.Create("Demo.Bad", "struct bad", 4, StructExtent.Complete, members, numbers));
        Assert.Contains("Demo.Bad: " + message, e.Message);
    }

    [Fact]
    public void Any_member_list_written_in_the_compact_form_reads_back()
    {
        var identifier = Gen.String[Gen.Char["abcxyz_019"], 1, 8];
        var bitField = Gen.Select(identifier, Gen.Int[1, 64], (name, width) => new KernelBitFieldLayout(name, width));
        var member = Gen.Select(identifier, Gen.Int[0, 3], identifier, bitField.Array[1, 4], Gen.Bool,
            (name, kind, cName, bitFields, typed) => kind switch
            {
                0 => new KernelMemberLayout(name, name, 0, 0, typed ? Inner : null),
                1 => new KernelMemberLayout(name, cName, 0, 0, typed ? Inner : null),
                2 => new KernelMemberLayout(name, null, 0, 0, typed ? Inner : null),
                _ => new KernelMemberLayout(name, null, 0, 0, null, bitFields),
            });
        Gen.Select(member.Array[0, 12], Gen.Int[0, 4096].Array[24]).Sample((members, numbers) =>
        {
            var text = string.Join(' ', members.Select(m =>
                m.Name
                + (m.CName == m.Name ? "" : "=" + m.CName)
                + (m.BitFields.Count == 0 ? "" : "{" + string.Join(',', m.BitFields.Select(b => $"{b.Name}:{b.Width}")) + "}")
                + (m.Type is null ? "" : "*")));
            var offsetsAndSizes = numbers[..(members.Length * 2)];
            var types = members.Where(m => m.Type is not null).Select(m => m.Type!).ToArray();

            var layout = KernelStructLayout.Create("Demo.Any", "struct any", 0, StructExtent.Complete, text, offsetsAndSizes, types);

            Assert.Equal(members.Select(m => (m.Name, m.CName, m.Type)), layout.Members.Select(m => (m.Name, m.CName, m.Type)));
            Assert.Equal(members.SelectMany(m => m.BitFields), layout.Members.SelectMany(m => m.BitFields));
            Assert.Equal(offsetsAndSizes, layout.Members.SelectMany(m => new[] { m.Offset, m.Size }));
        });
    }

    [Fact]
    public void Type_layouts_left_over_are_an_error()
    {
        var e = Assert.Throws<ArgumentException>(() => KernelStructLayout.Create("Demo.Bad", "struct bad", 4, StructExtent.Complete, "a", new[] { 0, 4 }, new[] { Inner }));
        Assert.Contains("Demo.Bad: 1 type layouts for 0 members marked '*'", e.Message);
    }

    [Fact]
    public void A_generated_layout_states_the_generated_constants()
    {
        var layout = SockAddrIn.Layout;

        Assert.Equal(new[] { "sin_family", "sin_port", "sin_addr", "__pad" }, layout.Members.Select(m => m.CName));
        Assert.Equal(
            new[] { SockAddrIn.Offsets.sin_family, SockAddrIn.Offsets.sin_port, SockAddrIn.Offsets.sin_addr, SockAddrIn.Offsets.__pad },
            layout.Members.Select(m => m.Offset));
        Assert.Same(InAddr.Layout, layout.Members[2].Type);
        Assert.Equal(SockAddrIn.SizeOf, layout.Members.Last().Offset + layout.Members.Last().Size);
    }
}
