using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace KernelStructs;

/// <summary>
/// A mirror's layout on the running ABI, as the generated <c>Layout</c> property states it (the numbers behind its
/// <c>SizeOf</c> and <c>Offsets</c>): what <see cref="KernelLayout"/> checks against the running kernel's BTF. The types of
/// members that are structs carry their own layout, so nested members are checked too.
/// </summary>
public sealed class KernelStructLayout
{
    /// <summary>Creates a layout; the generator writes these.</summary>
    /// <param name="typeName">The C# type, <c>Namespace.Outer.Name</c>.</param>
    /// <param name="cName">The C type with its tag (<c>struct nf_conntrack_tuple</c>), or the tag alone for a type without a name.</param>
    /// <param name="size"><c>sizeof</c>.</param>
    /// <param name="extent">How much of the C type the mirror declares.</param>
    /// <param name="members">The members in C order.</param>
    /// <param name="flexible">The flexible array member, if any.</param>
    public KernelStructLayout(string typeName, string cName, int size, StructExtent extent, IReadOnlyList<KernelMemberLayout> members, KernelFlexibleLayout? flexible = null)
    {
        TypeName = typeName ?? throw new ArgumentNullException(nameof(typeName));
        CName = cName ?? throw new ArgumentNullException(nameof(cName));
        Size = size;
        Extent = extent;
        Members = members ?? throw new ArgumentNullException(nameof(members));
        Flexible = flexible;
    }

    /// <summary>
    /// Creates a layout from the compact form the generator writes, which costs the compiler one call instead of an
    /// object creation per member. Not meant to be called directly.
    /// </summary>
    /// <param name="typeName">The C# type, <c>Namespace.Outer.Name</c>.</param>
    /// <param name="cName">The C type with its tag, or the tag alone for a type without a name.</param>
    /// <param name="size"><c>sizeof</c>.</param>
    /// <param name="extent">How much of the C type the mirror declares.</param>
    /// <param name="members">
    /// The members in C order, separated by spaces, each its C# field's name, then <c>=</c> and its C name when that differs
    /// (<c>=</c> alone: no C name, an anonymous member or a bitfield storage unit), then a bitfield storage unit's
    /// bitfields as <c>{name:width,name:width}</c>, then <c>*</c> when its type's layout is the next of <paramref name="types"/>:
    /// <c>family port=sin_port u= flags={syn:1,ack:1} addr*</c>.
    /// </param>
    /// <param name="offsetsAndSizes">Each member's offset and size, two numbers a member, in the order of <paramref name="members"/>.</param>
    /// <param name="types">The layouts of the members marked <c>*</c>, in order.</param>
    /// <param name="flexible">The flexible array member, if any.</param>
    /// <exception cref="ArgumentException">The members, numbers and types do not match.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static KernelStructLayout Create(string typeName, string cName, int size, StructExtent extent, string members, int[] offsetsAndSizes, KernelStructLayout[]? types = null, KernelFlexibleLayout? flexible = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(offsetsAndSizes);
        var count = members.Length == 0 ? 0 : members.AsSpan().Count(' ') + 1;
        if (offsetsAndSizes.Length != count * 2)
        {
            throw new ArgumentException($"{typeName}: {count} members need {count * 2} offsets and sizes, not {offsetsAndSizes.Length}.", nameof(offsetsAndSizes));
        }

        var result = new KernelMemberLayout[count];
        var nextType = 0;
        var rest = members.AsSpan();
        for (var i = 0; i < count; i++)
        {
            var whole = Next(ref rest, ' ');
            var entry = whole;
            KernelStructLayout? type = null;
            if (entry.EndsWith("*"))
            {
                if (types is null || nextType >= types.Length)
                {
                    throw new ArgumentException($"{typeName}: member '{whole}' has no type layout.", nameof(types));
                }

                type = types[nextType++];
                entry = entry[..^1];
            }

            KernelBitFieldLayout[]? bitFields = null;
            var brace = entry.IndexOf('{');
            if (brace >= 0)
            {
                if (!entry.EndsWith("}"))
                {
                    throw new ArgumentException($"{typeName}: member '{whole}' is malformed.", nameof(members));
                }

                bitFields = ParseBitFields(typeName, whole, entry[(brace + 1)..^1]);
                entry = entry[..brace];
            }

            var equals = entry.IndexOf('=');
            var name = equals < 0 ? entry : entry[..equals];
            if (name.IsEmpty)
            {
                throw new ArgumentException($"{typeName}: member '{whole}' has no name.", nameof(members));
            }

            var nameText = name.ToString();
            var memberCName = equals < 0 ? nameText : equals == entry.Length - 1 ? null : entry[(equals + 1)..].ToString();
            result[i] = new KernelMemberLayout(nameText, memberCName, offsetsAndSizes[i * 2], offsetsAndSizes[(i * 2) + 1], type, bitFields);
        }

        if (types is not null && nextType != types.Length)
        {
            throw new ArgumentException($"{typeName}: {types.Length} type layouts for {nextType} members marked '*'.", nameof(types));
        }

