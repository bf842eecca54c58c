using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using KernelStructs.Fuzz.Cases;
using KernelStructs.Fuzz.Running;
using Xunit;
using Xunit.Abstractions;

namespace KernelStructs.Generator.Tests.Generator;

/// <summary>
/// A fixed-seed slice of the fuzzer (<c>tests/KernelStructs.Fuzz</c>, see tests/README.md): mutated
/// <c>[KernelStruct]</c>, <c>[SockOptCommand]</c> and <c>[GetSockOpt]</c>/<c>[SetSockOpt]</c> declarations go through the
/// real generator and every analyzer, in worker processes with a time limit per case; and how a run reports a case its
/// case source could not draw.
/// </summary>
public sealed class FuzzTests
{
    /// <summary>Cases of the slice, from case 0 of the fuzzer's default seed.</summary>
    private const int Cases = 2000;

    /// <summary>The slice's seed (the fuzzer's default).</summary>
    private const int Seed = 20260409;

    /// <summary>
    /// A case's time limit: a case takes well under a second on a free core, so only a case that never ends reaches it,
    /// while a machine loaded by parallel test assemblies and builds can stretch a slow case past a minute.
    /// </summary>
    private const int TimeoutSeconds = 600;

    private readonly ITestOutputHelper _output;

    public FuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async System.Threading.Tasks.Task A_fixed_seed_slice_finds_no_generator_exception_process_death_hang_or_broken_generated_code()
    {
        var fuzzer = FuzzerAssembly();
        Assert.True(File.Exists(fuzzer), $"the fuzzer is built with the solution: {fuzzer}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { fuzzer, "run", "--seed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--cases", Cases.ToString(System.Globalization.CultureInfo.InvariantCulture), "--workers", "2", "--timeout", TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--shrink", "15" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var report = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        _output.WriteLine(report);
        _output.WriteLine(await error);

        // On failure the message carries the report: each failure's seed, case and shrunk input, and how to run it again.
        var again = $"(again: dotnet {fuzzer} show --seed {Seed} --case N, or run --seed {Seed} --first N --cases 1)";
        Assert.True(process.ExitCode == 0, $"the fuzz slice failed {again}:\n{report}");

        // The report's table of failures: every category at 0, and the exit code says the same.
        foreach (var category in new[] { "generator-exception", "analyzer-exception", "generated-code-error", "generated-code-warning", "canary-lost", "process-death", "hang", "checker-exception", "case-generator-exception" })
        {
            Assert.True(report.Contains($"| {category} | 0 |", StringComparison.Ordinal), $"{category} in the fuzz slice:\n{report}");
        }

        Assert.Contains($"({Cases})", report, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_the_case_source_cannot_draw_is_a_failure_of_its_own_and_the_run_goes_on()
    {
        // Case 2 throws while it is drawn; cases 0, 1 and 3 are the slice's, which pass (the test above).
        const long Thrown = 2;
        var report = FuzzRun.Run(
            new FuzzOptions(Seed, First: 0, Count: 4, Workers: 1, CaseTimeout: TimeSpan.FromSeconds(TimeoutSeconds), MinimizeBudget: TimeSpan.FromSeconds(30), OutputDirectory: null),
            (seed, index) => index == Thrown ? throw new InvalidOperationException("no case today") : CaseGenerator.Generate(seed, index));
        _output.WriteLine(report.ToString());

        // The failure: its category, an empty input, what was thrown, and no shrinking of an input that does not exist.
        var failure = Assert.Single(report.Failures);
        Assert.Equal(FuzzRun.CaseGeneratorException, failure.Category);
        Assert.StartsWith(FuzzRun.CaseGeneratorException + ":InvalidOperationException ", failure.Signature, StringComparison.Ordinal);
        Assert.Contains("no case today", failure.Detail, StringComparison.Ordinal);
        Assert.Equal(Thrown, failure.First.Index);
        Assert.Empty(failure.First.Files);
        Assert.Empty(failure.First.Kinds);
        Assert.Null(failure.Minimized);
        Assert.Equal(1, report.FailedByCategory.GetValueOrDefault(FuzzRun.CaseGeneratorException));
        Assert.Equal(1, report.FailedByCategory.Values.Sum());
        Assert.Contains($"| {FuzzRun.CaseGeneratorException} | 1 |", report.ToString(), StringComparison.Ordinal);

        // The run went on: every case is counted, and the other three ran, each of their mutation kinds tried.
        Assert.Equal(4, report.Cases);
        Assert.True(report.WorkerStarts >= 1);
        var kinds = new[] { 0L, 1, 3 }.SelectMany(i => CaseGenerator.Generate(Seed, i).Kinds.Distinct())
            .GroupBy(k => k).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(kinds.OrderBy(k => k.Key, StringComparer.Ordinal), report.Tried.OrderBy(k => k.Key, StringComparer.Ordinal));
        Assert.Empty(report.FailedByKind);
    }

    [Fact]
    public async System.Threading.Tasks.Task Inprocess_refuses_a_run_of_no_more_cases_than_its_warm_up()
    {
        // The first cases warm the process up and are not timed: a run of no more than those has nothing to divide by.
        var fuzzer = FuzzerAssembly();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { fuzzer, "inprocess", "--cases", KernelStructs.Fuzz.Program.WarmUpCases.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        _output.WriteLine(await output);
        _output.WriteLine(error);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("are not timed", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await output);
    }

    private static string FuzzerAssembly([CallerFilePath] string thisFile = "")
    {
        var tests = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(thisFile)!)!)!;
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(tests, "KernelStructs.Fuzz", "bin", configuration, "net10.0", "KernelStructs.Fuzz.dll");
    }
}
