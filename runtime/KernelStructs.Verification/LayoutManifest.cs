using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KernelStructs.Verification;

/// <summary>
/// The layout the generator computed for one <c>[KernelStruct]</c> on every ABI: what its generated
/// <c>SizeOf</c>, <c>AlignOf</c> and <c>Offsets</c> state there. The generator compiles one into the
/// assembly per struct, as <c>[assembly: AssemblyMetadata("KernelStructs.Layout", json)]</c>, when the
/// project sets <c>KernelStructsVerifyHeaders</c> or <c>KernelStructsLayoutManifest</c>.
/// </summary>
public sealed class StructManifest
{
    /// <summary>The <c>AssemblyMetadata</c> key the manifests are stored under.</summary>
    public const string MetadataKey = "KernelStructs.Layout";

    /// <summary>The manifest format this verifier reads.</summary>
    public const int SupportedVersion = 2;

    /// <summary>The manifest format version.</summary>
    [JsonPropertyName("version")] public int Version { get; init; }

    /// <summary>The C# type, <c>Namespace.Outer.Name</c>.</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = "";

    /// <summary>The C type with its tag (<c>struct sockaddr_in</c>).</summary>
    [JsonPropertyName("cType")] public string CType { get; init; } = "";

    /// <summary>
    /// Whether the C type has no name (<c>[KernelStruct("union")]</c>): it is verified through the structs whose members
    /// have it, not on its own.
    /// </summary>
    [JsonPropertyName("unnamed")] public bool Unnamed { get; init; }

    /// <summary>The header that declares it (<c>linux/in.h</c>), or <see langword="null"/>: such a struct is not verified.</summary>
    [JsonPropertyName("header")] public string? Header { get; init; }

    /// <summary>Headers included before <see cref="Header"/>.</summary>
    [JsonPropertyName("includes")] public IReadOnlyList<string> Includes { get; init; } = Array.Empty<string>();

    /// <summary>Macros defined before any include (<c>NAME</c> or <c>NAME=value</c>).</summary>
    [JsonPropertyName("defines")] public IReadOnlyList<string> Defines { get; init; } = Array.Empty<string>();

    /// <summary>Whether <see cref="Header"/> is a kernel-internal header, compiled with kbuild in the kernel's build tree.</summary>
    [JsonPropertyName("internal")] public bool Internal { get; init; }

    /// <summary><c>complete</c> (default), <c>prefix</c> (the first members only) or <c>growing</c> (a struct the kernel extends at its end).</summary>
    [JsonPropertyName("extent")] public string Extent { get; init; } = "complete";

    /// <summary>Whether the mirror declares the first members only.</summary>
    [JsonIgnore] public bool IsPrefix => Extent == "prefix";

    /// <summary>Whether the mirror follows a struct the kernel extends at its end.</summary>
    [JsonIgnore] public bool IsGrowing => Extent == "growing";

    /// <summary>The declaration's source file, if known.</summary>
    [JsonPropertyName("file")] public string? File { get; init; }

    /// <summary>The declaration's line (1-based).</summary>
    [JsonPropertyName("line")] public int Line { get; init; }

    /// <summary>The declaration's column (1-based).</summary>
    [JsonPropertyName("column")] public int Column { get; init; }

    /// <summary>The ABIs the numbers below are given for, in order (x86_64, aarch64, arm, s390x).</summary>
    [JsonPropertyName("abis")] public IReadOnlyList<string> Abis { get; init; } = Array.Empty<string>();

    /// <summary><c>sizeof</c> on each ABI.</summary>
    [JsonPropertyName("size")] public IReadOnlyList<int> Size { get; init; } = Array.Empty<int>();

    /// <summary><c>_Alignof</c> on each ABI.</summary>
    [JsonPropertyName("align")] public IReadOnlyList<int> Align { get; init; } = Array.Empty<int>();

    /// <summary>The fields in C order.</summary>
    [JsonPropertyName("fields")] public IReadOnlyList<FieldManifest> Fields { get; init; } = Array.Empty<FieldManifest>();

