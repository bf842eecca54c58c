using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using KernelStructs.Generator.Layout;
using KernelStructs.Generator.Model;
using KernelStructs.Generator.Parsing;
using KernelStructs.Generator.Tests.Infrastructure;
using KernelStructs.Generator.Tests.Oracles;
using KernelStructs.Testing;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace KernelStructs.Generator.Tests.RandomStructs;

/// <summary>
/// Differential test of the layout engine and the generated code against gcc, on seeded random
/// structs. Each struct is written as C and as an annotated C# mirror; one C probe per ABI asks gcc for
/// every size, alignment, offset and bitfield position. On x86_64 the real generator runs on all mirrors
/// in one compilation, which is then loaded, so the generated constants and the CLR's own layout are
/// checked too. <c>KS_RANDOM_STRUCTS</c> (count, default 1000) and <c>KS_RANDOM_SEED</c> set the run; see docs/layout.md.
/// </summary>
public class RandomStructTests
{
    private const int DefaultCount = 1000;

    /// <summary>
    /// How many of the structs also go through the generator, the C# compiler and the CLR (compiling the
    /// generated code is the slow part of the run: about 15 ms a struct).
    /// </summary>
    private const int DefaultGeneratedCount = 1000;
    private const int DefaultSeed = 20261127;

    private static readonly Lazy<RandomCorpus> Corpus = new(RandomCorpus.Create);

    private readonly ITestOutputHelper _output;

    public RandomStructTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Abis => new(Abi.All.Select(a => a.Name));

    [SkippableTheory]
    [MemberData(nameof(Abis))]
    public void The_layout_engine_equals_gcc_on_random_structs(string abiName)
    {
        var abi = Abi.All.Single(a => a.Name == abiName);
        var target = CTarget.ByName(abiName);
        target.SkipUnlessAvailable();
        var corpus = Corpus.Value;

        var watch = Stopwatch.StartNew();
        var gcc = corpus.Gcc(target);
        var mismatches = new List<string>();
        foreach (var s in corpus.Structs)
        {
            var differences = CorpusAbiTests.Compare(corpus.Models[s.CSharpName].Shape, gcc[s.CSharpName], abi, target).ToList();
            if (differences.Count > 0)
            {
                mismatches.Add(corpus.Describe(s, differences));
            }
        }

        _output.WriteLine($"{corpus.Structs.Count} random structs (seed {corpus.Seed}) on {abi.Name}: {mismatches.Count} mismatches; gcc and comparison {watch.ElapsedMilliseconds} ms.");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {corpus.Structs.Count} random structs differ from {target.Compiler} on {abi.Name} ({corpus.Reproduce}):\n\n" + string.Join("\n\n", mismatches.Take(10)));
    }

