using System.Linq;
using KernelStructs.Generator.Vocabulary;

namespace KernelStructs.Analyzers.SocketOptions;

/// <summary>
/// What .NET does on Linux with <c>Socket.SetSocketOption</c>/<c>GetSocketOption</c>: the level and name are .NET's own
/// enums (<c>SocketOptionLevel</c>, <c>SocketOptionName</c>), which the native shim translates
/// (<c>TryGetPlatformSocketOption</c> in dotnet/runtime's <c>src/native/libs/System.Native/pal_networking.c</c>). A pair
/// it does not know makes no system call: <c>SystemNative_SetSockOpt</c>/<c>GetSockOpt</c> return <c>ENOTSUP</c>, which
/// the managed side throws as <c>SocketException</c> (<c>SocketError.OperationNotSupported</c>). So a kernel number cast to
/// <c>SocketOptionName</c> either runs nothing or runs the option .NET gives that number: <c>(SocketOptionName)19</c> at
/// <c>SocketOptionLevel.IP</c> is <c>PacketInformation</c>, and sets <c>IP_PKTINFO</c> (8), not <c>IP_TRANSPARENT</c> (19).
/// </summary>
/// <remarks>
/// <c>SocketOptionNameMappingTests</c> checks rows against the running .NET and kernel: an option set through .NET changes
/// the kernel option the row names (read back with the raw call), and a pair the table does not have makes no call.
/// </remarks>
internal static class DotNetSocketOptions
{
    /// <summary>A <c>SocketOptionLevel</c> value and the kernel level .NET passes for it.</summary>
    internal sealed record LevelMapping(int DotNet, string Name, SocketLevel Kernel);

    /// <summary>A (level, name) pair .NET maps, and the kernel option it becomes.</summary>
    /// <param name="Level">The <c>SocketOptionLevel</c> value.</param>
    /// <param name="Name">The <c>SocketOptionName</c> value.</param>
    /// <param name="DotNetName">The <c>SocketOptionName</c> member .NET reads it as at that level.</param>
    /// <param name="KernelName">The kernel option's number.</param>
    /// <param name="KernelCName">The kernel option's C name.</param>
    /// <param name="Note">What .NET does beyond passing the option on, if anything.</param>
    internal sealed record OptionMapping(int Level, int Name, string DotNetName, int KernelName, string KernelCName, string? Note = null);

    /// <summary>The levels .NET knows; any other <c>SocketOptionLevel</c> makes no system call.</summary>
    public static readonly LevelMapping[] Levels =
    {
        new(0xffff, "Socket", SocketLevel.Socket),
        new(0, "IP", SocketLevel.IP),
        new(41, "IPv6", SocketLevel.IPv6),
        new(6, "Tcp", SocketLevel.Tcp),
        new(17, "Udp", SocketLevel.Udp),
    };

