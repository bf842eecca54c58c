using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using KernelStructs.Generator.Layout;
using KernelStructs.Generator.Model;
using KernelStructs.Generator.Parsing;
using KernelStructs.Generator.Vocabulary;
using Microsoft.CodeAnalysis;

namespace KernelStructs.Analyzers.SocketOptions;

/// <summary>One <c>[SockOptCommand]</c> constant: its number, level, direction, payload and length rule.</summary>
internal sealed class SockOptCommand
{
    public SockOptCommand(IFieldSymbol field, int value, int level, bool isGet, ITypeSymbol payload, int rule, ITypeSymbol? entry)
    {
        Field = field;
        Value = value;
        Level = level;
        IsGet = isGet;
        Payload = payload;
        Rule = rule;
        Entry = entry;
    }

    public IFieldSymbol Field { get; }

    /// <summary>The C name: the constant's name.</summary>
    public string Name => Field.Name;

    public int Value { get; }

    public int Level { get; }

    public bool IsGet { get; }

    public ITypeSymbol Payload { get; }

    /// <summary>The <c>LengthRule</c> value.</summary>
    public int Rule { get; }

    public ITypeSymbol? Entry { get; }

    public (int Level, int Value, bool IsGet) Key => (Level, Value, IsGet);

    /// <summary>The fully qualified name a code fix writes.</summary>
    public string QualifiedName => Field.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + Field.Name;
}

/// <summary>A <c>[GetSockOpt]</c>/<c>[SetSockOpt]</c> method, in source or in a referenced assembly.</summary>
internal sealed class SockOptWrapper
{
    public SockOptWrapper(IMethodSymbol method, int level, int value, bool isGet, SockOptShape shape)
    {
        Method = method;
        Level = level;
        Value = value;
        IsGet = isGet;
        Shape = shape;
    }

    public IMethodSymbol Method { get; }

    public int Level { get; }

    public int Value { get; }

    public bool IsGet { get; }

    public SockOptShape Shape { get; }

    /// <summary>The payload type of a value shape (the returned type, or the second parameter's).</summary>
    public ITypeSymbol? Payload => SockOptCatalog.PayloadOf(Method, Shape);
}

/// <summary>
/// Everything the socket-option analyzer knows about one compilation, built once when the compilation starts:
/// every <c>[SockOptCommand]</c> constant visible to it (the referenced KernelStructs catalog, other referenced
/// assemblies that use the attribute, the compilation's own), every typed wrapper, the user's own
/// <c>LibraryImport</c>s of <c>setsockopt</c>/<c>getsockopt</c>, and the well-known types of the call paths.
/// Per call, the analyzer only reads these tables.
/// </summary>
internal sealed class SockOptCatalog
{
    public const string CommandAttributeName = "KernelStructs.SockOptCommandAttribute";
    private const string GetAttributeName = "KernelStructs.GetSockOptAttribute";
    private const string SetAttributeName = "KernelStructs.SetSockOptAttribute";
    private const string GroupAttributeName = "KernelStructs.SockOptGroupAttribute";
    private const string LibraryImportName = "System.Runtime.InteropServices.LibraryImportAttribute";
    private const int NoLevel = -1;

    private readonly Dictionary<IFieldSymbol, SockOptCommand> _bySymbol = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<(int Level, int Value, bool IsGet), List<SockOptCommand>> _byKey = new();
    private readonly Dictionary<(int Level, int Value, bool IsGet), List<SockOptWrapper>> _wrappers = new();
    private readonly Dictionary<IMethodSymbol, bool> _libraryImports = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, int[]?> _sizes = new(SymbolEqualityComparer.Default);

    private SockOptCatalog(Compilation compilation, INamedTypeSymbol? commandAttribute)
    {
        CommandAttribute = commandAttribute;
        GetAttribute = compilation.GetTypeByMetadataName(GetAttributeName);
        SetAttribute = compilation.GetTypeByMetadataName(SetAttributeName);
        GroupAttribute = compilation.GetTypeByMetadataName(GroupAttributeName);
        KernelStructAttribute = compilation.GetTypeByMetadataName(KnownNames.KernelStructAttribute);
        LibC = compilation.GetTypeByMetadataName("Tmds.Linux.LibC");
        Socket = compilation.GetTypeByMetadataName("System.Net.Sockets.Socket");
        Engine = compilation.GetTypeByMetadataName("KernelStructs.SockOpt");
        Unsafe = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.Unsafe");
        Marshal = compilation.GetTypeByMetadataName("System.Runtime.InteropServices.Marshal");
        MemoryMarshal = compilation.GetTypeByMetadataName("System.Runtime.InteropServices.MemoryMarshal");
        LibraryImport = compilation.GetTypeByMetadataName(LibraryImportName);
    }

    public INamedTypeSymbol? CommandAttribute { get; }

    public INamedTypeSymbol? GetAttribute { get; }

    public INamedTypeSymbol? SetAttribute { get; }

    public INamedTypeSymbol? GroupAttribute { get; }

