using System;
using System.Runtime.InteropServices;

namespace KernelStructs.Netfilter;

/// <summary>
/// The entries of an ebtables table (what <c>EBT_SO_GET_ENTRIES</c> copies to <c>ebt_replace.entries</c>), walked
/// without copying or allocating: chains (<c>struct ebt_entries</c>, <c>distinguisher</c> 0), each followed by its
/// <c>nentries</c> rules (<c>struct ebt_entry</c>), each rule with its matches, watchers and target. Every offset is
/// checked against the blob before it is used; a malformed blob throws <see cref="XtTableFormatException"/>.
/// </summary>
/// <remarks>
/// Chains come in blob order: the table's hooks in hook order, then the user-defined chains. A standard target's
/// non-negative verdict is the byte offset of the chain it jumps to (<see cref="FindChain(int)"/>).
/// </remarks>
public readonly ref struct EbtEntriesBlob
{
    private readonly ReadOnlySpan<byte> _blob;

    /// <summary>Views <paramref name="entries"/> (<c>entries_size</c> bytes).</summary>
    public EbtEntriesBlob(ReadOnlySpan<byte> entries) => _blob = entries;

    /// <summary>The entries.</summary>
    public ReadOnlySpan<byte> Blob => _blob;

    /// <summary>Returns an enumerator over the chains.</summary>
    public Enumerator GetEnumerator() => new(_blob);

    /// <summary>The chain whose head is at byte <paramref name="offset"/> (a jump's verdict).</summary>
    /// <exception cref="XtTableFormatException">No chain starts there.</exception>
    public EbtChain FindChain(int offset)
    {
        foreach (EbtChain chain in this)
        {
            if (chain.Offset == offset)
            {
                return chain;
            }
        }

        throw new XtTableFormatException("No chain starts at this offset", offset);
    }

    /// <summary>Walks the chains.</summary>
    public ref struct Enumerator
    {
        private readonly ReadOnlySpan<byte> _blob;
        private int _next;
        private EbtChain _current;

        internal Enumerator(ReadOnlySpan<byte> blob)
        {
            _blob = blob;
            _next = 0;
            _current = default;
        }

        /// <summary>The current chain.</summary>
        public readonly EbtChain Current => _current;

        /// <summary>Moves to the next chain; throws <see cref="XtTableFormatException"/> if it does not fit.</summary>
        public bool MoveNext()
        {
            if (_next >= _blob.Length)
            {
                return false;
            }

            _current = EbtChain.Create(_blob, _next);
            _next = _current.End;
            return true;
        }
    }
}

/// <summary>One chain: its head (<c>struct ebt_entries</c>) and the rules that follow it.</summary>
public readonly ref struct EbtChain
{
    private readonly ReadOnlySpan<byte> _blob;

    private EbtChain(ReadOnlySpan<byte> blob, int offset, int end)
    {
        _blob = blob;
        Offset = offset;
        End = end;
    }

    internal static EbtChain Create(ReadOnlySpan<byte> blob, int offset)
    {
        if (offset < 0 || offset > blob.Length - EbtEntries.SizeOf)
        {
            throw new XtTableFormatException($"Chain head of {EbtEntries.SizeOf} bytes does not fit in the {blob.Length} bytes of entries", offset);
        }

        ref readonly EbtEntries head = ref MemoryMarshal.AsRef<EbtEntries>(blob.Slice(offset, EbtEntries.SizeOf));
        if (head.distinguisher != 0)
        {
            throw new XtTableFormatException($"A chain head was expected (distinguisher 0), found bitmask 0x{head.distinguisher:x}", offset);
        }

        int next = offset + EbtEntries.SizeOf;
        for (uint i = 0; i < head.nentries; i++)
        {
            next += EbtRule.Create(blob, next).Length;
        }

        return new EbtChain(blob, offset, next);
    }

    /// <summary>Byte offset of the chain head in the entries (what a jump's verdict holds).</summary>
    public int Offset { get; }

    /// <summary>Byte offset just past the chain's last rule.</summary>
    public int End { get; }

    /// <summary>The chain head.</summary>
    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    public ref readonly EbtEntries Head => ref MemoryMarshal.AsRef<EbtEntries>(_blob.Slice(Offset, EbtEntries.SizeOf));

    /// <summary>The chain's name, up to its NUL.</summary>
    public ReadOnlySpan<byte> Name => XtNames.CString(_blob.Slice(Offset + EbtEntries.Offsets.name, Ebtables.EBT_CHAIN_MAXNAMELEN));

    /// <summary>The policy: <see cref="Ebtables.EBT_ACCEPT"/>, <see cref="Ebtables.EBT_DROP"/> or <see cref="Ebtables.EBT_RETURN"/>.</summary>
    public int Policy => Head.policy;

    /// <summary>The index of the chain's first rule in the table's counters.</summary>
    public int CounterOffset => (int)Head.counter_offset;

    /// <summary>The number of rules.</summary>
    public int RuleCount => (int)Head.nentries;

    /// <summary>The rules, in order.</summary>
    public EbtRules Rules => new(_blob, Offset + EbtEntries.SizeOf, End);
}

