using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using KernelStructs.Netfilter;

namespace KernelStructs.Tests.Netfilter.Fuzz;

/// <summary>A legacy table to mutate: what <c>*_SO_GET_INFO</c> and <c>*_SO_GET_ENTRIES</c> answer for it.</summary>
internal sealed record XtSeed(string What, XtFamily Family, string Name, uint ValidHooks, uint[] HookEntry, uint[] Underflow, uint NumEntries, byte[] Entries) : IFuzzSeed
{
    /// <summary>The snapshot a reader gets for these answers.</summary>
    public XtTableSnapshot Snapshot() => XtTableSnapshot.FromEntries(Family, Name, ValidHooks, HookEntry, Underflow, NumEntries, Entries);

    /// <summary>A table as the kernel answered it.</summary>
    public static XtSeed From(string what, XtTableSnapshot s)
        => new(what, s.Family, s.Name, s.ValidHooks, s.HookEntry.ToArray(), s.Underflow.ToArray(), s.NumEntries, s.Entries.ToArray());
}

/// <summary>A table the fuzzers mutate: what it is, and its entries.</summary>
internal interface IFuzzSeed
{
    /// <summary>What the table is, for the failure message.</summary>
    string What { get; }

    /// <summary>The entries (GET_ENTRIES' answer).</summary>
    byte[] Entries { get; }
}

/// <summary>Where the fields of an entry header are, for the three families.</summary>
internal readonly record struct XtEntryLayout(int Size, int TargetOffsetAt, int NextOffsetAt, int CountersAt)
{
    public static XtEntryLayout Of(XtFamily family)
        => family == XtFamily.IPv4 ? new(IptEntry.SizeOf, IptEntry.Offsets.target_offset, IptEntry.Offsets.next_offset, IptEntry.Offsets.counters)
            : family == XtFamily.IPv6 ? new(Ip6tEntry.SizeOf, Ip6tEntry.Offsets.target_offset, Ip6tEntry.Offsets.next_offset, Ip6tEntry.Offsets.counters)
            : new(ArptEntry.SizeOf, ArptEntry.Offsets.target_offset, ArptEntry.Offsets.next_offset, ArptEntry.Offsets.counters);
}

/// <summary>
/// Draws well-formed tables of a family without the kernel, laid out as the kernel lays them out: built-in chains (rules,
/// then the policy at <c>underflow</c>), user chains (an ERROR head, rules, RETURN), the closing ERROR entry. Rules carry
/// random headers and counters, matches and targets of every catalog entry of the family (payloads zeroed or random,
/// now and then too short for the mirror or of a name the catalog lacks), verdicts, jumps and gotos to the user chains.
/// </summary>
internal static class XtSeeds
{
    private static readonly string[] UnknownNames = ["ks_unknown", "LOGX", "m"];

