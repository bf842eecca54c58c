using System;
using System.Net;
using System.Net.Sockets;

namespace KernelStructs;

/// <summary>
/// <see cref="IPEndPoint"/> to and from the address and port pairs of <c>struct sockaddr_in</c>
/// (<c>sin_addr</c>, <c>sin_port</c>) and <c>struct sockaddr_in6</c> (<c>sin6_addr</c>, <c>sin6_port</c>,
/// <c>sin6_scope_id</c>), ports in network byte order as the kernel stores them.
/// </summary>
public static class InetEndPoint
{
    /// <summary>The end point of a <c>sockaddr_in</c>'s <c>sin_addr</c> and <c>sin_port</c>.</summary>
    public static IPEndPoint Create(InAddr address, Be16 port) => new(address.ToIPAddress(), port.Value);

    /// <summary>The end point of a <c>sockaddr_in6</c>'s <c>sin6_addr</c>, <c>sin6_port</c> and <c>sin6_scope_id</c>.</summary>
    public static IPEndPoint Create(In6Addr address, Be16 port, uint scopeId = 0) => new(address.ToIPAddress(scopeId), port.Value);

    /// <summary>The <c>sin_addr</c> and <c>sin_port</c> of an IPv4 end point.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="endPoint"/> is null.</exception>
    /// <exception cref="ArgumentException">The end point is not IPv4.</exception>
    public static void GetIPv4(IPEndPoint endPoint, out InAddr address, out Be16 port)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        address = InAddr.FromIPAddress(endPoint.Address);
        port = new Be16((ushort)endPoint.Port);
    }

    /// <summary>The <c>sin6_addr</c>, <c>sin6_port</c> and <c>sin6_scope_id</c> of an IPv6 end point.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="endPoint"/> is null.</exception>
    /// <exception cref="ArgumentException">The end point is not IPv6.</exception>
    public static void GetIPv6(IPEndPoint endPoint, out In6Addr address, out Be16 port, out uint scopeId)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        address = In6Addr.FromIPAddress(endPoint.Address);
        port = new Be16((ushort)endPoint.Port);
        scopeId = endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? (uint)endPoint.Address.ScopeId : 0;
    }
}
