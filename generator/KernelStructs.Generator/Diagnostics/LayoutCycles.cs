using System.Collections.Generic;
using System.Linq;
using System.Threading;
using KernelStructs.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace KernelStructs.Generator.Diagnostics;

/// <summary>
/// KS1006 for a struct that contains itself by value. The C# compiler reports such a cycle as CS0523, a declaration
/// error, and a build with a declaration error runs no analyzer: so for these cycles the generator reports KS1006
/// itself (and the analyzer leaves them to it). Every other problem is the analyzers' to report.
/// </summary>
internal static class LayoutCycles
{
    /// <summary>The help pages' root, shared with the analyzers' descriptors.</summary>
    public const string HelpRoot = Repository.Url + "/blob/main/docs/diagnostics/";

    /// <summary>KS1006's ID, title and message, which the analyzers' descriptor states from here.</summary>
    public const string Id = "KS1006";

    /// <inheritdoc cref="Id"/>
    public const string Title = "Recursive struct nesting";

    /// <inheritdoc cref="Id"/>
    public const string Message = "Field '{0}' nests '{1}' inside itself";

#pragma warning disable RS2008 // KS1006 is tracked in the analyzers' AnalyzerReleases.Unshipped.md, which reports it too.
    /// <summary>KS1006: a struct that contains itself.</summary>
    public static readonly DiagnosticDescriptor RecursiveNesting = new(
        Id,
        Title,
        Message,
        "KernelStructs.Layout",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpRoot + Id + ".md");
#pragma warning restore RS2008

    /// <summary>
    /// Whether <paramref name="type"/> reaches a struct that contains itself through instance fields of struct type
    /// (inline arrays' elements included): the layout cycle the compiler reports as CS0523.
    /// </summary>
    public static bool ReachesValueCycle(INamedTypeSymbol type)
    {
        var done = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        var onPath = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        var stack = new Stack<(INamedTypeSymbol Type, IEnumerator<INamedTypeSymbol> Next)>();
        stack.Push((type, FieldTypes(type).GetEnumerator()));
        onPath.Add(type);
        while (stack.Count > 0)
        {
            var (current, next) = stack.Peek();
            if (!next.MoveNext())
            {
                stack.Pop();
                onPath.Remove(current);
                done.Add(current);
                continue;
            }

            var field = next.Current;
            if (onPath.Contains(field))
            {
                return true;
            }

            if (!done.Contains(field))
            {
                onPath.Add(field);
                stack.Push((field, FieldTypes(field).GetEnumerator()));
            }
        }

        return false;
    }

    private static IEnumerable<INamedTypeSymbol> FieldTypes(INamedTypeSymbol type)
        => type.GetMembers()
            .OfType<IFieldSymbol>()
            .Where(f => !f.IsStatic && !f.IsConst)
            .Select(f => f.Type)
            .OfType<INamedTypeSymbol>()
            .Where(t => t.TypeKind == TypeKind.Struct && t.SpecialType == SpecialType.None)
            .Select(t => t.OriginalDefinition);

    /// <summary>The KS1006 diagnostics of a struct that reaches a value cycle, as equatable data; empty otherwise.</summary>
    public static EquatableArray<PlacedDiagnostic> Read(INamedTypeSymbol type, SyntaxNode node, CancellationToken cancellationToken)
    {
        if (!Parsing.StructParser.IsFirstAttributedDeclaration(type, node) || !ReachesValueCycle(type))
        {
            return EquatableArray<PlacedDiagnostic>.Empty;
        }

        var model = KernelStructModels.Read(type, cancellationToken);
        return model.Problems
            .Where(p => p.Id == RecursiveNesting.Id)
            .Select(p => PlacedDiagnostic.At(Place(type, p.Member), p.Arguments))
            .ToEquatableArray();
    }

    private static Location Place(INamedTypeSymbol type, string? member)
        => (member is null ? null : type.GetMembers(member).SelectMany(m => m.Locations).FirstOrDefault(l => l.IsInSource))
            ?? type.Locations.FirstOrDefault(l => l.IsInSource)
            ?? Location.None;
}

/// <summary>A diagnostic's place and arguments, as values (no syntax tree), so that the pipeline can cache it.</summary>
internal sealed record PlacedDiagnostic(string Path, int Start, int Length, int StartLine, int StartCharacter, int EndLine, int EndCharacter, EquatableArray<string> Arguments)
{
    public static PlacedDiagnostic At(Location location, EquatableArray<string> arguments)
    {
        var lines = location.GetLineSpan();
        return new(lines.Path ?? string.Empty, location.SourceSpan.Start, location.SourceSpan.Length, lines.StartLinePosition.Line, lines.StartLinePosition.Character, lines.EndLinePosition.Line, lines.EndLinePosition.Character, arguments);
    }

    /// <summary>The diagnostic, placed in <paramref name="compilation"/>'s syntax tree of <see cref="Path"/> (or at the path alone).</summary>
    public Diagnostic ToDiagnostic(DiagnosticDescriptor descriptor, Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == Path);
        var span = new TextSpan(Start, Length);
        var location = tree is not null && span.End <= tree.Length
            ? Location.Create(tree, span)
            : Location.Create(Path, span, new LinePositionSpan(new LinePosition(StartLine, StartCharacter), new LinePosition(EndLine, EndCharacter)));
        return Diagnostic.Create(descriptor, location, Arguments.Items.Cast<object>().ToArray());
    }
}
