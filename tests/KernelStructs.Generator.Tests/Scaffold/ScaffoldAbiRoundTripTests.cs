using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using KernelStructs.Generator.Layout;
using KernelStructs.Generator.Model;
using KernelStructs.Generator.Parsing;
using KernelStructs.Generator.Tests.Infrastructure;
using KernelStructs.Generator.Tests.Oracles;
using KernelStructs.Scaffold;
using KernelStructs.Testing;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace KernelStructs.Generator.Tests.Scaffold;

/// <summary>
/// The scaffold round trip from headers on every ABI: every named uapi mirror of the shipped catalog and of the test
/// corpus is scaffolded from the headers it names, compiled with each ABI's gcc (<c>-g</c>, then <c>pahole -J</c>), the
/// four scaffolds are unified into one output that must hold on all of them (<see cref="Scaffolder.Unify"/>), the output
/// is compiled with the generator (no KS diagnostic, no warning), and on each ABI the generator's layout of every
/// scaffolded mirror (size and every member's offset and size, by C designator) is compared with the shipped mirror's and
/// with what that ABI's gcc computes for the header.
/// </summary>
public class ScaffoldAbiRoundTripTests
{
    private readonly ITestOutputHelper _output;

    public ScaffoldAbiRoundTripTests(ITestOutputHelper output) => _output = output;

    [SkippableFact]
    public void The_catalog_and_corpus_scaffolded_from_headers_hold_on_every_ABI_against_the_shipped_mirrors_and_gcc()
    {
        Skip.If(ScaffoldRoundTripTests.Which("pahole") is null, "pahole is needed to scaffold from headers (apt-get install dwarves)");
        foreach (var abi in Abi.All)
        {
            CTarget.ByName(abi.Name).SkipUnlessAvailable();
        }

        var shipped = CorpusAbiTests.Models.Where(m => m.Header is not null && !m.Shape.IsUnnamed).ToList();
        var groups = shipped.GroupBy(m => (m.Header!, string.Join(";", m.Headers.Includes), string.Join(";", m.Headers.Defines))).ToList();

        // One scaffold per ABI, unified into the first: the output must hold on all four.
        Scaffolder? unified = null;
        foreach (var abi in Abi.All)
        {
            var scaffolder = new Scaffolder(new ScaffoldOptions { Namespace = "Scaffolded", Source = "headers", Abi = abi.Name });
            foreach (var group in groups)
            {
                var (header, includes, defines) = group.Key;
                var headers = includes.Length == 0 ? new[] { header } : includes.Split(';').Append(header).ToArray();
                var names = group.Select(m => m.Shape.CName).Distinct(StringComparer.Ordinal).ToArray();
                var (types, _) = HeaderProbe.Compile(headers, names, defines.Length == 0 ? Array.Empty<string>() : defines.Split(';'), Array.Empty<string>(), CTarget.ByName(abi.Name).Compiler);
                foreach (var name in names)
                {
                    scaffolder.Add(Scaffolder.Find(types, name) ?? throw new InvalidOperationException($"{name} is not in the {abi.Name} probe of {header}"));
                }
            }

            if (unified is null)
            {
                unified = scaffolder;
            }
            else
            {
                unified.Unify(scaffolder);
            }
        }

        var source = unified!.Write();
        var scaffolds = ParseCleanly(source);
        var table = new StringBuilder("| ABI | structs | source | members compared | newer than the header | vs shipped mismatches | vs gcc mismatches |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        var failures = new List<string>();
        var byName = shipped.GroupBy(m => m.Shape.CName).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var abi in Abi.All)
        {
            var target = CTarget.ByName(abi.Name);
            int members = 0, newer = 0, shippedMismatches = 0;
            var nodes = new List<MirrorNode>();
            foreach (var (cName, mirror) in byName)
            {
                Assert.True(scaffolds.TryGetValue(cName, out var scaffold), $"{cName} was not scaffolded");
                nodes.Add(CorpusAbiTests.Node(mirror, scaffold!.Shape));
                var expected = Flatten(mirror.Shape, abi);
                var actual = Flatten(scaffold.Shape, abi);
                var size = LayoutEngine.Compute(scaffold.Shape, abi).Size;
                if (mirror.Extent == KernelStructs.Generator.Model.StructExtent.Complete && LayoutEngine.Compute(mirror.Shape, abi).Size != size)
                {
                    failures.Add($"{abi.Name} {cName}: SizeOf {size}, shipped {LayoutEngine.Compute(mirror.Shape, abi).Size}");
                    shippedMismatches++;
                }

                foreach (var (designator, value) in expected)
                {
                    if (actual.TryGetValue(designator, out var found))
                    {
                        members++;
                        if (found.Text != value.Text)
                        {
                            failures.Add($"{abi.Name} {cName}: {designator} at {found.Text}, shipped at {value.Text}");
                            shippedMismatches++;
                        }
                    }
                    else if (mirror.Extent == KernelStructs.Generator.Model.StructExtent.Growing && value.Start >= size)
                    {
                        newer++;
                    }
                    else
                    {
                        failures.Add($"{abi.Name} {cName}: {designator} not scaffolded");
                        shippedMismatches++;
                    }
                }
            }

            // gcc, on the scaffolds as written: the facts come from the ABI's compiler on the real headers.
            var shapes = CorpusAbiTests.Shapes(scaffolds.Values);
            var (described, _) = LayoutOracle.WithoutNewerMembers(
                target,
                MirrorDescriptions.Describe(nodes),
                (m, f) => CMembers.Of(shapes[m.CSharpName], abi).Single(c => c.Path == f.CSharpName).Offset);
            var gcc = LayoutOracle.Probe(target, described);
            var gccMismatches = 0;
            foreach (var mirror in described)
            {
                foreach (var mismatch in CorpusAbiTests.Compare(shapes[mirror.CSharpName], gcc[mirror.CSharpName], abi, target))
                {
                    failures.Add($"{abi.Name} {mirror.CType} against {target.Compiler}: {mismatch}");
                    gccMismatches++;
                }
            }

            table.Append(CultureInfo.InvariantCulture, $"| {abi.Name} | {byName.Count} | headers ({target.Compiler} -g, pahole -J) | {members} | {newer} | {shippedMismatches} | {gccMismatches} |\n");
        }

        _output.WriteLine(table.ToString());
        Assert.True(byName.Count >= 60, $"{byName.Count} structs");
        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n" + table);
    }

