using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KernelStructs.Analyzers;
using KernelStructs.Analyzers.SocketOptions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace KernelStructs.CodeFixes.SocketOptions;

/// <summary>
/// KS2001: offers the command of the other direction that the call clearly meant — the analyzer names one only
/// when it has the same level and payload and the same C name, or the name with <c>GET</c> and <c>SET</c> swapped
/// (<c>MOD_SO_GET_TUPLE</c> → <c>MOD_SO_SET_TUPLE</c>). No fix-all: each wrong-direction call is a decision.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseCounterpartCommandCodeFix))]
[Shared]
public sealed class UseCounterpartCommandCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.WrongDirection.Id);

    /// <inheritdoc/>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
        => SockOptFixes.OfferConstantAsync(context, SockOptAnalyzer.CounterpartProperty, name => $"Use {name}, the command this call runs on its system call", name => "KS2001.Counterpart." + name);
}

/// <summary>KS2002: writes the command constant in place of the bare number (or unannotated constant).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseCommandConstantCodeFix))]
[Shared]
public sealed class UseCommandConstantCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.BareOptionNumber.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
        => SockOptFixes.OfferConstantAsync(context, SockOptAnalyzer.CommandProperty, name => $"Use {name}", _ => "KS2002.Constant");
}

/// <summary>KS2009: replaces a raw call with the typed wrapper that makes it, passing the socket and the value or buffer.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseTypedWrapperCodeFix))]
[Shared]
public sealed class UseTypedWrapperCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.UseTypedWrapper.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || semanticModel is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (WrapperCall.FromProperties(diagnostic.Properties) is not { } offer
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation
                || Replacement(invocation, semanticModel, offer, context.CancellationToken) is not { } replacement)
            {
                continue;
            }

            var display = offer.Type.Replace("global::", string.Empty).Split('.').Last() + "." + offer.Name;
            context.RegisterCodeFix(
                CodeAction.Create($"Call {display}", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(invocation, replacement))), "KS2009.Wrapper"),
                diagnostic);
        }
    }

    private static InvocationExpressionSyntax? Replacement(InvocationExpressionSyntax invocation, SemanticModel semanticModel, WrapperCall offer, CancellationToken cancellationToken)
    {
        if (semanticModel.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation)
        {
            return null;
        }

        var list = new System.Collections.Generic.List<ArgumentSyntax>();
        foreach (var wanted in offer.Arguments)
        {
            var argument = operation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == wanted.Ordinal);
            if (argument?.Syntax is not ArgumentSyntax original)
            {
                return null;
            }

            var expression = original.Expression;
            if (wanted.TakesVariable)
            {
                var value = argument.Value;
                while (value is IConversionOperation conversion)
                {
                    value = conversion.Operand;
                }

                if (value is not IAddressOfOperation { Reference.Syntax: ExpressionSyntax variable })
                {
                    return null;
                }

                expression = variable;
            }

            var keyword = wanted.RefKind switch
            {
                RefKind.Ref => SyntaxFactory.Token(SyntaxKind.RefKeyword).WithTrailingTrivia(SyntaxFactory.Space),
                RefKind.Out => SyntaxFactory.Token(SyntaxKind.OutKeyword).WithTrailingTrivia(SyntaxFactory.Space),
                _ => default,
            };
            list.Add(SyntaxFactory.Argument(null, keyword, expression.WithoutTrivia()));
        }

        var target = SyntaxFactory.ParseExpression(offer.Type + "." + offer.Name).WithAdditionalAnnotations(Simplifier.Annotation);
        return SyntaxFactory.InvocationExpression(target, SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(list)))
            .WithTriviaFrom(invocation)
            .WithAdditionalAnnotations(Formatter.Annotation);
    }
}

/// <summary>What the constant-replacing fixes share.</summary>
internal static class SockOptFixes
{
    public static async Task OfferConstantAsync(CodeFixContext context, string property, System.Func<string, string> title, System.Func<string, string> equivalenceKey)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(property, out var qualified) || qualified is null
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax expression)
            {
                continue;
            }

            var replacement = SyntaxFactory.ParseExpression(qualified).WithTriviaFrom(expression).WithAdditionalAnnotations(Simplifier.Annotation);
            var name = qualified.Split('.').Last();
            context.RegisterCodeFix(
                CodeAction.Create(title(name), _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(expression, replacement))), equivalenceKey(name)),
                diagnostic);
        }
    }
}