    [SkippableFact]
    public void The_generated_constants_and_the_CLR_equal_gcc_on_random_structs()
    {
        var target = CTarget.X86_64;
        target.SkipUnlessAvailable();
        Skip.IfNot(System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64, "The generated code is loaded and run here: an x86_64 process is needed to compare it with x86_64 gcc.");
        var corpus = Corpus.Value;

        var watch = Stopwatch.StartNew();
        var gcc = corpus.Gcc(target);
        var assembly = corpus.GeneratedAssembly.Value;
        _output.WriteLine($"{corpus.EmitTimes}; gcc and load {watch.ElapsedMilliseconds} ms");
        var mismatches = new List<string>();
        var clrChecked = 0;
        var bitFieldsChecked = 0;
        foreach (var s in corpus.Structs.Take(corpus.GeneratedCount))
        {
            var type = assembly.GetType("KernelStructs.RandomStructs." + s.CSharpName, throwOnError: true)!;
            var layout = gcc[s.CSharpName];
            var shape = corpus.Models[s.CSharpName].Shape;
            var engine = LayoutEngine.Compute(shape, Abi.X86_64);
            var differences = new List<string>();
            void Expect(string what, int actual, int expected, string source, string against = "gcc")
            {
                if (actual != expected)
                {
                    differences.Add($"{what}: {source} {actual}, {against} {expected}");
                }
            }

            Expect("SizeOf", Generated.Int(type, "SizeOf"), layout.Size, "generated");
            Expect("AlignOf", Generated.Int(type, "AlignOf"), layout.Alignment, "generated");
            var offsets = type.GetNestedType("Offsets");
            if (offsets is null)
            {
                differences.Add("no generated Offsets class");
            }
            else
            {
                for (var i = 0; i < shape.Fields.Count; i++)
                {
                    var field = shape.Fields[i];
                    var expected = field.IsBitFieldUnit ? engine.Fields[i].Offset : layout.Offsets[field.CName];
                    Expect($"Offsets.{field.CName}", Generated.Int(offsets, field.CName), expected, "generated");
                }

                if (shape.Flexible is { } flexible)
                {
                    Expect($"Offsets.{flexible.CName}", Generated.Int(offsets, flexible.CName), layout.Offsets[flexible.CName], "generated");
                }
            }

            // The CLR's own layout, where C# can express it (aligned(n) cannot be).
            if (s.ClrRepresentable)
            {
                clrChecked++;
                var size = ClrLayout.SizeOf(type);
                // The generator pads the CLR struct to C's size before a flexible array member with
                // [StructLayout(Size = n)] when that size is the same on every ABI; when it is not (the
                // padding depends on the pointer size), the analyzers report KS1005 and the CLR size stops
                // at the last field.
                var padded = s.Flexible is null || type.StructLayoutAttribute?.Size > 0;
                if (padded ? size != layout.Size : size > layout.Size || layout.Size - size >= layout.Alignment)
                {
                    differences.Add($"CLR size {size}, gcc {layout.Size}");
                }

                foreach (var field in shape.Fields.Where(f => !f.IsBitFieldUnit))
                {
                    Expect($"CLR offset of {field.Name}", ClrLayout.OffsetOf(type, field.Name), layout.Offsets[field.CName], "runtime");
                }

                // The generated bitfield accessors write and read the bits gcc uses for `.bf = -1`.
                foreach (var bitField in shape.Fields.SelectMany(f => f.BitFields))
                {
                    bitFieldsChecked++;
                    differences.AddRange(CheckBitField(type, bitField.Name, bitField.Width, layout.BitFieldImages[bitField.Name]));
                }
            }

            if (differences.Count > 0)
            {
                mismatches.Add(corpus.Describe(s, differences));
            }
        }

        _output.WriteLine($"{corpus.GeneratedCount} random structs (seed {corpus.Seed}) through the generator, {clrChecked} also against the CLR ({bitFieldsChecked} bitfield accessors): {mismatches.Count} mismatches; {watch.ElapsedMilliseconds} ms after the corpus was built in {corpus.BuildMilliseconds} ms.");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {corpus.GeneratedCount} random structs differ on x86_64 ({corpus.Reproduce}):\n\n" + string.Join("\n\n", mismatches.Take(10)));
    }

    /// <summary>Sets the bitfield to C's <c>-1</c> through the generated property and compares the bytes with gcc's; then reads gcc's bytes back.</summary>
    private static IEnumerable<string> CheckBitField(Type type, string name, int width, byte[] gccImage)
    {
        var property = type.GetProperty(name);
        if (property is null)
        {
            yield return $"no generated property {name}";
            yield break;
        }

        var signed = Convert.ToInt64(property.PropertyType.GetField("MinValue")!.GetValue(null), CultureInfo.InvariantCulture) < 0;
        var allOnes = signed
            ? Convert.ChangeType(-1L, property.PropertyType, CultureInfo.InvariantCulture)
            : Convert.ChangeType(width == 64 ? ulong.MaxValue : (1UL << width) - 1, property.PropertyType, CultureInfo.InvariantCulture);

        var written = Activator.CreateInstance(type)!;
        property.SetValue(written, allOnes);
        var bytes = ClrLayout.BytesOf(written);
        var expected = new byte[bytes.Length];
        Array.Copy(gccImage, expected, Math.Min(gccImage.Length, expected.Length));
        if (!bytes.AsSpan().SequenceEqual(expected) || gccImage.Skip(bytes.Length).Any(b => b != 0))
        {
            yield return $"{name} = {allOnes}: generated setter writes {Convert.ToHexString(bytes)}, gcc {Convert.ToHexString(gccImage)}";
        }

        var read = property.GetValue(ClrLayout.FromBytes(type, expected));
        if (!Equals(read, allOnes))
        {
            yield return $"{name}: generated getter reads {read} from gcc's bytes for -1, C reads {allOnes}";
        }
    }

