using System;
using System.Net.Sockets;
using System.Text;

namespace KernelStructs;

/// <summary>
/// <c>SOL_SOCKET</c> options from <c>asm-generic/socket.h</c> (the numbering of x86, arm, arm64, riscv, s390; not
/// of Alpha, MIPS, PA-RISC or SPARC). Commands are under <see cref="Get"/> and <see cref="Set"/> because the C
/// names are shared by both directions.
/// </summary>
/// <remarks>The methods are ordinary calls into <see cref="SockOpt"/>, each in the shape of a <c>[GetSockOpt]</c>/<c>[SetSockOpt]</c> partial declaration.</remarks>
[SockOptGroup(Level = SocketLevel.Socket)]
public static partial class SocketLayer
{
    /// <summary>Longest interface name with its NUL (<c>IFNAMSIZ</c>, <c>linux/if.h</c>).</summary>
    public const int IFNAMSIZ = 16;

    /// <summary><c>getsockopt</c> commands at <c>SOL_SOCKET</c>.</summary>
    public static class Get
    {
        /// <summary><c>SO_LINGER</c>: <c>struct linger</c>.</summary>
        [SockOptCommand(SocketLevel.Socket, SockOptDirection.Get, typeof(Linger))]
        public const int SO_LINGER = 13;

        /// <summary><c>SO_PEERCRED</c>: <c>struct ucred</c> of the peer (Unix sockets; the creds at <c>connect</c>/<c>socketpair</c> time).</summary>
        [SockOptCommand(SocketLevel.Socket, SockOptDirection.Get, typeof(UCred))]
        public const int SO_PEERCRED = 17;

        /// <summary><c>SO_RCVTIMEO_OLD</c> (<c>SO_RCVTIMEO</c> on 64-bit ABIs): <c>struct __kernel_old_timeval</c>.</summary>
        [SockOptCommand(SocketLevel.Socket, SockOptDirection.Get, typeof(KernelOldTimeval))]
        public const int SO_RCVTIMEO_OLD = 20;

        /// <summary><c>SO_SNDTIMEO_OLD</c> (<c>SO_SNDTIMEO</c> on 64-bit ABIs): <c>struct __kernel_old_timeval</c>.</summary>
        [SockOptCommand(SocketLevel.Socket, SockOptDirection.Get, typeof(KernelOldTimeval))]
        public const int SO_SNDTIMEO_OLD = 21;

        /// <summary><c>SO_BINDTODEVICE</c>: the bound interface's name with its NUL (length 0 when unbound); the buffer must hold <c>IFNAMSIZ</c> bytes.</summary>
        [SockOptCommand(SocketLevel.Socket, SockOptDirection.Get, typeof(byte), Length = LengthRule.Truncating)]
        public const int SO_BINDTODEVICE = 25;

        /// <summary><c>SO_MARK</c>: the <c>__u32</c> firewall mark.</summary>
        [SockOptCommand(SocketLevel.Socket, SockOptDirection.Get, typeof(uint))]
        public const int SO_MARK = 36;
    }

    /// <summary><c>setsockopt</c> commands at <c>SOL_SOCKET</c>.</summary>
    public static class Set
    {
        /// <summary><c>SO_LINGER</c>: <c>struct linger</c>.</summary>
        [SockOptCommand(SocketLevel.Socket, SockOptDirection.Set, typeof(Linger))]
        public const int SO_LINGER = 13;

        /// <summary><c>SO_RCVTIMEO_OLD</c>: <c>struct __kernel_old_timeval</c>.</summary>
        [SockOptCommand(SocketLevel.Socket, SockOptDirection.Set, typeof(KernelOldTimeval))]
        public const int SO_RCVTIMEO_OLD = 20;

        /// <summary><c>SO_SNDTIMEO_OLD</c>: <c>struct __kernel_old_timeval</c>.</summary>
        [SockOptCommand(SocketLevel.Socket, SockOptDirection.Set, typeof(KernelOldTimeval))]
        public const int SO_SNDTIMEO_OLD = 21;

        /// <summary><c>SO_BINDTODEVICE</c>: an interface name (NUL optional, at most <c>IFNAMSIZ - 1</c> characters; empty unbinds). Needs <c>CAP_NET_RAW</c>.</summary>
        [SockOptCommand(SocketLevel.Socket, SockOptDirection.Set, typeof(byte), Length = LengthRule.Truncating)]
        public const int SO_BINDTODEVICE = 25;

