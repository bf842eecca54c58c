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
    private readonly Dictionary<IFieldSymbol, SockOptCommandDeclaration> _bySymbol = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<(int Level, int Value, bool IsGet), List<SockOptCommandDeclaration>> _byKey = new();
    private readonly List<AssemblyScan> _scans = new();
    private readonly System.Lazy<Dictionary<(IFieldSymbol Command, bool IsGet), List<SockOptWrapper>>> _wrappers;
    private readonly Dictionary<IFieldSymbol, SockOptCommandDeclaration> _aliases = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<string, List<SockOptCommandDeclaration>> _byCName = new(System.StringComparer.Ordinal);
    private readonly HashSet<string> _payloadCNames = new(System.StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ITypeSymbol, int[]?> _sizes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool?> _libraryImports = new(SymbolEqualityComparer.Default);

    private SockOptCatalog(Compilation compilation, INamedTypeSymbol commandAttribute)
    {
        Compilation = compilation;
        Layouts = new MetadataLayouts(compilation);
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
        LibraryImport = compilation.GetTypeByMetadataName(KnownNames.LibraryImportAttribute);
        SocketOptionLevel = compilation.GetTypeByMetadataName("System.Net.Sockets.SocketOptionLevel");
        SocketOptionName = compilation.GetTypeByMetadataName("System.Net.Sockets.SocketOptionName");
        _wrappers = new(IndexWrappers, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The compilation the catalog describes.</summary>
    public Compilation Compilation { get; }

    /// <summary>The CLR layout of structs from referenced assemblies.</summary>
    public MetadataLayouts Layouts { get; }

    /// <summary><c>System.Net.Sockets.SocketOptionLevel</c>: .NET's own numbering of levels (<c>Socket</c> is 0xffff).</summary>
    public INamedTypeSymbol? SocketOptionLevel { get; }

    /// <summary><c>System.Net.Sockets.SocketOptionName</c>: .NET's own numbering of options.</summary>
    public INamedTypeSymbol? SocketOptionName { get; }

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

    /// <summary>The assemblies whose commands and wrappers the catalog holds: the referenced ones, then the compilation's own.</summary>
    public IReadOnlyList<AssemblyScan> Scans => _scans;

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

        AssemblyAttributes.Bind(compilation);
        var catalog = new SockOptCatalog(compilation, attribute);
        var home = attribute.ContainingAssembly;
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (SymbolEqualityComparer.Default.Equals(assembly, home) || assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == home.Identity.Name)))
            {
                catalog.Add(AssemblyScan.Of(assembly, cancellationToken));
            }
        }

        catalog.Add(AssemblyScan.Read(compilation.Assembly, inSource: true, cancellationToken));
        if (catalog.CommandCount == 0)
        {
            // A wrapper names a command constant, which is in one of these assemblies: no command, no wrapper either.
            return null;
        }

        // Fields that stand for a command, as the generator recorded them here and in the referenced assemblies.
        catalog.AddAliases(compilation.Assembly);
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (SymbolEqualityComparer.Default.Equals(assembly, home) || assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == home.Identity.Name)))
            {
                catalog.AddAliases(assembly);
            }
        }

        return catalog;
    }

    private void AddAliases(IAssemblySymbol assembly)
    {
        foreach (var (fieldId, commandId) in CommandAliases.Records(assembly))
        {
            if (CommandAliases.Resolve(commandId, Compilation) is not { } command)
            {
                continue;
            }

            foreach (var symbol in DocumentationCommentId.GetSymbolsForDeclarationId(fieldId, Compilation))
            {
                if (symbol is IFieldSymbol field && SymbolEqualityComparer.Default.Equals(field.ContainingAssembly, assembly))
                {
                    _aliases[field.OriginalDefinition] = command;
                }
            }
        }
    }

    /// <summary>The command a field stands for by the generator's alias records (<see cref="CommandAliases"/>), if any.</summary>
    public SockOptCommandDeclaration? Alias(IFieldSymbol field) => _aliases.TryGetValue(field.OriginalDefinition, out var command) ? command : null;

    /// <summary>The commands of a C name (<c>SO_MARK</c>): how a Tmds.LibC property, which has no value at compile time, names one.</summary>
    public IReadOnlyList<SockOptCommandDeclaration> CommandsNamed(string cName)
        => _byCName.TryGetValue(cName, out var list) ? list : (IReadOnlyList<SockOptCommandDeclaration>)System.Array.Empty<SockOptCommandDeclaration>();

    /// <summary>Whether some command's payload or entry is the C struct of that name (<c>struct sockaddr_in6</c>).</summary>
    public bool IsPayloadCName(string cName) => _payloadCNames.Contains(cName);

    /// <summary>The command a constant is annotated as.</summary>
    public SockOptCommandDeclaration? Command(IFieldSymbol field) => _bySymbol.TryGetValue(field.OriginalDefinition, out var command) ? command : null;

    /// <summary>The commands with this number at this level on this system call (one, unless two annotations collide).</summary>
    public IReadOnlyList<SockOptCommandDeclaration> Commands(int level, int value, bool isGet)
        => _byKey.TryGetValue((level, value, isGet), out var list) ? list : (IReadOnlyList<SockOptCommandDeclaration>)System.Array.Empty<SockOptCommandDeclaration>();

    /// <summary>Every command, in no particular order.</summary>
    public IEnumerable<SockOptCommandDeclaration> AllCommands() => _bySymbol.Values;

    /// <summary>The generated wrappers of this command on this system call.</summary>
    public IReadOnlyList<SockOptWrapper> Wrappers(SockOptCommandDeclaration command, bool isGet)
        => _wrappers.Value.TryGetValue((command.Field, isGet), out var list) ? list : (IReadOnlyList<SockOptWrapper>)System.Array.Empty<SockOptWrapper>();

    /// <summary>
    /// The wrappers by command, indexed the first time a call asks for them: only a raw call that a wrapper could make
    /// needs them, and reading every static method's attributes is most of what a scan of the compilation costs.
    /// </summary>
    private Dictionary<(IFieldSymbol Command, bool IsGet), List<SockOptWrapper>> IndexWrappers()
    {
        var index = new Dictionary<(IFieldSymbol Command, bool IsGet), List<SockOptWrapper>>(new CommandKeyComparer());
        foreach (var scan in _scans)
        {
            foreach (var wrapper in scan.Wrappers)
            {
                var key = (wrapper.Command.Field, wrapper.IsGet);
                if (!index.TryGetValue(key, out var list))
                {
                    index[key] = list = new List<SockOptWrapper>();
                }

                list.Add(wrapper);
            }
        }

        return index;
    }

    /// <summary>
    /// Whether a method is a <c>LibraryImport</c> of <c>setsockopt</c> (false) or <c>getsockopt</c> (true), under any
    /// name (its <c>EntryPoint</c>), in source or in a referenced assembly; null for other methods.
    /// </summary>
    public bool? LibraryImportDirection(IMethodSymbol method)
    {
        if (LibraryImport is null || !method.IsStatic || method.Parameters.Length < 5)
        {
            return null;
        }

        return _libraryImports.GetOrAdd(method.OriginalDefinition, m =>
        {
            var import = m.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, LibraryImport));
            var entryPoint = import is null ? null : AttributeArguments.Named<string>(import, "EntryPoint") ?? m.Name;
            return entryPoint is "setsockopt" or "getsockopt" ? entryPoint == "getsockopt" : null;
        });
    }

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

    private void Add(AssemblyScan scan)
    {
        _scans.Add(scan);
        foreach (var command in scan.Commands)
        {
            AddCommand(command);
        }
    }

    private void AddCommand(SockOptCommandDeclaration command)
    {
        _bySymbol[command.Field] = command;
        if (!_byCName.TryGetValue(command.CName, out var named))
        {
            _byCName[command.CName] = named = new List<SockOptCommandDeclaration>();
        }

        named.Add(command);
        foreach (var type in new[] { command.Payload, command.Entry })
        {
            if (type is not null && CName(type) is { } cName)
            {
                _payloadCNames.Add(cName);
            }
        }

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

    /// <summary>Whether a type is a <c>[KernelStruct]</c>.</summary>
    public bool IsKernelStruct(ITypeSymbol type)
        => KernelStructAttribute is not null && type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, KernelStructAttribute));

    /// <summary>An integer, an enum or a byte-order type: a payload whose only property is its size.</summary>
    public static bool IsScalar(ITypeSymbol type) => SockOptCommandReader.ScalarSize(type, Abi.X86_64.PointerSize) is not null;

    /// <summary>A command's payload of <c>byte</c> means raw bytes of a length the kernel decides.</summary>
    public static bool IsRawBytes(ITypeSymbol type) => type.SpecialType == SpecialType.System_Byte;

    /// <summary>
    /// The size of a type on every ABI (indexed like <see cref="Abi.All"/>), or null when it has none the analyzer can
    /// know: the C size of a scalar or a <c>[KernelStruct]</c> (from its declaration, in source or in metadata); the
    /// CLR's size of any other blittable struct (Tmds.Linux's <c>sockaddr_in</c>, a struct of the user's own), which is
    /// the memory the kernel reads or writes through a pointer to it.
    /// </summary>
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

        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Struct } named || !type.IsUnmanagedType)
        {
            return null;
        }

        if (IsKernelStruct(named))
        {
            var model = KernelStructModels.Read(named, Layouts, CancellationToken.None);
            return model.Problems.Count > 0 ? null : Abi.All.Select(abi => LayoutEngine.Compute(model.Shape, abi).Size).ToArray();
        }

        // A struct that is no mirror: what the CLR lays out is what the kernel gets. Problems of the declaration as a
        // mirror (not partial) do not matter; those of its fields (bool, char, ...) leave its size unknown.
        var foreign = StructParser.Parse(named, Layouts, CancellationToken.None);
        return foreign.Problems.Any(p => p.Id is not ("KS0001" or "KS0004")) || !LayoutEngine.FitsInInt(foreign.Shape)
            ? null
            : Abi.All.Select(abi => LayoutEngine.ComputeClr(foreign.Shape, abi).Size).ToArray();
    }

    /// <summary>The C type a <c>[KernelStruct]</c> mirrors (<c>struct sockaddr_in</c>); null for other types.</summary>
    public string? CName(ITypeSymbol type) => KernelStructAttribute is null ? null : SockOptCommandReader.CName(type);

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
