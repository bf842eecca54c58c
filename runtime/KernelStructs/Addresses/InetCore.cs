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
    //
    // The destination's length is checked once; after that no write is bounds-checked, and none goes past
    // the text's end. %pI4 puts its text together in registers, four ASCII bytes at a time (the first
    // character in the lowest byte), and stores it with unaligned 4-byte writes, or 8-byte writes of the
    // same four characters widened to UTF-16.

    /// <summary>
    /// Every octet as three zero-padded digits and a dot, four bytes each (<c>"000."</c> to <c>"255."</c>);
    /// an octet's text is its entry shifted past the leading zeros. Data in the assembly image: no allocation.
    /// </summary>
    private static ReadOnlySpan<byte> DottedOctets =>
        "000.001.002.003.004.005.006.007.008.009.010.011.012.013.014.015."u8 +
        "016.017.018.019.020.021.022.023.024.025.026.027.028.029.030.031."u8 +
        "032.033.034.035.036.037.038.039.040.041.042.043.044.045.046.047."u8 +
        "048.049.050.051.052.053.054.055.056.057.058.059.060.061.062.063."u8 +
        "064.065.066.067.068.069.070.071.072.073.074.075.076.077.078.079."u8 +
        "080.081.082.083.084.085.086.087.088.089.090.091.092.093.094.095."u8 +
        "096.097.098.099.100.101.102.103.104.105.106.107.108.109.110.111."u8 +
        "112.113.114.115.116.117.118.119.120.121.122.123.124.125.126.127."u8 +
        "128.129.130.131.132.133.134.135.136.137.138.139.140.141.142.143."u8 +
        "144.145.146.147.148.149.150.151.152.153.154.155.156.157.158.159."u8 +
        "160.161.162.163.164.165.166.167.168.169.170.171.172.173.174.175."u8 +
        "176.177.178.179.180.181.182.183.184.185.186.187.188.189.190.191."u8 +
        "192.193.194.195.196.197.198.199.200.201.202.203.204.205.206.207."u8 +
        "208.209.210.211.212.213.214.215.216.217.218.219.220.221.222.223."u8 +
        "224.225.226.227.228.229.230.231.232.233.234.235.236.237.238.239."u8 +
        "240.241.242.243.244.245.246.247.248.249.250.251.252.253.254.255."u8;

    /// <summary>Four little-endian bytes at <paramref name="at"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Load4(ref byte at)
    {
        uint x = Unsafe.ReadUnaligned<uint>(ref at);
        return BitConverter.IsLittleEndian ? x : ReverseEndianness(x);
    }

    private static uint ReverseEndianness(uint x)
        => (x >> 24) | ((x >> 8) & 0xFF00) | ((x << 8) & 0xFF0000) | (x << 24);

    /// <summary>Writes the four ASCII characters in <paramref name="text"/> (the first in the lowest byte) at <c>d[i]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store4<T>(ref T d, int i, uint text) where T : unmanaged
    {
        ref byte at = ref Unsafe.As<T, byte>(ref Unsafe.Add(ref d, i));
        if (!BitConverter.IsLittleEndian)
        {
            for (int k = 0; k < 4; k++, text >>= 8)
                Put(ref d, i + k, (byte)text);
        }
        else if (typeof(T) == typeof(byte))
        {
            Unsafe.WriteUnaligned(ref at, text);
        }
        else
        {
            // Each byte to the low half of a 16-bit lane.
            ulong wide = text;
            wide = (wide | (wide << 16)) & 0x0000FFFF0000FFFFUL;
            wide = (wide | (wide << 8)) & 0x00FF00FF00FF00FFUL;
            Unsafe.WriteUnaligned(ref at, wide);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put<T>(ref T d, int i, int c) where T : unmanaged
    {
        ref T at = ref Unsafe.Add(ref d, i);
        if (typeof(T) == typeof(byte))
            Unsafe.As<T, byte>(ref at) = (byte)c;
        else
            Unsafe.As<T, char>(ref at) = (char)c;
    }

    /// <summary>The zeros an octet's <see cref="DottedOctets"/> entry starts with: 2 below 10, 1 below 100, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int OctetPadding(uint octet) => (int)(((octet - 10) >> 31) + ((octet - 100) >> 31));

    /// <summary>The octet's digits and a dot in the low bytes (4 - <paramref name="padding"/> of them), zeros above.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint OctetText(uint octet, int padding)
        => Load4(ref Unsafe.Add(ref MemoryMarshal.GetReference(DottedOctets), (int)octet * 4)) >> (8 * padding);

    /// <summary>lib/vsprintf.c <c>ip4_string</c> for %pI4: dotted decimal, no leading zeros.</summary>
    public static bool FormatIPv4<T>(uint address, Span<T> dst, out int written) where T : unmanaged
    {
        if (dst.Length < MaxIPv4Length && dst.Length < IPv4Length(address))
        {
            written = 0;
            return false;
        }
        written = WriteIPv4(address, ref MemoryMarshal.GetReference(dst));
        return true;
    }

    private static int IPv4Length(uint address)
        => MaxIPv4Length - OctetPadding(address >> 24) - OctetPadding((address >> 16) & 0xFF)
           - OctetPadding((address >> 8) & 0xFF) - OctetPadding(address & 0xFF);

    /// <summary>Writes the %pI4 text of <paramref name="address"/> (7 to 15 characters) at <paramref name="d"/>; returns its length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteIPv4<T>(uint address, ref T d) where T : unmanaged
    {
        uint a = address >> 24, b = (address >> 16) & 0xFF, c = (address >> 8) & 0xFF, e = address & 0xFF;
        int pa = OctetPadding(a), pb = OctetPadding(b), pc = OctetPadding(c), pe = OctetPadding(e);

        // "a.b." : head bytes 0 .. m-1, m = 4 to 8.
        int la = 4 - pa;
        ulong head = OctetText(a, pa) | (ulong)OctetText(b, pb) << (8 * la);
        int m = la + 4 - pb;

        // ".c.e" from m - 1 (the dot that ends head again, then c, its dot and e without its dot): k = 4 to 8 bytes.
        int lc = 4 - pc;
        ulong tail = '.' | (ulong)OctetText(c, pc) << 8 | (ulong)OctetText(e, pe) << (8 * (lc + 1));
        int k = lc + 4 - pe;

        // Each part as two 4-byte stores, the second overlapping the first, ending exactly at the part's end.
        Store4(ref d, 0, (uint)head);
        Store4(ref d, m - 4, (uint)(head >> (8 * (m - 4))));
        Store4(ref d, m - 1, (uint)tail);
        Store4(ref d, m - 5 + k, (uint)(tail >> (8 * (k - 4))));
        return m - 1 + k;
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
            written = WriteIPv6(a, ref MemoryMarshal.GetReference(dst));
            return true;
        }
        Span<byte> text = stackalloc byte[MaxIPv6Length];
        int n = WriteIPv6(a, ref MemoryMarshal.GetReference(text));
        if (n > dst.Length)
        {
            written = 0;
            return false;
        }
        ref T d = ref MemoryMarshal.GetReference(dst);
        for (int i = 0; i < n; i++)
            Put(ref d, i, text[i]);
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

    /// <summary>Writes the %pI6c text of the 16 bytes <paramref name="a"/> at <paramref name="d"/> (room for 45); returns its length.</summary>
    private static int WriteIPv6<T>(ReadOnlySpan<byte> a, ref T d) where T : unmanaged
    {
        if (a.Length != 16)
            ThrowNot16Bytes(a.Length);
        ref byte s = ref MemoryMarshal.GetReference(a);
        bool useIPv4 = IsV4Mapped(a) || IsIsatap(a);
        int range = useIPv4 ? 6 : 8;

        // The first longest run of zero groups, if longer than one group.
        int longest = 1;
        int colonPos = -1;
        int run = 0;
        for (int i = 0; i < range; i++)
        {
            if ((Unsafe.Add(ref s, 2 * i) | Unsafe.Add(ref s, 2 * i + 1)) != 0)
            {
                run = 0;
            }
            else if (++run > longest)
            {
                longest = run;
                colonPos = i + 1 - run;
            }
        }

        int p = 0;
        bool needColon = false;
        for (int i = 0; i < range; i++)
        {
            if (i == colonPos)
            {
                if (needColon || i == 0)
                    Put(ref d, p++, ':');
                Put(ref d, p++, ':');
                needColon = false;
                i += longest - 1;
                continue;
            }
            if (needColon)
                Put(ref d, p++, ':');
            // Branches rather than arithmetic: for the addresses a program formats they are well predicted.
            int hi = Unsafe.Add(ref s, 2 * i);
            int lo = Unsafe.Add(ref s, 2 * i + 1);
            if (hi != 0)
            {
                if (hi > 0x0F)
                    Put(ref d, p++, Hex(hi >> 4));
                Put(ref d, p++, Hex(hi & 0xF));
                Put(ref d, p++, Hex(lo >> 4));
            }
            else if (lo > 0x0F)
            {
                Put(ref d, p++, Hex(lo >> 4));
            }
            Put(ref d, p++, Hex(lo & 0xF));
            needColon = true;
        }

        if (useIPv4)
        {
            if (needColon)
                Put(ref d, p++, ':');
            uint quad = (uint)(Unsafe.Add(ref s, 12) << 24 | Unsafe.Add(ref s, 13) << 16 | Unsafe.Add(ref s, 14) << 8 | Unsafe.Add(ref s, 15));
            p += WriteIPv4(quad, ref Unsafe.Add(ref d, p));
        }
        return p;
    }

    private static void ThrowNot16Bytes(int length)
        => throw new ArgumentException($"An IPv6 address is 16 bytes, not {length}.", "a");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hex(int nibble) => nibble < 10 ? '0' + nibble : 'a' - 10 + nibble;
}
