using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace KernelStructs.Generator.Tests.RandomStructs;

/// <summary>A primitive member type, with its C spelling and its C# mirror.</summary>
public sealed record RPrimitive(string CSharp, string C, int Bits, bool IsInteger, bool FixedBufferElement)
{
    public static readonly IReadOnlyList<RPrimitive> All = new RPrimitive[]
    {
        new("byte", "__u8", 8, true, true),
        new("sbyte", "__s8", 8, true, true),
        new("ushort", "__u16", 16, true, true),
        new("short", "__s16", 16, true, true),
        new("uint", "__u32", 32, true, true),
        new("int", "__s32", 32, true, true),
        new("ulong", "__u64", 64, true, true),
        new("long", "__s64", 64, true, true),
        new("global::KernelStructs.Be16", "__be16", 16, false, false),
        new("global::KernelStructs.Be32", "__be32", 32, false, false),
        new("global::KernelStructs.Be64", "__be64", 64, false, false),
        new("global::KernelStructs.Le16", "__le16", 16, false, false),
        new("global::KernelStructs.Le32", "__le32", 32, false, false),
        new("global::KernelStructs.Le64", "__le64", 64, false, false),
        // Pointer-sized members: their layout differs between 64- and 32-bit ABIs.
        new("nint", "long", 0, false, false),
        new("nuint", "void *", 0, false, false),
        new("global::System.Runtime.InteropServices.CLong", "long", 0, false, false),
        new("global::System.Runtime.InteropServices.CULong", "unsigned long", 0, false, false),
    };

    public static readonly IReadOnlyList<RPrimitive> Integers = All.Where(p => p.IsInteger).ToList();
}

/// <summary>A member type: a primitive, a struct or union defined earlier, or an array.</summary>
public abstract record RType;

public sealed record RPrimitiveType(RPrimitive Primitive) : RType;

public sealed record RStructType(RStruct Struct) : RType;

public sealed record RArrayType(RType Element, int Length) : RType;

/// <summary>One bitfield of a storage unit.</summary>
public sealed record RBitField(string Name, int Width);

/// <summary>A member. <see cref="BitFields"/> non-empty: a storage unit of bitfields of an integer <see cref="Type"/>.</summary>
public sealed record RField(string Name, RType Type, int Alignment, IReadOnlyList<RBitField> BitFields);

/// <summary>A flexible array member.</summary>
public sealed record RFlexible(string Name, RType Element, int Alignment);

/// <summary>A random C struct or union, which the test writes both as C and as an annotated C# mirror.</summary>
public sealed class RStruct
{
    public RStruct(int index) => Index = index;

    public int Index { get; }

    public string CSharpName => "Rs" + Index.ToString(CultureInfo.InvariantCulture);

    public string CTag => "rs_" + Index.ToString(CultureInfo.InvariantCulture);

    public bool IsUnion { get; set; }

    public string CType => (IsUnion ? "union " : "struct ") + CTag;

    public bool Packed { get; set; }

    public int Pack { get; set; }

    public int Alignment { get; set; }

    public List<RField> Fields { get; } = new();

    public RFlexible? Flexible { get; set; }

    /// <summary>How deeply structs nest in this one (1: none), which keeps sizes small.</summary>
    public int Depth { get; set; } = 1;

    /// <summary>Whether the CLR can lay the C# declaration out as C does: no <c>aligned(n)</c> anywhere inside.</summary>
    public bool ClrRepresentable { get; set; } = true;
}

/// <summary>
/// Seeded random C structs over everything a mirror can declare: all integer sizes, byte-order and
/// pointer-sized members, nesting, arrays (of structs, and of arrays), unions, bitfield storage units,
/// <c>packed</c>, <c>#pragma pack(n)</c>, <c>aligned(n)</c> on members and types, flexible array members.
/// </summary>
public static class RandomStructGenerator
{
    private static readonly int[] Alignments = { 1, 2, 4, 8, 16, 32 };
    private static readonly int[] Packs = { 1, 2, 4, 8, 16 };

    public static List<RStruct> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var structs = new List<RStruct>(count);
        for (var i = 0; i < count; i++)
        {
            structs.Add(One(random, i, structs));
        }

