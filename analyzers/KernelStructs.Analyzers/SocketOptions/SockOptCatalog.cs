using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using KernelStructs.Generator;
using KernelStructs.Generator.Layout;
using KernelStructs.Generator.Model;
using KernelStructs.Generator.Parsing;
using KernelStructs.Generator.Vocabulary;
using Microsoft.CodeAnalysis;

namespace KernelStructs.Analyzers.SocketOptions;

/// <summary>A typed socket-option method the generator wrote (in source or in a referenced assembly), and its command.</summary>
internal sealed class SockOptWrapper
{
    public SockOptWrapper(IMethodSymbol method, SockOptCommandDeclaration command, bool isGet, SockOptSignature signature)
    {
        Method = method;
        Command = command;
        IsGet = isGet;
        Signature = signature;
    }

    public IMethodSymbol Method { get; }

    public SockOptCommandDeclaration Command { get; }

    public bool IsGet { get; }

    public SockOptSignature Signature { get; }

    public SockOptShape Shape => Signature.Shape;

    /// <summary>The payload type of a value shape (the returned type, or the second parameter's).</summary>
    public ITypeSymbol? Payload => Signature.Payload;
}

/// <summary>
/// Everything the socket-option analyzer knows about one compilation, built once when the compilation starts:
/// every <c>[SockOptCommand]</c> constant visible to it (the referenced KernelStructs catalog, other referenced
/// assemblies that use the attribute, the compilation's own), every generated typed wrapper
/// (<c>[SockOptWrapper]</c>), the user's own <c>LibraryImport</c>s of <c>setsockopt</c>/<c>getsockopt</c>, and the
/// well-known types of the call paths. Per call, the analyzer only reads these tables.
/// </summary>
internal sealed class SockOptCatalog
{
    private const string LibraryImportName = "System.Runtime.InteropServices.LibraryImportAttribute";

    private readonly Dictionary<IFieldSymbol, SockOptCommandDeclaration> _bySymbol = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<(int Level, int Value, bool IsGet), List<SockOptCommandDeclaration>> _byKey = new();
    private readonly Dictionary<(IFieldSymbol Command, bool IsGet), List<SockOptWrapper>> _wrappers = new(new CommandKeyComparer());
    private readonly Dictionary<IMethodSymbol, bool> _libraryImports = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, int[]?> _sizes = new(SymbolEqualityComparer.Default);

    private SockOptCatalog(Compilation compilation, INamedTypeSymbol commandAttribute)
    {
        CommandAttribute = commandAttribute;
        GetAttribute = compilation.GetTypeByMetadataName(KnownNames.GetSockOptAttribute);
        SetAttribute = compilation.GetTypeByMetadataName(KnownNames.SetSockOptAttribute);
        CallAttribute = compilation.GetTypeByMetadataName(KnownNames.SockOptCallAttribute);
        ArgumentAttribute = compilation.GetTypeByMetadataName(KnownNames.SockOptArgumentAttribute);
        WrapperAttribute = compilation.GetTypeByMetadataName(KnownNames.SockOptWrapperAttribute);
        KernelStructAttribute = compilation.GetTypeByMetadataName(KnownNames.KernelStructAttribute);
        LibC = compilation.GetTypeByMetadataName("Tmds.Linux.LibC");
        Socket = compilation.GetTypeByMetadataName("System.Net.Sockets.Socket");
        Unsafe = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.Unsafe");
        Marshal = compilation.GetTypeByMetadataName("System.Runtime.InteropServices.Marshal");
        LibraryImport = compilation.GetTypeByMetadataName(LibraryImportName);
    }

    public INamedTypeSymbol CommandAttribute { get; }

    public INamedTypeSymbol? GetAttribute { get; }

    public INamedTypeSymbol? SetAttribute { get; }

    /// <summary><c>[SockOptCall]</c>: a method that makes a socket-option call (the runtime's engine, a user's helper).</summary>
    public INamedTypeSymbol? CallAttribute { get; }

    /// <summary><c>[SockOptArgument]</c>: what a parameter of such a method carries.</summary>
    public INamedTypeSymbol? ArgumentAttribute { get; }

    /// <summary><c>[SockOptWrapper]</c>: a method the generator wrote, with its command.</summary>
    public INamedTypeSymbol? WrapperAttribute { get; }

    public INamedTypeSymbol? KernelStructAttribute { get; }

    public INamedTypeSymbol? LibC { get; }

    public INamedTypeSymbol? Socket { get; }

    public INamedTypeSymbol? Unsafe { get; }

    public INamedTypeSymbol? Marshal { get; }

    private INamedTypeSymbol? LibraryImport { get; }

    public int CommandCount => _bySymbol.Count;

    public int WrapperCount => _wrappers.Values.Sum(w => w.Count);