    [SkippableFact]
    public void The_engine_CLR_model_equals_the_runtime_on_random_structs()
    {
        Skip.IfNot(System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64, "The model is compared with this process's CLR, for x86_64.");
        var corpus = Corpus.Value;
        var assembly = corpus.GeneratedAssembly.Value;
        var mismatches = new List<string>();
        foreach (var s in corpus.Structs.Take(corpus.GeneratedCount))
        {
            var type = assembly.GetType("KernelStructs.RandomStructs." + s.CSharpName, throwOnError: true)!;
            var shape = corpus.Models[s.CSharpName].Shape;
            var clr = LayoutEngine.ComputeClr(shape, Abi.X86_64);
            var differences = new List<string>();
            if (clr.Size != ClrLayout.SizeOf(type))
            {
                differences.Add($"size: LayoutEngine.ComputeClr {clr.Size}, runtime {ClrLayout.SizeOf(type)}");
            }

            for (var i = 0; i < shape.Fields.Count; i++)
            {
                var runtime = ClrLayout.OffsetOf(type, shape.Fields[i].Name);
                if (clr.Fields[i].Offset != runtime)
                {
                    differences.Add($"offset of {shape.Fields[i].Name}: LayoutEngine.ComputeClr {clr.Fields[i].Offset}, runtime {runtime}");
                }
            }

            if (differences.Count > 0)
            {
                mismatches.Add(corpus.Describe(s, differences));
            }
        }

        _output.WriteLine($"{corpus.GeneratedCount} random structs (seed {corpus.Seed}): {mismatches.Count} where the engine's CLR model differs from the runtime.");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {corpus.GeneratedCount} random structs: LayoutEngine.ComputeClr differs from the CLR ({corpus.Reproduce}):\n\n" + string.Join("\n\n", mismatches.Take(5)));
    }

    /// <summary>The random structs of one run, their C and C# text, the parsed models and the generated assembly.</summary>
    private sealed class RandomCorpus
    {
        private readonly Dictionary<string, IReadOnlyDictionary<string, GccLayout>> _gcc = new();

        private RandomCorpus(int seed, List<RStruct> structs)
        {
            Seed = seed;
            Structs = structs;
            C = CRenderer.Render(structs);
            CSharp = CSharpRenderer.Render(structs);
            Input = GeneratorHarness.Compile(CSharp);
            var errors = Input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(10).ToList();
            Assert.True(errors.Count == 0, $"The random C# mirrors do not compile ({Reproduce}):\n" + string.Join("\n", errors.Select(e => $"{e} | {Line(CSharp, e)}")));

            var ns = Input.GetTypeByMetadataName("KernelStructs.RandomStructs.Rs0")!.ContainingNamespace;
            Models = structs.ToDictionary(
                s => s.CSharpName,
                s => StructParser.Parse(ns.GetTypeMembers(s.CSharpName).Single(), default),
                StringComparer.Ordinal);
            var problems = Models.Values.SelectMany(m => m.Problems.Select(p => $"{m.TypeName}: {p.Id} {p.Member} {string.Join(", ", p.Arguments)}")).Take(10).ToList();
            Assert.True(problems.Count == 0, $"The parser reports problems on random mirrors ({Reproduce}):\n" + string.Join("\n", problems));
            GeneratedAssembly = new Lazy<Assembly>(Emit);
        }

        public int Seed { get; }

        public List<RStruct> Structs { get; }

        public string C { get; }

        public string CSharp { get; }

        public Compilation Input { get; }

        public Dictionary<string, StructModel> Models { get; }

        public Lazy<Assembly> GeneratedAssembly { get; }

        public long BuildMilliseconds { get; private set; }

        /// <summary>How many structs, from the first, the generated-code test compiles and loads (structs only use earlier ones).</summary>
        public int GeneratedCount { get; private set; }

        public string Reproduce => $"KS_RANDOM_SEED={Seed} KS_RANDOM_STRUCTS={Structs.Count} KS_RANDOM_GENERATED={GeneratedCount}";

        public static RandomCorpus Create()
        {
            var watch = Stopwatch.StartNew();
            var count = Environment.GetEnvironmentVariable("KS_RANDOM_STRUCTS") is { Length: > 0 } n ? int.Parse(n, CultureInfo.InvariantCulture) : DefaultCount;
            var seed = Environment.GetEnvironmentVariable("KS_RANDOM_SEED") is { Length: > 0 } s ? int.Parse(s, CultureInfo.InvariantCulture) : DefaultSeed;
            var generated = Environment.GetEnvironmentVariable("KS_RANDOM_GENERATED") is { Length: > 0 } g ? int.Parse(g, CultureInfo.InvariantCulture) : DefaultGeneratedCount;
            var corpus = new RandomCorpus(seed, RandomStructGenerator.Generate(seed, count)) { GeneratedCount = Math.Min(generated, count) };
            corpus.BuildMilliseconds = watch.ElapsedMilliseconds;
            return corpus;
        }

