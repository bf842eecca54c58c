using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KernelStructs.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace KernelStructs.CodeFixes;

/// <summary>
/// KS1001: turns a C# <c>char</c> field (2 bytes) into the <c>byte</c> a C <c>char</c> is, fixed buffers
/// included (<c>fixed char name[16]</c> becomes <c>fixed byte name[16]</c>). Only offered when the field's own
/// declared type is <c>char</c>, not when the <c>char</c> sits inside a nested struct.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CharToByteCodeFix))]
[Shared]
public sealed class CharToByteCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = "KS1001.CharToByte";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.CSharpChar.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(static async (context, document, diagnostics) => await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

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
            if (CharType(root, semanticModel, diagnostic, context.CancellationToken) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Use byte (a C char is 1 byte)", cancellationToken => FixAsync(context.Document, ImmutableArray.Create(diagnostic), cancellationToken), EquivalenceKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var done = new HashSet<TypeSyntax>();
        foreach (var diagnostic in diagnostics)
        {
            if (CharType(editor.OriginalRoot, editor.SemanticModel, diagnostic, cancellationToken) is { } type && done.Add(type))
            {
                editor.ReplaceNode(type, SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.ByteKeyword)).WithTriviaFrom(type));
            }
        }

        return editor.GetChangedDocument();
    }

    /// <summary>The <c>char</c> type syntax of the field the diagnostic is on, or <see langword="null"/>.</summary>
    private static TypeSyntax? CharType(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var type = node.AncestorsAndSelf().OfType<FieldDeclarationSyntax>().FirstOrDefault()?.Declaration.Type;
        return type is not null && semanticModel.GetTypeInfo(type, cancellationToken).Type?.SpecialType == SpecialType.System_Char ? type : null;
    }
}
