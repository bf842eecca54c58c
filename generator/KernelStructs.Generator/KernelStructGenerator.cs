using System.Linq;
using KernelStructs.Generator.Emit;
using KernelStructs.Generator.Model;
using KernelStructs.Generator.Parsing;
using KernelStructs.Generator.Verification;
using Microsoft.CodeAnalysis;

namespace KernelStructs.Generator;

/// <summary>
/// Emits layout constants, views and accessors for every <c>[KernelStruct]</c> partial struct, and the typed
/// socket-option methods of every <c>[GetSockOpt]</c>/<c>[SetSockOpt]</c> declaration.
/// The analyzers report every problem from the same model; the generator reports only KS1006 for a struct that
/// contains itself by value, since the compiler's CS0523 ends such a build before any analyzer runs.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class KernelStructGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for caching tests.</summary>
    public static class Steps
    {
        /// <summary>Declarations turned into models (the parse: reruns for every declaration when the compilation changes).</summary>
        public const string Structs = "KernelStructs.Structs";

        /// <summary>The layout check of a parsed model (KS1011): reruns only for a model that changed.</summary>
        public const string Layout = "KernelStructs.Layout";

        /// <summary>Models the generator can emit.</summary>
        public const string Emittable = "KernelStructs.Emittable";

        /// <summary>The C# names of the mirrors registered on the assembly (one file for all).</summary>
        public const string Registrations = "KernelStructs.Registrations";

        /// <summary>Structs that contain themselves by value (KS1006, which the generator reports).</summary>
        public const string ValueCycles = "KernelStructs.ValueCycles";

        /// <summary>GET socket-option methods turned into models.</summary>
        public const string GetSockOpts = "KernelStructs.GetSockOpts";

        /// <summary>SET socket-option methods turned into models.</summary>
        public const string SetSockOpts = "KernelStructs.SetSockOpts";

        /// <summary>Whether the project asks for layout manifests (header verification).</summary>
        public const string ManifestEnabled = "KernelStructs.ManifestEnabled";

        /// <summary>Source places of declarations, for the manifests (read only when manifests are on).</summary>
        public const string SourcePlaces = "KernelStructs.SourcePlaces";

        /// <summary>How the manifests write source paths (<c>/pathmap</c>, project directory).</summary>
        public const string SourcePathMap = "KernelStructs.SourcePathMap";

        /// <summary>Fields that stand for a socket-option command.</summary>
        public const string CommandAliases = "KernelStructs.CommandAliases";

        /// <summary>Whether the compilation parses documentation comments, so that generated code carries them.</summary>
        public const string Documentation = "KernelStructs.Documentation";
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Doc comments are written only for a compilation that parses them: the IDE (DocumentationMode.Parse) and builds
        // that write an XML documentation file (Diagnose). A command-line build without one reads them as plain comments,
        // so there they would be bytes for the compiler to read and nothing else.
        var documentation = context.ParseOptionsProvider
            .Select(static (options, _) => options.DocumentationMode != DocumentationMode.None)
            .WithTrackingName(Steps.Documentation);

        var structs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.KernelStructAttribute,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.StructDeclarationSyntax,
                static (context, cancellationToken) => StructParser.IsFirstAttributedDeclaration((INamedTypeSymbol)context.TargetSymbol, context.TargetNode)
                    ? StructParser.Parse((INamedTypeSymbol)context.TargetSymbol, layouts: null, cancellationToken)
                    : null)
            .WithTrackingName(Steps.Structs)
            .Where(static model => model is not null && model.Problems.Count == 0)
            .Select(static (model, _) => KernelStructModels.CheckLayout(model!))
            .WithTrackingName(Steps.Layout)
            .Where(static model => model.Problems.Count == 0)
            .Select(static (model, _) => model)
            .WithTrackingName(Steps.Emittable);

        context.RegisterSourceOutput(structs.Combine(documentation), static (context, pair) =>
            context.AddSource(StructEmitter.HintName(pair.Left), StructEmitter.Emit(pair.Left, pair.Right)));

        // Every mirror's registration in one file (see RegistrationEmitter): the list changes only when a mirror is added,
        // removed or renamed, so an edit inside a mirror leaves this output cached.
        var registrations = structs
            .Select(static (model, _) => RegistrationEmitter.Registration(model))
            .Where(static name => name is not null)
            .Select(static (name, _) => name!)
            .WithTrackingName(Steps.Registrations)
            .Collect();
        context.RegisterSourceOutput(registrations, static (context, names) =>
        {
            if (names.Length > 0)
            {
                context.AddSource(RegistrationEmitter.HintName, RegistrationEmitter.Emit(names));
            }
        });

        // KS1006 for a struct that contains itself by value: the compiler's CS0523 stops a build before the analyzers run.
        var cycles = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.KernelStructAttribute,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.StructDeclarationSyntax,
                static (context, cancellationToken) => Diagnostics.LayoutCycles.Read((INamedTypeSymbol)context.TargetSymbol, context.TargetNode, cancellationToken))
            .Where(static found => found.Count > 0)
            .WithTrackingName(Steps.ValueCycles);
        context.RegisterSourceOutput(cycles.Combine(context.CompilationProvider), static (context, pair) =>
        {
            foreach (var diagnostic in pair.Left)
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic(Diagnostics.LayoutCycles.RecursiveNesting, pair.Right));
            }
        });

        // Header verification (opt-in): a layout manifest per struct, compiled into the assembly for the verifier. Nothing
        // below the switch runs in a project that leaves it off.
        var manifestEnabled = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => LayoutManifest.IsEnabled(options))
            .WithTrackingName(Steps.ManifestEnabled);
        var manifestOn = manifestEnabled.SelectMany(static (on, _) => on ? new[] { true } : System.Array.Empty<bool>());
        var paths = manifestOn
            .Combine(context.CompilationProvider)
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, _) => SourcePathMap.Read(pair.Left.Right, pair.Right))
            .WithTrackingName(Steps.SourcePathMap)
            .Collect();
        var manifests = structs
            .Combine(manifestEnabled)
            .Where(static pair => pair.Right)
            .Select(static (pair, _) => pair.Left)
            .Combine(context.CompilationProvider)
            .Select(static (pair, cancellationToken) => ManifestSource.Read(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(Steps.SourcePlaces)
            .Combine(paths);
        context.RegisterSourceOutput(manifests, static (context, pair) =>
            context.AddSource(
                LayoutManifest.HintName(pair.Left.Model),
                LayoutManifest.Emit(pair.Left.Model, pair.Left.Places, pair.Left.NestedPlaces, pair.Right.FirstOrDefault())));

        var gets = SockOptMethods(context, KnownNames.GetSockOptAttribute).WithTrackingName(Steps.GetSockOpts);
        var sets = SockOptMethods(context, KnownNames.SetSockOptAttribute).WithTrackingName(Steps.SetSockOpts);
        // One output for all wrappers, so that hint names are unique by construction: declarations that read the same
        // (a method declared twice, a class and a struct of one name) are numbered in source order.
        context.RegisterSourceOutput(gets.Collect().Combine(sets.Collect()).Combine(documentation), static (context, pair) =>
        {
            var taken = new System.Collections.Generic.HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
            var ((getModels, setModels), documentation) = pair;
            foreach (var model in getModels.Concat(setModels).Where(static m => m is not null && m.Members.Count > 0))
            {
                var hintName = SockOptEmitter.HintName(model!, 1);
                for (var n = 2; !taken.Add(hintName); n++)
                {
                    hintName = SockOptEmitter.HintName(model!, n);
                }

                context.AddSource(hintName, SockOptEmitter.Emit(model!, documentation));
            }
        });

        // Fields that stand for a command, recorded on the assembly for the analyzers (here and in referencing projects).
        var aliases = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => CommandAliases.IsCandidate(node), static (context, cancellationToken) => CommandAliases.Read(context, cancellationToken))
            .Where(static alias => alias is not null)
            .Select(static (alias, _) => alias!)
            .WithTrackingName(Steps.CommandAliases)
            .Collect();
        context.RegisterSourceOutput(aliases, static (context, aliases) =>
        {
            if (aliases.Length > 0)
            {
                context.AddSource(AliasEmitter.HintName, AliasEmitter.Emit(aliases));
            }
        });
    }

    private static IncrementalValuesProvider<SockOptMethodModel> SockOptMethods(IncrementalGeneratorInitializationContext context, string attribute)
        => context.SyntaxProvider.ForAttributeWithMetadataName(
            attribute,
            static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax,
            static (context, cancellationToken) => SockOptParser.Parse((IMethodSymbol)context.TargetSymbol, context.SemanticModel, tree => context.SemanticModel.Compilation.GetSemanticModel(tree), cancellationToken))
            // A method with both attributes is one declaration (refused with KS2010): the GET pipeline has it.
            .Where(model => attribute == KnownNames.GetSockOptAttribute || !model.IsGet);
}
