// The address parsers and formatters, written once for UTF-16 and UTF-8/ASCII input.
//
// This file is compiled into the runtime (net8.0) and linked into the analyzers (netstandard2.0),
// which run the same parsers on constant strings at compile time: it must use nothing beyond
// netstandard2.0 + System.Memory. The public API over it is Inet, InAddr and In6Addr.
//
// Each routine follows the kernel function named in its comment step for step (net/core/utils.c,
// lib/vsprintf.c), so that every quirk of the kernel's behaviour is reproduced, not just its
// happy path. docs/addresses.md lists the quirks.
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KernelStructs;

/// <summary>Kernel address parsing and formatting over <see cref="char"/> or <see cref="byte"/> spans.</summary>
internal static class InetCore
{
    /// <summary><c>delim == -1</c> in in4_pton/in6_pton: any character that cannot continue the address ends it.</summary>
    public const int NoDelimiter = -1;

    /// <summary><c>sizeof("255.255.255.255") - 1</c>.</summary>
    public const int MaxIPv4Length = 15;

    /// <summary><c>sizeof("xxxx:xxxx:xxxx:xxxx:xxxx:xxxx:255.255.255.255") - 1</c>, the buffer %pI6c formats into.</summary>
    public const int MaxIPv6Length = 45;

    // ---- reading and writing one code unit ----------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int At<T>(ReadOnlySpan<T> s, int i) where T : unmanaged
        => typeof(T) == typeof(byte)
            ? Unsafe.As<T, byte>(ref Unsafe.AsRef(in s[i]))
            : Unsafe.As<T, char>(ref Unsafe.AsRef(in s[i]));

    /// <summary>Writes without a bounds check: the formatters check the destination's length once, up front.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put<T>(Span<T> d, int i, int c) where T : unmanaged
    {
        ref T at = ref Unsafe.Add(ref MemoryMarshal.GetReference(d), i);
        if (typeof(T) == typeof(byte))
            Unsafe.As<T, byte>(ref at) = (byte)c;
        else
            Unsafe.As<T, char>(ref at) = (char)c;
    }

    // ---- in_aton ------------------------------------------------------------------------------

    /// <summary>
    /// net/core/utils.c <c>in_aton</c>: the address in host order (a.b.c.d = a &lt;&lt; 24 | ... | d).
    /// The end of <paramref name="s"/> reads as the C string's NUL. A <see cref="char"/> beyond ASCII
    /// is read as the bytes of its UTF-8 encoding (a lone surrogate as U+FFFD), as the kernel would see it.
    /// </summary>
    public static uint InAton<T>(ReadOnlySpan<T> s) where T : unmanaged
    {
        uint l = 0;
        int p = 0;
        for (int octet = 0; octet < 4; octet++)
        {
            l <<= 8;
            if (p < s.Length && At(s, p) != 0)
            {
                // Every character up to NUL, '.' or '\n' is a "digit": val = val * 10 + (c - '0'),
                // in unsigned 32-bit arithmetic, whatever c is.
                uint val = 0;
                while (p < s.Length)
                {
                    int c = At(s, p);
                    if (c == 0 || c == '.' || c == '\n')
                        break;
                    if (c < 0x80)
                    {
                        val = unchecked(val * 10 + (uint)(c - '0'));
                    }
                    else
                    {
                        int codePoint = c;
                        if (c >= 0xD800 && c <= 0xDFFF)
                        {
                            int next = p + 1 < s.Length ? At(s, p + 1) : 0;
                            if (c <= 0xDBFF && next >= 0xDC00 && next <= 0xDFFF)
                            {
                                codePoint = 0x10000 + ((c - 0xD800) << 10) + (next - 0xDC00);
                                p++;
                            }
                            else
                            {
                                codePoint = 0xFFFD;
                            }
                        }
                        val = typeof(T) == typeof(byte) ? unchecked(val * 10 + (uint)(c - '0')) : AccumulateUtf8(val, codePoint);
                    }
                    p++;
                }
                l |= val;
                if (p < s.Length && At(s, p) != 0)
                    p++; // skip the '.' or '\n'
            }
        }
        return l;
    }

