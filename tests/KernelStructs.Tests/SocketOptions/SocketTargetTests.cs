using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Xunit;

namespace KernelStructs.Tests.SocketOptions;

/// <summary>
/// The family's forms taking a <see cref="SocketTarget"/>: a socket, its handle and its descriptor reach the same kernel
/// option; a null or default target, a closed handle and a bad descriptor fail as the forms taking them directly do.
/// </summary>
[Trait("Category", "Kernel")]
public class SocketTargetTests
{
    [Fact]
    public void A_socket_its_handle_and_its_descriptor_reach_the_same_option()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var handle = socket.SafeHandle;
        var fd = (int)handle.DangerousGetHandle();

        // Set through the descriptor and read back through every kind of socket, by both forms.
        SocketLayer.SetReceiveTimeout(fd, new KernelOldTimeval { tv_sec = new CLong(7), tv_usec = new CLong(250_000) });

        Assert.Equal(7, (long)SocketLayer.GetReceiveTimeout(socket).tv_sec.Value);
        Assert.Equal(7, (long)SocketLayer.GetReceiveTimeout(handle).tv_sec.Value);
        Assert.Equal(7, (long)SocketLayer.GetReceiveTimeout((SafeHandle)handle).tv_sec.Value);
        Assert.Equal(7, (long)SocketLayer.GetReceiveTimeout(fd).tv_sec.Value);
        // The kernel keeps the timeout in jiffies: the microseconds come back rounded, the same through every form.
        var microseconds = SocketLayer.GetReceiveTimeout(socket).tv_usec.Value;
        Assert.InRange((long)microseconds, 240_000, 260_000);
        Assert.Equal(Errno.None, SocketLayer.TryGetReceiveTimeout(handle, out var viaHandle));
        Assert.Equal(microseconds, viaHandle.tv_usec.Value);
        Assert.Equal(Errno.None, SocketLayer.TryGetReceiveTimeout(SocketTarget.FromInt32(fd), out var viaFd));
        Assert.Equal(microseconds, viaFd.tv_usec.Value);
    }

    [Fact]
    public void A_null_socket_a_null_handle_and_default_throw_ArgumentNullException()
    {
        Assert.Equal("socket", Assert.Throws<ArgumentNullException>(() => SocketLayer.GetMark((SafeHandle)null!)).ParamName);
        Assert.Equal("socket", Assert.Throws<ArgumentNullException>(() => SocketLayer.TryGetMark((Socket)null!, out _)).ParamName);
        Assert.Equal("socket", Assert.Throws<ArgumentNullException>(() => SocketLayer.TryGetMark(default(SocketTarget), out _)).ParamName);
        Assert.Throws<ArgumentNullException>(() => SocketLayer.GetMark((Socket)null!));
    }

    [Fact]
    public void A_bad_descriptor_fails_with_EBADF_and_a_closed_handle_is_refused()
    {
        Assert.Equal(Errno.EBADF, SocketLayer.TryGetMark(-1, out _));
        Assert.Equal(Errno.EBADF, Assert.Throws<SocketOptionException>(() => SocketLayer.GetMark(-1)).Errno);

        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var handle = socket.SafeHandle;
        socket.Dispose();
        Assert.Throws<ObjectDisposedException>(() => SocketLayer.GetMark(handle));
    }
}
