using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using KernelStructs.Generator.Model;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KernelStructs.Generator.Tests.Generator;

/// <summary>
/// The pipeline model must hold plain data only: a symbol, a syntax node or a compilation in it would
/// keep old compilations alive and defeat the generator's caching.
/// </summary>
public class ModelPurityTests
{
    private static readonly Type[] Forbidden = { typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(SemanticModel), typeof(Location), typeof(SyntaxTree) };

    [Fact]
    public void The_model_holds_no_symbol_syntax_or_compilation()
    {
        var seen = new HashSet<Type>();
        var offenders = new List<string>();
        Walk(typeof(StructModel), "StructModel", seen, offenders);
        Assert.True(seen.Count > 5, "the walk reached too few types to mean anything");
        Assert.Empty(offenders);
    }

    [Fact]
    public void The_walk_catches_a_symbol()
    {
        var offenders = new List<string>();
        Walk(typeof(Holder), "Holder", new HashSet<Type>(), offenders);
        Assert.Single(offenders);
    }

    private sealed record Holder(string Name, ISymbol Symbol);

    private static void Walk(Type type, string path, HashSet<Type> seen, List<string> offenders)
    {
        if (Forbidden.Any(f => f.IsAssignableFrom(type)))
        {
            offenders.Add($"{path}: {type.Name}");
            return;
        }

        if (type.IsPrimitive || type == typeof(string) || type.IsEnum || !seen.Add(type))
        {
            return;
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Walk(argument, $"{path}<{argument.Name}>", seen, offenders);
            }
        }

        if (type.Namespace?.StartsWith("KernelStructs", StringComparison.Ordinal) != true)
        {
            return;
        }

        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Walk(field.FieldType, $"{path}.{field.Name}", seen, offenders);
        }
    }
}
