using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace KernelStructs.Testing;

/// <summary>One bitfield of a storage unit: its C name, width, and the designator that reaches it in C (default: its name).</summary>
public sealed record MirrorBitField(string Name, int Width, string? Designator = null);

/// <summary>
/// A field of a C# mirror and the C member it stands for. <see cref="CDesignator"/> is what
/// <c>offsetof</c> takes (usually the C name); a bitfield storage unit has no C member of its own and
/// is probed through its <see cref="BitFields"/>.
/// </summary>
public sealed record MirrorField(string CSharpName, string CName, string CDesignator, IReadOnlyList<MirrorBitField> BitFields, bool IsFlexibleArray = false)
{
    /// <summary>Whether the field is a bitfield storage unit.</summary>
    public bool IsBitFieldUnit => BitFields.Count > 0;
}

/// <summary>A C# mirror of a C type: <see cref="CType"/> is a C type expression (<c>struct x</c>, or <c>__typeof__(...)</c> for an anonymous member type).</summary>
public sealed record MirrorStruct(string CSharpName, string CType, string? Header, IReadOnlyList<MirrorField> Fields);

/// <summary>What gcc says about one mirrored type on one target.</summary>
public sealed class GccLayout
{
    public GccLayout(MirrorStruct mirror, int size, int alignment, IReadOnlyDictionary<string, int> offsets, IReadOnlyDictionary<string, byte[]> bitFieldImages)
    {
        Mirror = mirror;
        Size = size;
        Alignment = alignment;
        Offsets = offsets;
        BitFieldImages = bitFieldImages;
    }

    public MirrorStruct Mirror { get; }

    /// <summary><c>sizeof</c>.</summary>
    public int Size { get; }

    /// <summary><c>_Alignof</c>.</summary>
    public int Alignment { get; }

    /// <summary><c>offsetof</c> by C name, for every field that is not a bitfield storage unit (the flexible array member included).</summary>
    public IReadOnlyDictionary<string, int> Offsets { get; }

    /// <summary>By bitfield C name: the bytes of the type with only that bitfield set to all ones.</summary>
    public IReadOnlyDictionary<string, byte[]> BitFieldImages { get; }
}

/// <summary>Asks gcc for the layout of many mirrored types on one target in one compile.</summary>
public static class LayoutOracle
{
    /// <summary>
    /// Compiles one probe that includes every mirror's header (and <paramref name="declarations"/>, for
    /// types the test defines itself) and returns gcc's layout of each mirror, keyed by C# name.
    /// </summary>
    public static IReadOnlyDictionary<string, GccLayout> Probe(CTarget target, IEnumerable<MirrorStruct> mirrors, string declarations = "", CancellationToken cancellationToken = default)
    {
        var list = mirrors.ToList();
        var probe = new CProbe(target);
        foreach (var header in list.Select(m => m.Header).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            probe.Include(header);
        }

        probe.Declare(declarations);
        var asked = list.Select(m => (
            Mirror: m,
            Size: probe.SizeOf(m.CType),
            Align: probe.AlignOf(m.CType),
            Offsets: m.Fields.Where(f => !f.IsBitFieldUnit).Select(f => (f.CName, probe.OffsetOf(m.CType, f.CDesignator))).ToList(),
            Images: m.Fields.SelectMany(f => f.BitFields).Select(b => (b.Name, probe.Image(m.CType, "." + (b.Designator ?? b.Name) + " = -1"))).ToList())).ToList();

        var result = probe.Compile(cancellationToken);
        return asked.ToDictionary(
            a => a.Mirror.CSharpName,
            a => new GccLayout(
                a.Mirror,
                result.Int(a.Size),
                result.Int(a.Align),
                a.Offsets.ToDictionary(o => o.CName, o => result.Int(o.Item2), StringComparer.Ordinal),
                a.Images.ToDictionary(i => i.Name, i => result.Bytes(i.Item2), StringComparer.Ordinal)),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// The storage unit a bitfield image says the bitfield lives in: the offset of the first byte
    /// with a set bit, rounded down to the unit's size (a unit is naturally placed, or packed, and never straddles).
    /// </summary>
    public static (int FirstByte, int LastByte) SetBytes(byte[] image)
    {
        var first = Array.FindIndex(image, b => b != 0);
        var last = Array.FindLastIndex(image, b => b != 0);
        return (first, last);
    }
}

/// <summary>
/// The C side of the test corpus where C# must name what C leaves anonymous: member types of
/// anonymous structs and unions, and anonymous members.
/// </summary>
public static class CorpusC
{
    /// <summary>C# type name → the C type expression of the anonymous C type it mirrors.</summary>
    public static IReadOnlyDictionary<string, string> AnonymousTypes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["In6AddrUnion"] = "__typeof__(((struct in6_addr *)0)->in6_u)",
        ["XtEntryMatchUnion"] = "__typeof__(((struct xt_entry_match *)0)->u)",
        ["XtEntryMatchUser"] = "__typeof__(((struct xt_entry_match *)0)->u.user)",
        ["XtEntryMatchKernel"] = "__typeof__(((struct xt_entry_match *)0)->u.kernel)",
        ["XtEntryTargetUnion"] = "__typeof__(((struct xt_entry_target *)0)->u)",
        ["XtEntryTargetUser"] = "__typeof__(((struct xt_entry_target *)0)->u.user)",
        ["XtEntryTargetKernel"] = "__typeof__(((struct xt_entry_target *)0)->u.kernel)",
        ["EbtEntryMatchUnion"] = "__typeof__(((struct ebt_entry_match *)0)->u)",
    };

    /// <summary>(C# type name, C# field name) → the C member designator for a C# field that stands for an anonymous C member.</summary>
    public static IReadOnlyDictionary<(string Type, string Field), string> AnonymousMembers { get; } = new Dictionary<(string, string), string>
    {
        [("EbtEntryMatchUnion", "named")] = "name",
    };

    /// <summary>The C type expression for a mirror.</summary>
    public static string CTypeOf(string csharpName, string cName) =>
        AnonymousTypes.TryGetValue(csharpName, out var expression) ? expression : cName;

    /// <summary>The <c>offsetof</c> designator for a field.</summary>
    public static string DesignatorOf(string csharpType, string csharpField, string cName) =>
        AnonymousMembers.TryGetValue((csharpType, csharpField), out var designator) ? designator : cName;
}
