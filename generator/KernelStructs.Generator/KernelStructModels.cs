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
    public static StructModel Read(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var model = StructParser.Parse(type, cancellationToken);
        return model.Problems.Count == 0 && !LayoutEngine.FitsInInt(model.Shape)
            ? model with { Problems = new[] { Problem.Create("KS1011", null, model.Shape.CName) }.ToEquatableArray() }
            : model;
    }
}
