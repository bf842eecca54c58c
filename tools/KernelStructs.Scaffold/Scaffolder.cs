using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using KernelStructs.Btf;

namespace KernelStructs.Scaffold;

/// <summary>What a scaffold is written for, besides the types.</summary>
public sealed class ScaffoldOptions
{
    /// <summary>The namespace of the output.</summary>
    public string Namespace { get; init; } = "KernelMirrors";

    /// <summary>Keep the C tag as the C# type name (<c>tcp_info</c>) instead of <c>TcpInfo</c>.</summary>
    public bool CTypeNames { get; init; }

    /// <summary>The header to name in <c>Header =</c> on every named mirror (<see langword="null"/>: none).</summary>
    public string? Header { get; init; }

    /// <summary>Whether the header is kernel-internal (<c>Internal = true</c>).</summary>
    public bool Internal { get; init; }

    /// <summary>Defines the header needs (<c>Defines =</c>), e.g. <c>_GNU_SOURCE</c>.</summary>
    public IReadOnlyList<string> Defines { get; init; } = Array.Empty<string>();

    /// <summary>Where the types come from, for each mirror's doc comment (<c>the BTF of Linux 6.18.0 (/sys/kernel/btf/vmlinux)</c>).</summary>
    public string Source { get; init; } = "BTF";

    /// <summary>The ABI the types were compiled for (<c>x86_64</c>), named in messages and doc comments; <see langword="null"/>: not stated.</summary>
    public string? Abi { get; init; }
}

/// <summary>A C type the scaffold cannot write as a mirror, with the reason.</summary>
public sealed class ScaffoldException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ScaffoldException(string message) : base(message) { }
}

