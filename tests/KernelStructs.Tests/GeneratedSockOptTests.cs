using System;
using System.Net;
using System.Net.Sockets;
using KernelStructs;
using Xunit;

namespace KernelStructs.Tests;

/// <summary>Options declared the way a user declares them, implemented by the generator, run against this kernel.</summary>
public static partial class DeclaredOptions
{
    //   command: number, level, direction, payload, length rule
    [SockOptCommand(SocketLevel.Socket, SockOptDirection.Get, typeof(int))]
    public const int SO_TYPE = 3;

    [SockOptCommand(SocketLevel.Socket, SockOptDirection.Both, typeof(int))]
    public const int SO_RCVBUF = 8;

    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(SockAddrIn), Length = LengthRule.AtLeast)]
    public const int SO_ORIGINAL_DST = 80;

    // The kernel copies min(len, TCP_CA_NAME_MAX) bytes of the name.
    [SockOptCommand(SocketLevel.Tcp, SockOptDirection.Get, typeof(byte), Length = LengthRule.Truncating)]
    public const int TCP_CONGESTION = 13;

    //   typed operations: each names its command; the generator adds the other sockets and the Try forms
    [GetSockOpt(SO_TYPE)]
    public static partial int GetSocketType(Socket socket);

    [GetSockOpt(SO_RCVBUF)]
    public static partial int GetReceiveBuffer(int fd);

    [SetSockOpt(SO_RCVBUF)]
    public static partial void SetReceiveBuffer(int fd, in int bytes);

    [GetSockOpt(SO_ORIGINAL_DST)]
    public static partial SockAddrIn GetOriginalDestination(Socket socket);

    [GetSockOpt(TCP_CONGESTION)]
    public static partial int GetCongestion(Socket socket, Span<byte> name);
}

public class GeneratedSockOptTests
{
    [Fact]
    public void A_generated_GET_returns_the_kernels_value()
    {
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        Assert.Equal((int)SocketType.Dgram, DeclaredOptions.GetSocketType(udp));
    }

    [Fact]
    public void One_declaration_yields_every_socket_form_and_the_Try_forms()
    {
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var fd = (int)udp.SafeHandle.DangerousGetHandle();
        var expected = (int)SocketType.Dgram;

        Assert.Equal(expected, DeclaredOptions.GetSocketType(udp.SafeHandle));
        Assert.Equal(expected, DeclaredOptions.GetSocketType(fd));
        Assert.Equal(Errno.None, DeclaredOptions.TryGetSocketType(udp, out var viaSocket));
        Assert.Equal(Errno.None, DeclaredOptions.TryGetSocketType(udp.SafeHandle, out var viaHandle));
        Assert.Equal(Errno.None, DeclaredOptions.TryGetSocketType(fd, out var viaFd));
        Assert.Equal(new[] { expected, expected, expected }, new[] { viaSocket, viaHandle, viaFd });

        // The SET declared on an int descriptor has a Socket form and a Try form too.
        Assert.Equal(Errno.None, DeclaredOptions.TrySetReceiveBuffer(udp, 4096));
        Assert.Equal(2 * 4096, DeclaredOptions.GetReceiveBuffer(udp));
        Assert.Equal(Errno.EBADF, DeclaredOptions.TryGetSocketType(-1, out _));
    }

    [Fact]
    public void A_generated_SET_reaches_the_kernel()
    {
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var fd = (int)udp.SafeHandle.DangerousGetHandle();
        DeclaredOptions.SetReceiveBuffer(fd, 8192);
        // The kernel doubles SO_RCVBUF for bookkeeping (socket(7)).
        Assert.Equal(2 * 8192, DeclaredOptions.GetReceiveBuffer(fd));
    }

    [Fact]
    public void A_generated_GET_reports_the_kernels_errno()
    {
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        Assert.Equal(Errno.ENOPROTOOPT, DeclaredOptions.TryGetOriginalDestination(udp, out _));

        var error = Assert.ThrowsAny<SocketOptionException>(() => DeclaredOptions.GetOriginalDestination(udp));
        Assert.Equal(Errno.ENOPROTOOPT, error.Errno);
        Assert.Equal(SockOptDirection.Get, error.Direction);
        Assert.Equal(SocketLevel.IP, error.Level);
        Assert.Equal(80, error.OptionName);
        Assert.Contains("SO_ORIGINAL_DST", error.Message);
    }

    [Fact]
    public void A_generated_variable_length_GET_returns_the_kernels_length()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Span<byte> name = stackalloc byte[16];
        var length = DeclaredOptions.GetCongestion(listener, name);
        Assert.InRange(length, 1, 16);
        var text = System.Text.Encoding.ASCII.GetString(name[..length]).Split('\0')[0];
        Assert.False(string.IsNullOrEmpty(text));
        Assert.Equal(System.IO.File.ReadAllText("/proc/sys/net/ipv4/tcp_congestion_control").Trim(), text);
    }
}