/// <summary>The rules of one chain, walked along <c>next_offset</c>.</summary>
public readonly ref struct EbtRules
{
    private readonly ReadOnlySpan<byte> _blob;
    private readonly int _start;
    private readonly int _end;

    internal EbtRules(ReadOnlySpan<byte> blob, int start, int end)
    {
        _blob = blob;
        _start = start;
        _end = end;
    }

    /// <summary>Returns an enumerator over the rules.</summary>
    public Enumerator GetEnumerator() => new(_blob, _start, _end);

    /// <summary>Walks the rules.</summary>
    public ref struct Enumerator
    {
        private readonly ReadOnlySpan<byte> _blob;
        private readonly int _end;
        private int _next;
        private EbtRule _current;

        internal Enumerator(ReadOnlySpan<byte> blob, int start, int end)
        {
            _blob = blob;
            _end = end;
            _next = start;
            _current = default;
        }

        /// <summary>The current rule.</summary>
        public readonly EbtRule Current => _current;

        /// <summary>Moves to the next rule.</summary>
        public bool MoveNext()
        {
            if (_next >= _end)
            {
                return false;
            }

            _current = EbtRule.Create(_blob, _next);
            _next += _current.Length;
            return true;
        }
    }
}

/// <summary>One rule: <c>struct ebt_entry</c>, its matches, watchers and target, all checked.</summary>
public readonly ref struct EbtRule
{
    private readonly ReadOnlySpan<byte> _bytes;

    private EbtRule(ReadOnlySpan<byte> bytes, int offset)
    {
        _bytes = bytes;
        Offset = offset;
    }

    internal static EbtRule Create(ReadOnlySpan<byte> blob, int offset)
    {
        int header = EbtEntry.SizeOf;
        if (offset < 0 || offset > blob.Length - header)
        {
            throw new XtTableFormatException($"Rule header of {header} bytes does not fit in the {blob.Length} bytes of entries", offset);
        }

        ref readonly EbtEntry e = ref MemoryMarshal.AsRef<EbtEntry>(blob.Slice(offset, header));
        if ((e.bitmask & Ebtables.EBT_ENTRY_OR_ENTRIES) == 0)
        {
            throw new XtTableFormatException($"A rule was expected (EBT_ENTRY_OR_ENTRIES set), found bitmask 0x{e.bitmask:x}", offset);
        }

        long next = e.next_offset, target = e.target_offset, watchers = e.watchers_offset;
        if (next > blob.Length - offset || target > next - EbtEntryTarget.SizeOf || watchers > target || watchers < header)
        {
            throw new XtTableFormatException(
                $"Offsets out of order or past the entries: watchers_offset {watchers}, target_offset {target}, next_offset {next} (header {header}, {blob.Length - offset} bytes left)",
                offset);
        }

        var bytes = blob.Slice(offset, (int)next);
        uint targetSize = MemoryMarshal.AsRef<EbtEntryTarget>(bytes.Slice((int)target, EbtEntryTarget.SizeOf)).target_size;
        if (targetSize > next - target - EbtEntryTarget.SizeOf)
        {
            throw new XtTableFormatException($"target_size {targetSize} runs past next_offset {next}", offset + (int)target);
        }

        var rule = new EbtRule(bytes, offset);
        foreach (var _ in rule.Matches)
        {
        }

        foreach (var _ in rule.Watchers)
        {
        }

        return rule;
    }

    /// <summary>Byte offset of the rule in the entries.</summary>
    public int Offset { get; }

    /// <summary>The rule's size (<c>next_offset</c>).</summary>
    public int Length => _bytes.Length;

    /// <summary>The rule's bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The rule's header.</summary>
    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    public ref readonly EbtEntry Header => ref MemoryMarshal.AsRef<EbtEntry>(_bytes.Slice(0, EbtEntry.SizeOf));

    /// <summary>The matches, from the end of the header to <c>watchers_offset</c>.</summary>
    public EbtExtensions Matches => new(_bytes, EbtEntry.SizeOf, (int)Header.watchers_offset, Offset);

    /// <summary>The watchers, from <c>watchers_offset</c> to <c>target_offset</c>.</summary>
    public EbtExtensions Watchers => new(_bytes, (int)Header.watchers_offset, (int)Header.target_offset, Offset);

    /// <summary>The target.</summary>
    public EbtExtension Target
    {
        get
        {
            int at = (int)Header.target_offset;
            int size = (int)MemoryMarshal.AsRef<EbtEntryTarget>(_bytes.Slice(at, EbtEntryTarget.SizeOf)).target_size;
            return new EbtExtension(_bytes.Slice(at, EbtEntryTarget.SizeOf + size));
        }
    }
}

