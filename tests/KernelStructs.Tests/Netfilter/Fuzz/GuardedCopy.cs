using System;
using System.Runtime.InteropServices;

namespace KernelStructs.Tests.Netfilter.Fuzz;

/// <summary>
/// Copies of blobs that touch an inaccessible page (<c>PROT_NONE</c>): right after one, or ending right before one, so
/// that a reader that reads a byte before or past the blob without a bounds check faults instead of reading what happens
/// to lie there. One mapping per thread, reused: <c>[guard][data][guard]</c>.
/// </summary>
internal static unsafe class GuardedCopy
{
    private const int PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2, MAP_PRIVATE = 2, MAP_ANONYMOUS = 0x20;
    private const int Data = 1 << 20;

    [ThreadStatic]
    private static nint t_data;

    /// <summary>
    /// <paramref name="blob"/> copied against the leading guard page (<paramref name="atEnd"/> false) or the trailing one;
    /// the blob itself when it does not fit (or not on Linux).
    /// </summary>
    public static ReadOnlySpan<byte> Of(ReadOnlySpan<byte> blob, bool atEnd)
    {
        if (!OperatingSystem.IsLinux() || blob.Length > Data)
        {
            return blob;
        }

        if (t_data == 0)
        {
            int page = Environment.SystemPageSize;
            nint map = mmap(0, (nuint)(Data + (2 * page)), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (map == -1 || mprotect(map, (nuint)page, PROT_NONE) != 0 || mprotect(map + page + Data, (nuint)page, PROT_NONE) != 0)
            {
                throw new InvalidOperationException($"mmap/mprotect of the guard pages failed: {Marshal.GetLastPInvokeErrorMessage()}");
            }

            t_data = map + page;
        }

        var copy = new Span<byte>((void*)(t_data + (atEnd ? Data - blob.Length : 0)), blob.Length);
        blob.CopyTo(copy);
        return copy;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern nint mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);

    [DllImport("libc", SetLastError = true)]
    private static extern int mprotect(nint addr, nuint length, int prot);
}