    /// <summary>The options .NET maps on Linux (no <c>Udp</c> option is mapped); any other name makes no system call.</summary>
    public static readonly OptionMapping[] Options =
    {
        //  SocketOptionLevel.Socket -> SOL_SOCKET
        new(0xffff, 0x0001, "Debug", 1, "SO_DEBUG"),
        new(0xffff, 0x0002, "AcceptConnection", 30, "SO_ACCEPTCONN"),
        new(0xffff, 0x0004, "ReuseAddress", 2, "SO_REUSEADDR", "setsockopt sets SO_REUSEPORT (15) and SO_REUSEADDR (2); getsockopt reads SO_REUSEPORT"),
        new(0xffff, ~0x0004, "ExclusiveAddressUse", 2, "SO_REUSEADDR", "the inverse of ReuseAddress"),
        new(0xffff, 0x0008, "KeepAlive", 9, "SO_KEEPALIVE"),
        new(0xffff, 0x0010, "DontRoute", 5, "SO_DONTROUTE"),
        new(0xffff, 0x0020, "Broadcast", 6, "SO_BROADCAST"),
        new(0xffff, 0x0080, "Linger", 13, "SO_LINGER"),
        new(0xffff, 0x0100, "OutOfBandInline", 10, "SO_OOBINLINE"),
        new(0xffff, 0x1001, "SendBuffer", 7, "SO_SNDBUF"),
        new(0xffff, 0x1002, "ReceiveBuffer", 8, "SO_RCVBUF"),
        new(0xffff, 0x1003, "SendLowWater", 19, "SO_SNDLOWAT"),
        new(0xffff, 0x1004, "ReceiveLowWater", 18, "SO_RCVLOWAT"),
        new(0xffff, 0x1005, "SendTimeout", 21, "SO_SNDTIMEO"),
        new(0xffff, 0x1006, "ReceiveTimeout", 20, "SO_RCVTIMEO"),
        new(0xffff, 0x1007, "Error", 4, "SO_ERROR"),
        new(0xffff, 0x1008, "Type", 3, "SO_TYPE"),
        //  SocketOptionLevel.IP -> SOL_IP
        new(0, 1, "IPOptions", 4, "IP_OPTIONS"),
        new(0, 2, "HeaderIncluded", 3, "IP_HDRINCL"),
        new(0, 3, "TypeOfService", 1, "IP_TOS"),
        new(0, 4, "IpTimeToLive", 2, "IP_TTL"),
        new(0, 9, "MulticastInterface", 32, "IP_MULTICAST_IF"),
        new(0, 10, "MulticastTimeToLive", 33, "IP_MULTICAST_TTL"),
        new(0, 11, "MulticastLoopback", 34, "IP_MULTICAST_LOOP"),
        new(0, 12, "AddMembership", 35, "IP_ADD_MEMBERSHIP"),
        new(0, 13, "DropMembership", 36, "IP_DROP_MEMBERSHIP"),
        new(0, 14, "DontFragment", 10, "IP_MTU_DISCOVER", "the value is translated: true is IP_PMTUDISC_DO"),
        new(0, 15, "AddSourceMembership", 39, "IP_ADD_SOURCE_MEMBERSHIP"),
        new(0, 16, "DropSourceMembership", 40, "IP_DROP_SOURCE_MEMBERSHIP"),
        new(0, 17, "BlockSource", 38, "IP_BLOCK_SOURCE"),
        new(0, 18, "UnblockSource", 37, "IP_UNBLOCK_SOURCE"),
        new(0, 19, "PacketInformation", 8, "IP_PKTINFO"),
        //  SocketOptionLevel.IPv6 -> SOL_IPV6
        new(41, 4, "IpTimeToLive", 16, "IPV6_UNICAST_HOPS"),
        new(41, 9, "MulticastInterface", 17, "IPV6_MULTICAST_IF"),
        new(41, 10, "MulticastTimeToLive", 18, "IPV6_MULTICAST_HOPS"),
        new(41, 11, "MulticastLoopback", 19, "IPV6_MULTICAST_LOOP"),
        new(41, 19, "PacketInformation", 49, "IPV6_RECVPKTINFO"),
        new(41, 21, "HopLimit", 52, "IPV6_HOPLIMIT"),
        new(41, 27, "IPv6Only", 26, "IPV6_V6ONLY"),
        //  SocketOptionLevel.Tcp -> SOL_TCP
        new(6, 1, "NoDelay", 1, "TCP_NODELAY"),
        new(6, 3, "TcpKeepAliveTime", 4, "TCP_KEEPIDLE"),
        new(6, 15, "FastOpen", 23, "TCP_FASTOPEN"),
        new(6, 16, "TcpKeepAliveRetryCount", 6, "TCP_KEEPCNT"),
        new(6, 17, "TcpKeepAliveInterval", 5, "TCP_KEEPINTVL"),
    };

    /// <summary>The level .NET knows by this <c>SocketOptionLevel</c> value, or null.</summary>
    public static LevelMapping? Level(int dotNetLevel) => Levels.FirstOrDefault(l => l.DotNet == dotNetLevel);

    /// <summary>The option .NET maps this (level, name) pair to, or null when it makes no system call.</summary>
    public static OptionMapping? Option(int dotNetLevel, int dotNetName) => Options.FirstOrDefault(o => o.Level == dotNetLevel && o.Name == dotNetName);
}
