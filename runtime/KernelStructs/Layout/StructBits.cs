using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace KernelStructs;

/// <summary>
/// The bodies of generated C bitfield properties, written once: a bitfield's bits in its storage unit (widened to 64
/// bits), at <c>little</c> on little-endian ABIs and <c>big</c> on big-endian ones. Inlined with the generated
/// constants, each folds to the shifts and masks a hand-written property would have. Not meant to be called directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StructBits
{
    /// <summary>The unsigned value of the <paramref name="width"/>-bit field in <paramref name="unit"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Unsigned(ulong unit, int little, int big, int width)
        => (unit >> (BitConverter.IsLittleEndian ? little : big)) & Mask(width);

    /// <summary>The sign-extended value of the <paramref name="width"/>-bit field in <paramref name="unit"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Signed(ulong unit, int little, int big, int width)
        => (long)(unit << (64 - (BitConverter.IsLittleEndian ? little : big) - width)) >> (64 - width);

    /// <summary><paramref name="unit"/> with the field set to <paramref name="value"/>, which must fit it unsigned.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> does not fit in <paramref name="width"/> bits.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SetUnsigned<TValue>(ulong unit, int little, int big, int width, TValue value, string bitField)
        where TValue : struct, IBinaryInteger<TValue>
    {
        var bits = ulong.CreateTruncating(value);
        var mask = Mask(width);
        if (bits > mask)
        {
            StructHelpers.ThrowBitFieldRange(nameof(value), value, bitField, width, 0, width == 64 ? long.MaxValue : (long)mask);
        }

        return Set(unit, BitConverter.IsLittleEndian ? little : big, mask, bits);
    }

    /// <summary><paramref name="unit"/> with the field set to <paramref name="value"/>, which must fit it signed.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> does not fit in <paramref name="width"/> bits.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SetSigned<TValue>(ulong unit, int little, int big, int width, TValue value, string bitField)
        where TValue : struct, IBinaryInteger<TValue>
    {
        var number = long.CreateTruncating(value);
        if (width < 64)
        {
            var max = (1L << (width - 1)) - 1;
            if (number < -max - 1 || number > max)
            {
                StructHelpers.ThrowBitFieldRange(nameof(value), value, bitField, width, -max - 1, max);
            }
        }

        return Set(unit, BitConverter.IsLittleEndian ? little : big, Mask(width), (ulong)number);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Set(ulong unit, int shift, ulong mask, ulong bits)
        => (unit & ~(mask << shift)) | ((bits & mask) << shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mask(int width) => width == 64 ? ulong.MaxValue : (1UL << width) - 1;
}