    public static XtSeed Draw(XtFamily family, Random r, string what)
    {
        var layout = XtEntryLayout.Of(family);
        var (name, hooks) = family == XtFamily.Arp
            ? ("filter", new[] { 0, 1, 2 })
            : r.Next(4) switch
            {
                0 => ("filter", new[] { 1, 2, 3 }),
                1 => ("nat", new[] { 0, 1, 3, 4 }),
                2 => ("mangle", new[] { 0, 1, 2, 3, 4 }),
                _ => ("raw", new[] { 0, 3 }),
            };
        var matches = XtExtensions.All.Where(e => e.Kind == XtExtensionKind.Match && (e.Families & family.Families) != 0 && family != XtFamily.Arp).ToArray();
        var targets = XtExtensions.All.Where(e => e.Kind == XtExtensionKind.Target && (e.Families & family.Families) != 0).ToArray();
        int userChains = r.Next(4);

        var entries = new List<byte[]>();
        var jumps = new List<(int Entry, int Chain)>();
        var heads = new int[userChains];
        var hookEntry = new uint[family.NumHooks];
        var underflow = new uint[family.NumHooks];
        uint valid = 0;
        int Size() => entries.Sum(e => e.Length);

        void Rules()
        {
            for (int n = r.Next(5); n > 0; n--)
            {
                byte[] target;
                int pick = r.Next(10);
                if (pick < 4 || targets.Length == 0)
                {
                    int verdict = r.Next(6) switch
                    {
                        0 => XTables.StandardVerdict(XTables.NF_ACCEPT),
                        1 => XTables.StandardVerdict(XTables.NF_DROP),
                        2 => XTables.StandardVerdict(XTables.NF_QUEUE),
                        3 => XTables.XT_RETURN,
                        _ => 0,
                    };
                    if (verdict == 0 && userChains > 0)
                    {
                        jumps.Add((entries.Count, r.Next(userChains)));
                    }
                    else if (verdict == 0)
                    {
                        verdict = XTables.StandardVerdict(XTables.NF_ACCEPT);
                    }

                    target = CraftedRules.Standard(verdict);
                }
                else
                {
                    target = Extension(r, targets, (n, v, p) => CraftedRules.Target(n, v, p));
                }

                var ms = new List<byte[]>();
                for (int m = matches.Length == 0 ? 0 : r.Next(4); m > 0; m--)
                {
                    ms.Add(Extension(r, matches, (n, v, p) => CraftedRules.Match(n, v, p)));
                }

                entries.Add(Entry(layout, r, target, ms, randomHeader: true));
            }
        }

        foreach (int hook in hooks)
        {
            valid |= 1u << hook;
            hookEntry[hook] = (uint)Size();
            Rules();
            underflow[hook] = (uint)Size();
            entries.Add(Entry(layout, r, CraftedRules.Standard(XTables.StandardVerdict(r.Next(2) == 0 ? XTables.NF_ACCEPT : XTables.NF_DROP)), [], randomHeader: false));
        }

        for (int c = 0; c < userChains; c++)
        {
            heads[c] = entries.Count;
            entries.Add(Entry(layout, r, Error($"ks{c}"), [], randomHeader: false));
            Rules();
            entries.Add(Entry(layout, r, CraftedRules.Standard(XTables.XT_RETURN), [], randomHeader: false));
        }

        entries.Add(Entry(layout, r, Error("ERROR"), [], randomHeader: false));

        byte[] blob = entries.SelectMany(e => e).ToArray();
        var offsets = new List<int>();
        int at = 0;
        foreach (byte[] e in entries)
        {
            offsets.Add(at);
            at += e.Length;
        }

        foreach (var (entry, chain) in jumps)
        {
            int targetOffset = MemoryMarshal.Read<ushort>(blob.AsSpan(offsets[entry] + layout.TargetOffsetAt));
            MemoryMarshal.Write(blob.AsSpan(offsets[entry] + targetOffset + XtEntryTarget.SizeOf), offsets[heads[chain]]);
        }

        return new XtSeed(what, family, name, valid, hookEntry, underflow, (uint)entries.Count, blob);
    }

    /// <summary>The fields and entries of a well-formed table, found by walking it.</summary>
    public static BlobShape Shape(XtSeed seed) => seed.Family == XtFamily.IPv4 ? Shape<IptEntry>(seed) : seed.Family == XtFamily.IPv6 ? Shape<Ip6tEntry>(seed) : Shape<ArptEntry>(seed);

    /// <summary>
    /// A damaged copy of <paramref name="seed"/>'s GET_INFO answer: a hook's entry or underflow moved, a hook dropped or
    /// added, another entry count. (The entries are <paramref name="entries"/>, already mutated or not.)
    /// </summary>
    public static (XtSeed Seed, string Mutation) MutateInfo(XtSeed seed, BlobShape shape, byte[] entries, Random r)
    {
        uint[] hookEntry = (uint[])seed.HookEntry.Clone(), underflow = (uint[])seed.Underflow.Clone();
        uint valid = seed.ValidHooks, count = seed.NumEntries;
        int hook = r.Next(seed.Family.NumHooks);
        string what;
        switch (r.Next(4))
        {
            case 0:
                hookEntry[hook] = shape.Offset(r, hookEntry[hook]);
                what = $"hook_entry[{hook}] set to {hookEntry[hook]}";
                break;
            case 1:
                underflow[hook] = shape.Offset(r, underflow[hook]);
                what = $"underflow[{hook}] set to {underflow[hook]}";
                break;
            case 2:
                valid ^= 1u << hook;
                what = $"valid_hooks set to 0x{valid:x}";
                break;
            default:
                count = (uint)r.Next(-2, 3) + count;
                what = $"num_entries set to {count}";
                break;
        }

        return (seed with { HookEntry = hookEntry, Underflow = underflow, ValidHooks = valid, NumEntries = count, Entries = entries }, what);
    }

