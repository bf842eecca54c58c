using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using KernelStructs.Generator.Model;
using KernelStructs.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KernelStructs.Analyzers.SocketOptions;

/// <summary>One argument of the wrapper call a KS2009 fix writes: which argument of the raw call it takes, and how.</summary>
/// <param name="Ordinal">The raw call's argument, by its parameter's ordinal.</param>
/// <param name="RefKind">The modifier the wrapper's parameter needs (<c>ref</c>, <c>out</c>) or none.</param>
/// <param name="TakesVariable">Whether the raw call passes the address of a variable (<c>&amp;value</c>) and the wrapper takes the variable.</param>
internal readonly record struct WrapperArgument(int Ordinal, RefKind RefKind, bool TakesVariable);

/// <summary>
/// The typed wrapper a KS2009 diagnostic offers, carried to the code fix as diagnostic properties: the analyzer writes
/// them here and the fix reads them here, one key per fact.
/// </summary>
/// <param name="Type">The wrapper's containing type, fully qualified.</param>
/// <param name="Name">The wrapper's name.</param>
/// <param name="Display">The form as the diagnostic's message names it, parameters included (<c>W.GetTuple(SocketTarget)</c>): the fix's title names the same.</param>
/// <param name="Arguments">Its arguments, in terms of the raw call's.</param>
internal sealed record WrapperCall(string Type, string Name, string Display, ImmutableArray<WrapperArgument> Arguments)
{
    private const string TypeKey = "WrapperType";
    private const string NameKey = "WrapperName";
    private const string DisplayKey = "WrapperDisplay";
    private const string CountKey = "WrapperArgumentCount";

    public ImmutableDictionary<string, string?> ToProperties()
    {
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties.Add(TypeKey, Type);
        properties.Add(NameKey, Name);
        properties.Add(DisplayKey, Display);
        properties.Add(CountKey, I(Arguments.Length));
        for (var i = 0; i < Arguments.Length; i++)
        {
            properties.Add(Key(i, "Ordinal"), I(Arguments[i].Ordinal));
            properties.Add(Key(i, "RefKind"), Arguments[i].RefKind.ToString());
            properties.Add(Key(i, "TakesVariable"), Arguments[i].TakesVariable ? "true" : "false");
        }

        return properties.ToImmutable();
    }

