using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using KernelStructs.Fuzz.Cases;
using KernelStructs.Fuzz.Checking;

namespace KernelStructs.Fuzz.Running;

/// <summary>What a run does.</summary>
/// <param name="Seed">The seed; with an index it decides a case.</param>
/// <param name="First">The first case's index.</param>
/// <param name="Count">How many cases.</param>
/// <param name="Workers">How many worker processes run cases side by side.</param>
/// <param name="CaseTimeout">How long one case may take before it counts as a hang.</param>
/// <param name="MinimizeBudget">Time to shrink each distinct failure (zero: no shrinking).</param>
/// <param name="OutputDirectory">Where the shrunk inputs and the report go, or <see langword="null"/>.</param>
public sealed record FuzzOptions(int Seed, long First, long Count, int Workers, TimeSpan CaseTimeout, TimeSpan MinimizeBudget, string? OutputDirectory);

/// <summary>A distinct failure: its signature, how many cases showed it, the first of them, and that case shrunk.</summary>
public sealed record FailureGroup(string Signature, string Category, int Cases, FuzzCase First, string Detail, FuzzCase? Minimized);

/// <summary>What a run saw.</summary>
public sealed class FuzzReport
{
    public required FuzzOptions Options { get; init; }

    public required TimeSpan Elapsed { get; init; }

    public required long Cases { get; init; }

    /// <summary>Cases per mutation kind.</summary>
    public required IReadOnlyDictionary<string, long> Tried { get; init; }

    /// <summary>Failing cases per mutation kind.</summary>
    public required IReadOnlyDictionary<string, long> FailedByKind { get; init; }

    /// <summary>Failing cases per failure category.</summary>
    public required IReadOnlyDictionary<string, long> FailedByCategory { get; init; }

    /// <summary>Cases whose analyzers reported each KS diagnostic.</summary>
    public required IReadOnlyDictionary<string, long> Diagnostics { get; init; }

    /// <summary>Cases whose input compiled before generation.</summary>
    public required long InputsCompiling { get; init; }

    /// <summary>Worker processes started (one per worker, and one more after each death or hang).</summary>
    public required int WorkerStarts { get; init; }

    public required IReadOnlyList<FailureGroup> Failures { get; init; }

    public static readonly string[] Categories =
        ["generator-exception", "analyzer-exception", "generated-code-error", "generated-code-warning", "canary-lost", "process-death", "hang", "checker-exception", "case-generator-exception"];

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"KernelStructs fuzz run: seed {Options.Seed}, cases {Options.First}..{Options.First + Cases - 1} ({Cases}), {Options.Workers} workers, {Elapsed.TotalSeconds:0.0} s\n");
        text.Append(CultureInfo.InvariantCulture, $"Inputs that compile before generation: {InputsCompiling}; worker processes started: {WorkerStarts}\n\n");
        text.Append("| failure | cases |\n| --- | ---: |\n");
        foreach (var category in Categories)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {category} | {FailedByCategory.GetValueOrDefault(category)} |\n");
        }

        text.Append("\n| mutation kind | cases | failing |\n| --- | ---: | ---: |\n");
        foreach (var kind in CaseGenerator.Kinds)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {kind} | {Tried.GetValueOrDefault(kind)} | {FailedByKind.GetValueOrDefault(kind)} |\n");
        }

        text.Append("\n| KS diagnostic | cases |\n| --- | ---: |\n");
        foreach (var (id, count) in Diagnostics.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"| {id} | {count} |\n");
        }

        foreach (var group in Failures)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n## {group.Signature}: {group.Cases} cases, first {group.First.Index} ({string.Join(", ", group.First.Kinds)})\n");
            text.Append(group.Detail.Length > 3000 ? group.Detail.Substring(0, 3000) + "\n..." : group.Detail).Append('\n');
            if (group.Minimized is { } minimized)
            {
                text.Append(CultureInfo.InvariantCulture, $"Shrunk (options {minimized.Options}):\n");
                foreach (var file in minimized.Files)
                {
                    text.Append("// ").Append(file.Path).Append('\n').Append(file.Text.TrimEnd()).Append('\n');
                }
            }
        }

        return text.ToString();
    }
}

/// <summary>Runs cases on worker processes, counts what happened per mutation kind, and shrinks each distinct failure.</summary>
public static class FuzzRun
{
    public static FuzzReport Run(FuzzOptions options, Action<string>? log = null) => Run(options, CaseGenerator.Generate, log);

