using Microsoft.CodeAnalysis;

namespace KernelStructs.Generator.Parsing;

/// <summary>Reading attributes off symbols, by metadata name.</summary>
internal static class AttributeArguments
{
    /// <summary>The symbol's attribute of that class, or <see langword="null"/>.</summary>
    public static AttributeData? Find(ISymbol symbol, string metadataName)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            // The simple name first: most attributes differ there, and it costs no string.
            if (attribute.AttributeClass is { MetadataName: var name } type && metadataName.EndsWith(name, System.StringComparison.Ordinal)
                && (metadataName.Length == name.Length || metadataName[metadataName.Length - name.Length - 1] == '.')
                && TypeNames.Is(type, metadataName))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>A named argument's value, or the default when it is not given (or not a <typeparamref name="T"/>).</summary>
    public static T? Named<T>(AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is T value)
            {
                return value;
            }
        }

        return default;
    }
}
