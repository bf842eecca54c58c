using System;

namespace KernelStructs;

/// <summary>
/// Declares one C bitfield inside the storage unit the annotated field stands for. Repeat the
/// attribute for each bitfield of the unit, in C order; the widths must fit the unit.
/// </summary>
/// <remarks>
/// <para>
/// The storage field has the C type of the bitfields (e.g. <c>byte</c> for <c>__u8 a:4, b:4;</c>)
/// and is laid out like a plain member of that type. The generator emits a property per bitfield
/// that honours the ABI's bit order: the first bitfield holds the least significant bits on a
/// little-endian ABI and the most significant bits on a big-endian one.
/// </para>
/// <code>
/// // __u8 tcpi_snd_wscale : 4, tcpi_rcv_wscale : 4;
/// [BitField("tcpi_snd_wscale", 4)]
/// [BitField("tcpi_rcv_wscale", 4)]
/// public byte tcpi_wscale;
/// </code>
/// </remarks>
[AttributeUsage(AttributeTargets.Field, Inherited = false, AllowMultiple = true)]
public sealed class BitFieldAttribute : Attribute
{
    /// <param name="name">The bitfield's C name; also the name of the generated property.</param>
    /// <param name="width">The width in bits (1 to the unit's width).</param>
    public BitFieldAttribute(string name, int width)
    {
        Name = name;
        Width = width;
    }

    /// <summary>The bitfield's C name.</summary>
    public string Name { get; }

    /// <summary>The width in bits.</summary>
    public int Width { get; }
}
