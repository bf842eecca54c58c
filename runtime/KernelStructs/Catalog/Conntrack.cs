using System.Net.Sockets;

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
/// Each command is one annotated constant; each typed operation is one <c>[GetSockOpt]</c> declaration naming it, from
/// which the package's own generator writes the forms taking a <see cref="SocketTarget"/> (a
/// <see cref="System.Runtime.InteropServices.SafeHandle"/> or an <c>int</c> as well as a <see cref="Socket"/>), throwing and
/// <c>Try</c> (e.g. <c>TryGetOriginalDestination(SocketTarget, out SockAddrIn)</c>).
/// </para>
/// </remarks>
public static partial class Conntrack
{
    //   command: number, level, direction, payload, length rule
    /// <summary><c>SO_ORIGINAL_DST</c> (<c>linux/netfilter_ipv4.h</c>): GET at <c>SOL_IP</c>, <c>struct sockaddr_in</c>.</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(SockAddrIn), Length = LengthRule.AtLeast)]
    public const int SO_ORIGINAL_DST = 80;

    /// <summary><c>IP6T_SO_ORIGINAL_DST</c> (<c>linux/netfilter_ipv6/ip6_tables.h</c>): GET at <c>SOL_IPV6</c>, <c>struct sockaddr_in6</c>.</summary>
    [SockOptCommand(SocketLevel.IPv6, SockOptDirection.Get, typeof(SockAddrIn6), Length = LengthRule.AtLeast)]
    public const int IP6T_SO_ORIGINAL_DST = 80;

    //   typed operations: one declaration each; the generator adds a throwing and a Try form taking any SocketTarget
    //   (a Socket, a SafeHandle or a descriptor)

    /// <summary>The original destination of a NATed IPv4 TCP/SCTP connection (<c>SO_ORIGINAL_DST</c>).</summary>
    /// <exception cref="SocketOptionException">ENOENT: no conntrack entry; ENOPROTOOPT: not TCP/SCTP.</exception>
    [GetSockOpt(SO_ORIGINAL_DST)]
    public static partial SockAddrIn GetOriginalDestination(Socket socket);

    /// <summary>The original destination of a NATed IPv6 TCP/SCTP connection (<c>IP6T_SO_ORIGINAL_DST</c>).</summary>
    /// <exception cref="SocketOptionException">ENOENT: no conntrack entry; ENOPROTOOPT: not TCP/SCTP.</exception>
    [GetSockOpt(IP6T_SO_ORIGINAL_DST)]
    public static partial SockAddrIn6 GetOriginalDestination6(Socket socket);
}
