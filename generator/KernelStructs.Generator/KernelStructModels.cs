using System.Runtime.CompilerServices;
using System.Threading;
using KernelStructs.Generator.Layout;
using KernelStructs.Generator.Model;
using KernelStructs.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace KernelStructs.Generator;

/// <summary>
/// A <c>[KernelStruct]</c> declaration as the generator and the analyzers see it: the parsed model, plus the one problem
/// only the layout engine can find (a size or offset past <see cref="int"/>). Parsing itself knows nothing of layout.
/// </summary>
internal static class KernelStructModels
{
    /// <summary>
    /// Models read so far, by declaration. A symbol belongs to one compilation and never changes, so its model is read
    /// once however many steps ask (the struct itself, every socket option whose payload it is, every analyzer), and
    /// dropped with the compilation.
    /// </summary>
    private static readonly ConditionalWeakTable<INamedTypeSymbol, StructModel> Models = new();

    /// <summary>Reads a declaration (once per symbol: see <see cref="Models"/>).</summary>
    public static StructModel Read(INamedTypeSymbol type, CancellationToken cancellationToken)
        => Models.GetValue(type, t => Read(t, layouts: null, cancellationToken));

    /// <summary>Reads a declaration, with the CLR layout of metadata types from <paramref name="layouts"/>.</summary>
    public static StructModel Read(INamedTypeSymbol type, IClrLayouts? layouts, CancellationToken cancellationToken)
        => CheckLayout(StructParser.Parse(type, layouts, cancellationToken));

    /// <summary>
    /// The one problem of a parsed model that only the layout engine finds: a size or offset past <see cref="int"/>
    /// (KS1011). The generator runs it as a step of its own, after the parse, so that it reruns only for a model that changed.
    /// </summary>
    public static StructModel CheckLayout(StructModel model)
        => model.Problems.Count == 0 && !LayoutEngine.FitsInInt(model.Shape)
            ? model with { Problems = new[] { Problem.Create("KS1011", null, model.Shape.CName) }.ToEquatableArray() }
            : model;
}
