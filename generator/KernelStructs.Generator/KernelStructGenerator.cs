using Microsoft.CodeAnalysis;

namespace KernelStructs.Generator;

/// <summary>Emits layout constants, views and accessors for every <c>[KernelStruct]</c> partial struct.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class KernelStructGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