    public static WrapperCall? FromProperties(ImmutableDictionary<string, string?> properties)
    {
        if (!properties.TryGetValue(TypeKey, out var type) || type is null || !properties.TryGetValue(NameKey, out var name) || name is null
            || !properties.TryGetValue(DisplayKey, out var display) || display is null
            || !properties.TryGetValue(CountKey, out var countText) || !int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return null;
        }

        var arguments = ImmutableArray.CreateBuilder<WrapperArgument>(count);
        for (var i = 0; i < count; i++)
        {
            if (!properties.TryGetValue(Key(i, "Ordinal"), out var ordinal) || !int.TryParse(ordinal, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                || !properties.TryGetValue(Key(i, "RefKind"), out var refKind) || !System.Enum.TryParse<RefKind>(refKind, out var kind)
                || !properties.TryGetValue(Key(i, "TakesVariable"), out var takesVariable))
            {
                return null;
            }

            arguments.Add(new WrapperArgument(value, kind, takesVariable == "true"));
        }

        return new WrapperCall(type, name, display, arguments.MoveToImmutable());
    }

    private static string Key(int index, string fact) => $"WrapperArgument{I(index)}.{fact}";

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// KS2009: a raw call that a generated wrapper makes, and the wrapper's arguments in terms of the call's. Of the forms
/// that fit, it names the one the fix's call binds: a form whose socket parameter takes what the call passes as it is
/// (the declared <c>int</c>, <c>Socket</c> or <c>SafeHandle</c> method, a derived handle included) before a
/// <c>SocketTarget</c> form, which takes it through the user-defined conversion, as C#'s overload resolution prefers it.
/// </summary>
internal static class WrapperSuggestion
{
    /// <summary>How the message and the fix's title name a form: <c>W.TryGetTuple(int, out ModTuple)</c>.</summary>
    internal static readonly SymbolDisplayFormat FormFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeParameters,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeParamsRefOut,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    public static void Suggest(CallContext context, SockOptCatalog catalog, SockOptCall call, SockOptCommandDeclaration command)
    {
        var wrappers = catalog.Wrappers(command, call.IsGet);
        if (wrappers.Count == 0 || context.ContainingSymbol is not IMethodSymbol caller)
        {
            return;
        }

        (SockOptWrapper Wrapper, ImmutableArray<WrapperArgument> Arguments)? converted = null;
        foreach (var wrapper in wrappers)
        {
            if (SymbolEqualityComparer.Default.Equals(wrapper.Method, caller) || SymbolEqualityComparer.Default.Equals(wrapper.Method, caller.PartialDefinitionPart)
                || !Symbols.IsAccessible(wrapper.Method, caller))
            {
                continue;
            }

            if (Arguments(context.Compilation, catalog, call, wrapper) is not { } fit)
            {
                continue;
            }

            if (!fit.ConvertsSocket)
            {
                Report(context, call, command, wrapper, fit.Arguments);
                return;
            }

            converted ??= (wrapper, fit.Arguments);
        }

        if (converted is { } form)
        {
            Report(context, call, command, form.Wrapper, form.Arguments);
        }
    }

    private static void Report(CallContext context, SockOptCall call, SockOptCommandDeclaration command, SockOptWrapper wrapper, ImmutableArray<WrapperArgument> arguments)
    {
        var display = wrapper.Method.ToDisplayString(FormFormat);
        var offer = new WrapperCall(wrapper.Method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), wrapper.Method.Name, display, arguments);
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.UseTypedWrapper, call.Invocation.Syntax.GetLocation(), offer.ToProperties(), display, call.SystemCall, command.Name));
    }

    /// <summary>
    /// What the call passes as its socket: the argument as written, without the conversions the compiler added to reach
    /// the raw method's parameter (a cast the user wrote stays, and the fix writes it again).
    /// </summary>
    private static ITypeSymbol? Passed(IOperation argument)
    {
        while (argument is IConversionOperation { IsImplicit: true } conversion)
        {
            argument = conversion.Operand;
        }

        return argument.Type;
    }

    /// <summary>
    /// The wrapper's arguments in terms of the call's, when the wrapper's shape fits the call, and whether its socket
    /// parameter takes the call's socket through a user-defined conversion (a <c>SocketTarget</c> form); else null.
    /// </summary>
    private static (ImmutableArray<WrapperArgument> Arguments, bool ConvertsSocket)? Arguments(Compilation compilation, SockOptCatalog catalog, SockOptCall call, SockOptWrapper wrapper)
    {
        if (call.Socket is not { } socket || Passed(socket.Value) is not { } socketType
            || compilation.ClassifyConversion(socketType, wrapper.Method.Parameters[0].Type) is not { IsImplicit: true } conversion)
        {
            return null;
        }

        return Shape(catalog, call, socket, wrapper) is { } arguments ? (arguments, conversion.IsUserDefined) : null;
    }

    /// <summary>The wrapper's arguments in terms of the call's, when the wrapper's shape fits the call; else null.</summary>
    private static ImmutableArray<WrapperArgument>? Shape(SockOptCatalog catalog, SockOptCall call, IArgumentOperation socket, SockOptWrapper wrapper)
    {
        var payload = wrapper.Payload;
        bool Same(ITypeSymbol? type) => payload is not null && SymbolEqualityComparer.Default.Equals(type, payload);
        var s = new WrapperArgument(socket.Parameter!.Ordinal, RefKind.None, false);
        ImmutableArray<WrapperArgument> With(params WrapperArgument[] rest) => new[] { s }.Concat(rest).ToImmutableArray();

        if (call.Path == SockOptPath.Engine)
        {
            // The engine's parameters by their [SockOptArgument] role, its out length by its type, its Try form by its return type.
            var method = call.Invocation.TargetMethod.OriginalDefinition;
            var valueParameter = call.Value?.Parameter;
            var lengthParameter = method.Parameters.FirstOrDefault(p => p.RefKind == RefKind.Out && p.Type.SpecialType == SpecialType.System_Int32 && catalog.ArgumentRole(p) is null);
            var valueKind = valueParameter?.RefKind ?? RefKind.None;
            var span = valueParameter?.Type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", IsGenericType: true };
            var isTry = TypeNames.Is(method.ReturnType, "KernelStructs.Errno");
            var typed = Same(call.TypeArgument);
            WrapperArgument Value(RefKind kind = RefKind.None) => new(valueParameter!.Ordinal, kind, false);
            WrapperArgument Length() => new(lengthParameter!.Ordinal, RefKind.Out, false);
            return (wrapper.Shape, isTry, call.IsGet) switch
            {
                (SockOptShape.GetValue, false, true) when valueParameter is null && lengthParameter is null && typed => With(),
                (SockOptShape.GetValueWithLength, false, true) when valueParameter is null && lengthParameter is not null && typed => With(Length()),
                (SockOptShape.GetRef, false, true) when valueKind == RefKind.Ref && typed => With(Value(RefKind.Ref)),
                (SockOptShape.GetSpan, false, true) when span => With(Value()),
                (SockOptShape.TryGetValue, true, true) when valueKind == RefKind.Out && lengthParameter is null && typed => With(Value(RefKind.Out)),
                (SockOptShape.TryGetValueWithLength, true, true) when valueKind == RefKind.Out && lengthParameter is not null && typed => With(Value(RefKind.Out), Length()),
                (SockOptShape.TryGetRef, true, true) when valueKind == RefKind.Ref && typed => With(Value(RefKind.Ref)),
                (SockOptShape.TryGetSpan, true, true) when span && lengthParameter is not null => With(Value(), Length()),
                (SockOptShape.SetValue, false, false) or (SockOptShape.TrySetValue, true, false) when !span && typed => With(Value()),
                (SockOptShape.SetSpan, false, false) or (SockOptShape.TrySetSpan, true, false) when span => With(Value()),
                _ => null,
            };
        }

        // A setsockopt whose result is dropped: the wrapper does the same and throws instead of failing silently.
        if (call.Path is SockOptPath.LibC or SockOptPath.PInvoke && !call.IsGet && wrapper.Shape == SockOptShape.SetValue
            && call.Invocation.Parent is IExpressionStatementOperation
            && call.Value is { } value && OptionNames.Unwrap(value.Value) is IAddressOfOperation { Reference.Type: var pointee } && Same(pointee)
            && call.Length is { } length && Lengths.Measure(OptionNames.Unwrap(length.Value), null, 0, System.Threading.CancellationToken.None) is { Type: { } measured } && Same(measured))
        {
            return With(new WrapperArgument(value.Parameter!.Ordinal, RefKind.None, TakesVariable: true));
        }

        return null;
    }
}
