using System.Linq;
using KernelStructs.Generator.Emit;
using KernelStructs.Generator.Model;
using KernelStructs.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace KernelStructs.Generator;

/// <summary>
/// Emits layout constants, views and accessors for every <c>[KernelStruct]</c> partial struct.
/// The generator reports nothing: the analyzers report every problem from the same model.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class KernelStructGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for caching tests.</summary>
    public static class Steps
    {
        /// <summary>Declarations turned into models.</summary>
        public const string Structs = "KernelStructs.Structs";

        /// <summary>Models the generator can emit.</summary>
        public const string Emittable = "KernelStructs.Emittable";

        /// <summary>Socket-option methods turned into models.</summary>
        public const string GetSockOpts = "KernelStructs.GetSockOpts";

        /// <summary>Socket-option methods turned into models.</summary>
        public const string SetSockOpts = "KernelStructs.SetSockOpts";
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var structs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.KernelStructAttribute,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.StructDeclarationSyntax,
                static (context, cancellationToken) => StructParser.Parse((INamedTypeSymbol)context.TargetSymbol, cancellationToken))
            .WithTrackingName(Steps.Structs)
            .Where(static model => !model.Problems.Any(p => p.BlocksEmission))
            .WithTrackingName(Steps.Emittable);

        context.RegisterSourceOutput(structs, static (context, model) =>
            context.AddSource(StructEmitter.HintName(model), StructEmitter.Emit(model)));

        var gets = SockOptMethods(context, KnownNames.GetSockOptAttribute).WithTrackingName(Steps.GetSockOpts);
        var sets = SockOptMethods(context, KnownNames.SetSockOptAttribute).WithTrackingName(Steps.SetSockOpts);
        foreach (var methods in new[] { gets, sets })
        {
            context.RegisterSourceOutput(methods.Where(static m => !m.Problems.Any(p => p.BlocksEmission)), static (context, model) =>
                context.AddSource(SockOptEmitter.HintName(model), SockOptEmitter.Emit(model)));
        }
    }

    private static IncrementalValuesProvider<SockOptMethodModel> SockOptMethods(IncrementalGeneratorInitializationContext context, string attribute)
        => context.SyntaxProvider.ForAttributeWithMetadataName(
            attribute,
            static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax,
            static (context, cancellationToken) => SockOptParser.Parse((IMethodSymbol)context.TargetSymbol, (Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax)context.TargetNode, cancellationToken));
}
