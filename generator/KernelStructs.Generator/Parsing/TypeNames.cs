using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelStructs.Generator.Parsing;

/// <summary>
/// A type's name as <c>ToDisplayString()</c> spells it (<c>KernelStructs.Be16</c>, <c>A.Outer.Inner</c>), compared or
/// built from the symbol's names. <c>ToDisplayString()</c> builds its text through the display machinery on every call,
/// and the parsers and analyzers ask it of every field type and every attribute they read; for a plain type (not generic,
/// not inside a generic type, no keyword, no error) the names say the same for a fraction of the cost, and every other
/// type still asks <c>ToDisplayString()</c>.
/// </summary>
internal static class TypeNames
{
    /// <summary>Whether <c>type.ToDisplayString() == name</c>.</summary>
    public static bool Is(ITypeSymbol? type, string name)
    {
        if (type is null)
        {
            return false;
        }

        if (!IsPlain(type))
        {
            return type.ToDisplayString() == name;
        }

        var end = name.Length;
        for (ISymbol symbol = type; ; symbol = symbol.ContainingSymbol)
        {
            var part = symbol.Name;
            var start = end - part.Length;
            if (start < 0 || string.CompareOrdinal(name, start, part, 0, part.Length) != 0)
            {
                return false;
            }

            if (symbol.ContainingSymbol is null or INamespaceSymbol { IsGlobalNamespace: true })
            {
                return start == 0;
            }

            if (start == 0 || name[start - 1] != '.')
            {
                return false;
            }

            end = start - 1;
        }
    }

    /// <summary><c>type.ToDisplayString()</c>, built from the names for a plain type.</summary>
    public static string Display(ITypeSymbol type)
    {
        if (!IsPlain(type))
        {
            return type.ToDisplayString();
        }

        var name = type.Name;
        for (var symbol = type.ContainingSymbol; symbol is not (null or INamespaceSymbol { IsGlobalNamespace: true }); symbol = symbol.ContainingSymbol)
        {
            name = symbol.Name + "." + name;
        }

        return name;
    }

    /// <summary>
    /// A type whose display string is its names joined by dots: a named type that is not generic, not inside a generic
    /// type, not spelled with a keyword, not an error, anonymous or file-local type, not a nullable reference, and with
    /// no containing type or namespace whose name is a keyword (<c>@class</c>).
    /// </summary>
    private static bool IsPlain(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { SpecialType: SpecialType.None, TypeKind: not TypeKind.Error, IsFileLocal: false, CanBeReferencedByName: true } named
            || type.NullableAnnotation == NullableAnnotation.Annotated)
        {
            return false;
        }

        for (var outer = named; outer is not null; outer = outer.ContainingType)
        {
            if (outer.IsGenericType || IsKeyword(outer.Name))
            {
                return false;
            }
        }

        for (var ns = named.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (IsKeyword(ns.Name))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsKeyword(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None;
}
