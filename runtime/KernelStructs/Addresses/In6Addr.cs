using System;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace KernelStructs;

/// <summary>
/// <c>struct in6_addr</c> from <c>linux/in6.h</c>: an IPv6 address, 16 bytes in network order, formatted as
/// the kernel's <c>%pI6c</c> (RFC 5952 compressed; see <see cref="ToString()"/>).
/// </summary>
/// <remarks>
/// In C, <c>s6_addr</c> is a macro for the byte view of the union <c>in6_u</c>, whose <c>__be32</c> view makes
/// the struct 4-byte aligned: <see cref="KernelStructAttribute.Alignment"/> says so. Parse with
/// <see cref="Inet.In6Pton(ReadOnlySpan{char}, int, out In6Addr, out int)"/>; convert with
/// <see cref="ToIPAddress(long)"/> and <see cref="FromIPAddress"/>.
/// </remarks>
[KernelStruct("struct in6_addr", Header = "linux/in6.h", Alignment = 4)]
[StructLayout(LayoutKind.Sequential)]
public unsafe partial struct In6Addr : IEquatable<In6Addr>, ISpanFormattable, IUtf8SpanFormattable
{
    /// <summary>
    /// The longest <c>%pI6c</c> text, 45 characters: the size of the kernel's buffer,
    /// <c>sizeof("xxxx:xxxx:xxxx:xxxx:xxxx:xxxx:255.255.255.255") - 1</c>.
    /// </summary>
    public const int MaxFormattedLength = InetCore.MaxIPv6Length;

    /// <summary>
    /// The address bytes, network order. C names them <c>s6_addr</c>, a macro for <c>in6_u.u6_addr8</c>: the field stands
    /// for the union member <c>in6_u</c> read as bytes, which is what verification checks it against.
    /// </summary>
    [CField("in6_u")]
    public fixed byte s6_addr[16];

    /// <summary>The address from its 16 bytes, network order.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not 16 bytes long.</exception>
    public In6Addr(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 16)
            throw new ArgumentException($"An IPv6 address is 16 bytes, not {bytes.Length}.", nameof(bytes));
        bytes.CopyTo(Bytes);
    }

    /// <summary>The 16 bytes, as a span over this struct.</summary>
    [UnscopedRef]
    internal Span<byte> Bytes => MemoryMarshal.CreateSpan(ref s6_addr[0], 16);

    /// <summary>The 16 bytes, as a read-only span over this struct.</summary>
    [UnscopedRef]
    internal readonly ReadOnlySpan<byte> ReadOnlyBytes => MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(in this, 1));

    /// <summary>Copies the 16 address bytes into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 16 bytes.</exception>
    public readonly void CopyTo(Span<byte> destination) => ReadOnlyBytes.CopyTo(destination);

    /// <summary><c>ipv6_addr_v4mapped</c>: the address is ::ffff:a.b.c.d.</summary>
    public readonly bool IsV4Mapped => InetCore.IsV4Mapped(ReadOnlyBytes);

    /// <summary>A new <see cref="IPAddress"/> (family <see cref="AddressFamily.InterNetworkV6"/>) for this address.</summary>
    /// <param name="scopeId">The scope (<c>sin6_scope_id</c>, an interface index); 0 for none.</param>
    public readonly IPAddress ToIPAddress(long scopeId = 0) => new(ReadOnlyBytes, scopeId);

    /// <summary>The address of an IPv6 <see cref="IPAddress"/> (its scope id is not part of <c>in6_addr</c>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not IPv6 (call <see cref="IPAddress.MapToIPv6"/>
    /// for the IPv4-mapped form, or use <see cref="InAddr"/>).</exception>
    public static In6Addr FromIPAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            throw new ArgumentException($"{address} is not an IPv6 address (its family is {address.AddressFamily}).", nameof(address));
        In6Addr result = default;
        address.TryWriteBytes(result.Bytes, out _);
        return result;
    }

    /// <summary>Formats the address as <c>%pI6c</c> into <paramref name="destination"/>.</summary>
    /// <returns><see langword="false"/> when it does not fit (at most <see cref="MaxFormattedLength"/> characters).</returns>
    public readonly bool TryFormat(Span<char> destination, out int charsWritten)
        => InetCore.FormatIPv6(ReadOnlyBytes, destination, out charsWritten);

    /// <summary>Formats the address as <c>%pI6c</c> into <paramref name="utf8Destination"/> (ASCII).</summary>
    /// <returns><see langword="false"/> when it does not fit (at most <see cref="MaxFormattedLength"/> bytes).</returns>
    public readonly bool TryFormat(Span<byte> utf8Destination, out int bytesWritten)
        => InetCore.FormatIPv6(ReadOnlyBytes, utf8Destination, out bytesWritten);

    /// <summary>Formats the address as <c>%pI6c</c>; the only format is the empty one.</summary>
    /// <exception cref="FormatException"><paramref name="format"/> is not empty.</exception>
    public readonly bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        Formats.CheckEmpty(format);
        return TryFormat(destination, out charsWritten);
    }

    /// <summary>Formats the address as <c>%pI6c</c>; the only format is the empty one.</summary>
    /// <exception cref="FormatException"><paramref name="format"/> is not empty.</exception>
    public readonly bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        Formats.CheckEmpty(format);
        return TryFormat(utf8Destination, out bytesWritten);
    }

    /// <summary>
    /// The address as the kernel's <c>%pI6c</c> prints it (lib/vsprintf.c <c>ip6_compressed_string</c>):
    /// lowercase hex groups without leading zeros; the first longest run of two or more zero groups as
    /// <c>"::"</c> (a single zero group stays <c>0</c>); and, for an IPv4-mapped address (<c>::ffff:a.b.c.d</c>)
    /// or an ISATAP one (interface id <c>0:5efe</c> or <c>200:5efe</c>, whatever the prefix), the last 32 bits
    /// as a dotted quad. Unlike <c>inet_ntop(3)</c>, an IPv4-compatible address such as <c>::102:304</c> is
    /// not written <c>::1.2.3.4</c>.
    /// </summary>
    public override readonly string ToString()
    {
        Span<char> text = stackalloc char[MaxFormattedLength];
        TryFormat(text, out int n);
        return new string(text[..n]);
    }

    /// <summary>The address as <c>%pI6c</c>; the only format is the empty one.</summary>
    /// <exception cref="FormatException"><paramref name="format"/> is neither null nor empty.</exception>
    public readonly string ToString(string? format, IFormatProvider? formatProvider)
    {
        Formats.CheckEmpty(format);
        return ToString();
    }

    /// <inheritdoc/>
    public readonly bool Equals(In6Addr other) => ReadOnlyBytes.SequenceEqual(other.ReadOnlyBytes);

    /// <inheritdoc/>
    public override readonly bool Equals([NotNullWhen(true)] object? obj) => obj is In6Addr other && Equals(other);

    /// <inheritdoc/>
    public override readonly int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(ReadOnlyBytes);
        return hash.ToHashCode();
    }

    /// <summary>Equal when the addresses are equal.</summary>
    public static bool operator ==(In6Addr left, In6Addr right) => left.Equals(right);

    /// <summary>Different when the addresses differ.</summary>
    public static bool operator !=(In6Addr left, In6Addr right) => !left.Equals(right);
}
