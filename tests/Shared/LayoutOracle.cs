using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace KernelStructs.Testing;

/// <summary>One bitfield of a storage unit: its C name, width, and the designator that reaches it in C (default: its name).</summary>
public sealed record MirrorBitField(string Name, int Width, string? Designator = null);

/// <summary>
/// A field of a C# mirror and the C member it stands for. <see cref="CSharpName"/> is the C# field, or the path of
/// C# fields to it through anonymous members (<c>u.s.ss_family</c>); <see cref="CDesignator"/> is what
/// <c>offsetof</c> takes (the C name: C names the members of anonymous members directly); a bitfield storage unit
/// has no C member of its own and is probed through its <see cref="BitFields"/>.
/// </summary>
public sealed record MirrorField(string CSharpName, string CName, string CDesignator, IReadOnlyList<MirrorBitField> BitFields, bool IsFlexibleArray = false)
{
    /// <summary>Whether the field is a bitfield storage unit.</summary>
    public bool IsBitFieldUnit => BitFields.Count > 0;
}

/// <summary>
/// A C# mirror of a C type: <see cref="CType"/> is a C type expression (<c>struct x</c>, or <c>__typeof__(...)</c> for a
/// type without a name), with the header that declares it and what goes before it.
/// </summary>
public sealed record MirrorStruct(string CSharpName, string CType, string? Header, IReadOnlyList<MirrorField> Fields)
{
    /// <summary>Headers included before <see cref="Header"/>.</summary>
    public IReadOnlyList<string> Includes { get; init; } = Array.Empty<string>();

    /// <summary>Macros defined before any include.</summary>
    public IReadOnlyList<string> Defines { get; init; } = Array.Empty<string>();

