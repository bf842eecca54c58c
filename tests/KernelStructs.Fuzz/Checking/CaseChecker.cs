using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using KernelStructs.Fuzz.Cases;
using KernelStructs.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelStructs.Fuzz.Checking;

/// <summary>What went wrong with a case.</summary>
/// <param name="Category">
/// <c>generator-exception</c>, <c>analyzer-exception</c>, <c>generated-code-error</c> (the input compiles, the generated code
/// does not), <c>generated-code-warning</c>, <c>canary-lost</c> (a valid struct in another file got no code),
/// <c>process-death</c>, <c>hang</c>.
/// </param>
/// <param name="Signature">What makes two failures the same failure: the category and where or what.</param>
/// <param name="Detail">The exception, the diagnostics, or the worker's last words.</param>
public sealed record Failure(string Category, string Signature, string Detail);

/// <summary>The result of one case.</summary>
/// <param name="Index">The case's index.</param>
/// <param name="Failures">What went wrong; empty when nothing did.</param>
/// <param name="Diagnostics">The KS diagnostics the analyzers reported (distinct IDs, sorted).</param>
/// <param name="InputCompiles">Whether the input compiles without errors before the generator runs.</param>
/// <param name="GeneratedSources">How many sources the generator added.</param>
/// <param name="Milliseconds">How long the case took in the worker.</param>
public sealed record Outcome(long Index, IReadOnlyList<Failure> Failures, IReadOnlyList<string> Diagnostics, bool InputCompiles, int GeneratedSources, double Milliseconds);

/// <summary>
/// Runs one case in this process: the input is compiled, the real <see cref="KernelStructGenerator"/> runs through
/// <see cref="CSharpGeneratorDriver"/>, and every analyzer of <c>KernelStructs.Analyzers</c> runs through
/// <see cref="CompilationWithAnalyzers"/> on the result.
/// </summary>
public static class CaseChecker
{
    /// <summary>Compiler diagnostics that an input may have because code is still to be generated.</summary>
    private static readonly HashSet<string> AwaitingGeneration = new(StringComparer.Ordinal) { "CS8795" };

