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
}
