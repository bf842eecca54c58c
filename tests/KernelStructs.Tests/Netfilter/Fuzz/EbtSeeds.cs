using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using KernelStructs.Netfilter;
using KernelStructs.Samples.EbtablesSave;

namespace KernelStructs.Tests.Netfilter.Fuzz;

/// <summary>An ebtables table to mutate: what <c>EBT_SO_GET_INFO</c> and <c>EBT_SO_GET_ENTRIES</c> answer for it.</summary>
internal sealed record EbtSeed(string What, string Name, uint ValidHooks, int NumEntries, byte[] Entries, EbtCounter[] Counters) : IFuzzSeed
{
    /// <summary>The snapshot a reader gets for these answers.</summary>
    public EbtTableSnapshot Snapshot() => EbtTableSnapshot.FromEntries(Name, ValidHooks, NumEntries, Entries, Counters);

    /// <summary>A table as the kernel answered it.</summary>
    public static EbtSeed From(string what, EbtTableSnapshot s)
        => new(what, s.Name, s.ValidHooks, s.NumEntries, s.Entries.ToArray(), s.Counters.ToArray());
}

/// <summary>
/// Draws well-formed ebtables tables without the kernel, laid out as the kernel lays them out: each chain's head
/// (<c>struct ebt_entries</c>) followed by its rules, the hooks' chains first, then user chains. Rules carry random
/// headers, the matches (<c>ip</c>, <c>mark_m</c>, <c>pkttype</c>, <c>limit</c>), watcher (<c>log</c>) and targets
/// (standard verdicts and jumps, <c>mark</c>, <c>snat</c>, <c>dnat</c>, <c>redirect</c>) the sample writes, with random
/// payloads, and extensions it does not know.
/// </summary>
internal static class EbtSeeds
{
    private static readonly (string Name, int Size)[] Matches =
    [
        ("ip", EbtIpInfo.SizeOf), ("mark_m", EbtMarkMatchInfo.SizeOf), ("pkttype", EbtPktTypeInfo.SizeOf), ("limit", EbtLimitInfo.SizeOf), ("ks_unknown", 8),
    ];

    private static readonly (string Name, int Size)[] Watchers = [("log", EbtLogInfo.SizeOf), ("nflog", 80)];

    private static readonly (string Name, int Size)[] Targets =
    [
        ("mark", EbtMarkTargetInfo.SizeOf), ("snat", EbtNatInfo.SizeOf), ("dnat", EbtNatInfo.SizeOf), ("redirect", EbtRedirectInfo.SizeOf), ("arpreply", 16),
    ];

    public static EbtSeed Draw(Random r, string what)
    {
        var (name, hooks) = r.Next(3) switch
        {
            0 => ("filter", new[] { ("INPUT", 1), ("FORWARD", 2), ("OUTPUT", 3) }),
            1 => ("nat", new[] { ("PREROUTING", 0), ("OUTPUT", 3), ("POSTROUTING", 4) }),
            _ => ("broute", new[] { ("BROUTING", 0) }),
        };
        var chains = hooks.Select(h => h.Item1).Concat(Enumerable.Range(0, r.Next(4)).Select(i => $"ks{i}")).ToArray();
        var blob = new List<byte>();
        var heads = new int[chains.Length];
        var jumps = new List<(int At, int Chain)>();
        int rules = 0;
        for (int c = 0; c < chains.Length; c++)
        {
            heads[c] = blob.Count;
            int n = r.Next(5);
            var head = new EbtEntries { counter_offset = (uint)rules, policy = c < hooks.Length ? -1 - r.Next(2) : -1 - r.Next(4), nentries = (uint)n };
            head.SetName(chains[c]);
            blob.AddRange(CraftedRules.Bytes(head));
            for (int i = 0; i < n; i++)
            {
                int at = blob.Count;
                byte[] rule = Rule(r, chains.Length, out int jumpTo, out int verdictAt);
                if (jumpTo >= 0)
                {
                    jumps.Add((at + verdictAt, jumpTo));
                }

                blob.AddRange(rule);
                rules++;
            }
        }

        byte[] entries = blob.ToArray();
        foreach (var (at, chain) in jumps)
        {
            MemoryMarshal.Write(entries.AsSpan(at), heads[chain]);
        }

        var counters = new EbtCounter[rules];
        for (int i = 0; i < rules; i++)
        {
            counters[i] = new EbtCounter { pcnt = (ulong)r.NextInt64(), bcnt = (ulong)r.Next(1000) };
        }

        return new EbtSeed(what, name, hooks.Aggregate(0u, (v, h) => v | 1u << h.Item2), rules, entries, counters);
    }

