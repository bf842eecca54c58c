using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelStructs.Generator.Parsing;

/// <summary>
/// Names as the generator reads and writes them: C# identifiers escaped where they are keywords, C identifiers checked,
/// and hint names that are valid and unique by construction.
/// </summary>
internal static class Names
{
    /// <summary>C keywords (C11, C23, and gcc's spellings), which no C member or type can be named.</summary>
    private static readonly HashSet<string> CKeywords = new(System.StringComparer.Ordinal)
    {
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern", "float",
        "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed", "sizeof", "static",
        "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "_Alignas", "_Alignof", "_Atomic",
        "_Bool", "_Complex", "_Generic", "_Imaginary", "_Noreturn", "_Static_assert", "_Thread_local", "alignas", "alignof",
        "bool", "constexpr", "false", "nullptr", "static_assert", "thread_local", "true", "typeof", "typeof_unqual", "asm",
        "__asm__", "__attribute__", "__extension__", "__inline__", "__restrict__", "__signed__", "__typeof__", "__volatile__",
        "__const__", "__alignof__", "_BitInt", "_Decimal32", "_Decimal64", "_Decimal128",
    };

    /// <summary>
    /// Whether <paramref name="name"/> is a C identifier that a header can declare a member or tag with: ASCII letters,
    /// digits and underscores, not starting with a digit, and not a keyword.
    /// </summary>
    public static bool IsCIdentifier(string? name)
    {
        if (name is null || name.Length == 0 || name[0] is >= '0' and <= '9' || CKeywords.Contains(name))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="text"/> fits on one line of C and of C#: no control characters and no line or paragraph separators.</summary>
    public static bool IsOneLine(string text)
    {
        foreach (var c in text)
        {
            if (c < 0x20 || c == 0x7F || c == '\u0085' || c == '\u2028' || c == '\u2029')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A C# identifier as source text: <c>@</c> before a keyword, and before <c>record</c>, which as a type's name draws
    /// CS8860 where it is written without one.
    /// </summary>
    public static string Escape(string identifier)
        => SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None || identifier is "_" or "record" ? "@" + identifier : identifier;

    /// <summary>
    /// A type's fully qualified name as source text, every part escaped (<c>global::A.@sizeof.S</c>): the display
    /// string does not escape a containing type named with a keyword. Generic types keep their display string.
    /// </summary>
    public static string FullyQualified(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { IsGenericType: false, TypeKind: TypeKind.Struct or TypeKind.Class or TypeKind.Interface or TypeKind.Enum } named
            || named.SpecialType != SpecialType.None || !named.CanBeReferencedByName)
        {
            return type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        }

        if (named.ContainingType is { } outer)
        {
            var qualifier = FullyQualified(outer);
            return qualifier.StartsWith("global::", System.StringComparison.Ordinal) ? qualifier + "." + Escape(named.Name) : type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        }

        return "global::" + (Namespace(named.ContainingNamespace) is { } ns ? ns + "." : string.Empty) + Escape(named.Name);
    }

    /// <summary>A namespace as source text (<c>A.@class</c>), or <see langword="null"/> for the global namespace.</summary>
    public static string? Namespace(INamespaceSymbol? ns)
    {
        if (ns is null || ns.IsGlobalNamespace)
        {
            return null;
        }

        var parts = new List<string>();
        for (var n = ns; n is { IsGlobalNamespace: false }; n = n.ContainingNamespace)
        {
            parts.Insert(0, Escape(n.Name));
        }

        return string.Join(".", parts);
    }

    /// <summary>The type's metadata name with its namespace: <c>A.B.Outer+Inner`1</c>, unique to the type in its assembly.</summary>
    public static string MetadataName(INamedTypeSymbol type)
    {
        var name = new StringBuilder(type.MetadataName);
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name.Insert(0, outer.MetadataName + "+");
        }

        for (var ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            name.Insert(0, ns.MetadataName + ".");
        }

        return name.ToString();
    }

    /// <summary>
    /// A hint name for a generated file about a type: its readable name (namespace and types joined by dots), then a
    /// disambiguator derived from its exact metadata name, then <paramref name="suffix"/>. Hint names compare without
    /// case and nested types read like namespaces, so the readable part alone can repeat (<c>S</c> and <c>s</c>,
    /// namespace <c>A.B</c> and type <c>A.B</c>); the disambiguator cannot, for two names the readable part confuses.
    /// Only identifier characters and dots are written, which is what a hint name allows.
    /// </summary>
    public static string HintName(string metadataName, string suffix)
    {
        var readable = new StringBuilder(metadataName.Length);
        foreach (var c in metadataName)
        {
            readable.Append(c is '+' or '.' ? '.' : IsHintNameCharacter(c) ? c : '_');
        }

        return readable + "." + Fnv1a(metadataName).ToString("X8", CultureInfo.InvariantCulture) + suffix;
    }

    /// <summary>A hint name: <paramref name="readable"/>, then a disambiguator derived from <paramref name="exact"/> (unique to what the file is about), then <paramref name="suffix"/>.</summary>
    public static string Disambiguated(string readable, string exact, string suffix)
        => readable + "." + Fnv1a(exact).ToString("X8", CultureInfo.InvariantCulture) + suffix;

    /// <summary>Characters Roslyn takes in a hint name (identifier characters), less the ones no file system likes.</summary>
    private static bool IsHintNameCharacter(char c)
        => c == '_' || char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ConnectorPunctuation;

    /// <summary>FNV-1a over the UTF-16 code units: stable across processes and runtimes, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash;
    }

    /// <summary>Text for a C# comment or XML doc comment: XML's special characters escaped and nothing that ends the line.</summary>
    public static string Comment(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': result.Append("&amp;"); break;
                case '<': result.Append("&lt;"); break;
                case '>': result.Append("&gt;"); break;
                default:
                    if (c < 0x20 || c == 0x7F || c == '\u0085' || c == '\u2028' || c == '\u2029' || char.IsSurrogate(c))
                    {
                        result.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        result.Append(c);
                    }

                    break;
            }
        }

        return result.ToString();
    }

    /// <summary>A string as a C# literal, for messages that show what the user wrote (escapes and all).</summary>
    public static string Quote(string text) => SymbolDisplay.FormatLiteral(text, quote: true);
}
