using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using KernelStructs.Generator.Layout;
using KernelStructs.Generator.Model;
using Model = KernelStructs.Generator.Model;
using KernelStructs.Testing;
using Xunit;

namespace KernelStructs.Generator.Tests.Oracles;

/// <summary>
/// The layout pictures the generator writes into the XML docs, against pahole reading the DWARF that gcc
/// emits for the real headers: every member's offset and size (bit offset for bitfields), every hole,
/// the size and the tail padding, for each corpus struct and each ABI.
/// </summary>
public class PaholeTests
{
    public static TheoryData<string> Abis => new(Abi.All.Select(a => a.Name));

    [SkippableTheory]
    [MemberData(nameof(Abis))]
    public void The_layout_picture_agrees_with_pahole(string abiName)
    {
        var abi = Abi.All.Single(a => a.Name == abiName);
        var target = CTarget.ByName(abiName);
        target.SkipUnlessAvailable();
        Skip.If(CCompiler.PaholeSkipReason is not null, CCompiler.PaholeSkipReason);

        // The named corpus types: pahole shows the types without a name inside the structs that have them.
        var models = CorpusAbiTests.Models.Where(m => !m.Shape.IsUnnamed).ToList();

        // Headers that share an include guard (ipt_ttl.h, ipt_TTL.h) go into probes of their own.
        var pahole = new Dictionary<string, PaholeStruct>(StringComparer.Ordinal);
        var directory = Directory.CreateTempSubdirectory("ks-pahole-").FullName;
        try
        {
            var groups = LayoutOracle.WithoutCaseTwins(models, m => m.Headers.Includes.Append(m.Header).OfType<string>());
            for (int g = 0; g < groups.Count; g++)
            {
                var group = groups[g];
                var probe = new CProbe(target);
                foreach (var define in group.SelectMany(m => m.Headers.Defines).Distinct(StringComparer.Ordinal))
                {
                    probe.Define(define);
                }

                foreach (var header in group.SelectMany(m => m.Headers.Includes.Append(m.Header)).OfType<string>().Distinct(StringComparer.Ordinal))
                {
                    probe.Include(header);
                }

                // A definition of each type, so that gcc writes its DWARF.
                probe.Declare(string.Concat(group.Select((m, i) => $"{m.Shape.CName} ks_dwarf_{i};\n")));
                var obj = CCompiler.CompileToObject(target, probe.RenderSource(), Directory.CreateDirectory(Path.Combine(directory, $"probe{g}")).FullName);
                foreach (var (tag, layout) in PaholeText.Parse(CCompiler.Pahole(obj, group.Select(m => Tag(m.Shape.CName)))))
                {
                    pahole[tag] = layout;
                }
            }

            var mismatches = new List<string>();
            foreach (var model in models)
            {
                var tag = Tag(model.Shape.CName);
                if (!pahole.TryGetValue(tag, out var theirs))
                {
                    mismatches.Add($"{model.Shape.CName}: pahole printed nothing for it");
                    continue;
                }

                var picture = string.Join("\n", LayoutPicture.Draw(model.Shape, LayoutEngine.Compute(model.Shape, abi), abi));
                var ours = PaholeText.GroupLike(PaholeText.Parse(picture)[tag], theirs);
                var differences = PaholeText.Differences(ours, theirs, growing: model.Extent == Model.StructExtent.Growing).ToList();
                if (differences.Count > 0)
                {
                    mismatches.Add($"{model.Shape.CName} ({model.TypeName}):\n  " + string.Join("\n  ", differences) + "\n--- picture ---\n" + picture);
                }
            }

            Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {models.Count} layout pictures differ from pahole on {abi.Name}:\n\n" + string.Join("\n\n", mismatches));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Tag(string cName) => cName.Substring(cName.IndexOf(' ') + 1);
}