    private static uint AccumulateUtf8(uint val, int codePoint)
    {
        unchecked
        {
            if (codePoint < 0x800)
            {
                val = val * 10 + (uint)((0xC0 | (codePoint >> 6)) - '0');
            }
            else
            {
                if (codePoint < 0x10000)
                {
                    val = val * 10 + (uint)((0xE0 | (codePoint >> 12)) - '0');
                }
                else
                {
                    val = val * 10 + (uint)((0xF0 | (codePoint >> 18)) - '0');
                    val = val * 10 + (uint)((0x80 | ((codePoint >> 12) & 0x3F)) - '0');
                }
                val = val * 10 + (uint)((0x80 | ((codePoint >> 6) & 0x3F)) - '0');
            }
            return val * 10 + (uint)((0x80 | (codePoint & 0x3F)) - '0');
        }
    }

    // ---- in4_pton / in6_pton ------------------------------------------------------------------

    // The classes xdigit2bin() sorts a character into; a parser state is the set of classes it accepts next.
    private const int XDigit = 0x00010000;
    private const int Digit = 0x00020000;
    private const int ColonMask = 0x00700000;
    private const int Colon1 = 0x00100000;   // a single ':' may come
    private const int Colon2 = 0x00200000;   // the second ':' of "::" may come
    private const int Colon12 = 0x00400000;  // "::" may start here
    private const int Dot = 0x00800000;
    private const int Delim = 0x10000000;
    private const int Null = 0x20000000;     // no group is pending (start, or right after "::")
    private const int Unknown = 0x40000000;

    /// <summary>net/core/utils.c <c>xdigit2bin</c>: the class of <paramref name="c"/>, with its hex value in the low bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Classify(int c, int delim)
    {
        if (c == delim || c == 0)
            return Delim;
        uint digit = (uint)(c - '0');
        if (digit <= 9)
            return (int)digit | XDigit | Digit;
        if (c == ':')
            return ColonMask;
        if (c == '.')
            return Dot;
        uint letter = (uint)((c | 0x20) - 'a');
        if (letter <= 5)
            return (int)letter + 10 | XDigit;
        return delim == NoDelimiter ? Delim : Unknown;
    }

    /// <summary>Throws unless <paramref name="delimiter"/> is -1 or an ASCII code (0..127).</summary>
    public static void CheckDelimiter(int delimiter)
    {
        if (delimiter < NoDelimiter || delimiter > 0x7F)
            throw new ArgumentOutOfRangeException(nameof(delimiter), delimiter, "The delimiter is -1 (none) or an ASCII character code (0 to 127).");
    }

    /// <summary>
    /// net/core/utils.c <c>in4_pton</c> with <c>srclen</c> = the span's length: the address in host order,
    /// and in <paramref name="end"/> the index where parsing stopped (the delimiter on success, the offending
    /// character on failure; the length when the input ran out).
    /// </summary>
    public static bool In4Pton<T>(ReadOnlySpan<T> src, int delim, out uint address, out int end) where T : unmanaged
    {
        if ((uint)(delim - '0') > 9 && delim != '.' && TryPlainIPv4(src, out address))
        {
            end = src.Length;
            return true;
        }
        return In4PtonKernel(src, delim, out address, out end);
    }

    /// <summary>
    /// The common case fast: the whole text is four octets of 1 to 3 digits, at most 255, with single dots,
    /// which in4_pton accepts with end = the length whatever the delimiter (unless it is a digit or a dot).
    /// Anything else returns false, and the caller runs the kernel's algorithm.
    /// </summary>
    private static bool TryPlainIPv4<T>(ReadOnlySpan<T> src, out uint address) where T : unmanaged
    {
        address = 0;
        int i = 0;
        int octets = 0;
        while (true)
        {
            uint value = 0;
            int start = i;
            while (i < src.Length)
            {
                uint digit = (uint)(At(src, i) - '0');
                if (digit > 9)
                    break;
                value = value * 10 + digit;
                i++;
            }
            if (i == start || i - start > 3 || value > 255)
                return false;
            address = (address << 8) | value;
            octets++;
            if (i == src.Length)
                return octets == 4;
            if (octets == 4 || At(src, i) != '.')
                return false;
            i++;
        }
    }

