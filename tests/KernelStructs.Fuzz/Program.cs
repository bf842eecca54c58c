using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using KernelStructs.Fuzz.Cases;
using KernelStructs.Fuzz.Checking;
using KernelStructs.Fuzz.Running;

namespace KernelStructs.Fuzz;

/// <summary>
/// The fuzzer's command line (see tests/README.md):
/// <c>run [--seed N] [--first N] [--cases N] [--workers N] [--timeout SECONDS] [--shrink SECONDS] [--out DIR]</c>,
/// <c>show --seed N --case N</c> (prints a case), <c>check FILE...</c> (runs files as one case),
/// and <c>worker</c> (what the others start).
/// </summary>
public static class Program
{
    public const int DefaultSeed = 20260409;

    /// <summary><c>inprocess</c>: the cases that load and jit the generator, the analyzers and the compiler first, untimed.</summary>
    public const int WarmUpCases = 10;

    public static int Main(string[] args)
    {
        var command = args.FirstOrDefault() ?? "help";
        var options = Options(args.Skip(1));
        switch (command)
        {
            case "worker":
                return WorkerLoop.Run(Console.In, Console.Out);
            case "run":
                var report = FuzzRun.Run(
                    new FuzzOptions(
                        Seed: Int(options, "seed", DefaultSeed),
                        First: Int(options, "first", 0),
                        Count: Int(options, "cases", 20000),
                        Workers: Int(options, "workers", Environment.ProcessorCount),
                        CaseTimeout: TimeSpan.FromSeconds(Int(options, "timeout", 60)),
                        MinimizeBudget: TimeSpan.FromSeconds(Int(options, "shrink", 120)),
                        OutputDirectory: options.GetValueOrDefault("out")),
                    Console.Error.WriteLine);
                Console.WriteLine(report);
                return report.Failures.Count == 0 ? 0 : 1;
            case "inprocess":
                var seed = Int(options, "seed", DefaultSeed);
                var cases = Int(options, "cases", 100);
                if (cases <= WarmUpCases)
                {
                    Console.Error.WriteLine($"inprocess: --cases {cases.ToString(CultureInfo.InvariantCulture)} leaves nothing to time: the first {WarmUpCases.ToString(CultureInfo.InvariantCulture)} cases warm the process up and are not timed (e.g. --cases 110)");
                    return 2;
                }

                var clock = System.Diagnostics.Stopwatch.StartNew();
                var cpu = TimeSpan.Zero;
                var steps = new Dictionary<string, double>(StringComparer.Ordinal);
                for (var i = 0; i < cases; i++)
                {
                    var o = CaseChecker.Check(CaseGenerator.Generate(seed, i), i < WarmUpCases ? null : line =>
                    {
                        var colon = line.LastIndexOf(':');
                        steps[line[..colon]] = steps.GetValueOrDefault(line[..colon]) + double.Parse(line[(colon + 1)..].Replace("ms", "").Trim(), CultureInfo.InvariantCulture);
                    });
                    if (i == WarmUpCases - 1)
                    {
                        Console.WriteLine($"warm-up: {clock.Elapsed.TotalSeconds:0.00} s");
                        clock.Restart();
                        cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                    }
                }

                Console.WriteLine($"{(cases - WarmUpCases)} cases: {clock.Elapsed.TotalMilliseconds / (cases - WarmUpCases):0.0} ms each, {(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / (cases - WarmUpCases):0.0} ms of processor time each");
                foreach (var (name, ms) in steps)
                {
                    Console.WriteLine($"  {name}: {ms / (cases - WarmUpCases):0.0} ms each");
                }

                return 0;
            case "diagnostics":
                // The KS diagnostics of each case, one line per case ("index<TAB>compiles<TAB>IDs"), from a worker
                // process: for comparing two builds of the generator on the same seeded cases.
                using (var worker = new Worker(TimeSpan.FromSeconds(Int(options, "timeout", 60))))
                {
                    var dseed = Int(options, "seed", DefaultSeed);
                    var first = Int(options, "first", 0);
                    for (var i = first; i < first + Int(options, "cases", 100); i++)
                    {
                        var outcome = worker.Run(CaseGenerator.Generate(dseed, i));
                        var died = outcome.Failures.Any(f => f.Category is "process-death" or "hang") ? "\tdied" : string.Empty;
                        Console.WriteLine($"{i}\t{outcome.InputCompiles}\t{string.Join(",", outcome.Diagnostics)}{died}");
                    }
                }

                return 0;
            case "show":
                var input = CaseGenerator.Generate(Int(options, "seed", DefaultSeed), Int(options, "case", 0));
                Console.WriteLine($"// kinds: {string.Join(", ", input.Kinds)}; options: {input.Options}");
                foreach (var file in input.Files)
                {
                    Console.WriteLine($"// ---- {file.Path}\n{file.Text}");
                }

                return 0;
            case "check":
                var files = Operands(args.Skip(1)).Select(p => new CaseFile(Path.GetFileName(p), File.ReadAllText(p))).ToList();
                var manifest = options.ContainsKey("manifest");
                if (options.ContainsKey("here"))
                {
                    // In this process, with the time each step takes (a case that kills the process kills this one).
                    var here = CaseChecker.Check(new FuzzCase(0, files, new CaseOptions(manifest, true, false), Array.Empty<string>()), Console.Error.WriteLine);
                    Console.WriteLine(JsonSerializer.Serialize(here, new JsonSerializerOptions { WriteIndented = true }));
                    return here.Failures.Count == 0 ? 0 : 1;
                }

                using (var worker = new Worker(TimeSpan.FromSeconds(Int(options, "timeout", 60))))
                {
                    var outcome = worker.Run(new FuzzCase(0, files, new CaseOptions(manifest, true, false), Array.Empty<string>()));
                    Console.WriteLine(JsonSerializer.Serialize(outcome, new JsonSerializerOptions { WriteIndented = true }));
                    return outcome.Failures.Count == 0 ? 0 : 1;
                }

            default:
                Console.Error.WriteLine("usage: KernelStructs.Fuzz run [--seed N] [--first N] [--cases N] [--workers N] [--timeout S] [--shrink S] [--out DIR]");
                Console.Error.WriteLine("       KernelStructs.Fuzz show --seed N --case N");
                Console.Error.WriteLine("       KernelStructs.Fuzz check [--manifest] [--here] FILE...");
                Console.Error.WriteLine($"       KernelStructs.Fuzz inprocess [--seed N] [--cases N]     (time per case and per step, after {WarmUpCases.ToString(CultureInfo.InvariantCulture)} untimed cases)");
                Console.Error.WriteLine("       KernelStructs.Fuzz diagnostics [--seed N] [--first N] [--cases N]");
                return command == "help" ? 0 : 2;
        }
    }

    private static Dictionary<string, string> Options(IEnumerable<string> args)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        Parse(args.ToList(), result, operands: null);
        return result;
    }

    /// <summary>The arguments that are neither an option nor an option's value (the files of <c>check</c>).</summary>
    private static List<string> Operands(IEnumerable<string> args)
    {
        var operands = new List<string>();
        Parse(args.ToList(), new Dictionary<string, string>(StringComparer.Ordinal), operands);
        return operands;
    }

    private static void Parse(List<string> list, Dictionary<string, string> options, List<string>? operands)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].StartsWith("--", StringComparison.Ordinal))
            {
                var takesValue = i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal) && list[i] is not ("--manifest" or "--here");
                options[list[i].Substring(2)] = takesValue ? list[++i] : "true";
            }
            else
            {
                operands?.Add(list[i]);
            }
        }
    }

    private static int Int(Dictionary<string, string> options, string name, int fallback)
        => options.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
