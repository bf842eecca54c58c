using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using KernelStructs.Generator.Model;

namespace KernelStructs.Generator.Layout;

/// <summary>
/// Draws a struct's layout the way pahole prints it: each member with <c>/* offset size */</c>,
/// holes, bitfield positions, tail padding, and a summary of size, cachelines and members.
/// </summary>
internal static class LayoutPicture
{
    private const int CacheLine = 64;

    /// <summary>The picture's lines, without comment markers.</summary>
    /// <remarks>
    /// A member of a type without a name (<c>struct { ... } dst;</c>) or an anonymous member (<c>union { ... };</c>) is
    /// drawn inline, its members at their offsets in the outer struct, as pahole draws it.
    /// </remarks>
    public static IReadOnlyList<string> Draw(StructShape shape, StructLayoutInfo layout, Abi abi)
    {
        var lines = new List<string> { shape.CName + " {" };
        int previousEnd = 0, holes = 0, holeBytes = 0, memberBytes = 0, members = 0, bitPadding = 0;
        for (var i = 0; i < layout.Fields.Count; i++)
        {
            var field = shape.Fields[i];
            var placed = layout.Fields[i];
            if (!shape.IsUnion && placed.Offset > previousEnd)
            {
                var hole = placed.Offset - previousEnd;
                holes++;
                holeBytes += hole;
                AddHole(lines, hole, 1);
            }

            if (placed.Offset / CacheLine != previousEnd / CacheLine && placed.Offset % CacheLine == 0 && placed.Offset > 0)
            {
                lines.Add($"\t/* --- cacheline {placed.Offset / CacheLine} boundary ({placed.Offset} bytes) --- */");
                lines.Add(string.Empty);
            }

            // pahole counts the unused bits of a struct's last bitfield unit as bit padding, not as a hole.
            var last = !shape.IsUnion && shape.Flexible is null && i == layout.Fields.Count - 1;
            members += DrawMember(lines, field, placed, abi, depth: 1, offset: placed.Offset, lastMember: last, out bitPadding);
            memberBytes += placed.Size;
            previousEnd = shape.IsUnion ? System.Math.Max(previousEnd, placed.Size) : placed.Offset + placed.Size;
        }

        if (shape.Flexible is { } flexible)
        {
            if (layout.FlexibleOffset > previousEnd)
            {
                var hole = layout.FlexibleOffset - previousEnd;
                holes++;
                holeBytes += hole;
                AddHole(lines, hole, 1);
            }

            lines.Add(Member(1, $"{flexible.Element.CName} {flexible.CName}[];", I(layout.FlexibleOffset), 0));
            members++;
            previousEnd = System.Math.Max(previousEnd, layout.FlexibleOffset);
        }

        lines.Add(string.Empty);
        var cachelines = (layout.Size + CacheLine - 1) / CacheLine;
        lines.Add($"\t/* size: {I(layout.Size)}, cachelines: {I(cachelines)}, members: {I(members)} */");
        if (holes > 0)
        {
            lines.Add($"\t/* sum members: {I(memberBytes)}, holes: {I(holes)}, sum holes: {I(holeBytes)} */");
        }

        var padding = layout.Size - previousEnd;
        if (padding > 0)
        {
            lines.Add($"\t/* padding: {I(padding)} */");
        }

        if (bitPadding > 0)
        {
            lines.Add($"\t/* bit_padding: {I(bitPadding)} bit{(bitPadding == 1 ? string.Empty : "s")} */");
        }

        var lastCacheLine = layout.Size % CacheLine;
        if (lastCacheLine != 0)
        {
            lines.Add($"\t/* last cacheline: {Bytes(lastCacheLine)} */");
        }

        var attributes = shape.Packed ? " __attribute__((__packed__))" : string.Empty;
        if (layout.Alignment > NaturalStructAlignment(shape, layout))
        {
            attributes += $" __attribute__((__aligned__({I(layout.Alignment)})))";
        }

        lines.Add($"}}{attributes};");
        return lines;
    }

