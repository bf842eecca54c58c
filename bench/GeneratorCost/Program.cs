using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Diagnostics;
using System.Text;
using KernelStructs;
using KernelStructs.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

// The KernelStructs generator's and analyzers' own time on a consumer project, outside MSBuild: the real generator through
// CSharpGeneratorDriver and every analyzer of the analyzers assembly through CompilationWithAnalyzers, on the sources of
// a project that bench/BuildCost/build_cost.py writes. Small enough to run under dotnet-trace. Not a test.
//
//   python3 bench/BuildCost/build_cost.py --write-only --work /tmp/bc-work
//   dotnet run -c Release --project bench/GeneratorCost -- --project /tmp/bc-work/generator [--runs 5] [--only generator|analyzers]
//
// The analyzers' figures are Roslyn's own telemetry (logAnalyzerExecutionTime), per analyzer, as in a build's analyzer
// report; the wall time of the analysis also holds the compiler's binding of every method body, which drives it.
var arguments = Arguments.Parse(args);
if (arguments is null)
{
    Console.Error.WriteLine("usage: GeneratorCost --project DIR [--runs N] [--only generator|analyzers]");
    return 2;
}

if (!Directory.Exists(arguments.Project))
{
    Console.Error.WriteLine($"no such directory: {arguments.Project} (write it with bench/BuildCost/build_cost.py --write-only)");
    return 2;
}

var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp12, DocumentationMode.Parse);
var trees = Directory.GetFiles(arguments.Project, "*.cs", SearchOption.TopDirectoryOnly)
    .Order(StringComparer.Ordinal)
    .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), parseOptions, path, Encoding.UTF8))
    .ToImmutableArray();
if (trees.IsEmpty)
{
    Console.Error.WriteLine($"no .cs files in {arguments.Project}");
    return 2;
}

var references = References();
var analyzers = typeof(KernelStructs.Analyzers.KernelStructAnalyzer).Assembly.GetTypes()
    .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
    .OrderBy(t => t.FullName, StringComparer.Ordinal)
    .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
    .ToImmutableArray();

Console.WriteLine($"{trees.Length} files from {arguments.Project}; load average {File.ReadAllText("/proc/loadavg").Trim()}");
var generatorTimes = new List<double>();
var analyzerTimes = new List<double>();
var analysisTimes = new List<double>();
var generatorCpus = new List<double>();
var analysisCpus = new List<double>();
var perAnalyzer = analyzers.ToDictionary(a => a.GetType().Name, _ => new List<double>());
for (var run = 0; run <= arguments.Runs; run++)
{
    // Run 0 warms the JIT and is not counted.
    var compilation = CSharpCompilation.Create(
        "Bench",
        trees,
        references,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
    var line = new StringBuilder(run == 0 ? "  warm-up:" : $"  run {run}:");

    var clock = Stopwatch.StartNew();
    var cpu = Cpu();
    GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new KernelStructGenerator().AsSourceGenerator() }, parseOptions: parseOptions);
    driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
    var generator = clock.Elapsed.TotalSeconds;
    var generatorCpu = Cpu() - cpu;
    var result = driver.GetRunResult();
    if (result.Results.FirstOrDefault(r => r.Exception is not null) is { Exception: { } exception })
    {
        Console.Error.WriteLine($"generator exception: {exception}");
        return 1;
    }

    line.Append($" generator {generator:0.000} s, CPU {generatorCpu:0.000} s ({result.GeneratedTrees.Length} files)");
    if (run > 0)
    {
        generatorTimes.Add(generator);
        generatorCpus.Add(generatorCpu);
    }

    if (arguments.Only != "generator")
    {
        var analysis = output.WithAnalyzers(
            analyzers,
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: null,
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: true));
        clock.Restart();
        cpu = Cpu();
        var diagnostics = analysis.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        var wall = clock.Elapsed.TotalSeconds;
        var analysisCpu = Cpu() - cpu;
        var own = 0.0;
        var ks = diagnostics.Where(d => d.Id.StartsWith("KS", StringComparison.Ordinal) || d.Id == "AD0001").Select(d => d.Id).Distinct().Order();
        line.Append($"; analysis {wall:0.000} s, CPU {analysisCpu:0.000} s ({diagnostics.Length} diagnostics {string.Join(",", ks)}):");
        foreach (var analyzer in analyzers)
        {
            var time = analysis.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalSeconds;
            own += time;
            line.Append($" {analyzer.GetType().Name} {time:0.000}");
            if (run > 0)
            {
                perAnalyzer[analyzer.GetType().Name].Add(time);
            }
        }

        line.Append($"; KernelStructs analyzers {own:0.000} s");
        if (run > 0)
        {
            analyzerTimes.Add(own);
            analysisTimes.Add(wall);
            analysisCpus.Add(analysisCpu);
        }
    }

    Console.WriteLine(line);
}