    /// <summary>
    /// The framework assemblies the cases use (the runtime's and Tmds.LibC's own references come on top). A case binds
    /// against these only: every referenced assembly costs time in each case's binding, and the whole framework is
    /// some 160 of them.
    /// </summary>
    private static readonly string[] FrameworkAssemblies =
    {
        "System.Private.CoreLib", "System.Runtime", "netstandard", "mscorlib", "System.Collections", "System.Linq", "System.Console",
        "System.Memory", "System.Net.Primitives", "System.Net.Sockets", "System.Runtime.InteropServices", "System.Text.RegularExpressions",
        "System.Threading", "System.Threading.Tasks", "System.Runtime.Intrinsics", "System.Numerics.Vectors",
    };

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(() =>
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var libraries = new[] { typeof(KernelStructAttribute).Assembly, typeof(Tmds.Linux.LibC).Assembly };
        var wanted = new HashSet<string>(
            FrameworkAssemblies.Concat(libraries.SelectMany(a => a.GetReferencedAssemblies()).Select(a => a.Name!)),
            StringComparer.Ordinal);
        return trusted
            .Where(path => wanted.Contains(Path.GetFileNameWithoutExtension(path)))
            .Concat(libraries.Select(a => a.Location))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    });

    /// <summary>Every analyzer the analyzers assembly ships, found by its <see cref="DiagnosticAnalyzerAttribute"/>.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = typeof(KernelStructs.Analyzers.KernelStructAnalyzer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>How generated code is parsed: its doc comments are checked as a project with a documentation file checks them.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    /// <summary>How the inputs are parsed: their own doc comments are not the generator's concern, and checking them costs time.</summary>
    public static CSharpParseOptions InputParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.Parse);

    /// <summary>
    /// The compilation every case derives from: deriving keeps its bound references (the framework's assemblies), which
    /// a new compilation would bind again.
    /// </summary>
    private static readonly Lazy<CSharpCompilation> Base = new(() => CSharpCompilation.Create(
        "FuzzCase",
        references: LazyReferences.Value,
        options: new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
            {
                // Missing XML comments on the inputs' own public members.
                ["CS1591"] = ReportDiagnostic.Suppress,
                // Unification of the runtime's net8.0 references with the running framework, as the SDK does.
                ["CS1701"] = ReportDiagnostic.Suppress,
                ["CS1702"] = ReportDiagnostic.Suppress,
            })));

    public static CSharpCompilation Compile(FuzzCase input)
        => Base.Value
            .WithOptions(Base.Value.Options
                .WithOutputKind(input.Options.Executable ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary)
                .WithAllowUnsafe(input.Options.AllowUnsafe))
            .AddSyntaxTrees(input.Files.Select(f => CSharpSyntaxTree.ParseText(f.Text, InputParseOptions.WithLanguageVersion(Language(input)), f.Path, Encoding.UTF8)));

    private static LanguageVersion Language(FuzzCase input) => Enum.Parse<LanguageVersion>(input.Options.LanguageVersion);

    /// <summary>Runs one case; <paramref name="trace"/>, when given, hears how long each step took.</summary>
    public static Outcome Check(FuzzCase input, Action<string>? trace = null)
    {
        var clock = Stopwatch.StartNew();
        var step = Stopwatch.StartNew();
        void Step(string name)
        {
            trace?.Invoke($"{name}: {step.Elapsed.TotalMilliseconds:0} ms");
            step.Restart();
        }

        var failures = new List<Failure>();
        var compilation = Compile(input);
        Step("parse");
        var options = new OptionsProvider(input.Options.LayoutManifest);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new KernelStructGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions.WithLanguageVersion(Language(input)),
            optionsProvider: options);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var run = driver.GetRunResult();
        Step("generator");
        foreach (var result in run.Results.Where(r => r.Exception is not null))
        {
            failures.Add(new Failure("generator-exception", "generator-exception:" + Where(result.Exception!), result.Exception!.ToString()));
        }

        var generatedTrees = new HashSet<SyntaxTree>(output.SyntaxTrees.Except(compilation.SyntaxTrees));
        var analyzerExceptions = new ConcurrentBag<(Exception Exception, DiagnosticAnalyzer Analyzer)>();
        var analysis = output.WithAnalyzers(
            Analyzers,
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, options),
                (exception, analyzer, _) => analyzerExceptions.Add((exception, analyzer)),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false));
        var all = analysis.GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        Step("compilation and analyzers");
        foreach (var (exception, analyzer) in analyzerExceptions)
        {
            failures.Add(new Failure("analyzer-exception", $"analyzer-exception:{analyzer.GetType().Name}:{Where(exception)}", exception.ToString()));
        }

        foreach (var diagnostic in all.Where(d => d.Id == "AD0001" && analyzerExceptions.IsEmpty))
        {
            failures.Add(new Failure("analyzer-exception", "analyzer-exception:AD0001", diagnostic.ToString()));
        }

        // What the input has by itself. When the output has no errors outside generated code, the input has none either
        // (and what it has is what the output shows there); otherwise the input is compiled on its own to tell them apart.
        var outsideGenerated = all.Where(d => d.Id.StartsWith("CS", StringComparison.Ordinal) && !(d.Location.SourceTree is { } tree && generatedTrees.Contains(tree))).ToList();
        var inputDiagnostics = outsideGenerated.Any(d => d.Severity == DiagnosticSeverity.Error && !AwaitingGeneration.Contains(d.Id))
            ? compilation.GetDiagnostics().ToList()
            : outsideGenerated;
        Step("input alone");
        var inputErrors = inputDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && !AwaitingGeneration.Contains(d.Id)).ToList();
        var inputWarningIds = new HashSet<string>(inputDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).Select(d => d.Id), StringComparer.Ordinal);
        var known = new HashSet<string>(inputDiagnostics.Select(Key), StringComparer.Ordinal);

        // Before C# 12 every kernel struct gets KS0005 and no code, the canary too.
        var canaryCompiles = !inputErrors.Any(d => d.Location.SourceTree?.FilePath == FuzzCase.CanaryPath) && !all.Any(d => d.Id == "KS0005");
        if (failures.Count == 0 && canaryCompiles && input.Files.Any(f => f.Path == FuzzCase.CanaryPath)
            && !generatedTrees.Any(t => t.ToString().Contains(FuzzCase.CanaryDeclaration, StringComparison.Ordinal)))
        {
            failures.Add(new Failure("canary-lost", "canary-lost", "The valid struct in Canary.cs got no generated code."));
        }

        if (inputErrors.Count == 0)
        {
            // The input compiles: whatever the generator added must compile too, and must not break the input.
            var compilerErrors = all.Where(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("CS", StringComparison.Ordinal)).ToList();
            var broken = compilerErrors
                .Where(d => d.Location.SourceTree is { } tree && generatedTrees.Contains(tree) || !known.Contains(Key(d)) && !AwaitingGeneration.Contains(d.Id))
                .ToList();
            if (broken.Count > 0)
            {
                failures.Add(new Failure(
                    "generated-code-error",
                    "generated-code-error:" + string.Join(",", broken.Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal)),
                    Describe(broken)));
            }

            // A socket-option wrapper always gets a body: its family, or one that throws beside its KS diagnostic. The one
            // exception is a wrapper no body can be written for (a containing type that is not partial): its KS error
            // says why, and the compiler's CS8795 beside it is the input's own.
            var unimplemented = all.Where(d => d.Id == "CS8795" && IsSockOptWrapper(output, d) && !HasKsError(all, d)).ToList();
            if (unimplemented.Count > 0)
            {
                failures.Add(new Failure("generated-code-error", "generated-code-error:CS8795-wrapper", Describe(unimplemented)));
            }

            var warnings = all
                .Where(d => d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && generatedTrees.Contains(tree) && !inputWarningIds.Contains(d.Id))
                .ToList();
            if (warnings.Count > 0)
            {
                failures.Add(new Failure(
                    "generated-code-warning",
                    "generated-code-warning:" + string.Join(",", warnings.Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal)),
                    Describe(warnings)));
            }
        }

        Step("checks");
        // The generator reports one problem itself (KS1006, a struct that contains itself: the compiler's CS0523 stops a
        // build before any analyzer runs), so its own diagnostics count too.
        var ks = all.Concat(generatorDiagnostics).Where(d => d.Id.StartsWith("KS", StringComparison.Ordinal)).Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal).ToList();
        return new Outcome(input.Index, failures, ks, inputErrors.Count == 0, generatedTrees.Count, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>An exception's type and the first frame in KernelStructs code (or else the first frame).</summary>
    public static string Where(Exception exception)
    {
        var frames = (exception.StackTrace ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("at ", StringComparison.Ordinal)).ToList();
        var frame = frames.FirstOrDefault(f => f.StartsWith("at KernelStructs.", StringComparison.Ordinal)) ?? frames.FirstOrDefault() ?? "?";
        var end = frame.IndexOf('(');
        return exception.GetType().Name + "@" + (end > 0 ? frame.Substring(3, end - 3) : frame.Substring(Math.Min(3, frame.Length)));
    }

    /// <summary>Whether a KS error is reported at the same place as a diagnostic.</summary>
    private static bool HasKsError(IEnumerable<Diagnostic> all, Diagnostic diagnostic)
        => all.Any(d => d.Id.StartsWith("KS", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error
            && d.Location.SourceTree == diagnostic.Location.SourceTree && d.Location.SourceSpan.IntersectsWith(diagnostic.Location.SourceSpan));

    /// <summary>Whether a diagnostic is at a method that carries <c>[GetSockOpt]</c> or <c>[SetSockOpt]</c>.</summary>
    private static bool IsSockOptWrapper(Compilation compilation, Diagnostic diagnostic)
    {
        if (diagnostic.Location.SourceTree is not { } tree)
        {
            return false;
        }

        var node = tree.GetRoot().FindNode(diagnostic.Location.SourceSpan);
        var method = node.AncestorsAndSelf().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax>().FirstOrDefault();
        return method is not null
            && compilation.GetSemanticModel(tree).GetDeclaredSymbol(method) is IMethodSymbol symbol
            && symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() is "KernelStructs.GetSockOptAttribute" or "KernelStructs.SetSockOptAttribute");
    }

    private static string Key(Diagnostic diagnostic)
        => $"{diagnostic.Id}|{diagnostic.Location.SourceTree?.FilePath}|{diagnostic.Location.SourceSpan.Start}|{diagnostic.Location.SourceSpan.Length}";

    private static string Describe(IReadOnlyList<Diagnostic> diagnostics)
    {
        var text = new StringBuilder();
        foreach (var diagnostic in diagnostics.Take(5))
        {
            text.Append(diagnostic).Append('\n');
            if (diagnostic.Location.SourceTree is { } tree)
            {
                var line = tree.GetText().Lines.GetLineFromPosition(diagnostic.Location.SourceSpan.Start);
                text.Append("    ").Append(line.ToString().Trim()).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>The MSBuild properties the generator reads, as the SDK passes them (<c>build_property.*</c>).</summary>
    private sealed class OptionsProvider : AnalyzerConfigOptionsProvider
    {
        private static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);

        public OptionsProvider(bool layoutManifest)
            => GlobalOptions = layoutManifest ? new Options(ImmutableDictionary<string, string>.Empty.Add("build_property.KernelStructsLayoutManifest", "true")) : Empty;

        public override AnalyzerConfigOptions GlobalOptions { get; }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty;

        private sealed class Options : AnalyzerConfigOptions
        {
            private readonly ImmutableDictionary<string, string> _values;

            public Options(ImmutableDictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
        }
    }
}
