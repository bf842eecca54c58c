using System;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace KernelStructs.Tests.SocketOptions;

/// <summary>SO_ORIGINAL_DST and IP6T_SO_ORIGINAL_DST against the real kernel, each test in its own network namespace.</summary>
[Trait("Category", "Kernel")]
public class ConntrackTests
{
    // An address on no interface: traffic to it exists only because the nat OUTPUT chain rewrites it.
    private static readonly IPAddress NatTarget = IPAddress.Parse("192.0.2.10");

    [NetNsFact("iptables-legacy")]
    public void Redirect_ipv4_reports_the_address_the_client_connected_to()
    {
        using var ns = NetNs.Create();
        const int originalPort = 9;
        using var pair = TcpPair.Connect(ns, IPAddress.Loopback,
            connectTo: _ => new IPEndPoint(IPAddress.Loopback, originalPort),
            beforeConnect: port => ns.Exec("iptables-legacy", "-t", "nat", "-A", "OUTPUT", "-p", "tcp", "-d", "127.0.0.1",
                "--dport", $"{originalPort}", "-j", "REDIRECT", "--to-ports", $"{port}"));

        SockAddrIn dst = Conntrack.GetOriginalDestination(pair.Accepted);

        Assert.Equal((ushort)AddressFamily.InterNetwork, dst.sin_family);
        Assert.Equal(originalPort, dst.sin_port.Value);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, originalPort), dst.ToIPEndPoint());
        Assert.NotEqual(((IPEndPoint)pair.Accepted.LocalEndPoint!).Port, dst.sin_port.Value);
    }

    [NetNsFact("iptables-legacy")]
    public void Dnat_ipv4_reports_the_address_before_translation()
    {
        using var ns = NetNs.Create();
        // 192.0.2.1/24 on lo gives a route to 192.0.2.10; DNAT in nat OUTPUT sends the connection to 192.0.2.1.
        ns.Ip("addr", "add", "192.0.2.1/24", "dev", "lo");
        using var pair = TcpPair.Connect(ns, IPAddress.Any,
            connectTo: _ => new IPEndPoint(NatTarget, 80),
            beforeConnect: port => ns.Exec("iptables-legacy", "-t", "nat", "-A", "OUTPUT", "-p", "tcp", "-d", NatTarget.ToString(),
                "--dport", "80", "-j", "DNAT", "--to-destination", $"192.0.2.1:{port}"));

        SockAddrIn dst = Conntrack.GetOriginalDestination(pair.Accepted);

        Assert.Equal(new IPEndPoint(NatTarget, 80), dst.ToIPEndPoint());
        Assert.Equal(IPAddress.Parse("192.0.2.1"), ((IPEndPoint)pair.Accepted.LocalEndPoint!).Address);

        // sin_addr is an in_addr: it prints as %pI4, so the design's one-liner reads as an address.
        Assert.Equal($"{NatTarget}:80", $"{dst.sin_addr}:{dst.sin_port.Value}");
    }

    [NetNsFact("ip6tables-legacy")]
    public void Redirect_ipv6_reports_the_address_the_client_connected_to()
    {
        using var ns = NetNs.Create();
        const int originalPort = 9;
        using var pair = TcpPair.Connect(ns, IPAddress.IPv6Loopback,
            connectTo: _ => new IPEndPoint(IPAddress.IPv6Loopback, originalPort),
            beforeConnect: port => ns.Exec("ip6tables-legacy", "-t", "nat", "-A", "OUTPUT", "-p", "tcp", "-d", "::1",
                "--dport", $"{originalPort}", "-j", "REDIRECT", "--to-ports", $"{port}"));

        SockAddrIn6 dst = Conntrack.GetOriginalDestination6(pair.Accepted);

        Assert.Equal((ushort)10, dst.sin6_family);
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, originalPort), dst.ToIPEndPoint());
        Assert.Equal($"[::1]:{originalPort}", $"[{dst.sin6_addr}]:{dst.sin6_port.Value}");
    }

    [NetNsFact]
    public void Udp_socket_fails_with_ENOPROTOOPT()
    {
        using var ns = NetNs.Create();
        using Socket udp = ns.Enter(() => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        udp.Connect(new IPEndPoint(IPAddress.Loopback, 9));

        var e = Assert.Throws<SocketOptionException>(() => Conntrack.GetOriginalDestination(udp));

        Assert.Equal(Errno.ENOPROTOOPT, e.Errno);
        Assert.Equal(SocketLevel.IP, e.Level);
        Assert.Equal(Conntrack.SO_ORIGINAL_DST, e.OptionName);
        Assert.Equal("SO_ORIGINAL_DST", e.OptionCName);
        Assert.Equal(SockOptDirection.Get, e.Direction);
        Assert.StartsWith("getsockopt(SOL_IP, SO_ORIGINAL_DST=80) failed: ENOPROTOOPT (92) ", e.Message);
        Assert.Equal(Errno.ENOPROTOOPT, Conntrack.TryGetOriginalDestination(udp, out _));
    }

    [NetNsFact]
    public void Connection_without_conntrack_entry_fails_with_ENOENT()
    {
        // No NAT rule in the namespace: conntrack never saw the connection.
        using var ns = NetNs.Create();
        using var pair = TcpPair.Connect(ns, IPAddress.Loopback);

        var e = Assert.Throws<SocketOptionException>(() => Conntrack.GetOriginalDestination(pair.Accepted));

        Assert.Equal(Errno.ENOENT, e.Errno);
        Assert.Equal("ENOENT", e.Errno.Name);
        Assert.Equal(2, e.Errno.Number);
        Assert.Contains("ENOENT (2) No such file or directory", e.Message);
        Assert.Equal(Errno.ENOENT, Conntrack.TryGetOriginalDestination(pair.Accepted, out SockAddrIn none));
        Assert.Equal(default(SockAddrIn).sin_port, none.sin_port);
    }

    [NetNsFact]
    public void Length_shorter_than_sockaddr_in_fails_with_EINVAL()
    {
        using var ns = NetNs.Create();
        using var pair = TcpPair.Connect(ns, IPAddress.Loopback);
        Span<byte> tooShort = stackalloc byte[8];
#pragma warning disable KS2004 // the kernel's answer to a buffer too short for the payload is what this test checks

        Errno errno = SockOpt.TryGet(pair.Accepted, SocketLevel.IP, Conntrack.SO_ORIGINAL_DST, tooShort, LengthRule.AtLeast, 16, "SO_ORIGINAL_DST", out int length);

        Assert.Equal(Errno.EINVAL, errno);
        Assert.Equal(0, length);
        byte[] array = new byte[8];
        var e = Assert.Throws<SocketOptionException>(() => SockOpt.Get(pair.Accepted, SocketLevel.IP, Conntrack.SO_ORIGINAL_DST, array, LengthRule.AtLeast, 16, "SO_ORIGINAL_DST"));
#pragma warning restore KS2004
        Assert.Equal(Errno.EINVAL, e.Errno);
    }

    [NetNsFact("gcc")]
    public void Ip_tables_get_info_without_CAP_NET_ADMIN_fails_with_a_clear_EPERM()
    {
        using var ns = NetNs.Create();
        int size = checked((int)CCompiler.Evaluate("#include <linux/netfilter_ipv4/ip_tables.h>", "sizeof(struct ipt_getinfo)")[0]);
        const int IPT_SO_GET_INFO = 64;
        using Socket socket = ns.Enter(() => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));

        // With the capability the same call succeeds: the EPERM below comes from the missing capability alone.
        byte[] info = new byte[size];
        "filter"u8.CopyTo(info);
        Assert.Equal(size, SockOpt.Get(socket, SocketLevel.IP, IPT_SO_GET_INFO, info, LengthRule.Exact, size, "IPT_SO_GET_INFO"));

        var e = ThreadCapabilities.RunWithout(ThreadCapabilities.CAP_NET_ADMIN, () =>
        {
            byte[] buffer = new byte[size];
            "filter"u8.CopyTo(buffer);
            return Assert.Throws<SocketOptionException>(() => SockOpt.Get(socket, SocketLevel.IP, IPT_SO_GET_INFO, buffer, LengthRule.Exact, size, "IPT_SO_GET_INFO"));
        });

        Assert.Equal(Errno.EPERM, e.Errno);
        Assert.StartsWith("getsockopt(SOL_IP, IPT_SO_GET_INFO=64) failed: EPERM (1) ", e.Message);
        Assert.Contains("CAP_NET_ADMIN", e.Message);
    }
}
