using Microsoft.CodeAnalysis;

namespace KernelStructs.Analyzers;

/// <summary>
/// Binds the compilation's own assembly and module attributes before an analyzer reads many symbols.
/// </summary>
/// <remarks>
/// Until they are bound, the compiler answers "is this assembly or module obsolete or experimental?" (asked for every
/// type it binds in a signature or an attribute) by walking every <c>[assembly: ...]</c> attribute list of every file. The
/// generator now writes all mirrors' <c>[assembly: KernelStructRegistration&lt;T&gt;]</c> in one file, but a project may
/// have many such lists of its own, and a scan that binds the members of a thousand types before the compiler has bound
/// those attributes then costs the product of the two. The compiler binds them anyway (it emits them); binding them first makes each of those questions a lookup.
/// </remarks>
internal static class AssemblyAttributes
{
    public static void Bind(Compilation compilation)
    {
        compilation.Assembly.GetAttributes();
        compilation.SourceModule.GetAttributes();
    }
}
