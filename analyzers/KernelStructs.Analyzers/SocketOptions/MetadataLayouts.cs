using System.Collections.Concurrent;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using KernelStructs.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace KernelStructs.Analyzers.SocketOptions;

/// <summary>
/// The CLR layout of structs in referenced assemblies, read from their type definitions: <c>[StructLayout]</c> and
/// <c>[FieldOffset]</c> are pseudo-attributes that metadata stores as flags and tables, so symbols from metadata do not
/// show them as attributes. Without this, Tmds.Linux's <c>in_addr</c> (explicit layout, two fields at offset 0) would
/// measure 8 bytes instead of 4.
/// </summary>
internal sealed class MetadataLayouts : IClrLayouts
{
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<IModuleSymbol, MetadataReader?> _readers = new(SymbolEqualityComparer.Default);

    public MetadataLayouts(Compilation compilation) => _compilation = compilation;

    /// <inheritdoc/>
    public (int Kind, int Pack, int Size)? TypeLayout(INamedTypeSymbol type)
    {
        if (type.DeclaringSyntaxReferences.Length > 0 || Reader(type) is not { } reader || type.MetadataToken == 0)
        {
            return null;
        }

        var definition = reader.GetTypeDefinition(MetadataTokens.TypeDefinitionHandle(type.MetadataToken));
        var kind = (definition.Attributes & TypeAttributes.LayoutMask) switch
        {
            TypeAttributes.ExplicitLayout => 2,   // LayoutKind.Explicit
            TypeAttributes.AutoLayout => 3,       // LayoutKind.Auto
            _ => 0,                               // LayoutKind.Sequential
        };
        var layout = definition.GetLayout();
        return (kind, layout.PackingSize, layout.Size);
    }

    /// <inheritdoc/>
    public int? FieldOffset(IFieldSymbol field)
    {
        if (field.DeclaringSyntaxReferences.Length > 0 || field.MetadataToken == 0 || Reader(field.ContainingType) is not { } reader)
        {
            return null;
        }

        var offset = reader.GetFieldDefinition(MetadataTokens.FieldDefinitionHandle(field.MetadataToken)).GetOffset();
        return offset >= 0 ? offset : null;
    }

    private MetadataReader? Reader(INamedTypeSymbol type)
        => type.ContainingModule is { } module ? _readers.GetOrAdd(module, m => Open(m, type.ContainingAssembly)) : null;

    private MetadataReader? Open(IModuleSymbol module, IAssemblySymbol assembly)
    {
        try
        {
            if (_compilation.GetMetadataReference(assembly) is not PortableExecutableReference reference)
            {
                return null;
            }

            var modules = reference.GetMetadata() switch
            {
                AssemblyMetadata assemblyMetadata => assemblyMetadata.GetModules(),
                ModuleMetadata moduleMetadata => System.Collections.Immutable.ImmutableArray.Create(moduleMetadata),
                _ => System.Collections.Immutable.ImmutableArray<ModuleMetadata>.Empty,
            };
            return modules.FirstOrDefault(m => m.Name == module.Name)?.GetMetadataReader() ?? modules.FirstOrDefault()?.GetMetadataReader();
        }
        catch (System.Exception e) when (e is System.IO.IOException or System.BadImageFormatException or System.UnauthorizedAccessException)
        {
            return null;
        }
    }
}
