using System.Linq;
using KernelStructs.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelStructs.Analyzers.SocketOptions;

/// <summary>
/// The declarations: <c>[SockOptCommand]</c> constants (KS2006), and <c>[GetSockOpt]</c>/<c>[SetSockOpt]</c> wrappers,
/// whose problems the generator's parser finds (KS2005, KS2007, KS2010, KS2012) and this reports.
/// </summary>
internal static class SockOptDeclarations
{
    /// <summary>The problems of a wrapper declaration, as the generator's parser finds them.</summary>
    public static void AnalyzeWrapper(SyntaxNodeAnalysisContext context, SockOptCatalog catalog)
    {
        var syntax = (MethodDeclarationSyntax)context.Node;
        if (syntax.AttributeLists.Count != 0 && context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is IMethodSymbol method)
        {
            CheckWrapper(syntax, method, context.SemanticModel, catalog, context.ReportDiagnostic, context.CancellationToken);
        }
    }

    /// <summary>The problems of the wrapper declaration <paramref name="syntax"/> declares, if it is one.</summary>
    public static void CheckWrapper(MethodDeclarationSyntax syntax, IMethodSymbol method, SemanticModel semanticModel, SockOptCatalog catalog, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
    {
        if (method.PartialDefinitionPart is not null || catalog.WrapperDeclaration(method) is not { } declaration)
        {
            return;
        }

        var model = SockOptParser.Parse(method, semanticModel, models: null, cancellationToken, withMembers: false);
        foreach (var problem in model.Problems)
        {
            if (!Descriptors.ParserProblems.TryGetValue(problem.Id, out var descriptor))
            {
                continue;
            }

            var location = problem.Member == SockOptParser.CommandArgument && declaration.Attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax attribute
                ? (SyntaxNode?)attribute.ArgumentList?.Arguments.FirstOrDefault() ?? attribute
                : null;
            report(Diagnostic.Create(descriptor, location?.GetLocation() ?? syntax.Identifier.GetLocation(), problem.Arguments.ToArray()));
        }
    }

    /// <summary>KS2006: a command annotation the generator and analyzers cannot use.</summary>
    public static void AnalyzeCommand(SyntaxNodeAnalysisContext context, SockOptCatalog catalog)
    {
        var syntax = (FieldDeclarationSyntax)context.Node;
        if (syntax.AttributeLists.Count == 0)
        {
            return;
        }

        foreach (var variable in syntax.Declaration.Variables)
        {
            if (context.SemanticModel.GetDeclaredSymbol(variable, context.CancellationToken) is IFieldSymbol field)
            {
                CheckCommand(variable, field, catalog, context.ReportDiagnostic, context.CancellationToken);
            }
        }
    }

    /// <summary>KS2006 for the field <paramref name="variable"/> declares, if it carries a command annotation that cannot be used.</summary>
    public static void CheckCommand(VariableDeclaratorSyntax variable, IFieldSymbol field, SockOptCatalog catalog, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
    {
        if (field.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, catalog.CommandAttribute)) is not { } attribute)
        {
            return;
        }

        if (SockOptCommandReader.Read(field, out var problem) is null && problem is not null)
        {
            var location = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? variable.Identifier.GetLocation();
            report(Diagnostic.Create(Descriptors.InvalidCommand, location, field.Name, problem));
        }
    }
}
