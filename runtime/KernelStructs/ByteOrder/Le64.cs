using System;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;

namespace KernelStructs;

/// <summary>
/// A little-endian 64-bit integer (the kernel's <c>__le64</c>): stored in little-endian byte order, read and
/// written in host order through <see cref="Value"/>. Same size and alignment as <c>ulong</c>.
/// </summary>
/// <remarks>
/// Byte order lives in the type, so a host-order value cannot be stored into a __le64 field by mistake:
/// write <c>new Le64(x)</c> or <c>(Le64)x</c>, read <c>.Value</c>. <see cref="Raw"/> is the stored bits
/// as the host sees them, for code that needs them unconverted.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Le64 : IEquatable<Le64>, IComparable<Le64>, ISpanFormattable
{
    private readonly ulong _raw;

    /// <summary>Stores <paramref name="value"/>, given in host order, in little-endian byte order.</summary>
    public Le64(ulong value) => _raw = Convert(value);

    /// <summary>The value in host order.</summary>
    public ulong Value => Convert(_raw);

    /// <summary>The stored bits, unconverted: little-endian byte order as the host reads them.</summary>
    public ulong Raw => _raw;

    /// <summary>Wraps bits that are already in little-endian byte order (e.g. read from a kernel buffer).</summary>
    public static Le64 FromRaw(ulong raw) => new(raw, isRaw: true);

    /// <summary>Reads a value stored in little-endian byte order from the first 8 bytes of <paramref name="source"/>.</summary>
    public static Le64 Read(ReadOnlySpan<byte> source) => FromRaw(MemoryMarshal.Read<ulong>(source));

    /// <summary>Writes the value in little-endian byte order into the first 8 bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination) => MemoryMarshal.Write(destination, in _raw);

    private Le64(ulong raw, bool isRaw)
    {
        _ = isRaw;
        _raw = raw;
    }

    /// <summary>Stores a host-order value in little-endian byte order.</summary>
    public static explicit operator Le64(ulong value) => new(value);

    /// <summary>The value in host order.</summary>
    public static explicit operator ulong(Le64 value) => value.Value;

    /// <inheritdoc/>
    public bool Equals(Le64 other) => _raw == other._raw;

    /// <inheritdoc/>
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is Le64 other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _raw.GetHashCode();

    /// <summary>Compares the host-order values.</summary>
    public int CompareTo(Le64 other) => Value.CompareTo(other.Value);

    /// <summary>The host-order value in decimal.</summary>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats the host-order value.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) => Value.ToString(format, formatProvider);

    /// <summary>Formats the host-order value into <paramref name="destination"/>.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
        => Value.TryFormat(destination, out charsWritten, format, provider);

    private static ulong Convert(ulong value) => !BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value;

    /// <summary>Equal when the stored values are equal.</summary>
    public static bool operator ==(Le64 left, Le64 right) => left._raw == right._raw;

    /// <summary>Different when the stored values differ.</summary>
    public static bool operator !=(Le64 left, Le64 right) => left._raw != right._raw;
}
