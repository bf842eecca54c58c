using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using KernelStructs.Generator.Layout;
using KernelStructs.Generator.Model;
using Model = KernelStructs.Generator.Model;
using KernelStructs.Generator.Parsing;
using KernelStructs.Generator.Tests.Infrastructure;
using KernelStructs.Testing;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KernelStructs.Generator.Tests.Oracles;

/// <summary>
/// The uapi mirrors of the shipped catalog (runtime/KernelStructs, read from the built assembly) and of the test-only
/// corpus (tests/KernelStructs.Tests/Corpus) on every ABI: the layout engine's result for each mirror equals what that
/// ABI's gcc computes from the real headers.
/// </summary>
public class CorpusAbiTests
{
    private static readonly Lazy<IReadOnlyList<StructModel>> Corpus = new(LoadCorpus);

    public static TheoryData<string> Abis => new(Abi.All.Select(a => a.Name));

    /// <summary>The parsed mirrors, by C# name order.</summary>
    internal static IReadOnlyList<StructModel> Models => Corpus.Value;

    [Fact]
    public void The_corpus_parses_without_problems()
    {
        Assert.True(Corpus.Value.Count >= 60, $"{Corpus.Value.Count} corpus structs");
        Assert.Empty(Corpus.Value.SelectMany(m => m.Problems.Select(p => $"{m.TypeName}: {p.Id} {p.Member} {string.Join(", ", p.Arguments)}")));
        Assert.Contains(Corpus.Value, m => m.Shape.CName == "struct __kernel_sockaddr_storage" && m.Shape.Fields.Single().IsAnonymous);
    }

