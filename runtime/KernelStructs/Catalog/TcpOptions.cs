using System;
using System.Net.Sockets;
using System.Text;

namespace KernelStructs;

/// <summary><c>SOL_TCP</c> options from <c>linux/tcp.h</c>.</summary>
/// <remarks>
/// The options are <c>[GetSockOpt]</c>/<c>[SetSockOpt]</c> declarations that the package's own generator implements
/// (with their <c>SafeHandle</c>, <c>int</c> and <c>Try</c> forms); the string forms of <c>TCP_CONGESTION</c> convert
/// around the byte-span declarations.
/// </remarks>
public static partial class TcpOptions
{
    /// <summary>Longest congestion-control name with its NUL (<c>TCP_CA_NAME_MAX</c>).</summary>
    public const int TCP_CA_NAME_MAX = 16;

    //   command: number, level, direction, payload, length rule
    /// <summary><c>TCP_INFO</c>: <c>struct tcp_info</c>, truncated to the caller's length, which the kernel reports back.</summary>
    [SockOptCommand(SocketLevel.Tcp, SockOptDirection.Get, typeof(TcpInfo), Length = LengthRule.Truncating)]
    public const int TCP_INFO = 11;

    /// <summary>
    /// <c>TCP_CONGESTION</c>: the congestion-control algorithm's name. GET answers it NUL-padded to at most
    /// <c>TCP_CA_NAME_MAX</c> bytes; SET takes it without its NUL (at most <c>TCP_CA_NAME_MAX - 1</c> bytes).
    /// </summary>
    [SockOptCommand(SocketLevel.Tcp, SockOptDirection.Both, typeof(byte), Length = LengthRule.Truncating)]
    public const int TCP_CONGESTION = 13;

    //   typed operations: one declaration each; the generator adds a throwing and a Try form taking any SocketTarget
    //   (a Socket, a SafeHandle or a descriptor)

    /// <summary>The connection's <c>struct tcp_info</c> (<c>TCP_INFO</c>); fields this kernel does not know read as zero.</summary>
    [GetSockOpt(TCP_INFO)]
    public static partial TcpInfo GetInfo(Socket socket);

    /// <summary>The connection's <c>struct tcp_info</c> and the number of bytes of it this kernel filled in.</summary>
    [GetSockOpt(TCP_INFO)]
    public static partial TcpInfo GetInfo(Socket socket, out int length);

    /// <summary><c>TCP_INFO</c> into a buffer of any length (shorter or longer than <see cref="TcpInfo"/>); returns the length the kernel wrote.</summary>
    [GetSockOpt(TCP_INFO)]
    public static partial int GetInfo(Socket socket, Span<byte> buffer);

    /// <summary>
    /// The congestion-control algorithm's name, NUL-padded, into <paramref name="name"/> (<c>TCP_CONGESTION</c>; give it
    /// <see cref="TCP_CA_NAME_MAX"/> bytes); returns the length the kernel wrote.
    /// </summary>
    [GetSockOpt(TCP_CONGESTION)]
    public static partial int GetCongestion(Socket socket, Span<byte> name);

    /// <summary>Chooses the congestion-control algorithm by its name without a NUL (<c>TCP_CONGESTION</c>).</summary>
    /// <exception cref="SocketOptionException">ENOENT: no such algorithm; EPERM: not allowed for unprivileged users.</exception>
    [SetSockOpt(TCP_CONGESTION)]
    public static partial void SetCongestion(Socket socket, ReadOnlySpan<byte> name);

    // ---- string conveniences ---------------------------------------------------------------------------

    /// <summary>The name of the socket's congestion-control algorithm (<c>TCP_CONGESTION</c>), e.g. <c>cubic</c>.</summary>
    public static string GetCongestion(Socket socket)
    {
        Span<byte> name = stackalloc byte[TCP_CA_NAME_MAX];
        return StructHelpers.ReadCString(name.Slice(0, GetCongestion(socket, name)));
    }

    /// <summary>Chooses the socket's congestion-control algorithm (<c>TCP_CONGESTION</c>).</summary>
    /// <exception cref="ArgumentException"><paramref name="algorithm"/> is empty, not ASCII, or longer than <c>TCP_CA_NAME_MAX - 1</c>.</exception>
    /// <exception cref="SocketOptionException">ENOENT: no such algorithm; EPERM: not allowed for unprivileged users.</exception>
    public static void SetCongestion(Socket socket, string algorithm)
    {
        ArgumentException.ThrowIfNullOrEmpty(algorithm);
        if (algorithm.Length >= TCP_CA_NAME_MAX || !Ascii.IsValid(algorithm))
        {
            throw new ArgumentException($"'{algorithm}' is not an ASCII name of at most {TCP_CA_NAME_MAX - 1} characters", nameof(algorithm));
        }

        Span<byte> name = stackalloc byte[TCP_CA_NAME_MAX];
        int length = Encoding.ASCII.GetBytes(algorithm, name);
        SetCongestion(socket, name.Slice(0, length));
    }
}
