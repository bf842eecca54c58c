using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace KernelStructs.Testing;

/// <summary>One top-level member as pahole prints it: <c>/* offset size */</c> or <c>/* offset: bit size */</c>.</summary>
public sealed record PaholeMember(string Name, int Offset, int? Bit, int Size);

/// <summary>A hole before a member (<see cref="Before"/>; null at the end), in bytes or in bits.</summary>
public sealed record PaholeHole(int Amount, bool Bits, string? Before);

/// <summary>The facts of one struct in pahole's format: members, holes, size and tail padding.</summary>
public sealed record PaholeStruct(string Name, IReadOnlyList<PaholeMember> Members, IReadOnlyList<PaholeHole> Holes, int Size, int Padding);

/// <summary>
/// Reads pahole's output, and the layout pictures drawn in its style, into comparable facts. Members of
/// anonymous nested structs and unions (which pahole expands inline) are skipped: only the outer
/// struct's members count.
/// </summary>
public static class PaholeText
{
    private static readonly Regex Start = new(@"^(?:struct|union)\s+(\w+)\s*\{\s*$", RegexOptions.Compiled);
    private static readonly Regex Position = new(@"/\*\s*(\d+)(?::\s*(\d+))?\s+(\d+)\s*\*/\s*$", RegexOptions.Compiled);
    private static readonly Regex Hole = new(@"/\*\s*XXX\s+(\d+)\s+(bytes?|bits?)\s+hole", RegexOptions.Compiled);
    private static readonly Regex SizeLine = new(@"/\*\s*size:\s*(\d+),", RegexOptions.Compiled);
    private static readonly Regex PaddingLine = new(@"/\*\s*padding:\s*(\d+)\s*\*/", RegexOptions.Compiled);
    private static readonly Regex Attribute = new(@"__attribute__\s*\(\((?:[^()]|\([^()]*\))*\)\)", RegexOptions.Compiled);
    private static readonly Regex Anonymous = new(@"^\}\s*;$", RegexOptions.Compiled);
    private static readonly Regex MemberName = new(@"(\w+)\s*(?:\[[^\]]*\])*\s*(?::\s*\d+)?\s*;\s*$", RegexOptions.Compiled);

    /// <summary>The name given to an anonymous struct or union member.</summary>
    public const string AnonymousMember = "(anonymous)";

    /// <summary>
    /// <paramref name="flat"/> with its members merged where <paramref name="grouped"/> has an anonymous member
    /// over the same bytes: a mirror declares the members of a C anonymous struct one by one.
    /// </summary>
    public static PaholeStruct GroupLike(PaholeStruct flat, PaholeStruct grouped)
    {
        var members = new List<PaholeMember>();
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in flat.Members)
        {
            var group = grouped.Members.FirstOrDefault(g => g.Name == AnonymousMember && member.Offset >= g.Offset && member.Offset < g.Offset + g.Size);
            if (group is null)
            {
                members.Add(member);
                continue;
            }

            renamed[member.Name] = AnonymousMember;
            if (!members.Contains(group))
            {
                members.Add(group);
            }
        }

