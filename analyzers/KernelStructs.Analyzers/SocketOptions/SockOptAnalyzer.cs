using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using KernelStructs.Generator.Layout;
using KernelStructs.Generator.Model;
using KernelStructs.Generator.Parsing;
using KernelStructs.Generator.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KernelStructs.Analyzers.SocketOptions;

/// <summary>
/// Catches socket-option misuse at compile time (KS2xxx): a command sent to the wrong system call or at the wrong
/// level, a length or payload that does not fit the command, a malformed command annotation or typed wrapper, and a
/// raw call that a typed wrapper already makes. The declarations are checked in <see cref="SockOptDeclarations"/>, the
/// arguments read by <see cref="OptionNames"/> and <see cref="Lengths"/>, wrappers offered by <see cref="WrapperSuggestion"/>.
/// </summary>
/// <remarks>
/// Commands are the <c>[SockOptCommandDeclaration]</c> constants visible to the compilation (the referenced catalog, the user's
/// own). The catalog of them is built once when the compilation starts; when there is none, nothing else is
/// registered, so a project without socket options pays for one type lookup.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SockOptAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property (KS2001): the fully qualified other-direction command the code fix offers.</summary>
    internal const string CounterpartProperty = "Counterpart";

    /// <summary>Diagnostic property (KS2002): the fully qualified command constant that names the number.</summary>
    internal const string CommandProperty = "Command";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors.SockOpt;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var catalog = SockOptCatalog.Build(start.Compilation, start.CancellationToken);
            if (catalog is null)
            {
                return;
            }

            start.RegisterOperationAction(context => AnalyzeInvocation(context, catalog), OperationKind.Invocation);
            start.RegisterSyntaxNodeAction(context => SockOptDeclarations.AnalyzeWrapper(context, catalog), SyntaxKind.MethodDeclaration);
            start.RegisterSyntaxNodeAction(context => SockOptDeclarations.AnalyzeCommand(context, catalog), SyntaxKind.FieldDeclaration);
        });
    }

    // ---- calls -----------------------------------------------------------------------------------------------

    private static void AnalyzeInvocation(OperationAnalysisContext context, SockOptCatalog catalog)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (SockOptCall.Recognize(invocation, catalog) is not { OptionName: { } optionName } call)
        {
            return;
        }

        var level = call.Level is null ? null : OptionNames.ConstantLevel(call.Level.Value, call.LevelIsSocketOptionLevel);
        var reference = OptionNames.Resolve(optionName.Value, catalog, 0);
        SockOptCommandDeclaration? command;
        if (reference.Command is { } annotated)
        {
            command = annotated;
            if (!annotated.Allows(call.IsGet))
            {
                ReportWrongDirection(context, catalog, call, annotated, reference.Syntax);
                return;
            }

            if (level is { } actual && actual != (int)annotated.Level)
            {
                var runs = catalog.Commands(actual, annotated.Number, call.IsGet).FirstOrDefault();
                var consequence = runs is null ? string.Empty : $": there, {I(annotated.Number)} on {call.SystemCall} is {runs.Name}";
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.WrongLevel, call.Level!.Value.Syntax.GetLocation(), annotated.Name, SockOptCatalog.LevelName((int)annotated.Level), SockOptCatalog.LevelName(actual), consequence));
            }
        }
        else if (reference.Value is { } value && level is { } at)
        {
            command = ByValue(context, catalog, call, value, at, reference.Syntax);
            if (command is null)
            {
                return;
            }
        }
        else
        {
            return;
        }

        var reported = CheckPayloadAndLength(context, catalog, call, command);
        if (!reported && reference.Command is not null && (level is null || level == (int)command.Level))
        {
            WrapperSuggestion.Suggest(context, catalog, call, command);
        }
    }

    private static void ReportWrongDirection(OperationAnalysisContext context, SockOptCatalog catalog, SockOptCall call, SockOptCommandDeclaration command, SyntaxNode syntax)
    {
        var level = (int)command.Level;
        var runs = catalog.Commands(level, command.Number, call.IsGet).FirstOrDefault();
        var consequence = runs is null
            ? $"this compilation knows no {call.SystemCall} command {I(command.Number)} at {SockOptCatalog.LevelName(level)}"
            : $"{I(command.Number)} at {SockOptCatalog.LevelName(level)} on {call.SystemCall} is {runs.Name}";
        var message = $"'{command.Name}' is a {Direction(!call.IsGet)} command, but this call is {call.SystemCall}: {consequence}";

        var properties = ImmutableDictionary<string, string?>.Empty;
        if (Counterpart(catalog, command, context.ContainingSymbol) is { } counterpart)
        {
            properties = properties.Add(CounterpartProperty, counterpart.QualifiedName);
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.WrongDirection, syntax.GetLocation(), properties, message));
    }

    /// <summary>
    /// The command of the other direction that a wrong-direction call clearly meant: at the same level, with the
    /// same payload type, named the same (two constants in different classes) or
    /// with <c>GET</c> and <c>SET</c> swapped as a whole word (<c>MOD_SO_GET_TUPLE</c> and <c>MOD_SO_SET_TUPLE</c>).
    /// Nothing else: <c>IPT_SO_GET_INFO</c> has no such partner, and guessing one would hide the mistake.
    /// </summary>
    internal static SockOptCommandDeclaration? Counterpart(SockOptCatalog catalog, SockOptCommandDeclaration command, ISymbol? within)
    {
        var wanted = new HashSet<string> { command.Name, SwapDirectionWord(command.Name) };
        var matches = catalog.AllCommands()
            .Where(c => (c.Direction & command.Direction) == 0 && c.Level == command.Level && wanted.Contains(c.Name) && SymbolEqualityComparer.Default.Equals(c.Payload, command.Payload))
            .Where(c => within is null || within.ContainingAssembly is null || Symbols.IsAccessible(c.Field, within))
            .ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    private static string SwapDirectionWord(string name)
    {
        var words = name.Split('_');
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = words[i] switch { "GET" => "SET", "SET" => "GET", _ => words[i] };
        }

        return string.Join("_", words);
    }

    /// <summary>A bare number or an unannotated constant: which command the kernel runs, or the wrong direction.</summary>
    private static SockOptCommandDeclaration? ByValue(OperationAnalysisContext context, SockOptCatalog catalog, SockOptCall call, int value, int level, SyntaxNode syntax)
    {
        var runs = catalog.Commands(level, value, call.IsGet);
        if (runs.Count > 0)
        {
            var command = runs[0];
            var properties = ImmutableDictionary<string, string?>.Empty;
            if (runs.Count == 1 && Symbols.IsAccessible(command.Field, context.ContainingSymbol))
            {
                properties = properties.Add(CommandProperty, command.QualifiedName);
            }

            var number = syntax is LiteralExpressionSyntax ? I(value) : $"{syntax} ({I(value)})";
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.BareOptionNumber, syntax.GetLocation(), properties, number, SockOptCatalog.LevelName(level), call.SystemCall, string.Join(" or ", runs.Select(r => r.Name))));
            return runs.Count == 1 ? command : null;
        }

        var other = catalog.Commands(level, value, !call.IsGet);
        if (other.Count > 0)
        {
            var message = $"{I(value)} at {SockOptCatalog.LevelName(level)} is the {Direction(!call.IsGet)} command {other[0].Name}, but this call is {call.SystemCall}, which has no command {I(value)} at {SockOptCatalog.LevelName(level)} that this compilation knows";
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.WrongDirection, syntax.GetLocation(), message));
        }

        return null;
    }

    /// <summary>KS2004 and KS2005 for one call; true when it reported anything.</summary>
    private static bool CheckPayloadAndLength(OperationAnalysisContext context, SockOptCatalog catalog, SockOptCall call, SockOptCommandDeclaration command)
    {
        var reported = false;
        var semanticModel = call.Invocation.SemanticModel;

        // The payload type: the engine's T, the variable behind an optval pointer, the struct a span views.
        if (call.TypeArgument is { } typeArgument)
        {
            reported |= CheckPayload(context, catalog, command, typeArgument, TypeArgumentLocation(call.Invocation) ?? call.Invocation.Syntax.GetLocation());
        }

        if (call.Value is { } value)
        {
            var operand = OptionNames.Unwrap(value.Value);
            if (operand is IAddressOfOperation { Reference.Type: { } pointee })
            {
                reported |= CheckPayload(context, catalog, command, pointee, value.Syntax.GetLocation());
            }
            else if (IsBuffer(value) && Lengths.Measure(operand, catalog, semanticModel, 0) is { } buffer)
            {
                if (buffer.Type is { } viewed)
                {
                    reported |= CheckPayload(context, catalog, command, viewed, value.Syntax.GetLocation());
                }
                else
                {
                    reported |= CheckLength(context, catalog, command, buffer, value.Syntax.GetLocation(), isBuffer: true);
                }
            }
            else if (call.Path == SockOptPath.SocketOption && value.Parameter?.Type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Boolean)
            {
                reported |= CheckLength(context, catalog, command, new Measured(4, null, "an int value (4 bytes)"), value.Syntax.GetLocation(), isBuffer: false);
            }
        }

        // getsockopt's optlen is the address of a length variable: measure what the variable starts as.
        var lengthOperand = call.Length is null ? null : OptionNames.Unwrap(call.Length.Value);
        if (lengthOperand is IAddressOfOperation { Reference: ILocalReferenceOperation lengthLocal })
        {
            lengthOperand = lengthLocal;
        }

        if (call.Length is { } length && lengthOperand is not null && !reported && Lengths.Measure(lengthOperand, catalog, semanticModel, 0) is { } measured)
        {
            reported |= CheckLength(context, catalog, command, measured, length.Syntax.GetLocation(), isBuffer: false);
        }

        return reported;
    }

    private static bool IsBuffer(IArgumentOperation argument)
        => argument.Parameter?.Type is IArrayTypeSymbol or INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", IsGenericType: true };

    private static Location? TypeArgumentLocation(IInvocationOperation invocation)
    {
        var expression = invocation.Syntax is InvocationExpressionSyntax { Expression: var target } ? target : null;
        var name = expression switch
        {
            MemberAccessExpressionSyntax member => member.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };
        return name is GenericNameSyntax generic ? generic.TypeArgumentList.Arguments[0].GetLocation() : null;
    }

    private static bool CheckPayload(OperationAnalysisContext context, SockOptCatalog catalog, SockOptCommandDeclaration command, ITypeSymbol type, Location location)
    {
        if (command.PayloadKind == PayloadKind.Bytes || SockOptCommandReader.CarriesPayload(command, type) || type is IPointerTypeSymbol)
        {
            return false;
        }

        if (SockOptCatalog.IsScalar(type) && SockOptCatalog.IsScalar(command.Payload))
        {
            return CheckLength(context, catalog, command, new Measured(null, type, $"{SockOptCatalog.Describe(type)}"), location, isBuffer: false);
        }

        if (!catalog.IsKernelStruct(type) && !catalog.IsKernelStruct(command.Payload) && !SockOptCatalog.IsScalar(type))
        {
            return false;
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.PayloadMismatch, location, command.Name, SockOptParser.Expected(command), SockOptCatalog.Describe(type)));
        return true;
    }

    private static bool CheckLength(OperationAnalysisContext context, SockOptCatalog catalog, SockOptCommandDeclaration command, Measured measured, Location location, bool isBuffer)
    {
        if (command.PayloadKind == PayloadKind.Bytes || catalog.PayloadSizes(command) is not { } payload)
        {
            return false;
        }

        // A buffer is the storage itself: the kernel truncates to it, so a larger one is fine for a truncating command.
        if (isBuffer && command.Rule == LengthRule.Truncating)
        {
            return false;
        }

        int[] sizes;
        if (measured.Type is { } type)
        {
            if (SockOptCommandReader.CarriesPayload(command, type) || catalog.CSizes(type) is not { } typeSizes)
            {
                return false;
            }

            sizes = typeSizes;
        }
        else
        {
            sizes = Enumerable.Repeat(measured.Bytes!.Value, payload.Length).ToArray();
        }

        var failing = Enumerable.Range(0, payload.Length).Where(a => !Fits((LengthRule)command.Rule, sizes[a], payload[a], command, catalog)).ToList();
        if (failing.Count == 0)
        {
            return false;
        }

        var what = measured.Type is null ? measured.Text : $"{measured.Text} ({SizeText(sizes, failing)})";
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.LengthBreaksRule, location, what, command.Name, RuleText(catalog, command, payload, failing)));
        return true;
    }

    private static bool Fits(LengthRule rule, int length, int payload, SockOptCommandDeclaration command, SockOptCatalog catalog)
        => SockOptFacts.CallerLengthFits(rule, length, payload, EntrySize(command, catalog));

    private static int EntrySize(SockOptCommandDeclaration command, SockOptCatalog catalog)
        => command.Entry is not { } entry || SockOptCatalog.IsRawBytes(entry) || catalog.CSizes(entry) is not { } entrySizes ? 0 : entrySizes[0];

    private static string RuleText(SockOptCatalog catalog, SockOptCommandDeclaration command, int[] payload, List<int> abis)
    {
        var what = $"its payload {SockOptParser.Expected(command)} is {SizeText(payload, abis)}";
        var rule = (LengthRule)command.Rule;
        return rule switch
        {
            LengthRule.HeaderPlusEntries => $"its header {SockOptCatalog.Describe(command.Payload)} is {SizeText(payload, abis)}, and {SockOptFacts.CallerExpectation(rule)}" + (command.Entry is { } entry && !SockOptCatalog.IsRawBytes(entry) ? $" of {SockOptCatalog.Describe(entry)}" : string.Empty),
            _ => what + ", and " + SockOptFacts.CallerExpectation(rule),
        };
    }

    /// <summary>"16 bytes", or "40 bytes on x86_64, aarch64, s390x" for the ABIs given when the size differs between them.</summary>
    private static string SizeText(int[] sizes, List<int> abis)
    {
        if (sizes.Distinct().Count() == 1)
        {
            return I(sizes[0]) + " bytes";
        }

        return string.Join("; ", abis.GroupBy(a => sizes[a]).Select(g => $"{I(g.Key)} bytes on {string.Join(", ", g.Select(a => Abi.All[a].Name))}"));
    }

    // ---- what an argument is -----------------------------------------------------------------------------------

    internal static string Direction(bool isGet) => isGet ? "getsockopt" : "setsockopt";

    internal static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

}