    /// <summary>
    /// A run whose case <c>index</c> is <c>cases(seed, index)</c>: <see cref="CaseGenerator.Generate"/> in a real run, or
    /// a source of a test's own.
    /// </summary>
    public static FuzzReport Run(FuzzOptions options, Func<int, long, FuzzCase> cases, Action<string>? log = null)
    {
        var clock = Stopwatch.StartNew();
        var tried = new Dictionary<string, long>();
        var failedByKind = new Dictionary<string, long>();
        var failedByCategory = new Dictionary<string, long>();
        var diagnostics = new Dictionary<string, long>();
        var groups = new Dictionary<string, (string Category, int Cases, FuzzCase First, string Detail)>();
        long compiling = 0, done = 0, next = options.First - 1;
        var end = options.First + options.Count;
        var gate = new object();
        var workers = Enumerable.Range(0, Math.Max(1, options.Workers)).Select(_ => new Worker(options.CaseTimeout)).ToList();
        try
        {
            var threads = workers.Select(worker => new Thread(() =>
            {
                long index;
                while ((index = Interlocked.Increment(ref next)) < end)
                {
                    var (input, outcome) = Draw(cases, options.Seed, index, worker);
                    lock (gate)
                    {
                        done++;
                        compiling += outcome.InputCompiles ? 1 : 0;
                        foreach (var kind in input.Kinds.Distinct())
                        {
                            tried[kind] = tried.GetValueOrDefault(kind) + 1;
                            if (outcome.Failures.Count > 0)
                            {
                                failedByKind[kind] = failedByKind.GetValueOrDefault(kind) + 1;
                            }
                        }

                        foreach (var id in outcome.Diagnostics)
                        {
                            diagnostics[id] = diagnostics.GetValueOrDefault(id) + 1;
                        }

                        foreach (var category in outcome.Failures.Select(f => f.Category).Distinct())
                        {
                            failedByCategory[category] = failedByCategory.GetValueOrDefault(category) + 1;
                        }

                        foreach (var failure in outcome.Failures)
                        {
                            groups[failure.Signature] = groups.TryGetValue(failure.Signature, out var known)
                                ? known with { Cases = known.Cases + 1 }
                                : (failure.Category, 1, input, failure.Detail);
                        }

                        if (done % 500 == 0)
                        {
                            log?.Invoke($"{done} cases, {groups.Count} distinct failures, {clock.Elapsed.TotalSeconds:0} s");
                        }
                    }
                }
            })
            { IsBackground = true, Name = "fuzz worker" }).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            var failures = groups
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new FailureGroup(g.Key, g.Value.Category, g.Value.Cases, g.Value.First, g.Value.Detail, null))
                .ToList();
            if (options.MinimizeBudget > TimeSpan.Zero)
            {
                for (var i = 0; i < failures.Count; i++)
                {
                    if (failures[i].Category == CaseGeneratorException)
                    {
                        continue;
                    }

                    log?.Invoke($"shrinking {failures[i].Signature}");
                    failures[i] = failures[i] with { Minimized = Minimizer.Minimize(failures[i].First, failures[i].Signature, workers[0].Run, options.MinimizeBudget) };
                }
            }

            var report = new FuzzReport
            {
                Options = options,
                Elapsed = clock.Elapsed,
                Cases = done,
                Tried = tried,
                FailedByKind = failedByKind,
                FailedByCategory = failedByCategory,
                Diagnostics = diagnostics,
                InputsCompiling = compiling,
                WorkerStarts = workers.Sum(w => w.Starts),
                Failures = failures,
            };
            if (options.OutputDirectory is { } directory)
            {
                Write(report, directory);
            }

            return report;
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
        }
    }

    /// <summary>
    /// The case <paramref name="index"/> and what <paramref name="worker"/> saw of it. A case the fuzzer itself cannot
    /// draw is a failure of its own, with an empty input, so that the run goes on and its report is not lost.
    /// </summary>
    private static (FuzzCase Input, Outcome Outcome) Draw(Func<int, long, FuzzCase> cases, int seed, long index, Worker worker)
    {
        FuzzCase input;
        try
        {
            input = cases(seed, index);
        }
        catch (Exception exception)
        {
            var where = exception.StackTrace?.Split('\n').FirstOrDefault()?.Trim() ?? exception.GetType().Name;
            var failure = new Failure(CaseGeneratorException, $"{CaseGeneratorException}:{exception.GetType().Name} {where}", exception.ToString());
            return (new FuzzCase(index, [], new CaseOptions(false, false, false), []), new Outcome(index, [failure], [], false, 0, 0));
        }

        return (input, worker.Run(input));
    }

    /// <summary>The category of a case the case source could not draw.</summary>
    public const string CaseGeneratorException = "case-generator-exception";

    /// <summary>Writes the report and one file per distinct failure (the shrunk input, or the first one) to <paramref name="directory"/>.</summary>
    private static void Write(FuzzReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "report.md"), report.ToString());
        foreach (var group in report.Failures)
        {
            var input = group.Minimized ?? group.First;
            var name = new string(group.Signature.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray());
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"// {group.Signature}: seed {report.Options.Seed}, case {group.First.Index}, options {input.Options}\n");
            foreach (var file in input.Files)
            {
                text.Append("// ---- ").Append(file.Path).Append('\n').Append(file.Text).Append('\n');
            }

            File.WriteAllText(Path.Combine(directory, name.Length > 120 ? name.Substring(0, 120) : name) + ".cs", text.ToString());
        }
    }
}