        return structs;
    }

    private static RStruct One(Random random, int index, List<RStruct> earlier)
    {
        var s = new RStruct(index) { IsUnion = random.Next(100) < 15 };
        var roll = random.Next(100);
        if (roll < 12)
        {
            s.Packed = true;
        }
        else if (roll < 24)
        {
            s.Pack = Packs[random.Next(Packs.Length)];
        }
        else if (roll < 27)
        {
            s.Packed = true;
            s.Pack = Packs[random.Next(Packs.Length)];
        }

        if (random.Next(100) < 8)
        {
            s.Alignment = Alignments[random.Next(Alignments.Length)];
            s.ClrRepresentable = false;
        }

        // Structs that may be members: defined earlier, without a flexible array member, not too deep.
        var nestable = earlier.Where(e => e.Flexible is null && e.Depth < 4).ToList();
        var fieldCount = 1 + random.Next(8);
        var bitNames = 0;
        for (var f = 0; f < fieldCount; f++)
        {
            var name = "f" + f.ToString(CultureInfo.InvariantCulture);
            var alignment = 0;
            if (random.Next(100) < 8)
            {
                alignment = Alignments[random.Next(Alignments.Length)];
                s.ClrRepresentable = false;
            }

            var kind = random.Next(100);
            if (kind < 12)
            {
                var unit = RPrimitive.Integers[random.Next(RPrimitive.Integers.Count)];
                var bits = new List<RBitField>();
                var left = unit.Bits;
                var n = 1 + random.Next(4);
                for (var b = 0; b < n && left > 0; b++)
                {
                    var width = 1 + random.Next(Math.Min(left, b == n - 1 ? left : Math.Max(1, left / 2)));
                    bits.Add(new RBitField("bf" + (bitNames++).ToString(CultureInfo.InvariantCulture), width));
                    left -= width;
                }

                s.Fields.Add(new RField(name, new RPrimitiveType(unit), alignment, bits));
                continue;
            }

            var type = RandomType(random, nestable, allowArray: true);
            s.Fields.Add(new RField(name, type, alignment, Array.Empty<RBitField>()));
        }

        foreach (var field in s.Fields)
        {
            s.Depth = Math.Max(s.Depth, 1 + Depth(field.Type));
            if (Contains(field.Type, e => !e.ClrRepresentable))
            {
                s.ClrRepresentable = false;
            }
        }

        if (!s.IsUnion && random.Next(100) < 10)
        {
            var element = RandomType(random, nestable, allowArray: false);
            var alignment = random.Next(100) < 30 ? Alignments[random.Next(Alignments.Length)] : 0;
            s.Flexible = new RFlexible("fam", element, alignment);
            if (alignment != 0 || Contains(element, e => !e.ClrRepresentable))
            {
                s.ClrRepresentable = false;
            }
        }

        return s;
    }

    private static RType RandomType(Random random, List<RStruct> nestable, bool allowArray)
    {
        var kind = random.Next(100);
        if (kind < 18 && nestable.Count > 0)
        {
            return new RStructType(nestable[random.Next(nestable.Count)]);
        }

        if (allowArray && kind < 36)
        {
            var element = RandomType(random, nestable, allowArray: random.Next(100) < 15);
            return new RArrayType(element, 1 + random.Next(element is RStructType or RArrayType ? 3 : 9));
        }

        return new RPrimitiveType(RPrimitive.All[random.Next(RPrimitive.All.Count)]);
    }

    private static int Depth(RType type) => type switch
    {
        RStructType s => s.Struct.Depth,
        RArrayType a => Depth(a.Element),
        _ => 0,
    };

    private static bool Contains(RType type, Func<RStruct, bool> predicate) => type switch
    {
        RStructType s => predicate(s.Struct),
        RArrayType a => Contains(a.Element, predicate),
        _ => false,
    };
}

/// <summary>Writes random structs as C definitions.</summary>
public static class CRenderer
{
    public static string Render(IEnumerable<RStruct> structs)
    {
        var c = new StringBuilder();
        c.Append("#include <linux/types.h>\n");
        foreach (var s in structs)
        {
            Render(c, s);
        }

        return c.ToString();
    }

    private static void Render(StringBuilder c, RStruct s)
    {
        if (s.Pack > 0)
        {
            c.Append("#pragma pack(push, ").Append(s.Pack).Append(")\n");
        }

        c.Append(s.IsUnion ? "union" : "struct");
        var attributes = new List<string>();
        if (s.Packed)
        {
            attributes.Add("packed");
        }

        if (s.Alignment > 0)
        {
            attributes.Add($"aligned({s.Alignment})");
        }

        if (attributes.Count > 0)
        {
            c.Append(" __attribute__((").Append(string.Join(", ", attributes)).Append("))");
        }

        c.Append(' ').Append(s.CTag).Append(" {\n");
        foreach (var field in s.Fields)
        {
            c.Append("  ");
            if (field.BitFields.Count > 0)
            {
                // A storage unit: an unnamed struct type holding only the unit's bitfields, as a named member,
                // which C lays out exactly like a member of the unit's type.
                // The unnamed bitfield fills the unit, so that the struct is as large as the unit's type even
                // where #pragma pack lowers its alignment.
                var unit = ((RPrimitiveType)field.Type).Primitive;
                c.Append("struct { ");
                foreach (var bit in field.BitFields)
                {
                    c.Append(unit.C).Append(' ').Append(bit.Name).Append(':').Append(bit.Width).Append("; ");
                }

                var rest = unit.Bits - field.BitFields.Sum(b => b.Width);
                if (rest > 0)
                {
                    c.Append(unit.C).Append(" :").Append(rest).Append("; ");
                }

                c.Append("} ").Append(field.Name);
            }
            else
            {
                c.Append(Declaration(field.Type, field.Name));
            }

            if (field.Alignment > 0)
            {
                c.Append(" __attribute__((aligned(").Append(field.Alignment).Append(")))");
            }

            c.Append(";\n");
        }

        if (s.Flexible is { } flexible)
        {
            c.Append("  ").Append(Declaration(flexible.Element, flexible.Name + "[]"));
            if (flexible.Alignment > 0)
            {
                c.Append(" __attribute__((aligned(").Append(flexible.Alignment).Append(")))");
            }

            c.Append(";\n");
        }

        c.Append("};\n");
        if (s.Pack > 0)
        {
            c.Append("#pragma pack(pop)\n");
        }
    }

