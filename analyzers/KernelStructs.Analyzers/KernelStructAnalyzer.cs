using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using KernelStructs.Generator;
using KernelStructs.Generator.Layout;
using KernelStructs.Generator.Model;
using KernelStructs.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelStructs.Analyzers;

/// <summary>
/// Reports what is wrong with a <c>[KernelStruct]</c> declaration: the problems the generator's parser
/// finds (the generator itself reports nothing), and the layout checks that compare the C layout on
/// every supported ABI with the stated expectations, with the CLR's layout and with the other ABIs.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KernelStructAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: offset of the hole a <c>KS1104</c> reports (only when the hole is the same on every ABI).</summary>
    internal const string HoleOffsetProperty = "HoleOffset";

    /// <summary>Diagnostic property: size in bytes of the hole a <c>KS1104</c> reports.</summary>
    internal const string HoleSizeProperty = "HoleSize";

    /// <summary>Diagnostic property: the C# field the hole comes before (absent for tail padding).</summary>
    internal const string BeforeFieldProperty = "BeforeField";

    /// <summary>Diagnostic property: the C# field the hole follows (absent for a hole at offset 0, which C never makes).</summary>
    internal const string AfterFieldProperty = "AfterField";

    /// <summary>Diagnostic property: "true" when the struct uses <c>LayoutKind.Explicit</c>, so padding needs a <c>[FieldOffset]</c>.</summary>
    internal const string ExplicitLayoutProperty = "ExplicitLayout";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors.KernelStruct;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var attribute = start.Compilation.GetTypeByMetadataName(KnownNames.KernelStructAttribute);
            if (attribute is null)
            {
                return;
            }

            start.RegisterSymbolAction(context => Analyze(context, attribute), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol kernelStructAttribute)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var attribute = type.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, kernelStructAttribute));
        if (attribute is null)
        {
            return;
        }

        var model = KernelStructModels.Read(type, context.CancellationToken);
        var generatorReportsCycles = KernelStructs.Generator.Diagnostics.LayoutCycles.ReachesValueCycle(type);
        foreach (var problem in model.Problems)
        {
            if (problem.Id == Descriptors.RecursiveNesting.Id && generatorReportsCycles)
            {
                // A cycle by value: the generator reports it, as the compiler's CS0523 stops a build before this analyzer runs.
                continue;
            }

            if (Descriptors.ParserProblems.TryGetValue(problem.Id, out var descriptor))
            {
                context.ReportDiagnostic(Diagnostic.Create(descriptor, Locate(type, problem, attribute), problem.Arguments.ToArray()));
            }
        }

        if (model.Problems.Count > 0)
        {
            return;
        }

        StructLayoutInfo[] c, clr;
        try
        {
            c = Abi.All.Select(abi => LayoutEngine.Compute(model.Shape, abi)).ToArray();
            clr = Abi.All.Select(abi => LayoutEngine.ComputeClr(model.Shape, abi)).ToArray();
        }
        catch (OverflowException)
        {
            // The parser reports KS1011 for a layout that overflows; this only keeps the analyzer from failing.
            return;
        }

        var checks = new LayoutChecks(context, type, model, c, clr);
        if (checks.FlattenedOverlap())
        {
            // The C layout of a flattened declaration is not the C type's: no other layout check means anything.
            return;
        }

        checks.ClrAgreesWithC();
        checks.Expectations();
        checks.SameOnEveryAbi();
        checks.ImplicitPadding();

        // KS1105 is off unless a project or file turns it on; its pictures are drawn only then.
        if (DiagnosticSwitch.IsOn(Descriptors.LayoutPicture, context.Compilation, context.Options, TypeLocation(type).SourceTree, context.CancellationToken))
        {
            checks.Picture();
        }
    }

    private static Location Locate(INamedTypeSymbol type, Problem problem, AttributeData kernelStruct)
    {
        if (problem.Member is { } member && FieldLocation(type, member) is { } fieldLocation)
        {
            return fieldLocation;
        }

        switch (problem.Id)
        {
            case "KS0001":
                foreach (var reference in type.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax() is TypeDeclarationSyntax declaration && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                    {
                        return declaration.Identifier.GetLocation();
                    }
                }

                break;
            case "KS1009" when problem.Arguments.Count > 0:
                var attribute = problem.Arguments[0].StartsWith("FlexibleArray", StringComparison.Ordinal)
                    ? AttributeArguments.Find(type, KnownNames.FlexibleArrayAttribute)
                    : kernelStruct;
                if (attribute?.ApplicationSyntaxReference is { } application)
                {
                    return application.GetSyntax().GetLocation();
                }

                break;
        }

        return TypeLocation(type);
    }

    /// <summary>Where the member <paramref name="name"/> (a field, or any member a problem names) is declared, outside generated code.</summary>
    private static Location? FieldLocation(INamedTypeSymbol type, string name)
    {
        var locations = type.GetMembers(name)
            .OrderBy(m => m is IFieldSymbol ? 0 : 1)
            .SelectMany(m => m.IsImplicitlyDeclared && m is IFieldSymbol { AssociatedSymbol: { } owner } ? owner.Locations : m.Locations)
            .Where(l => l.IsInSource)
            .ToList();
        return locations.FirstOrDefault(l => !l.SourceTree!.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)) ?? locations.FirstOrDefault();
    }

    private static Location TypeLocation(INamedTypeSymbol type)
        => type.Locations.FirstOrDefault(l => l.IsInSource) ?? Location.None;

    /// <summary>The layout checks of one struct, over the C and CLR layouts on every ABI (indexed like <see cref="Abi.All"/>).</summary>
    private sealed class LayoutChecks
    {
        private readonly SymbolAnalysisContext _context;
        private readonly INamedTypeSymbol _type;
        private readonly StructModel _model;
        private readonly StructShape _shape;
        private readonly StructLayoutInfo[] _c;
        private readonly StructLayoutInfo[] _clr;

        public LayoutChecks(SymbolAnalysisContext context, INamedTypeSymbol type, StructModel model, StructLayoutInfo[] c, StructLayoutInfo[] clr)
        {
            _context = context;
            _type = type;
            _model = model;
            _shape = model.Shape;
            _c = c;
            _clr = clr;
        }

        /// <summary>
        /// KS1014: an explicit layout whose fields overlap in a struct flattens an anonymous union, so the C layout the
        /// engine computes for the declared members (one after the other) is not the C type's; reported instead of KS1005.
        /// </summary>
        public bool FlattenedOverlap()
        {
            if (_shape.IsUnion || !_shape.Clr.Explicit)
            {
                return false;
            }

            var found = new List<(Abi Abi, int First, int Second)>();
            for (var a = 0; a < Abi.All.Length; a++)
            {
                var fields = _clr[a].Fields;
                for (var i = 0; i < fields.Count && found.All(f => f.Abi != Abi.All[a]); i++)
                {
                    for (var k = i + 1; k < fields.Count; k++)
                    {
                        if (fields[i].Size > 0 && fields[k].Size > 0 && fields[i].Offset < fields[k].Offset + fields[k].Size && fields[k].Offset < fields[i].Offset + fields[i].Size)
                        {
                            found.Add((Abi.All[a], i, k));
                            break;
                        }
                    }
                }
            }

            foreach (var group in found.GroupBy(f => (f.First, f.Second, Place(_clr[Abi.All.IndexOf(f.Abi)].Fields[f.First]), Place(_clr[Abi.All.IndexOf(f.Abi)].Fields[f.Second]))))
            {
                var a = Abi.All.IndexOf(group.First().Abi);
                var (first, second) = (_clr[a].Fields[group.Key.First], _clr[a].Fields[group.Key.Second]);
                Report(Descriptors.FlattenedOverlap, FieldLocation(_type, second.Name), null, first.Name, I(first.Offset), Bytes(first.Size), second.Name, I(second.Offset), Bytes(second.Size), Abis(group.Select(f => f.Abi)), _shape.CName);
            }

            return found.Count > 0;
        }

        /// <summary>KS1005: per ABI, the first field the CLR places differently from C, or else the size.</summary>
        public void ClrAgreesWithC()
        {
            var differences = new List<(Abi Abi, int Field, string C, string Clr)>();
            for (var a = 0; a < Abi.All.Length; a++)
            {
                var field = -1;
                for (var i = 0; i < _c[a].Fields.Count; i++)
                {
                    var (cField, clrField) = (_c[a].Fields[i], _clr[a].Fields[i]);
                    if (cField.Offset != clrField.Offset || cField.Size != clrField.Size)
                    {
                        field = i;
                        differences.Add((Abi.All[a], i, Place(cField), Place(clrField)));
                        break;
                    }
                }

                if (field < 0 && _c[a].Size != _clr[a].Size)
                {
                    differences.Add((Abi.All[a], -1, "size " + I(_c[a].Size), "size " + I(_clr[a].Size)));
                }
            }

            foreach (var group in differences.GroupBy(d => (d.Field, d.C, d.Clr)))
            {
                var abis = Abis(group.Select(d => d.Abi));
                var (index, cText, clrText) = group.Key;
                if (index >= 0)
                {
                    var field = _shape.Fields[index];
                    Report(Descriptors.ClrLayoutDiffers, FieldLocation(_type, field.Name), null, $"field '{field.Name}'", abis, cText, clrText, FieldHint(field));
                }
                else
                {
                    var cSize = _c[Abi.All.IndexOf(group.First().Abi)].Size;
                    Report(Descriptors.ClrLayoutDiffers, null, null, _shape.CName, abis, cText, clrText, SizeHint(cSize));
                }
            }
        }

        /// <summary>KS1101 and KS1102: the stated size and offsets, on every ABI.</summary>
        public void Expectations()
        {
            if (_model.ExpectedSize > 0)
            {
                var wrong = Enumerable.Range(0, _c.Length).Where(a => _c[a].Size != _model.ExpectedSize);
                foreach (var group in wrong.GroupBy(a => _c[a].Size))
                {
                    Report(Descriptors.SizeMismatch, null, null, _shape.CName, I(_model.ExpectedSize), I(group.Key), Abis(group.Select(a => Abi.All[a])));
                }
            }

            for (var i = 0; i < _shape.Fields.Count; i++)
            {
                var field = _shape.Fields[i];
                if (field.ExpectedOffset < 0)
                {
                    continue;
                }

                var index = i;
                var wrong = Enumerable.Range(0, _c.Length).Where(a => _c[a].Fields[index].Offset != field.ExpectedOffset);
                foreach (var group in wrong.GroupBy(a => _c[a].Fields[index].Offset))
                {
                    Report(Descriptors.OffsetMismatch, FieldLocation(_type, field.Name), null, field.Name, I(field.ExpectedOffset), I(group.Key), Abis(group.Select(a => Abi.All[a])));
                }
            }
        }

        /// <summary>KS1103: size, alignment and offsets that differ between ABIs.</summary>
        public void SameOnEveryAbi()
        {
            var parts = new List<string>();
            AddIfDiffers(parts, "sizeof", a => _c[a].Size);
            AddIfDiffers(parts, "alignment", a => _c[a].Alignment);
            for (var i = 0; i < _shape.Fields.Count; i++)
            {
                var index = i;
                AddIfDiffers(parts, $"'{_shape.Fields[i].Name}' at offset", a => _c[a].Fields[index].Offset);
            }

            if (_shape.Flexible is { } flexible)
            {
                AddIfDiffers(parts, $"'{flexible.CName}[]' at offset", a => _c[a].FlexibleOffset);
            }

            if (parts.Count > 0)
            {
                Report(Descriptors.AbiDependentLayout, null, null, _shape.CName, string.Join("; ", parts));
            }
        }

        /// <summary>KS1104: one diagnostic per hole, with what the code fix needs when the hole is the same on every ABI.</summary>
        public void ImplicitPadding()
        {
            // Holes by what follows them: a field index, or -1 for the tail (or the flexible array member).
            var holes = new Dictionary<int, (int Offset, int Size)?[]>();
            for (var a = 0; a < _c.Length; a++)
            {
                foreach (var (offset, size, before) in LayoutPicture.Holes(_shape, _c[a]))
                {
                    if (!holes.TryGetValue(before, out var perAbi))
                    {
                        holes[before] = perAbi = new (int, int)?[_c.Length];
                    }

                    perAbi[a] = (offset, size);
                }
            }

            foreach (var entry in holes.OrderBy(h => h.Key < 0 ? int.MaxValue : h.Key))
            {
                var before = entry.Key;
                var perAbi = entry.Value;
                string where;
                Location? location = null;
                if (before >= 0)
                {
                    where = $"The hole before field '{_shape.Fields[before].Name}'";
                    location = FieldLocation(_type, _shape.Fields[before].Name);
                }
                else
                {
                    where = _shape.Flexible is { } flexible ? $"The hole before the flexible array member '{flexible.CName}'" : $"The tail of {_shape.CName}";
                }

                var groups = Enumerable.Range(0, perAbi.Length).GroupBy(a => perAbi[a]).ToList();
                var first = groups.First(g => g.Key is not null).Key!.Value;
                if (groups.Count == 1)
                {
                    var properties = ImmutableDictionary.CreateBuilder<string, string?>();
                    properties[HoleOffsetProperty] = I(first.Offset);
                    properties[HoleSizeProperty] = I(first.Size);
                    properties[ExplicitLayoutProperty] = _shape.Clr.Explicit ? "true" : "false";
                    if (before >= 0)
                    {
                        properties[BeforeFieldProperty] = _shape.Fields[before].Name;
                    }

                    var after = before >= 0 ? before - 1 : _shape.Fields.Count - 1;
                    if (after >= 0)
                    {
                        properties[AfterFieldProperty] = _shape.Fields[after].Name;
                    }

                    Report(Descriptors.ImplicitPadding, location, properties.ToImmutable(), where, Bytes(first.Size), $" at offset {I(first.Offset)}");
                }
                else
                {
                    var text = string.Join("; ", groups.Select(g => (g.Key is { } hole ? $"{Bytes(hole.Size)} at offset {I(hole.Offset)}" : "none") + " on " + Abis(g.Select(a => Abi.All[a]))));
                    Report(Descriptors.ImplicitPadding, location, null, where, Bytes(first.Size), $" on some ABIs ({text}): it depends on the ABI, so no single explicit padding fits");
                }
            }
        }

        private void AddIfDiffers(List<string> parts, string what, Func<int, int> value)
        {
            var groups = Enumerable.Range(0, _c.Length).GroupBy(value).ToList();
            if (groups.Count > 1)
            {
                parts.Add(what + " " + string.Join(" vs ", groups.Select(g => I(g.Key) + " on " + Abis(g.Select(a => Abi.All[a])))));
            }
        }

        private string FieldHint(FieldModel field)
        {
            if (_shape.IsUnion && !_shape.Clr.Explicit)
            {
                return "; a union needs [StructLayout(LayoutKind.Explicit)] and [FieldOffset(0)] on every field";
            }

            if (_shape.Clr.Explicit)
            {
                return $"; check the [FieldOffset] of '{field.Name}'";
            }

            if (field.Alignment > 0)
            {
                return "; the CLR does not follow CField Alignment: use LayoutKind.Explicit with [FieldOffset], or declare the padding";
            }

            if (_shape.Packed || _shape.Pack > 0)
            {
                return $"; a packed struct needs Pack = {I(_shape.Packed ? 1 : _shape.Pack)} in its [StructLayout]";
            }

            return string.Empty;
        }

        private string SizeHint(int cSize)
        {
            if (_shape.Alignment > 0 || _shape.Fields.Any(f => f.Alignment > 0))
            {
                return $"; the CLR does not follow Alignment: add [StructLayout(LayoutKind.Sequential, Size = {I(cSize)})]";
            }

            if (_shape.Flexible is not null)
            {
                return $"; C pads the struct to its flexible array member's alignment: declare the padding (the KS1104 fix) or add [StructLayout(LayoutKind.Sequential, Size = {I(cSize)})]";
            }

            if (_shape.Clr.Size > 0)
            {
                return "; check the Size of its [StructLayout]";
            }

            return string.Empty;
        }

        /// <summary>KS1105 (off by default): the pahole-style picture of every ABI, ABIs with the same picture together.</summary>
        public void Picture()
        {
            var text = new System.Text.StringBuilder();
            var groups = Abi.All
                .Select((abi, i) => (abi, picture: LayoutPicture.Draw(_shape, _c[i], abi)))
                .GroupBy(p => string.Join("\n", p.picture));
            foreach (var group in groups)
            {
                text.Append('\n').Append(Abis(group.Select(p => p.abi))).Append(":\n").Append(group.Key.Replace("\t", "    "));
            }

            Report(Descriptors.LayoutPicture, null, null, _shape.CName, text.ToString());
        }

        private void Report(DiagnosticDescriptor descriptor, Location? location, ImmutableDictionary<string, string?>? properties, params object[] arguments)
            => _context.ReportDiagnostic(Diagnostic.Create(descriptor, location ?? TypeLocation(_type), properties, arguments));

        private static string Place(FieldLayout field) => $"offset {I(field.Offset)} ({Bytes(field.Size)})";

        private static string Abis(IEnumerable<Abi> abis) => string.Join(", ", abis.Select(a => a.Name));

        private static string Bytes(int count) => count == 1 ? "1 byte" : I(count) + " bytes";
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
