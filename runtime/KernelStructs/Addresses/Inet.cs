using System;

namespace KernelStructs;

/// <summary>
/// The kernel's address parsers from <c>linux/inet.h</c> (net/core/utils.c), allocation-free over
/// UTF-16 (<see cref="ReadOnlySpan{T}"/> of <see cref="char"/>) and UTF-8/ASCII (<see cref="ReadOnlySpan{T}"/>
/// of <see cref="byte"/>) text, with the kernel's exact semantics, quirks included (docs/addresses.md).
/// </summary>
/// <remarks>
/// <para>
/// <see cref="InAton(ReadOnlySpan{char})"/> is the kernel's lenient <c>in_aton</c>: it never fails and reads
/// malformed text as some address. <see cref="In4Pton(ReadOnlySpan{char}, int, out Be32, out int)"/> and
/// <see cref="In6Pton(ReadOnlySpan{char}, int, out In6Addr, out int)"/> are the strict <c>in4_pton</c> and
/// <c>in6_pton</c>: they report failure and where parsing stopped. To format, see <see cref="InAddr"/>
/// (<c>%pI4</c>) and <see cref="In6Addr"/> (<c>%pI6c</c>).
/// </para>
/// <para>
/// The span's length is the C functions' <c>srclen</c>; its end reads as the C string's terminating NUL,
/// and a NUL inside the span ends the text as it would in C. A <see cref="char"/> beyond ASCII reads as the
/// bytes of its UTF-8 encoding, so the <see cref="char"/> and <see cref="byte"/> overloads agree.
/// Analyzer KS3001 reports a constant string that the strict parsers reject; KS3002 one that
/// <c>in_aton</c> misreads.
/// </para>
/// </remarks>
public static class Inet
{
    /// <summary>
    /// The <c>delim</c> argument -1: no delimiter. Parsing stops at the first character that cannot
    /// continue the address, and that character counts as the end (so <c>"1.2.3.4x"</c> parses, with
    /// <c>end</c> = 7).
    /// </summary>
    public const int NoDelimiter = InetCore.NoDelimiter;

    /// <summary>
    /// The kernel's <c>in_aton</c>: reads dotted-decimal IPv4 text without any validation.
    /// </summary>
    /// <remarks>
    /// Exactly as net/core/utils.c does it:
    /// <list type="bullet">
    /// <item>Four octets are read; each runs up to the next <c>'.'</c>, <c>'\n'</c> or the end, and that one
    /// separator is skipped. A newline therefore separates octets like a dot (<c>"1\n2\n3\n4"</c> is 1.2.3.4)
    /// and a trailing newline is harmless.</item>
    /// <item>Every character of an octet counts as a digit worth <c>c - '0'</c>: <c>value = value * 10 + (c - '0')</c>
    /// in unsigned 32-bit arithmetic. Letters, spaces, signs and colons are not rejected but read as
    /// digits (<c>"1.2.3.4x"</c> is 1.2.3.112, since 'x' - '0' = 72).</item>
    /// <item>An octet is not range-checked: its value is OR-ed into the low bits after the earlier octets are
    /// shifted left by 8, so the bits above 8 spill into the octets before it (<c>"10.0.0.256"</c> is 10.0.1.0).</item>
    /// <item>When the text ends early the missing octets are 0 at the end (<c>"1.2.3"</c> is 1.2.3.0,
    /// <c>""</c> is 0.0.0.0); an empty octet is 0 (<c>"1..3.4"</c> is 1.0.3.4).</item>
    /// <item>Text after the fourth octet's separator is ignored (<c>"1.2.3.4.5"</c> is 1.2.3.4).</item>
    /// <item>Leading zeros are decimal, not octal as in <c>inet_aton(3)</c>: <c>"010.0.0.1"</c> is 10.0.0.1.</item>
    /// </list>
    /// </remarks>
    /// <param name="text">The text; its end (or a NUL) ends it.</param>
    /// <returns>The address in network byte order, as the kernel's <c>__be32</c>.</returns>
    public static Be32 InAton(ReadOnlySpan<char> text) => new(InetCore.InAton(text));

    /// <inheritdoc cref="InAton(ReadOnlySpan{char})"/>
    public static Be32 InAton(ReadOnlySpan<byte> text) => new(InetCore.InAton(text));

