using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KernelStructs.Analyzers.Addresses;

/// <summary>
/// Runs the kernel's address parsers (the runtime's own code, linked in) on constant text passed to
/// <c>KernelStructs.Inet</c>: KS3001 when In4Pton/In6Pton always fail, KS3002 when InAton misreads.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AddressLiteralAnalyzer : DiagnosticAnalyzer
{
    private const string InetType = "KernelStructs.Inet";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.InvalidAddressLiteral, Descriptors.MisreadAddressLiteral);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        // Inet is looked up at the first call to one of its parsers' names, not when the compilation starts: a lookup then
        // would make this analyzer build the compiler's declaration table (parse every lazily parsed tree, the generated
        // ones included), work the compiler does anyway before any method body is bound.
        context.RegisterCompilationStartAction(start =>
        {
            var compilation = start.Compilation;
            var inet = new Lazy<INamedTypeSymbol?>(() => compilation.GetTypeByMetadataName(InetType), System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
            // Calls by syntax, the operation asked for only where a parser's name is called: an operation action would
            // make the compiler build the operations of every attribute and field initializer too.
            start.RegisterSyntaxNodeAction(c => Analyze(c, inet), SyntaxKind.InvocationExpression);
        });
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, Lazy<INamedTypeSymbol?> inet)
    {
        var name = ((InvocationExpressionSyntax)context.Node).Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null, // (Inet.In4Pton)(...) and the like: no name to go by
        };
        if ((name is not null && !IsParser(name))
            || context.SemanticModel.GetOperation(context.Node, context.CancellationToken) is not IInvocationOperation call)
            return;
        IMethodSymbol method = call.TargetMethod;
        if (!IsParser(method.Name) || method.ContainingType is not { Name: "Inet" } type
            || inet.Value is not { } inetType || !SymbolEqualityComparer.Default.Equals(type, inetType))
            return;
        switch (method.Name)
        {
            case "InAton":
                if (ConstantText(call, "text") is string text && InAtonProblem(text) is string problem)
                {
                    uint value = InetCore.InAton(text.AsSpan());
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.MisreadAddressLiteral, TextLocation(call),
                        Printable(text), Dotted(value), problem));
                }
                break;
            case "In4Pton":
            case "In6Pton":
                if (ConstantText(call, "text") is string strict && ConstantInt(call, "delimiter") is int delimiter
                    && delimiter >= InetCore.NoDelimiter && delimiter <= 0x7F)
                {
                    bool ok = method.Name == "In4Pton"
                        ? InetCore.In4Pton(strict.AsSpan(), delimiter, out _, out int end)
                        : InetCore.In6Pton(strict.AsSpan(), delimiter, new byte[16], out end);
                    if (!ok)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidAddressLiteral, TextLocation(call),
                            method.Name == "In4Pton" ? "in4_pton" : "in6_pton", Printable(strict), StopReason(strict, end)));
                    }
                }
                break;
        }
    }

    /// <summary>The names of <c>Inet</c>'s parsers this analyzer checks.</summary>
    private static bool IsParser(string name) => name is "InAton" or "In4Pton" or "In6Pton";

    /// <summary>The constant text of a string argument, a "..."u8 literal included.</summary>
    private static string? ConstantText(IInvocationOperation call, string parameter)
    {
        IArgumentOperation? argument = Argument(call, parameter);
        if (argument is null)
            return null;
        IOperation value = argument.Value;
        while (value is IConversionOperation conversion && !value.ConstantValue.HasValue)
            value = conversion.Operand;
        if (value.ConstantValue is { HasValue: true, Value: string s })
            return s;
        if (value.Syntax is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.Utf8StringLiteralExpression))
            return literal.Token.ValueText;
        return null;
    }

    private static int? ConstantInt(IInvocationOperation call, string parameter)
        => Argument(call, parameter)?.Value.ConstantValue is { HasValue: true, Value: int i } ? i : null;

    private static IArgumentOperation? Argument(IInvocationOperation call, string parameter)
    {
        foreach (IArgumentOperation argument in call.Arguments)
            if (argument.Parameter?.Name == parameter)
                return argument;
        return null;
    }

    private static Location TextLocation(IInvocationOperation call)
        => Argument(call, "text")?.Syntax.GetLocation() ?? call.Syntax.GetLocation();

    /// <summary>Why in_aton does not read <paramref name="text"/> as the dotted quad it seems to be; null when it does.</summary>
    internal static string? InAtonProblem(string text)
    {
        // Correct: a dotted quad in4_pton accepts, ending the text, optionally followed by one newline.
        if (InetCore.In4Pton(text.AsSpan(), '\n', out _, out int end)
            && (end == text.Length || (end == text.Length - 1 && text[end] == '\n')))
            return null;

        int octets = 1;
        int digits = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\0')
                return $"the NUL at offset {i} ends the text";
            if (c == '.' || c == '\n')
            {
                if (octets == 4)
                    return $"the text after offset {i} is ignored";
                if (digits == 0)
                    return $"octet {octets} is empty and reads as 0";
                octets++;
                digits = 0;
                continue;
            }
            if (c < '0' || c > '9')
                return $"'{Printable(c.ToString())}' at offset {i} is not a digit but is read as one, worth {(int)c - '0'}";
            digits++;
        }
        if (digits == 0)
            return $"octet {octets} is empty and reads as 0";
        if (octets < 4)
            return $"it has {octets} octet{(octets == 1 ? "" : "s")}; the missing ones read as 0 at the end";
        return "an octet is above 255 and its high bits spill into the octet before";
    }

    private static string StopReason(string text, int end)
    {
        if (end >= text.Length)
            return "the text ends before the address is complete";
        char c = text[end];
        return $"parsing stops at offset {end} ('{Printable(c.ToString())}')";
    }

    private static string Dotted(uint value)
        => $"{value >> 24}.{(value >> 16) & 0xFF}.{(value >> 8) & 0xFF}.{value & 0xFF}";

    private static string Printable(string s)
        => s.Replace("\\", "\\\\").Replace("\n", "\\n").Replace("\r", "\\r").Replace("\t", "\\t").Replace("\0", "\\0");
}
