using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using KernelStructs.Btf;

namespace KernelStructs;

/// <summary>
/// Checks mirrors against the running kernel's own type information (BTF, <c>/sys/kernel/btf</c>): each member's offset
/// and size, bitfield positions and widths, the struct's size, members of nested and anonymous types, the way the
/// kernel the process runs on lays them out. No headers or compiler needed. A service calls it at start-up and refuses a
/// kernel whose struct changed:
/// <code>KernelLayout.Verify&lt;NfConntrackTuple&gt;().ThrowIfFailed();</code>
/// </summary>
/// <remarks>
/// <para>
/// A struct is looked up by its C name in vmlinux's BTF, then in each loaded module's. Members are found by C name as C
/// does, through anonymous members; BTF has no alignment, so only sizes and offsets are compared. A missing BTF, or a type
/// no BTF has (its module is not loaded), is a warning in the report that says so, never an exception.
/// </para>
/// <para>Reading vmlinux's BTF takes tens of milliseconds: to check several times, open it once with <see cref="KernelBtf.TryOpen"/> and pass it.</para>
/// </remarks>
public static class KernelLayout
{
    /// <summary>Checks the mirror <typeparamref name="T"/> against <paramref name="btf"/>, by default the running kernel's.</summary>
    public static KernelLayoutReport Verify<T>(KernelBtf? btf = null)
        where T : IKernelStruct => Verify(new[] { T.Layout }, btf);

    /// <summary>Checks every mirror of <paramref name="assembly"/> (those the generator registered: every named, accessible mirror).</summary>
    public static KernelLayoutReport VerifyAll(Assembly assembly, KernelBtf? btf = null) => Verify(LayoutsOf(assembly), btf);

    /// <summary>The layouts of the mirrors <paramref name="assembly"/> registers.</summary>
    public static IReadOnlyList<KernelStructLayout> LayoutsOf(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetCustomAttributes<KernelStructRegistrationAttribute>().Select(r => r.Layout).ToList();
    }

    /// <summary>Checks the given layouts against the BTF in <paramref name="btfDirectory"/> (a copy of another machine's <c>/sys/kernel/btf</c>, say).</summary>
    public static KernelLayoutReport Verify(IEnumerable<KernelStructLayout> layouts, string btfDirectory)
    {
        ArgumentNullException.ThrowIfNull(btfDirectory);
        return Verify(layouts, null, btfDirectory);
    }

    /// <summary>Checks the given layouts against <paramref name="btf"/>, by default the running kernel's.</summary>
    public static KernelLayoutReport Verify(IEnumerable<KernelStructLayout> layouts, KernelBtf? btf = null) => Verify(layouts, btf, KernelBtf.DefaultDirectory);

    private static KernelLayoutReport Verify(IEnumerable<KernelStructLayout> layouts, KernelBtf? btf, string btfDirectory)
    {
        ArgumentNullException.ThrowIfNull(layouts);
        var list = layouts.Where(l => !l.IsUnnamed).ToList();
        if (btf is null && !KernelBtf.TryOpen(out btf, out var problem, btfDirectory))
        {
            var finding = new KernelLayoutFinding("KS1213", KernelLayoutSeverity.Warning, $"no kernel BTF to check {list.Count} mirror(s) against: {problem}");
            return new KernelLayoutReport(new[] { finding }, Array.Empty<string>(), list.Select(l => l.TypeName).ToList(), problem);
        }

        var findings = new List<KernelLayoutFinding>();
        var verified = new List<string>();
        var notVerified = new List<string>();
        foreach (var layout in list)
        {
            try
            {
                if (!btf.TryFind(layout.CName, out var type, out var where))
                {
                    notVerified.Add(layout.TypeName);
                    findings.Add(new KernelLayoutFinding("KS1213", KernelLayoutSeverity.Warning, $"{Short(layout.TypeName)} is not checked: {where}")
                    {
                        Type = layout.TypeName,
                        CType = layout.CName,
                    });
                    continue;
                }

                new Comparison(layout, where, findings).Struct(layout, type, string.Empty, string.Empty, 0);
                verified.Add(layout.TypeName);
            }
            catch (BtfFormatException e)
            {
                notVerified.Add(layout.TypeName);
                findings.Add(new KernelLayoutFinding("KS1213", KernelLayoutSeverity.Warning, $"{Short(layout.TypeName)} is not checked: the kernel's BTF is malformed: {e.Message}")
                {
                    Type = layout.TypeName,
                    CType = layout.CName,
                });
            }
        }

        return new KernelLayoutReport(findings.OrderBy(f => f.Severity).ToList(), verified, notVerified, null);
    }