        public IReadOnlyDictionary<string, GccLayout> Gcc(CTarget target)
        {
            lock (_gcc)
            {
                if (!_gcc.TryGetValue(target.Name, out var layouts))
                {
                    // Bitfields sit in a named member of an unnamed struct type: .f3.bf0 in C.
                    var mirrors = Structs.Select(s => CorpusAbiTests.Mirror(s.CSharpName, s.CType, null, Models[s.CSharpName].Shape)).Select(m => m with
                    {
                        Fields = m.Fields.Select(f => f with { BitFields = f.BitFields.Select(b => b with { Designator = f.CName + "." + b.Name }).ToList() }).ToList(),
                    });
                    layouts = LayoutOracle.Probe(target, mirrors, C);
                    _gcc[target.Name] = layouts;
                }

                return layouts;
            }
        }

        /// <summary>A mismatch report: the struct as C and C#, with every struct it uses, and the differences.</summary>
        public string Describe(RStruct s, IEnumerable<string> differences)
        {
            var used = new SortedSet<int>();
            Collect(s, used);
            var c = CRenderer.Render(Structs.Where(x => used.Contains(x.Index)));
            var cs = CSharpRenderer.Render(Structs.Where(x => used.Contains(x.Index)));
            return $"{s.CType} / {s.CSharpName}:\n  " + string.Join("\n  ", differences) + $"\n--- C ---\n{c}--- C# ---\n{cs}";
        }

        private static void Collect(RStruct s, SortedSet<int> used)
        {
            if (!used.Add(s.Index))
            {
                return;
            }

            foreach (var type in s.Fields.Select(f => f.Type).Concat(s.Flexible is null ? Enumerable.Empty<RType>() : new[] { s.Flexible.Element }))
            {
                var t = type;
                while (t is RArrayType a)
                {
                    t = a.Element;
                }

                if (t is RStructType nested)
                {
                    Collect(nested.Struct, used);
                }
            }
        }

        public string EmitTimes { get; private set; } = "";

        private Assembly Emit()
        {
            var watch = Stopwatch.StartNew();
            var input = GeneratorHarness.Compile(CSharpRenderer.Render(Structs.Take(GeneratedCount)));
            var (result, output) = GeneratorHarness.Run(input);
            Assert.True(result.Diagnostics.IsEmpty, $"The generator reports ({Reproduce}):\n" + string.Join("\n", result.Diagnostics));

            var generated = watch.ElapsedMilliseconds;
            using var stream = new MemoryStream();
            var emitted = output.Emit(stream);
            EmitTimes = $"generator {generated} ms, emit {watch.ElapsedMilliseconds - generated} ms";
            Assert.True(emitted.Success, $"The generated code does not compile ({Reproduce}):\n" + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10)));
            stream.Position = 0;
            return new AssemblyLoadContext("KernelStructs.RandomStructs." + Seed.ToString(CultureInfo.InvariantCulture), isCollectible: true).LoadFromStream(stream);
        }

        private static string Line(string source, Diagnostic diagnostic)
        {
            var line = diagnostic.Location.GetLineSpan().StartLinePosition.Line;
            var lines = source.Split('\n');
            return line < lines.Length ? lines[line].Trim() : "";
        }
    }
}

/// <summary>Reads generated layout members, which are constants or, when the layout depends on the pointer size, static properties.</summary>
internal static class Generated
{
    public static int Int(Type type, string name)
    {
        const BindingFlags Static = BindingFlags.Public | BindingFlags.Static;
        if (type.GetField(name, Static) is { } field)
        {
            return Convert.ToInt32(field.GetValue(null), CultureInfo.InvariantCulture);
        }

        if (type.GetProperty(name, Static) is { } property)
        {
            return Convert.ToInt32(property.GetValue(null), CultureInfo.InvariantCulture);
        }

        throw new InvalidOperationException($"{type.FullName} has no generated member {name}.");
    }
}
