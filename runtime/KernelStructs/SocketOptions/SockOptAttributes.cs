using System;

namespace KernelStructs;

/// <summary>
/// Declares a <c>static partial</c> method as a typed <c>getsockopt</c> of option <see cref="OptionName"/>.
/// The generator implements it. The level comes from <see cref="Level"/> or from the containing class's
/// <see cref="SockOptGroupAttribute"/>.
/// </summary>
/// <remarks>
/// Supported shapes (<c>S</c> is <c>System.Net.Sockets.Socket</c>, <c>System.Runtime.InteropServices.SafeHandle</c> or an <c>int</c> descriptor):
/// <list type="bullet">
/// <item><c>T M(S socket)</c>: returns the kernel's answer.</item>
/// <item><c>void M(S socket, ref T value)</c>: the buffer carries input too (e.g. <c>IPT_SO_GET_INFO</c> reads the table name).</item>
/// <item><c>int M(S socket, Span&lt;byte&gt; buffer)</c>: variable-length answer; returns the length the kernel wrote
/// (checked against <see cref="Header"/> when given).</item>
/// <item><c>Errno TryM(S socket, out T value)</c>, <c>Errno TryM(S socket, ref T value)</c>, <c>Errno TryM(S socket, Span&lt;byte&gt; buffer, out int length)</c>: return the errno instead of throwing.</item>
/// </list>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class GetSockOptAttribute : Attribute
{
    /// <param name="optionName">The option number (<c>optname</c>).</param>
    public GetSockOptAttribute(int optionName) => OptionName = optionName;

    /// <summary>The option number (<c>optname</c>).</summary>
    public int OptionName { get; }

    /// <summary>The level; when not set, the containing class's <see cref="SockOptGroupAttribute.Level"/>.</summary>
    public SocketLevel Level { get; set; } = (SocketLevel)(-1);

    /// <summary>How the length is checked (default <see cref="LengthRule.Exact"/>).</summary>
    public LengthRule Length { get; set; }

    /// <summary>The C name of the option, for error messages (e.g. <c>SO_ORIGINAL_DST</c>); default: the method name.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// For a <c>Span&lt;byte&gt;</c> buffer: the <c>[KernelStruct]</c> header the kernel's answer is checked against
    /// (its <c>SizeOf</c> is the length the <see cref="Length"/> rule is stated against), e.g.
    /// <c>typeof(IptGetEntries)</c> for <c>IPT_SO_GET_ENTRIES</c>, whose answer is the header followed by entries.
    /// Without it the rule is stated against the whole buffer (<see cref="LengthRule.Exact"/>) or against nothing.
    /// </summary>
    public Type? Header { get; set; }
}

/// <summary>
/// Declares a <c>static partial</c> method as a typed <c>setsockopt</c> of option <see cref="OptionName"/>.
/// </summary>
/// <remarks>
/// Supported shapes: <c>void M(S socket, in T value)</c>, <c>void M(S socket, T value)</c>,
/// <c>void M(S socket, ReadOnlySpan&lt;byte&gt; value)</c>, and <c>Errno TryM(...)</c> forms of each.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class SetSockOptAttribute : Attribute
{
    /// <param name="optionName">The option number (<c>optname</c>).</param>
    public SetSockOptAttribute(int optionName) => OptionName = optionName;

    /// <summary>The option number (<c>optname</c>).</summary>
    public int OptionName { get; }

    /// <summary>The level; when not set, the containing class's <see cref="SockOptGroupAttribute.Level"/>.</summary>
    public SocketLevel Level { get; set; } = (SocketLevel)(-1);

    /// <summary>How the length is checked (default <see cref="LengthRule.Exact"/>).</summary>
    public LengthRule Length { get; set; }

    /// <summary>The C name of the option, for error messages; default: the method name.</summary>
    public string? Name { get; set; }
}

/// <summary>Gives the level shared by the <see cref="GetSockOptAttribute"/>/<see cref="SetSockOptAttribute"/> methods of a class.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class SockOptGroupAttribute : Attribute
{
    /// <summary>The level of the class's options.</summary>
    public SocketLevel Level { get; set; }
}

/// <summary>
/// Annotates an <c>int</c> constant as a socket-option command: the level it belongs to, the
/// direction (a GET and a SET command can share a number), its payload type and length rule.
/// The analyzers use it to catch a command sent to the wrong system call, at the wrong level,
/// or with a buffer that does not fit.
/// </summary>
/// <example>
/// <code>
/// [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(ipt_getinfo))]
/// public const int IPT_SO_GET_INFO = 64;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class SockOptCommandAttribute : Attribute
{
    /// <param name="level">The level the command belongs to.</param>
    /// <param name="direction">Whether the command is a <c>getsockopt</c> or a <c>setsockopt</c> command.</param>
    /// <param name="payload">The payload type (a <c>[KernelStruct]</c>, a primitive, or <c>byte</c> for raw bytes).</param>
    public SockOptCommandAttribute(SocketLevel level, SockOptDirection direction, Type payload)
    {
        Level = level;
        Direction = direction;
        Payload = payload;
    }

    /// <summary>The level the command belongs to.</summary>
    public SocketLevel Level { get; }

    /// <summary>The system call the command belongs to.</summary>
    public SockOptDirection Direction { get; }

    /// <summary>The payload type.</summary>
    public Type Payload { get; }

    /// <summary>How the length relates to the payload (default <see cref="LengthRule.Exact"/>).</summary>
    public LengthRule Length { get; set; }

    /// <summary>With <see cref="LengthRule.HeaderPlusEntries"/>: the entry type (default <c>byte</c>).</summary>
    public Type? Entry { get; set; }
}