    /// <summary>
    /// The kernel's <c>in4_pton</c>: parses a dotted-decimal IPv4 address strictly.
    /// </summary>
    /// <remarks>
    /// Exactly four decimal octets of at most 255, separated by single dots, then the end of the address:
    /// <paramref name="delimiter"/>, a NUL, the end of <paramref name="text"/> or a <c>':'</c> (a colon always
    /// ends the address, so <c>"1.2.3.4:80"</c> succeeds with <paramref name="end"/> = 7). With
    /// <see cref="NoDelimiter"/> any other character that is not a digit or dot ends it as well. Leading
    /// zeros are accepted, any number of them, and read as decimal (<c>"001.2.3.4"</c> is 1.2.3.4);
    /// <c>inet_pton(3)</c> rejects them. To require the whole text, check <c>end == text.Length</c>.
    /// </remarks>
    /// <param name="text">The text (the C <c>src</c>, with <c>srclen</c> = its length).</param>
    /// <param name="delimiter">The character that ends the address: an ASCII code, <c>0</c> for none but the
    /// end of the text, or <see cref="NoDelimiter"/>.</param>
    /// <param name="address">The address on success; default otherwise.</param>
    /// <param name="end">The index where parsing stopped: the delimiter on success, the offending character
    /// on failure, <c>text.Length</c> when the text ran out.</param>
    /// <returns><see langword="true"/> when an address was read.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delimiter"/> is neither -1 nor 0 to 127.</exception>
    public static bool In4Pton(ReadOnlySpan<char> text, int delimiter, out Be32 address, out int end)
    {
        InetCore.CheckDelimiter(delimiter);
        bool ok = InetCore.In4Pton(text, delimiter, out uint value, out end);
        address = new Be32(value);
        return ok;
    }

    /// <inheritdoc cref="In4Pton(ReadOnlySpan{char}, int, out Be32, out int)"/>
    public static bool In4Pton(ReadOnlySpan<byte> text, int delimiter, out Be32 address, out int end)
    {
        InetCore.CheckDelimiter(delimiter);
        bool ok = InetCore.In4Pton(text, delimiter, out uint value, out end);
        address = new Be32(value);
        return ok;
    }

    /// <summary>
    /// The kernel's <c>in6_pton</c>: parses an IPv6 address strictly.
    /// </summary>
    /// <remarks>
    /// Up to eight groups of hex digits (either case) separated by <c>':'</c>, at most one <c>"::"</c> for a run of
    /// zero groups, and an optional dotted quad (parsed by <c>in4_pton</c>) for the last 32 bits, then the end of
    /// the address as for <see cref="In4Pton(ReadOnlySpan{char}, int, out Be32, out int)"/>. Where it differs
    /// from <c>inet_pton(3)</c>:
    /// <list type="bullet">
    /// <item>a group may have any number of leading zeros as long as its value fits 16 bits (<c>"::00001"</c>),
    /// and the octets of the dotted quad any number of leading zeros (<c>"::ffff:01.2.3.4"</c>);</item>
    /// <item>the dotted quad ends at a <c>':'</c> like any delimiter (<c>"::1.2.3.4:5"</c> succeeds with
    /// <paramref name="end"/> at the colon).</item>
    /// </list>
    /// </remarks>
    /// <param name="text">The text (the C <c>src</c>, with <c>srclen</c> = its length).</param>
    /// <param name="delimiter">The character that ends the address: an ASCII code, <c>0</c> for none but the
    /// end of the text, or <see cref="NoDelimiter"/>.</param>
    /// <param name="address">The address on success; default (::) otherwise.</param>
    /// <param name="end">The index where parsing stopped: the delimiter on success, the offending character
    /// on failure, <c>text.Length</c> when the text ran out.</param>
    /// <returns><see langword="true"/> when an address was read.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delimiter"/> is neither -1 nor 0 to 127.</exception>
    public static bool In6Pton(ReadOnlySpan<char> text, int delimiter, out In6Addr address, out int end)
    {
        InetCore.CheckDelimiter(delimiter);
        address = default;
        return InetCore.In6Pton(text, delimiter, address.Bytes, out end);
    }

    /// <inheritdoc cref="In6Pton(ReadOnlySpan{char}, int, out In6Addr, out int)"/>
    public static bool In6Pton(ReadOnlySpan<byte> text, int delimiter, out In6Addr address, out int end)
    {
        InetCore.CheckDelimiter(delimiter);
        address = default;
        return InetCore.In6Pton(text, delimiter, address.Bytes, out end);
    }
}