    /// <summary>Compiles the scaffold with the generator (fails on any KS diagnostic or warning) and parses its mirrors as the generator does, by C name.</summary>
    private static Dictionary<string, StructModel> ParseCleanly(string source)
    {
        var compilation = GeneratorHarness.Compile(source);
        var (result, output) = GeneratorHarness.Run(compilation);
        var diagnostics = result.Diagnostics.Concat(output.GetDiagnostics())
            .Where(d => d.Severity >= DiagnosticSeverity.Warning || d.Id.StartsWith("KS", StringComparison.Ordinal))
            .ToList();
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics.Take(50)));
        var ns = compilation.Assembly.GlobalNamespace.GetNamespaceMembers().Single(n => n.Name == "Scaffolded");
        return ns.GetTypeMembers()
            .Where(t => t.GetAttributes().Any(a => a.AttributeClass?.Name == "KernelStructAttribute"))
            .Select(t => StructParser.Parse(t, default))
            .ToDictionary(m => m.Shape.CName, StringComparer.Ordinal);
    }

    /// <summary>
    /// Every C member of <paramref name="shape"/> on <paramref name="abi"/> by designator (<c>dst.u.tcp.port</c>, through
    /// anonymous members), with its offset and size; bitfields by name with their storage unit, bit and width; the flexible
    /// array by offset.
    /// </summary>
    private static Dictionary<string, (string Text, int Start)> Flatten(StructShape shape, Abi abi)
    {
        var members = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        void Walk(StructShape type, string prefix, int baseOffset)
        {
            var layout = LayoutEngine.Compute(type, abi);
            for (var i = 0; i < type.Fields.Count; i++)
            {
                var field = type.Fields[i];
                var offset = baseOffset + layout.Fields[i].Offset;
                if (field.IsBitFieldUnit)
                {
                    var bit = 0;
                    foreach (var bitField in field.BitFields)
                    {
                        members[prefix + bitField.Name] = ($"unit {offset}+{layout.Fields[i].Size}, bit {bit}, width {bitField.Width}", offset);
                        bit += bitField.Width;
                    }

                    continue;
                }

                if (field.IsAnonymous)
                {
                    Walk(field.Type.Struct!, prefix, offset);
                    continue;
                }

                members[prefix + field.CName] = ($"{offset}+{layout.Fields[i].Size}", offset);
                if (field.HasUnnamedType)
                {
                    Walk(field.Type.Struct!, prefix + field.CName + ".", offset);
                }
            }

            if (type.Flexible is { } flexible)
            {
                members[prefix + flexible.CName + "[]"] = ((baseOffset + layout.FlexibleOffset).ToString(CultureInfo.InvariantCulture), baseOffset + layout.FlexibleOffset);
            }
        }

        Walk(shape, string.Empty, 0);
        return members;
    }
}
