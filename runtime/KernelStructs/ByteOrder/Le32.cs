using System;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;

namespace KernelStructs;

/// <summary>
/// A little-endian 32-bit integer (the kernel's <c>__le32</c>): stored in little-endian byte order, read and
/// written in host order through <see cref="Value"/>. Same size and alignment as <c>uint</c>.
/// </summary>
/// <remarks>
/// Byte order lives in the type, so a host-order value cannot be stored into a __le32 field by mistake:
/// write <c>new Le32(x)</c> or <c>(Le32)x</c>, read <c>.Value</c>. <see cref="Raw"/> is the stored bits
/// as the host sees them, for code that needs them unconverted.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Le32 : IEquatable<Le32>, IComparable<Le32>, ISpanFormattable
{
    private readonly uint _raw;

    /// <summary>Stores <paramref name="value"/>, given in host order, in little-endian byte order.</summary>
    public Le32(uint value) => _raw = Convert(value);

    /// <summary>The value in host order.</summary>
    public uint Value => Convert(_raw);

    /// <summary>The stored bits, unconverted: little-endian byte order as the host reads them.</summary>
    public uint Raw => _raw;

    /// <summary>Wraps bits that are already in little-endian byte order (e.g. read from a kernel buffer).</summary>
    public static Le32 FromRaw(uint raw) => new(raw, isRaw: true);

    /// <summary>Reads a value stored in little-endian byte order from the first 4 bytes of <paramref name="source"/>.</summary>
    public static Le32 Read(ReadOnlySpan<byte> source) => FromRaw(MemoryMarshal.Read<uint>(source));

    /// <summary>Writes the value in little-endian byte order into the first 4 bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination) => MemoryMarshal.Write(destination, in _raw);

    private Le32(uint raw, bool isRaw)
    {
        _ = isRaw;
        _raw = raw;
    }

    /// <summary>Stores a host-order value in little-endian byte order.</summary>
    public static explicit operator Le32(uint value) => new(value);

    /// <summary>The value in host order.</summary>
    public static explicit operator uint(Le32 value) => value.Value;

    /// <inheritdoc/>
    public bool Equals(Le32 other) => _raw == other._raw;

    /// <inheritdoc/>
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is Le32 other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _raw.GetHashCode();

    /// <summary>Compares the host-order values.</summary>
    public int CompareTo(Le32 other) => Value.CompareTo(other.Value);

    /// <summary>The host-order value in decimal.</summary>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats the host-order value.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) => Value.ToString(format, formatProvider);

    /// <summary>Formats the host-order value into <paramref name="destination"/>.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
        => Value.TryFormat(destination, out charsWritten, format, provider);

    private static uint Convert(uint value) => !BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value;

    /// <summary>Equal when the stored values are equal.</summary>
    public static bool operator ==(Le32 left, Le32 right) => left._raw == right._raw;

    /// <summary>Different when the stored values differ.</summary>
    public static bool operator !=(Le32 left, Le32 right) => left._raw != right._raw;
}
