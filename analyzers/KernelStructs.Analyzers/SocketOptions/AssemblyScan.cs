using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using KernelStructs.Generator.Model;
using KernelStructs.Generator.Parsing;
using KernelStructs.Generator.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelStructs.Analyzers.SocketOptions;

/// <summary>
/// The <c>[SockOptCommand]</c> constants and generated <c>[SockOptWrapper]</c> methods of one assembly. A referenced
/// assembly's symbols are shared by every compilation that references the same files (the IDE makes one per edit),
/// so its scan is made once and kept as long as the assembly symbol lives; the compilation's own is made per
/// compilation. The wrappers are read on first use: only a raw call that a wrapper could make needs them.
/// </summary>
internal sealed class AssemblyScan
{
    private static readonly ConditionalWeakTable<IAssemblySymbol, AssemblyScan> Scans = new();

    private readonly IAssemblySymbol _assembly;
    private readonly bool _inSource;
    private readonly System.Lazy<IReadOnlyList<SockOptWrapper>> _wrappers;

    private AssemblyScan(IAssemblySymbol assembly, bool inSource, IReadOnlyList<SockOptCommandDeclaration> commands)
    {
        _assembly = assembly;
        _inSource = inSource;
        Commands = commands;
        _wrappers = new(ReadWrappers, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Every command constant of the assembly.</summary>
    public IReadOnlyList<SockOptCommandDeclaration> Commands { get; }

    /// <summary>Every generated wrapper of the assembly.</summary>
    public IReadOnlyList<SockOptWrapper> Wrappers => _wrappers.Value;

    /// <summary>Whether the wrappers have been read.</summary>
    public bool WrappersRead => _wrappers.IsValueCreated;

    /// <summary>The assembly scanned.</summary>
    public IAssemblySymbol Assembly => _assembly;

    /// <summary>The scan of a referenced assembly, made once per assembly symbol.</summary>
    public static AssemblyScan Of(IAssemblySymbol assembly, CancellationToken cancellationToken)
        => Scans.GetValue(assembly, a => Read(a, inSource: false, cancellationToken));

    /// <summary>Scans an assembly's command constants (its wrappers wait for first use).</summary>
    public static AssemblyScan Read(IAssemblySymbol assembly, bool inSource, CancellationToken cancellationToken)
    {
        var commands = new List<SockOptCommandDeclaration>();
        foreach (var type in Types(assembly.GlobalNamespace, cancellationToken))
        {
            if (inSource && !DeclaresAttributedConstant(type, cancellationToken))
            {
                continue;
            }

            foreach (var member in type.GetMembers())
            {
                if (member is IFieldSymbol { IsConst: true } field && SockOptCommandReader.Read(field) is { } command)
                {
                    commands.Add(command);
                }
            }
        }

        return new AssemblyScan(assembly, inSource, commands);
    }

    /// <summary>
    /// Whether a type in source declares a constant with attributes, which a command is: asked of its declarations'
    /// syntax, so that the compiler does not build the members of every other type (a mirror's generated members are
    /// most of a project's) for this scan.
    /// </summary>
    private static bool DeclaresAttributedConstant(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration)
            {
                foreach (var member in declaration.Members)
                {
                    if (member is FieldDeclarationSyntax { AttributeLists.Count: > 0 } field && field.Modifiers.Any(SyntaxKind.ConstKeyword))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private IReadOnlyList<SockOptWrapper> ReadWrappers()
    {
        var wrappers = new List<SockOptWrapper>();
        foreach (var type in Types(_assembly.GlobalNamespace, CancellationToken.None))
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol { IsStatic: true, MethodKind: MethodKind.Ordinary } method)
                {
                    AddWrappers(method, wrappers);
                }
            }
        }

        return wrappers;
    }

    /// <summary>A generated wrapper, with the family its <c>[SockOptWrapper(Family = ...)]</c> lists.</summary>
    private void AddWrappers(IMethodSymbol method, List<SockOptWrapper> wrappers)
    {
        if (_inSource && method.PartialDefinitionPart is not null)
        {
            return;
        }

        // A generated wrapper names its command: [SockOptWrapper(typeof(T), nameof(T.NAME), direction, Family = ...)].
        if (AttributeArguments.Find(method, KnownNames.SockOptWrapperAttribute) is not { ConstructorArguments: [{ Value: INamedTypeSymbol commandType }, { Value: string commandName }, { Value: int direction }] } attribute
            || commandType.GetMembers(commandName).OfType<IFieldSymbol>().FirstOrDefault() is not { } field
            || SockOptCommandReader.Read(field) is not { } command)
        {
            return;
        }

        var isGet = direction == (int)SockOptDirection.Get;
        var signature = SockOptShapes.Classify(method, isGet);
        if (signature.Reason is not null)
        {
            return;
        }

        wrappers.Add(new SockOptWrapper(method, command, isGet, signature));
        var family = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Family").Value.Value is int flags ? (SockOptForms)flags : SockOptForms.None;
        foreach (var (socket, isTry) in SockOptFamily.All())
        {
            if ((family & SockOptFamily.Form(socket, isTry)) != 0 && SockOptShapes.FamilyMember(signature, socket, isTry) is { } member)
            {
                wrappers.Add(new SockOptWrapper(member.Method, command, isGet, member));
            }
        }
    }

    /// <summary>Classes, structs and interfaces of a namespace and its children, nested types included, in declaration order.</summary>
    private static IEnumerable<INamedTypeSymbol> Types(INamespaceOrTypeSymbol container, CancellationToken cancellationToken)
    {
        // A type's nested types only: its other members are not needed to find them.
        foreach (var member in container is INamedTypeSymbol outer ? outer.GetTypeMembers().CastArray<ISymbol>() : container.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is INamespaceSymbol ns)
            {
                foreach (var type in Types(ns, cancellationToken))
                {
                    yield return type;
                }
            }
            else if (member is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct or TypeKind.Interface } type)
            {
                yield return type;
                foreach (var nested in Types(type, cancellationToken))
                {
                    yield return nested;
                }
            }
        }
    }
}