/// <summary>
/// Writes <c>[KernelStruct]</c> declarations for C structs and unions described by BTF, following every type they hold by
/// value: named structs and unions become mirrors of their own, types without a name become nested types named after their
/// member, anonymous members get <c>[CField(Anonymous = true)]</c>, bitfields <c>[BitField]</c> on a storage unit, arrays
/// <c>fixed</c> buffers (<c>[CString]</c> for <c>char[N]</c>) or <c>[InlineArray]</c> types, a trailing <c>T x[]</c>
/// <c>[FlexibleArray]</c>, enums their integer type, pointers <c>nint</c>, <c>long</c> <c>CLong</c>, and
/// <c>__be16</c>/<c>__be32</c>/<c>__be64</c> (and <c>__le*</c>) the byte-order types. BTF has no alignments: where the
/// offsets show <c>packed</c> or <c>aligned(n)</c>, the output says so (<c>Packed</c>, <c>CField(Alignment)</c>,
/// <c>Alignment</c> on the type or the flexible array).
/// </summary>
public sealed class Scaffolder
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock", "long",
        "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected", "public",
        "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string", "struct", "switch",
        "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void",
        "volatile", "while",
    };

    private static readonly Dictionary<string, string> ByteOrderTypedefs = new(StringComparer.Ordinal)
    {
        ["__be16"] = "Be16", ["__be32"] = "Be32", ["__be64"] = "Be64",
        ["__le16"] = "Le16", ["__le32"] = "Le32", ["__le64"] = "Le64",
    };

    // Members the generator adds to every mirror: a nested type must not take their names.
    private static readonly string[] Reserved = { "Offsets", "SizeOf", "AlignOf", "Layout", "SizeFor", "FromSpan", "FromReadOnlySpan", "Read", "WriteTo", "AsBytes", "ToString" };

    // The structs the kernel extends at their end, as the shipped catalog states them (Extent = Growing): a scaffold of
    // one says so too, so that verification against a newer kernel reports its new members as newer, not as errors.
    private static readonly Lazy<HashSet<string>> Growing = new(() => KernelLayout.LayoutsOf(typeof(KernelStructAttribute).Assembly)
        .Where(l => l.Extent == StructExtent.Growing).Select(l => l.CName).ToHashSet(StringComparer.Ordinal));

    private readonly ScaffoldOptions _options;
    private readonly List<Mirror> _mirrors = new();
    private readonly Dictionary<(BtfTypes, int), Mirror> _byType = new();
    private readonly Dictionary<string, Mirror> _byName = new(StringComparer.Ordinal);
    private readonly HashSet<string> _topNames = new(StringComparer.Ordinal);

    /// <summary>Creates a scaffolder.</summary>
    public Scaffolder(ScaffoldOptions options) => _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Adds a named struct or union and every type it holds by value.</summary>
    /// <exception cref="ScaffoldException">The type is not a struct or union, or holds something no mirror can state.</exception>
    public void Add(BtfType type)
    {
        var resolved = type.Types.Resolve(type.Id);
        if (resolved.Kind is not (BtfKind.Struct or BtfKind.Union) || !resolved.HasName)
        {
            throw new ScaffoldException($"{type.Types.TypeName(type.Id)} is not a named struct or union");
        }

        MirrorOf(resolved, null, null);
    }

    /// <summary>Finds <paramref name="cName"/> (<c>struct tcp_info</c>, <c>union nf_inet_addr</c>, or a bare tag) in <paramref name="types"/>.</summary>
    public static BtfType? Find(BtfTypes types, string cName)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(cName);
        var (kind, name) = SplitCName(cName);
        return kind is { } k ? types.Find(name, k) : types.Find(name, BtfKind.Struct) ?? types.Find(name, BtfKind.Union);
    }

    /// <summary>Splits <c>struct x</c> into its kind and tag; a bare tag has no kind.</summary>
    public static (BtfKind? Kind, string Name) SplitCName(string cName)
    {
        ArgumentNullException.ThrowIfNull(cName);
        cName = cName.Trim();
        if (cName.StartsWith("struct ", StringComparison.Ordinal))
        {
            return (BtfKind.Struct, cName[7..].Trim());
        }

        return cName.StartsWith("union ", StringComparison.Ordinal) ? (BtfKind.Union, cName[6..].Trim()) : (null, cName);
    }

    /// <summary>
    /// Makes the mirrors hold on <paramref name="other"/>'s ABI too: <paramref name="other"/> scaffolded the same types from
    /// the same headers compiled for another ABI. Members are matched by their C designators, through anonymous members (an
    /// older header without <c>__struct_group</c> declares the same members without the anonymous union). Members whose C#
    /// type differs only because they are pointer-sized (a <c>size_t</c>: <c>CULong</c> on LP64, <c>uint</c> on 32-bit arm)
    /// become <c>nint</c>/<c>nuint</c>; any other difference is a <see cref="ScaffoldException"/> that names the member and
    /// what each ABI has.
    /// </summary>
    /// <exception cref="ScaffoldException">One mirror cannot state the type on both ABIs.</exception>
    public void Unify(Scaffolder other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var abi = _options.Abi ?? "this ABI";
        var otherAbi = other._options.Abi ?? "the other ABI";
        var theirMirrors = other._mirrors.ToDictionary(m => m.QualifiedName, StringComparer.Ordinal);
        var mineByName = _mirrors.ToDictionary(m => m.QualifiedName, StringComparer.Ordinal);
        var missing = _mirrors.Where(m => !theirMirrors.ContainsKey(m.QualifiedName) && !IsAnonymousMember(m)).Select(m => $"{m.QualifiedName} only on {abi}")
            .Concat(other._mirrors.Where(m => !mineByName.ContainsKey(m.QualifiedName) && !IsAnonymousMember(m)).Select(m => $"{m.QualifiedName} only on {otherAbi}"))
            .ToList();
        if (missing.Count > 0)
        {
            throw new ScaffoldException($"the types hold other types on {otherAbi} than on {abi} ({string.Join(", ", missing)}): one mirror cannot state both; scaffold for fewer ABIs (--abis)");
        }

        foreach (var mine in _mirrors.ToList())
        {
            if (!theirMirrors.TryGetValue(mine.QualifiedName, out var theirs))
            {
                continue;
            }

            string Differs(string what, object? here, object? there) =>
                $"{Describe(mine)}{what}: {abi} {here ?? "none"}, {otherAbi} {there ?? "none"}. Its C layout differs across the ABIs in a way one mirror cannot state: scaffold it for fewer ABIs (--abis), or write one mirror per ABI by hand";
            if (mine.Type.Kind != theirs.Type.Kind)
            {
                throw new ScaffoldException(Differs("", mine.Type.Kind, theirs.Type.Kind));
            }

            if (mine.Sizes.Count == 0)
            {
                mine.Sizes.Add((abi, mine.Type.Size));
            }

            mine.Sizes.Add((otherAbi, theirs.Type.Size));
            // aligned(n) on the last member (xt_hashlimit_mtinfo1's 4-byte hinfo on arm) reads as aligned(n) on the type
            // where the member's offset is aligned anyway: on the member, it holds on every ABI.
            if (mine.Packed == theirs.Packed && mine.TypeAlignment != theirs.TypeAlignment
                && Math.Max(mine.TypeAlignment, theirs.TypeAlignment) is var t && OnLastMember(mine, t) && OnLastMember(theirs, t))
            {
                mine.TypeAlignment = theirs.TypeAlignment = 0;
                mine.Fields[^1].Alignment = theirs.Fields[^1].Alignment = t;
            }

            if (mine.Packed != theirs.Packed || mine.TypeAlignment != theirs.TypeAlignment)
            {
                throw new ScaffoldException(Differs(" (packed, aligned)", $"{mine.Packed}, {mine.TypeAlignment}", $"{theirs.Packed}, {theirs.TypeAlignment}"));
            }

            // aligned(__alignof__(a struct of pointers)) on a flexible array (ebt_entry_match's data): the pointer's alignment on every ABI.
            if (mine.Flexible is { } f1 && theirs.Flexible is { } f2 && mine.FlexibleAlignment != theirs.FlexibleAlignment
                && PointerAligned(mine, f1.Offset) && PointerAligned(theirs, f2.Offset))
            {
                mine.FlexiblePointerAligned = true;
            }
            else if (mine.Flexible?.Element != theirs.Flexible?.Element || mine.Flexible?.Name != theirs.Flexible?.Name || (mine.FlexibleAlignment != theirs.FlexibleAlignment && !mine.FlexiblePointerAligned))
            {
                throw new ScaffoldException(Differs(" (flexible array)", mine.Flexible?.Element, theirs.Flexible?.Element));
            }

            if (!mine.Arrays.Select(a => (a.Name, a.Element.Name, a.Count)).SequenceEqual(theirs.Arrays.Select(a => (a.Name, a.Element.Name, a.Count))))
            {
                throw new ScaffoldException(Differs(" (arrays)", string.Join(", ", mine.Arrays.Select(a => $"{a.Element.Name}[{a.Count}]")), string.Join(", ", theirs.Arrays.Select(a => $"{a.Element.Name}[{a.Count}]"))));
            }

            // A mirror reached through an anonymous member on one ABI only is compared through its parent's members.
            if (!_mirrors.Contains(mine) || IsAnonymousMember(mine) || IsAnonymousMember(theirs))
            {
                continue;
            }

            var a = Members(mine, mineByName);
            var b = Members(theirs, theirMirrors);
            if (!a.Select(f => f.Name).SequenceEqual(b.Select(f => f.Name)))
            {
                // One ABI's headers have members the other's lack (a newer header's __struct_group adds a union alias):
                // the mirror takes the members both have, as the headers with fewer declare them.
                if (IsSubsequence(b, a))
                {
                    Adopt(mine, theirs);
                    mineByName = _mirrors.ToDictionary(m => m.QualifiedName, StringComparer.Ordinal);
                    (a, b) = (Members(mine, mineByName), a);
                }
                else if (!IsSubsequence(a, b))
                {
                    throw new ScaffoldException(Differs(" (members)", string.Join(", ", a.Select(f => f.Name)), string.Join(", ", b.Select(f => f.Name))));
                }

                var kept = a.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
                b = b.Where(f => kept.Contains(f.Name)).ToList();
            }

            for (var j = 0; j < a.Count; j++)
            {
                var (x, xMirror) = (a[j].Field, a[j].Mirror);
                var (y, yMirror) = (b[j].Field, b[j].Mirror);
                var what = "." + a[j].Name;
                // aligned(n) on a member that one ABI places there anyway (a pointer with aligned(8) on LP64): on the member on every ABI.
                if (x.Alignment != y.Alignment && Math.Max(x.Alignment, y.Alignment) is var m && x.Offset == y.Offset && x.Offset % m == 0
                    && xMirror.Type.Size % m == 0 && yMirror.Type.Size % m == 0)
                {
                    x.Alignment = y.Alignment = m;
                }

                if (x.Count != y.Count || x.CString != y.CString || x.Alignment != y.Alignment || (x.Alignment > 0 && x.Offset != y.Offset))
                {
                    throw new ScaffoldException(Differs(what, $"{x.Type.Name} {x.Name}[{x.Count}] at {x.Offset}", $"{y.Type.Name} {y.Name}[{y.Count}] at {y.Offset}"));
                }

                if (!x.BitFields.SequenceEqual(y.BitFields) || (x.BitFields.Count > 0 && x.Type != y.Type))
                {
                    throw new ScaffoldException(Differs(what, $"{x.Type.Name} {string.Join(", ", x.BitFields.Select(f => $"{f.Name}:{f.Width}"))}", $"{y.Type.Name} {string.Join(", ", y.BitFields.Select(f => $"{f.Name}:{f.Width}"))}"));
                }

                if (x.Type == y.Type)
                {
                    continue;
                }

                // Pointer-sized on both ABIs (a pointer, long, size_t, __kernel_ulong_t): nint/nuint hold on every ABI.
                if (x.Count == 0 && PointerSized(x, xMirror) && PointerSized(y, yMirror))
                {
                    x.Type = new TypeRef(Signed(x.Type.Name) || Signed(y.Type.Name) ? "nint" : "nuint", false);
                    continue;
                }

                throw new ScaffoldException(Differs(what, x.Type.Name, y.Type.Name));
            }
        }

        static bool PointerSized(Field field, Mirror mirror) =>
            field.Size == mirror.Type.Types.PointerSize && field.Type.Name is "nint" or "nuint" or "CLong" or "CULong" or "long" or "ulong" or "int" or "uint";

        static bool Signed(string name) => name is "nint" or "CLong" or "long" or "int";

        static bool OnLastMember(Mirror mirror, int alignment) =>
            mirror.Type.Kind == BtfKind.Struct && mirror.Fields.Count > 0 && mirror.Flexible is null && (mirror.TypeAlignment == 0 || mirror.TypeAlignment == alignment)
            && mirror.Fields[^1] is { BitFields.Count: 0 } last && (last.Alignment == 0 || last.Alignment == alignment)
            && last.Offset % alignment == 0 && mirror.Type.Size % alignment == 0;

        static bool PointerAligned(Mirror mirror, int offset) =>
            offset % mirror.Type.Types.PointerSize == 0 && (mirror.FlexibleAlignment == 0 || mirror.FlexibleAlignment == mirror.Type.Types.PointerSize);
    }

    private static bool IsSubsequence(List<(string Name, Field Field, Mirror Mirror)> shorter, List<(string Name, Field Field, Mirror Mirror)> longer)
    {
        var i = 0;
        foreach (var member in longer)
        {
            if (i < shorter.Count && shorter[i].Name == member.Name)
            {
                i++;
            }
        }

        return i == shorter.Count;
    }

    /// <summary>Gives <paramref name="mine"/> the members, nested types and arrays of <paramref name="theirs"/> (the same C type as other headers declare it).</summary>
    private void Adopt(Mirror mine, Mirror theirs)
    {
        foreach (var old in Descendants(mine))
        {
            _mirrors.Remove(old);
        }

        mine.Fields.Clear();
        mine.Fields.AddRange(theirs.Fields);
        mine.Nested.Clear();
        mine.Nested.AddRange(theirs.Nested);
        mine.Arrays.Clear();
        mine.Arrays.AddRange(theirs.Arrays);
        _mirrors.AddRange(Descendants(mine));

        static IEnumerable<Mirror> Descendants(Mirror mirror) => mirror.Nested.SelectMany(n => Descendants(n).Prepend(n)).ToList();
    }

    /// <summary>Whether <paramref name="mirror"/> is the type of an anonymous member of its parent.</summary>
    private static bool IsAnonymousMember(Mirror mirror)
        => mirror.Parent is { } parent && parent.Fields.Any(f => f.Anonymous && f.Type.Name == mirror.QualifiedName);

    /// <summary>The members of <paramref name="mirror"/> as C reaches them: those of anonymous members in their place, by C designator.</summary>
    private static List<(string Name, Field Field, Mirror Mirror)> Members(Mirror mirror, Dictionary<string, Mirror> byName)
    {
        var members = new List<(string, Field, Mirror)>();
        foreach (var field in mirror.Fields)
        {
            if (field.Anonymous && byName.TryGetValue(field.Type.Name, out var nested))
            {
                members.AddRange(Members(nested, byName));
            }
            else
            {
                members.Add((field.BitFields.Count > 0 ? string.Join(",", field.BitFields.Select(b => b.Name)) : field.Name, field, mirror));
            }
        }

        return members;
    }

    /// <summary>The C# source of every mirror added, in the order they were first needed.</summary>
    public string Write()
    {
        var text = new StringBuilder();
        text.Append("// Scaffolded by kernelstructs from ").Append(_options.Source).Append(".\n");
        text.Append("// Check it into source control and edit it freely: the generator and the verifiers keep it true to C.\n");
        text.Append("using System.Runtime.CompilerServices;\n");
        text.Append("using System.Runtime.InteropServices;\n");
        text.Append("using KernelStructs;\n\n");
        text.Append("namespace ").Append(_options.Namespace).Append(";\n");
        foreach (var mirror in _mirrors.Where(m => m.Parent is null))
        {
            text.Append('\n');
            WriteMirror(text, mirror, 0);
        }

        return text.ToString();
    }

    private Mirror MirrorOf(BtfType type, Mirror? parent, string? memberName)
    {
        if (_byType.TryGetValue((type.Types, type.Id), out var known))
        {
            return known;
        }

        // One mirror per named C type, however many BTF blobs (probes of several headers) describe it.
        var cName = type.Types.TypeName(type.Id);
        if (type.HasName && _byName.TryGetValue(cName, out known))
        {
            _byType[(type.Types, type.Id)] = known;
            return known;
        }

        var isUnion = type.Kind == BtfKind.Union;
        string name;
        if (type.HasName)
        {
            name = Unique(_options.CTypeNames ? Identifier(type.Name) : Pascal(type.Name), _topNames);
            parent = null;
        }
        else
        {
            name = Unique(Pascal(memberName ?? (isUnion ? "union" : "struct")), parent!.NestedNames);
        }

        var mirror = new Mirror(type, name, parent, type.HasName ? null : memberName);
        mirror.NestedNames.Add(name);
        foreach (var reserved in Reserved)
        {
            mirror.NestedNames.Add(reserved);
        }

        foreach (var member in type.Members)
        {
            mirror.NestedNames.Add(member.Name);
        }

        _byType[(type.Types, type.Id)] = mirror;
        if (type.HasName)
        {
            _byName[cName] = mirror;
        }

        _mirrors.Add(mirror);
        parent?.Nested.Add(mirror);
        Build(mirror);
        return mirror;
    }

    private static string Unique(string name, HashSet<string> taken)
    {
        if (taken.Add(name))
        {
            return name;
        }

        if (taken.Add(name + "Type"))
        {
            return name + "Type";
        }

        for (var i = 2; ; i++)
        {
            var candidate = name + i.ToString(CultureInfo.InvariantCulture);
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }
    }

    private void Build(Mirror mirror)
    {
        var type = mirror.Type;
        var types = type.Types;
        var members = type.Members;
        var isUnion = type.Kind == BtfKind.Union;
        var anonymous = 0;
        for (var i = 0; i < members.Length; i++)
        {
            var member = members[i];
            var resolved = types.Resolve(member.Type);
            var byteOffset = (int)(member.BitOffset / 8);
            var isLast = i == members.Length - 1;

            // A trailing T x[] or T x[0]: the flexible array member.
            if (!isUnion && isLast && resolved.Kind == BtfKind.Array && resolved.Array.Count == 0 && member.BitFieldSize == 0)
            {
                var element = TypeOf(mirror, resolved.Array.ElementType, member.Name, out var nested);
                if (nested > 0)
                {
                    element = InlineArray(mirror, member.Name + "_element", element, nested);
                }

                mirror.Flexible = (element.Name, member.Name, byteOffset, Align(types, resolved.Array.ElementType));
                continue;
            }

            // A member that takes no bytes (struct { } __nfct_hash_offsetend): C# has no empty struct, and the verifiers
            // say such members need no counterpart.
            if (member.BitFieldSize == 0 && types.SizeOf(member.Type) == 0)
            {
                continue;
            }

            if (IsBitField(member, resolved))
            {
                AddBitField(mirror, member, resolved);
                continue;
            }

            if (!member.HasName && resolved.Kind is not (BtfKind.Struct or BtfKind.Union))
            {
                throw new ScaffoldException($"{Describe(mirror)} has an anonymous member of type {types.TypeName(member.Type)}");
            }

            var index = anonymous;
            var name = member.HasName ? member.Name : "anon" + (anonymous++).ToString(CultureInfo.InvariantCulture);
            var typeRef = TypeOf(mirror, member.Type, member.HasName ? member.Name : (resolved.Kind == BtfKind.Union ? "u" : "s") + index.ToString(CultureInfo.InvariantCulture), out var count);
            mirror.Fields.Add(new Field(Identifier(name), byteOffset, SizeOf(types, member.Type), Align(types, member.Type))
            {
                Anonymous = !member.HasName,
                Type = typeRef,
                Count = count,
                CString = count > 0 && resolved.Kind == BtfKind.Array && IsChar(types, resolved.Array.ElementType),
                CDeclaration = Declaration(types, member),
            });
        }

        InferAlignment(mirror);
    }

    /// <summary>The member as C declares it: <c>__u32 all[4]</c>, <c>union { ... };</c>.</summary>
    private static string Declaration(BtfTypes types, BtfMember member)
    {
        var type = types.TypeName(member.Type);
        var bracket = type.EndsWith(']') ? type.IndexOf('[', StringComparison.Ordinal) : -1;
        return bracket < 0 ? (member.HasName ? $"{type} {member.Name}" : type + ";") : $"{type[..bracket]} {member.Name}{type[bracket..]}";
    }

    private static bool IsBitField(BtfMember member, BtfType resolved)
        => member.BitFieldSize > 0 || (resolved.Kind == BtfKind.Int && resolved.IntBits != resolved.Size * 8);

    private void AddBitField(Mirror mirror, BtfMember member, BtfType resolved)
    {
        var types = mirror.Type.Types;
        var width = member.BitFieldSize > 0 ? member.BitFieldSize : resolved.IntBits;
        var unitSize = resolved.Kind is BtfKind.Enum or BtfKind.Enum64 or BtfKind.Int ? resolved.Size : 0;
        if (unitSize is not (1 or 2 or 4 or 8))
        {
            throw new ScaffoldException($"{Describe(mirror)}.{member.Name}: a bitfield of type {types.TypeName(member.Type)} has no storage unit a mirror can declare");
        }

        var unitBits = unitSize * 8;
        var unitStart = (int)(member.BitOffset / (uint)unitBits) * unitSize;
        var bitInUnit = (int)(member.BitOffset - (uint)(unitStart * 8));
        var last = mirror.Fields.Count > 0 ? mirror.Fields[^1] : null;
        if (last is { BitFields.Count: > 0 } && last.Offset == unitStart && last.Size == unitSize && last.UsedBits == bitInUnit && bitInUnit + width <= unitBits)
        {
            last.BitFields.Add((member.Name, width));
            last.UsedBits += width;
            return;
        }

        if (bitInUnit != 0)
        {
            throw new ScaffoldException($"{Describe(mirror)}.{member.Name}: the bitfield starts at bit {bitInUnit} of a {unitSize}-byte storage unit that earlier members share; a mirror declares whole storage units (write this one by hand)");
        }

        var signed = resolved.Kind == BtfKind.Int ? resolved.IntEncoding.HasFlag(BtfIntEncoding.Signed) : resolved.KindFlag;
        var field = new Field("_bitfields" + mirror.Fields.Count(f => f.BitFields.Count > 0).ToString(CultureInfo.InvariantCulture), unitStart, unitSize, unitSize)
        {
            Type = new TypeRef(IntegerName(unitSize, signed), true),
            UsedBits = width,
        };
        field.BitFields.Add((member.Name, width));
        mirror.Fields.Add(field);
    }

    /// <summary>The name of the typedef a header probe declares as <c>char[_Alignof(T)]</c>, so that the BTF states <c>T</c>'s alignment.</summary>
    public static string AlignmentHint(BtfKind kind, string tag) => $"__kernelstructs_alignof_{(kind == BtfKind.Union ? "union" : "struct")}_{tag}";

    /// <summary>The alignment a header probe stated for <paramref name="type"/> (<see cref="AlignmentHint"/>), or 0.</summary>
    private static int StatedAlignment(BtfType type)
        => type.HasName && type.Types.Find(AlignmentHint(type.Kind, type.Name), BtfKind.Typedef) is { } hint
            && type.Types.Resolve(hint.Id) is { Kind: BtfKind.Array } array ? (int)array.Array.Count : 0;

    /// <summary>Finds where C's offsets say <c>packed</c> or <c>aligned(n)</c>, since BTF states offsets and sizes only.</summary>
    private void InferAlignment(Mirror mirror)
    {
        InferLayoutAlignment(mirror);

        // An alignment the offsets do not show, which the probe stated: on the flexible array where it is aligned to it,
        // else on the type.
        var stated = StatedAlignment(mirror.Type);
        if (stated > mirror.Align)
        {
            if (mirror.Flexible is { } flexible && flexible.Offset % stated == 0 && !mirror.Packed)
            {
                mirror.FlexibleAlignment = stated;
            }
            else
            {
                mirror.TypeAlignment = stated;
            }

            mirror.Align = stated;
        }
    }

    private void InferLayoutAlignment(Mirror mirror)
    {
        var isUnion = mirror.Type.Kind == BtfKind.Union;
        var size = mirror.Type.Size;
        bool Fits(bool packed)
        {
            var end = 0;
            var align = 1;
            foreach (var field in mirror.Fields)
            {
                var natural = packed ? 1 : field.Align;
                var want = isUnion ? 0 : AlignUp(end, natural);
                field.Alignment = 0;
                if (field.Offset != want)
                {
                    // aligned(n) on the member: the smallest power of two above its own alignment that puts it there.
                    var p = Math.Max(natural, 1) * 2;
                    while (p <= 4096 && AlignUp(end, p) != field.Offset)
                    {
                        p *= 2;
                    }

                    if (p > 4096 || isUnion || field.Offset < want)
                    {
                        return false;
                    }

                    field.Alignment = p;
                    natural = p;
                }

                align = Math.Max(align, natural);
                end = Math.Max(end, field.Offset + field.Size);
            }

            mirror.FlexibleAlignment = 0;
            if (mirror.Flexible is { } flexible)
            {
                var natural = packed ? 1 : flexible.Align;
                if (AlignUp(end, natural) != flexible.Offset)
                {
                    var p = natural * 2;
                    while (p <= 4096 && AlignUp(end, p) != flexible.Offset)
                    {
                        p *= 2;
                    }

                    if (p > 4096)
                    {
                        return false;
                    }

                    mirror.FlexibleAlignment = p;
                    natural = p;
                }

                align = Math.Max(align, natural);
            }

            mirror.TypeAlignment = 0;
            if (AlignUp(end, align) != size)
            {
                var p = align * 2;
                while (p <= 4096 && AlignUp(end, p) != size)
                {
                    p *= 2;
                }

                if (p > 4096)
                {
                    return false;
                }

                mirror.TypeAlignment = p;
                align = p;
            }

            mirror.Align = align;
            return true;
        }

        if (Fits(packed: false))
        {
            return;
        }

        mirror.Packed = true;
        if (!Fits(packed: true))
        {
            throw new ScaffoldException($"{Describe(mirror)}: its members' offsets and its size ({size}) follow neither C's natural layout nor a packed one");
        }
    }

    private static int AlignUp(int value, int align) => align <= 1 ? value : (value + align - 1) / align * align;

    private static int SizeOf(BtfTypes types, int id)
        => types.SizeOf(id) is { } size and <= int.MaxValue ? (int)size : throw new ScaffoldException($"{types.TypeName(id)} has no size (an incomplete type)");

    /// <summary>The alignment C gives a type; for a struct or union, the one its mirror found.</summary>
    private int Align(BtfTypes types, int id)
    {
        var resolved = types.Resolve(id);
        switch (resolved.Kind)
        {
            case BtfKind.Array:
                return Align(types, resolved.Array.ElementType);
            case BtfKind.Ptr:
                return types.PointerSize;
            case BtfKind.Struct or BtfKind.Union:
                return _byType.TryGetValue((types, resolved.Id), out var mirror) ? mirror.Align : 1;
            default:
                return Math.Clamp(resolved.Size, 1, 16);
        }
    }

    private static bool IsChar(BtfTypes types, int id)
        => types.Resolve(id) is { Kind: BtfKind.Int, Size: 1 } t && t.Name == "char";

    private static string IntegerName(int size, bool signed) => (size, signed) switch
    {
        (1, true) => "sbyte",
        (1, false) => "byte",
        (2, true) => "short",
        (2, false) => "ushort",
        (4, true) => "int",
        (4, false) => "uint",
        (8, true) => "long",
        (8, false) => "ulong",
        _ => throw new ScaffoldException($"no C# integer has {size} bytes"),
    };

    /// <summary>The C# type of a member of C type <paramref name="id"/>; <paramref name="count"/> is the length of a fixed buffer, or 0.</summary>
    private TypeRef TypeOf(Mirror mirror, int id, string memberName, out int count)
    {
        count = 0;
        var types = mirror.Type.Types;
        var current = types[id];
        for (var step = 0; step < BtfTypes.MaxChain; step++)
        {
            if (current.Kind == BtfKind.Typedef && ByteOrderTypedefs.TryGetValue(current.Name, out var byteOrder))
            {
                return new TypeRef(byteOrder, false);
            }

            if (current.Kind is not (BtfKind.Typedef or BtfKind.Const or BtfKind.Volatile or BtfKind.Restrict or BtfKind.TypeTag))
            {
                break;
            }

            current = types[current.Type];
        }

        switch (current.Kind)
        {
            case BtfKind.Int:
                if (current.IntEncoding.HasFlag(BtfIntEncoding.Bool) || current.Name == "char")
                {
                    return new TypeRef("byte", true);
                }

                var signed = current.IntEncoding.HasFlag(BtfIntEncoding.Signed);
                if (current.Size == types.PointerSize && current.Name.Contains("long", StringComparison.Ordinal) && !current.Name.Contains("long long", StringComparison.Ordinal))
                {
                    return new TypeRef(signed ? "CLong" : "CULong", false);
                }

                return new TypeRef(IntegerName(current.Size, signed), true);
            case BtfKind.Enum or BtfKind.Enum64:
                return new TypeRef(IntegerName(current.Size, current.KindFlag), true);
            case BtfKind.Float when current.Size is 4 or 8:
                return new TypeRef(current.Size == 4 ? "float" : "double", true);
            case BtfKind.Ptr:
                return new TypeRef("nint", false);
            case BtfKind.Struct or BtfKind.Union:
                return new TypeRef(MirrorOf(current, mirror, memberName).QualifiedName, false);
            case BtfKind.Array:
                var array = current.Array;
                var element = TypeOf(mirror, array.ElementType, memberName, out var inner);
                if (element.IsFixed && inner == 0)
                {
                    count = (int)Math.Min(array.Count, int.MaxValue);
                    return element;
                }

                if (inner > 0)
                {
                    // An array of arrays of primitives: the inner one as an inline array too.
                    element = InlineArray(mirror, memberName + "_inner", element, inner);
                }

                return InlineArray(mirror, memberName, element, (int)Math.Min(array.Count, int.MaxValue));
            default:
                throw new ScaffoldException($"{Describe(mirror)}.{memberName} has type {types.TypeName(id)}, which a mirror cannot hold by value");
        }
    }

    private TypeRef InlineArray(Mirror mirror, string memberName, TypeRef element, int count)
    {
        var name = Unique(Pascal(memberName) + "Array", mirror.NestedNames);
        mirror.Arrays.Add((name, element, count));
        return new TypeRef(mirror.QualifiedName + "." + name, false);
    }

    /// <summary><c>nf_conntrack_tuple</c> as <c>NfConntrackTuple</c>.</summary>
    public static string Pascal(string cName)
    {
        ArgumentNullException.ThrowIfNull(cName);
        var text = new StringBuilder();
        foreach (var part in cName.Split('_', StringSplitOptions.RemoveEmptyEntries))
        {
            text.Append(char.ToUpperInvariant(part[0])).Append(part, 1, part.Length - 1);
        }

        if (text.Length == 0 || char.IsDigit(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.ToString();
    }

    /// <summary>A C name as a C# identifier (<c>in</c> as <c>@in</c>).</summary>
    public static string Identifier(string cName) => Keywords.Contains(cName) ? "@" + cName : cName;

    private static string Xml(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private void WriteMirror(StringBuilder text, Mirror mirror, int depth)
    {
        var pad = new string(' ', depth * 4);
        var type = mirror.Type;
        var types = type.Types;
        var isUnion = type.Kind == BtfKind.Union;
        var tag = isUnion ? "union" : "struct";
        if (mirror.Parent is null)
        {
            var sizes = mirror.Sizes.Count == 0
                ? type.Size.ToString(CultureInfo.InvariantCulture) + " bytes" + (_options.Abi is { } abi ? " on " + abi : "")
                : string.Join(", ", mirror.Sizes.GroupBy(s => s.Size).Select(g => $"{g.Key.ToString(CultureInfo.InvariantCulture)} bytes on {string.Join(", ", g.Select(s => s.Abi))}"));
            text.Append(pad).Append("/// <summary><c>").Append(tag).Append(' ').Append(Xml(type.Name)).Append("</c> (").Append(sizes)
                .Append("), from ").Append(Xml(_options.Source)).Append(".</summary>\n");
        }
        else
        {
            text.Append(pad).Append("/// <summary>The ").Append(tag).Append(" without a name of <c>").Append(Xml(mirror.MemberName ?? "")).Append("</c>.</summary>\n");
        }

        text.Append(pad).Append("[KernelStruct(\"").Append(tag);
        if (type.HasName)
        {
            text.Append(' ').Append(type.Name);
        }

        text.Append('"');
        if (mirror.Parent is null)
        {
            if (_options.Header is { } header)
            {
                text.Append(", Header = \"").Append(header).Append('"');
            }

            if (_options.Internal)
            {
                text.Append(", Internal = true");
            }

            if (Growing.Value.Contains(type.Types.TypeName(type.Id)))
            {
                text.Append(", Extent = StructExtent.Growing");
            }

            if (_options.Defines.Count > 0)
            {
                text.Append(", Defines = new[] { ").Append(string.Join(", ", _options.Defines.Select(d => "\"" + d + "\""))).Append(" }");
            }
        }

        if (mirror.Packed)
        {
            text.Append(", Packed = true");
        }

        if (mirror.TypeAlignment > 0)
        {
            text.Append(", Alignment = ").Append(mirror.TypeAlignment.ToString(CultureInfo.InvariantCulture));
        }

        text.Append(")]\n");
        if (mirror.Flexible is { } flexible)
        {
            text.Append(pad).Append("[FlexibleArray(typeof(").Append(flexible.Element).Append("), \"").Append(flexible.Name).Append('"');
            if (mirror.FlexiblePointerAligned)
            {
                text.Append(", Alignment = FlexibleArrayAttribute.PointerAlignment");
            }
            else if (mirror.FlexibleAlignment > 0)
            {
                text.Append(", Alignment = ").Append(mirror.FlexibleAlignment.ToString(CultureInfo.InvariantCulture));
            }

            text.Append(")]\n");
        }

        var explicitLayout = isUnion || mirror.Fields.Any(f => f.Alignment > 0);
        if (explicitLayout)
        {
            text.Append(pad).Append("[StructLayout(LayoutKind.Explicit)]\n");
        }

        var isUnsafe = mirror.Fields.Any(f => f.Count > 0);
        text.Append(pad).Append("public ").Append(isUnsafe ? "unsafe " : "").Append("partial struct ").Append(mirror.Name).Append('\n');
        text.Append(pad).Append("{\n");
        var first = true;
        foreach (var field in mirror.Fields)
        {
            if (!first)
            {
                text.Append('\n');
            }

            first = false;
            text.Append(pad).Append("    /// <summary>").Append(field.BitFields.Count > 0
                ? "Storage unit of <c>" + Xml(string.Join(", ", field.BitFields.Select(b => $"{b.Name}:{b.Width}"))) + "</c>"
                : "<c>" + Xml(field.CDeclaration) + "</c>").Append(".</summary>\n");
            foreach (var (name, width) in field.BitFields)
            {
                text.Append(pad).Append("    [BitField(\"").Append(name).Append("\", ").Append(width.ToString(CultureInfo.InvariantCulture)).Append(")]\n");
            }

            var attributes = new List<string>();
            if (explicitLayout)
            {
                attributes.Add($"FieldOffset({field.Offset.ToString(CultureInfo.InvariantCulture)})");
            }

            if (field.Anonymous || field.Alignment > 0)
            {
                var arguments = new List<string>();
                if (field.Anonymous)
                {
                    arguments.Add("Anonymous = true");
                }

                if (field.Alignment > 0)
                {
                    arguments.Add("Alignment = " + field.Alignment.ToString(CultureInfo.InvariantCulture));
                }

                attributes.Add("CField(" + string.Join(", ", arguments) + ")");
            }

            if (field.CString)
            {
                attributes.Add("CString");
            }

            text.Append(pad).Append("    ");
            if (attributes.Count > 0)
            {
                text.Append('[').Append(string.Join(", ", attributes)).Append("] ");
            }

            text.Append("public ").Append(field.Count > 0 ? "fixed " : "").Append(field.Type.Name).Append(' ').Append(field.Name);
            if (field.Count > 0)
            {
                text.Append('[').Append(field.Count.ToString(CultureInfo.InvariantCulture)).Append(']');
            }

            text.Append(";\n");
        }

        foreach (var nested in mirror.Nested)
        {
            text.Append('\n');
            WriteMirror(text, nested, depth + 1);
        }

        foreach (var (name, element, count) in mirror.Arrays)
        {
            text.Append('\n');
            text.Append(pad).Append("    /// <summary>").Append(count.ToString(CultureInfo.InvariantCulture)).Append(" elements of <c>").Append(element.Name).Append("</c>.</summary>\n");
            text.Append(pad).Append("    [InlineArray(").Append(count.ToString(CultureInfo.InvariantCulture)).Append(")]\n");
            text.Append(pad).Append("    public struct ").Append(name).Append('\n');
            text.Append(pad).Append("    {\n");
            text.Append(pad).Append("        private ").Append(element.Name).Append(" _element;\n");
            text.Append(pad).Append("    }\n");
        }

        text.Append(pad).Append("}\n");
    }

    private static string Describe(Mirror mirror)
        => mirror.Type.HasName ? mirror.Type.Types.TypeName(mirror.Type.Id) : (mirror.Parent is null ? "" : Describe(mirror.Parent) + ".") + mirror.Name;

    private sealed class Mirror
    {
        public Mirror(BtfType type, string name, Mirror? parent, string? memberName)
        {
            Type = type;
            Name = name;
            Parent = parent;
            MemberName = memberName;
        }

        public BtfType Type { get; }
        public string Name { get; }
        public Mirror? Parent { get; }
        public string? MemberName { get; }
        public string QualifiedName => Parent is null ? Name : Parent.QualifiedName + "." + Name;
        public List<Field> Fields { get; } = new();
        public List<Mirror> Nested { get; } = new();
        public List<(string Name, TypeRef Element, int Count)> Arrays { get; } = new();
        public HashSet<string> NestedNames { get; } = new(StringComparer.Ordinal);
        public (string Element, string Name, int Offset, int Align)? Flexible { get; set; }
        public int FlexibleAlignment { get; set; }
        public bool FlexiblePointerAligned { get; set; }
        public int TypeAlignment { get; set; }
        public int Align { get; set; } = 1;
        public bool Packed { get; set; }
        public List<(string Abi, int Size)> Sizes { get; } = new();
    }

    private sealed class Field
    {
        public Field(string name, int offset, int size, int align)
        {
            Name = name;
            Offset = offset;
            Size = size;
            Align = align;
        }

        public string Name { get; }
        public int Offset { get; }
        public int Size { get; }
        public int Align { get; }
        public bool Anonymous { get; init; }
        public TypeRef Type { get; set; } = new("byte", true);
        public int Count { get; init; }
        public bool CString { get; init; }
        public string CDeclaration { get; init; } = string.Empty;
        public int Alignment { get; set; }
        public int UsedBits { get; set; }
        public List<(string Name, int Width)> BitFields { get; } = new();
    }

    private readonly record struct TypeRef(string Name, bool IsFixed);
}
