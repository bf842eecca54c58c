using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace KernelStructs;

/// <summary>
/// Connection tracking's <c>nf_sockopt_ops</c> (<c>net/netfilter/nf_conntrack_proto.c</c>): the original
/// destination of a connection that NAT (<c>REDIRECT</c>, <c>DNAT</c>) rewrote — what a transparent proxy asks
/// of each accepted socket.
/// </summary>
/// <remarks>
/// <para>
/// Kernel behaviour (<c>getorigdst</c>, <c>ipv6_getorigdst</c>): the lookup builds the tuple from the socket's own
/// addresses and ports; it answers <c>ENOPROTOOPT</c> for a socket that is neither TCP nor SCTP, <c>EINVAL</c> when
/// the length is shorter than the sockaddr, <c>ENOENT</c> when no conntrack entry matches (no NAT rule saw the
/// connection, or conntrack is not active in the socket's network namespace). It copies exactly one sockaddr and
/// leaves the length as passed (<see cref="LengthRule.AtLeast"/>). No privilege is needed.
/// </para>
/// <para>
/// The methods are <c>[GetSockOpt]</c> declarations that the package's own generator implements, one call
/// into <see cref="SockOpt"/> each.
/// </para>
/// </remarks>
[SockOptGroup(Level = SocketLevel.IP)]
public static partial class Conntrack
{
    // ---- commands: number, level, direction, payload, length rule --------------------------------------

    /// <summary><c>SO_ORIGINAL_DST</c> (<c>linux/netfilter_ipv4.h</c>): GET at <c>SOL_IP</c>, <c>struct sockaddr_in</c>.</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(SockAddrIn), Length = LengthRule.AtLeast)]
    public const int SO_ORIGINAL_DST = 80;

    /// <summary><c>IP6T_SO_ORIGINAL_DST</c> (<c>linux/netfilter_ipv6/ip6_tables.h</c>): GET at <c>SOL_IPV6</c>, <c>struct sockaddr_in6</c>.</summary>
    [SockOptCommand(SocketLevel.IPv6, SockOptDirection.Get, typeof(SockAddrIn6), Length = LengthRule.AtLeast)]
    public const int IP6T_SO_ORIGINAL_DST = 80;

    // ---- IPv4 -------------------------------------------------------------------------------------------

    /// <summary>The original destination of a NATed IPv4 TCP/SCTP connection (<c>SO_ORIGINAL_DST</c>).</summary>
    /// <exception cref="SocketOptionException">ENOENT: no conntrack entry; ENOPROTOOPT: not TCP/SCTP.</exception>
    [GetSockOpt(SO_ORIGINAL_DST, Length = LengthRule.AtLeast, Name = nameof(SO_ORIGINAL_DST))]
    public static partial SockAddrIn GetOriginalDestination(Socket socket);

    /// <inheritdoc cref="GetOriginalDestination(Socket)"/>
    [GetSockOpt(SO_ORIGINAL_DST, Length = LengthRule.AtLeast, Name = nameof(SO_ORIGINAL_DST))]
    public static partial SockAddrIn GetOriginalDestination(SafeHandle socket);

    /// <inheritdoc cref="GetOriginalDestination(Socket)"/>
    [GetSockOpt(SO_ORIGINAL_DST, Length = LengthRule.AtLeast, Name = nameof(SO_ORIGINAL_DST))]
    public static partial SockAddrIn GetOriginalDestination(int fd);

    /// <summary>The original destination, or the kernel's error (e.g. <see cref="Errno.ENOENT"/>) without throwing.</summary>
    [GetSockOpt(SO_ORIGINAL_DST, Length = LengthRule.AtLeast, Name = nameof(SO_ORIGINAL_DST))]
    public static partial Errno TryGetOriginalDestination(Socket socket, out SockAddrIn destination);

    // ---- IPv6 -------------------------------------------------------------------------------------------

    /// <summary>The original destination of a NATed IPv6 TCP/SCTP connection (<c>IP6T_SO_ORIGINAL_DST</c>).</summary>
    /// <exception cref="SocketOptionException">ENOENT: no conntrack entry; ENOPROTOOPT: not TCP/SCTP.</exception>
    [GetSockOpt(IP6T_SO_ORIGINAL_DST, Level = SocketLevel.IPv6, Length = LengthRule.AtLeast, Name = nameof(IP6T_SO_ORIGINAL_DST))]
    public static partial SockAddrIn6 GetOriginalDestination6(Socket socket);

    /// <inheritdoc cref="GetOriginalDestination6(Socket)"/>
    [GetSockOpt(IP6T_SO_ORIGINAL_DST, Level = SocketLevel.IPv6, Length = LengthRule.AtLeast, Name = nameof(IP6T_SO_ORIGINAL_DST))]
    public static partial SockAddrIn6 GetOriginalDestination6(SafeHandle socket);

    /// <inheritdoc cref="GetOriginalDestination6(Socket)"/>
    [GetSockOpt(IP6T_SO_ORIGINAL_DST, Level = SocketLevel.IPv6, Length = LengthRule.AtLeast, Name = nameof(IP6T_SO_ORIGINAL_DST))]
    public static partial SockAddrIn6 GetOriginalDestination6(int fd);

    /// <summary>The original IPv6 destination, or the kernel's error without throwing.</summary>
    [GetSockOpt(IP6T_SO_ORIGINAL_DST, Level = SocketLevel.IPv6, Length = LengthRule.AtLeast, Name = nameof(IP6T_SO_ORIGINAL_DST))]
    public static partial Errno TryGetOriginalDestination6(Socket socket, out SockAddrIn6 destination);
}