    private static bool In4PtonKernel<T>(ReadOnlySpan<T> src, int delim, out uint address, out int end) where T : unmanaged
    {
        address = 0;
        uint parsed = 0;
        int s = 0;
        int octets = 0;
        // w holds the octet's value in its low 16 bits and, above them, the class bits of every digit
        // read (times 10 per further digit): w == 0 means "no digit yet", so "0" is an octet and "" is not.
        int w = 0;
        while (true)
        {
            int c = Classify(s < src.Length ? At(src, s) : 0, delim);
            if ((c & (Digit | Dot | Delim | ColonMask)) == 0)
                break;
            if ((c & (Dot | Delim | ColonMask)) != 0)
            {
                if (w == 0)
                    break;
                parsed = (parsed << 8) | (uint)(w & 0xFF);
                w = 0;
                octets++;
                if ((c & (Delim | ColonMask)) != 0)
                {
                    if (octets != 4)
                        break;
                    address = parsed;
                    end = s;
                    return true;
                }
            }
            else
            {
                w = unchecked(w * 10 + c);
                if ((w & 0xFFFF) > 255)
                    break;
            }
            if (octets >= 4)
                break;
            s++;
        }
        end = s;
        return false;
    }

    /// <summary>
    /// net/core/utils.c <c>in6_pton</c> with <c>srclen</c> = the span's length: on success the 16 address
    /// bytes in <paramref name="dst"/> (left untouched on failure), and in <paramref name="end"/> the index
    /// where parsing stopped.
    /// </summary>
    public static bool In6Pton<T>(ReadOnlySpan<T> src, int delim, Span<byte> dst, out int end) where T : unmanaged
    {
        if (delim != ':' && (delim == NoDelimiter || HexValue(delim) < 0) && TryPlainIPv6(src, dst))
        {
            end = src.Length;
            return true;
        }
        return In6PtonKernel(src, delim, dst, out end);
    }

    private static int HexValue(int c)
    {
        uint digit = (uint)(c - '0');
        if (digit <= 9)
            return (int)digit;
        uint letter = (uint)((c | 0x20) - 'a');
        return letter <= 5 ? (int)letter + 10 : -1;
    }

    /// <summary>
    /// The common case fast: the whole text is hex groups of 1 to 4 digits separated by single colons,
    /// eight of them, or at most seven with one "::" — text in6_pton accepts with end = the length whatever
    /// the delimiter (unless it is a hex digit or a colon). Anything else (a dotted quad, leading zeros past
    /// four digits, a stray character) returns false, and the caller runs the kernel's algorithm.
    /// </summary>
    private static bool TryPlainIPv6<T>(ReadOnlySpan<T> src, Span<byte> dst) where T : unmanaged
    {
        Span<ushort> groups = stackalloc ushort[8];
        int n = 0;
        int gap = -1;
        int i = 0;
        int length = src.Length;
        if (length >= 2 && At(src, 0) == ':' && At(src, 1) == ':')
        {
            gap = 0;
            i = 2;
        }
        if (i < length)
        {
            while (true)
            {
                int value = 0;
                int start = i;
                while (i < length && i - start < 5)
                {
                    int h = HexValue(At(src, i));
                    if (h < 0)
                        break;
                    value = (value << 4) | h;
                    i++;
                }
                if (i == start || i - start > 4 || n == 8)
                    return false;
                groups[n++] = (ushort)value;
                if (i == length)
                    break;
                if (At(src, i) != ':')
                    return false;
                i++;
                if (i < length && At(src, i) == ':')
                {
                    if (gap >= 0)
                        return false;
                    gap = n;
                    i++;
                    if (i == length)
                        break;
                }
                else if (i == length)
                {
                    return false;
                }
            }
        }
        if (gap < 0 ? n != 8 : n > 7)
            return false;

        dst.Clear();
        int tail = gap < 0 ? 0 : n - gap;
        int head = n - tail;
        for (int g = 0; g < head; g++)
        {
            dst[2 * g] = (byte)(groups[g] >> 8);
            dst[2 * g + 1] = (byte)groups[g];
        }
        for (int g = 0; g < tail; g++)
        {
            int at = 8 - tail + g;
            dst[2 * at] = (byte)(groups[head + g] >> 8);
            dst[2 * at + 1] = (byte)groups[head + g];
        }
        return true;
    }

