using System;
using System.ComponentModel;
using Tmds.Linux;

namespace KernelStructs.Netfilter.Internal;

/// <summary>Raw <c>getsockopt</c>/<c>setsockopt</c> over a byte buffer, retrying EINTR.</summary>
internal static unsafe class NetfilterSockOpt
{
    public const int EINTR = 4;
    public const int EAGAIN = 11;

    /// <summary>Returns 0 or the errno; <paramref name="length"/> is the length the kernel reported.</summary>
    public static int TryGet(int fd, SocketLevel level, int optname, Span<byte> buffer, out int length)
        => TryGet(fd, level, optname, buffer, out length, out _);

    /// <summary>Returns 0 or the errno; <paramref name="result"/> is the call's non-negative return value.</summary>
    public static int TryGet(int fd, SocketLevel level, int optname, Span<byte> buffer, out int length, out int result)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                socklen_t len = (uint)buffer.Length;
                result = LibC.getsockopt(fd, (int)level, optname, p, &len);
                if (result >= 0)
                {
                    length = (int)(uint)len;
                    return 0;
                }

                int errno = LibC.errno;
                if (errno != EINTR)
                {
                    length = 0;
                    return errno;
                }
            }
        }
    }

    /// <summary>Returns 0 or the errno.</summary>
    public static int TrySet(int fd, SocketLevel level, int optname, ReadOnlySpan<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                if (LibC.setsockopt(fd, (int)level, optname, p, (uint)buffer.Length) == 0)
                {
                    return 0;
                }

                int errno = LibC.errno;
                if (errno != EINTR)
                {
                    return errno;
                }
            }
        }
    }

    public static Exception Error(int errno, SocketLevel level, string option, SockOptDirection direction, string? detail = null)
    {
        var inner = new Win32Exception(errno);
        string call = direction == SockOptDirection.Get ? "getsockopt" : "setsockopt";
        return new Win32Exception(errno, $"{call}({level}, {option}) failed: errno {errno} ({inner.Message}){(detail is null ? "" : ": " + detail)}");
    }
}
