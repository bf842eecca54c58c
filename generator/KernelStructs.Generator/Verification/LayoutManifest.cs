using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using KernelStructs.Generator.Emit;
using KernelStructs.Generator.Layout;
using KernelStructs.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelStructs.Generator.Verification;

/// <summary>Where a declaration and its fields are in the source, for the build errors header verification reports.</summary>
/// <param name="CSharpName">The struct's C# type, fully qualified with <c>global::</c> (the key that joins it to its <see cref="StructModel"/>).</param>
/// <param name="Type">The struct's declaration.</param>
/// <param name="Fields">Each instance field's declaration, by C# name.</param>
internal sealed record SourcePlaces(string CSharpName, SourcePlace Type, EquatableArray<NamedSourcePlace> Fields)
{
    /// <summary>Reads the places of a <c>[KernelStruct]</c> declaration.</summary>
    public static SourcePlaces Read(INamedTypeSymbol type, SyntaxNode declaration, CancellationToken cancellationToken)
    {
        var fields = new List<NamedSourcePlace>();
        foreach (var field in type.GetMembers().OfType<IFieldSymbol>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!field.IsStatic && field.Locations.FirstOrDefault(l => l.IsInSource) is { } location)
            {
                fields.Add(new NamedSourcePlace(field.Name, SourcePlace.Of(location)));
            }
        }

        return new SourcePlaces(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), SourcePlace.Of(declaration.GetLocation()), fields.ToEquatableArray());
    }
}

/// <summary>A file, line and column (1-based), as MSBuild prints them.</summary>
internal sealed record SourcePlace(string File, int Line, int Column)
{
    public static SourcePlace Of(Location location)
    {
        var span = location.GetMappedLineSpan();
        return new SourcePlace(span.Path ?? string.Empty, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1);
    }
}

/// <summary>The place of one field.</summary>
internal sealed record NamedSourcePlace(string Name, SourcePlace Place);

/// <summary>One <c>/pathmap</c> entry: a path prefix and what the compiler writes instead.</summary>
internal sealed record PathMapping(string From, string To);

/// <summary>
/// How the manifests write source paths, so that the assembly does not depend on where the project was built: as the
/// compiler's <c>/pathmap</c> maps them (what it does for the PDB and <c>CallerFilePath</c>; the SDK sets one for
/// <c>ContinuousIntegrationBuild</c>, <c>/_/</c> for the repository), and otherwise relative to the project directory.
/// The build step maps them back (<c>--source-root</c>, <c>--path-map</c>), so errors still point at the file.
/// </summary>
internal sealed record SourcePathMap(string? ProjectDirectory, EquatableArray<PathMapping> Mappings)
{
    /// <summary>The compilation's <c>/pathmap</c> and the <c>build_property.ProjectDir</c> the SDK makes visible.</summary>
    public static SourcePathMap Read(Compilation compilation, AnalyzerConfigOptionsProvider options)
    {
        var mappings = compilation.Options.SourceReferenceResolver is SourceFileResolver resolver
            ? resolver.PathMap.Select(p => new PathMapping(p.Key, p.Value)).ToEquatableArray()
            : EquatableArray<PathMapping>.Empty;
        options.GlobalOptions.TryGetValue("build_property.ProjectDir", out var projectDirectory);
        return new SourcePathMap(string.IsNullOrWhiteSpace(projectDirectory) ? null : projectDirectory!.Trim(), mappings);
    }

    /// <summary>The path as the manifest records it.</summary>
    public string Map(string path)
    {
        if (path.Length == 0)
        {
            return path;
        }

        // The compiler's rule: the first entry whose key is a prefix ending at a directory separator.
        foreach (var mapping in Mappings)
        {
            var from = mapping.From;
            if (from.Length > 0 && path.StartsWith(from, System.StringComparison.Ordinal)
                && (path.Length == from.Length || IsSeparator(from[from.Length - 1]) || IsSeparator(path[from.Length])))
            {
                var rest = path.Substring(from.Length);
                var to = mapping.To;
                return to.Length > 0 && !IsSeparator(to[to.Length - 1]) && rest.Length > 0 && !IsSeparator(rest[0])
                    ? to + "/" + rest
                    : to + rest;
            }
        }

        return ProjectDirectory is { } root ? Relative(root, path) : path;
    }

    private static bool IsSeparator(char c) => c is '/' or '\\';

    // Path.GetRelativePath is not in netstandard2.0: '/'-separated, '../' for files beside the project (linked files).
    private static string Relative(string root, string path)
    {
        var rootParts = root.Replace('\\', '/').TrimEnd('/').Split('/');
        var pathParts = path.Replace('\\', '/').Split('/');
        if (rootParts.Length == 0 || pathParts.Length == 0 || rootParts[0] != pathParts[0])
        {
            return path;
        }

        var common = 0;
        while (common < rootParts.Length && common < pathParts.Length - 1 && rootParts[common] == pathParts[common])
        {
            common++;
        }

        var parts = Enumerable.Repeat("..", rootParts.Length - common).Concat(pathParts.Skip(common));
        return string.Join("/", parts);
    }
}