    /// <summary>The flexible array member, if any.</summary>
    [JsonPropertyName("flexible")] public FlexibleManifest? Flexible { get; init; }

    /// <summary>The layout pictures (as pahole prints them), ABIs with the same picture together.</summary>
    [JsonPropertyName("pictures")] public IReadOnlyList<LayoutPictureManifest> Pictures { get; init; } = Array.Empty<LayoutPictureManifest>();

    /// <summary>Parses one manifest.</summary>
    /// <exception cref="FormatException">The text is not a manifest this verifier reads.</exception>
    public static StructManifest Parse(string json)
    {
        StructManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<StructManifest>(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Malformed KernelStructs layout manifest: {e.Message}", e);
        }

        if (manifest is null || manifest.Version != SupportedVersion)
        {
            throw new FormatException($"KernelStructs layout manifest version {manifest?.Version} is not supported (this verifier reads version {SupportedVersion}): use the KernelStructs.Verification of the same package version as the generator.");
        }

        return manifest;
    }

    /// <summary>The manifests compiled into a loaded assembly.</summary>
    public static IReadOnlyList<StructManifest> ReadFrom(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Where(a => a.Key == MetadataKey && a.Value is not null)
            .Select(a => Parse(a.Value!))
            .ToList();
    }

    /// <summary>The manifests compiled into an assembly file, read from its metadata without loading it.</summary>
    public static IReadOnlyList<StructManifest> ReadFrom(string assemblyPath)
    {
        using var stream = System.IO.File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException($"{assemblyPath} is not a .NET assembly.");
        }

        var metadata = pe.GetMetadataReader();
        var manifests = new List<StructManifest>();
        foreach (var handle in metadata.GetCustomAttributes(EntityHandle.AssemblyDefinition))
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (!IsAssemblyMetadataAttribute(metadata, attribute.Constructor))
            {
                continue;
            }

            // Blob: prolog 0x0001, then the constructor's two string arguments.
            var blob = metadata.GetBlobReader(attribute.Value);
            if (blob.ReadUInt16() != 1)
            {
                continue;
            }

            var key = blob.ReadSerializedString();
            var value = blob.ReadSerializedString();
            if (key == MetadataKey && value is not null)
            {
                manifests.Add(Parse(value));
            }
        }

        return manifests;
    }

    private static bool IsAssemblyMetadataAttribute(MetadataReader metadata, EntityHandle constructor)
    {
        EntityHandle type;
        if (constructor.Kind == HandleKind.MemberReference)
        {
            type = metadata.GetMemberReference((MemberReferenceHandle)constructor).Parent;
        }
        else if (constructor.Kind == HandleKind.MethodDefinition)
        {
            type = metadata.GetMethodDefinition((MethodDefinitionHandle)constructor).GetDeclaringType();
        }
        else
        {
            return false;
        }

        return type.Kind switch
        {
            HandleKind.TypeReference => metadata.GetTypeReference((TypeReferenceHandle)type) is var r
                && metadata.StringComparer.Equals(r.Name, nameof(AssemblyMetadataAttribute))
                && metadata.StringComparer.Equals(r.Namespace, "System.Reflection"),
            HandleKind.TypeDefinition => metadata.GetTypeDefinition((TypeDefinitionHandle)type) is var d
                && metadata.StringComparer.Equals(d.Name, nameof(AssemblyMetadataAttribute))
                && metadata.StringComparer.Equals(d.Namespace, "System.Reflection"),
            _ => false,
        };
    }
}

/// <summary>One field of a <see cref="StructManifest"/>.</summary>
public sealed class FieldManifest
{
    /// <summary>The C# field name.</summary>
    [JsonPropertyName("name")] public string Name { get; init; } = "";

    /// <summary>
    /// The C member name; <see langword="null"/> for a bitfield storage unit and for an anonymous member, which have no
    /// C name of their own.
    /// </summary>
    [JsonPropertyName("cName")] public string? CName { get; init; }

