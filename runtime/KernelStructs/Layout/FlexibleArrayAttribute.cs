using System;

namespace KernelStructs;

/// <summary>
/// Declares the C struct's flexible array member (<c>type name[]</c> or <c>type name[0]</c>),
/// which follows the last field. The generator emits its offset in <c>Offsets</c>,
/// <c>SizeFor(count)</c>, and span accessors over a buffer that holds the struct and its elements.
/// </summary>
/// <example>
/// <code>
/// // struct ipt_get_entries { char name[32]; unsigned int size; struct ipt_entry entrytable[]; };
/// [KernelStruct("struct ipt_get_entries", Header = "linux/netfilter_ipv4/ip_tables.h")]
/// [FlexibleArray(typeof(byte), "entrytable", Alignment = 8)]
/// public partial struct IptGetEntries { ... }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Struct, Inherited = false, AllowMultiple = false)]
public sealed class FlexibleArrayAttribute : Attribute
{
    /// <param name="elementType">The element type: a supported primitive, byte-order type or struct.</param>
    /// <param name="name">The member's C name.</param>
    public FlexibleArrayAttribute(Type elementType, string name)
    {
        ElementType = elementType;
        Name = name;
    }

    /// <summary>The element type.</summary>
    public Type ElementType { get; }

    /// <summary>The member's C name.</summary>
    public string Name { get; }

    /// <summary>
    /// The value of <see cref="Alignment"/> that means "the alignment of a pointer on each ABI" (8 on LP64, 4 on
    /// ILP32), for members such as ebtables' <c>char data[0] __attribute__((aligned(__alignof__(struct ebt_replace))))</c>
    /// that no single number describes. Offsets and sizes that follow from it are chosen by <c>IntPtr.Size</c>.
    /// </summary>
    public const int PointerAlignment = -1;

    /// <summary>
    /// <c>__attribute__((aligned(n)))</c> on the member, or the alignment of the C element type when the
    /// C# element type stands for it as raw bytes (e.g. <c>struct ipt_entry entrytable[]</c> read as bytes).
    /// 0: the element type's natural alignment; <see cref="PointerAlignment"/>: a pointer's alignment on each ABI.
    /// </summary>
    public int Alignment { get; set; }
}
