using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using KernelStructs.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelStructs.Generator.Tests.Infrastructure;

/// <summary>Compiles C# in memory against the running framework and the KernelStructs runtime, and runs the generator on it.</summary>
public static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(() =>
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(path => Path.GetFileName(path) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "mscorlib.dll" or "netstandard.dll"))
            .Append(typeof(KernelStructAttribute).Assembly.Location)
            .Append(typeof(Tmds.Linux.LibC).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    });

    /// <summary>The framework's assemblies plus the runtime library.</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    public static CSharpCompilation Compile(params string[] sources) => Compile(ParseOptions, sources);

    /// <summary>Compiles <paramref name="sources"/> parsed with <paramref name="parseOptions"/> (e.g. another <see cref="DocumentationMode"/>); run the generator with the same options.</summary>
    public static CSharpCompilation Compile(CSharpParseOptions parseOptions, params string[] sources)
        => CSharpCompilation.Create(
            "KernelStructs.Scenario",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, parseOptions, path: $"Input{i}.cs")),
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                allowUnsafe: true,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
                {
                    // Test inputs are not documented public API.
                    ["CS1591"] = ReportDiagnostic.Suppress,
                    // Unification of the runtime's net8.0 references with the running framework, as the SDK does.
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                    // Unused fields in test mirrors.
                    ["CS0169"] = ReportDiagnostic.Suppress,
                    ["CS0649"] = ReportDiagnostic.Suppress,
                }));

    public static GeneratorDriver CreateDriver(AnalyzerConfigOptionsProvider? options = null, CSharpParseOptions? parseOptions = null)
        => CSharpGeneratorDriver.Create(
            new[] { new KernelStructGenerator().AsSourceGenerator() },
            parseOptions: parseOptions ?? ParseOptions,
            optionsProvider: options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>
    /// Runs the generator once, its output parsed with <paramref name="parseOptions"/> (by default <see cref="ParseOptions"/>,
    /// as <see cref="Compile(string[])"/> parses the input); returns the result and the compilation with the generated sources.
    /// </summary>
    public static (GeneratorDriverRunResult Result, Compilation Output) Run(Compilation input, CSharpParseOptions? parseOptions = null)
    {
        var driver = CreateDriver(parseOptions: parseOptions).RunGeneratorsAndUpdateCompilation(input, out var output, out _);
        return (driver.GetRunResult(), output);
    }
}
