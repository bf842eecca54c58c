using System.Collections.Generic;
using System.IO;
using System.Linq;
using KernelStructs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KernelStructs.Generator.Tests.Generator;

/// <summary>
/// One folder per scenario under <c>Snapshots/</c>: <c>Input.cs</c> and the expected generated files.
/// <c>KS_ACCEPT_SNAPSHOTS=1</c> rewrites the expected files. An <c>Input.cs</c> whose first line is
/// <c>// snapshot: *.SockOpt.g.cs</c> keeps only the outputs whose names end so (the rest has scenarios of its own).
/// </summary>
public class SnapshotTests
{
    public static IEnumerable<object[]> Scenarios()
        => Directory.GetDirectories(Snapshots.Directory()).Select(d => new object[] { Path.GetFileName(d) }).OrderBy(s => (string)s[0]);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Generated_source_matches_the_checked_in_output(string scenario)
    {
        var folder = Path.Combine(Snapshots.Directory(), scenario);
        var text = File.ReadAllText(Path.Combine(folder, "Input.cs"));
        const string scope = "// snapshot: *";
        var suffix = text.StartsWith(scope, System.StringComparison.Ordinal) ? text[scope.Length..text.IndexOf('\n', System.StringComparison.Ordinal)].Trim() : string.Empty;
        var input = GeneratorHarness.Compile(text);
        var (result, output) = GeneratorHarness.Run(input);

        Assert.Empty(result.Diagnostics);
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        var generated = result.Results.SelectMany(r => r.GeneratedSources).Where(g => g.HintName.EndsWith(suffix, System.StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(generated);

        // The output compiles without a single warning, with nullable and warnings-as-errors on.
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        foreach (var source in generated)
        {
            Snapshots.Match(Path.Combine(folder, source.HintName), source.SourceText.ToString());
        }

        var stale = Directory.GetFiles(folder, "*.g.cs").Select(Path.GetFileName).Except(generated.Select(g => g.HintName)).ToList();
        Assert.True(stale.Count == 0, "Expected files that the generator no longer writes: " + string.Join(", ", stale));
    }
}