    /// <summary>Whether the field stands for an anonymous struct or union member, whose members C names as members of the enclosing type.</summary>
    [JsonPropertyName("anonymous")] public bool Anonymous { get; init; }

    /// <summary>The bitfields a storage unit holds, in C order.</summary>
    [JsonPropertyName("bitFields")] public IReadOnlyList<BitFieldManifest>? BitFields { get; init; }

    /// <summary>The layout of the member's type when it is a struct or union (offsets from the start of the member).</summary>
    [JsonPropertyName("type")] public NestedManifest? Type { get; init; }

    /// <summary>The field's source file, if known.</summary>
    [JsonPropertyName("file")] public string? File { get; init; }

    /// <summary>The field's line (1-based).</summary>
    [JsonPropertyName("line")] public int Line { get; init; }

    /// <summary>The field's column (1-based).</summary>
    [JsonPropertyName("column")] public int Column { get; init; }

    /// <summary><c>offsetof</c> on each ABI.</summary>
    [JsonPropertyName("offset")] public IReadOnlyList<int> Offset { get; init; } = Array.Empty<int>();

    /// <summary>The member's size on each ABI.</summary>
    [JsonPropertyName("size")] public IReadOnlyList<int> Size { get; init; } = Array.Empty<int>();
}

/// <summary>One bitfield of a storage unit.</summary>
public sealed class BitFieldManifest
{
    /// <summary>The bitfield's C name.</summary>
    [JsonPropertyName("name")] public string Name { get; init; } = "";

    /// <summary>Its width in bits.</summary>
    [JsonPropertyName("width")] public int Width { get; init; }
}

/// <summary>The layout of a member's struct or union type, on every ABI of the enclosing <see cref="StructManifest"/>.</summary>
public sealed class NestedManifest
{
    /// <summary>The C type (<c>struct in_addr</c>), or the tag alone for a type without a name.</summary>
    [JsonPropertyName("cType")] public string CType { get; init; } = "";

    /// <summary>Whether the type has no name, so its members are reached through the member (<c>dst.u3</c>).</summary>
    [JsonPropertyName("unnamed")] public bool Unnamed { get; init; }

    /// <summary><c>sizeof</c> on each ABI.</summary>
    [JsonPropertyName("size")] public IReadOnlyList<int> Size { get; init; } = Array.Empty<int>();

    /// <summary><c>_Alignof</c> on each ABI.</summary>
    [JsonPropertyName("align")] public IReadOnlyList<int> Align { get; init; } = Array.Empty<int>();

    /// <summary>The type's fields, offsets from the start of the member.</summary>
    [JsonPropertyName("fields")] public IReadOnlyList<FieldManifest> Fields { get; init; } = Array.Empty<FieldManifest>();

    /// <summary>The type's flexible array member, if any.</summary>
    [JsonPropertyName("flexible")] public FlexibleManifest? Flexible { get; init; }
}

/// <summary>The flexible array member of a <see cref="StructManifest"/>.</summary>
public sealed class FlexibleManifest
{
    /// <summary>The C member name.</summary>
    [JsonPropertyName("cName")] public string CName { get; init; } = "";

    /// <summary><c>offsetof</c> on each ABI.</summary>
    [JsonPropertyName("offset")] public IReadOnlyList<int> Offset { get; init; } = Array.Empty<int>();

    /// <summary>The element size on each ABI.</summary>
    [JsonPropertyName("elementSize")] public IReadOnlyList<int> ElementSize { get; init; } = Array.Empty<int>();
}

/// <summary>One layout picture of a <see cref="StructManifest"/> and the ABIs it holds on.</summary>
public sealed class LayoutPictureManifest
{
    /// <summary>The ABIs.</summary>
    [JsonPropertyName("abis")] public IReadOnlyList<string> Abis { get; init; } = Array.Empty<string>();

    /// <summary>The picture's lines.</summary>
    [JsonPropertyName("lines")] public IReadOnlyList<string> Lines { get; init; } = Array.Empty<string>();
}
