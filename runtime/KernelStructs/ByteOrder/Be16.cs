using System;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;

namespace KernelStructs;

/// <summary>
/// A big-endian (network order) 16-bit integer (the kernel's <c>__be16</c>): stored in big-endian byte order, read and
/// written in host order through <see cref="Value"/>. Same size and alignment as <c>ushort</c>.
/// </summary>
/// <remarks>
/// Byte order lives in the type, so a host-order value cannot be stored into a __be16 field by mistake:
/// write <c>new Be16(x)</c> or <c>(Be16)x</c>, read <c>.Value</c>. <see cref="Raw"/> is the stored bits
/// as the host sees them, for code that needs them unconverted.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Be16 : IEquatable<Be16>, IComparable<Be16>, ISpanFormattable
{
    private readonly ushort _raw;

    /// <summary>Stores <paramref name="value"/>, given in host order, in big-endian byte order.</summary>
    public Be16(ushort value) => _raw = Convert(value);

    /// <summary>The value in host order.</summary>
    public ushort Value => Convert(_raw);

    /// <summary>The stored bits, unconverted: big-endian byte order as the host reads them.</summary>
    public ushort Raw => _raw;

    /// <summary>Wraps bits that are already in big-endian byte order (e.g. read from a kernel buffer).</summary>
    public static Be16 FromRaw(ushort raw) => new(raw, isRaw: true);

    /// <summary>Reads a value stored in big-endian byte order from the first 2 bytes of <paramref name="source"/>.</summary>
    public static Be16 Read(ReadOnlySpan<byte> source) => FromRaw(MemoryMarshal.Read<ushort>(source));

    /// <summary>Writes the value in big-endian byte order into the first 2 bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination) => MemoryMarshal.Write(destination, in _raw);

    private Be16(ushort raw, bool isRaw)
    {
        _ = isRaw;
        _raw = raw;
    }

    /// <summary>Stores a host-order value in big-endian byte order.</summary>
    public static explicit operator Be16(ushort value) => new(value);

    /// <summary>The value in host order.</summary>
    public static explicit operator ushort(Be16 value) => value.Value;

    /// <inheritdoc/>
    public bool Equals(Be16 other) => _raw == other._raw;

    /// <inheritdoc/>
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is Be16 other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _raw.GetHashCode();

    /// <summary>Compares the host-order values.</summary>
    public int CompareTo(Be16 other) => Value.CompareTo(other.Value);

    /// <summary>The host-order value in decimal.</summary>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats the host-order value.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) => Value.ToString(format, formatProvider);

    /// <summary>Formats the host-order value into <paramref name="destination"/>.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
        => Value.TryFormat(destination, out charsWritten, format, provider);

    private static ushort Convert(ushort value) => BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value;

    /// <summary>Equal when the stored values are equal.</summary>
    public static bool operator ==(Be16 left, Be16 right) => left._raw == right._raw;

    /// <summary>Different when the stored values differ.</summary>
    public static bool operator !=(Be16 left, Be16 right) => left._raw != right._raw;
}