        var holes = flat.Holes.Select(h => h.Before is { } before && renamed.TryGetValue(before, out var name) ? h with { Before = name } : h).ToList();
        return flat with { Members = members, Holes = holes };
    }

    public static Dictionary<string, PaholeStruct> Parse(string text)
    {
        var result = new Dictionary<string, PaholeStruct>(StringComparer.Ordinal);
        string? name = null;
        var depth = 0;
        List<PaholeMember> members = new();
        List<PaholeHole> holes = new();
        var pendingHoles = new List<PaholeHole>();
        int size = 0, padding = 0;

        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd();
            if (name is null)
            {
                var start = Start.Match(line.Trim());
                if (start.Success)
                {
                    name = start.Groups[1].Value;
                    depth = 1;
                    members = new();
                    holes = new();
                    pendingHoles = new();
                    size = 0;
                    padding = 0;
                }

                continue;
            }

            var commentAt = line.IndexOf("/*", StringComparison.Ordinal);
            var code = (commentAt < 0 ? line : line[..commentAt]).Trim();
            var comment = commentAt < 0 ? "" : line[commentAt..];
            foreach (var ch in code)
            {
                depth += ch == '{' ? 1 : ch == '}' ? -1 : 0;
            }

            if (depth == 0)
            {
                foreach (var hole in pendingHoles)
                {
                    holes.Add(hole with { Before = null });
                }

                result[name] = new PaholeStruct(name, members, holes, size, padding);
                name = null;
                continue;
            }

            if (depth != 1)
            {
                continue;
            }

            if (code.Length == 0)
            {
                if (Hole.Match(comment) is { Success: true } hole)
                {
                    pendingHoles.Add(new PaholeHole(Int(hole.Groups[1].Value), hole.Groups[2].Value.StartsWith("bit", StringComparison.Ordinal), null));
                }
                else if (SizeLine.Match(comment) is { Success: true } sizeLine)
                {
                    size = Int(sizeLine.Groups[1].Value);
                }
                else if (PaddingLine.Match(comment) is { Success: true } paddingLine)
                {
                    padding = Int(paddingLine.Groups[1].Value);
                }

                continue;
            }

            var position = Position.Match(comment);
            var declaration = Attribute.Replace(code, "").Trim();
            var member = MemberName.Match(declaration);
            if (position.Success && (member.Success || Anonymous.IsMatch(declaration)))
            {
                // An anonymous struct or union member (a __struct_group, say) has no name of its own.
                var memberName = member.Success ? member.Groups[1].Value : AnonymousMember;
                foreach (var hole in pendingHoles)
                {
                    holes.Add(hole with { Before = memberName });
                }

                pendingHoles.Clear();
                members.Add(new PaholeMember(
                    memberName,
                    Int(position.Groups[1].Value),
                    position.Groups[2].Success ? Int(position.Groups[2].Value) : null,
                    Int(position.Groups[3].Value)));
            }
        }

        return result;
    }

    /// <summary>
    /// The differences in member offsets, bit offsets and sizes, holes, size and tail padding. Members are matched by
    /// position, not name: a mirror may name a member by a macro of the header (<c>s6_addr</c> for <c>in6_u</c>), and
    /// the names are checked by <c>offsetof</c> in the corpus oracles. pahole prints no size line for a union.
    /// </summary>
    /// <param name="growing">
    /// A struct that grows with the kernel: the mirror may be newer than the header, so only the members the header
    /// has are compared, and the size only as a lower bound.
    /// </param>
    public static IEnumerable<string> Differences(PaholeStruct ours, PaholeStruct theirs, bool growing)
    {
        var sized = theirs.Size > 0;
        if (sized && (growing ? ours.Size < theirs.Size : ours.Size != theirs.Size))
        {
            yield return $"size: picture {ours.Size}, pahole {theirs.Size}";
        }

        if (growing && ours.Members.Count > theirs.Members.Count)
        {
            var kept = ours.Members.Take(theirs.Members.Count).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
            ours = ours with { Members = ours.Members.Take(theirs.Members.Count).ToList(), Holes = ours.Holes.Where(h => h.Before is not null && kept.Contains(h.Before)).ToList() };
        }
        else if (sized && ours.Padding != theirs.Padding)
        {
            yield return $"padding: picture {ours.Padding}, pahole {theirs.Padding}";
        }

        var members = Math.Max(ours.Members.Count, theirs.Members.Count);
        for (var i = 0; i < members; i++)
        {
            var a = i < ours.Members.Count ? ours.Members[i] : null;
            var b = i < theirs.Members.Count ? theirs.Members[i] : null;
            if (a is null || b is null || (a.Offset, a.Bit, a.Size) != (b.Offset, b.Bit, b.Size))
            {
                yield return $"member {i}: picture {Show(a)}, pahole {Show(b)}";
            }
        }

        var ourHoles = Holes(ours);
        var theirHoles = Holes(theirs);
        if (!ourHoles.SequenceEqual(theirHoles))
        {
            yield return $"holes: picture [{string.Join(", ", ours.Holes.Select(Show))}], pahole [{string.Join(", ", theirs.Holes.Select(Show))}]";
        }
    }

    /// <summary>The holes by the position of the member they come before (-1: the end).</summary>
    private static List<(int Amount, bool Bits, int Before)> Holes(PaholeStruct s) =>
        s.Holes.Select(h => (h.Amount, h.Bits, h.Before is null ? -1 : s.Members.ToList().FindIndex(m => m.Name == h.Before))).ToList();

    private static string Show(PaholeMember? m) => m is null ? "(none)" : $"{m.Name} /* {m.Offset}{(m.Bit is { } bit ? ":" + bit : "")} {m.Size} */";

    private static string Show(PaholeHole h) => $"{h.Amount} {(h.Bits ? "bits" : "bytes")} before {h.Before ?? "the end"}";

    private static int Int(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
}
