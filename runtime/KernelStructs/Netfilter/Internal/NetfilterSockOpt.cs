using System;
using Tmds.Linux;

namespace KernelStructs.Netfilter.Internal;

/// <summary>
/// Raw <c>getsockopt</c> that keeps the call's return value: <c>*_SO_GET_REVISION_*</c> answer with it.
/// Everything else goes through <see cref="SockOpt"/>.
/// </summary>
internal static unsafe class NetfilterSockOpt
{
    public const int EINTR = 4;

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
}