    public INamedTypeSymbol? KernelStructAttribute { get; }

    public INamedTypeSymbol? LibC { get; }

    public INamedTypeSymbol? Socket { get; }

    public INamedTypeSymbol? Engine { get; }

    public INamedTypeSymbol? Unsafe { get; }

    public INamedTypeSymbol? Marshal { get; }

    public INamedTypeSymbol? MemoryMarshal { get; }

    private INamedTypeSymbol? LibraryImport { get; }

    public int CommandCount => _bySymbol.Count;

    public int WrapperCount => _wrappers.Values.Sum(w => w.Count);

    /// <summary>
    /// Builds the catalog, or returns <see langword="null"/> when the compilation can have no socket-option
    /// misuse to report: it sees no <c>SockOptCommandAttribute</c>, or no command constant and no wrapper at all.
    /// </summary>
    public static SockOptCatalog? Build(Compilation compilation, CancellationToken cancellationToken)
    {
        var attribute = compilation.GetTypeByMetadataName(CommandAttributeName);
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
    public SockOptCommand? Command(IFieldSymbol field) => _bySymbol.TryGetValue(field.OriginalDefinition, out var command) ? command : null;

    /// <summary>The commands with this number at this level in this direction (one, unless two annotations collide).</summary>
    public IReadOnlyList<SockOptCommand> Commands(int level, int value, bool isGet)
        => _byKey.TryGetValue((level, value, isGet), out var list) ? list : (IReadOnlyList<SockOptCommand>)System.Array.Empty<SockOptCommand>();

    /// <summary>Every command, in no particular order.</summary>
    public IEnumerable<SockOptCommand> AllCommands() => _bySymbol.Values;

    /// <summary>The typed wrappers of this command.</summary>
    public IReadOnlyList<SockOptWrapper> Wrappers(int level, int value, bool isGet)
        => _wrappers.TryGetValue((level, value, isGet), out var list) ? list : (IReadOnlyList<SockOptWrapper>)System.Array.Empty<SockOptWrapper>();

    /// <summary>Whether a source method is a <c>LibraryImport</c> of <c>setsockopt</c> (false) or <c>getsockopt</c> (true).</summary>
    public bool? LibraryImportDirection(IMethodSymbol method) => _libraryImports.TryGetValue(method.OriginalDefinition, out var isGet) ? isGet : null;

    /// <summary>Reads a <c>[SockOptCommand]</c> attribute: level, direction, payload, rule and entry; null when malformed.</summary>
    public static (int Level, bool IsGet, ITypeSymbol Payload, int Rule, ITypeSymbol? Entry)? ReadCommandAttribute(AttributeData attribute)
    {
        var arguments = attribute.ConstructorArguments;
        if (arguments.Length != 3 || arguments[0].Value is not int level || arguments[1].Value is not int direction || arguments[2].Value is not ITypeSymbol payload)
        {
            return null;
        }

        var rule = StructParser.NamedArgument<int>(attribute, "Length");
        var entry = StructParser.NamedArgument<ITypeSymbol>(attribute, "Entry");
        return (level, direction == (int)SockOptDirection.Get, payload, rule, entry);
    }

    /// <summary>Reads a <c>[GetSockOpt]</c>/<c>[SetSockOpt]</c> method: its number, level (the attribute's, else its class's group) and direction.</summary>
    public (int Value, int Level, bool IsGet)? ReadWrapperAttribute(IMethodSymbol method)
    {
        AttributeData? attribute = null;
        var isGet = false;
        foreach (var candidate in method.GetAttributes())
        {
            if (GetAttribute is not null && SymbolEqualityComparer.Default.Equals(candidate.AttributeClass, GetAttribute))
            {
                (attribute, isGet) = (candidate, true);
            }
            else if (SetAttribute is not null && SymbolEqualityComparer.Default.Equals(candidate.AttributeClass, SetAttribute))
            {
                (attribute, isGet) = (candidate, false);
            }
        }

        if (attribute is null || attribute.ConstructorArguments.FirstOrDefault().Value is not int value)
        {
            return null;
        }

        var level = NamedInt(attribute, "Level") ?? NoLevel;
        if (level == NoLevel && method.ContainingType?.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, GroupAttribute)) is { } group)
        {
            level = NamedInt(group, "Level") ?? NoLevel;
        }

