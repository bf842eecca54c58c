using Microsoft.CodeAnalysis;

namespace KernelStructs.Analyzers.SocketOptions;

/// <summary>Whether code at one place may name a symbol: a fix or a suggestion never offers what the user cannot write.</summary>
internal static class Symbols
{
    public static bool IsAccessible(ISymbol symbol, ISymbol within)
        => within is INamedTypeSymbol type ? SymbolIsAccessible(symbol, type) : within.ContainingType is { } containing ? SymbolIsAccessible(symbol, containing) : true;

    private static bool SymbolIsAccessible(ISymbol symbol, INamedTypeSymbol within)
    {
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current.DeclaredAccessibility is Accessibility.Private && !SymbolEqualityComparer.Default.Equals(current.ContainingType, within))
            {
                return false;
            }

            if (current.DeclaredAccessibility is Accessibility.Internal or Accessibility.ProtectedAndInternal && !SymbolEqualityComparer.Default.Equals(current.ContainingAssembly, within.ContainingAssembly))
            {
                return false;
            }
        }

        return true;
    }
}
