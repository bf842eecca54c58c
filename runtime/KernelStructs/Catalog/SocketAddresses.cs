using System;
using System.Net;
using System.Net.Sockets;

namespace KernelStructs;

/// <summary><c>struct sockaddr_in</c> from <c>linux/in.h</c>: an IPv4 socket address (the answer of <c>SO_ORIGINAL_DST</c>).</summary>
/// <remarks>
/// <c>sin_addr</c> is an <see cref="InAddr"/>, which prints as the kernel's <c>%pI4</c>:
/// <c>$"{dst.sin_addr}:{dst.sin_port.Value}"</c> reads <c>10.0.0.1:8080</c>.
/// <c>__pad</c> is the header's name for what <c>sin_zero</c> (a macro) stands for.
/// </remarks>
[KernelStruct("struct sockaddr_in", Header = "linux/in.h", ExpectedSize = 16)]
public unsafe partial struct SockAddrIn
{
    /// <summary><c>AF_INET</c> (2).</summary>
    public ushort sin_family;

    /// <summary>The port, in network byte order.</summary>
    public Be16 sin_port;

    /// <summary>The IPv4 address (<c>struct in_addr</c>), in network byte order.</summary>
    public InAddr sin_addr;

    /// <summary>Padding to the size of <c>struct sockaddr</c> (<c>sin_zero</c>).</summary>
    public fixed byte __pad[8];

    /// <summary>The address and port as an <see cref="IPEndPoint"/> (allocates).</summary>
    /// <exception cref="InvalidOperationException"><see cref="sin_family"/> is not <c>AF_INET</c>.</exception>
    public readonly IPEndPoint ToIPEndPoint()
    {
        if (sin_family != (ushort)AddressFamily.InterNetwork)
        {
            throw new InvalidOperationException($"sin_family is {sin_family}, not AF_INET (2)");
        }

        return InetEndPoint.Create(sin_addr, sin_port);
    }

    /// <summary>A <c>sockaddr_in</c> for an IPv4 <paramref name="endPoint"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="endPoint"/> is not IPv4.</exception>
    public static SockAddrIn FromIPEndPoint(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        if (endPoint.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"{endPoint} is not an IPv4 end point", nameof(endPoint));
        }

        InetEndPoint.GetIPv4(endPoint, out var address, out var port);
        return new SockAddrIn
        {
            sin_family = (ushort)AddressFamily.InterNetwork,
            sin_port = port,
            sin_addr = address,
        };
    }
}

/// <summary><c>struct sockaddr_in6</c> from <c>linux/in6.h</c>: an IPv6 socket address (the answer of <c>IP6T_SO_ORIGINAL_DST</c>).</summary>
/// <remarks><c>sin6_addr</c> is an <see cref="In6Addr"/>, which prints as the kernel's <c>%pI6c</c>.</remarks>
[KernelStruct("struct sockaddr_in6", Header = "linux/in6.h", ExpectedSize = 28)]
public partial struct SockAddrIn6
{
    /// <summary><c>AF_INET6</c> (10).</summary>
    public ushort sin6_family;

    /// <summary>The port, in network byte order.</summary>
    public Be16 sin6_port;

    /// <summary>The flow information, in network byte order.</summary>
    public Be32 sin6_flowinfo;

    /// <summary>The IPv6 address (<c>struct in6_addr</c>), in network byte order.</summary>
    public In6Addr sin6_addr;

    /// <summary>The scope (interface index) for link-local addresses.</summary>
    public uint sin6_scope_id;

    /// <summary>The address, port and scope as an <see cref="IPEndPoint"/> (allocates).</summary>
    /// <exception cref="InvalidOperationException"><see cref="sin6_family"/> is not <c>AF_INET6</c>.</exception>
    public readonly IPEndPoint ToIPEndPoint()
    {
        if (sin6_family != 10)
        {
            throw new InvalidOperationException($"sin6_family is {sin6_family}, not AF_INET6 (10)");
        }

        return InetEndPoint.Create(sin6_addr, sin6_port, sin6_scope_id);
    }

    /// <summary>A <c>sockaddr_in6</c> for an IPv6 <paramref name="endPoint"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="endPoint"/> is not IPv6.</exception>
    public static SockAddrIn6 FromIPEndPoint(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        if (endPoint.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new ArgumentException($"{endPoint} is not an IPv6 end point", nameof(endPoint));
        }

        InetEndPoint.GetIPv6(endPoint, out var address, out var port, out uint scopeId);
        return new SockAddrIn6
        {
            sin6_family = 10,
            sin6_port = port,
            sin6_addr = address,
            sin6_scope_id = scopeId,
        };
    }
}
