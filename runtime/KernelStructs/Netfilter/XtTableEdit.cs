using System;
using System.Runtime.InteropServices;

namespace KernelStructs.Netfilter;

/// <summary>
/// Edits a table the way libiptc commits one: build the whole new blob, send it with
/// <c>*_SO_SET_REPLACE</c> (the kernel hands back the old table's counters at the moment of the swap),
/// then add the old counters to the new rules with <c>*_SO_SET_ADD_COUNTERS</c>, since a replaced table
/// starts from zero.
/// </summary>
public static class XtTableEdit
{
    /// <summary>
    /// Appends <paramref name="rule"/> to <paramref name="chain"/>: inserts it before the chain's
    /// policy (built-in chain) or RETURN entry, shifting every later offset — <c>hook_entry</c>,
    /// <c>underflow</c> and the jump verdicts of standard targets.
    /// </summary>
    /// <param name="table">The table as read.</param>
    /// <param name="chain">The chain to append to.</param>
    /// <param name="rule">The entry (header, matches, target; <c>next_offset</c> = its length). A jump verdict in it is an offset in the <em>new</em> table: see <see cref="NewOffset"/>.</param>
    /// <returns>The edit: the <c>*_SO_SET_REPLACE</c> buffer and the mapping of old rules to new ones.</returns>
    public static XtTableEditResult AppendRule<TEntry>(XtTableSnapshot table, XtChain chain, ReadOnlySpan<byte> rule)
        where TEntry : unmanaged, IXtEntry
    {
        ArgumentNullException.ThrowIfNull(table);
        var family = table.Family;
        var check = XtEntry<TEntry>.Create(rule, 0);
        if (check.Length != rule.Length)
        {
            throw new ArgumentException($"The rule's next_offset ({check.Length}) is not its length ({rule.Length}).", nameof(rule));
        }

        int insertAt = chain.PolicyOffset;
        int insertLength = rule.Length;
        var old = table.Entries;
        int newSize = old.Length + insertLength;
        byte[] buffer = new byte[family.ReplaceHeaderSize + newSize];
        var entries = buffer.AsSpan(family.ReplaceHeaderSize);
        old.Slice(0, insertAt).CopyTo(entries);
        rule.CopyTo(entries.Slice(insertAt));
        old.Slice(insertAt).CopyTo(entries.Slice(insertAt + insertLength));

        // Jumps to offsets past the insertion point move with the entries; a jump to the insertion
        // point itself (the start of an empty chain, or the fall-through of the rule before) now
        // reaches the new rule, which is what it meant.
        int insertIndex = 0;
        foreach (var e in new XtEntries<TEntry>(entries))
        {
            if (e.Offset < insertAt)
            {
                insertIndex++;
            }

            if (e.Offset == insertAt)
            {
                continue;
            }

            var t = e.Target;
            if (t.IsStandard && t.Verdict > insertAt)
            {
                int at = e.Offset + e.Header.TargetOffset + XtStandardTarget.Offsets.verdict;
                MemoryMarshal.Write(entries.Slice(at), t.Verdict + insertLength);
            }
        }

        var header = buffer.AsSpan(0, family.ReplaceHeaderSize);
        var layout = family.Offsets;
        XtTableSnapshot.WriteName(header, table.Name);
        Write(header, layout.ReplaceValidHooks, table.ValidHooks);
        Write(header, layout.ReplaceNumEntries, table.NumEntries + 1);
        Write(header, layout.ReplaceSizeField, (uint)newSize);
        for (int h = 0; h < family.NumHooks; h++)
        {
            uint entry = table.HookEntry[h], under = table.Underflow[h];
            Write(header, layout.ReplaceHookEntry + sizeof(uint) * h, entry > insertAt ? entry + (uint)insertLength : entry);
            Write(header, layout.ReplaceUnderflow + sizeof(uint) * h, under >= insertAt ? under + (uint)insertLength : under);
        }

        Write(header, layout.ReplaceNumCounters, table.NumEntries);
        return new XtTableEditResult(family, table.Name, buffer, (int)table.NumEntries, insertIndex, insertAt, insertLength);
    }

    /// <summary>The offset in the new table of what was at <paramref name="oldOffset"/> (for jump verdicts in an appended rule).</summary>
    public static int NewOffset(int oldOffset, int insertAt, int insertLength) => oldOffset > insertAt ? oldOffset + insertLength : oldOffset;

    private static void Write(Span<byte> s, int offset, uint value) => MemoryMarshal.Write(s.Slice(offset), in value);
}

/// <summary>An edited table ready for <see cref="Commit(int)"/>.</summary>
public sealed class XtTableEditResult
{
    private readonly byte[] _replace;

    internal XtTableEditResult(XtFamily family, string table, byte[] replace, int oldEntries, int insertIndex, int insertOffset, int insertLength)
    {
        Family = family;
        Table = table;
        _replace = replace;
        OldEntries = oldEntries;
        InsertIndex = insertIndex;
        InsertOffset = insertOffset;
        InsertLength = insertLength;
    }

    /// <summary>The family.</summary>
    public XtFamily Family { get; }

    /// <summary>The table's name.</summary>
    public string Table { get; }

    /// <summary>The <c>*_SO_SET_REPLACE</c> buffer: the <c>*_replace</c> header (counters pointer set at commit) and the entries.</summary>
    public ReadOnlySpan<byte> ReplaceBuffer => _replace;

    /// <summary>Number of entries of the table being replaced (<c>num_counters</c>).</summary>
    public int OldEntries { get; }

    /// <summary>Index of the inserted entry in the new table.</summary>
    public int InsertIndex { get; }

    /// <summary>Offset of the inserted entry in the new table.</summary>
    public int InsertOffset { get; }

    /// <summary>Length of the inserted entry.</summary>
    public int InsertLength { get; }

    /// <summary>
    /// Replaces the table and restores its counters: <c>*_SO_SET_REPLACE</c> with room for the old
    /// counters, then <c>*_SO_SET_ADD_COUNTERS</c> with each old rule's counters at its new index
    /// (the inserted rule starts at zero), as libiptc's commit does.
    /// </summary>
    /// <returns>The old table's counters as the kernel returned them.</returns>
    /// <exception cref="SocketOptionException">The kernel refused the new table (EINVAL: malformed; EAGAIN: the table changed since it was read; ELOOP: a jump loop).</exception>
    public unsafe XtCounters[] Commit(int fd)
    {
        var family = Family;
        var oldCounters = new XtCounters[OldEntries];
        fixed (XtCounters* counters = oldCounters)
        {
            MemoryMarshal.Write(_replace.AsSpan(family.ReplaceCountersOffset), (nint)counters);
            family.SetReplace(fd, _replace);
        }

        int newEntries = OldEntries + 1;
        var info = new byte[XtCountersInfo.SizeFor(newEntries)];
        ref var header = ref XtCountersInfo.FromSpan(info);
        header.SetName(Table);
        header.num_counters = (uint)newEntries;
        var added = XtCountersInfo.GetCounters(info);
        for (int i = 0; i < OldEntries; i++)
        {
            added[i < InsertIndex ? i : i + 1] = oldCounters[i];
        }

        family.SetAddCounters(fd, info);
        return oldCounters;
    }
}
