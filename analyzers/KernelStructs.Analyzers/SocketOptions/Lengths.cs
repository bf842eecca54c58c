using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace KernelStructs.Analyzers.SocketOptions;

/// <summary>A length: a number of bytes, or the size of a type (<c>sizeof(T)</c> and the like).</summary>
internal sealed class Measured
{
    public Measured(int? bytes, ITypeSymbol? type, string text)
    {
        Bytes = bytes;
        Type = type;
        Text = text;
    }

    public int? Bytes { get; }

    public ITypeSymbol? Type { get; }

    public string Text { get; }
}

/// <summary>What a length argument or a buffer stands for, read from the code that makes it.</summary>
internal static class Lengths
{
    private const int MaxFolding = 8;

    /// <summary>
    /// The length a length argument or a buffer stands for: <c>sizeof(T)</c>, <c>Unsafe.SizeOf&lt;T&gt;()</c>,
    /// <c>Marshal.SizeOf&lt;T&gt;()</c>, <c>Marshal.SizeOf(typeof(T))</c>, <c>T.SizeOf</c>, a constant,
    /// <c>new byte[N]</c>, <c>stackalloc byte[N]</c>, <c>value.AsBytes()</c>, or a local initialised with one
    /// of these and never assigned again.
    /// </summary>
    internal static Measured? Measure(IOperation operation, SockOptCatalog? catalog, SemanticModel? semanticModel, int depth)
    {
        switch (operation)
        {
            case ISizeOfOperation { TypeOperand: var type }:
                return new Measured(null, type, $"sizeof({type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)})");
            case IInvocationOperation { TargetMethod: { Name: "SizeOf" } sizeOf } invocation when catalog is null || IsType(sizeOf.ContainingType, catalog.Unsafe) || IsType(sizeOf.ContainingType, catalog.Marshal):
                var measuredType = sizeOf.IsGenericMethod ? sizeOf.TypeArguments[0] : invocation.Arguments.FirstOrDefault()?.Value is ITypeOfOperation typeOf ? typeOf.TypeOperand : null;
                return measuredType is null ? null : new Measured(null, measuredType, $"{sizeOf.ContainingType.Name}.SizeOf<{measuredType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}>()");
            case IFieldReferenceOperation { Field: { Name: "SizeOf", IsConst: true, ContainingType: { } owner } }:
                return new Measured(null, owner, $"{owner.Name}.SizeOf");
            case IPropertyReferenceOperation { Property: { Name: "SizeOf", IsStatic: true, ContainingType: { } owner } }:
                return new Measured(null, owner, $"{owner.Name}.SizeOf");
            case IArrayCreationOperation { DimensionSizes: { Length: 1 } sizes, Type: IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte } }
                when sizes[0].ConstantValue is { HasValue: true, Value: int length }:
                return new Measured(length, null, $"a {SockOptAnalyzer.I(length)}-byte array");
            case IInvocationOperation { TargetMethod.Name: "AsBytes" or "AsReadOnlyBytes", Instance: { Type: { } viewed } } when catalog is not null && catalog.IsKernelStruct(viewed):
                return new Measured(null, viewed, $"{viewed.Name}.AsBytes()");
            case ILocalReferenceOperation { Local: var local } when depth < MaxFolding && !local.IsConst && semanticModel is not null && AssignedOnce(local, semanticModel):
                return OptionNames.Initializer(local, semanticModel) is { } initializer ? Measure(OptionNames.Unwrap(initializer), catalog, semanticModel, depth + 1) : null;
        }

        if (operation.ConstantValue is { HasValue: true, Value: int bytes })
        {
            return new Measured(bytes, null, SockOptAnalyzer.I(bytes));
        }

        // stackalloc has no IOperation of its own in this Roslyn: read the syntax.
        var syntax = operation.Syntax;
        while (syntax is ParenthesizedExpressionSyntax parenthesized)
        {
            syntax = parenthesized.Expression;
        }

        if (syntax is StackAllocArrayCreationExpressionSyntax { Type: ArrayTypeSyntax { ElementType: PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.ByteKeyword }, RankSpecifiers: [{ Sizes: [var size] }] } }
            && semanticModel is not null && semanticModel.SyntaxTree == syntax.SyntaxTree && semanticModel.GetConstantValue(size) is { HasValue: true, Value: int stackBytes })
        {
            return new Measured(stackBytes, null, $"a {SockOptAnalyzer.I(stackBytes)}-byte buffer");
        }

        return null;
    }

    private static bool IsType(INamedTypeSymbol? type, INamedTypeSymbol? expected)
        => expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);

    /// <summary>A local assigned nowhere but in its declaration, and never passed by reference.</summary>
    private static bool AssignedOnce(ILocalSymbol local, SemanticModel semanticModel)
    {
        if (local.DeclaringSyntaxReferences.Length != 1 || local.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax declarator)
        {
            return false;
        }

        var scope = declarator.FirstAncestorOrSelf<SyntaxNode>(n => n is BlockSyntax or ArrowExpressionClauseSyntax or GlobalStatementSyntax or CompilationUnitSyntax);
        if (scope is null)
        {
            return false;
        }

        foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != local.Name)
            {
                continue;
            }

            var parent = identifier.Parent;
            var written = parent switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left == identifier,
                PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => parent.IsKind(SyntaxKind.PreIncrementExpression) || parent.IsKind(SyntaxKind.PreDecrementExpression) || parent.IsKind(SyntaxKind.PostIncrementExpression) || parent.IsKind(SyntaxKind.PostDecrementExpression),
                ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None),
                _ => false,
            };
            if (written && SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(identifier).Symbol, local))
            {
                return false;
            }
        }

        return true;
    }
}
