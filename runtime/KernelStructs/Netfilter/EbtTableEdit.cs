using System;
using System.Runtime.InteropServices;

namespace KernelStructs.Netfilter;

/// <summary>
/// Changes an ebtables table as <c>ebtables-legacy</c> does: a new blob of entries through <c>EBT_SO_SET_ENTRIES</c>
/// (the header's <c>hook_entry</c> pointers and <c>entries</c> point into the caller's memory), then the rules'
/// counters through <c>EBT_SO_SET_COUNTERS</c>, which adds them to the new table's.
/// </summary>
public static class EbtTableEdit
{
    /// <summary>
    /// A rule without matches or watchers whose target is the standard target with <paramref name="verdict"/>
    /// (<see cref="Ebtables.EBT_ACCEPT"/>, ..., or a chain's byte offset); the offsets of <paramref name="header"/> are set here.
    /// </summary>
    public static byte[] StandardRule(in EbtEntry header, int verdict)
    {
        byte[] rule = new byte[EbtEntry.SizeOf + EbtStandardTarget.SizeOf];
        EbtEntry e = header;
        e.bitmask |= Ebtables.EBT_ENTRY_OR_ENTRIES;
        e.watchers_offset = (uint)EbtEntry.SizeOf;
        e.target_offset = (uint)EbtEntry.SizeOf;
        e.next_offset = (uint)rule.Length;
        MemoryMarshal.Write(rule, in e);
        var target = new EbtStandardTarget { verdict = verdict };
        target.target.u.user.SetName("standard");
        target.target.target_size = (uint)(EbtStandardTarget.SizeOf - EbtEntryTarget.SizeOf);
        MemoryMarshal.Write(rule.AsSpan(EbtEntry.SizeOf), in target);
        return rule;
    }

    /// <summary>
    /// The entries of <paramref name="table"/> with <paramref name="rule"/> appended to chain <paramref name="chain"/>:
    /// the chain's <c>nentries</c>, the later chains' <c>counter_offset</c> and every jump past the insertion move
    /// with it. Returns the new entries and the old counters laid out for the new rule order (0 for the new rule).
    /// </summary>
    /// <exception cref="ArgumentException">No such chain.</exception>
    public static (byte[] Entries, EbtCounter[] Counters) AppendRule(EbtTableSnapshot table, string chain, ReadOnlySpan<byte> rule)
    {
        ArgumentNullException.ThrowIfNull(table);
        ReadOnlySpan<byte> old = table.Entries;
        int at = -1, counterAt = -1;
        foreach (EbtChain c in table.GetChains())
        {
            if (c.Name.SequenceEqual(System.Text.Encoding.ASCII.GetBytes(chain)))
            {
                at = c.End;
                counterAt = c.CounterOffset + c.RuleCount;
            }
        }

        if (at < 0)
        {
            throw new ArgumentException($"Table {table.Name} has no chain '{chain}'.", nameof(chain));
        }

        byte[] entries = new byte[old.Length + rule.Length];
        old.Slice(0, at).CopyTo(entries);
        rule.CopyTo(entries.AsSpan(at));
        old.Slice(at).CopyTo(entries.AsSpan(at + rule.Length));

        // Chain heads and jumps in the new blob: fix what the insertion moved.
        int targetHead = FindHeadBefore(entries, at);
        int offset = 0;
        while (offset < entries.Length)
        {
            ref EbtEntries head = ref MemoryMarshal.AsRef<EbtEntries>(entries.AsSpan(offset, EbtEntries.SizeOf));
            if (offset == targetHead)
            {
                head.nentries++;
            }
            else if (offset > at)
            {
                head.counter_offset++;
            }

            offset += EbtEntries.SizeOf;
            for (uint i = 0; i < head.nentries; i++)
            {
                ref EbtEntry e = ref MemoryMarshal.AsRef<EbtEntry>(entries.AsSpan(offset, EbtEntry.SizeOf));
                Span<byte> target = entries.AsSpan(offset + (int)e.target_offset);
                if (XtNames.CString(target.Slice(EbtEntryTarget.Offsets.u, Ebtables.EBT_EXTENSION_MAXNAMELEN)).SequenceEqual("standard"u8))
                {
                    ref int verdict = ref MemoryMarshal.AsRef<int>(target.Slice(EbtStandardTarget.Offsets.verdict, sizeof(int)));
                    if (verdict >= at)
                    {
                        verdict += rule.Length;
                    }
                }

                offset += (int)e.next_offset;
            }
        }

        var counters = new EbtCounter[table.NumEntries + 1];
        ReadOnlySpan<EbtCounter> before = table.Counters;
        if (before.Length == table.NumEntries)
        {
            before.Slice(0, counterAt).CopyTo(counters);
            before.Slice(counterAt).CopyTo(counters.AsSpan(counterAt + 1));
        }

        return (entries, counters);
    }