    private static BlobShape Shape<TEntry>(XtSeed seed)
        where TEntry : unmanaged, IXtEntry
    {
        var layout = XtEntryLayout.Of(seed.Family);
        var fields = new List<Field>();
        var records = new List<(int, int)>();
        foreach (var e in new XtEntries<TEntry>(seed.Entries))
        {
            int at = e.Offset;
            records.Add((at, e.Length));
            fields.Add(new(at + layout.TargetOffsetAt, 2, FieldKind.Offset, "target_offset"));
            fields.Add(new(at + layout.NextOffsetAt, 2, FieldKind.Offset, "next_offset"));
            fields.Add(new(at, Math.Min(layout.TargetOffsetAt, layout.CountersAt), FieldKind.Bytes, "entry header"));
            int m = at + layout.Size;
            foreach (var match in e.Matches)
            {
                fields.Add(new(m, 2, FieldKind.Size, "match_size"));
                fields.Add(new(m + 2, XTables.XT_EXTENSION_MAXNAMELEN - 1, FieldKind.Name, "match name"));
                fields.Add(new(m + 2 + XTables.XT_EXTENSION_MAXNAMELEN - 1, 1, FieldKind.Revision, "match revision"));
                if (match.Data.Length > 0)
                {
                    fields.Add(new(m + XtEntryMatch.SizeOf, Math.Min(match.Data.Length, 16), FieldKind.Bytes, "match payload"));
                }

                m += match.Bytes.Length;
            }

            int t = at + e.Header.TargetOffset;
            fields.Add(new(t, 2, FieldKind.Size, "target_size"));
            fields.Add(new(t + 2, XTables.XT_EXTENSION_MAXNAMELEN - 1, FieldKind.Name, "target name"));
            fields.Add(new(t + 2 + XTables.XT_EXTENSION_MAXNAMELEN - 1, 1, FieldKind.Revision, "target revision"));
            if (e.Target.IsStandard)
            {
                fields.Add(new(t + XtEntryTarget.SizeOf, 4, FieldKind.Verdict, "verdict"));
            }
            else if (e.Target.IsError)
            {
                fields.Add(new(t + XtEntryTarget.SizeOf, XTables.XT_FUNCTION_MAXNAMELEN, FieldKind.Name, "error name"));
            }
            else if (e.Target.Data.Length > 0)
            {
                fields.Add(new(t + XtEntryTarget.SizeOf, Math.Min(e.Target.Data.Length, 16), FieldKind.Bytes, "target payload"));
            }
        }

        return new BlobShape(seed.Entries, fields, records);
    }

    // An ERROR target: a user chain's head, or the end of the table.
    private static byte[] Error(string name)
    {
        byte[] errorName = new byte[XTables.XT_FUNCTION_MAXNAMELEN];
        Encoding.ASCII.GetBytes(name).CopyTo(errorName, 0);
        return CraftedRules.Target("ERROR", 0, errorName);
    }

    // A match or target of the catalog with a zeroed or random payload; now and then one the mirror cannot read.
    private static byte[] Extension(Random r, XtExtension[] catalog, Func<string, byte, byte[], byte[]> build)
    {
        var e = catalog[r.Next(catalog.Length)];
        byte[] payload = new byte[e.PayloadSize];
        if (r.Next(2) == 0)
        {
            r.NextBytes(payload);
        }

        return r.Next(12) switch
        {
            0 => build(UnknownNames[r.Next(UnknownNames.Length)], (byte)r.Next(3), payload),
            1 when payload.Length > 0 => build(e.Name, e.Revision, payload[..r.Next(payload.Length)]),
            2 => build(e.Name, (byte)(e.Revision + 1 + r.Next(3)), payload),
            _ => build(e.Name, e.Revision, payload),
        };
    }

    // An entry: the family's header (its match part random for a rule), the matches and the target.
    private static byte[] Entry(XtEntryLayout layout, Random r, byte[] target, List<byte[]> matches, bool randomHeader)
    {
        byte[] entry = new byte[layout.Size + matches.Sum(m => m.Length) + target.Length];
        if (randomHeader)
        {
            // The header's match part (addresses, interfaces, protocol, flags) comes before target_offset.
            int part = Math.Min(layout.TargetOffsetAt, layout.CountersAt);
            if (r.Next(2) == 0)
            {
                r.NextBytes(entry.AsSpan(0, part));
            }
            else
            {
                entry[r.Next(part)] = (byte)r.Next(256);
            }

            r.NextBytes(entry.AsSpan(layout.CountersAt, XtCounters.SizeOf));
        }

        int at = layout.Size;
        foreach (byte[] m in matches)
        {
            m.CopyTo(entry, at);
            at += m.Length;
        }

        target.CopyTo(entry, at);
        MemoryMarshal.Write(entry.AsSpan(layout.TargetOffsetAt), (ushort)at);
        MemoryMarshal.Write(entry.AsSpan(layout.NextOffsetAt), (ushort)entry.Length);
        return entry;
    }
}
