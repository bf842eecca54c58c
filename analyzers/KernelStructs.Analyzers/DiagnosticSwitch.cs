using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelStructs.Analyzers;

/// <summary>
/// Whether a diagnostic can be reported in a file, so that an analyzer skips the work of one that is off (KS1105's
/// layout pictures). It is on when its default, the compilation's options (command line, rule set), the file's
/// <c>.editorconfig</c> severity (or else a global config's) or a bulk <c>dotnet_analyzer_diagnostic</c> setting turns
/// it on; a file's own severity overrides a global config's, as in the compiler. Between the command line and a file's
/// severity, either turning it on counts: a wrong "on" only costs time, a wrong "off" would lose a diagnostic the user
/// asked for.
/// </summary>
internal static class DiagnosticSwitch
{
    public static bool IsOn(DiagnosticDescriptor descriptor, Compilation compilation, AnalyzerOptions options, SyntaxTree? tree, CancellationToken cancellationToken)
    {
        var on = descriptor.IsEnabledByDefault;
        if (compilation.Options.SpecificDiagnosticOptions.TryGetValue(descriptor.Id, out var specific))
        {
            on = specific != ReportDiagnostic.Suppress;
        }

        if (on)
        {
            return true;
        }

        // .editorconfig (dotnet_diagnostic.ID.severity) for the file, then global configs.
        if (compilation.Options.SyntaxTreeOptionsProvider is { } provider)
        {
            if (tree is not null && provider.TryGetDiagnosticValue(tree, descriptor.Id, cancellationToken, out var perFile))
            {
                return perFile != ReportDiagnostic.Suppress;
            }

            if (provider.TryGetGlobalDiagnosticValue(descriptor.Id, cancellationToken, out var global))
            {
                return global != ReportDiagnostic.Suppress;
            }
        }

        // Bulk settings by category or for every analyzer diagnostic.
        var config = tree is null ? options.AnalyzerConfigOptionsProvider.GlobalOptions : options.AnalyzerConfigOptionsProvider.GetOptions(tree);
        return TurnsOn(config, "dotnet_analyzer_diagnostic.category-" + descriptor.Category + ".severity")
            || TurnsOn(config, "dotnet_analyzer_diagnostic.severity");
    }

    private static bool TurnsOn(AnalyzerConfigOptions config, string key)
        => config.TryGetValue(key, out var value) && !string.Equals(value.Trim(), "none", StringComparison.OrdinalIgnoreCase);
}