    /// <summary>The fields, chain heads and rules of a well-formed table, found by walking it.</summary>
    public static BlobShape Shape(EbtSeed seed)
    {
        var fields = new List<Field>();
        var records = new List<(int, int)>();
        foreach (EbtChain c in new EbtEntriesBlob(seed.Entries))
        {
            int h = c.Offset;
            records.Add((h, EbtEntries.SizeOf));
            fields.Add(new(h + EbtEntries.Offsets.distinguisher, 4, FieldKind.Count, "distinguisher"));
            fields.Add(new(h + EbtEntries.Offsets.name, Ebtables.EBT_CHAIN_MAXNAMELEN, FieldKind.Name, "chain name"));
            fields.Add(new(h + EbtEntries.Offsets.counter_offset, 4, FieldKind.Count, "counter_offset"));
            fields.Add(new(h + EbtEntries.Offsets.policy, 4, FieldKind.Verdict, "policy"));
            fields.Add(new(h + EbtEntries.Offsets.nentries, 4, FieldKind.Count, "nentries"));
            foreach (EbtRule rule in c.Rules)
            {
                int at = rule.Offset;
                records.Add((at, rule.Length));
                fields.Add(new(at + EbtEntry.Offsets.bitmask, 4, FieldKind.Bytes, "bitmask"));
                fields.Add(new(at + EbtEntry.Offsets.invflags, 4, FieldKind.Bytes, "invflags"));
                fields.Add(new(at + EbtEntry.Offsets.ethproto, EbtEntry.Offsets.watchers_offset - EbtEntry.Offsets.ethproto, FieldKind.Bytes, "rule header"));
                fields.Add(new(at + EbtEntry.Offsets.watchers_offset, 4, FieldKind.Offset, "watchers_offset"));
                fields.Add(new(at + EbtEntry.Offsets.target_offset, 4, FieldKind.Offset, "target_offset"));
                fields.Add(new(at + EbtEntry.Offsets.next_offset, 4, FieldKind.Offset, "next_offset"));
                int x = at + EbtEntry.SizeOf;
                foreach (EbtExtension m in rule.Matches)
                {
                    Extension(fields, x, m.Data.Length, "match");
                    x += m.Bytes.Length;
                }

                foreach (EbtExtension w in rule.Watchers)
                {
                    Extension(fields, x, w.Data.Length, "watcher");
                    x += w.Bytes.Length;
                }

                Extension(fields, x, rule.Target.Data.Length, "target");
                if (rule.Target.IsStandard)
                {
                    fields.Add(new(x + EbtEntryTarget.SizeOf, 4, FieldKind.Verdict, "verdict"));
                }
            }
        }

        return new BlobShape(seed.Entries, fields, records);
    }

    /// <summary>A damaged copy of the GET_INFO answer: another rule count, or fewer or more counters.</summary>
    public static (EbtSeed Seed, string Mutation) MutateInfo(EbtSeed seed, byte[] entries, Random r)
    {
        if (r.Next(2) == 0)
        {
            int n = Math.Max(0, seed.NumEntries + r.Next(-2, 3));
            return (seed with { NumEntries = n, Entries = entries }, $"nentries set to {n}");
        }

        int counters = Math.Max(0, seed.Counters.Length + r.Next(-3, 3));
        var resized = seed.Counters.ToArray();
        Array.Resize(ref resized, counters);
        return (seed with { Counters = resized, Entries = entries }, $"{counters} counters");
    }