/// <summary>
/// The layout manifest that header verification checks against the C headers: for one struct, its C type and header,
/// and on every ABI its size, alignment and each member's offset and size, as the generated constants state them.
/// It is compiled into the assembly as <c>[assembly: AssemblyMetadata("KernelStructs.Layout", json)]</c> when the
/// project sets <c>KernelStructsVerifyHeaders</c> or <c>KernelStructsLayoutManifest</c>; the verifier
/// (<c>KernelStructs.Verification</c>) reads it from the built assembly, writes the C probes and runs the compilers.
/// </summary>
internal static class LayoutManifest
{
    /// <summary>The <c>AssemblyMetadata</c> key.</summary>
    public const string MetadataKey = "KernelStructs.Layout";

    /// <summary>The manifest's format version; the verifier refuses other versions.</summary>
    public const int Version = 2;

    /// <summary>The MSBuild properties (as compiler-visible <c>build_property.*</c>) that turn the manifest on.</summary>
    public static readonly string[] Properties = { "build_property.KernelStructsVerifyHeaders", "build_property.KernelStructsVerifyBtf", "build_property.KernelStructsLayoutManifest" };

    /// <summary>Whether the project asks for the manifest.</summary>
    public static bool IsEnabled(AnalyzerConfigOptionsProvider options)
    {
        foreach (var property in Properties)
        {
            if (options.GlobalOptions.TryGetValue(property, out var value) && string.Equals(value?.Trim(), "true", System.StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The hint name of the generated file.</summary>
    public static string HintName(StructModel model) => Parsing.Names.HintName(model.MetadataName, ".KernelStructLayout.g.cs");

    /// <summary>The generated file: one assembly attribute holding the manifest.</summary>
    public static string Emit(StructModel model, SourcePlaces? places, System.Func<string, SourcePlaces?>? nestedPlaces = null, SourcePathMap? paths = null)
    {
        var json = Json(model, places, nestedPlaces, paths);
        var w = new SourceWriter();
        w.Line("// <auto-generated/>");
        w.Line("#nullable enable");
        w.Line();
        w.Line($"// The layout of {model.Shape.CName} on every ABI, for header verification (KernelStructsVerifyHeaders).");
        w.Line($"[assembly: global::System.Reflection.AssemblyMetadata({StructEmitter.Literal(MetadataKey)}, {StructEmitter.Literal(json)})]");
        return w.ToString();
    }

    /// <summary>The manifest of one struct as JSON (see docs/verification.md for the format).</summary>
    /// <param name="model">The struct.</param>
    /// <param name="places">Where it and its fields are declared.</param>
    /// <param name="nestedPlaces">Where the structs its members nest are declared, by C# name (fully qualified with <c>global::</c>).</param>
    /// <param name="paths">How source paths are written (<c>/pathmap</c>, else relative to the project); null: as they are.</param>
    public static string Json(StructModel model, SourcePlaces? places, System.Func<string, SourcePlaces?>? nestedPlaces = null, SourcePathMap? paths = null)
    {
        var shape = model.Shape;
        var layouts = Abi.All.Select(abi => LayoutEngine.Compute(shape, abi)).ToArray();
        var j = new StringBuilder();
        j.Append("{\"version\":").Append(I(Version));
        j.Append(",\"type\":").Append(String(Dotted(model)));
        j.Append(",\"cType\":").Append(String(shape.CName));
        if (shape.IsUnnamed)
        {
            j.Append(",\"unnamed\":true");
        }

        j.Append(",\"header\":").Append(model.Header is null ? "null" : String(model.Header));
        if (model.Headers.Includes.Count > 0)
        {
            j.Append(",\"includes\":[").Append(string.Join(",", model.Headers.Includes.Select(String))).Append(']');
        }

        if (model.Headers.Defines.Count > 0)
        {
            j.Append(",\"defines\":[").Append(string.Join(",", model.Headers.Defines.Select(String))).Append(']');
        }

        if (model.Headers.Internal)
        {
            j.Append(",\"internal\":true");
        }

        if (model.Extent != StructExtent.Complete)
        {
            j.Append(",\"extent\":").Append(String(model.Extent == StructExtent.Prefix ? "prefix" : "growing"));
        }

        Place(j, places?.Type, paths);
        j.Append(",\"abis\":[").Append(string.Join(",", Abi.All.Select(a => String(a.Name)))).Append(']');
        Layout(j, shape, layouts, places, nestedPlaces ?? (_ => null), paths);

        // The pahole-style pictures of the doc comment, ABIs with the same picture together (the layout command prints them).
        j.Append(",\"pictures\":[");
        var pictures = Abi.All
            .Select((abi, i) => (abi, lines: LayoutPicture.Draw(shape, layouts[i], abi)))
            .GroupBy(p => string.Join("\n", p.lines))
            .Select(g => "{\"abis\":[" + string.Join(",", g.Select(p => String(p.abi.Name))) + "],\"lines\":[" + string.Join(",", g.First().lines.Select(String)) + "]}");
        j.Append(string.Join(",", pictures)).Append(']');
        j.Append('}');
        return j.ToString();
    }

    /// <summary>
    /// <c>"size"</c>, <c>"align"</c>, <c>"fields"</c> and <c>"flexible"</c> of a struct; a member of struct type carries its
    /// type's layout in <c>"type"</c> (offsets there are from the start of the member).
    /// </summary>
    private static void Layout(StringBuilder j, StructShape shape, StructLayoutInfo[] layouts, SourcePlaces? places, System.Func<string, SourcePlaces?> nestedPlaces, SourcePathMap? paths)
    {
        // A field declared twice (a compile error of its own) keeps its first place.
        var fieldPlaces = new Dictionary<string, SourcePlace>();
        foreach (var field in places?.Fields ?? EquatableArray<NamedSourcePlace>.Empty)
        {
            if (!fieldPlaces.ContainsKey(field.Name))
            {
                fieldPlaces[field.Name] = field.Place;
            }
        }

        j.Append(",\"size\":").Append(Numbers(layouts.Select(l => l.Size)));
        j.Append(",\"align\":").Append(Numbers(layouts.Select(l => l.Alignment)));
        j.Append(",\"fields\":[");
        for (var i = 0; i < shape.Fields.Count; i++)
        {
            var field = shape.Fields[i];
            var index = i;
            j.Append(i == 0 ? "{" : ",{");
            j.Append("\"name\":").Append(String(field.Name));
            j.Append(",\"cName\":").Append(field.IsBitFieldUnit || field.IsAnonymous ? "null" : String(field.CName));
            if (field.IsAnonymous)
            {
                j.Append(",\"anonymous\":true");
            }

            if (field.IsBitFieldUnit)
            {
                j.Append(",\"bitFields\":[").Append(string.Join(",", field.BitFields.Select(b => $"{{\"name\":{String(b.Name)},\"width\":{I(b.Width)}}}"))).Append(']');
            }

            Place(j, fieldPlaces.TryGetValue(field.Name, out var place) ? place : null, paths);
            j.Append(",\"offset\":").Append(Numbers(layouts.Select(l => l.Fields[index].Offset)));
            j.Append(",\"size\":").Append(Numbers(layouts.Select(l => l.Fields[index].Size)));
            if (field.Type is { Kind: CTypeKind.Struct, Struct: { } nested })
            {
                j.Append(",\"type\":{\"cType\":").Append(String(nested.CName));
                if (nested.IsUnnamed)
                {
                    j.Append(",\"unnamed\":true");
                }

                Layout(j, nested, Abi.All.Select(abi => LayoutEngine.Compute(nested, abi)).ToArray(), nestedPlaces(nested.CSharpName), nestedPlaces, paths);
                j.Append('}');
            }

            j.Append('}');
        }

        j.Append(']');
        if (shape.Flexible is { } flexible)
        {
            j.Append(",\"flexible\":{\"cName\":").Append(String(flexible.CName));
            j.Append(",\"offset\":").Append(Numbers(layouts.Select(l => l.FlexibleOffset)));
            j.Append(",\"elementSize\":").Append(Numbers(layouts.Select(l => l.FlexibleElementSize))).Append('}');
        }
    }

    /// <summary>The C# type as a reader writes it: <c>Namespace.Outer.Name</c>.</summary>
    private static string Dotted(StructModel model)
    {
        var parts = new List<string>();
        if (model.Namespace is not null)
        {
            parts.Add(model.Namespace);
        }

        parts.AddRange(model.ContainingTypes.Select(t => t.Name));
        parts.Add(model.TypeName);
        return string.Join(".", parts);
    }

    private static void Place(StringBuilder j, SourcePlace? place, SourcePathMap? paths)
    {
        if (place is not null)
        {
            j.Append(",\"file\":").Append(String(paths is null ? place.File : paths.Map(place.File))).Append(",\"line\":").Append(I(place.Line)).Append(",\"column\":").Append(I(place.Column));
        }
    }

    private static string Numbers(IEnumerable<int> numbers) => "[" + string.Join(",", numbers.Select(I)) + "]";

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string String(string value)
    {
        var s = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': s.Append("\\\""); break;
                case '\\': s.Append("\\\\"); break;
                default:
                    if (c < 0x20)
                    {
                        s.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        s.Append(c);
                    }

                    break;
            }
        }

        return s.Append('"').ToString();
    }
}
