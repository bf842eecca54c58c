using System;
using System.Runtime.InteropServices;
using System.Text;

namespace KernelStructs.Tests.Addresses;

/// <summary>glibc's inet_pton, inet_ntop and inet_aton, the reference the kernel's parsers are compared with.</summary>
internal static unsafe partial class Glibc
{
    public const int AF_INET = 2;
    public const int AF_INET6 = 10;

    [LibraryImport("libc", EntryPoint = "inet_pton")]
    private static partial int inet_pton(int af, byte* src, byte* dst);

    [LibraryImport("libc", EntryPoint = "inet_ntop")]
    private static partial byte* inet_ntop(int af, byte* src, byte* dst, uint size);

    [LibraryImport("libc", EntryPoint = "inet_aton")]
    private static partial int inet_aton(byte* cp, byte* inp);

    /// <summary>inet_pton on the UTF-8 of <paramref name="text"/> (NUL-terminated; an embedded NUL ends it as in C).</summary>
    public static bool Pton(int af, string text, Span<byte> address)
    {
        byte[] utf8 = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, utf8);
        fixed (byte* src = utf8)
        fixed (byte* dst = address)
            return inet_pton(af, src, dst) == 1;
    }

    /// <summary>inet_pton on NUL-terminated text already in memory.</summary>
    public static bool Pton(int af, byte* text, byte* address) => inet_pton(af, text, address) == 1;

    public static bool Aton(string text, out uint hostOrder)
    {
        byte[] utf8 = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, utf8);
        byte* addr = stackalloc byte[4];
        fixed (byte* src = utf8)
        {
            bool ok = inet_aton(src, addr) != 0;
            hostOrder = (uint)(addr[0] << 24 | addr[1] << 16 | addr[2] << 8 | addr[3]);
            return ok;
        }
    }

    public static string Ntop(int af, ReadOnlySpan<byte> address)
    {
        byte* dst = stackalloc byte[64];
        fixed (byte* src = address)
        {
            byte* r = inet_ntop(af, src, dst, 64);
            if (r == null)
                throw new InvalidOperationException("inet_ntop failed");
            return Marshal.PtrToStringUTF8((IntPtr)r)!;
        }
    }

    /// <summary>inet_ntop into a caller buffer, for benchmarks: returns the length.</summary>
    public static int Ntop(int af, byte* address, byte* dst, int size)
    {
        byte* r = inet_ntop(af, address, dst, (uint)size);
        return r == null ? -1 : new ReadOnlySpan<byte>(r, size).IndexOf((byte)0);
    }
}