        return new KernelStructLayout(typeName, cName, size, extent, result, flexible);
    }

    // The text before the next separator (all of it when there is none), and the rest after it.
    private static ReadOnlySpan<char> Next(ref ReadOnlySpan<char> rest, char separator)
    {
        var at = rest.IndexOf(separator);
        var item = at < 0 ? rest : rest[..at];
        rest = at < 0 ? default : rest[(at + 1)..];
        return item;
    }

    // "name:width,name:width", the inside of a bitfield storage unit's braces.
    private static KernelBitFieldLayout[] ParseBitFields(string typeName, ReadOnlySpan<char> member, ReadOnlySpan<char> list)
    {
        var bitFields = new KernelBitFieldLayout[list.Count(',') + 1];
        for (var b = 0; b < bitFields.Length; b++)
        {
            var item = Next(ref list, ',');
            var colon = item.IndexOf(':');
            if (colon <= 0 || !int.TryParse(item[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var width))
            {
                throw new ArgumentException($"{typeName}: bitfield '{item}' of member '{member}' is malformed.", "members");
            }

            bitFields[b] = new KernelBitFieldLayout(item[..colon].ToString(), width);
        }

        return bitFields;
    }

    /// <summary>The C# type, <c>Namespace.Outer.Name</c>.</summary>
    public string TypeName { get; }

    /// <summary>The C type with its tag, or the tag alone (<c>struct</c>, <c>union</c>) for a type without a name.</summary>
    public string CName { get; }

    /// <summary>Whether the C type is a union.</summary>
    public bool IsUnion => CName == "union" || CName.StartsWith("union ", StringComparison.Ordinal);

    /// <summary>Whether the C type has no name: it is found through the members that have it.</summary>
    public bool IsUnnamed => CName is "struct" or "union";

    /// <summary><c>sizeof</c> on the running ABI.</summary>
    public int Size { get; }

    /// <summary>How much of the C type the mirror declares.</summary>
    public StructExtent Extent { get; }

    /// <summary>The members in C order.</summary>
    public IReadOnlyList<KernelMemberLayout> Members { get; }

    /// <summary>The flexible array member, if any.</summary>
    public KernelFlexibleLayout? Flexible { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{TypeName} ({CName}, {Size} bytes)";
}

/// <summary>One member of a <see cref="KernelStructLayout"/>.</summary>
public sealed class KernelMemberLayout
{
    /// <summary>Creates a member; the generator writes these.</summary>
    /// <param name="name">The C# field.</param>
    /// <param name="cName">The C member; <see langword="null"/> for an anonymous member and for a bitfield storage unit.</param>
    /// <param name="offset">Its offset from the start of the struct.</param>
    /// <param name="size">Its size.</param>
    /// <param name="type">The layout of its type, when that is a struct or union.</param>
    /// <param name="bitFields">The bitfields a storage unit holds, in C order.</param>
    public KernelMemberLayout(string name, string? cName, int offset, int size, KernelStructLayout? type = null, IReadOnlyList<KernelBitFieldLayout>? bitFields = null)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        CName = cName;
        Offset = offset;
        Size = size;
        Type = type;
        BitFields = bitFields ?? Array.Empty<KernelBitFieldLayout>();
    }

    /// <summary>The C# field.</summary>
    public string Name { get; }

    /// <summary>The C member; <see langword="null"/> for an anonymous member and for a bitfield storage unit.</summary>
    public string? CName { get; }

    /// <summary>Whether the member is an anonymous struct or union member.</summary>
    public bool IsAnonymous => CName is null && BitFields.Count == 0;

    /// <summary>Its offset from the start of the struct.</summary>
    public int Offset { get; }

    /// <summary>Its size.</summary>
    public int Size { get; }

    /// <summary>The layout of its struct or union type, or <see langword="null"/>.</summary>
    public KernelStructLayout? Type { get; }

    /// <summary>The bitfields of a storage unit, in C order; empty for other members.</summary>
    public IReadOnlyList<KernelBitFieldLayout> BitFields { get; }
}

/// <summary>A bitfield in a storage unit: its C name and width; it starts after the widths of the bitfields before it.</summary>
/// <param name="Name">The bitfield's C name.</param>
/// <param name="Width">Its width in bits.</param>
public readonly record struct KernelBitFieldLayout(string Name, int Width);

/// <summary>A flexible array member: its C name and where it starts.</summary>
/// <param name="CName">The member's C name.</param>
/// <param name="Offset">Its offset on the running ABI.</param>
public readonly record struct KernelFlexibleLayout(string CName, int Offset);

/// <summary>
/// A <see cref="KernelStructAttribute"/> mirror with a generated <see cref="Layout"/>; the generator implements it, so that
/// <see cref="KernelLayout.Verify{T}(Btf.KernelBtf?)"/> reaches the layout without reflection.
/// </summary>
public interface IKernelStruct
{
    /// <summary>The mirror's layout on the running ABI.</summary>
    static abstract KernelStructLayout Layout { get; }
}

/// <summary>
/// Lists a mirror of the assembly for <see cref="KernelLayout.VerifyAll(System.Reflection.Assembly, Btf.KernelBtf?)"/>;
/// the generator writes one <see cref="KernelStructRegistrationAttribute{T}"/> per named mirror.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public abstract class KernelStructRegistrationAttribute : Attribute
{
    /// <summary>The mirror's layout.</summary>
    public abstract KernelStructLayout Layout { get; }
}

/// <summary>Lists the mirror <typeparamref name="T"/> for <see cref="KernelLayout.VerifyAll(System.Reflection.Assembly, Btf.KernelBtf?)"/>.</summary>
/// <typeparam name="T">The mirror.</typeparam>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class KernelStructRegistrationAttribute<T> : KernelStructRegistrationAttribute
    where T : IKernelStruct
{
    /// <inheritdoc/>
    public override KernelStructLayout Layout => T.Layout;
}