    private static string Short(string type) => type[(type.LastIndexOf('.') + 1)..];

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>One mirror against its BTF type; nested types recurse with their paths.</summary>
    private sealed class Comparison
    {
        private const int MaxDepth = 64;
        private readonly KernelStructLayout _top;
        private readonly string _where;
        private readonly List<KernelLayoutFinding> _findings;

        public Comparison(KernelStructLayout top, string where, List<KernelLayoutFinding> findings)
        {
            _top = top;
            _where = where;
            _findings = findings;
        }

        /// <summary>
        /// Compares a struct's layout with a BTF struct or union; <paramref name="path"/> and <paramref name="cPath"/> lead to it
        /// from the top ("" at the top, else ending in '.'), and <paramref name="baseOffset"/> is where it starts in the top
        /// struct: reported offsets are from the top, as <c>offsetof(struct nf_conntrack_tuple, dst.dir)</c> is.
        /// </summary>
        public void Struct(KernelStructLayout layout, BtfType type, string path, string cPath, long baseOffset, int depth = 0)
        {
            if (depth > MaxDepth)
            {
                throw new BtfFormatException($"type id {type.Id} nests more than {MaxDepth} levels");
            }

            var btf = type.Types;
            var kernelIsUnion = type.Kind == BtfKind.Union;
            if (layout.IsUnion != kernelIsUnion)
            {
                Report("KS1212", KernelLayoutSeverity.Error, path.TrimEnd('.'), cPath.TrimEnd('.'), null, null, null,
                    $"the mirror declares a {(layout.IsUnion ? "union" : "struct")} but the kernel has a {(kernelIsUnion ? "union" : "struct")}");
                return;
            }

            var kernelSize = type.Size;
            var end = layout.Members.Select(m => m.Offset + m.Size).DefaultIfEmpty(0).Max();
            var growing = depth == 0 && layout.Extent == StructExtent.Growing;
            var prefix = depth == 0 && layout.Extent == StructExtent.Prefix;
            if (prefix ? kernelSize < end : !growing && kernelSize != layout.Size)
            {
                Mismatch(path.TrimEnd('.'), cPath.TrimEnd('.'), "sizeof", prefix ? end : layout.Size, kernelSize, prefix ? "at least " : string.Empty);
            }

            var matched = new HashSet<string>(StringComparer.Ordinal);
            var newer = new List<string>();
            foreach (var member in layout.Members)
            {
                if (member.BitFields.Count > 0)
                {
                    BitFields(member, type, path, cPath, baseOffset, matched, growing ? kernelSize : int.MaxValue, newer);
                }
                else if (member.IsAnonymous)
                {
                    // C names the members of an anonymous member as members of the type: find them that way.
                    foreach (var inner in Flatten(member.Type?.Members ?? Array.Empty<KernelMemberLayout>(), member.Offset, path + member.Name + "."))
                    {
                        Member(inner.Member, inner.Offset, inner.Path, type, cPath, baseOffset, matched, growing ? kernelSize : int.MaxValue, newer, depth);
                    }
                }
                else
                {
                    Member(member, member.Offset, path + member.Name, type, cPath, baseOffset, matched, growing ? kernelSize : int.MaxValue, newer, depth);
                }
            }

            if (layout.Flexible is { } flexible)
            {
                matched.Add(flexible.CName);
                if (!Find(type, flexible.CName, out var bit, out _))
                {
                    Missing(path + flexible.CName, cPath + flexible.CName);
                }
                else if (bit / 8 != flexible.Offset || bit % 8 != 0)
                {
                    Mismatch(path + flexible.CName, cPath + flexible.CName, "offset", baseOffset + flexible.Offset, baseOffset + (bit / 8), string.Empty);
                }
            }

            if (growing && newer.Count > 0)
            {
                Report("KS1214", KernelLayoutSeverity.Info, null, null, "sizeof", layout.Size, kernelSize,
                    $"{Short(_top.TypeName)} follows a newer {_top.CName} than the running kernel ({I(layout.Size)} bytes in the mirror, {I(kernelSize)} in {_where}): the kernel has no {string.Join(", ", newer)}; the members both have match");
            }
            else if (growing && kernelSize != layout.Size)
            {
                Report("KS1214", KernelLayoutSeverity.Info, null, null, "sizeof", layout.Size, kernelSize,
                    $"{Short(_top.TypeName)} follows an older {_top.CName} than the running kernel ({I(layout.Size)} bytes in the mirror, {I(kernelSize)} in {_where}); the members both have match");
            }

            Extra(type, path, cPath, baseOffset, matched, prefix || growing ? end : int.MaxValue);
        }

