using System.Linq;
using System.Threading;
using KernelStructs.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace KernelStructs.Generator.Parsing;

/// <summary>
/// Fields that stand for a <c>[SockOptCommand]</c> command: a <c>const</c> or <c>readonly</c> <c>int</c> field initialised from
/// the command (<c>const int GetInfo = IpTables.IPT_SO_GET_INFO;</c>), directly or through other such fields, and never
/// assigned again. The number alone does not say which command a field is (64 at <c>SOL_IP</c> is <c>IPT_SO_GET_INFO</c>
/// on getsockopt and <c>IPT_SO_SET_REPLACE</c> on setsockopt), so the field is followed by symbol: through the operation
/// tree of its initializer in source, through the <c>[assembly: SockOptCommandAlias]</c> records of its assembly in
/// metadata. The generator writes those records (<see cref="Emit.AliasEmitter"/>) for the analyzers of this project and of
/// the projects that reference it.
/// </summary>
internal static class CommandAliases
{
    private const int MaxDepth = 8;

    /// <summary>
    /// The syntax step's filter: a declarator of a <c>const</c> or <c>readonly</c> field whose initializer is a name
    /// (through parentheses and casts); an alias is never a literal or an expression.
    /// </summary>
    public static bool IsCandidate(SyntaxNode node)
        => node is VariableDeclaratorSyntax { Initializer.Value: var value, Parent: VariableDeclarationSyntax { Parent: FieldDeclarationSyntax field } }
            && field.Modifiers.Any(m => m.IsKind(SyntaxKind.ConstKeyword) || m.IsKind(SyntaxKind.ReadOnlyKeyword))
            && IsName(value);

    private static bool IsName(ExpressionSyntax expression) => expression switch
    {
        ParenthesizedExpressionSyntax parenthesized => IsName(parenthesized.Expression),
        CastExpressionSyntax cast => IsName(cast.Expression),
        IdentifierNameSyntax or MemberAccessExpressionSyntax => true,
        _ => false,
    };

    /// <summary>The record for a candidate declarator, or <see langword="null"/> when the field stands for no command.</summary>
    public static CommandAliasModel? Read(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        var compilation = context.SemanticModel.Compilation;
        if (compilation.GetTypeByMetadataName(KnownNames.SockOptCommandAliasAttribute) is null
            || context.SemanticModel.GetDeclaredSymbol(context.Node, cancellationToken) is not IFieldSymbol field
            || AttributeArguments.Find(field, KnownNames.SockOptCommandAttribute) is not null
            || Follow(field, compilation, tree => compilation.GetSemanticModel(tree), cancellationToken) is not { } command)
        {
            return null;
        }

        var fieldId = DocumentationCommentId.CreateDeclarationId(field);
        var commandId = DocumentationCommentId.CreateDeclarationId(command.Field);
        return fieldId is null || commandId is null
            ? null
            : new CommandAliasModel(fieldId, commandId, Display(field), Display(command.Field));
    }