    /// <summary>
    /// <c>EBT_SO_SET_ENTRIES</c>: replaces table <paramref name="table"/> with <paramref name="entries"/> holding
    /// <paramref name="nentries"/> rules; the chains of the hooks in <paramref name="validHooks"/> are the first chains
    /// of the blob, in hook order. When <paramref name="previousCounters"/> is not empty (it must hold one counter per
    /// rule of the table being replaced), the kernel writes the old table's counters there.
    /// </summary>
    /// <exception cref="SocketOptionException">EINVAL/EFAULT: the kernel refused the blob; ENOENT: no such table; EPERM.</exception>
    public static unsafe void Replace(int fd, string table, uint validHooks, ReadOnlySpan<byte> entries, int nentries, Span<EbtCounter> previousCounters)
    {
        byte[] buffer = new byte[EbtReplace.SizeOf + entries.Length];
        entries.CopyTo(buffer.AsSpan(EbtReplace.SizeOf));
        fixed (byte* p = buffer)
        fixed (EbtCounter* counters = previousCounters)
        {
            var header = default(EbtReplace);
            header.SetName(table);
            header.valid_hooks = validHooks;
            header.nentries = (uint)nentries;
            header.entries_size = (uint)entries.Length;
            header.num_counters = (uint)previousCounters.Length;
            header.counters = previousCounters.IsEmpty ? 0 : (nint)counters;
            header.entries = (nint)(p + EbtReplace.SizeOf);
            int chain = 0;
            foreach (EbtChain c in new EbtEntriesBlob(entries))
            {
                while (chain < Ebtables.NF_BR_NUMHOOKS && (validHooks & (1u << chain)) == 0)
                {
                    chain++;
                }

                if (chain == Ebtables.NF_BR_NUMHOOKS)
                {
                    break;
                }

                header.hook_entry[chain++] = header.entries + c.Offset;
            }

            MemoryMarshal.Write(buffer, in header);
            Ebtables.SetEntries(fd, buffer);
        }
    }

    /// <summary><c>EBT_SO_SET_COUNTERS</c>: adds <paramref name="counters"/> (one per rule, in rule order) to the table's.</summary>
    /// <exception cref="SocketOptionException">EINVAL: not one counter per rule.</exception>
    public static unsafe void AddCounters(int fd, string table, ReadOnlySpan<EbtCounter> counters)
    {
        byte[] buffer = new byte[EbtReplace.SizeOf + (counters.Length * EbtCounter.SizeOf)];
        MemoryMarshal.AsBytes(counters).CopyTo(buffer.AsSpan(EbtReplace.SizeOf));
        fixed (byte* p = buffer)
        {
            var header = default(EbtReplace);
            header.SetName(table);
            header.num_counters = (uint)counters.Length;
            header.counters = (nint)(p + EbtReplace.SizeOf);
            MemoryMarshal.Write(buffer, in header);
            Ebtables.SetCounters(fd, buffer);
        }
    }

    private static int FindHeadBefore(byte[] entries, int at)
    {
        int offset = 0, last = 0;
        while (offset < at)
        {
            last = offset;
            ref EbtEntries head = ref MemoryMarshal.AsRef<EbtEntries>(entries.AsSpan(offset, EbtEntries.SizeOf));
            offset += EbtEntries.SizeOf;
            for (uint i = 0; i < head.nentries && offset < at; i++)
            {
                offset += (int)MemoryMarshal.AsRef<EbtEntry>(entries.AsSpan(offset, EbtEntry.SizeOf)).next_offset;
            }
        }

        return last;
    }
}
