using System.Collections.Generic;
using System.Linq;
using KernelStructs.Generator.Parsing;
using KernelStructs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KernelStructs.Generator.Tests.Parsing;

/// <summary><see cref="TypeNames"/> says what <c>ToDisplayString()</c> says, for every kind of type a field can have.</summary>
public class TypeNamesTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        namespace @event.Inner
        {
            public struct @class { public struct Nested { } }
            public struct Plain { }
        }
        namespace record
        {
            public struct var { }
            public struct async { }
        }
        namespace N
        {
            public struct Outer { public struct Middle { public struct Inner { } } }
            public struct Gen<T> { public struct InGeneric { } }
            public enum Kind : byte { A }
            file struct FileLocal { }
            public unsafe struct Holder
            {
                public @event.Inner.@class a;
                public @event.Inner.@class.Nested b;
                public @event.Inner.Plain c;
                public record.var d;
                public record.async e;
                public Outer.Middle.Inner f;
                public Gen<int> g;
                public Gen<int>.InGeneric h;
                public Kind i;
                public int j;
                public nint k;
                public int* l;
                public int[] m;
                public (int, long) n;
                public int? o;
                public string? p;
                public string q;
                public object r;
                public Missing s;
                public List<Outer>? t;
                public Outer? u;
                public KernelStructs.Be16 v;
                public System.Net.Sockets.Socket w;
                public Dictionary<string, int>.Enumerator x;
                public fixed byte y[4];
            }
            struct UsesFileLocal { FileLocal z; }
        }
        struct Global { }
        struct GlobalHolder { Global g; }
        """;

    [Fact]
    public void Display_and_Is_agree_with_ToDisplayString_for_every_field_type()
    {
        var compilation = GeneratorHarness.Compile(Source);
        var types = compilation.SyntaxTrees
            .SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax>()
                .Select(v => compilation.GetSemanticModel(tree).GetDeclaredSymbol(v)))
            .OfType<IFieldSymbol>()
            .Select(f => f.Type)
            .ToList();
        Assert.Equal(27, types.Count);

        var checkedNames = new List<string>();
        foreach (var type in types)
        {
            var expected = type.ToDisplayString();
            Assert.Equal(expected, TypeNames.Display(type));
            Assert.True(TypeNames.Is(type, expected), expected);
            foreach (var other in types.Where(o => !SymbolEqualityComparer.IncludeNullability.Equals(o, type)).Select(o => o.ToDisplayString()).Where(o => o != expected))
            {
                Assert.False(TypeNames.Is(type, other), $"{expected} is not {other}");
            }

            Assert.False(TypeNames.Is(type, "X." + expected));
            Assert.False(TypeNames.Is(type, expected.Substring(1)));
            checkedNames.Add(expected);
        }

        // The keyword-named parts are escaped as the display escapes them.
        Assert.Contains("@event.Inner.@class.Nested", checkedNames);
        Assert.Contains("@event.Inner.Plain", checkedNames);
        Assert.Contains("Global", checkedNames);
        Assert.False(TypeNames.Is(null, "Global"));
    }
}