Console.WriteLine();
Console.WriteLine($"median of {arguments.Runs}:");
Console.WriteLine($"  KernelStructs generator  {Median(generatorTimes):0.000} s ({Range(generatorTimes)}); process CPU {Median(generatorCpus):0.000} s ({Range(generatorCpus)})");
if (analyzerTimes.Count > 0)
{
    Console.WriteLine($"  KernelStructs analyzers  {Median(analyzerTimes):0.000} s ({Range(analyzerTimes)}), of which:");
    Console.WriteLine($"  (the analysis with the compiler's binding that drives it: {Median(analysisTimes):0.000} s ({Range(analysisTimes)}); process CPU {Median(analysisCpus):0.000} s ({Range(analysisCpus)}))");
    foreach (var (name, times) in perAnalyzer.OrderByDescending(p => Median(p.Value)))
    {
        Console.WriteLine($"    {name,-32} {Median(times):0.000} s");
    }
}

Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
return 0;

static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

static double Median(List<double> values)
{
    if (values.Count == 0)
    {
        return double.NaN;
    }

    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static string Range(List<double> values) => values.Count == 0 ? "-" : $"{values.Min():0.000}–{values.Max():0.000}";

// The framework of this process and the KernelStructs runtime (with what it references), as the consumer project has them.
static ImmutableArray<MetadataReference> References()
{
    var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
    var runtime = typeof(KernelStructAttribute).Assembly;
    var wanted = new HashSet<string>(
        new[] { "System.Private.CoreLib", "System.Runtime", "netstandard", "System.Memory", "System.Net.Primitives", "System.Net.Sockets", "System.Runtime.InteropServices", "System.Collections", "System.Linq" }
            .Concat(runtime.GetReferencedAssemblies().Select(a => a.Name!)),
        StringComparer.Ordinal);
    var libraries = runtime.GetReferencedAssemblies()
        .Select(name => AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name.Name) ?? TryLoad(name))
        .Where(a => a is not null && !string.IsNullOrEmpty(a.Location) && !trusted.Contains(a.Location))
        .Select(a => a!.Location);
    return trusted
        .Where(path => wanted.Contains(Path.GetFileNameWithoutExtension(path)))
        .Concat(libraries)
        .Append(runtime.Location)
        .Distinct(StringComparer.Ordinal)
        .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
        .ToImmutableArray();
}

static System.Reflection.Assembly? TryLoad(System.Reflection.AssemblyName name)
{
    try
    {
        return System.Reflection.Assembly.Load(name);
    }
    catch (IOException)
    {
        return null;
    }
}

internal sealed record Arguments(string Project, int Runs, string? Only)
{
    public static Arguments? Parse(string[] args)
    {
        string? project = null, only = null;
        int runs = 5;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--project" when i + 1 < args.Length:
                    project = args[++i];
                    break;
                case "--runs" when i + 1 < args.Length && int.TryParse(args[i + 1], out runs) && runs > 0:
                    i++;
                    break;
                case "--only" when i + 1 < args.Length && args[i + 1] is "generator" or "analyzers":
                    only = args[++i];
                    break;
                default:
                    return null;
            }
        }

        return project is null ? null : new Arguments(project, runs, only);
    }
}
