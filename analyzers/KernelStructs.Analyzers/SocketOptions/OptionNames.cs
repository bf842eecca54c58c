using System.Globalization;
using KernelStructs.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace KernelStructs.Analyzers.SocketOptions;

/// <summary>
/// What the option-name and level arguments of a call are: constant folding through casts, <c>const</c> locals and the
/// initializers of unannotated <c>const</c> fields, to the annotated command or just the number.
/// </summary>
internal static class OptionNames
{
    private const int MaxFolding = 8;

    /// <summary>What an option-name argument is: an annotated command, or only a number.</summary>
    internal readonly struct Reference
    {
        public Reference(SockOptCommandDeclaration? command, int? value, SyntaxNode syntax)
        {
            Command = command;
            Value = value;
            Syntax = syntax;
        }

        public SockOptCommandDeclaration? Command { get; }

        public int? Value { get; }

        public SyntaxNode Syntax { get; }
    }

    /// <summary>
    /// Follows an option name to the constant it comes from: through casts, <c>const</c> locals and the
    /// initializers of unannotated <c>const</c> fields declared in the same file. Aliases and <c>using static</c>
    /// need nothing: they bind to the field itself.
    /// </summary>
    internal static Reference Resolve(IOperation operation, SockOptCatalog catalog, int depth)
    {
        var operand = Unwrap(operation);
        var syntax = operand.Syntax;
        if (depth < MaxFolding)
        {
            switch (operand)
            {
                case IFieldReferenceOperation { Field: var field }:
                    if (catalog.Command(field) is { } command)
                    {
                        return new Reference(command, command.Number, syntax);
                    }

                    if (field.IsConst && Initializer(field, operand.SemanticModel) is { } fieldInitializer)
                    {
                        var folded = Resolve(fieldInitializer, catalog, depth + 1);
                        if (folded.Command is not null)
                        {
                            return new Reference(folded.Command, folded.Value, syntax);
                        }
                    }

                    break;
                case ILocalReferenceOperation { Local: { IsConst: true } local }:
                    if (Initializer(local, operand.SemanticModel) is { } localInitializer)
                    {
                        var folded = Resolve(localInitializer, catalog, depth + 1);
                        if (folded.Command is not null)
                        {
                            return new Reference(folded.Command, folded.Value, syntax);
                        }
                    }

                    break;
            }
        }

        return new Reference(null, operand.ConstantValue is { HasValue: true, Value: int value } ? value : null, syntax);
    }

    /// <summary>The initializer of a local or a field declared in the file the semantic model covers.</summary>
    internal static IOperation? Initializer(ISymbol symbol, SemanticModel? semanticModel)
    {
        if (semanticModel is null || symbol.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var reference = symbol.DeclaringSyntaxReferences[0];
        if (reference.SyntaxTree != semanticModel.SyntaxTree || reference.GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: { } value })
        {
            return null;
        }

        return semanticModel.GetOperation(value);
    }

    internal static int? ConstantLevel(IOperation operation, bool socketOptionLevel)
    {
        var operand = Unwrap(operation);
        if (operand.ConstantValue is not { HasValue: true, Value: var raw } || raw is null)
        {
            return null;
        }

        int level;
        try
        {
            level = System.Convert.ToInt32(raw, CultureInfo.InvariantCulture);
        }
        catch (System.Exception e) when (e is System.InvalidCastException or System.OverflowException or System.FormatException)
        {
            return null;
        }

        // SocketOptionLevel.Socket is 0xffff; .NET passes SOL_SOCKET for it.
        return socketOptionLevel && level == 0xffff ? 1 : level;
    }

    internal static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