        private void Member(KernelMemberLayout member, int offset, string path, BtfType parent, string cPath, long baseOffset, HashSet<string> matched, long newerFrom, List<string> newer, int depth)
        {
            var cName = member.CName!;
            var designator = cPath + cName;
            matched.Add(cName);
            if (!Find(parent, cName, out var bit, out var btfMember))
            {
                if (offset >= newerFrom)
                {
                    newer.Add(cName);
                }
                else
                {
                    Missing(path, designator);
                }

                return;
            }

            var btf = parent.Types;
            var width = Width(btf, btfMember);
            if (width > 0)
            {
                Report("KS1212", KernelLayoutSeverity.Error, path, designator, null, null, null,
                    $"{Short(_top.TypeName)}.{path} -> {_top.CName}.{designator}: the kernel's member is a {I(width)}-bit bitfield, the mirror's a {I(member.Size)}-byte member");
                return;
            }

            if (bit % 8 != 0 || bit / 8 != offset)
            {
                Mismatch(path, designator, "offset", baseOffset + offset, baseOffset + (bit / 8), string.Empty);
            }

            var size = btf.SizeOf(btfMember.Type);
            if (size != member.Size)
            {
                Mismatch(path, designator, "size", member.Size, size ?? 0, string.Empty);
            }

            if (member.Type is { } nested && btf.Resolve(btfMember.Type) is { Kind: BtfKind.Struct or BtfKind.Union } kernelType)
            {
                Struct(nested, kernelType, path + ".", designator + ".", baseOffset + (bit / 8), depth + 1);
            }
        }

        private void BitFields(KernelMemberLayout unit, BtfType parent, string path, string cPath, long baseOffset, HashSet<string> matched, long newerFrom, List<string> newer)
        {
            var position = 0;
            foreach (var bitField in unit.BitFields)
            {
                var expected = ((long)unit.Offset * 8) + position;
                var absolute = baseOffset * 8;
                position += bitField.Width;
                matched.Add(bitField.Name);
                if (!Find(parent, bitField.Name, out var bit, out var btfMember))
                {
                    if (unit.Offset >= newerFrom)
                    {
                        newer.Add(bitField.Name);
                    }
                    else
                    {
                        Missing(path + bitField.Name, cPath + bitField.Name);
                    }

                    continue;
                }

                if (bit != expected)
                {
                    Report("KS1211", KernelLayoutSeverity.Error, path + bitField.Name, cPath + bitField.Name, "bit offset", absolute + expected, absolute + bit,
                        $"{Short(_top.TypeName)}.{path}{bitField.Name} -> {_top.CName}.{cPath}{bitField.Name}: bit offset is {I(absolute + expected)} in the C# mirror but {I(absolute + bit)} in the running kernel ({_where} BTF)");
                }

                var width = Width(parent.Types, btfMember);
                if (width != bitField.Width)
                {
                    Report("KS1211", KernelLayoutSeverity.Error, path + bitField.Name, cPath + bitField.Name, "width", bitField.Width, width,
                        $"{Short(_top.TypeName)}.{path}{bitField.Name} -> {_top.CName}.{cPath}{bitField.Name}: width is {I(bitField.Width)} bits in the C# mirror but {(width == 0 ? "not a bitfield" : I(width) + " bits")} in the running kernel ({_where} BTF)");
                }
            }
        }

        /// <summary>Members of the kernel's type the mirror does not name: a warning, or information when they take no bytes of their own or lie past a prefix.</summary>
        private void Extra(BtfType type, string path, string cPath, long baseOffset, HashSet<string> matched, long from)
        {
            var members = new List<(string Name, long Bit, long Size)>();
            Named(type, 0, members, 0);
            var covered = members.Where(m => matched.Contains(m.Name)).Select(m => (Start: m.Bit / 8, End: (m.Bit / 8) + m.Size)).ToList();
            foreach (var (name, bit, size) in members.Where(m => !matched.Contains(m.Name)))
            {
                var offset = bit / 8;
                if (offset >= from)
                {
                    continue;
                }

                var alias = size > 0 && Covered(covered, offset, offset + size);
                var severity = size == 0 || alias ? KernelLayoutSeverity.Info : KernelLayoutSeverity.Warning;
                var why = size == 0 ? " (it takes no bytes)" : alias ? " (it overlaps members the mirror declares)" : string.Empty;
                Report("KS1214", severity, path + name, cPath + name, null, null, null,
                    $"{Short(_top.TypeName)}{(path.Length == 0 ? string.Empty : "." + path.TrimEnd('.'))}: the running kernel's {_top.CName}{(cPath.Length == 0 ? string.Empty : "." + cPath.TrimEnd('.'))} has member {name} at offset {I(baseOffset + offset)} ({I(size)} bytes) that the mirror does not declare{why}");
            }
        }