    /// <summary>
    /// The command <paramref name="field"/> stands for: its own when it is a command constant; else, for a <c>const</c> or
    /// <c>readonly</c> <c>int</c> field never assigned outside its initializer, the command that initializer names.
    /// Source fields are read through their initializer's operation tree, in the files <paramref name="models"/> gives a
    /// semantic model of (every file for the generator; the analyzed file for an analyzer, which may not create semantic
    /// models); fields in other files and in metadata through the alias records of their assembly.
    /// </summary>
    public static SockOptCommandDeclaration? Follow(IFieldSymbol field, Compilation compilation, System.Func<SyntaxTree, SemanticModel?> models, CancellationToken cancellationToken, int depth = 0)
    {
        field = field.OriginalDefinition;
        if (SockOptCommandReader.Read(field) is { } command)
        {
            return command;
        }

        if (depth >= MaxDepth || !(field.IsConst || field.IsReadOnly) || field.Type.SpecialType != SpecialType.System_Int32)
        {
            return null;
        }

        if (field.DeclaringSyntaxReferences.Length == 0)
        {
            return FromRecords(field, compilation);
        }

        if (field.DeclaringSyntaxReferences is not [var reference]
            || reference.GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } value })
        {
            return null;
        }

        var model = compilation.ContainsSyntaxTree(reference.SyntaxTree) ? models(reference.SyntaxTree) : null;
        var written = field.IsReadOnly ? WrittenInConstructors(field, compilation, models, cancellationToken) : false;
        if (model is null || written is null)
        {
            return FromRecords(field, compilation);
        }

        if (written == true)
        {
            return null;
        }

        var target = Unwrap(model.GetOperation(value, cancellationToken));
        return target is IFieldReferenceOperation { Field: var next } ? Follow(next, compilation, models, cancellationToken, depth + 1) : null;
    }

    /// <summary>The command a metadata field stands for, by the <c>[assembly: SockOptCommandAlias]</c> records of its assembly.</summary>
    public static SockOptCommandDeclaration? FromRecords(IFieldSymbol field, Compilation compilation)
    {
        var id = DocumentationCommentId.CreateDeclarationId(field);
        foreach (var (alias, command) in Records(field.ContainingAssembly))
        {
            if (alias == id && Resolve(command, compilation) is { } resolved)
            {
                return resolved;
            }
        }

        return null;
    }

    /// <summary>The <c>(field, command)</c> documentation IDs an assembly records.</summary>
    public static System.Collections.Generic.IEnumerable<(string Field, string Command)> Records(IAssemblySymbol? assembly)
    {
        if (assembly is null)
        {
            yield break;
        }

        foreach (var attribute in assembly.GetAttributes())
        {
            if (TypeNames.Is(attribute.AttributeClass, KnownNames.SockOptCommandAliasAttribute)
                && attribute.ConstructorArguments is [{ Value: string field }, { Value: string command }])
            {
                yield return (field, command);
            }
        }
    }

    /// <summary>The command constant a documentation ID names, if it is one.</summary>
    public static SockOptCommandDeclaration? Resolve(string commandId, Compilation compilation)
    {
        foreach (var symbol in DocumentationCommentId.GetSymbolsForDeclarationId(commandId, compilation))
        {
            if (symbol is IFieldSymbol field && SockOptCommandReader.Read(field) is { } command)
            {
                return command;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a constructor of the field's type (static ones for a static field) assigns it, or passes it by reference;
    /// <see langword="null"/> when a constructor is in a file without a semantic model.
    /// </summary>
    private static bool? WrittenInConstructors(IFieldSymbol field, Compilation compilation, System.Func<SyntaxTree, SemanticModel?> models, CancellationToken cancellationToken)
    {
        foreach (var constructor in field.IsStatic ? field.ContainingType.StaticConstructors : field.ContainingType.InstanceConstructors)
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                var model = compilation.ContainsSyntaxTree(reference.SyntaxTree) ? models(reference.SyntaxTree) : null;
                if (model is null)
                {
                    return null;
                }

                var body = model.GetOperation(reference.GetSyntax(cancellationToken), cancellationToken);
                if (body is not null && body.Descendants().OfType<IFieldReferenceOperation>().Any(r => SymbolEqualityComparer.Default.Equals(r.Field.OriginalDefinition, field) && Writes.IsWrite(r)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>An operation without the conversions around it.</summary>
    public static IOperation? Unwrap(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    private static string Display(IFieldSymbol field) => field.ContainingType.ToDisplayString() + "." + field.Name;
}

/// <summary>Where a reference to a variable writes it rather than reads it, in the operation tree.</summary>
internal static class Writes
{
    /// <summary>
    /// Whether the reference is written (assigned, incremented, passed by <c>ref</c>/<c>out</c>, its address taken, bound
    /// to a <c>ref</c> local, a deconstruction target): everything but a plain read counts, so a caller that follows a
    /// variable to its one value never follows one that may hold another.
    /// </summary>
    public static bool IsWrite(IOperation reference)
    {
        var child = reference;
        var parent = reference.Parent;
        while (parent is IParenthesizedOperation)
        {
            child = parent;
            parent = parent.Parent;
        }

        return parent switch
        {
            IAssignmentOperation assignment => assignment.Target == child,
            IIncrementOrDecrementOperation => true,
            IArgumentOperation argument => argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out || argument.Parameter is null,
            IAddressOfOperation => true,
            ITupleOperation or IDeclarationExpressionOperation => true,
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.RefKind: not RefKind.None } } => true,
            _ => false,
        };
    }
}
