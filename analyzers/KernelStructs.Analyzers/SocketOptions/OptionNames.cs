using System.Globalization;
using System.Linq;
using System.Threading;
using KernelStructs.Generator.Parsing;
using KernelStructs.Generator.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KernelStructs.Analyzers.SocketOptions;

/// <summary>How an option-name argument names its command.</summary>
internal enum Naming
{
    /// <summary>A literal number.</summary>
    Literal,

    /// <summary>A named constant (or local) whose command this compilation cannot follow: only its value is known.</summary>
    Value,

    /// <summary>The command constant, or something that stands for it (an alias, a local, a field recorded by the generator).</summary>
    Command,

    /// <summary>A Tmds.LibC property: a C name without a value at compile time.</summary>
    CName,
}

/// <summary>
/// What an option-name or level argument is, followed by symbol through conversions, <c>const</c> locals and locals
/// assigned once (data flow), <c>const</c> and <c>readonly</c> fields that stand for a command (their initializer in this
/// file, the generator's alias records elsewhere and in referenced assemblies), and Tmds.LibC's properties by their C name.
/// Aliases and <c>using static</c> need nothing: they bind to the field itself.
/// </summary>
internal static class OptionNames
{
    private const int MaxFolding = 8;

    /// <summary>What an option-name argument is: an annotated command, only a number, or only a C name.</summary>
    internal readonly struct Reference
    {
        public Reference(Naming naming, SockOptCommandDeclaration? command, int? value, string? cName, SyntaxNode syntax)
        {
            Naming = naming;
            Command = command;
            Value = value;
            CName = cName;
            Syntax = syntax;
        }

        public Naming Naming { get; }

        public SockOptCommandDeclaration? Command { get; }

        public int? Value { get; }

        /// <summary>The C name a Tmds.LibC property gives (also when no command of this compilation has it).</summary>
        public string? CName { get; }

        /// <summary>Where the argument is written.</summary>
        public SyntaxNode Syntax { get; }
    }

    /// <summary>Follows an option name to the command it names, or to what is known of it.</summary>
    /// <param name="operation">The argument's value.</param>
    /// <param name="catalog">The commands.</param>
    /// <param name="level">The call's level, when known: picks the command of a C name that several levels have.</param>
    /// <param name="cancellationToken">Cancels the data-flow analysis.</param>
    internal static Reference Resolve(IOperation operation, SockOptCatalog catalog, int? level, CancellationToken cancellationToken)
    {
        var syntax = Unwrap(operation).Syntax;
        var operand = Follow(operation, cancellationToken);
        switch (operand)
        {
            case IFieldReferenceOperation { Field: var field }:
                if ((catalog.Command(field) ?? catalog.Alias(field) ?? FollowInFile(field, operand.SemanticModel, catalog, cancellationToken)) is { } command)
                {
                    return new Reference(Naming.Command, command, command.Number, command.CName, syntax);
                }

                break;
            case IPropertyReferenceOperation { Property: { IsStatic: true } property } when IsLibC(property.ContainingType, catalog):
                var named = catalog.CommandsNamed(property.Name);
                var byName = named.FirstOrDefault(c => level is null || (int)c.Level == level) ?? (named.Select(c => ((int)c.Level, c.Number)).Distinct().Count() == 1 ? named[0] : null);
                return byName is null
                    ? new Reference(Naming.CName, null, null, property.Name, syntax)
                    : new Reference(Naming.Command, byName, byName.Number, byName.CName, syntax);
        }

        var value = operand.ConstantValue is { HasValue: true, Value: int number } ? number : (int?)null;
        return new Reference(operand.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax ? Naming.Literal : Naming.Value, null, value, null, syntax);
    }

    /// <summary>A field in the analyzed file, followed through its initializer (the other files' are in the alias records).</summary>
    private static SockOptCommandDeclaration? FollowInFile(IFieldSymbol field, SemanticModel? semanticModel, SockOptCatalog catalog, CancellationToken cancellationToken)
        => semanticModel is null ? null : CommandAliases.Follow(field, catalog.Compilation, tree => tree == semanticModel.SyntaxTree ? semanticModel : null, cancellationToken);

    /// <summary>
    /// A level argument as the kernel gets it: a constant (<c>SocketLevel.IP</c>, <c>0</c>, <c>(int)SocketOptionLevel.Socket</c>
    /// is 0xffff, which raw calls pass as is), a Tmds.LibC property by its C name (<c>LibC.SOL_SOCKET</c>,
    /// <c>LibC.IPPROTO_IPV6</c>), or a local holding one of these.
    /// </summary>
    internal static int? Level(IOperation operation, SockOptCatalog catalog, CancellationToken cancellationToken)
    {
        var operand = Follow(operation, cancellationToken);
        if (operand is IPropertyReferenceOperation { Property: { IsStatic: true } property } && IsLibC(property.ContainingType, catalog))
        {
            return SockOptFacts.LevelOfCName(property.Name) is { } level ? (int)level : null;
        }

        return Int(operand.ConstantValue);
    }

    /// <summary>An operation without its conversions, followed through locals that hold one value (<see cref="Locals"/>).</summary>
    internal static IOperation Follow(IOperation operation, CancellationToken cancellationToken)
    {
        var operand = Unwrap(operation);
        for (var depth = 0; depth < MaxFolding && operand is ILocalReferenceOperation { Local: var local }; depth++)
        {
            if (Locals.ValueAt(local, operand, cancellationToken) is not { } value)
            {
                break;
            }

            operand = Unwrap(value);
        }

        return operand;
    }

    internal static int? Int(Optional<object?> constant)
    {
        if (constant is not { HasValue: true, Value: { } raw })
        {
            return null;
        }

        try
        {
            return System.Convert.ToInt32(raw, CultureInfo.InvariantCulture);
        }
        catch (System.Exception e) when (e is System.InvalidCastException or System.OverflowException or System.FormatException)
        {
            return null;
        }
    }

    internal static bool IsLibC(INamedTypeSymbol? type, SockOptCatalog catalog)
        => catalog.LibC is not null && SymbolEqualityComparer.Default.Equals(type, catalog.LibC);

    internal static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }
}