    /// <summary>
    /// Builds the catalog, or returns <see langword="null"/> when the compilation can have no socket-option
    /// misuse to report: it sees no <c>SockOptCommandAttribute</c>, or no command constant and no wrapper at all.
    /// </summary>
    public static SockOptCatalog? Build(Compilation compilation, CancellationToken cancellationToken)
    {
        var attribute = compilation.GetTypeByMetadataName(KnownNames.SockOptCommandAttribute);
        if (attribute is null)
        {
            return null;
        }

        var catalog = new SockOptCatalog(compilation, attribute);
        var home = attribute.ContainingAssembly;
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (SymbolEqualityComparer.Default.Equals(assembly, home) || assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == home.Identity.Name)))
            {
                catalog.Scan(assembly.GlobalNamespace, inSource: false, cancellationToken);
            }
        }

        catalog.Scan(compilation.Assembly.GlobalNamespace, inSource: true, cancellationToken);
        return catalog.CommandCount == 0 && catalog.WrapperCount == 0 ? null : catalog;
    }

    /// <summary>The command a constant is annotated as.</summary>
    public SockOptCommandDeclaration? Command(IFieldSymbol field) => _bySymbol.TryGetValue(field.OriginalDefinition, out var command) ? command : null;

    /// <summary>The commands with this number at this level on this system call (one, unless two annotations collide).</summary>
    public IReadOnlyList<SockOptCommandDeclaration> Commands(int level, int value, bool isGet)
        => _byKey.TryGetValue((level, value, isGet), out var list) ? list : (IReadOnlyList<SockOptCommandDeclaration>)System.Array.Empty<SockOptCommandDeclaration>();

    /// <summary>Every command, in no particular order.</summary>
    public IEnumerable<SockOptCommandDeclaration> AllCommands() => _bySymbol.Values;

    /// <summary>The generated wrappers of this command on this system call.</summary>
    public IReadOnlyList<SockOptWrapper> Wrappers(SockOptCommandDeclaration command, bool isGet)
        => _wrappers.TryGetValue((command.Field, isGet), out var list) ? list : (IReadOnlyList<SockOptWrapper>)System.Array.Empty<SockOptWrapper>();

    /// <summary>Whether a source method is a <c>LibraryImport</c> of <c>setsockopt</c> (false) or <c>getsockopt</c> (true).</summary>
    public bool? LibraryImportDirection(IMethodSymbol method) => _libraryImports.TryGetValue(method.OriginalDefinition, out var isGet) ? isGet : null;

    /// <summary>The <c>[GetSockOpt]</c>/<c>[SetSockOpt]</c> attribute of a declaration, and whether it is the GET one.</summary>
    public (AttributeData Attribute, bool IsGet)? WrapperDeclaration(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (GetAttribute is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, GetAttribute))
            {
                return (attribute, true);
            }

            if (SetAttribute is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, SetAttribute))
            {
                return (attribute, false);
            }
        }

        return null;
    }

    /// <summary>The system call a <c>[SockOptCall]</c> method makes: true for <c>getsockopt</c>; null for other methods.</summary>
    public bool? CallDirection(IMethodSymbol method)
    {
        if (CallAttribute is null)
        {
            return null;
        }

        foreach (var attribute in method.OriginalDefinition.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, CallAttribute) && attribute.ConstructorArguments.FirstOrDefault().Value is int direction)
            {
                return direction == (int)SockOptDirection.Get;
            }
        }

        return null;
    }

    /// <summary>What a parameter of a <c>[SockOptCall]</c> method carries (a <c>SockOptArgumentRole</c> value), or null.</summary>
    public int? ArgumentRole(IParameterSymbol parameter)
    {
        if (ArgumentAttribute is null)
        {
            return null;
        }

        foreach (var attribute in parameter.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, ArgumentAttribute) && attribute.ConstructorArguments.FirstOrDefault().Value is int role)
            {
                return role;
            }
        }

        return null;
    }

    private void Scan(INamespaceSymbol ns, bool inSource, CancellationToken cancellationToken)
    {
        foreach (var member in ns.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is INamespaceSymbol child)
            {
                Scan(child, inSource, cancellationToken);
            }
            else if (member is INamedTypeSymbol type)
            {
                ScanType(type, inSource);
            }
        }
    }

    private void ScanType(INamedTypeSymbol type, bool inSource)
    {
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct or TypeKind.Interface))
        {
            return;
        }

        foreach (var member in type.GetMembers())
        {
            switch (member)
            {
                case INamedTypeSymbol nested:
                    ScanType(nested, inSource);
                    break;
                case IFieldSymbol { IsConst: true } field:
                    AddCommand(field);
                    break;
                case IMethodSymbol { IsStatic: true, MethodKind: MethodKind.Ordinary } method:
                    AddMethod(method, inSource);
                    break;
            }
        }
    }

    private void AddCommand(IFieldSymbol field)
    {
        if (SockOptCommandReader.Read(field) is not { } command)
        {
            return;
        }

        _bySymbol[field] = command;
        foreach (var isGet in new[] { true, false })
        {
            if (command.Allows(isGet))
            {
                var key = ((int)command.Level, command.Number, isGet);
                if (!_byKey.TryGetValue(key, out var list))
                {
                    _byKey[key] = list = new List<SockOptCommandDeclaration>();
                }

                list.Add(command);
            }
        }
    }

    private void AddMethod(IMethodSymbol method, bool inSource)
    {
        if (inSource && method.PartialDefinitionPart is not null)
        {
            return;
        }

        var attributes = method.GetAttributes();
        if (inSource && LibraryImport is not null
            && attributes.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, LibraryImport)) is { } import)
        {
            var entryPoint = AttributeArguments.Named<string>(import, "EntryPoint") ?? method.Name;
            if (entryPoint is "setsockopt" or "getsockopt" && method.Parameters.Length >= 5)
            {
                _libraryImports[method] = entryPoint == "getsockopt";
            }

            return;
        }

        // A generated wrapper names its command: [SockOptWrapper(typeof(T), nameof(T.NAME), direction)].
        var wrapper = WrapperAttribute is null ? null : attributes.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, WrapperAttribute));
        if (wrapper is not { ConstructorArguments: [{ Value: INamedTypeSymbol commandType }, { Value: string commandName }, { Value: int direction }] }
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

        var key = (command.Field, isGet);
        if (!_wrappers.TryGetValue(key, out var list))
        {
            _wrappers[key] = list = new List<SockOptWrapper>();
        }

        list.Add(new SockOptWrapper(method, command, isGet, signature));
    }

    /// <summary>Whether a type is a <c>[KernelStruct]</c>.</summary>
    public bool IsKernelStruct(ITypeSymbol type)
        => KernelStructAttribute is not null && type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, KernelStructAttribute));

    /// <summary>An integer, an enum or a byte-order type: a payload whose only property is its size.</summary>
    public static bool IsScalar(ITypeSymbol type) => SockOptCommandReader.ScalarSize(type, Abi.X86_64.PointerSize) is not null;

    /// <summary>A command's payload of <c>byte</c> means raw bytes of a length the kernel decides.</summary>
    public static bool IsRawBytes(ITypeSymbol type) => type.SpecialType == SpecialType.System_Byte;

    /// <summary>The C size of a type on every ABI (indexed like <see cref="Abi.All"/>), or null when it has no known C size.</summary>
    public int[]? CSizes(ITypeSymbol type) => _sizes.GetOrAdd(type, ComputeSizes);

    /// <summary>The C size of a command's payload on every ABI (<c>Count</c> payloads; 0 for none), or null when unknown.</summary>
    public int[]? PayloadSizes(SockOptCommandDeclaration command)
        => command.PayloadKind == PayloadKind.None ? Abi.All.Select(_ => 0).ToArray()
            : CSizes(command.Payload) is { } sizes ? sizes.Select(s => s * command.Count).ToArray() : null;

    private int[]? ComputeSizes(ITypeSymbol type)
    {
        if (SockOptCommandReader.ScalarSize(type, Abi.X86_64.PointerSize) is not null)
        {
            return Abi.All.Select(abi => SockOptCommandReader.ScalarSize(type, abi.PointerSize)!.Value).ToArray();
        }

        if (type is not INamedTypeSymbol named || !IsKernelStruct(named))
        {
            return null;
        }

        var model = KernelStructModels.Read(named, CancellationToken.None);
        return model.Problems.Count > 0 ? null : Abi.All.Select(abi => LayoutEngine.Compute(model.Shape, abi).Size).ToArray();
    }

    /// <summary>How a type is named in messages: its C name for a kernel struct (<c>SockAddrIn (struct sockaddr_in)</c>).</summary>
    public static string Describe(ITypeSymbol type) => SockOptCommandReader.Describe(type);

    /// <summary>A level as the C headers name it.</summary>
    public static string LevelName(int level) => SockOptFacts.IsNamed((SocketLevel)level)
        ? SockOptFacts.LevelCName((SocketLevel)level)
        : "level " + level.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed class CommandKeyComparer : IEqualityComparer<(IFieldSymbol Command, bool IsGet)>
    {
        public bool Equals((IFieldSymbol Command, bool IsGet) x, (IFieldSymbol Command, bool IsGet) y)
            => x.IsGet == y.IsGet && SymbolEqualityComparer.Default.Equals(x.Command, y.Command);

        public int GetHashCode((IFieldSymbol Command, bool IsGet) obj)
            => SymbolEqualityComparer.Default.GetHashCode(obj.Command) * 2 + (obj.IsGet ? 1 : 0);
    }
}
