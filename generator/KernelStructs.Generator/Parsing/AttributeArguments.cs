using System.Linq;
using Microsoft.CodeAnalysis;

namespace KernelStructs.Generator.Parsing;

/// <summary>Reading attributes off symbols, by metadata name.</summary>
internal static class AttributeArguments
{
    /// <summary>The symbol's attribute of that class, or <see langword="null"/>.</summary>
    public static AttributeData? Find(ISymbol symbol, string metadataName)
        => symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == metadataName);

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
