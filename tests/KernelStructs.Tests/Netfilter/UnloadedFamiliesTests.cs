using System.IO;
using System.Net;
using System.Net.Sockets;
using KernelStructs.Netfilter;
using Xunit;

namespace KernelStructs.Tests.Netfilter;

/// <summary>
/// IPVS, which this package declares but the test kernel lacks: with no handler for its numbers, the typed
/// operations fail with the typed error naming the command, never with garbage.
/// </summary>
[Trait("Category", "Kernel")]
public class UnloadedFamiliesTests
{
    [SkippableFact]
    public void Ipvs_get_without_ipvs_is_ENOPROTOOPT_naming_the_command()
    {
        string? unavailable = NetNs.WhyUnavailable();
        Skip.If(unavailable is not null, unavailable);
        // IPVS (built in or loaded) creates /proc/net/ip_vs in every namespace.
        Skip.If(File.Exists("/proc/net/ip_vs"), "This kernel has IPVS: its commands do not fail with ENOPROTOOPT.");
        using var ns = NetNs.Create();
        using Socket socket = ns.Enter(() => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        int fd = (int)socket.Handle;

        var e = Assert.Throws<SocketOptionException>(() => IpVs.GetInfo(fd));

        Assert.Equal(Errno.ENOPROTOOPT, e.Errno);
        Assert.Equal(SocketLevel.IP, e.Level);
        Assert.Equal(IpVs.IP_VS_SO_GET_INFO, e.OptionName);
        Assert.Equal(nameof(IpVs.IP_VS_SO_GET_INFO), e.OptionCName);
        Assert.Equal(SockOptDirection.Get, e.Direction);
        Assert.Equal(Errno.ENOPROTOOPT, IpVs.TryGetInfo(fd, out IpVsGetInfo info));
        Assert.Equal(default, info);
    }
}