    /// <summary>Whether the C type grows with the kernel (<c>StructExtent.Growing</c>): the header may lack the mirror's last members.</summary>
    public bool Growing { get; init; }
}

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
    /// types the test defines itself) and returns gcc's layout of each mirror, keyed by C# name. Headers whose names
    /// differ only in case (<c>ipt_ttl.h</c> and <c>ipt_TTL.h</c>, <c>ip6t_hl.h</c> and <c>ip6t_HL.h</c>) share an
    /// include guard, so the second would define nothing: such mirrors go into probes of their own.
    /// </summary>
    public static IReadOnlyDictionary<string, GccLayout> Probe(CTarget target, IEnumerable<MirrorStruct> mirrors, string declarations = "", CancellationToken cancellationToken = default)
    {
        var layouts = new Dictionary<string, GccLayout>(StringComparer.Ordinal);
        foreach (var group in WithoutCaseTwins(mirrors.ToList(), Headers))
        {
            foreach (var (name, layout) in ProbeOnce(target, group, declarations, cancellationToken))
            {
                layouts.Add(name, layout);
            }
        }

        return layouts;
    }

    private static IEnumerable<string> Headers(MirrorStruct m) => m.Includes.Append(m.Header).OfType<string>();

    /// <summary>
    /// <paramref name="items"/> in groups, in order, none of which includes two headers whose names differ only in case
    /// (they may share an include guard): one group when there are no such headers.
    /// </summary>
    public static IReadOnlyList<List<T>> WithoutCaseTwins<T>(IReadOnlyList<T> items, Func<T, IEnumerable<string>> headers)
    {
        var groups = new List<(List<T> Items, Dictionary<string, string> Headers)>();
        foreach (var item in items)
        {
            var group = groups.FirstOrDefault(g => headers(item).All(h => !g.Headers.TryGetValue(h, out string? seen) || seen == h));
            if (group.Items is null)
            {
                group = (new List<T>(), new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));
                groups.Add(group);
            }

            group.Items.Add(item);
            foreach (string header in headers(item))
            {
                group.Headers.TryAdd(header, header);
            }
        }

        return groups.Count == 0 ? new List<List<T>> { items.ToList() } : groups.Select(g => g.Items).ToList();
    }

    private static Dictionary<string, GccLayout> ProbeOnce(CTarget target, List<MirrorStruct> list, string declarations, CancellationToken cancellationToken)
    {
        var probe = new CProbe(target);
        foreach (var define in list.SelectMany(m => m.Defines).Distinct(StringComparer.Ordinal))
        {
            probe.Define(define);
        }

        foreach (var header in list.SelectMany(Headers).Distinct(StringComparer.Ordinal))
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
    /// For mirrors of structs that grow with the kernel: gcc's <c>sizeof</c> of each from the header, and the mirror
    /// without the members that lie at or past it (newer than the header), which a probe cannot name. Other mirrors
    /// pass through. <paramref name="mirrorOffset"/> gives a member's offset in the mirror.
    /// </summary>
    public static (IReadOnlyList<MirrorStruct> Mirrors, IReadOnlyDictionary<string, int> HeaderSizes) WithoutNewerMembers(
        CTarget target, IEnumerable<MirrorStruct> mirrors, Func<MirrorStruct, MirrorField, int> mirrorOffset)
    {
        var list = mirrors.ToList();
        var growing = list.Where(m => m.Growing).ToList();
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        if (growing.Count == 0)
        {
            return (list, sizes);
        }

        var probe = new CProbe(target);
        foreach (var header in growing.SelectMany(m => m.Includes.Append(m.Header)).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            probe.Include(header);
        }

        var asked = growing.Select(m => (m, probe.SizeOf(m.CType))).ToList();
        var result = probe.Compile();
        foreach (var (mirror, size) in asked)
        {
            sizes[mirror.CSharpName] = result.Int(size);
        }

        return (list.Select(m => m.Growing ? m with { Fields = m.Fields.Where(f => mirrorOffset(m, f) < sizes[m.CSharpName]).ToList() } : m).ToList(), sizes);
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
/// A mirror as its declaration states it, read either from a loaded type (reflection) or from the generator's model:
/// enough to tell the oracles what to ask gcc.
/// </summary>
/// <param name="CSharpName">The C# type, <c>Namespace.Outer.Name</c>.</param>
/// <param name="CName">The C type with its tag, or the tag alone for a type without a name.</param>
public sealed record MirrorNode(string CSharpName, string CName, string? Header, IReadOnlyList<string> Includes, IReadOnlyList<string> Defines, IReadOnlyList<MirrorNodeField> Fields, string? Flexible)
{
    /// <summary>Whether the C type grows with the kernel (<c>StructExtent.Growing</c>).</summary>
    public bool Growing { get; init; }

    /// <summary>Whether the C type has no name.</summary>
    public bool IsUnnamed => CName is "struct" or "union";
}

/// <summary>A field of a <see cref="MirrorNode"/>: its C name, whether it is an anonymous member, its bitfields, and its struct type's node.</summary>
public sealed record MirrorNodeField(string CSharpName, string CName, bool Anonymous, IReadOnlyList<MirrorBitField> BitFields, MirrorNode? Type);

/// <summary>
/// What the oracles ask gcc about mirrors, derived from the declarations alone: the members C names (those of anonymous
/// members included), and for a type without a name the <c>__typeof__</c> of a member that has it.
/// </summary>
public static class MirrorDescriptions
{
    /// <summary>
    /// The descriptions of every named mirror among <paramref name="nodes"/>, and of every type without a name that a
    /// named mirror reaches through named members (a type reached only as an anonymous member has no C spelling: it is
    /// checked through the mirror that contains it).
    /// </summary>
    public static IReadOnlyList<MirrorStruct> Describe(IEnumerable<MirrorNode> nodes)
    {
        var list = nodes.ToList();
        var result = new List<MirrorStruct>();
        var unnamed = new Dictionary<string, MirrorStruct>(StringComparer.Ordinal);
        foreach (var node in list.Where(n => !n.IsUnnamed))
        {
            result.Add(Describe(node, node.CName, node));
            Reach(node, node, string.Empty);
        }

        result.AddRange(list.Where(n => n.IsUnnamed).Select(n => unnamed.TryGetValue(n.CSharpName, out var d) ? d : null).OfType<MirrorStruct>());
        return result;

        void Reach(MirrorNode root, MirrorNode node, string prefix)
        {
            foreach (var field in node.Fields)
            {
                if (field.Type is not { IsUnnamed: true } type)
                {
                    continue;
                }

                var designator = field.Anonymous ? prefix : prefix + field.CName;
                if (!field.Anonymous && !unnamed.ContainsKey(type.CSharpName))
                {
                    unnamed[type.CSharpName] = Describe(type, $"__typeof__((({root.CName} *)0)->{designator})", root);
                }

                Reach(root, type, field.Anonymous ? prefix : designator + ".");
            }
        }
    }

    private static MirrorStruct Describe(MirrorNode node, string cType, MirrorNode root)
    {
        var fields = new List<MirrorField>();
        Add(node, string.Empty);
        if (node.Flexible is { } flexible)
        {
            fields.Add(new MirrorField(flexible, flexible, flexible, Array.Empty<MirrorBitField>(), IsFlexibleArray: true));
        }

        return new MirrorStruct(node.CSharpName, cType, root.Header, fields) { Includes = root.Includes, Defines = root.Defines, Growing = node.Growing };

        void Add(MirrorNode n, string path)
        {
            foreach (var field in n.Fields)
            {
                if (field.Anonymous && field.Type is { } type)
                {
                    Add(type, path + field.CSharpName + ".");
                }
                else
                {
                    fields.Add(new MirrorField(path + field.CSharpName, field.CName, field.CName, field.BitFields));
                }
            }
        }
    }
}
