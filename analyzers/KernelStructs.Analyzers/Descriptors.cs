using Microsoft.CodeAnalysis;

namespace KernelStructs.Analyzers;

/// <summary>
/// Every diagnostic KernelStructs reports. IDs by area: KS0xxx usage, KS1xxx layout,
/// KS2xxx socket options, KS3xxx addresses. Each links to <c>docs/diagnostics/KSnnnn.md</c>.
/// </summary>
internal static class Descriptors
{
    private const string HelpRoot = "https://github.com/kernelstructs/kernelstructs/blob/main/docs/diagnostics/";

    private static DiagnosticDescriptor Rule(string id, string title, string message, string category, DiagnosticSeverity severity, string? description = null)
        => new(id, title, message, category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpRoot + id + ".md");

    // ---- KS1xxx: struct mirrors and layout -------------------------------------------------

    // ---- KS2xxx: socket options ------------------------------------------------------------

    // ---- KS3xxx: addresses -----------------------------------------------------------------

    public static readonly DiagnosticDescriptor InvalidAddressLiteral = Rule(
        "KS3001", "The strict address parser rejects this constant",
        "{0} rejects \"{1}\": {2}",
        "KernelStructs.Addresses", DiagnosticSeverity.Error,
        "In4Pton and In6Pton parse like the kernel's in4_pton and in6_pton; with a constant text and delimiter the result is known at compile time, and this call always fails.");

    public static readonly DiagnosticDescriptor MisreadAddressLiteral = Rule(
        "KS3002", "in_aton misreads this constant",
        "in_aton reads \"{0}\" as {1}: {2}",
        "KernelStructs.Addresses", DiagnosticSeverity.Warning,
        "InAton, like the kernel's in_aton, never fails: text that is not a plain dotted quad is silently read as some other address.");
}
