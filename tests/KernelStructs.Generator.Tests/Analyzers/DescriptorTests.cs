using System;
using System.IO;
using System.Linq;
using KernelStructs.Analyzers;
using KernelStructs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace KernelStructs.Generator.Tests.Analyzers;

/// <summary>Every descriptor the analyzer reports has its documentation page, help link and release-tracking row.</summary>
public sealed class DescriptorTests
{
    private static readonly string Root = RepositoryRoot.Path;

    /// <summary>Every analyzer the package ships: every DiagnosticAnalyzer in the analyzers assembly.</summary>
    private static readonly DiagnosticDescriptor[] All = typeof(KernelStructAnalyzer).Assembly.GetTypes()
        .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
        .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
        .ToArray();

    public static TheoryData<string> Ids() => new(All.Select(d => d.Id).Distinct());

    [Fact]
    public void Socket_option_analyzer_is_among_them()
        => Assert.Contains(All, d => d.Id == "KS2001");

    [Theory]
    [MemberData(nameof(Ids))]
    public void Diagnostic_has_a_doc_page_a_help_link_and_a_release_row(string id)
    {
        var descriptor = All.First(d => d.Id == id);
        var page = Path.Combine(Root, "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(page), $"missing {page}");
        var text = File.ReadAllText(page);
        Assert.StartsWith($"# {id}: {descriptor.Title}", text, StringComparison.Ordinal);
        Assert.Contains($"dotnet_diagnostic.{id}.severity", text, StringComparison.Ordinal);
        Assert.EndsWith($"docs/diagnostics/{id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);

        var releases = File.ReadAllLines(Path.Combine(Root, "analyzers", "KernelStructs.Analyzers", "AnalyzerReleases.Unshipped.md"));
        // Release tracking writes "Disabled" for a rule that is off by default.
        var severity = descriptor.IsEnabledByDefault ? descriptor.DefaultSeverity.ToString() : "Disabled";
        Assert.Contains(releases, line => line.StartsWith($"{id} | {descriptor.Category} | {severity} |", StringComparison.Ordinal));
    }
}