    /// <summary>
    /// Draws one member at <paramref name="depth"/> (1: a member of the outer struct); returns how many members pahole
    /// counts for it. <paramref name="bitPadding"/> is the unused bits of the struct's last bitfield unit when
    /// <paramref name="lastMember"/> (pahole's <c>bit_padding</c>), which are then not drawn as a hole.
    /// </summary>
    private static int DrawMember(List<string> lines, FieldModel field, FieldLayout placed, Abi abi, int depth, int offset, bool lastMember, out int bitPadding)
    {
        bitPadding = 0;
        var indent = new string('\t', depth);
        if (field.IsBitFieldUnit)
        {
            var unitBits = placed.Size * 8;
            var bit = 0;
            foreach (var bitField in field.BitFields)
            {
                // Like pahole (DWARF's data_bit_offset), bits are numbered in memory order from the unit's start:
                // from the least significant bit on little-endian ABIs, from the most significant on big-endian ones.
                lines.Add(Member(depth, $"{field.Type.CName} {bitField.Name}:{I(bitField.Width)};", $"{I(offset)}:{I(bit),2}", placed.Size));
                bit += bitField.Width;
            }

            if (bit < unitBits && lastMember)
            {
                bitPadding = unitBits - bit;
            }
            else if (bit < unitBits)
            {
                lines.Add(string.Empty);
                lines.Add($"{indent}/* XXX {I(unitBits - bit)} bit{(unitBits - bit == 1 ? string.Empty : "s")} hole, try to pack */");
            }

            return field.BitFields.Count;
        }

        if (field.HasUnnamedType)
        {
            var nested = field.Type.Struct!;
            var nestedLayout = LayoutEngine.Compute(nested, abi);
            lines.Add($"{indent}{nested.CName} {{");
            var end = 0;
            for (var i = 0; i < nested.Fields.Count; i++)
            {
                var inner = nestedLayout.Fields[i];
                if (!nested.IsUnion && inner.Offset > end)
                {
                    AddHole(lines, inner.Offset - end, depth + 1);
                }

                DrawMember(lines, nested.Fields[i], inner, abi, depth + 1, offset + inner.Offset, lastMember: false, out _);
                end = nested.IsUnion ? System.Math.Max(end, inner.Size) : inner.Offset + inner.Size;
            }

            var closing = field.IsAnonymous ? "};" : $"}} {field.CName};";
            lines.Add(Member(depth, closing, I(offset), placed.Size));
            return 1;
        }

        lines.Add(Member(depth, Declaration(field.Type, field.CName, placed.Alignment > NaturalAlignment(field.Type, abi) ? placed.Alignment : 0), I(offset), placed.Size));
        return 1;
    }

    private static void AddHole(List<string> lines, int size, int depth)
    {
        lines.Add(string.Empty);
        lines.Add($"{new string('\t', depth)}/* XXX {Bytes(size)} hole, try to pack */");
        lines.Add(string.Empty);
    }

    /// <summary>
    /// The holes and tail padding (or the hole before a flexible array member), as (offset, size, index of the field
    /// that follows, -1 for the end) triples; a hole's offset is where it starts.
    /// </summary>
    public static IEnumerable<(int Offset, int Size, int BeforeField)> Holes(StructShape shape, StructLayoutInfo layout)
    {
        if (shape.IsUnion)
        {
            yield break;
        }

        var end = 0;
        for (var i = 0; i < layout.Fields.Count; i++)
        {
            var placed = layout.Fields[i];
            if (placed.Offset > end)
            {
                yield return (end, placed.Offset - end, i);
            }

            end = placed.Offset + placed.Size;
        }

        if (shape.Flexible is null)
        {
            if (layout.Size > end)
            {
                yield return (end, layout.Size - end, -1);
            }
        }
        else if (layout.FlexibleOffset > end)
        {
            // The hole before a flexible array member; the tail padding after it overlaps the array.
            yield return (end, layout.FlexibleOffset - end, -1);
        }
    }

    private static int NaturalAlignment(CType type, Abi abi) => LayoutEngine.SizeAndAlignment(type, abi).Alignment;

    private static int NaturalStructAlignment(StructShape shape, StructLayoutInfo layout)
        => layout.Fields.Count == 0 ? 1 : System.Math.Max(layout.Fields.Max(f => f.Alignment), shape.Flexible is null ? 1 : layout.Alignment);

    private static string Declaration(CType type, string name, int alignment)
    {
        var attribute = alignment > 0 ? $" __attribute__((__aligned__({I(alignment)})))" : string.Empty;
        if (type.Kind == CTypeKind.Array)
        {
            var dimensions = string.Empty;
            var element = type;
            while (element.Kind == CTypeKind.Array)
            {
                dimensions += $"[{I(element.Length)}]";
                element = element.Element!;
            }

            return $"{element.CName} {name}{dimensions}{attribute};";
        }

        return $"{type.CName} {name}{attribute};";
    }

    /// <summary>A member line: indented by <paramref name="depth"/> tabs, the comment in the same column at every depth where a tab is four columns (as the doc comments show it).</summary>
    private static string Member(int depth, string declaration, string offset, int size)
        => $"{new string('\t', depth)}{declaration.PadRight(System.Math.Max(40 - (4 * (depth - 1)), 0))} /* {offset,5} {I(size),5} */";

    private static string Bytes(int count) => count == 1 ? "1 byte" : I(count) + " bytes";

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
