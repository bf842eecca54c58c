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
/// KS2002: writes the command constant in place of the bare number (or a constant whose number no command of the other
/// direction shares: the analyzer offers no constant where the text may mean another command).
/// </summary>
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

/// <summary>
/// KS2009: replaces a raw call with the typed wrapper that makes it, passing the socket and the value or buffer; its title
/// names the form the diagnostic's message names, which is the one the call it writes binds.
/// </summary>
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

            context.RegisterCodeFix(
                CodeAction.Create($"Call {offer.Display}", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(invocation, replacement))), "KS2009.Wrapper"),
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

/// <summary>
/// KS2013: replaces <c>Socket.SetSocketOption</c>/<c>GetSocketOption</c> with a cast option name by
/// <c>SetRawSocketOption</c>/<c>GetRawSocketOption</c>, which pass the kernel's numbers as they are: the same direction,
/// the same option expression without its cast, the kernel's level, and the value as bytes.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseRawSocketOptionCodeFix))]
[Shared]
public sealed class UseRawSocketOptionCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.DotNetOptionName.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DotNetOptionCalls.RawLevelProperty, out var level) || level is null
                || !diagnostic.Properties.TryGetValue(DotNetOptionCalls.RawValueProperty, out var valueKind) || valueKind is null
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not
                    { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "SetSocketOption" or "GetSocketOption" } member, ArgumentList.Arguments: [_, { Expression: CastExpressionSyntax name }, var value] } invocation)
            {
                continue;
            }

            var isGet = member.Name.Identifier.ValueText[0] == 'G';
            var raw = isGet ? "GetRawSocketOption" : "SetRawSocketOption";
            var bytes = valueKind switch
            {
                "int" => Simplified(SyntaxFactory.ParseExpression($"global::System.BitConverter.GetBytes({value.Expression.WithoutTrivia()})")),
                "bool" => Simplified(SyntaxFactory.ParseExpression($"global::System.BitConverter.GetBytes({value.Expression.WithoutTrivia()} ? 1 : 0)")),
                _ => value.Expression.WithoutTrivia(),
            };
            var replacement = invocation
                .WithExpression(member.WithName(SyntaxFactory.IdentifierName(raw).WithTriviaFrom(member.Name)))
                .WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                {
                    SyntaxFactory.Argument(Simplified(SyntaxFactory.ParseExpression(level))),
                    SyntaxFactory.Argument(name.Expression.WithoutTrivia()),
                    SyntaxFactory.Argument(bytes),
                })).WithTriviaFrom(invocation.ArgumentList))
                .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);
            context.RegisterCodeFix(
                CodeAction.Create($"Call {raw}, which passes the kernel's numbers", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(invocation, replacement))), "KS2013.Raw"),
                diagnostic);
        }
    }

    /// <summary>Marks the qualified names the fix writes (<c>global::KernelStructs.SocketLevel.IP</c> in a cast, <c>global::System.BitConverter</c>) for simplification.</summary>
    private static ExpressionSyntax Simplified(ExpressionSyntax expression) => expression switch
    {
        CastExpressionSyntax cast => cast.WithExpression(cast.Expression.WithAdditionalAnnotations(Simplifier.Annotation)),
        InvocationExpressionSyntax call => call.WithExpression(call.Expression.WithAdditionalAnnotations(Simplifier.Annotation)),
        _ => expression,
    };
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
