using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using KernelStructs.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace KernelStructs.CodeFixes;

/// <summary>
/// KS1104: declares an implicit hole as an explicit padding member at the hole's offset, which leaves the
/// layout as it is. With unsafe code allowed the member is <c>public unsafe fixed byte __padN[k];</c> (N the
/// hole's offset, as the kernel's own <c>__pad</c> members); otherwise, and in a readonly struct, it is
/// <c>k</c> byte fields in one declaration. Under <c>LayoutKind.Explicit</c> it gets a <c>[FieldOffset(N)]</c>.
/// Only holes that are the same on every ABI are fixed (the analyzer says which).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddExplicitPaddingCodeFix))]
[Shared]
public sealed class AddExplicitPaddingCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = "KS1104.AddExplicitPadding";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.ImplicitPadding.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(static async (context, document, diagnostics) => await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

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
            if (Plan(root, diagnostic) is not { } plan)
            {
                continue;
            }

            var title = $"Declare the {Bytes(plan.Size)} of padding at offset {I(plan.Offset)} explicitly";
            context.RegisterCodeFix(
                CodeAction.Create(title, cancellationToken => FixAsync(context.Document, ImmutableArray.Create(diagnostic), cancellationToken), EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var root = editor.OriginalRoot;
        var allowUnsafe = document.Project.CompilationOptions is CSharpCompilationOptions { AllowUnsafe: true };
        var taken = new Dictionary<TypeDeclarationSyntax, HashSet<string>>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (Plan(root, diagnostic) is not { } plan)
            {
                continue;
            }

            if (!taken.TryGetValue(plan.Type, out var names))
            {
                var symbol = editor.SemanticModel.GetDeclaredSymbol(plan.Type, cancellationToken);
                taken[plan.Type] = names = new HashSet<string>(symbol?.MemberNames ?? Enumerable.Empty<string>());
            }

            var name = "__pad" + I(plan.Offset);
            while (!names.Add(name))
            {
                name += "_";
            }

            var padding = Padding(plan, name, allowUnsafe && !plan.Type.Modifiers.Any(SyntaxKind.ReadOnlyKeyword), plan.Type.Modifiers.Any(SyntaxKind.ReadOnlyKeyword));
            if (plan.InsertBefore)
            {
                editor.InsertBefore(plan.Anchor, padding.WithLeadingTrivia(Indentation(plan.Anchor)).WithTrailingTrivia(EndOfLine(plan.Anchor)));
            }
            else
            {
                editor.InsertAfter(plan.Anchor, padding.WithLeadingTrivia(Indentation(plan.Anchor)).WithTrailingTrivia(EndOfLine(plan.Anchor)));
            }
        }

        return editor.GetChangedDocument();
    }

    /// <summary>Where the padding goes, from the diagnostic's properties; <see langword="null"/> when the fix does not apply.</summary>
    private static PaddingPlan? Plan(SyntaxNode root, Diagnostic diagnostic)
    {
        var properties = diagnostic.Properties;
        if (!properties.TryGetValue(KernelStructAnalyzer.HoleOffsetProperty, out var offsetText)
            || !properties.TryGetValue(KernelStructAnalyzer.HoleSizeProperty, out var sizeText)
            || !int.TryParse(offsetText, NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            || !int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            || size <= 0)
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var type = node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
        if (type is null)
        {
            return null;
        }

        var isExplicit = properties.TryGetValue(KernelStructAnalyzer.ExplicitLayoutProperty, out var explicitText) && explicitText == "true";
        if (properties.TryGetValue(KernelStructAnalyzer.BeforeFieldProperty, out var before) && before is not null)
        {
            var field = FieldDeclaration(type, before);
            return field is null ? null : new PaddingPlan(type, field, InsertBefore: true, offset, size, isExplicit);
        }

        if (properties.TryGetValue(KernelStructAnalyzer.AfterFieldProperty, out var after) && after is not null)
        {
            var field = FieldDeclaration(type, after);
            return field is null ? null : new PaddingPlan(type, field, InsertBefore: false, offset, size, isExplicit);
        }

        return null;
    }

    private static FieldDeclarationSyntax? FieldDeclaration(TypeDeclarationSyntax type, string name)
        => type.Members.OfType<FieldDeclarationSyntax>().FirstOrDefault(f => f.Declaration.Variables.Any(v => v.Identifier.ValueText == name));

    private static MemberDeclarationSyntax Padding(PaddingPlan plan, string name, bool fixedBuffer, bool readOnly)
    {
        var text = new StringBuilder();
        if (plan.IsExplicit)
        {
            text.Append("[global::System.Runtime.InteropServices.FieldOffset(").Append(I(plan.Offset)).Append(")] ");
        }

        if (fixedBuffer)
        {
            text.Append("public unsafe fixed byte ").Append(name).Append('[').Append(I(plan.Size)).Append("];");
        }
        else
        {
            text.Append(readOnly ? "public readonly byte " : "public byte ");
            text.Append(string.Join(", ", Enumerable.Range(0, plan.Size).Select(i => plan.Size == 1 ? name : name + "_" + I(i))));
            text.Append(';');
        }

        var member = SyntaxFactory.ParseMemberDeclaration(text.ToString())!;
        return member.ReplaceNodes(member.DescendantNodes().OfType<QualifiedNameSyntax>().Where(n => n.Parent is AttributeSyntax), (_, n) => n.WithAdditionalAnnotations(Simplifier.Annotation));
    }

    private static SyntaxTriviaList Indentation(SyntaxNode anchor)
    {
        var leading = anchor.GetLeadingTrivia();
        return leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
            ? SyntaxFactory.TriviaList(leading[leading.Count - 1])
            : SyntaxFactory.TriviaList();
    }

    private static SyntaxTriviaList EndOfLine(SyntaxNode anchor)
    {
        var endOfLine = anchor.GetTrailingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return SyntaxFactory.TriviaList(endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.LineFeed);
    }

    private static string Bytes(int count) => count == 1 ? "1 byte" : I(count) + " bytes";

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record PaddingPlan(TypeDeclarationSyntax Type, FieldDeclarationSyntax Anchor, bool InsertBefore, int Offset, int Size, bool IsExplicit);
}