    private static void Extension(List<Field> fields, int at, int data, string what)
    {
        fields.Add(new(at + EbtEntryMatch.Offsets.u, Ebtables.EBT_EXTENSION_MAXNAMELEN, FieldKind.Name, what + " name"));
        fields.Add(new(at + EbtEntryMatch.Offsets.u + Ebtables.EBT_EXTENSION_MAXNAMELEN, 1, FieldKind.Revision, what + " revision"));
        fields.Add(new(at + EbtEntryMatch.Offsets.match_size, 4, FieldKind.Size, what + " size"));
        if (data > 0)
        {
            fields.Add(new(at + EbtEntryMatch.SizeOf, Math.Min(data, 16), FieldKind.Bytes, what + " payload"));
        }
    }

    // One rule: a random header, 0-2 matches, 0-1 watcher, a target; the offset of its jump verdict when it jumps.
    private static byte[] Rule(Random r, int chains, out int jumpTo, out int verdictAt)
    {
        var e = new EbtEntry
        {
            bitmask = Ebtables.EBT_ENTRY_OR_ENTRIES | (uint)r.Next(32) & ~1u,
            invflags = (uint)r.Next(128),
            ethproto = new Be16((ushort)(r.Next(4) switch { 0 => 0x0800, 1 => 0x86dd, 2 => 0x0806, _ => r.Next(0x10000) })),
        };
        byte[] header = CraftedRules.Bytes(e);
        r.NextBytes(header.AsSpan(EbtEntry.Offsets.sourcemac, EbtEntry.Offsets.watchers_offset - EbtEntry.Offsets.sourcemac));
        foreach (int field in new[] { EbtEntry.Offsets.@in, EbtEntry.Offsets.logical_in, EbtEntry.Offsets.@out, EbtEntry.Offsets.logical_out })
        {
            if (r.Next(3) == 0)
            {
                Encoding.ASCII.GetBytes(r.Next(2) == 0 ? "eth0" : "veth\u0001").CopyTo(header, field);
            }
        }

        var matches = Enumerable.Range(0, r.Next(3)).Select(_ => Extension(r, Matches)).ToList();
        var watchers = Enumerable.Range(0, r.Next(2)).Select(_ => Extension(r, Watchers)).ToList();
        byte[] target;
        jumpTo = -1;
        if (r.Next(2) == 0)
        {
            int verdict = -1 - r.Next(4);
            if (r.Next(3) == 0)
            {
                jumpTo = r.Next(chains);
                verdict = 0;
            }

            target = CraftedRules.EbtExtension("standard", 0, BitConverter.GetBytes(verdict));
        }
        else
        {
            target = Extension(r, Targets);
        }

        verdictAt = header.Length + matches.Sum(m => m.Length) + watchers.Sum(w => w.Length) + EbtEntryTarget.SizeOf;
        return CraftedRules.EbtRule(header, matches, watchers, target);
    }

    // An extension of the list with a random payload; now and then one too short for its struct.
    private static byte[] Extension(Random r, (string Name, int Size)[] list)
    {
        var (name, size) = list[r.Next(list.Length)];
        byte[] data = new byte[size];
        r.NextBytes(data);
        if (name is "log")
        {
            // A prefix that ends within the field, as ebtables writes it.
            data.AsSpan(EbtLogInfo.Offsets.prefix, 30).Clear();
            Encoding.ASCII.GetBytes("ks ").CopyTo(data, EbtLogInfo.Offsets.prefix);
        }

        return CraftedRules.EbtExtension(name, 0, r.Next(10) == 0 ? data[..r.Next(size)] : data);
    }
}