    /// <summary>A C declarator: <c>__u16 name[3][2]</c>, <c>void * name</c>, <c>struct rs_4 name</c>.</summary>
    public static string Declaration(RType type, string declarator) => type switch
    {
        RPrimitiveType p => p.Primitive.C + " " + declarator,
        RStructType s => s.Struct.CType + " " + declarator,
        RArrayType a => Declaration(a.Element, declarator + "[" + a.Length.ToString(CultureInfo.InvariantCulture) + "]"),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}

/// <summary>Writes random structs as annotated C# mirrors, following the attribute contract.</summary>
public static class CSharpRenderer
{
    public static string Render(IEnumerable<RStruct> structs)
    {
        var cs = new StringBuilder();
        cs.Append("using System.Runtime.CompilerServices;\nusing System.Runtime.InteropServices;\nusing KernelStructs;\n\nnamespace KernelStructs.RandomStructs;\n\n");
        var inlineArrays = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in structs)
        {
            Render(cs, s, inlineArrays);
        }

        foreach (var array in inlineArrays.Values)
        {
            cs.Append(array);
        }

        return cs.ToString();
    }

    private static void Render(StringBuilder cs, RStruct s, SortedDictionary<string, string> inlineArrays)
    {
        var arguments = new List<string> { $"\"{s.CType}\"" };
        if (s.Packed)
        {
            arguments.Add("Packed = true");
        }

        if (s.Pack > 0)
        {
            arguments.Add($"Pack = {s.Pack}");
        }

        if (s.Alignment > 0)
        {
            arguments.Add($"Alignment = {s.Alignment}");
        }

        cs.Append("[KernelStruct(").Append(string.Join(", ", arguments)).Append(")]\n");
        if (s.Flexible is { } flexible)
        {
            cs.Append("[FlexibleArray(typeof(").Append(TypeName(flexible.Element, inlineArrays)).Append("), \"").Append(flexible.Name).Append('"');
            if (flexible.Alignment > 0)
            {
                cs.Append(", Alignment = ").Append(flexible.Alignment);
            }

            cs.Append(")]\n");
        }

        if (s.IsUnion)
        {
            // A packed or #pragma pack union states its packing to the CLR itself: the generator only adds
            // [StructLayout] to declarations that have none.
            var pack = s.Packed ? 1 : s.Pack;
            cs.Append("[StructLayout(LayoutKind.Explicit").Append(pack > 0 ? $", Pack = {pack}" : "").Append(")]\n");
        }

        cs.Append("public unsafe partial struct ").Append(s.CSharpName).Append("\n{\n");
        foreach (var field in s.Fields)
        {
            cs.Append("    ");
            foreach (var bit in field.BitFields)
            {
                cs.Append("[BitField(\"").Append(bit.Name).Append("\", ").Append(bit.Width).Append(")] ");
            }

            if (field.Alignment > 0)
            {
                cs.Append("[CField(Alignment = ").Append(field.Alignment).Append(")] ");
            }

            if (s.IsUnion)
            {
                cs.Append("[FieldOffset(0)] ");
            }

            if (field.Type is RArrayType { Element: RPrimitiveType { Primitive.FixedBufferElement: true } element } array)
            {
                cs.Append("public fixed ").Append(element.Primitive.CSharp).Append(' ').Append(field.Name).Append('[').Append(array.Length).Append("];\n");
            }
            else
            {
                cs.Append("public ").Append(TypeName(field.Type, inlineArrays)).Append(' ').Append(field.Name).Append(";\n");
            }
        }

        cs.Append("}\n\n");
    }

    private static string TypeName(RType type, SortedDictionary<string, string> inlineArrays)
    {
        switch (type)
        {
            case RPrimitiveType p:
                return p.Primitive.CSharp;
            case RStructType s:
                return s.Struct.CSharpName;
            case RArrayType a:
                var element = TypeName(a.Element, inlineArrays);
                var name = "Array" + a.Length.ToString(CultureInfo.InvariantCulture) + "Of" + Identifier(element);
                if (!inlineArrays.ContainsKey(name))
                {
                    inlineArrays[name] = $"[InlineArray({a.Length})]\npublic struct {name}\n{{\n    private {element} _element;\n}}\n\n";
                }

                return name;
            default:
                throw new ArgumentOutOfRangeException(nameof(type));
        }
    }

    private static string Identifier(string typeName)
    {
        var last = typeName.Substring(typeName.LastIndexOf('.') + 1);
        return char.ToUpperInvariant(last[0]) + last.Substring(1);
    }
}