        /// <summary><c>SO_MARK</c>: the <c>__u32</c> firewall mark. Needs <c>CAP_NET_ADMIN</c> (or <c>CAP_NET_RAW</c>).</summary>
        [SockOptCommand(SocketLevel.Socket, SockOptDirection.Set, typeof(uint))]
        public const int SO_MARK = 36;
    }

    /// <summary>The credentials of the peer of a Unix socket (<c>SO_PEERCRED</c>).</summary>
    public static UCred GetPeerCredentials(Socket socket)
        => SockOpt.Get<UCred>(socket, SocketLevel.Socket, Get.SO_PEERCRED, LengthRule.Exact, nameof(Get.SO_PEERCRED));

    /// <summary>The socket's linger setting (<c>SO_LINGER</c>).</summary>
    public static Linger GetLinger(Socket socket)
        => SockOpt.Get<Linger>(socket, SocketLevel.Socket, Get.SO_LINGER, LengthRule.Exact, nameof(Get.SO_LINGER));

    /// <summary>Sets the socket's linger setting (<c>SO_LINGER</c>).</summary>
    public static void SetLinger(Socket socket, in Linger value)
        => SockOpt.Set(socket, SocketLevel.Socket, Set.SO_LINGER, in value, nameof(Set.SO_LINGER));

    /// <summary>The receive timeout (<c>SO_RCVTIMEO</c>); zero: none.</summary>
    public static KernelOldTimeval GetReceiveTimeout(Socket socket)
        => SockOpt.Get<KernelOldTimeval>(socket, SocketLevel.Socket, Get.SO_RCVTIMEO_OLD, LengthRule.Exact, nameof(Get.SO_RCVTIMEO_OLD));

    /// <summary>Sets the receive timeout (<c>SO_RCVTIMEO</c>).</summary>
    public static void SetReceiveTimeout(Socket socket, in KernelOldTimeval value)
        => SockOpt.Set(socket, SocketLevel.Socket, Set.SO_RCVTIMEO_OLD, in value, nameof(Set.SO_RCVTIMEO_OLD));

    /// <summary>The send timeout (<c>SO_SNDTIMEO</c>); zero: none.</summary>
    public static KernelOldTimeval GetSendTimeout(Socket socket)
        => SockOpt.Get<KernelOldTimeval>(socket, SocketLevel.Socket, Get.SO_SNDTIMEO_OLD, LengthRule.Exact, nameof(Get.SO_SNDTIMEO_OLD));

    /// <summary>Sets the send timeout (<c>SO_SNDTIMEO</c>).</summary>
    public static void SetSendTimeout(Socket socket, in KernelOldTimeval value)
        => SockOpt.Set(socket, SocketLevel.Socket, Set.SO_SNDTIMEO_OLD, in value, nameof(Set.SO_SNDTIMEO_OLD));

    /// <summary>The socket's firewall mark (<c>SO_MARK</c>).</summary>
    public static uint GetMark(Socket socket)
        => SockOpt.Get<uint>(socket, SocketLevel.Socket, Get.SO_MARK, LengthRule.Exact, nameof(Get.SO_MARK));

    /// <summary>Sets the socket's firewall mark (<c>SO_MARK</c>); needs <c>CAP_NET_ADMIN</c>.</summary>
    public static void SetMark(Socket socket, uint mark)
        => SockOpt.Set(socket, SocketLevel.Socket, Set.SO_MARK, in mark, nameof(Set.SO_MARK));

    /// <summary>The interface the socket is bound to (<c>SO_BINDTODEVICE</c>), or the empty string when it is not bound.</summary>
    public static string GetBoundDevice(Socket socket)
    {
        Span<byte> name = stackalloc byte[IFNAMSIZ];
        int length = SockOpt.Get(socket, SocketLevel.Socket, Get.SO_BINDTODEVICE, name, LengthRule.Truncating, 0, nameof(Get.SO_BINDTODEVICE));
        name = name.Slice(0, length);
        int nul = name.IndexOf((byte)0);
        return Encoding.ASCII.GetString(nul < 0 ? name : name.Slice(0, nul));
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
        SockOpt.Set(socket, SocketLevel.Socket, Set.SO_BINDTODEVICE, name.Slice(0, length), nameof(Set.SO_BINDTODEVICE));
    }
}
