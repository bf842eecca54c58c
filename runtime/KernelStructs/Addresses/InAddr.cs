using System;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace KernelStructs;

/// <summary>
/// <c>struct in_addr { __be32 s_addr; }</c> from <c>linux/in.h</c>: an IPv4 address in network byte order,
/// formatted as the kernel's <c>%pI4</c> (dotted decimal, no leading zeros).
/// </summary>
/// <remarks>
/// Converts implicitly to and from <see cref="Be32"/> (the same 4 bytes). Parse with
/// <see cref="Inet.In4Pton(ReadOnlySpan{char}, int, out Be32, out int)"/> or <see cref="Inet.InAton(ReadOnlySpan{char})"/>;
/// convert with <see cref="ToIPAddress"/> and <see cref="FromIPAddress"/>.
/// </remarks>
[KernelStruct("struct in_addr", Header = "linux/in.h")]
[StructLayout(LayoutKind.Sequential)]
public partial struct InAddr : IEquatable<InAddr>, ISpanFormattable, IUtf8SpanFormattable
{
    /// <summary>The longest <c>%pI4</c> text: <c>"255.255.255.255"</c>, 15 characters.</summary>
    public const int MaxFormattedLength = InetCore.MaxIPv4Length;

    /// <summary>The address, network byte order.</summary>
    public Be32 s_addr;

    /// <summary>Wraps an address in network byte order.</summary>
    public InAddr(Be32 s_addr) => this.s_addr = s_addr;

    /// <summary>The address a.b.c.d from its four octets.</summary>
    public InAddr(byte a, byte b, byte c, byte d) => s_addr = new Be32((uint)(a << 24 | b << 16 | c << 8 | d));

    /// <summary>The same bits as a <see cref="Be32"/>.</summary>
    public static implicit operator Be32(InAddr address) => address.s_addr;

    /// <summary>The same bits as an <see cref="InAddr"/>.</summary>
    public static implicit operator InAddr(Be32 address) => new(address);

    /// <summary>A new <see cref="IPAddress"/> (family <see cref="AddressFamily.InterNetwork"/>) for this address.</summary>
    public readonly IPAddress ToIPAddress() => new((long)s_addr.Raw);

    /// <summary>The address of an IPv4 <see cref="IPAddress"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not IPv4 (for an IPv4-mapped IPv6 address,
    /// call <see cref="IPAddress.MapToIPv4"/> first, or use <see cref="In6Addr"/>).</exception>
    public static InAddr FromIPAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetwork)
            throw new ArgumentException($"{address} is not an IPv4 address (its family is {address.AddressFamily}).", nameof(address));
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return new InAddr(Be32.Read(bytes));
    }

    /// <summary>Formats the address as <c>%pI4</c> into <paramref name="destination"/>.</summary>
    /// <returns><see langword="false"/> when it does not fit (at most <see cref="MaxFormattedLength"/> characters).</returns>
    public readonly bool TryFormat(Span<char> destination, out int charsWritten)
        => InetCore.FormatIPv4(s_addr.Value, destination, out charsWritten);

    /// <summary>Formats the address as <c>%pI4</c> into <paramref name="utf8Destination"/> (ASCII).</summary>
    /// <returns><see langword="false"/> when it does not fit (at most <see cref="MaxFormattedLength"/> bytes).</returns>
    public readonly bool TryFormat(Span<byte> utf8Destination, out int bytesWritten)
        => InetCore.FormatIPv4(s_addr.Value, utf8Destination, out bytesWritten);

    /// <summary>Formats the address as <c>%pI4</c>; the only format is the empty one.</summary>
    /// <exception cref="FormatException"><paramref name="format"/> is not empty.</exception>
    public readonly bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        Formats.CheckEmpty(format);
        return TryFormat(destination, out charsWritten);
    }

    /// <summary>Formats the address as <c>%pI4</c>; the only format is the empty one.</summary>
    /// <exception cref="FormatException"><paramref name="format"/> is not empty.</exception>
    public readonly bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        Formats.CheckEmpty(format);
        return TryFormat(utf8Destination, out bytesWritten);
    }

    /// <summary>The address as the kernel's <c>%pI4</c> prints it: <c>"192.0.2.1"</c>.</summary>
    public override readonly string ToString()
    {
        Span<char> text = stackalloc char[MaxFormattedLength];
        TryFormat(text, out int n);
        return new string(text[..n]);
    }

    /// <summary>The address as <c>%pI4</c>; the only format is the empty one.</summary>
    /// <exception cref="FormatException"><paramref name="format"/> is neither null nor empty.</exception>
    public readonly string ToString(string? format, IFormatProvider? formatProvider)
    {
        Formats.CheckEmpty(format);
        return ToString();
    }

    /// <inheritdoc/>
    public readonly bool Equals(InAddr other) => s_addr == other.s_addr;

    /// <inheritdoc/>
    public override readonly bool Equals([NotNullWhen(true)] object? obj) => obj is InAddr other && Equals(other);

    /// <inheritdoc/>
    public override readonly int GetHashCode() => s_addr.GetHashCode();

    /// <summary>Equal when the addresses are equal.</summary>
    public static bool operator ==(InAddr left, InAddr right) => left.Equals(right);

    /// <summary>Different when the addresses differ.</summary>
    public static bool operator !=(InAddr left, InAddr right) => !left.Equals(right);
}

internal static class Formats
{
    public static void CheckEmpty(ReadOnlySpan<char> format)
    {
        if (!format.IsEmpty)
            throw new FormatException($"Addresses have one format, the kernel's; the format string must be empty, not \"{format.ToString()}\".");
    }
}
