using System.Net.Sockets;

namespace KernelStructs;

/// <summary>
/// <c>SOL_IP</c> options from <c>linux/in.h</c> used by transparent proxies. Each is an <c>int</c> flag (0 or 1).
/// Commands are under <see cref="Get"/> and <see cref="Set"/> because the C names are shared by both directions.
/// </summary>
/// <remarks>The methods are ordinary calls into <see cref="SockOpt"/>, each in the shape of a <c>[GetSockOpt]</c>/<c>[SetSockOpt]</c> partial declaration.</remarks>
[SockOptGroup(Level = SocketLevel.IP)]
public static partial class IPOptions
{
    /// <summary><c>getsockopt</c> commands at <c>SOL_IP</c>.</summary>
    public static class Get
    {
        /// <summary><c>IP_FREEBIND</c>: <c>int</c>, non-zero when the socket may bind to a non-local address.</summary>
        [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(int))]
        public const int IP_FREEBIND = 15;

        /// <summary><c>IP_TRANSPARENT</c>: <c>int</c>, non-zero when the socket is transparent (TPROXY).</summary>
        [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(int))]
        public const int IP_TRANSPARENT = 19;
    }

    /// <summary><c>setsockopt</c> commands at <c>SOL_IP</c>.</summary>
    public static class Set
    {
        /// <summary><c>IP_FREEBIND</c>: <c>int</c> flag.</summary>
        [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(int))]
        public const int IP_FREEBIND = 15;

        /// <summary><c>IP_TRANSPARENT</c>: <c>int</c> flag; needs <c>CAP_NET_ADMIN</c> or <c>CAP_NET_RAW</c>.</summary>
        [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(int))]
        public const int IP_TRANSPARENT = 19;
    }

    /// <summary>Whether the socket may bind to a non-local address (<c>IP_FREEBIND</c>).</summary>
    public static bool GetFreeBind(Socket socket)
        => SockOpt.Get<int>(socket, SocketLevel.IP, Get.IP_FREEBIND, LengthRule.Exact, nameof(Get.IP_FREEBIND)) != 0;

    /// <summary>Lets the socket bind to a non-local address (<c>IP_FREEBIND</c>).</summary>
    public static void SetFreeBind(Socket socket, bool value)
    {
        int flag = value ? 1 : 0;
        SockOpt.Set(socket, SocketLevel.IP, Set.IP_FREEBIND, in flag, nameof(Set.IP_FREEBIND));
    }

    /// <summary>Whether the socket is transparent (<c>IP_TRANSPARENT</c>).</summary>
    public static bool GetTransparent(Socket socket)
        => SockOpt.Get<int>(socket, SocketLevel.IP, Get.IP_TRANSPARENT, LengthRule.Exact, nameof(Get.IP_TRANSPARENT)) != 0;

    /// <summary>Makes the socket transparent (<c>IP_TRANSPARENT</c>); needs <c>CAP_NET_ADMIN</c>.</summary>
    public static void SetTransparent(Socket socket, bool value)
    {
        int flag = value ? 1 : 0;
        SockOpt.Set(socket, SocketLevel.IP, Set.IP_TRANSPARENT, in flag, nameof(Set.IP_TRANSPARENT));
    }
}
