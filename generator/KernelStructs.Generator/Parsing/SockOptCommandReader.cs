using System.Linq;
using KernelStructs.Generator.Model;
using KernelStructs.Generator.Vocabulary;
using Microsoft.CodeAnalysis;

namespace KernelStructs.Generator.Parsing;

/// <summary>A <c>[SockOptCommand]</c> constant, read: what the generator and the analyzers both take from it.</summary>
/// <param name="Field">The constant.</param>
/// <param name="Number">Its value: the option number.</param>
/// <param name="Level">The level.</param>
/// <param name="Direction">The direction(s).</param>
/// <param name="Payload">The payload type (<c>void</c>: none).</param>
/// <param name="PayloadKind">What the payload is.</param>
/// <param name="Rule">The length rule.</param>
/// <param name="Entry">The entry type of a header-plus-entries command, if stated.</param>
/// <param name="Count">How many payloads the kernel copies.</param>
/// <param name="CName">The C name.</param>
internal sealed record SockOptCommandDeclaration(
    IFieldSymbol Field,
    int Number,
    SocketLevel Level,
    SockOptDirection Direction,
    ITypeSymbol Payload,
    PayloadKind PayloadKind,
    LengthRule Rule,
    ITypeSymbol? Entry,
    int Count,
    string CName)
{
    /// <summary>The name messages give the command: its C name.</summary>
    public string Name => CName;

    /// <summary>Whether the command is valid on the system call of <paramref name="isGet"/>.</summary>
    public bool Allows(bool isGet) => SockOptFacts.Allows(Direction, isGet ? SockOptDirection.Get : SockOptDirection.Set);

    /// <summary>The constant, fully qualified, as generated code and code fixes write it.</summary>
    public string QualifiedName => Field.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + Names.Escape(Field.Name);
}

/// <summary>Reads <c>[SockOptCommand]</c> constants, and says what is wrong with one that cannot be used.</summary>
internal static class SockOptCommandReader
{
    /// <summary>The command a constant declares; <see langword="null"/> when it has no <c>[SockOptCommand]</c> or it is malformed.</summary>
    public static SockOptCommandDeclaration? Read(IFieldSymbol field) => Read(field, out _);

    /// <summary>
    /// The command a constant declares, or <see langword="null"/> with <paramref name="problem"/> saying why it cannot be
    /// used (<see langword="null"/> too when the constant simply has no <c>[SockOptCommand]</c>).
    /// </summary>
    public static SockOptCommandDeclaration? Read(IFieldSymbol field, out string? problem)
    {
        problem = null;
        var attribute = AttributeArguments.Find(field, KnownNames.SockOptCommandAttribute);
        if (attribute is null)
        {
            return null;
        }

        var arguments = attribute.ConstructorArguments;
        if (arguments.Length != 3 || arguments[0].Value is not int level || arguments[1].Value is not int direction || arguments[2].Value is not ITypeSymbol payload)
        {
            problem = "is incomplete: it needs a level, a direction and a payload type";
            return null;
        }

        if (!field.IsConst || field.Type.SpecialType != SpecialType.System_Int32 || field.ConstantValue is not int number)
        {
            problem = "must be a const int: its value is the option number, read at compile time";
            return null;
        }

        var rule = AttributeArguments.Named<int>(attribute, "Length");
        var entry = AttributeArguments.Named<ITypeSymbol>(attribute, "Entry");
        var count = attribute.NamedArguments.Any(a => a.Key == "Count") ? AttributeArguments.Named<int>(attribute, "Count") : 1;
        var cName = AttributeArguments.Named<string>(attribute, "CName") ?? field.Name;
        var kind = KindOf(payload);

        problem = direction is < 1 or > 3 ? "has no direction: use SockOptDirection.Get, Set or Both"
            : rule is < 0 or > (int)LengthRule.Truncating ? "has an unknown length rule"
            : kind is null ? $"declares the payload {payload.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}, which is neither a [KernelStruct] nor an integer or byte-order type (use byte for raw bytes, void for none)"
            : entry is not null && KindOf(entry) is not (PayloadKind.Bytes or PayloadKind.Scalar or PayloadKind.KernelStruct) ? $"declares the entry {entry.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}, which is neither a [KernelStruct] nor an integer or byte-order type"
            : entry is not null && rule != (int)LengthRule.HeaderPlusEntries ? "declares an Entry type, which only LengthRule.HeaderPlusEntries uses"
            : count < 1 ? "declares a Count below 1"
            : count > 1 && kind is PayloadKind.None or PayloadKind.Bytes ? "declares a Count for a payload that is not a struct or scalar"
            : kind == PayloadKind.None && rule != (int)LengthRule.Exact ? "has no payload (void), so its length is exactly 0: drop the length rule"
            : cName.Length == 0 ? "declares an empty CName"
            : null;
        if (problem is not null)
        {
            return null;
        }

        return new SockOptCommandDeclaration(field, number, (SocketLevel)level, (SockOptDirection)direction, payload, kind!.Value, (LengthRule)rule, entry, count, cName);
    }

