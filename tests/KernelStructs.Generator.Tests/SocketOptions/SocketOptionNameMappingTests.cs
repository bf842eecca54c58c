using System;
using System.Net.Sockets;
using KernelStructs.Analyzers.SocketOptions;
using Xunit;

namespace KernelStructs.Generator.Tests.SocketOptions;

/// <summary>
/// KS2013's table of what .NET does with <c>SocketOptionLevel</c>/<c>SocketOptionName</c> on Linux
/// (<see cref="DotNetSocketOptions"/>), against the running .NET and kernel: a mapped option set through
/// <c>SetSocketOption</c> is the kernel option the table names (read back with <c>GetRawSocketOption</c>), and a pair the
/// table does not have makes no system call.
/// </summary>
public sealed class SocketOptionNameMappingTests
{
    [Theory]
    [InlineData(0, 19, SocketType.Dgram, ProtocolType.Udp)]     // PacketInformation -> IP_PKTINFO, not IP_TRANSPARENT (19)
    [InlineData(0, 4, SocketType.Dgram, ProtocolType.Udp)]      // IpTimeToLive -> IP_TTL (2)
    [InlineData(0, 3, SocketType.Dgram, ProtocolType.Udp)]      // TypeOfService -> IP_TOS (1)
    [InlineData(6, 1, SocketType.Stream, ProtocolType.Tcp)]     // NoDelay -> TCP_NODELAY (1)
    [InlineData(6, 3, SocketType.Stream, ProtocolType.Tcp)]     // TcpKeepAliveTime -> TCP_KEEPIDLE (4)
    [InlineData(0xffff, 0x1001, SocketType.Dgram, ProtocolType.Udp)] // SendBuffer -> SO_SNDBUF (7)
    public void A_mapped_pair_sets_the_kernel_option_the_table_names(int level, int name, SocketType type, ProtocolType protocol)
    {
        var row = DotNetSocketOptions.Option(level, name);
        Assert.NotNull(row);
        var kernelLevel = (int)DotNetSocketOptions.Level(level)!.Kernel;
        using var socket = new Socket(AddressFamily.InterNetwork, type, protocol);

        var before = Read(socket, kernelLevel, row!.KernelName);
        var value = row.KernelName == 7 ? 65536 : before == 0 ? 1 : before == 1 ? 0 : before + 7;
        if (row.KernelName == 1 && kernelLevel == 0)
        {
            value = 0x10; // IP_TOS: a value the kernel keeps as it is
        }

        socket.SetSocketOption((SocketOptionLevel)level, (SocketOptionName)name, value);
        var after = Read(socket, kernelLevel, row.KernelName);
        Assert.NotEqual(before, after);
    }

    [Theory]
    [InlineData(0, 80)]        // SO_ORIGINAL_DST
    [InlineData(0, 64)]        // IPT_SO_GET_INFO / IPT_SO_SET_REPLACE
    [InlineData(0xffff, 36)]   // SO_MARK
    [InlineData(1, 36)]        // SOL_SOCKET cast to SocketOptionLevel: no level .NET knows
    public void A_pair_the_table_does_not_have_makes_no_system_call(int level, int name)
    {
        Assert.Null(DotNetSocketOptions.Option(level, name));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var error = Assert.Throws<SocketException>(() => socket.GetSocketOption((SocketOptionLevel)level, (SocketOptionName)name, new byte[16]));
        Assert.Equal(SocketError.OperationNotSupported, error.SocketErrorCode);
    }

    private static int Read(Socket socket, int level, int name)
    {
        var buffer = new byte[4];
        socket.GetRawSocketOption(level, name, buffer);
        return BitConverter.ToInt32(buffer);
    }
}