/// <summary>
/// The matches or the watchers of a rule: each a <c>struct ebt_entry_match</c>/<c>_watcher</c> (same layout) followed
/// by <c>match_size</c>/<c>watcher_size</c> bytes of data.
/// </summary>
public readonly ref struct EbtExtensions
{
    private readonly ReadOnlySpan<byte> _rule;
    private readonly int _start;
    private readonly int _end;
    private readonly int _ruleOffset;

    internal EbtExtensions(ReadOnlySpan<byte> rule, int start, int end, int ruleOffset)
    {
        _rule = rule;
        _start = start;
        _end = end;
        _ruleOffset = ruleOffset;
    }

    /// <summary>Whether there is none.</summary>
    public bool IsEmpty => _start == _end;

    /// <summary>Returns an enumerator over the extensions.</summary>
    public Enumerator GetEnumerator() => new(_rule, _start, _end, _ruleOffset);

    /// <summary>Walks the extensions.</summary>
    public ref struct Enumerator
    {
        private readonly ReadOnlySpan<byte> _rule;
        private readonly int _end;
        private readonly int _ruleOffset;
        private int _next;
        private EbtExtension _current;

        internal Enumerator(ReadOnlySpan<byte> rule, int start, int end, int ruleOffset)
        {
            _rule = rule;
            _end = end;
            _ruleOffset = ruleOffset;
            _next = start;
            _current = default;
        }

        /// <summary>The current extension.</summary>
        public readonly EbtExtension Current => _current;

        /// <summary>Moves to the next extension; throws <see cref="XtTableFormatException"/> if it does not fit.</summary>
        public bool MoveNext()
        {
            if (_next >= _end)
            {
                return false;
            }

            int header = EbtEntryMatch.SizeOf;
            int left = _end - _next;
            if (left < header)
            {
                throw new XtTableFormatException($"Extension header of {header} bytes does not fit ({left} bytes left)", _ruleOffset + _next);
            }

            uint size = MemoryMarshal.AsRef<EbtEntryMatch>(_rule.Slice(_next, header)).match_size;
            if (size > left - header)
            {
                throw new XtTableFormatException($"Extension data of {size} bytes runs past its end ({left - header} bytes left)", _ruleOffset + _next);
            }

            _current = new EbtExtension(_rule.Slice(_next, header + (int)size));
            _next += header + (int)size;
            return true;
        }
    }
}

/// <summary>One match, watcher or target: name, revision and data.</summary>
public readonly ref struct EbtExtension
{
    private readonly ReadOnlySpan<byte> _bytes;

    internal EbtExtension(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>The extension's bytes, header included.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The extension's name, up to its NUL (<c>"standard"</c> for the standard target).</summary>
    public ReadOnlySpan<byte> Name => XtNames.CString(_bytes.Slice(EbtEntryMatch.Offsets.u + EbtExtensionName.Offsets.name, Ebtables.EBT_EXTENSION_MAXNAMELEN));

    /// <summary>The extension's revision.</summary>
    public byte Revision => _bytes[EbtEntryMatch.Offsets.u + EbtExtensionName.Offsets.revision];

    /// <summary>The data (e.g. <c>struct ebt_ip_info</c>), padding included.</summary>
    public ReadOnlySpan<byte> Data => _bytes.Slice(EbtEntryMatch.SizeOf);

    /// <summary>Whether this is the standard target (<c>"standard"</c>) with room for its verdict.</summary>
    public bool IsStandard => Name.SequenceEqual("standard"u8) && Data.Length >= sizeof(int);

    /// <summary>
    /// The standard target's verdict: <see cref="Ebtables.EBT_ACCEPT"/>, <see cref="Ebtables.EBT_DROP"/>,
    /// <see cref="Ebtables.EBT_CONTINUE"/>, <see cref="Ebtables.EBT_RETURN"/>, or the byte offset of the chain it jumps to.
    /// </summary>
    public int Verdict => IsStandard
        ? MemoryMarshal.Read<int>(Data)
        : throw new InvalidOperationException("Only the standard target has a verdict.");
}