    private static bool In6PtonKernel<T>(ReadOnlySpan<T> src, int delim, Span<byte> dst, out int end) where T : unmanaged
    {
        Span<byte> buf = stackalloc byte[16];
        buf.Clear();
        int tok = -1;       // start of the current group (for an embedded dotted quad)
        int compress = -1;  // where "::" was, as an index into buf
        int d = 0;          // next free byte of buf
        int state = Colon12 | XDigit | Null;
        int w = 0;
        int s = 0;

        while (true)
        {
            int c = Classify(s < src.Length ? At(src, s) : 0, delim);
            if ((c & state) == 0)
            {
                end = s;
                return false;
            }
            if ((c & (Delim | ColonMask)) != 0)
            {
                // A group ends.
                if ((state & Null) == 0)
                {
                    buf[d++] = (byte)(w >> 8);
                    buf[d++] = (byte)w;
                }
                w = 0;
                if ((c & Delim) != 0)
                    break;
                switch (state & ColonMask)
                {
                    case Colon2:
                        compress = d;
                        state = XDigit | Delim;
                        if (compress >= 16)
                            state |= Null;
                        break;
                    case Colon1 | Colon12:
                        state = XDigit | Colon2;
                        break;
                    case Colon1:
                        state = XDigit;
                        break;
                    case Colon12:
                        state = Colon2;
                        break;
                    default:
                        state = 0;
                        break;
                }
                tok = s + 1;
            }
            else if ((c & Dot) != 0)
            {
                // The group read so far starts a dotted quad: parse it again as decimal from tok.
                int from = tok >= 0 ? tok : s;
                if (!In4Pton(src.Slice(from), delim, out uint v4, out int end4))
                {
                    end = from + end4;
                    return false;
                }
                s = from + end4;
                buf[d++] = (byte)(v4 >> 24);
                buf[d++] = (byte)(v4 >> 16);
                buf[d++] = (byte)(v4 >> 8);
                buf[d++] = (byte)v4;
                break;
            }
            else
            {
                w = (w << 4) | (c & 0xFF);
                state = Colon1 | Delim;
                if ((w & 0xF000) == 0)
                    state |= XDigit; // another digit fits: leading zeros are not counted
                if (compress < 0 && d + 2 < 16)
                {
                    state |= Colon12;
                    state &= ~Delim;
                }
                if (d + 2 >= 16)
                    state &= ~(Colon1 | Colon12);
            }

            if ((compress >= 0 && d + 4 < 16) || d + 4 == 16)
                state |= Dot;
            if (d >= 16)
                state &= ~(XDigit | ColonMask);
            s++;
        }

        if (compress >= 0)
        {
            // Groups after "::" go to the end; the gap between is zeros.
            int tail = d - compress;
            dst.Slice(0, compress).Clear();
            buf.Slice(0, compress).CopyTo(dst);
            dst.Slice(compress, 16 - compress - tail).Clear();
            buf.Slice(compress, tail).CopyTo(dst.Slice(16 - tail));
        }
        else
        {
            buf.CopyTo(dst);
        }
        end = s;
        return true;
    }

    // ---- %pI4 / %pI6c ---------------------------------------------------------------------------

    /// <summary>lib/vsprintf.c <c>ip4_string</c> for %pI4: dotted decimal, no leading zeros.</summary>
    public static bool FormatIPv4<T>(uint address, Span<T> dst, out int written) where T : unmanaged
    {
        written = 0;
        if (dst.Length < MaxIPv4Length && dst.Length < IPv4Length(address))
            return false;
        int p = 0;
        for (int shift = 24; shift >= 0; shift -= 8)
        {
            p = PutDecimal(dst, p, (address >> shift) & 0xFF);
            if (shift != 0)
                Put(dst, p++, '.');
        }
        written = p;
        return true;
    }