    /// <summary>What a payload type is, or <see langword="null"/> when it cannot be one.</summary>
    public static PayloadKind? KindOf(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_Void)
        {
            return PayloadKind.None;
        }

        if (type.SpecialType == SpecialType.System_Byte)
        {
            return PayloadKind.Bytes;
        }

        if (ScalarSize(type, pointerSize: 8) is not null)
        {
            return PayloadKind.Scalar;
        }

        return AttributeArguments.Find(type, KnownNames.KernelStructAttribute) is not null ? PayloadKind.KernelStruct : null;
    }

    /// <summary>The C size of an integer, enum or byte-order type (with <paramref name="pointerSize"/> for <c>nint</c>), else <see langword="null"/>.</summary>
    public static int? ScalarSize(ITypeSymbol type, int pointerSize)
    {
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
        {
            type = underlying;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Byte or SpecialType.System_SByte:
                return 1;
            case SpecialType.System_Int16 or SpecialType.System_UInt16:
                return 2;
            case SpecialType.System_Int32 or SpecialType.System_UInt32:
                return 4;
            case SpecialType.System_Int64 or SpecialType.System_UInt64:
                return 8;
            case SpecialType.System_IntPtr or SpecialType.System_UIntPtr:
                return pointerSize;
        }

        return TypeNames.Display(type) switch
        {
            "KernelStructs.Be16" or "KernelStructs.Le16" => 2,
            "KernelStructs.Be32" or "KernelStructs.Le32" => 4,
            "KernelStructs.Be64" or "KernelStructs.Le64" => 8,
            _ => null,
        };
    }

    /// <summary>How a type is named in messages: with its C name for a kernel struct (<c>SockAddrIn (struct sockaddr_in)</c>).</summary>
    public static string Describe(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_Void)
        {
            return "no payload";
        }

        var name = type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        var cName = AttributeArguments.Find(type, KnownNames.KernelStructAttribute)?.ConstructorArguments.FirstOrDefault().Value as string;
        return cName is null ? name : $"{name} ({cName})";
    }

    /// <summary>The C type a <c>[KernelStruct]</c> mirrors, spaces normalised (<c>struct sockaddr_in</c>); null for other types.</summary>
    public static string? CName(ITypeSymbol type)
        => AttributeArguments.Find(type, KnownNames.KernelStructAttribute)?.ConstructorArguments.FirstOrDefault().Value is string cName
            ? string.Join(" ", cName.Split(new[] { ' ' }, System.StringSplitOptions.RemoveEmptyEntries))
            : null;

    /// <summary>
    /// Whether <paramref name="value"/> mirrors the same C struct as the command's single payload (a user's own
    /// <c>[KernelStruct("struct sockaddr_in")]</c> for <c>SockAddrIn</c>): the kernel copies the same bytes.
    /// </summary>
    public static bool MirrorsPayload(SockOptCommandDeclaration command, ITypeSymbol value)
        => command.Count == 1 && command.Payload is { } payload && CName(payload) is { } expected && CName(value) == expected;

    /// <summary>
    /// Whether a wrapper's value type <paramref name="value"/> is the command's payload: the payload itself, or for a
    /// command whose kernel copies <c>Count</c> payloads, an <c>[InlineArray(Count)]</c> of it.
    /// </summary>
    public static bool CarriesPayload(SockOptCommandDeclaration command, ITypeSymbol value)
    {
        if (command.PayloadKind == PayloadKind.Bytes)
        {
            return true;
        }

        if (command.Count == 1)
        {
            return SymbolEqualityComparer.Default.Equals(value, command.Payload);
        }

        return value is INamedTypeSymbol named
            && AttributeArguments.Find(named, KnownNames.InlineArrayAttribute)?.ConstructorArguments.FirstOrDefault().Value is int length
            && length == command.Count
            && named.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic).ToList() is [var element]
            && SymbolEqualityComparer.Default.Equals(element.Type, command.Payload);
    }
}