        /// <summary>Whether the ranges cover every byte from <paramref name="start"/> to <paramref name="end"/> (a <c>struct_group</c> names members the mirror declares one by one).</summary>
        private static bool Covered(List<(long Start, long End)> ranges, long start, long end)
        {
            foreach (var range in ranges.OrderBy(r => r.Start))
            {
                if (range.Start <= start && range.End > start)
                {
                    start = range.End;
                }
            }

            return start >= end;
        }

        /// <summary>The named members C sees in a struct, those of anonymous members included, with their bit offsets.</summary>
        private static void Named(BtfType type, long baseBit, List<(string, long, long)> into, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new BtfFormatException($"type id {type.Id} nests anonymous members more than {MaxDepth} levels");
            }

            foreach (var member in type.Members)
            {
                if (member.HasName)
                {
                    into.Add((member.Name, baseBit + member.BitOffset, type.Types.SizeOf(member.Type) ?? 0));
                }
                else if (type.Types.Resolve(member.Type) is { Kind: BtfKind.Struct or BtfKind.Union } anonymous)
                {
                    Named(anonymous, baseBit + member.BitOffset, into, depth + 1);
                }
            }
        }

        /// <summary>A member by C name, as C finds it: directly, or inside an anonymous struct or union member.</summary>
        private static bool Find(BtfType type, string name, out long bit, out BtfMember found, int depth = 0)
        {
            if (depth > MaxDepth)
            {
                throw new BtfFormatException($"type id {type.Id} nests anonymous members more than {MaxDepth} levels");
            }

            var members = type.Members;
            foreach (var member in members)
            {
                if (member.HasName && member.Name == name)
                {
                    bit = member.BitOffset;
                    found = member;
                    return true;
                }
            }

            foreach (var member in members)
            {
                if (!member.HasName && type.Types.Resolve(member.Type) is { Kind: BtfKind.Struct or BtfKind.Union } anonymous && Find(anonymous, name, out var inner, out found, depth + 1))
                {
                    bit = member.BitOffset + inner;
                    return true;
                }
            }

            bit = 0;
            found = default;
            return false;
        }

        /// <summary>A member's bitfield width: the struct's kind flag encoding, or the older one in the integer type; 0 for a plain member.</summary>
        private static int Width(BtfTypes btf, BtfMember member)
        {
            if (member.BitFieldSize > 0)
            {
                return member.BitFieldSize;
            }

            var type = btf.Resolve(member.Type);
            return type.Kind == BtfKind.Int && type.IntBits != type.Size * 8 ? type.IntBits : 0;
        }

        private static IEnumerable<(KernelMemberLayout Member, int Offset, string Path)> Flatten(IReadOnlyList<KernelMemberLayout> members, int offset, string path)
        {
            foreach (var member in members)
            {
                if (member.IsAnonymous)
                {
                    foreach (var inner in Flatten(member.Type?.Members ?? Array.Empty<KernelMemberLayout>(), offset + member.Offset, path + member.Name + "."))
                    {
                        yield return inner;
                    }
                }
                else if (member.BitFields.Count == 0)
                {
                    yield return (member, offset + member.Offset, path + member.Name);
                }
            }
        }

        private void Missing(string path, string designator)
            => Report("KS1212", KernelLayoutSeverity.Error, path, designator, null, null, null,
                $"{Short(_top.TypeName)}.{path} -> {_top.CName}.{designator}: the running kernel's {_top.CName} has no member {designator} ({_where} BTF)");

        private void Mismatch(string path, string designator, string quantity, long mirror, long kernel, string qualifier)
        {
            var csharp = path.Length == 0 ? Short(_top.TypeName) : $"{Short(_top.TypeName)}.{path}";
            var c = designator.Length == 0 ? _top.CName : $"{_top.CName}.{designator}";
            Report("KS1211", KernelLayoutSeverity.Error, path.Length == 0 ? null : path, designator.Length == 0 ? null : designator, quantity, mirror, kernel,
                $"{csharp} -> {c}: {quantity} is {qualifier}{I(mirror)} in the C# mirror but {I(kernel)} in the running kernel ({_where} BTF)");
        }

        private void Report(string code, KernelLayoutSeverity severity, string? path, string? designator, string? quantity, long? mirror, long? kernel, string message)
            => _findings.Add(new KernelLayoutFinding(code, severity, message)
            {
                Type = _top.TypeName,
                Member = path,
                CType = _top.CName,
                CMember = designator,
                Quantity = quantity,
                Mirror = mirror,
                Kernel = kernel,
            });
    }
}
