using System.Linq;
using KernelStructs.Generator.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KernelStructs.Analyzers.SocketOptions;

/// <summary>Which kind of call reaches <c>getsockopt</c>/<c>setsockopt</c>.</summary>
internal enum SockOptPath
{
    /// <summary><c>Tmds.Linux.LibC.getsockopt</c>/<c>setsockopt</c>.</summary>
    LibC,

    /// <summary>The user's own <c>DllImport</c>/<c>LibraryImport</c> of <c>getsockopt</c>/<c>setsockopt</c>.</summary>
    PInvoke,

    /// <summary><c>Socket.GetRawSocketOption</c>/<c>SetRawSocketOption</c>.</summary>
    RawSocketOption,

    /// <summary><c>Socket.GetSocketOption</c>/<c>SetSocketOption</c> with a cast option name.</summary>
    SocketOption,

    /// <summary>A <c>[SockOptCall]</c> method: the runtime's <c>SockOpt</c> engine, or a user's helper marked the same way.</summary>
    Engine,
}

/// <summary>One call on a socket-option path, its arguments sorted by role.</summary>
internal sealed class SockOptCall
{
    private SockOptCall(IInvocationOperation invocation, SockOptPath path, bool isGet)
    {
        Invocation = invocation;
        Path = path;
        IsGet = isGet;
    }

    public IInvocationOperation Invocation { get; }

    public SockOptPath Path { get; }

    public bool IsGet { get; }

    public IArgumentOperation? Socket { get; private set; }

    public IArgumentOperation? Level { get; private set; }

    public IArgumentOperation? OptionName { get; private set; }

    /// <summary>The option value: a pointer (<c>optval</c>), a span or array buffer, or a value.</summary>
    public IArgumentOperation? Value { get; private set; }

    /// <summary>An explicit length argument (<c>optlen</c>, <c>optionLength</c>).</summary>
    public IArgumentOperation? Length { get; private set; }

    /// <summary>The engine's <c>T</c>, the payload type the call reads or writes.</summary>
    public ITypeSymbol? TypeArgument { get; private set; }

    /// <summary><c>SocketOptionLevel</c> numbers <c>SOL_SOCKET</c> 0xffff; the others are the kernel's.</summary>
    public bool LevelIsSocketOptionLevel { get; private set; }

    /// <summary>The system call's name for messages.</summary>
    public string SystemCall => IsGet ? "getsockopt" : "setsockopt";

    /// <summary>Recognises a call on one of the paths, or returns null. Cheap for every other call: a name test first.</summary>
    public static SockOptCall? Recognize(IInvocationOperation invocation, SockOptCatalog catalog)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        switch (method.Name)
        {
            case "setsockopt" or "getsockopt" when catalog.LibC is not null && SymbolEqualityComparer.Default.Equals(type, catalog.LibC):
                return ByOrdinal(invocation, SockOptPath.LibC, method.Name == "getsockopt");
            case "SetRawSocketOption" or "GetRawSocketOption" when IsSocket(type, catalog):
                return new SockOptCall(invocation, SockOptPath.RawSocketOption, method.Name[0] == 'G')
                {
                    Level = Argument(invocation, 0),
                    OptionName = Argument(invocation, 1),
                    Value = Argument(invocation, 2),
                };
            case "SetSocketOption" or "GetSocketOption" when IsSocket(type, catalog) && method.Parameters.Length >= 2:
                return SocketOption(invocation, method.Name[0] == 'G');
        }

        if (catalog.CallDirection(method) is { } engineIsGet)
        {
            return Engine(invocation, catalog, engineIsGet);
        }

        if (method.IsExtern && method.Parameters.Length >= 5 && method.GetDllImportData() is { } import && (import.EntryPointName ?? method.Name) is "setsockopt" or "getsockopt")
        {
            return ByOrdinal(invocation, SockOptPath.PInvoke, (import.EntryPointName ?? method.Name) == "getsockopt");
        }

        if (catalog.LibraryImportDirection(method) is { } isGet)
        {
            return ByOrdinal(invocation, SockOptPath.PInvoke, isGet);
        }

        return null;
    }

    private static bool IsSocket(INamedTypeSymbol? type, SockOptCatalog catalog)
        => catalog.Socket is not null && SymbolEqualityComparer.Default.Equals(type, catalog.Socket);

    /// <summary><c>int getsockopt(int fd, int level, int optname, void *optval, socklen_t *optlen)</c>.</summary>
    private static SockOptCall ByOrdinal(IInvocationOperation invocation, SockOptPath path, bool isGet) => new(invocation, path, isGet)
    {
        Socket = Argument(invocation, 0),
        Level = Argument(invocation, 1),
        OptionName = Argument(invocation, 2),
        Value = Argument(invocation, 3),
        Length = Argument(invocation, 4),
    };

    private static SockOptCall? SocketOption(IInvocationOperation invocation, bool isGet)
    {
        // Only a cast option name reaches the kernel's own numbering: SocketOptionName.ReuseAddress is .NET's.
        var name = Argument(invocation, 1);
        if (name?.Value is not IConversionOperation { IsImplicit: false } cast || cast.Operand.Type?.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int16 or SpecialType.System_Byte))
        {
            return null;
        }

        var call = new SockOptCall(invocation, SockOptPath.SocketOption, isGet)
        {
            Level = Argument(invocation, 0),
            OptionName = name,
            LevelIsSocketOptionLevel = true,
        };
        var third = Argument(invocation, 2);
        if (third?.Parameter is { } parameter)
        {
            if (parameter.Type is IArrayTypeSymbol || parameter.Type.SpecialType is SpecialType.System_Boolean)
            {
                call.Value = third;
            }
            else if (parameter.Type.SpecialType == SpecialType.System_Int32)
            {
                if (isGet)
                {
                    call.Length = third;
                }
                else
                {
                    call.Value = third;
                }
            }
        }

        return call;
    }

    /// <summary>A <c>[SockOptCall]</c> method: its arguments found by their parameters' <c>[SockOptArgument]</c> roles.</summary>
    private static SockOptCall Engine(IInvocationOperation invocation, SockOptCatalog catalog, bool isGet)
    {
        var method = invocation.TargetMethod;
        IArgumentOperation? Role(SockOptArgumentRole role)
            => invocation.Arguments.FirstOrDefault(a => a.Parameter is { } p && catalog.ArgumentRole(p.OriginalDefinition) == (int)role);
        return new SockOptCall(invocation, SockOptPath.Engine, isGet)
        {
            Socket = Role(SockOptArgumentRole.Socket),
            Level = Role(SockOptArgumentRole.Level),
            OptionName = Role(SockOptArgumentRole.OptionName),
            Value = Role(SockOptArgumentRole.Value),
            TypeArgument = method.IsGenericMethod ? method.TypeArguments[0] : null,
        };
    }

    public static IArgumentOperation? Argument(IInvocationOperation invocation, int ordinal)
        => invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == ordinal);
}