        return (value, level, isGet);
    }

    private static int? NamedInt(AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is int value)
            {
                return value;
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
                case IFieldSymbol { IsConst: true, ConstantValue: int value } field:
                    AddCommand(field, value);
                    break;
                case IMethodSymbol { IsStatic: true, MethodKind: MethodKind.Ordinary } method:
                    AddMethod(method, inSource);
                    break;
            }
        }
    }

    private void AddCommand(IFieldSymbol field, int value)
    {
        var attribute = field.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, CommandAttribute));
        if (attribute is null || ReadCommandAttribute(attribute) is not { } read)
        {
            return;
        }

        var command = new SockOptCommand(field, value, read.Level, read.IsGet, read.Payload, read.Rule, read.Entry);
        _bySymbol[field] = command;
        if (!_byKey.TryGetValue(command.Key, out var list))
        {
            _byKey[command.Key] = list = new List<SockOptCommand>();
        }

        list.Add(command);
    }

    private void AddMethod(IMethodSymbol method, bool inSource)
    {
        if (inSource && method.IsPartialDefinition == false && method.PartialDefinitionPart is not null)
        {
            return;
        }

        if (inSource && LibraryImport is not null
            && method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, LibraryImport)) is { } import)
        {
            var entryPoint = StructParser.NamedArgument<string>(import, "EntryPoint") ?? method.Name;
            if (entryPoint is "setsockopt" or "getsockopt" && method.Parameters.Length >= 5)
            {
                _libraryImports[method] = entryPoint == "getsockopt";
            }

            return;
        }

        if (ReadWrapperAttribute(method) is not { } read || read.Level == NoLevel)
        {
            return;
        }

        var (shape, _, reason) = SockOptParser.Classify(method, read.IsGet);
        if (reason is not null)
        {
            return;
        }

        var wrapper = new SockOptWrapper(method, read.Level, read.Value, read.IsGet, shape);
        var key = (read.Level, read.Value, read.IsGet);
        if (!_wrappers.TryGetValue(key, out var list))
        {
            _wrappers[key] = list = new List<SockOptWrapper>();
        }

        list.Add(wrapper);
    }

    /// <summary>The payload type of a wrapper of a value shape; null for span shapes.</summary>
    public static ITypeSymbol? PayloadOf(IMethodSymbol method, SockOptShape shape) => shape switch
    {
        SockOptShape.GetValue or SockOptShape.GetValueWithLength => method.ReturnType,
        SockOptShape.GetRef or SockOptShape.TryGetValue or SockOptShape.TryGetRef or SockOptShape.SetValue or SockOptShape.TrySetValue => method.Parameters[1].Type,
        _ => null,
    };

    /// <summary>Whether a type is a <c>[KernelStruct]</c>.</summary>
    public bool IsKernelStruct(ITypeSymbol type)
        => KernelStructAttribute is not null && type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, KernelStructAttribute));

    /// <summary>An integer, an enum or a byte-order type: a payload whose only property is its size.</summary>
    public static bool IsScalar(ITypeSymbol type)
        => ScalarSize(type, Abi.X86_64) is not null;

    /// <summary>A command's payload of <c>byte</c> means raw bytes of a length the kernel decides.</summary>
    public static bool IsRawBytes(ITypeSymbol type) => type.SpecialType == SpecialType.System_Byte;

    /// <summary>The C size of a type on every ABI (indexed like <see cref="Abi.All"/>), or null when it has no known C size.</summary>
    public int[]? CSizes(ITypeSymbol type) => _sizes.GetOrAdd(type, ComputeSizes);

    private int[]? ComputeSizes(ITypeSymbol type)
    {
        if (ScalarSize(type, Abi.X86_64) is not null)
        {
            return Abi.All.Select(abi => ScalarSize(type, abi)!.Value).ToArray();
        }

        if (type is not INamedTypeSymbol named || !IsKernelStruct(named))
        {
            return null;
        }

        var model = StructParser.Parse(named, CancellationToken.None);
        if (model.Problems.Any(p => p.BlocksEmission))
        {
            return null;
        }

        try
        {
            return Abi.All.Select(abi => LayoutEngine.Compute(model.Shape, abi).Size).ToArray();
        }
        catch (System.OverflowException)
        {
            return null;
        }
    }

    private static int? ScalarSize(ITypeSymbol type, Abi abi)
    {
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
        {
            type = underlying;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Byte or SpecialType.System_SByte:
                return 1;
            case SpecialType.System_Int16 or SpecialType.System_UInt16:
                return 2;
            case SpecialType.System_Int32 or SpecialType.System_UInt32:
                return 4;
            case SpecialType.System_Int64 or SpecialType.System_UInt64:
                return 8;
            case SpecialType.System_IntPtr or SpecialType.System_UIntPtr:
                return abi.PointerSize;
        }

        return type.ToDisplayString() switch
        {
            "KernelStructs.Be16" or "KernelStructs.Le16" => 2,
            "KernelStructs.Be32" or "KernelStructs.Le32" => 4,
            "KernelStructs.Be64" or "KernelStructs.Le64" => 8,
            _ => null,
        };
    }

    /// <summary>How a type is named in messages: its C name for a kernel struct (<c>SockAddrIn (struct sockaddr_in)</c>).</summary>
    public string Describe(ITypeSymbol type)
    {
        var name = type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        var cName = type.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, KernelStructAttribute))?.ConstructorArguments.FirstOrDefault().Value as string;
        return cName is null ? name : $"{name} ({cName})";
    }

    /// <summary>A level as the C headers name it.</summary>
    public static string LevelName(int level) => SockOptFacts.IsNamed((SocketLevel)level)
        ? SockOptFacts.LevelCName((SocketLevel)level)
        : "level " + level.ToString(CultureInfo.InvariantCulture);
}
