using System;

namespace KernelStructs;

/// <summary>
/// Annotates an <c>int</c> constant as a socket-option command, and states everything about it once: the
/// constant's value is the option number; the attribute gives the level, the direction(s), the payload, the length
/// rule, the entry type, and (when it is not the constant's own name) the C name. Typed wrappers
/// (<see cref="GetSockOptAttribute"/>, <see cref="SetSockOptAttribute"/>) name the constant and nothing else; the
/// analyzers check every raw call of the command against it.
/// </summary>
/// <example>
/// <code>
/// [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(SockAddrIn), Length = LengthRule.AtLeast)]
/// public const int SO_ORIGINAL_DST = 80;
///
/// [SockOptCommand(SocketLevel.Socket, SockOptDirection.Both, typeof(uint))]
/// public const int SO_MARK = 36;
///
/// [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(void))]   // no payload: length 0
/// public const int IP_VS_SO_SET_FLUSH = IP_VS_BASE_CTL + 5;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class SockOptCommandAttribute : Attribute
{
    /// <param name="level">The level the command belongs to.</param>
    /// <param name="direction">The system call(s) the command belongs to: <c>getsockopt</c>, <c>setsockopt</c> or both.</param>
    /// <param name="payload">
    /// The payload: a <c>[KernelStruct]</c>, an integer or byte-order type, <c>byte</c> for raw bytes of a length the
    /// kernel decides, or <c>void</c> for none (length 0). Under <see cref="LengthRule.HeaderPlusEntries"/> it is the header.
    /// </param>
    public SockOptCommandAttribute(SocketLevel level, SockOptDirection direction, Type payload)
    {
        Level = level;
        Direction = direction;
        Payload = payload;
    }

    /// <summary>The level the command belongs to.</summary>
    public SocketLevel Level { get; }

    /// <summary>The system call(s) the command belongs to.</summary>
    public SockOptDirection Direction { get; }

    /// <summary>The payload type (<c>void</c>: none).</summary>
    public Type Payload { get; }

    /// <summary>How the length relates to the payload (default <see cref="LengthRule.Exact"/>).</summary>
    public LengthRule Length { get; set; }

    /// <summary>With <see cref="LengthRule.HeaderPlusEntries"/>: the entry type (default <c>byte</c>).</summary>
    public Type? Entry { get; set; }

    /// <summary>
    /// How many payloads the kernel copies, as a C array <c>payload[Count]</c> (default 1): <c>IP_VS_SO_GET_DAEMON</c>
    /// answers <c>struct ip_vs_daemon_user[2]</c>. A wrapper's value is then an <c>[InlineArray(Count)]</c> of the payload.
    /// </summary>
    public int Count { get; set; } = 1;

    /// <summary>The command's C name, for messages; default: the constant's own name.</summary>
    public string? CName { get; set; }
}

/// <summary>
/// Declares a <c>static partial</c> method as a typed <c>getsockopt</c> of a <see cref="SockOptCommandAttribute"/> command
/// constant, e.g. <c>[GetSockOpt(SO_ORIGINAL_DST)]</c>. The command states the level, payload, length rule and C name;
/// the generator implements the method and adds the rest of its family.
/// </summary>
/// <remarks>
/// <para>Shapes (<c>S</c> is <c>System.Net.Sockets.Socket</c>, <c>System.Runtime.InteropServices.SafeHandle</c> or an <c>int</c> descriptor):</para>
/// <list type="bullet">
/// <item><c>T M(S socket)</c>: returns the kernel's answer; <c>Errno TryM(S socket, out T value)</c>.</item>
/// <item><c>T M(S socket, out int length)</c>: and the length the kernel wrote (truncating commands); <c>Errno TryM(S socket, out T value, out int length)</c>.</item>
/// <item><c>void M(S socket, ref T value)</c>: the buffer carries input too (<c>IPT_SO_GET_INFO</c> reads the table name); <c>Errno TryM(S socket, ref T value)</c>.</item>
/// <item><c>int M(S socket, Span&lt;byte&gt; buffer)</c>: variable length, returns the length the kernel wrote; <c>Errno TryM(S socket, Span&lt;byte&gt; buffer, out int length)</c>.</item>
/// </list>
/// <para>
/// From one declaration the generator writes the whole family: the same method for the two other kinds of socket,
/// and the throwing and <c>Try</c> (errno-returning) forms of each, except where the type already has a member of
/// that signature.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class GetSockOptAttribute : Attribute
{
    /// <param name="command">The command: a <see cref="SockOptCommandAttribute"/> constant, named (not a number).</param>
    public GetSockOptAttribute(int command) => Command = command;

    /// <summary>The command's number.</summary>
    public int Command { get; }
}

/// <summary>
/// Declares a <c>static partial</c> method as a typed <c>setsockopt</c> of a <see cref="SockOptCommandAttribute"/> command
/// constant, e.g. <c>[SetSockOpt(SO_MARK)]</c>; the generator implements it and adds the rest of its family.
/// </summary>
/// <remarks>
/// Shapes: <c>void M(S socket, in T value)</c> (or <c>T value</c>), <c>void M(S socket, ReadOnlySpan&lt;byte&gt; value)</c>,
/// <c>void M(S socket)</c> for a command without payload, and <c>Errno TryM(...)</c> forms of each.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class SetSockOptAttribute : Attribute
{
    /// <param name="command">The command: a <see cref="SockOptCommandAttribute"/> constant, named (not a number).</param>
    public SetSockOptAttribute(int command) => Command = command;

    /// <summary>The command's number.</summary>
    public int Command { get; }
}
