using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KernelStructs;

/// <summary>
/// The bodies of the views, copies and byte spans every generated mirror has (<c>FromSpan</c>, <c>Read</c>, <c>WriteTo</c>,
/// <c>AsBytes</c>, the flexible array's elements), written once. Each is generic over the mirror, so the JIT compiles
/// it for each struct as if its body were written there; generated code calls these instead of repeating them.
/// Not meant to be called directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StructBytes
{
    /// <summary>The first bytes of <paramref name="bytes"/> as a <typeparamref name="T"/>, after checking they hold <paramref name="sizeOf"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is shorter than the struct.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref T View<T>(Span<byte> bytes, int sizeOf, string cName)
        where T : struct
    {
        StructHelpers.CheckLength(bytes.Length, sizeOf, cName);
        return ref MemoryMarshal.AsRef<T>(bytes);
    }

    /// <summary>The first bytes of <paramref name="bytes"/> as a read-only <typeparamref name="T"/>, after checking they hold <paramref name="sizeOf"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is shorter than the struct.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref readonly T ReadOnlyView<T>(ReadOnlySpan<byte> bytes, int sizeOf, string cName)
        where T : struct
    {
        StructHelpers.CheckLength(bytes.Length, sizeOf, cName);
        return ref MemoryMarshal.AsRef<T>(bytes);
    }

    /// <summary>A copy of the <typeparamref name="T"/> in the first bytes of <paramref name="bytes"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is shorter than the struct.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Read<T>(ReadOnlySpan<byte> bytes, int sizeOf, string cName)
        where T : struct
    {
        StructHelpers.CheckLength(bytes.Length, sizeOf, cName);
        return MemoryMarshal.AsRef<T>(bytes);
    }

    /// <summary>Copies the bytes of <paramref name="value"/> into the start of <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than the struct.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write<T>(in T value, Span<byte> destination, int sizeOf, string cName)
        where T : struct
    {
        StructHelpers.CheckLength(destination.Length, sizeOf, cName);
        MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(in value, 1)).CopyTo(destination);
    }

    /// <summary>The memory of <paramref name="value"/> as bytes, without copying.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<byte> Of<T>(ref T value)
        where T : struct
        => MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref value, 1));

    /// <summary>The memory of <paramref name="value"/> as read-only bytes, without copying.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> OfReadOnly<T>(in T value)
        where T : struct
        => MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(in value, 1));

    /// <summary>The elements of a flexible array member at <paramref name="offset"/> that fit in <paramref name="buffer"/>, which holds the whole struct.</summary>
    /// <exception cref="ArgumentException"><paramref name="buffer"/> is shorter than the struct.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<TElement> Elements<TElement>(Span<byte> buffer, int sizeOf, int offset, string cName)
        where TElement : struct
    {
        StructHelpers.CheckLength(buffer.Length, sizeOf, cName);
        return MemoryMarshal.Cast<byte, TElement>(buffer.Slice(offset));
    }

    /// <summary>The elements of a flexible array member at <paramref name="offset"/> that fit in <paramref name="buffer"/>, read-only.</summary>
    /// <exception cref="ArgumentException"><paramref name="buffer"/> is shorter than the struct.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<TElement> ReadOnlyElements<TElement>(ReadOnlySpan<byte> buffer, int sizeOf, int offset, string cName)
        where TElement : struct
    {
        StructHelpers.CheckLength(buffer.Length, sizeOf, cName);
        return MemoryMarshal.Cast<byte, TElement>(buffer.Slice(offset));
    }
}
