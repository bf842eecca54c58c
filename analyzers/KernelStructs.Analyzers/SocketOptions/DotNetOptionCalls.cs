using System.Collections.Immutable;
using System.Threading;
using KernelStructs.Generator.Parsing;
using KernelStructs.Generator.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KernelStructs.Analyzers.SocketOptions;

/// <summary>
/// KS2013: <c>Socket.SetSocketOption</c>/<c>GetSocketOption</c> with a kernel number cast to <c>SocketOptionName</c>
/// (or a kernel level cast to <c>SocketOptionLevel</c>). .NET reads both as its own enums and translates them
/// (<see cref="DotNetSocketOptions"/>): the diagnostic says what the call really does on Linux, and offers the raw call
/// that passes the kernel's numbers as they are.
/// </summary>
internal static class DotNetOptionCalls
{
    /// <summary>Diagnostic property: the level the raw call takes, as code (<c>(int)global::KernelStructs.SocketLevel.IP</c>).</summary>
    internal const string RawLevelProperty = "RawLevel";

    /// <summary>Diagnostic property: how the raw call takes the value: <c>bytes</c>, <c>int</c> or <c>bool</c>.</summary>
    internal const string RawValueProperty = "RawValue";

    /// <summary>
    /// Reports KS2013 when the call does not pass the cast number on as the kernel's option, and returns false; returns
    /// true with the kernel level when .NET maps the pair to the very option the number names (<c>TCP_NODELAY</c> is 1 in
    /// both), so the usual checks apply.
    /// </summary>
    public static bool PassesThrough(CallContext context, SockOptCatalog catalog, SockOptCall call, out int? kernelLevel)
    {
        kernelLevel = null;
        if (call.Level is not { } levelArgument || call.OptionName is not { } nameArgument)
        {
            return false;
        }

        var cancellationToken = context.CancellationToken;
        var dotNetLevel = OptionNames.Level(levelArgument.Value, catalog, cancellationToken);
        if (dotNetLevel is null)
        {
            return false;
        }

        var levelMapping = DotNetSocketOptions.Level(dotNetLevel.Value);
        if (!call.NameIsCast && levelMapping is not null)
        {
            // One of .NET's own options at a level it knows: .NET's business.
            return false;
        }

        var name = OptionNames.Resolve(nameArgument.Value, catalog, levelMapping is null ? null : (int)levelMapping.Kernel, cancellationToken);
        var command = name.Command;
        var method = call.Invocation.TargetMethod.Name;
        var written = Written(name, nameArgument);
        string consequence;
        if (levelMapping is null)
        {
            consequence = $"{levelArgument.Syntax} ({SockOptAnalyzer.I(dotNetLevel.Value)}) is no SocketOptionLevel .NET knows, so on Linux {method} makes no system call and throws SocketException (OperationNotSupported)";
        }
        else if (name.Value is not { } value)
        {
            if (name.Naming != Naming.CName)
            {
                return false;
            }

            consequence = $"{written} is the kernel's {name.CName}, but {method} reads the number as .NET's own SocketOptionName and translates it: it never runs {name.CName}";
        }
        else if (DotNetSocketOptions.Option(dotNetLevel.Value, value) is not { } option)
        {
            consequence = $"{written} is no option .NET knows at SocketOptionLevel.{levelMapping.Name}, so on Linux {method} makes no system call and throws SocketException (OperationNotSupported)";
        }
        else if (option.KernelName == value && (command is null || command.Level == levelMapping.Kernel) && option.Note is null)
        {
            kernelLevel = (int)levelMapping.Kernel;
            return true;
        }
        else
        {
            var does = call.IsGet ? "reads" : "sets";
            consequence = $"{written} at SocketOptionLevel.{levelMapping.Name} is .NET's {option.DotNetName}: on Linux {method} {does} {option.KernelCName} ({SockOptAnalyzer.I(option.KernelName)}) at {SockOptCatalog.LevelName((int)levelMapping.Kernel)}"
                + (option.Note is null ? string.Empty : $" ({option.Note})")
                + (command is not null || name.Naming == Naming.CName ? $", not {name.CName}" : string.Empty);
        }

        var raw = call.IsGet ? "GetRawSocketOption" : "SetRawSocketOption";
        var properties = RawCall(catalog, call, command, levelMapping, levelArgument, out var rawLevelText);
        var remedy = properties is null
            ? $"; {raw} passes the kernel's numbers as they are"
            : $"; call {raw}({rawLevelText}, ...), which passes the kernel's numbers as they are";
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.DotNetOptionName, nameArgument.Syntax.GetLocation(), properties ?? ImmutableDictionary<string, string?>.Empty, consequence + remedy));
        return false;
    }

    /// <summary>How the message names the argument: as written, with the command and number it carries (<c>(SocketOptionName)IPOptions.IP_TRANSPARENT (19)</c>).</summary>
    private static string Written(OptionNames.Reference name, IArgumentOperation argument)
    {
        var text = argument.Syntax.ToString();
        var inner = name.Syntax.ToString();
        if (name.Command is { } command)
        {
            return inner == command.CName || inner.EndsWith("." + command.CName, System.StringComparison.Ordinal)
                ? $"{text} ({SockOptAnalyzer.I(command.Number)})"
                : $"{text} ({command.CName}, {SockOptAnalyzer.I(command.Number)})";
        }

        return name.Value is { } value && name.Naming != Naming.Literal ? $"{text} ({SockOptAnalyzer.I(value)})" : text;
    }

    /// <summary>
    /// The properties of the raw-call fix, or null when none is offered: the value must be one the raw call takes as
    /// bytes (a <c>byte[]</c>, or an <c>int</c>/<c>bool</c> for SET), the kernel level must be known, and a command, if
    /// named, must belong to this system call and level: the fix never sends a command where it does not belong.
    /// </summary>
    private static ImmutableDictionary<string, string?>? RawCall(SockOptCatalog catalog, SockOptCall call, SockOptCommandDeclaration? command, DotNetSocketOptions.LevelMapping? levelMapping, IArgumentOperation levelArgument, out string levelText)
    {
        levelText = string.Empty;
        var valueKind = call.Invocation.TargetMethod.Parameters is [_, _, { Type: var third }]
            ? third switch
            {
                IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte } => "bytes",
                { SpecialType: SpecialType.System_Int32 } when !call.IsGet => "int",
                { SpecialType: SpecialType.System_Boolean } when !call.IsGet => "bool",
                _ => null,
            }
            : null;
        if (call.OptionName?.Value is not IConversionOperation { IsImplicit: false } || valueKind is null || command is not null && !command.Allows(call.IsGet))
        {
            return null;
        }

        // The kernel's level: the command's, else the one .NET would have meant, else the number the cast carries.
        SocketLevel? kernel = command?.Level ?? levelMapping?.Kernel;
        if (command is not null && levelMapping is not null && command.Level != levelMapping.Kernel)
        {
            return null;
        }

        if (kernel is { } known && SockOptFacts.IsNamed(known))
        {
            levelText = $"(int)SocketLevel.{known}";
            var code = $"(int)global::KernelStructs.SocketLevel.{known}";
            return ImmutableDictionary<string, string?>.Empty.Add(RawLevelProperty, code).Add(RawValueProperty, valueKind);
        }

        if (levelArgument.Value is IConversionOperation { IsImplicit: false, Operand.Type.SpecialType: SpecialType.System_Int32 } cast && cast.Syntax is CastExpressionSyntax castSyntax)
        {
            levelText = castSyntax.Expression.ToString();
            return ImmutableDictionary<string, string?>.Empty.Add(RawLevelProperty, levelText).Add(RawValueProperty, valueKind);
        }

        return null;
    }
}
