using System.Collections.Generic;
using System.IO;
using System.Linq;
using KernelStructs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KernelStructs.Generator.Tests.Generator;

/// <summary>
/// Generated doc comments follow the compilation's <see cref="DocumentationMode"/>: written where the compiler parses them
/// (the IDE's <see cref="DocumentationMode.Parse"/>, and <see cref="DocumentationMode.Diagnose"/> in a build that writes an
/// XML documentation file), left out where it reads them as plain comments (<see cref="DocumentationMode.None"/>, a
/// command-line build without one). Nothing but the <c>///</c> lines may differ. The inputs are the snapshot scenarios,
/// which between them have every kind of generated member.
/// </summary>
public class DocumentationModeTests
{
    public static IEnumerable<object[]> Scenarios() => SnapshotTests.Scenarios();

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Without_parsed_doc_comments_the_output_is_the_same_code_without_its_doc_comments(string scenario)
    {
        var documented = Generate(scenario, DocumentationMode.Parse, out _);
        var plain = Generate(scenario, DocumentationMode.None, out var output);

        Assert.Equal(documented.Keys.OrderBy(k => k), plain.Keys.OrderBy(k => k));
        Assert.Contains(documented.Values, text => DocLines(text).Any());
        foreach (var (hintName, text) in plain)
        {
            Assert.Empty(DocLines(text));
            Assert.Equal(WithoutDocLines(documented[hintName]), text);
        }

        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void A_build_that_writes_documentation_gets_the_doc_comments_and_no_documentation_warnings(string scenario)
    {
        var documented = Generate(scenario, DocumentationMode.Parse, out _);
        var diagnosed = Generate(scenario, DocumentationMode.Diagnose, out var output);

        Assert.Equal(documented, diagnosed);
        // CS1591 (missing comment) is suppressed for the scenarios' own inputs; everything else about doc comments is
        // reported as an error (CS1570 malformed XML, CS1574 unresolved cref, CS1572/CS1573 parameters...).
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static Dictionary<string, string> Generate(string scenario, DocumentationMode mode, out Compilation output)
    {
        var text = File.ReadAllText(Path.Combine(Snapshots.Directory(), scenario, "Input.cs"));
        var parseOptions = GeneratorHarness.ParseOptions.WithDocumentationMode(mode);
        (var result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(parseOptions, text), parseOptions);
        Assert.Empty(result.Diagnostics);
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        return result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());
    }

    private static IEnumerable<string> DocLines(string text) => text.Split('\n').Where(IsDocLine);

    private static string WithoutDocLines(string text) => string.Join("\n", text.Split('\n').Where(line => !IsDocLine(line)));

    private static bool IsDocLine(string line) => line.TrimStart().StartsWith("///", System.StringComparison.Ordinal);
}
