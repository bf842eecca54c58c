using System;
using System.Collections.Immutable;
using System.Threading;
using KernelStructs.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelStructs.Analyzers.SocketOptions;

/// <summary>
/// Checks the socket-option declarations that stand in generated code: a <c>[GetSockOpt]</c>/<c>[SetSockOpt]</c>
/// wrapper or a <c>[SockOptCommand]</c> constant in a file with an <c>&lt;auto-generated&gt;</c> header, or in a
/// member or type marked <c>[GeneratedCode]</c>. <see cref="SockOptAnalyzer"/> leaves generated code alone, as analyzers
/// do for calls; but the generator reads these declarations wherever they are, so a bad one must be reported there too,
/// not only by the compiler's error about the body it did not get.
/// </summary>
/// <remarks>
/// One semantic-model action per file keeps this cheap: it looks only at the members of types (never into bodies),
/// asks for a member's symbol only when the member has attributes, and builds the command catalog only once a
/// generated declaration is found.
/// </remarks>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class GeneratedDeclarationAnalyzer : DiagnosticAnalyzer
{
    private const string GeneratedCodeAttribute = "System.CodeDom.Compiler.GeneratedCodeAttribute";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors.SockOpt;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        // The attribute classes are looked up at the first file, not when the compilation starts: a lookup then would make
        // this analyzer build the compiler's declaration table (parse every lazily parsed tree, the generated ones
        // included), work the compiler has done anyway by the time it has a file's semantic model to analyze.
        context.RegisterCompilationStartAction(static start =>
        {
            var compilation = start.Compilation;
            var declarations = new Lazy<Declarations?>(() => Declarations.Of(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
            start.RegisterSemanticModelAction(context => declarations.Value?.Analyze(context));
        });
    }

    private sealed class Declarations(
        INamedTypeSymbol command, INamedTypeSymbol? get, INamedTypeSymbol? set, INamedTypeSymbol? generatedCode, Lazy<SockOptCatalog?> catalog)
    {
        /// <summary>The declarations' attribute classes in <paramref name="compilation"/>, or <see langword="null"/> when it sees no <c>SockOptCommandAttribute</c>.</summary>
        public static Declarations? Of(Compilation compilation)
            => compilation.GetTypeByMetadataName(KnownNames.SockOptCommandAttribute) is { } command
                ? new Declarations(
                    command,
                    compilation.GetTypeByMetadataName(KnownNames.GetSockOptAttribute),
                    compilation.GetTypeByMetadataName(KnownNames.SetSockOptAttribute),
                    compilation.GetTypeByMetadataName(GeneratedCodeAttribute),
                    new Lazy<SockOptCatalog?>(() => SockOptCatalog.Build(compilation, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication))
                : null;

        public void Analyze(SemanticModelAnalysisContext context)
        {
            var root = context.SemanticModel.SyntaxTree.GetRoot(context.CancellationToken);
            foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                switch (node)
                {
                    case MethodDeclarationSyntax { AttributeLists.Count: > 0 } method
                        when context.SemanticModel.GetDeclaredSymbol(method, context.CancellationToken) is IMethodSymbol symbol
                            && Carries(symbol, get, set) && IsGenerated(context, symbol) && catalog.Value is { } sockOpts:
                        SockOptDeclarations.CheckWrapper(method, symbol, context.SemanticModel, sockOpts, context.ReportDiagnostic, context.CancellationToken);
                        break;
                    case FieldDeclarationSyntax { AttributeLists.Count: > 0 } field:
                        foreach (var variable in field.Declaration.Variables)
                        {
                            if (context.SemanticModel.GetDeclaredSymbol(variable, context.CancellationToken) is IFieldSymbol symbol
                                && Carries(symbol, command, null) && IsGenerated(context, symbol) && catalog.Value is { } commands)
                            {
                                SockOptDeclarations.CheckCommand(variable, symbol, commands, context.ReportDiagnostic, context.CancellationToken);
                            }
                        }

                        break;
                }
            }
        }

        /// <summary>
        /// Whether <see cref="SockOptAnalyzer"/> skips the declaration, by the compiler's rule: its file is generated, or
        /// it or a type around it carries <c>[GeneratedCode]</c>, up to the first that is declared in more than one place
        /// (a partial type is generated only when its one declaration says so).
        /// </summary>
        private bool IsGenerated(SemanticModelAnalysisContext context, ISymbol symbol)
        {
            if (context.IsGeneratedCode)
            {
                return true;
            }

            for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
            {
                if (current.DeclaringSyntaxReferences.Length > 1)
                {
                    return false;
                }

                if (Carries(current, generatedCode, null))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Carries(ISymbol symbol, INamedTypeSymbol? first, INamedTypeSymbol? second)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass is { } type
                    && (SymbolEqualityComparer.Default.Equals(type, first) || SymbolEqualityComparer.Default.Equals(type, second)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
