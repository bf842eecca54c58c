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
/// raw call that a typed wrapper already makes.
/// </summary>
/// <remarks>
/// Commands are the <c>[SockOptCommand]</c> constants visible to the compilation (the referenced catalog, the user's
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

    /// <summary>Diagnostic property (KS2009): the wrapper's fully qualified containing type.</summary>
    internal const string WrapperTypeProperty = "WrapperType";

    /// <summary>Diagnostic property (KS2009): the wrapper's name.</summary>
    internal const string WrapperNameProperty = "WrapperName";

    /// <summary>
    /// Diagnostic property (KS2009): the wrapper's arguments, as the call's argument ordinals each with its
    /// modifier (<c>0,ref 3</c>); <c>&amp;3</c> takes the variable whose address argument 3 is.
    /// </summary>
    internal const string WrapperArgumentsProperty = "WrapperArguments";

    private const int MaxFolding = 8;

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
            start.RegisterSyntaxNodeAction(context => AnalyzeWrapper(context, catalog), SyntaxKind.MethodDeclaration);
            start.RegisterSyntaxNodeAction(context => AnalyzeCommandDeclaration(context, catalog), SyntaxKind.FieldDeclaration);
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

        var level = call.Level is null ? null : ConstantLevel(call.Level.Value, call.LevelIsSocketOptionLevel);
        var reference = Resolve(optionName.Value, catalog, 0);
        SockOptCommand? command;
        if (reference.Command is { } annotated)
        {
            command = annotated;
            if (annotated.IsGet != call.IsGet)
            {
                ReportWrongDirection(context, catalog, call, annotated, reference.Syntax);
                return;
            }

            if (level is { } actual && actual != annotated.Level)
            {
                var runs = catalog.Commands(actual, annotated.Value, call.IsGet).FirstOrDefault();
                var consequence = runs is null ? string.Empty : $": there, {I(annotated.Value)} on {call.SystemCall} is {runs.Name}";
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.WrongLevel, call.Level!.Value.Syntax.GetLocation(), annotated.Name, SockOptCatalog.LevelName(annotated.Level), SockOptCatalog.LevelName(actual), consequence));
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
        if (!reported && reference.Command is not null && (level is null || level == command.Level))
        {
            SuggestWrapper(context, catalog, call, command);
        }
    }

    private static void ReportWrongDirection(OperationAnalysisContext context, SockOptCatalog catalog, SockOptCall call, SockOptCommand command, SyntaxNode syntax)
    {
        var runs = catalog.Commands(command.Level, command.Value, call.IsGet).FirstOrDefault();
        var consequence = runs is null
            ? $"this compilation knows no {call.SystemCall} command {I(command.Value)} at {SockOptCatalog.LevelName(command.Level)}"
            : $"{I(command.Value)} at {SockOptCatalog.LevelName(command.Level)} on {call.SystemCall} is {runs.Name}";
        var message = $"'{command.Name}' is a {Direction(command.IsGet)} command, but this call is {call.SystemCall}: {consequence}";

        var properties = ImmutableDictionary<string, string?>.Empty;
        if (Counterpart(catalog, command, context.ContainingSymbol) is { } counterpart)
        {
            properties = properties.Add(CounterpartProperty, counterpart.QualifiedName);
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.WrongDirection, syntax.GetLocation(), properties, message));
    }

    /// <summary>
    /// The command of the other direction that a wrong-direction call clearly meant: at the same level, with the
    /// same payload type, named the same (<c>SocketLayer.Get.SO_LINGER</c> and <c>SocketLayer.Set.SO_LINGER</c>) or
    /// with <c>GET</c> and <c>SET</c> swapped as a whole word (<c>MOD_SO_GET_TUPLE</c> and <c>MOD_SO_SET_TUPLE</c>).
    /// Nothing else: <c>IPT_SO_GET_INFO</c> has no such partner, and guessing one would hide the mistake.
    /// </summary>
    internal static SockOptCommand? Counterpart(SockOptCatalog catalog, SockOptCommand command, ISymbol? within)
    {
        var wanted = new HashSet<string> { command.Name, SwapDirectionWord(command.Name) };
        var matches = catalog.AllCommands()
            .Where(c => c.IsGet != command.IsGet && c.Level == command.Level && wanted.Contains(c.Name) && SymbolEqualityComparer.Default.Equals(c.Payload, command.Payload))
            .Where(c => within is null || within.ContainingAssembly is null || IsAccessible(c.Field, within))
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

    private static bool IsAccessible(ISymbol symbol, ISymbol within)
        => within is INamedTypeSymbol type ? SymbolIsAccessible(symbol, type) : within.ContainingType is { } containing ? SymbolIsAccessible(symbol, containing) : true;

    private static bool SymbolIsAccessible(ISymbol symbol, INamedTypeSymbol within)
    {
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current.DeclaredAccessibility is Accessibility.Private && !SymbolEqualityComparer.Default.Equals(current.ContainingType, within))
            {
                return false;
            }

            if (current.DeclaredAccessibility is Accessibility.Internal or Accessibility.ProtectedAndInternal && !SymbolEqualityComparer.Default.Equals(current.ContainingAssembly, within.ContainingAssembly))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A bare number or an unannotated constant: which command the kernel runs, or the wrong direction.</summary>
    private static SockOptCommand? ByValue(OperationAnalysisContext context, SockOptCatalog catalog, SockOptCall call, int value, int level, SyntaxNode syntax)
    {
        var runs = catalog.Commands(level, value, call.IsGet);
        if (runs.Count > 0)
        {
            var command = runs[0];
            var properties = ImmutableDictionary<string, string?>.Empty;
            if (runs.Count == 1 && IsAccessible(command.Field, context.ContainingSymbol))
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
    private static bool CheckPayloadAndLength(OperationAnalysisContext context, SockOptCatalog catalog, SockOptCall call, SockOptCommand command)
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
            var operand = Unwrap(value.Value);
            if (operand is IAddressOfOperation { Reference.Type: { } pointee })
            {
                reported |= CheckPayload(context, catalog, command, pointee, value.Syntax.GetLocation());
            }
            else if (IsBuffer(value) && Measure(operand, catalog, semanticModel, 0) is { } buffer)
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
        var lengthOperand = call.Length is null ? null : Unwrap(call.Length.Value);
        if (lengthOperand is IAddressOfOperation { Reference: ILocalReferenceOperation lengthLocal })
        {
            lengthOperand = lengthLocal;
        }

        if (call.Length is { } length && lengthOperand is not null && !reported && Measure(lengthOperand, catalog, semanticModel, 0) is { } measured)
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

    private static bool CheckPayload(OperationAnalysisContext context, SockOptCatalog catalog, SockOptCommand command, ITypeSymbol type, Location location)
    {
        if (SockOptCatalog.IsRawBytes(command.Payload) || SymbolEqualityComparer.Default.Equals(type, command.Payload) || type is IPointerTypeSymbol)
        {
            return false;
        }

        if (SockOptCatalog.IsScalar(type) && SockOptCatalog.IsScalar(command.Payload))
        {
            return CheckLength(context, catalog, command, new Measured(null, type, $"{catalog.Describe(type)}"), location, isBuffer: false);
        }

        if (!catalog.IsKernelStruct(type) && !catalog.IsKernelStruct(command.Payload) && !SockOptCatalog.IsScalar(type))
        {
            return false;
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.PayloadMismatch, location, command.Name, catalog.Describe(command.Payload), catalog.Describe(type)));
        return true;
    }

    private static bool CheckLength(OperationAnalysisContext context, SockOptCatalog catalog, SockOptCommand command, Measured measured, Location location, bool isBuffer)
    {
        if (SockOptCatalog.IsRawBytes(command.Payload) || catalog.CSizes(command.Payload) is not { } payload)
        {
            return false;
        }

        // A buffer is the storage itself: the kernel truncates to it, so a larger one is fine for a truncating command.
        if (isBuffer && command.Rule == (int)LengthRule.Truncating)
        {
            return false;
        }

        int[] sizes;
        if (measured.Type is { } type)
        {
            if (SymbolEqualityComparer.Default.Equals(type, command.Payload) || catalog.CSizes(type) is not { } typeSizes)
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

    private static bool Fits(LengthRule rule, int length, int payload, SockOptCommand command, SockOptCatalog catalog)
        => SockOptFacts.CallerLengthFits(rule, length, payload, EntrySize(command, catalog));

    private static int EntrySize(SockOptCommand command, SockOptCatalog catalog)
        => command.Entry is not { } entry || SockOptCatalog.IsRawBytes(entry) || catalog.CSizes(entry) is not { } entrySizes ? 0 : entrySizes[0];

    private static string RuleText(SockOptCatalog catalog, SockOptCommand command, int[] payload, List<int> abis)
    {
        var what = $"its payload {catalog.Describe(command.Payload)} is {SizeText(payload, abis)}";
        var rule = (LengthRule)command.Rule;
        return rule switch
        {
            LengthRule.HeaderPlusEntries => $"its header {catalog.Describe(command.Payload)} is {SizeText(payload, abis)}, and {SockOptFacts.CallerExpectation(rule)}" + (command.Entry is { } entry && !SockOptCatalog.IsRawBytes(entry) ? $" of {catalog.Describe(entry)}" : string.Empty),
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

    private static void SuggestWrapper(OperationAnalysisContext context, SockOptCatalog catalog, SockOptCall call, SockOptCommand command)
    {
        var wrappers = catalog.Wrappers(command.Level, command.Value, command.IsGet);
        if (wrappers.Count == 0 || context.ContainingSymbol is not IMethodSymbol caller)
        {
            return;
        }

        foreach (var wrapper in wrappers)
        {
            if (SymbolEqualityComparer.Default.Equals(wrapper.Method, caller) || SymbolEqualityComparer.Default.Equals(wrapper.Method, caller.PartialDefinitionPart)
                || !IsAccessible(wrapper.Method, caller))
            {
                continue;
            }

            if (WrapperArguments(context.Compilation, call, wrapper) is { } arguments)
            {
                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add(WrapperTypeProperty, wrapper.Method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
                    .Add(WrapperNameProperty, wrapper.Method.Name)
                    .Add(WrapperArgumentsProperty, arguments);
                var name = wrapper.Method.ContainingType.Name + "." + wrapper.Method.Name;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.UseTypedWrapper, call.Invocation.Syntax.GetLocation(), properties, name, call.SystemCall, command.Name));
                return;
            }
        }
    }

    /// <summary>The wrapper's arguments in terms of the call's, when the wrapper's shape fits the call; else null.</summary>
    private static string? WrapperArguments(Compilation compilation, SockOptCall call, SockOptWrapper wrapper)
    {
        var method = call.Invocation.TargetMethod;
        if (call.Socket is not { } socket || Unwrap(socket.Value).Type is not { } socketType
            || !compilation.ClassifyConversion(socketType, wrapper.Method.Parameters[0].Type).IsImplicit)
        {
            return null;
        }

        var payload = wrapper.Payload;
        bool Same(ITypeSymbol? type) => payload is not null && SymbolEqualityComparer.Default.Equals(type, payload);
        string? Ordinal(string parameterName, string modifier = "")
            => method.Parameters.FirstOrDefault(p => p.Name == parameterName) is { } parameter ? modifier + I(parameter.Ordinal) : null;
        var s = I(socket.Parameter!.Ordinal);

        if (call.Path == SockOptPath.Engine)
        {
            var parameters = method.Parameters;
            var refValue = parameters.Any(p => p.Name == "value" && p.RefKind == RefKind.Ref);
            var outValue = parameters.Any(p => p.Name == "value" && p.RefKind == RefKind.Out);
            var outLength = parameters.Any(p => p.Name == "length" && p.RefKind == RefKind.Out);
            var span = parameters.Any(p => p.Name is "buffer" or "value" && p.Type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan" });
            var isTry = method.Name.StartsWith("Try", System.StringComparison.Ordinal);
            return (wrapper.Shape, isTry, call.IsGet) switch
            {
                (SockOptShape.GetValue, false, true) when !refValue && !outLength && !span && Same(call.TypeArgument) => s,
                (SockOptShape.GetValueWithLength, false, true) when outLength && !span && Same(call.TypeArgument) => s + "," + Ordinal("length", "out "),
                (SockOptShape.GetRef, false, true) when refValue && Same(call.TypeArgument) => s + "," + Ordinal("value", "ref "),
                (SockOptShape.GetSpan, false, true) when span => s + "," + Ordinal("buffer"),
                (SockOptShape.TryGetValue, true, true) when outValue && !outLength && Same(call.TypeArgument) => s + "," + Ordinal("value", "out "),
                (SockOptShape.TryGetRef, true, true) when refValue && Same(call.TypeArgument) => s + "," + Ordinal("value", "ref "),
                (SockOptShape.TryGetSpan, true, true) when span => s + "," + Ordinal("buffer") + "," + Ordinal("length", "out "),
                (SockOptShape.SetValue, false, false) when !span && Same(call.TypeArgument) => s + "," + Ordinal("value"),
                (SockOptShape.TrySetValue, true, false) when !span && Same(call.TypeArgument) => s + "," + Ordinal("value"),
                (SockOptShape.SetSpan, false, false) when span => s + "," + Ordinal("value"),
                (SockOptShape.TrySetSpan, true, false) when span => s + "," + Ordinal("value"),
                _ => null,
            };
        }

        // A setsockopt whose result is dropped: the wrapper does the same and throws instead of failing silently.
        if (call.Path is SockOptPath.LibC or SockOptPath.PInvoke && !call.IsGet && wrapper.Shape == SockOptShape.SetValue
            && call.Invocation.Parent is IExpressionStatementOperation
            && call.Value is { } value && Unwrap(value.Value) is IAddressOfOperation { Reference.Type: var pointee } && Same(pointee)
            && call.Length is { } length && Measure(Unwrap(length.Value), null, null, 0) is { Type: { } measured } && Same(measured))
        {
            return s + ",&" + I(value.Parameter!.Ordinal);
        }

        return null;
    }

    // ---- what an argument is -----------------------------------------------------------------------------------

    /// <summary>What an option-name argument is: an annotated command, or only a number.</summary>
    private readonly struct Reference
    {
        public Reference(SockOptCommand? command, int? value, SyntaxNode syntax)
        {
            Command = command;
            Value = value;
            Syntax = syntax;
        }

        public SockOptCommand? Command { get; }

        public int? Value { get; }

        public SyntaxNode Syntax { get; }
    }

    /// <summary>
    /// Follows an option name to the constant it comes from: through casts, <c>const</c> locals and the
    /// initializers of unannotated <c>const</c> fields declared in the same file. Aliases and <c>using static</c>
    /// need nothing: they bind to the field itself.
    /// </summary>
    private static Reference Resolve(IOperation operation, SockOptCatalog catalog, int depth)
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
                        return new Reference(command, command.Value, syntax);
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
    private static IOperation? Initializer(ISymbol symbol, SemanticModel? semanticModel)
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

    private static int? ConstantLevel(IOperation operation, bool socketOptionLevel)
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

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>A length: a number of bytes, or the size of a type (<c>sizeof(T)</c> and the like).</summary>
    private sealed class Measured
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

    /// <summary>
    /// The length a length argument or a buffer stands for: <c>sizeof(T)</c>, <c>Unsafe.SizeOf&lt;T&gt;()</c>,
    /// <c>Marshal.SizeOf&lt;T&gt;()</c>, <c>Marshal.SizeOf(typeof(T))</c>, <c>T.SizeOf</c>, a constant,
    /// <c>new byte[N]</c>, <c>stackalloc byte[N]</c>, <c>value.AsBytes()</c>, or a local initialised with one
    /// of these and never assigned again.
    /// </summary>
    private static Measured? Measure(IOperation operation, SockOptCatalog? catalog, SemanticModel? semanticModel, int depth)
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
                return new Measured(length, null, $"a {I(length)}-byte array");
            case IInvocationOperation { TargetMethod.Name: "AsBytes" or "AsReadOnlyBytes", Instance: { Type: { } viewed } } when catalog is not null && catalog.IsKernelStruct(viewed):
                return new Measured(null, viewed, $"{viewed.Name}.AsBytes()");
            case ILocalReferenceOperation { Local: var local } when depth < MaxFolding && !local.IsConst && semanticModel is not null && AssignedOnce(local, semanticModel):
                return Initializer(local, semanticModel) is { } initializer ? Measure(Unwrap(initializer), catalog, semanticModel, depth + 1) : null;
        }

        if (operation.ConstantValue is { HasValue: true, Value: int bytes })
        {
            return new Measured(bytes, null, I(bytes));
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
            return new Measured(stackBytes, null, $"a {I(stackBytes)}-byte buffer");
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

    // ---- declarations ------------------------------------------------------------------------------------------

    /// <summary>KS2010/KS2011 from the generator's parser; KS2007/KS2008/KS2005 against the command the attribute names.</summary>
    private static void AnalyzeWrapper(SyntaxNodeAnalysisContext context, SockOptCatalog catalog)
    {
        var syntax = (MethodDeclarationSyntax)context.Node;
        if (syntax.AttributeLists.Count == 0 || context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is not { } method
            || method.PartialDefinitionPart is not null || catalog.ReadWrapperAttribute(method) is not { } read)
        {
            return;
        }

        var model = SockOptParser.Parse(method, syntax, context.CancellationToken);
        foreach (var problem in model.Problems)
        {
            var descriptor = problem.Id switch
            {
                "KS2010" => Descriptors.InvalidSockOptMethod,
                "KS2011" => Descriptors.SockOptWithoutLevel,
                _ => null,
            };
            if (descriptor is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(descriptor, syntax.Identifier.GetLocation(), problem.Arguments.ToArray()));
            }
        }

        var attribute = method.GetAttributes().First(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, read.IsGet ? catalog.GetAttribute : catalog.SetAttribute));
        if (attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is not AttributeSyntax { ArgumentList: { } arguments }
            || arguments.Arguments.FirstOrDefault(a => a.NameEquals is null && a.NameColon is null) is not { } first)
        {
            return;
        }

        var attributeName = read.IsGet ? "GetSockOpt" : "SetSockOpt";
        var command = context.SemanticModel.GetSymbolInfo(first.Expression, context.CancellationToken).Symbol is IFieldSymbol field ? catalog.Command(field) : null;
        if (command is null)
        {
            if (read.Level >= 0 && catalog.Commands(read.Level, read.Value, read.IsGet).Count == 0 && catalog.Commands(read.Level, read.Value, !read.IsGet).FirstOrDefault() is { } other)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.WrapperDirection, first.GetLocation(), attributeName, method.Name, $"{I(read.Value)} at {SockOptCatalog.LevelName(read.Level)}, which is {other.Name}", Direction(other.IsGet)));
            }

            return;
        }

        if (command.IsGet != read.IsGet)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.WrapperDirection, first.GetLocation(), attributeName, method.Name, $"'{command.Name}'", Direction(command.IsGet)));
            return;
        }

        if (read.Level >= 0 && read.Level != command.Level)
        {
            var levelSyntax = arguments.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Level") ?? first;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.WrapperLevel, levelSyntax.GetLocation(), method.Name, SockOptCatalog.LevelName(read.Level), command.Name, SockOptCatalog.LevelName(command.Level)));
        }

        if (model.Problems.Count == 0 && SockOptCatalog.PayloadOf(method, model.Shape) is { } payload
            && !SockOptCatalog.IsRawBytes(command.Payload) && !SymbolEqualityComparer.Default.Equals(payload, command.Payload))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.PayloadMismatch, syntax.Identifier.GetLocation(), command.Name, catalog.Describe(command.Payload), catalog.Describe(payload)));
        }
    }

    /// <summary>KS2006: a command annotation on something that is not an <c>int</c> constant, or with a payload that has no C layout.</summary>
    private static void AnalyzeCommandDeclaration(SyntaxNodeAnalysisContext context, SockOptCatalog catalog)
    {
        var syntax = (FieldDeclarationSyntax)context.Node;
        if (syntax.AttributeLists.Count == 0)
        {
            return;
        }

        foreach (var variable in syntax.Declaration.Variables)
        {
            if (context.SemanticModel.GetDeclaredSymbol(variable, context.CancellationToken) is not IFieldSymbol field
                || field.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, catalog.CommandAttribute)) is not { } attribute)
            {
                continue;
            }

            string? problem = null;
            if (!field.IsConst || field.Type.SpecialType != SpecialType.System_Int32)
            {
                problem = "must be a const int: the analyzers read its value at compile time";
            }
            else if (SockOptCatalog.ReadCommandAttribute(attribute) is { } read)
            {
                if (!ValidPayload(catalog, read.Payload))
                {
                    problem = $"declares the payload {read.Payload.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}, which is neither a [KernelStruct] nor an integer or byte-order type (use byte for raw bytes)";
                }
                else if (read.Entry is { } entry && !ValidPayload(catalog, entry))
                {
                    problem = $"declares the entry {entry.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}, which is neither a [KernelStruct] nor an integer or byte-order type";
                }
                else if (read.Entry is not null && read.Rule != (int)LengthRule.HeaderPlusEntries)
                {
                    problem = "declares an Entry type, which only LengthRule.HeaderPlusEntries uses";
                }
            }

            if (problem is not null)
            {
                var location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? variable.Identifier.GetLocation();
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidCommand, location, field.Name, problem));
            }
        }
    }

    private static bool ValidPayload(SockOptCatalog catalog, ITypeSymbol type)
        => SockOptCatalog.IsScalar(type) || catalog.IsKernelStruct(type);

    private static string Direction(bool isGet) => isGet ? "getsockopt" : "setsockopt";

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

}
