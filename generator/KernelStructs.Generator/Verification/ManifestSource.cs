using System.Collections.Generic;
using System.Linq;
using System.Threading;
using KernelStructs.Generator.Model;
using KernelStructs.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace KernelStructs.Generator.Verification;

/// <summary>
/// What a layout manifest is written from: the struct's model, where it and its fields are declared, and the places of
/// the <c>[KernelStruct]</c> mirrors its members contain (their fields are listed under the member). The places are read
/// from the compilation only in a project that asks for manifests: without them, no step reads a source place.
/// </summary>
/// <param name="Model">The struct.</param>
/// <param name="Places">Where it is declared (null when the compilation no longer has it).</param>
/// <param name="Nested">The places of the mirrors its members contain, at any depth.</param>
internal sealed record ManifestSource(StructModel Model, SourcePlaces? Places, EquatableArray<SourcePlaces> Nested)
{
    /// <summary>The places of a nested mirror, by its C# name (<see cref="SourcePlaces.CSharpName"/>).</summary>
    public SourcePlaces? NestedPlaces(string cSharpName) => Nested.FirstOrDefault(p => p.CSharpName == cSharpName);

    /// <summary>Reads the places of a model's declaration and of the mirrors it contains.</summary>
    public static ManifestSource Read(StructModel model, Compilation compilation, CancellationToken cancellationToken)
    {
        if (compilation.Assembly.GetTypeByMetadataName(model.MetadataName) is not { } type)
        {
            return new ManifestSource(model, null, EquatableArray<SourcePlaces>.Empty);
        }

        var nested = new List<SourcePlaces>();
        var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default) { type };
        var pending = new Queue<INamedTypeSymbol>();
        pending.Enqueue(type);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var field in pending.Dequeue().GetMembers().OfType<IFieldSymbol>())
            {
                if (!field.IsStatic && field.Type is INamedTypeSymbol { TypeKind: TypeKind.Struct } member && seen.Add(member)
                    && PlacesOf(member, cancellationToken) is { } places)
                {
                    nested.Add(places);
                    pending.Enqueue(member);
                }
            }
        }

        return new ManifestSource(model, PlacesOf(type, cancellationToken), nested.ToEquatableArray());
    }

    /// <summary>The places of a <c>[KernelStruct]</c> declared in source, from its attributed declaration; null for other types.</summary>
    private static SourcePlaces? PlacesOf(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (AttributeArguments.Find(type, KnownNames.KernelStructAttribute) is null)
        {
            return null;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax(cancellationToken);
            if (StructParser.IsFirstAttributedDeclaration(type, declaration))
            {
                return SourcePlaces.Read(type, declaration, cancellationToken);
            }
        }

        return null;
    }
}
