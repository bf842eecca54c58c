using System.Net.Sockets;

namespace KernelStructs;

/// <summary>
/// <c>SOL_IP</c> options from <c>linux/in.h</c> used by transparent proxies. Each is an <c>int</c> flag (0 or 1), read
/// and written with the same payload.
/// </summary>
/// <remarks>
/// The <c>*Flag</c> methods are <c>[GetSockOpt]</c>/<c>[SetSockOpt]</c> declarations that the package's own generator
/// implements (with their <c>SafeHandle</c>, <c>int</c> and <c>Try</c> forms); the <see langword="bool"/> forms convert around them.
/// </remarks>
public static partial class IPOptions
{
    //   command: number, level, direction, payload
    /// <summary><c>IP_FREEBIND</c>: <c>int</c>, non-zero when the socket may bind to a non-local address.</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Both, typeof(int))]
    public const int IP_FREEBIND = 15;

    /// <summary><c>IP_TRANSPARENT</c>: <c>int</c>, non-zero when the socket is transparent (TPROXY); SET needs <c>CAP_NET_ADMIN</c> or <c>CAP_NET_RAW</c>.</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Both, typeof(int))]
    public const int IP_TRANSPARENT = 19;

    // ---- declarations: the int flag as the kernel reads and writes it --------------------------------------

    /// <summary><c>IP_FREEBIND</c> as the kernel's <c>int</c>: non-zero when the socket may bind to a non-local address.</summary>
    [GetSockOpt(IP_FREEBIND)]
    public static partial int GetFreeBindFlag(Socket socket);

    /// <summary>Sets <c>IP_FREEBIND</c> to the kernel's <c>int</c> flag.</summary>
    [SetSockOpt(IP_FREEBIND)]
    public static partial void SetFreeBindFlag(Socket socket, int flag);

    /// <summary><c>IP_TRANSPARENT</c> as the kernel's <c>int</c>: non-zero when the socket is transparent.</summary>
    [GetSockOpt(IP_TRANSPARENT)]
    public static partial int GetTransparentFlag(Socket socket);

    /// <summary>Sets <c>IP_TRANSPARENT</c> to the kernel's <c>int</c> flag; needs <c>CAP_NET_ADMIN</c>.</summary>
    [SetSockOpt(IP_TRANSPARENT)]
    public static partial void SetTransparentFlag(Socket socket, int flag);

    // ---- bool conveniences -----------------------------------------------------------------------------

    /// <summary>Whether the socket may bind to a non-local address (<c>IP_FREEBIND</c>).</summary>
    public static bool GetFreeBind(Socket socket) => GetFreeBindFlag(socket) != 0;

    /// <summary>Lets the socket bind to a non-local address (<c>IP_FREEBIND</c>).</summary>
    public static void SetFreeBind(Socket socket, bool value) => SetFreeBindFlag(socket, value ? 1 : 0);

    /// <summary>Whether the socket is transparent (<c>IP_TRANSPARENT</c>).</summary>
    public static bool GetTransparent(Socket socket) => GetTransparentFlag(socket) != 0;

    /// <summary>Makes the socket transparent (<c>IP_TRANSPARENT</c>); needs <c>CAP_NET_ADMIN</c>.</summary>
    public static void SetTransparent(Socket socket, bool value) => SetTransparentFlag(socket, value ? 1 : 0);
}
