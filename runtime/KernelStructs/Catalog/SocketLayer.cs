using System;
using System.Net.Sockets;
using System.Text;

namespace KernelStructs;

/// <summary>
/// <c>SOL_SOCKET</c> options from <c>asm-generic/socket.h</c> (the numbering of x86, arm, arm64, riscv, s390; not
/// of Alpha, MIPS, PA-RISC or SPARC).
/// </summary>
/// <remarks>
/// Each command is one annotated constant (<see cref="SockOptDirection.Both"/> for an option read and written with the
/// same payload); each typed operation is one <c>[GetSockOpt]</c>/<c>[SetSockOpt]</c> declaration naming it, from which
/// the package's own generator writes the <c>SafeHandle</c>, <c>int</c> and <c>Try</c> forms. The string forms of
/// <c>SO_BINDTODEVICE</c> convert around the byte-span declarations.
/// </remarks>
public static partial class SocketLayer
{
    /// <summary>Longest interface name with its NUL (<c>IFNAMSIZ</c>, <c>linux/if.h</c>).</summary>
    public const int IFNAMSIZ = 16;

    //   command: number, level, direction, payload, length rule
    /// <summary><c>SO_LINGER</c>: <c>struct linger</c>.</summary>
    [SockOptCommand(SocketLevel.Socket, SockOptDirection.Both, typeof(Linger))]
    public const int SO_LINGER = 13;

    /// <summary><c>SO_PEERCRED</c>: <c>struct ucred</c> of the peer (Unix sockets; the creds at <c>connect</c>/<c>socketpair</c> time).</summary>
    [SockOptCommand(SocketLevel.Socket, SockOptDirection.Get, typeof(UCred))]
    public const int SO_PEERCRED = 17;

    /// <summary><c>SO_RCVTIMEO_OLD</c> (<c>SO_RCVTIMEO</c> on 64-bit ABIs): <c>struct __kernel_old_timeval</c>.</summary>
    [SockOptCommand(SocketLevel.Socket, SockOptDirection.Both, typeof(KernelOldTimeval))]
    public const int SO_RCVTIMEO_OLD = 20;

    /// <summary><c>SO_SNDTIMEO_OLD</c> (<c>SO_SNDTIMEO</c> on 64-bit ABIs): <c>struct __kernel_old_timeval</c>.</summary>
    [SockOptCommand(SocketLevel.Socket, SockOptDirection.Both, typeof(KernelOldTimeval))]
    public const int SO_SNDTIMEO_OLD = 21;

    /// <summary>
    /// <c>SO_BINDTODEVICE</c>: an interface name. GET answers the bound name with its NUL (length 0 when unbound; the
    /// buffer must hold <c>IFNAMSIZ</c> bytes); SET takes at most <c>IFNAMSIZ - 1</c> characters, NUL optional (empty
    /// unbinds) and needs <c>CAP_NET_RAW</c>.
    /// </summary>
    [SockOptCommand(SocketLevel.Socket, SockOptDirection.Both, typeof(byte), Length = LengthRule.Truncating)]
    public const int SO_BINDTODEVICE = 25;

    /// <summary><c>SO_MARK</c>: the <c>__u32</c> firewall mark. SET needs <c>CAP_NET_ADMIN</c> (or <c>CAP_NET_RAW</c>).</summary>
    [SockOptCommand(SocketLevel.Socket, SockOptDirection.Both, typeof(uint))]
    public const int SO_MARK = 36;

    //   typed operations: one declaration each; the generator adds a throwing and a Try form taking any SocketTarget
    //   (a Socket, a SafeHandle or a descriptor)

    /// <summary>The credentials of the peer of a Unix socket (<c>SO_PEERCRED</c>).</summary>
    [GetSockOpt(SO_PEERCRED)]
    public static partial UCred GetPeerCredentials(Socket socket);

    /// <summary>The socket's linger setting (<c>SO_LINGER</c>).</summary>
    [GetSockOpt(SO_LINGER)]
    public static partial Linger GetLinger(Socket socket);

    /// <summary>Sets the socket's linger setting (<c>SO_LINGER</c>).</summary>
    [SetSockOpt(SO_LINGER)]
    public static partial void SetLinger(Socket socket, in Linger value);

    /// <summary>The receive timeout (<c>SO_RCVTIMEO</c>); zero: none.</summary>
    [GetSockOpt(SO_RCVTIMEO_OLD)]
    public static partial KernelOldTimeval GetReceiveTimeout(Socket socket);

    /// <summary>Sets the receive timeout (<c>SO_RCVTIMEO</c>).</summary>
    [SetSockOpt(SO_RCVTIMEO_OLD)]
    public static partial void SetReceiveTimeout(Socket socket, in KernelOldTimeval value);

    /// <summary>The send timeout (<c>SO_SNDTIMEO</c>); zero: none.</summary>
    [GetSockOpt(SO_SNDTIMEO_OLD)]
    public static partial KernelOldTimeval GetSendTimeout(Socket socket);

    /// <summary>Sets the send timeout (<c>SO_SNDTIMEO</c>).</summary>
    [SetSockOpt(SO_SNDTIMEO_OLD)]
    public static partial void SetSendTimeout(Socket socket, in KernelOldTimeval value);

    /// <summary>The socket's firewall mark (<c>SO_MARK</c>).</summary>
    [GetSockOpt(SO_MARK)]
    public static partial uint GetMark(Socket socket);

    /// <summary>Sets the socket's firewall mark (<c>SO_MARK</c>); needs <c>CAP_NET_ADMIN</c>.</summary>
    [SetSockOpt(SO_MARK)]
    public static partial void SetMark(Socket socket, uint mark);

    /// <summary>
    /// The name of the interface the socket is bound to, with its NUL, into <paramref name="name"/> (<c>SO_BINDTODEVICE</c>;
    /// give it <see cref="IFNAMSIZ"/> bytes); returns the length the kernel wrote, 0 when the socket is not bound.
    /// </summary>
    [GetSockOpt(SO_BINDTODEVICE)]
    public static partial int GetBoundDevice(Socket socket, Span<byte> name);

    /// <summary>Binds the socket to the interface named by <paramref name="name"/> (<c>SO_BINDTODEVICE</c>; empty unbinds). Needs <c>CAP_NET_RAW</c>.</summary>
    [SetSockOpt(SO_BINDTODEVICE)]
    public static partial void SetBoundDevice(Socket socket, ReadOnlySpan<byte> name);

    // ---- conveniences over the declarations ------------------------------------------------------------

    /// <summary>The interface the socket is bound to (<c>SO_BINDTODEVICE</c>), or the empty string when it is not bound.</summary>
    public static string GetBoundDevice(Socket socket)
    {
        Span<byte> name = stackalloc byte[IFNAMSIZ];
        return StructHelpers.ReadCString(name.Slice(0, GetBoundDevice(socket, name)));
    }

    /// <summary>Binds the socket to an interface (<c>SO_BINDTODEVICE</c>); the empty string unbinds. Needs <c>CAP_NET_RAW</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="device"/> is not ASCII or longer than <c>IFNAMSIZ - 1</c>.</exception>
    public static void SetBoundDevice(Socket socket, string device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.Length >= IFNAMSIZ || !Ascii.IsValid(device))
        {
            throw new ArgumentException($"'{device}' is not an ASCII interface name of at most {IFNAMSIZ - 1} characters", nameof(device));
        }

        Span<byte> name = stackalloc byte[IFNAMSIZ];
        int length = Encoding.ASCII.GetBytes(device, name);
        SetBoundDevice(socket, name.Slice(0, length));
    }
}
