using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelStructs.Analyzers.SocketOptions;

/// <summary>The value a local variable holds where a call reads it, when the code says which.</summary>
internal static class Locals
{
    /// <summary>
    /// The initializer of <paramref name="local"/> when that is what it holds at <paramref name="use"/>: a <c>const</c>
    /// local; or a local that nothing writes between its declaration and the statement of the use, nor in that statement
    /// around the use (no assignment, increment, <c>ref</c>/<c>out</c> argument, <c>ref</c> alias or address taken), by
    /// Roslyn's data-flow analysis of those statements. A use inside a lambda or local function may run later, so there
    /// the local must never be written after its declaration. C# allows no use of a local before its declaration, so no
    /// other write can reach the use. Null when the local may hold another value.
    /// </summary>
    public static IOperation? ValueAt(ILocalSymbol local, IOperation use, CancellationToken cancellationToken)
    {
        var semanticModel = use.SemanticModel;
        if (semanticModel is null || local.IsRef || local.DeclaringSyntaxReferences is not [var reference]
            || reference.SyntaxTree != semanticModel.SyntaxTree
            || reference.GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } initializer } declarator)
        {
            return null;
        }

        if (!local.IsConst && !Unwritten(local, declarator, use.Syntax, semanticModel))
        {
            return null;
        }

        return semanticModel.GetOperation(initializer, cancellationToken);
    }

    private static bool Unwritten(ILocalSymbol local, VariableDeclaratorSyntax declarator, SyntaxNode use, SemanticModel semanticModel)
    {
        if (declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax declaration }
            || Following(declaration) is not { } following)
        {
            return false;
        }

        var inFunction = use.Ancestors().TakeWhile(a => !a.Span.Contains(declaration.Span))
            .Any(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax);
        foreach (var statement in following)
        {
            var holdsUse = statement.Span.Contains(use.Span);
            if (holdsUse && !inFunction && use.FirstAncestorOrSelf<StatementSyntax>() == statement)
            {
                // The use's own statement: what the local holds when the statement starts is what the call reads.
                return true;
            }

            var flow = semanticModel.AnalyzeDataFlow(statement);
            if (flow is null || !flow.Succeeded || flow.WrittenInside.Contains(local, SymbolEqualityComparer.Default) || flow.UnsafeAddressTaken.Contains(local, SymbolEqualityComparer.Default))
            {
                return false;
            }

            if (holdsUse && !inFunction)
            {
                return true;
            }
        }

        // Past the last statement: the use is in a lambda or local function, and nothing in scope writes the local.
        return inFunction;
    }

    /// <summary>The statements in the local's scope after its declaration; null where the scope is not a plain statement list.</summary>
    private static IEnumerable<StatementSyntax>? Following(LocalDeclarationStatementSyntax declaration)
    {
        switch (declaration.Parent)
        {
            case BlockSyntax block:
                return block.Statements.SkipWhile(s => s != declaration).Skip(1);
            case GlobalStatementSyntax { Parent: CompilationUnitSyntax unit } global:
                return unit.Members.SkipWhile(m => m != global).Skip(1).OfType<GlobalStatementSyntax>().Select(g => g.Statement);
            default:
                // A switch section shares its scope with the other sections.
                return null;
        }
    }
}