    [SkippableTheory]
    [MemberData(nameof(Abis))]
    public void The_layout_engine_equals_gcc_for_the_corpus(string abiName)
    {
        var abi = Abi.All.Single(a => a.Name == abiName);
        var target = CTarget.ByName(abiName);
        Skip.IfNot(target.IsAvailable, target.SkipReason);

        var shapes = Shapes(Corpus.Value);
        var (mirrors, _) = LayoutOracle.WithoutNewerMembers(
            target,
            Describe(Corpus.Value),
            (m, f) => CMembers.Of(shapes[m.CSharpName], abi).Single(c => c.Path == f.CSharpName).Offset);
        var gcc = LayoutOracle.Probe(target, mirrors);
        var mismatches = new List<string>();
        foreach (var mirror in mirrors)
        {
            mismatches.AddRange(Compare(shapes[mirror.CSharpName], gcc[mirror.CSharpName], abi, target).Select(m => $"{mirror.CSharpName} ({mirror.CType}): {m}"));
        }

        Assert.True(mirrors.Count >= 60, $"{mirrors.Count} mirrors");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} mismatches with {target.Compiler} for {mirrors.Count} structs on {abi.Name}:\n" + string.Join("\n", mismatches));
    }

    /// <summary>What to ask gcc about the models: named mirrors, and types without a name that a named mirror reaches.</summary>
    internal static IReadOnlyList<MirrorStruct> Describe(IEnumerable<StructModel> models) => MirrorDescriptions.Describe(models.Select(m => Node(m, m.Shape)));

    /// <summary>Every struct shape of the models, nested ones included, by C# name.</summary>
    internal static IReadOnlyDictionary<string, StructShape> Shapes(IEnumerable<StructModel> models)
    {
        var shapes = new Dictionary<string, StructShape>(StringComparer.Ordinal);
        foreach (var model in models)
        {
            Add(model.Shape);
        }

        return shapes;

        void Add(StructShape shape)
        {
            if (shapes.TryAdd(shape.CSharpName, shape))
            {
                foreach (var field in shape.Fields)
                {
                    if (field.Type.Struct is { } nested)
                    {
                        Add(nested);
                    }
                }
            }
        }
    }

    /// <summary>A model as the oracles read it: the header of a top-level mirror, and the nested types of its fields.</summary>
    internal static MirrorNode Node(StructModel? model, StructShape shape) => new(
        shape.CSharpName,
        shape.CName,
        model?.Header,
        model?.Headers.Includes.ToList() ?? new List<string>(),
        model?.Headers.Defines.ToList() ?? new List<string>(),
        shape.Fields.Select(f => new MirrorNodeField(
            f.Name,
            f.CName,
            f.IsAnonymous,
            f.BitFields.Select(b => new MirrorBitField(b.Name, b.Width)).ToList(),
            f.Type.Struct is { } nested ? Node(null, nested) : null)).ToList(),
        shape.Flexible?.CName)
    {
        Growing = model?.Extent == Model.StructExtent.Growing,
    };

    /// <summary>Where the engine's layout differs from gcc's, one line per difference.</summary>
    internal static IEnumerable<string> Compare(StructShape shape, GccLayout gcc, Abi abi, CTarget target)
    {
        var ours = LayoutEngine.Compute(shape, abi);
        if (gcc.Mirror.Growing ? ours.Size < gcc.Size : ours.Size != gcc.Size)
        {
            yield return $"sizeof: engine {ours.Size}, gcc {gcc.Size}";
        }

        if (ours.Alignment != gcc.Alignment)
        {
            yield return $"alignof: engine {ours.Alignment}, gcc {gcc.Alignment}";
        }

        // Members as C names them: those of anonymous members are members of the struct. A struct that grows with
        // the kernel is asked only about the members the header has.
        var asked = gcc.Mirror.Fields.Select(f => f.CSharpName).ToHashSet(StringComparer.Ordinal);
        foreach (var member in CMembers.Of(shape, abi))
        {
            var field = member.Field;
            if (!asked.Contains(member.Path))
            {
                if (!gcc.Mirror.Growing)
                {
                    yield return $"{member.Path}: not asked of gcc";
                }

                continue;
            }

            var layout = new FieldLayout(field.Name, field.CName, member.Offset, member.Size, 0);
            if (!field.IsBitFieldUnit)
            {
                if (layout.Offset != gcc.Offsets[field.CName])
                {
                    yield return $"offsetof({field.CName}): engine {layout.Offset}, gcc {gcc.Offsets[field.CName]}";
                }

                continue;
            }

            // The bitfield contract: the unit is laid out as a member of its type, and the first bitfield
            // takes the least significant bits on a little-endian ABI, the most significant on a big-endian one.
            var unitBits = layout.Size * 8;
            var position = 0;
            foreach (var bitField in field.BitFields)
            {
                var expected = new byte[Math.Max(gcc.Size, layout.Offset + layout.Size)];
                var shift = abi.BigEndian ? unitBits - position - bitField.Width : position;
                var mask = (bitField.Width == 64 ? ulong.MaxValue : (1UL << bitField.Width) - 1) << shift;
                for (var b = 0; b < layout.Size; b++)
                {
                    var byteShift = 8 * (target.BigEndian ? layout.Size - 1 - b : b);
                    expected[layout.Offset + b] = (byte)(mask >> byteShift);
                }

                var actual = gcc.BitFieldImages[bitField.Name];
                if (!expected.AsSpan(0, actual.Length).SequenceEqual(actual) || expected.Length > actual.Length)
                {
                    var (first, last) = LayoutOracle.SetBytes(actual);
                    yield return $"bitfield {bitField.Name}:{bitField.Width} in unit {field.Name}@{layout.Offset}: engine bits {Convert.ToHexString(expected, layout.Offset, layout.Size)}, gcc sets bytes {first}..{last} = {Convert.ToHexString(actual, Math.Max(first, 0), Math.Max(last - first + 1, 0))}";
                }

                position += bitField.Width;
            }
        }

        if (shape.Flexible is { } flexible && ours.FlexibleOffset != gcc.Offsets[flexible.CName])
        {
            yield return $"offsetof({flexible.CName}) (flexible): engine {ours.FlexibleOffset}, gcc {gcc.Offsets[flexible.CName]}";
        }
    }

    /// <summary>The mirror description of a struct the test writes both as C and as C# (the random structs).</summary>
    internal static MirrorStruct Mirror(string csharpName, string cType, string? header, StructShape shape)
    {
        var fields = shape.Fields
            .Select(f => new MirrorField(f.Name, f.CName, f.CName, f.BitFields.Select(b => new MirrorBitField(b.Name, b.Width)).ToList()))
            .ToList();
        if (shape.Flexible is { } flexible)
        {
            fields.Add(new MirrorField(flexible.CName, flexible.CName, flexible.CName, Array.Empty<MirrorBitField>(), IsFlexibleArray: true));
        }

        return new MirrorStruct(csharpName, cType, header, fields);
    }

    /// <summary>
    /// The uapi mirrors that name their header, and the types without a name: the catalog's read as metadata from the
    /// runtime assembly the tests reference, and the test-only corpus compiled from source. Kernel-internal mirrors (and
    /// the types nested in them) are checked against the kernel's build headers instead.
    /// </summary>
    private static IReadOnlyList<StructModel> LoadCorpus()
    {
        var sources = Directory.GetFiles(CorpusDirectory(), "*.cs").OrderBy(p => p, StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        var compilation = GeneratorHarness.Compile(sources);
        compilation = compilation.WithOptions(compilation.Options.WithMetadataImportOptions(MetadataImportOptions.All));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The corpus does not compile:\n" + string.Join("\n", errors));

        var runtime = compilation.References
            .Select(r => compilation.GetAssemblyOrModuleSymbol(r))
            .OfType<IAssemblySymbol>()
            .Single(a => a.Name == "KernelStructs");
        var corpus = compilation.Assembly.GlobalNamespace.GetNamespaceMembers().Single(n => n.Name == "KernelStructs")
            .GetNamespaceMembers().Single(n => n.Name == "Tests")
            .GetNamespaceMembers().Single(n => n.Name == "Corpus");
        return Types(runtime.GlobalNamespace).Concat(Types(corpus))
            .Where(t => KernelStruct(t) is { } a && !IsInternal(a) && !NestedInInternal(t) && (HasHeader(a) || a.ConstructorArguments.FirstOrDefault().Value is "struct" or "union"))
            .OrderBy(t => t.ToDisplayString(), StringComparer.Ordinal)
            .Select(t => StructParser.Parse(t, default))
            .ToList();

        static IEnumerable<INamedTypeSymbol> Types(INamespaceSymbol ns) =>
            ns.GetTypeMembers().SelectMany(Nested).Concat(ns.GetNamespaceMembers().SelectMany(Types));

        static IEnumerable<INamedTypeSymbol> Nested(INamedTypeSymbol type) => new[] { type }.Concat(type.GetTypeMembers().SelectMany(Nested));

        static AttributeData? KernelStruct(INamedTypeSymbol type) =>
            type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "KernelStructs.KernelStructAttribute");

        static bool IsInternal(AttributeData attribute) => attribute.NamedArguments.Any(a => a.Key == "Internal" && a.Value.Value is true);

        static bool HasHeader(AttributeData attribute) => attribute.NamedArguments.Any(a => a.Key == "Header" && a.Value.Value is string);

        static bool NestedInInternal(INamedTypeSymbol type)
        {
            for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                if (KernelStruct(outer) is { } a && IsInternal(a))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private static string CorpusDirectory([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "KernelStructs.Tests", "Corpus"));
}
