using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using KernelStructs.Generator.Layout;
using KernelStructs.Generator.Model;
using KernelStructs.Generator.Parsing;
using KernelStructs.Generator.Tests.Infrastructure;
using KernelStructs.Testing;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KernelStructs.Generator.Tests.Oracles;

/// <summary>
/// The test corpus of uapi mirrors (tests/KernelStructs.Tests/Corpus) on every ABI: the layout engine's
/// result for each mirror equals what that ABI's gcc computes from the real headers.
/// </summary>
public class CorpusAbiTests
{
    private static readonly Lazy<IReadOnlyList<StructModel>> Corpus = new(LoadCorpus);

    public static TheoryData<string> Abis => new(Abi.All.Select(a => a.Name));

    /// <summary>The parsed corpus mirrors, by C# name order.</summary>
    internal static IReadOnlyList<StructModel> Models => Corpus.Value;

    [Fact]
    public void The_corpus_parses_without_problems()
    {
        Assert.True(Corpus.Value.Count >= 30, $"{Corpus.Value.Count} corpus structs");
        Assert.Empty(Corpus.Value.SelectMany(m => m.Problems.Select(p => $"{m.TypeName}: {p.Id} {p.Member} {string.Join(", ", p.Arguments)}")));
    }

    [SkippableTheory]
    [MemberData(nameof(Abis))]
    public void The_layout_engine_equals_gcc_for_the_corpus(string abiName)
    {
        var abi = Abi.All.Single(a => a.Name == abiName);
        var target = CTarget.ByName(abiName);
        target.SkipUnlessAvailable();

        var mirrors = Corpus.Value.Select(Mirror).ToList();
        var gcc = LayoutOracle.Probe(target, mirrors);
        var mismatches = new List<string>();
        foreach (var model in Corpus.Value)
        {
            mismatches.AddRange(Compare(model.Shape, gcc[model.TypeName], abi, target).Select(m => $"{model.TypeName} ({model.Shape.CName}): {m}"));
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} mismatches with {target.Compiler} for {mirrors.Count} structs on {abi.Name}:\n" + string.Join("\n", mismatches));
    }

    /// <summary>Where the engine's layout differs from gcc's, one line per difference.</summary>
    internal static IEnumerable<string> Compare(StructShape shape, GccLayout gcc, Abi abi, CTarget target)
    {
        var ours = LayoutEngine.Compute(shape, abi);
        if (ours.Size != gcc.Size)
        {
            yield return $"sizeof: engine {ours.Size}, gcc {gcc.Size}";
        }

        if (ours.Alignment != gcc.Alignment)
        {
            yield return $"alignof: engine {ours.Alignment}, gcc {gcc.Alignment}";
        }

        for (var i = 0; i < shape.Fields.Count; i++)
        {
            var field = shape.Fields[i];
            var layout = ours.Fields[i];
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

    /// <summary>The mirror description of a parsed struct, for <see cref="LayoutOracle"/>.</summary>
    internal static MirrorStruct Mirror(StructModel model) => Mirror(model.TypeName, CorpusC.CTypeOf(model.TypeName, model.Shape.CName), model.Header, model.Shape);

    internal static MirrorStruct Mirror(string csharpName, string cType, string? header, StructShape shape)
    {
        var fields = shape.Fields
            .Select(f => new MirrorField(f.Name, f.CName, CorpusC.DesignatorOf(csharpName, f.Name, f.CName), f.BitFields.Select(b => new MirrorBitField(b.Name, b.Width)).ToList()))
            .ToList();
        if (shape.Flexible is { } flexible)
        {
            fields.Add(new MirrorField(flexible.CName, flexible.CName, flexible.CName, Array.Empty<MirrorBitField>(), IsFlexibleArray: true));
        }

        return new MirrorStruct(csharpName, cType, header, fields);
    }

    private static IReadOnlyList<StructModel> LoadCorpus()
    {
        var directory = CorpusDirectory();
        var sources = Directory.GetFiles(directory, "*.cs").OrderBy(p => p, StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        var compilation = GeneratorHarness.Compile(sources);
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The corpus does not compile:\n" + string.Join("\n", errors));

        var corpus = compilation.GlobalNamespace.GetNamespaceMembers().Single(n => n.Name == "KernelStructs")
            .GetNamespaceMembers().Single(n => n.Name == "Tests")
            .GetNamespaceMembers().Single(n => n.Name == "Corpus");
        return corpus.GetTypeMembers()
            .Where(t => t.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "KernelStructs.KernelStructAttribute"))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => StructParser.Parse(t, default))
            .ToList();
    }

    private static string CorpusDirectory([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "KernelStructs.Tests", "Corpus"));
}
