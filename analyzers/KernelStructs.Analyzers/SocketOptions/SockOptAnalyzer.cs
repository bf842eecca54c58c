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
/// own). The catalog of them is built once (in a project that references KernelStructs, at the first call or attributed
/// declaration); when there is none, nothing else runs, so a project without socket options pays for one type lookup.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SockOptAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property (KS2002): the fully qualified command constant that names the number.</summary>
    internal const string CommandProperty = "Command";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors.SockOpt;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        // In a project that references the attribute's assembly (every consumer of the package), the catalog is built at the
        // first call or attributed declaration, not when the compilation starts: built then, its first lookup would make
        // this analyzer build the compiler's declaration table (parse every lazily parsed tree, the generated ones
        // included), work the compiler has done anyway by the time it binds a member. Elsewhere (the attribute declared in
        // source, or nowhere) it is built at once, and nothing is registered when there is none.
        context.RegisterCompilationStartAction(static start =>
        {
            var compilation = start.Compilation;
            System.Lazy<SockOptCatalog?> catalog;
            if (ReferencesCommandAttribute(compilation))
            {
                catalog = new System.Lazy<SockOptCatalog?>(() => SockOptCatalog.Build(compilation, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);
            }
            else if (SockOptCatalog.Build(compilation, start.CancellationToken) is { } now)
            {
                catalog = new System.Lazy<SockOptCatalog?>(() => now);
            }
            else
            {
                return;
            }

            // Calls by syntax, their operation asked for one by one (CallContext): an operation action would make the
            // compiler build the operations of every attribute and field initializer too.
            start.RegisterSyntaxNodeAction(
                context =>
                {
                    if (catalog.Value is { } built && CallContext.Of(context) is { } call)
                    {
                        AnalyzeInvocation(call, built);
                    }
                },
                SyntaxKind.InvocationExpression);
            // Both checks read only declarations with an attribute list: the others never make the catalog be built.
            start.RegisterSyntaxNodeAction(
                context =>
                {
                    if (((MemberDeclarationSyntax)context.Node).AttributeLists.Count > 0 && catalog.Value is { } built)
                    {
                        SockOptDeclarations.AnalyzeWrapper(context, built);
                    }
                },
                SyntaxKind.MethodDeclaration);
            start.RegisterSyntaxNodeAction(
                context =>
                {
                    if (((MemberDeclarationSyntax)context.Node).AttributeLists.Count > 0 && catalog.Value is { } built)
                    {
                        SockOptDeclarations.AnalyzeCommand(context, built);
                    }
                },
                SyntaxKind.FieldDeclaration);
        });
    }

    /// <summary>Whether a referenced assembly declares <c>SockOptCommandAttribute</c>: a look at metadata, no source declaration is read.</summary>
    private static bool ReferencesCommandAttribute(Compilation compilation)
    {
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (assembly.GetTypeByMetadataName(KnownNames.SockOptCommandAttribute) is not null)
            {
                return true;
            }
        }

        return false;
    }

    // ---- calls -----------------------------------------------------------------------------------------------

    private static void AnalyzeInvocation(CallContext context, SockOptCatalog catalog)
    {
        var invocation = context.Operation;
        if (SockOptCall.Recognize(invocation, catalog) is not { OptionName: { } optionName } call)
        {
            return;
        }

        var cancellationToken = context.CancellationToken;
        int? level;
        if (call.Path == SockOptPath.SocketOption)
        {
            // .NET's own enums: only a pair .NET passes on unchanged reaches the kernel as written.
            if (!DotNetOptionCalls.PassesThrough(context, catalog, call, out level))
            {
                return;
            }
        }
        else
        {
            level = call.Level is null ? null : OptionNames.Level(call.Level.Value, catalog, cancellationToken);
        }

        var reference = OptionNames.Resolve(optionName.Value, catalog, level, cancellationToken);
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
                var consequence = runs is not null ? $": there, {I(annotated.Number)} on {call.SystemCall} is {runs.Name}"
                    : actual == DotNetSocketOptions.Levels[0].DotNet ? ": 0xffff is .NET's SocketOptionLevel.Socket, which the raw calls pass to the kernel as it is (SOL_SOCKET is 1)"
                    : string.Empty;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.WrongLevel, call.Level!.Value.Syntax.GetLocation(), annotated.Name, SockOptCatalog.LevelName((int)annotated.Level), SockOptCatalog.LevelName(actual), consequence));
            }
        }
        else if (reference.Value is { } value && level is { } at)
        {
            command = ByValue(context, catalog, call, reference, value, at);
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

    private static void ReportWrongDirection(CallContext context, SockOptCatalog catalog, SockOptCall call, SockOptCommandDeclaration command, SyntaxNode syntax)
    {
        var level = (int)command.Level;
        var runs = catalog.Commands(level, command.Number, call.IsGet).FirstOrDefault();
        var consequence = runs is null
            ? $"this compilation knows no {call.SystemCall} command {I(command.Number)} at {SockOptCatalog.LevelName(level)}"
            : $"{I(command.Number)} at {SockOptCatalog.LevelName(level)} on {call.SystemCall} is {runs.Name}";
        var named = syntax.ToString() is var text && (text == command.Name || text.EndsWith("." + command.Name, System.StringComparison.Ordinal)) ? string.Empty : $" ({text})";
        var message = $"'{command.Name}'{named} is a {Direction(!call.IsGet)} command, but this call is {call.SystemCall}: {consequence}";

        // No fix: the call or the command must change, and which one only the author knows. A fix that wrote the other
        // direction's command would make the kernel's reading of the call look intended.
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.WrongDirection, syntax.GetLocation(), message));
    }

    /// <summary>A bare number or a constant this compilation cannot follow: which command the kernel runs, or the wrong direction.</summary>
    private static SockOptCommandDeclaration? ByValue(CallContext context, SockOptCatalog catalog, SockOptCall call, OptionNames.Reference reference, int value, int level)
    {
        var syntax = reference.Syntax;
        var runs = catalog.Commands(level, value, call.IsGet);
        var other = catalog.Commands(level, value, !call.IsGet).Where(o => !runs.Contains(o)).ToList();
        if (runs.Count > 0)
        {
            var command = runs[0];
            var properties = ImmutableDictionary<string, string?>.Empty;

            // The fix names the command only where the text says nothing else: a literal, or a constant whose number no
            // command of the other direction has. A name such as MY_GET_INFO (64) may mean IPT_SO_GET_INFO; writing
            // IPT_SO_SET_REPLACE over it would turn the author's mistake into code that looks meant.
            if (runs.Count == 1 && Symbols.IsAccessible(command.Field, context.ContainingSymbol) && (reference.Naming == Naming.Literal || other.Count == 0))
            {
                properties = properties.Add(CommandProperty, command.QualifiedName);
            }

            var number = reference.Naming == Naming.Literal ? I(value) : $"{syntax} ({I(value)})";
            var names = string.Join(" or ", runs.Select(r => r.Name))
                + (other.Count == 0 ? string.Empty : $" (on {Direction(!call.IsGet)}, {I(value)} is {string.Join(" or ", other.Select(o => o.Name))})");
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.BareOptionNumber, syntax.GetLocation(), properties, number, SockOptCatalog.LevelName(level), call.SystemCall, names));
            return runs.Count == 1 ? command : null;
        }

        if (other.Count > 0)
        {
            var number = reference.Naming == Naming.Literal ? I(value) : $"{syntax} ({I(value)})";
            var message = $"{number} at {SockOptCatalog.LevelName(level)} is the {Direction(!call.IsGet)} command {other[0].Name}, but this call is {call.SystemCall}, which has no command {I(value)} at {SockOptCatalog.LevelName(level)} that this compilation knows";
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.WrongDirection, syntax.GetLocation(), message));
        }

        return null;
    }

    /// <summary>KS2004 and KS2005 for one call; true when it reported anything.</summary>
    private static bool CheckPayloadAndLength(CallContext context, SockOptCatalog catalog, SockOptCall call, SockOptCommandDeclaration command)
    {
        var reported = false;

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
            else if (IsBuffer(value) && Lengths.Measure(operand, catalog, 0, context.CancellationToken) is { } buffer)
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

        if (call.Length is { } length && lengthOperand is not null && !reported && Lengths.Measure(lengthOperand, catalog, 0, context.CancellationToken) is { } measured)
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

    /// <summary>
    /// KS2005 when the payload type is not the command's by meaning, else KS2004 when its size breaks the command's rule.
    /// The command's payload by meaning: the type itself; another <c>[KernelStruct]</c> of the same C struct (a user's own
    /// <c>struct sockaddr_in</c>); any blittable struct that is no mirror (Tmds.Linux's <c>sockaddr_in</c>, a struct of
    /// the user's) unless its name is that of another C struct some command carries (<c>sockaddr_in6</c>); a scalar for
    /// a scalar. The kernel sees only bytes, so what else matters is the size.
    /// </summary>
    private static bool CheckPayload(CallContext context, SockOptCatalog catalog, SockOptCommandDeclaration command, ITypeSymbol type, Location location)
    {
        if (command.PayloadKind == PayloadKind.Bytes || SockOptCommandReader.CarriesPayload(command, type) || type is IPointerTypeSymbol || type.SpecialType == SpecialType.System_Void)
        {
            return false;
        }

        var payload = command.Count == 1 ? catalog.CName(command.Payload) : null;
        var measured = new Measured(null, type, SockOptCatalog.Describe(type));
        string? mismatch = null;
        if (catalog.CName(type) is { } cName)
        {
            mismatch = cName == payload ? null : SockOptCatalog.Describe(type);
        }
        else if (SockOptCatalog.IsScalar(type))
        {
            mismatch = SockOptCatalog.IsScalar(command.Payload) ? null : SockOptCatalog.Describe(type);
        }
        else if (type is INamedTypeSymbol { TypeKind: TypeKind.Struct, SpecialType: SpecialType.None, IsUnmanagedType: true } foreign)
        {
            var named = new[] { "struct " + foreign.Name, "union " + foreign.Name }.FirstOrDefault(catalog.IsPayloadCName);
            mismatch = named is null || named == payload ? null : $"{foreign.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)} ({named})";
        }
        else
        {
            return false;
        }

        if (mismatch is null)
        {
            // The type is the storage the kernel reads or writes, like a buffer.
            return CheckLength(context, catalog, command, measured, location, isBuffer: true);
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.PayloadMismatch, location, command.Name, SockOptParser.Expected(command), mismatch));
        return true;
    }

    private static bool CheckLength(CallContext context, SockOptCatalog catalog, SockOptCommandDeclaration command, Measured measured, Location location, bool isBuffer)
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
