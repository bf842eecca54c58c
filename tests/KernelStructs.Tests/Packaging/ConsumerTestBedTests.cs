using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace KernelStructs.Tests.Packaging;

/// <summary>
/// <c>tests/ConsumerTestBed</c>: a consumer of the packed .nupkg and Tmds.LibC (and of a library of its own that holds
/// command constants and payload structs), built as a user builds it. Every case line ends with
/// <c>// good [path; how the command arrives; payload origin]</c> or <c>// bad [...]</c> and the KS diagnostics expected
/// on that line; the test compares them with what the build reports, prints the table of caught misuse and flagged
/// correct code, then applies the code fixes with <c>dotnet format analyzers</c> and checks that the result compiles,
/// that each fix removed what it fixes, and that no call changed direction.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed partial class ConsumerTestBedTests
{
    /// <summary>The diagnostics whose fixes <c>dotnet format analyzers</c> applies, in this order.</summary>
    private static readonly string[] FixedIds = { "KS2013", "KS2002", "KS2009" };

    private readonly PackedPackage _package;
    private readonly ITestOutputHelper _output;

    public ConsumerTestBedTests(PackedPackage package, ITestOutputHelper output)
    {
        _package = package;
        _output = output;
    }

    [Fact]
    public void The_analyzers_catch_the_misuse_and_stay_silent_on_correct_code_and_the_fixes_keep_every_direction()
    {
        var bed = Directory.CreateTempSubdirectory("kernelstructs-testbed-").FullName;
        try
        {
            Copy(Path.Combine(_package.RepositoryRoot, "tests", "ConsumerTestBed"), bed);
            File.WriteAllText(Path.Combine(bed, "Directory.Build.props"), $"""
                <Project>
                  <PropertyGroup>
                    <KernelStructsVersion>{_package.Version}</KernelStructsVersion>
                    <KernelStructsPackageFeed>{_package.Feed}/</KernelStructsPackageFeed>
                  </PropertyGroup>
                </Project>
                """);
            var project = Path.Combine(bed, "TestBed", "TestBed.csproj");
            var cases = Cases(Path.Combine(bed, "TestBed"));
            Assert.True(cases.Count > 100, $"only {cases.Count} cases found");

            var reported = Build(bed, project, "before");
            CheckCases(cases, reported);

            foreach (var id in FixedIds)
            {
                var before = Sources(Path.Combine(bed, "TestBed"));
                var (exitCode, output) = PackedPackage.Dotnet(bed, $"format analyzers \"{project}\" --diagnostics {id} --severity info --no-restore");
                Assert.True(exitCode == 0, output);
                var after = Sources(Path.Combine(bed, "TestBed"));
                var fixedReported = Build(bed, project, "after " + id);
                CheckFix(id, before, after, reported, fixedReported);
                reported = fixedReported;
            }
        }
        finally
        {
            Directory.Delete(bed, recursive: true);
        }
    }

    /// <summary>One case: a line, whether its code is right, its table columns, and the KS ids expected on it.</summary>
    private sealed record Case(string File, int Line, bool Good, string Path, string Arrival, string Payload, string[] Expected);

    /// <summary>A diagnostic of the build: id, level (<c>error</c>, <c>warning</c>, <c>note</c>), file, line and message.</summary>
    private sealed record Reported(string Id, string Level, string File, int Line, string Message)
    {
        public bool Flags => Level is "error" or "warning";
    }

    [GeneratedRegex(@"// (good|bad) \[([^;\]]+); ([^;\]]+); ([^;\]]+)\](.*)$")]
    private static partial Regex CaseMarker();

    private static List<Case> Cases(string directory)
    {
        var cases = new List<Case>();
        foreach (var file in Directory.GetFiles(directory, "*.cs").OrderBy(f => f, StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (CaseMarker().Match(lines[i]) is { Success: true } m)
                {
                    var expected = m.Groups[5].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray();
                    cases.Add(new Case(Path.GetFileName(file), i + 1, m.Groups[1].Value == "good", m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value, expected));
                }
            }
        }

        return cases;
    }

    /// <summary>Builds the test bed from scratch and reads every diagnostic from the SARIF log (info ones included).</summary>
    private List<Reported> Build(string bed, string project, string stage)
    {
        var log = Path.Combine(bed, $"build-{Guid.NewGuid():N}.sarif");
        var (_, output) = PackedPackage.Dotnet(bed, $"build \"{project}\" --no-incremental --nologo -p:TreatWarningsAsErrors=false \"-p:ErrorLog={log}%2Cversion=2.1\"");
        Assert.True(File.Exists(log), $"no SARIF log ({stage}):\n{output}");
        var reported = new List<Reported>();
        using var sarif = JsonDocument.Parse(File.ReadAllText(log));
        foreach (var result in sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray())
        {
            if (result.TryGetProperty("suppressions", out var suppressions) && suppressions.GetArrayLength() > 0 || !result.TryGetProperty("locations", out var locations))
            {
                continue;
            }

            foreach (var location in locations.EnumerateArray())
            {
                var physical = location.GetProperty("physicalLocation");
                reported.Add(new Reported(
                    result.GetProperty("ruleId").GetString()!,
                    result.TryGetProperty("level", out var level) ? level.GetString()! : "warning",
                    Path.GetFileName(Uri.TryCreate(physical.GetProperty("artifactLocation").GetProperty("uri").GetString(), UriKind.Absolute, out var uri) ? uri.LocalPath : physical.GetProperty("artifactLocation").GetProperty("uri").GetString()!),
                    physical.GetProperty("region").GetProperty("startLine").GetInt32(),
                    result.GetProperty("message").GetProperty("text").GetString()!));
            }
        }

        var compilerErrors = reported.Where(r => r.Id.StartsWith("CS", StringComparison.Ordinal) && r.Level == "error").ToList();
        Assert.True(compilerErrors.Count == 0, $"the test bed does not compile ({stage}):\n" + string.Join("\n", compilerErrors) + "\n" + output);
        return reported.Where(r => r.Id.StartsWith("KS", StringComparison.Ordinal)).ToList();
    }

    private void CheckCases(List<Case> cases, List<Reported> reported)
    {
        var mismatches = new List<string>();
        var byLine = reported.ToLookup(r => (r.File, r.Line));
        foreach (var c in cases)
        {
            var actual = byLine[(c.File, c.Line)].Select(r => r.Id).Order(StringComparer.Ordinal).ToArray();
            if (!actual.SequenceEqual(c.Expected))
            {
                mismatches.Add($"{c.File}:{c.Line} [{c.Path}; {c.Arrival}; {c.Payload}] expected [{string.Join(", ", c.Expected)}], got:"
                    + string.Concat(byLine[(c.File, c.Line)].Select(r => $"\n    {r.Id} {r.Level}: {r.Message}")));
            }
        }

        var caseLines = cases.Select(c => (c.File, c.Line)).ToHashSet();
        mismatches.AddRange(reported.Where(r => !caseLines.Contains((r.File, r.Line))).Select(r => $"{r.File}:{r.Line} outside every case: {r.Id} {r.Level}: {r.Message}"));

        // The table: a misuse is caught when an error or warning is on its line; correct code is flagged the same way.
        bool Flagged(Case c) => byLine[(c.File, c.Line)].Any(r => r.Flags);
        var table = new StringBuilder();
        table.AppendLine("| Call path | misuse caught | correct flagged |").AppendLine("|---|---|---|");
        foreach (var path in cases.GroupBy(c => c.Path))
        {
            table.AppendLine($"| {path.Key} | {path.Count(c => !c.Good && Flagged(c))} / {path.Count(c => !c.Good)} | {path.Count(c => c.Good && Flagged(c))} / {path.Count(c => c.Good)} |");
        }

        var bad = cases.Where(c => !c.Good).ToList();
        var good = cases.Where(c => c.Good).ToList();
        var wrongDirection = bad.Where(c => c.Expected.Contains("KS2001") || c.Expected.Contains("KS2007")).ToList();
        table.AppendLine($"| **all** | {bad.Count(Flagged)} / {bad.Count} | {good.Count(Flagged)} / {good.Count} |");
        table.AppendLine($"Wrong direction caught: {wrongDirection.Count(Flagged)} / {wrongDirection.Count}");
        foreach (var column in new (string Name, Func<Case, string> Key)[] { ("How the command arrives", c => c.Arrival), ("Payload origin", c => c.Payload) })
        {
            table.AppendLine().AppendLine($"| {column.Name} | misuse caught | correct flagged |").AppendLine("|---|---|---|");
            foreach (var group in cases.GroupBy(column.Key).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                table.AppendLine($"| {group.Key} | {group.Count(c => !c.Good && Flagged(c))} / {group.Count(c => !c.Good)} | {group.Count(c => c.Good && Flagged(c))} / {group.Count(c => c.Good)} |");
            }
        }

        _output.WriteLine(table.ToString());
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches) + "\n\n" + table);
        Assert.True(bad.Count(Flagged) * 100 >= bad.Count * 95, table.ToString());
        Assert.Equal(wrongDirection.Count, wrongDirection.Count(Flagged));
        Assert.Equal(0, good.Count(Flagged));
    }

    /// <summary>
    /// A fix's result: what it rewrote (printed), that the diagnostics it fixes are gone where it rewrote, that no error or
    /// warning appeared, and that every rewritten line makes the calls of the same directions it made before.
    /// </summary>
    private void CheckFix(string id, Dictionary<string, string[]> before, Dictionary<string, string[]> after, List<Reported> reportedBefore, List<Reported> reportedAfter)
    {
        var rewritten = new List<(string File, int Line)>();
        _output.WriteLine($"dotnet format analyzers --diagnostics {id} --severity info:");
        foreach (var (file, lines) in before)
        {
            var now = after[file];
            Assert.True(lines.Length == now.Length, $"{id}'s fix added or removed lines in {file}");
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i] == now[i])
                {
                    continue;
                }

                rewritten.Add((file, i + 1));
                _output.WriteLine($"  {file}:{i + 1}\n    - {Code(lines[i])}\n    + {Code(now[i])}");
                Assert.True(Directions(lines[i]).SequenceEqual(Directions(now[i])), $"{id}'s fix changed a call's direction at {file}:{i + 1}:\n{lines[i]}\n{now[i]}");
            }
        }

        var fixable = reportedBefore.Where(r => r.Id == id).Select(r => (r.File, r.Line)).ToHashSet();
        Assert.True(rewritten.Count > 0, $"{id}: nothing rewritten");
        Assert.All(rewritten, line => Assert.Contains(line, fixable));
        Assert.All(rewritten, line => Assert.DoesNotContain(reportedAfter, r => r.Id == id && (r.File, r.Line) == line));
        var appeared = reportedAfter.Where(r => r.Flags).Select(r => (r.Id, r.File, r.Line)).Except(reportedBefore.Select(r => (r.Id, r.File, r.Line))).ToList();
        Assert.True(appeared.Count == 0, $"{id}'s fix brought new errors or warnings: " + string.Join(", ", appeared));
        foreach (var suggestion in reportedAfter.Where(r => !r.Flags).Select(r => (r.Id, r.File, r.Line)).Except(reportedBefore.Select(r => (r.Id, r.File, r.Line))))
        {
            _output.WriteLine($"  now suggested: {suggestion}");
        }
        _output.WriteLine($"  {rewritten.Count} lines rewritten; {reportedAfter.Count(r => r.Id == id)} {id} left where no fix is offered");
    }

    [GeneratedRegex(@"\b(getsockopt|setsockopt|Get\w*|Set\w*|TryGet\w*|TrySet\w*|Read\w*|Write\w*)\s*[<(]")]
    private static partial Regex Call();

    /// <summary>The directions of the socket-option calls on a line, in order: <c>get</c> or <c>set</c> for each.</summary>
    private static string[] Directions(string line)
        => Call().Matches(Code(line)).Select(m => m.Groups[1].Value)
            .Where(name => name != "GetBytes")
            .Select(name => name.StartsWith("get", StringComparison.OrdinalIgnoreCase) || name.StartsWith("TryGet", StringComparison.Ordinal) || name.StartsWith("Read", StringComparison.Ordinal) ? "get" : "set")
            .ToArray();

    /// <summary>A line without its case comment.</summary>
    private static string Code(string line) => (line.IndexOf("// ", StringComparison.Ordinal) is var comment and >= 0 ? line[..comment] : line).Trim();

    private static Dictionary<string, string[]> Sources(string directory)
        => Directory.GetFiles(directory, "*.cs").ToDictionary(f => Path.GetFileName(f), File.ReadAllLines);

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