    private static int IPv4Length(uint address)
    {
        int n = 3;
        for (int shift = 24; shift >= 0; shift -= 8)
        {
            uint b = (address >> shift) & 0xFF;
            n += b >= 100 ? 3 : b >= 10 ? 2 : 1;
        }
        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PutDecimal<T>(Span<T> dst, int p, uint b) where T : unmanaged
    {
        if (b >= 100)
        {
            Put(dst, p++, (int)('0' + b / 100));
            b %= 100;
            Put(dst, p++, (int)('0' + b / 10));
        }
        else if (b >= 10)
        {
            Put(dst, p++, (int)('0' + b / 10));
        }
        Put(dst, p++, (int)('0' + b % 10));
        return p;
    }

    /// <summary>
    /// lib/vsprintf.c <c>ip6_compressed_string</c> for %pI6c: RFC 5952 text (lowercase, no leading zeros,
    /// the first longest run of two or more zero groups as "::"), with the last 32 bits as a dotted quad
    /// for IPv4-mapped (::ffff:0:0/96) and ISATAP (interface id 0000:5efe or 0200:5efe) addresses.
    /// </summary>
    public static bool FormatIPv6<T>(ReadOnlySpan<byte> a, Span<T> dst, out int written) where T : unmanaged
    {
        if (dst.Length >= MaxIPv6Length)
        {
            written = WriteIPv6(a, dst);
            return true;
        }
        Span<byte> tmp = stackalloc byte[MaxIPv6Length];
        int n = WriteIPv6(a, tmp);
        if (n > dst.Length)
        {
            written = 0;
            return false;
        }
        for (int i = 0; i < n; i++)
            Put(dst, i, tmp[i]);
        written = n;
        return true;
    }

    /// <summary>ipv6_addr_v4mapped: ::ffff:a.b.c.d.</summary>
    public static bool IsV4Mapped(ReadOnlySpan<byte> a)
        => a[0] == 0 && a[1] == 0 && a[2] == 0 && a[3] == 0 && a[4] == 0 && a[5] == 0 && a[6] == 0 && a[7] == 0
        && a[8] == 0 && a[9] == 0 && a[10] == 0xFF && a[11] == 0xFF;

    /// <summary>ipv6_addr_is_isatap: bytes 8..11 are 00 00 5e fe or 02 00 5e fe, whatever the prefix.</summary>
    public static bool IsIsatap(ReadOnlySpan<byte> a)
        => (a[8] | 0x02) == 0x02 && a[9] == 0 && a[10] == 0x5E && a[11] == 0xFE;

    private static int WriteIPv6<T>(ReadOnlySpan<byte> a, Span<T> dst) where T : unmanaged
    {
        bool useIPv4 = IsV4Mapped(a) || IsIsatap(a);
        int range = useIPv4 ? 6 : 8;

        // The first longest run of zero groups, if longer than one group.
        int longest = 1;
        int colonPos = -1;
        for (int i = 0; i < range; i++)
        {
            int run = 0;
            for (int j = i; j < range && a[2 * j] == 0 && a[2 * j + 1] == 0; j++)
                run++;
            if (run > longest)
            {
                longest = run;
                colonPos = i;
            }
        }

        int p = 0;
        bool needColon = false;
        for (int i = 0; i < range; i++)
        {
            if (i == colonPos)
            {
                if (needColon || i == 0)
                    Put(dst, p++, ':');
                Put(dst, p++, ':');
                needColon = false;
                i += longest - 1;
                continue;
            }
            if (needColon)
                Put(dst, p++, ':');
            int hi = a[2 * i];
            int lo = a[2 * i + 1];
            if (hi != 0)
            {
                if (hi > 0x0F)
                    Put(dst, p++, Hex(hi >> 4));
                Put(dst, p++, Hex(hi & 0xF));
                Put(dst, p++, Hex(lo >> 4));
            }
            else if (lo > 0x0F)
            {
                Put(dst, p++, Hex(lo >> 4));
            }
            Put(dst, p++, Hex(lo & 0xF));
            needColon = true;
        }

        if (useIPv4)
        {
            if (needColon)
                Put(dst, p++, ':');
            for (int i = 12; i < 16; i++)
            {
                p = PutDecimal(dst, p, a[i]);
                if (i != 15)
                    Put(dst, p++, '.');
            }
        }
        return p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hex(int nibble) => nibble < 10 ? '0' + nibble : 'a' - 10 + nibble;
}
