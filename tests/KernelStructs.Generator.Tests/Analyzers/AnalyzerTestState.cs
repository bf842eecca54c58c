using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using KernelStructs.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace KernelStructs.Generator.Tests.Analyzers;

/// <summary>What every analyzer and code-fix test compiles against: .NET 8 reference assemblies and the KernelStructs runtime.</summary>
internal static class AnalyzerTestState
{
    /// <summary>The usings every test source starts with.</summary>
    public const string Usings = """
        using KernelStructs;
        using System.Runtime.CompilerServices;
        using System.Runtime.InteropServices;

        """;

    /// <summary>.NET 8 reference assemblies, the framework the runtime library targets.</summary>
    public static ReferenceAssemblies ReferenceAssemblies => Microsoft.CodeAnalysis.Testing.ReferenceAssemblies.Net.Net80;

    /// <summary>Sets the references and the compilation options a test runs with.</summary>
    public static void Configure(SolutionState state, List<Func<Solution, ProjectId, Solution>> transforms, bool allowUnsafe = true)
    {
        state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(KernelStructAttribute).Assembly.Location));
        transforms.Add((solution, projectId) =>
        {
            var options = (CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!;
            return solution.WithProjectCompilationOptions(projectId, options.WithAllowUnsafe(allowUnsafe));
        });
    }
}

/// <summary>Runs <see cref="KernelStructAnalyzer"/> over a source and compares its diagnostics.</summary>
internal sealed class AnalyzerTest : CSharpAnalyzerTest<KernelStructAnalyzer, DefaultVerifier>
{
    public AnalyzerTest(string source, params DiagnosticResult[] expected)
    {
        TestCode = AnalyzerTestState.Usings + source;
        ReferenceAssemblies = AnalyzerTestState.ReferenceAssemblies;
        AnalyzerTestState.Configure(TestState, SolutionTransforms);
        // The testing library reports diagnostics that are off by default; tests that want KS1105 remove it from this list.
        DisabledDiagnostics.Add(Descriptors.LayoutPicture.Id);
        ExpectedDiagnostics.AddRange(expected);
    }

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) => new AnalyzerTest(source, expected).RunAsync();
}

/// <summary>Runs <see cref="KernelStructAnalyzer"/> and a code fix over a source and compares the fixed source.</summary>
internal sealed class CodeFixTest<TCodeFix> : CSharpCodeFixTest<KernelStructAnalyzer, TCodeFix, DefaultVerifier>
    where TCodeFix : CodeFixProvider, new()
{
    public CodeFixTest(string source, string fixedSource, bool allowUnsafe = true)
    {
        TestCode = AnalyzerTestState.Usings + source;
        FixedCode = AnalyzerTestState.Usings + fixedSource;
        ReferenceAssemblies = AnalyzerTestState.ReferenceAssemblies;
        AnalyzerTestState.Configure(TestState, SolutionTransforms, allowUnsafe);
        DisabledDiagnostics.Add(Descriptors.LayoutPicture.Id);
    }
}
