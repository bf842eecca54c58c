using System;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KernelStructs.Netfilter;

/// <summary>
/// The members that <c>struct ipt_entry</c>, <c>struct ip6t_entry</c> and <c>struct arpt_entry</c> share,
/// so one reader walks the three kinds of table.
/// </summary>
public interface IXtEntry
{
    /// <summary><c>target_offset</c>: where the target starts, from the start of the entry.</summary>
    ushort TargetOffset { get; }

    /// <summary><c>next_offset</c>: where the next entry starts, from the start of the entry.</summary>
    ushort NextOffset { get; }

    /// <summary><c>counters</c>.</summary>
    XtCounters Counters { get; }

    /// <summary>Whether the rule's jump is a goto (<c>IPT_F_GOTO</c>/<c>IP6T_F_GOTO</c>; never for ARP).</summary>
    bool IsGoto { get; }
}

/// <summary>Thrown when a table blob read from the kernel or built by the caller is not well formed.</summary>
public sealed class XtTableFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public XtTableFormatException(string message, int offset)
        : base($"{message} (at byte offset {offset} of the entries)") => Offset = offset;

    /// <summary>The byte offset, from the start of the entries, where the problem is.</summary>
    public int Offset { get; }
}

/// <summary>
/// The entries of a table (what <c>*_SO_GET_ENTRIES</c> answers after its header), walked along the
/// <c>next_offset</c> chain without copying or allocating. Every offset is checked against the blob
/// before it is used: a malformed blob throws <see cref="XtTableFormatException"/>, never reads out of range.
/// </summary>
/// <typeparam name="TEntry"><see cref="IptEntry"/>, <see cref="Ip6tEntry"/> or <see cref="ArptEntry"/>.</typeparam>
public readonly ref struct XtEntries<TEntry>
    where TEntry : unmanaged, IXtEntry
{
    private readonly ReadOnlySpan<byte> _blob;
    private readonly int _start;
    private readonly int _end;

    /// <summary>Views <paramref name="entries"/> (the entries only, <c>size</c> bytes).</summary>
    public XtEntries(ReadOnlySpan<byte> entries)
        : this(entries, 0, entries.Length)
    {
    }

    /// <summary>Views the entries of <paramref name="entries"/> from offset <paramref name="start"/> up to <paramref name="end"/>.</summary>
    public XtEntries(ReadOnlySpan<byte> entries, int start, int end)
    {
        if ((uint)start > (uint)entries.Length || end < start || end > entries.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"The range {start}..{end} is outside the {entries.Length} bytes of entries.");
        }

        _blob = entries;
        _start = start;
        _end = end;
    }

    /// <summary>The whole blob the offsets refer to.</summary>
    public ReadOnlySpan<byte> Blob => _blob;

    /// <summary>The size of one entry header (<c>sizeof(struct ipt_entry)</c> etc.).</summary>
    public static int EntrySize => Unsafe.SizeOf<TEntry>();

    /// <summary>Reads and checks the entry at <paramref name="offset"/>.</summary>
    public XtEntry<TEntry> At(int offset) => XtEntry<TEntry>.Create(_blob, offset);

    /// <summary>Returns an enumerator over the entries.</summary>
    public Enumerator GetEnumerator() => new(_blob, _start, _end);

    /// <summary>Counts the entries (walking them).</summary>
    public int Count()
    {
        int n = 0;
        foreach (var _ in this)
        {
            n++;
        }

        return n;
    }

    /// <summary>Walks the <c>next_offset</c> chain.</summary>
    public ref struct Enumerator
    {
        // The current entry is kept as its offset and length, not as an XtEntry: a ref struct field that is assigned
        // whole on every step costs the JIT a copy through the stack on each one.
        private readonly ReadOnlySpan<byte> _blob;
        private readonly int _end;
        private int _current;
        private int _next;

        internal Enumerator(ReadOnlySpan<byte> blob, int start, int end)
        {
            _blob = blob;
            _end = end;
            _current = start;
            _next = start;
        }

        /// <summary>The current entry.</summary>
        public readonly XtEntry<TEntry> Current => new(_blob.Slice(_current, _next - _current), _current);

        /// <summary>Moves to the next entry; throws <see cref="XtTableFormatException"/> if it does not fit.</summary>
        public bool MoveNext()
        {
            if (_next >= _end)
            {
                return false;
            }

            int length = XtEntry<TEntry>.Check(_blob, _next);
            if (_next + length > _end)
            {
                ThrowPastEnd(length, _end, _next);
            }

            _current = _next;
            _next += length;
            return true;
        }

        [DoesNotReturn]
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowPastEnd(int length, int end, int offset)
            => throw new XtTableFormatException($"Entry of {length} bytes runs past the end of the range ({end})", offset);
    }
}

/// <summary>One checked entry: its header, its matches and its target.</summary>
public readonly ref struct XtEntry<TEntry>
    where TEntry : unmanaged, IXtEntry
{
    private readonly ReadOnlySpan<byte> _bytes;

    internal XtEntry(ReadOnlySpan<byte> bytes, int offset)
    {
        _bytes = bytes;
        Offset = offset;
    }

    internal static XtEntry<TEntry> Create(ReadOnlySpan<byte> blob, int offset)
        => new(blob.Slice(offset, Check(blob, offset)), offset);

    // Checks the entry at `offset` of `blob` (its header, next_offset, target_offset and target_size); returns its length.
    // The messages are built in Fail, out of line: their interpolation's locals would otherwise cost every entry a
    // zeroed frame and its span argument a trip through the stack.
    internal static int Check(ReadOnlySpan<byte> blob, int offset)
    {
        int headerSize = Unsafe.SizeOf<TEntry>();
        if (offset < 0 || offset > blob.Length - headerSize || offset % XTables.XtAlignment != 0)
        {
            Fail(blob, offset);
        }

        ref readonly TEntry e = ref Unsafe.As<byte, TEntry>(ref Unsafe.Add(ref MemoryMarshal.GetReference(blob), offset));
        int next = e.NextOffset;
        int target = e.TargetOffset;
        if (next > blob.Length - offset || target < headerSize || target > next - XtEntryTarget.SizeOf)
        {
            Fail(blob, offset);
        }

        int targetSize = Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref MemoryMarshal.GetReference(blob), offset + target));
        if (targetSize < XtEntryTarget.SizeOf || targetSize > next - target)
        {
            Fail(blob, offset);
        }

        return next;
    }

    // Throws the exception that says what is wrong with the entry at `offset` (which Check found malformed).
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Fail(ReadOnlySpan<byte> blob, int offset)
    {
        int headerSize = Unsafe.SizeOf<TEntry>();
        if (offset < 0 || offset > blob.Length - headerSize)
        {
            throw new XtTableFormatException($"Entry header of {headerSize} bytes does not fit in the {blob.Length} bytes of entries", offset);
        }

        if (offset % XTables.XtAlignment != 0)
        {
            throw new XtTableFormatException($"Entry is not aligned to {XTables.XtAlignment} bytes", offset);
        }

        ref readonly TEntry e = ref MemoryMarshal.AsRef<TEntry>(blob.Slice(offset, headerSize));
        int next = e.NextOffset;
        int target = e.TargetOffset;
        int minTarget = XtEntryTarget.SizeOf;
        if (next > blob.Length - offset)
        {
            throw new XtTableFormatException($"next_offset {next} runs past the end of the entries ({blob.Length} bytes)", offset);
        }

        if (target < headerSize || target > next - minTarget)
        {
            throw new XtTableFormatException($"target_offset {target} is outside {headerSize}..{next - minTarget} (next_offset {next})", offset);
        }

        int targetSize = MemoryMarshal.Read<ushort>(blob.Slice(offset + target));
        throw new XtTableFormatException($"target_size {targetSize} is outside {minTarget}..{next - target}", offset + target);
    }

    /// <summary>Offset of the entry from the start of the entries.</summary>
    public int Offset { get; }

    /// <summary>The entry's size (<c>next_offset</c>).</summary>
    public int Length => _bytes.Length;

    /// <summary>The entry's bytes: header, matches and target.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The entry's header.</summary>
    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    public ref readonly TEntry Header => ref MemoryMarshal.AsRef<TEntry>(_bytes);

    /// <summary>The entry's counters.</summary>
    public XtCounters Counters => Header.Counters;

    /// <summary>The matches, from the end of the header to <c>target_offset</c>.</summary>
    public XtMatches Matches => new(_bytes.Slice(Unsafe.SizeOf<TEntry>(), Header.TargetOffset - Unsafe.SizeOf<TEntry>()), Offset + Unsafe.SizeOf<TEntry>());

    /// <summary>The target.</summary>
    public XtTarget Target
    {
        get
        {
            var t = _bytes.Slice(Header.TargetOffset);
            return new XtTarget(t.Slice(0, MemoryMarshal.Read<ushort>(t)));
        }
    }
}

/// <summary>The matches of one entry, walked along <c>u.match_size</c> with bounds checks.</summary>
public readonly ref struct XtMatches
{
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly int _offset;

    internal XtMatches(ReadOnlySpan<byte> bytes, int offset)
    {
        _bytes = bytes;
        _offset = offset;
    }

    /// <summary>Whether the entry has no match.</summary>
    public bool IsEmpty => _bytes.IsEmpty;

    /// <summary>Returns an enumerator over the matches.</summary>
    public Enumerator GetEnumerator() => new(_bytes, _offset);

    /// <summary>Walks <c>u.match_size</c>.</summary>
    public ref struct Enumerator
    {
        // The current match is kept as its offset, as XtEntries.Enumerator keeps its entry.
        private readonly ReadOnlySpan<byte> _bytes;
        private readonly int _offset;
        private int _current;
        private int _next;

        internal Enumerator(ReadOnlySpan<byte> bytes, int offset)
        {
            _bytes = bytes;
            _offset = offset;
            _current = 0;
            _next = 0;
        }

        /// <summary>The current match.</summary>
        public readonly XtMatch Current => new(_bytes.Slice(_current, _next - _current));

        /// <summary>Moves to the next match; throws <see cref="XtTableFormatException"/> if it does not fit.</summary>
        public bool MoveNext()
        {
            if (_next >= _bytes.Length)
            {
                return false;
            }

            int header = XtEntryMatch.SizeOf;
            int left = _bytes.Length - _next;
            if (left < header)
            {
                ThrowShort(header, left, _offset + _next);
            }

            int size = Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref MemoryMarshal.GetReference(_bytes), _next));
            if (size < header || size > left)
            {
                ThrowBadSize(size, header, left, _offset + _next);
            }

            _current = _next;
            _next += size;
            return true;
        }

        // The throws are out of line, as in XtEntry's Check.
        [DoesNotReturn]
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowShort(int header, int left, int offset)
            => throw new XtTableFormatException($"Match header of {header} bytes does not fit before target_offset ({left} bytes left)", offset);

        [DoesNotReturn]
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowBadSize(int size, int header, int left, int offset)
            => throw new XtTableFormatException($"match_size {size} is outside {header}..{left}", offset);
    }
}

/// <summary>One match: <c>struct xt_entry_match</c> and its data.</summary>
public readonly ref struct XtMatch
{
    private readonly ReadOnlySpan<byte> _bytes;

    internal XtMatch(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>The match's bytes, header included (<c>u.match_size</c> bytes).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The extension name, up to its NUL.</summary>
    public ReadOnlySpan<byte> Name => XtNames.CString(_bytes.Slice(2, XTables.XT_EXTENSION_MAXNAMELEN));

    /// <summary>The extension revision.</summary>
    public byte Revision => _bytes[2 + XTables.XT_EXTENSION_MAXNAMELEN];

    /// <summary>The match's data (e.g. <c>struct xt_tcp</c>), padding included.</summary>
    public ReadOnlySpan<byte> Data => _bytes.Slice(XtEntryMatch.SizeOf);
}

/// <summary>One target: <c>struct xt_entry_target</c> and its data.</summary>
public readonly ref struct XtTarget
{
    private readonly ReadOnlySpan<byte> _bytes;

    internal XtTarget(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>The target's bytes, header included (<c>u.target_size</c> bytes).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The extension name, up to its NUL; empty for the standard target.</summary>
    public ReadOnlySpan<byte> Name => XtNames.CString(_bytes.Slice(2, XTables.XT_EXTENSION_MAXNAMELEN));

    /// <summary>The extension revision.</summary>
    public byte Revision => _bytes[2 + XTables.XT_EXTENSION_MAXNAMELEN];

    /// <summary>The target's data, padding included.</summary>
    public ReadOnlySpan<byte> Data => _bytes.Slice(XtEntryTarget.SizeOf);

    /// <summary>Whether this is the standard target (empty name) with room for its verdict.</summary>
    public bool IsStandard => _bytes[2] == 0 && Data.Length >= sizeof(int);

    /// <summary>Whether this is the error target (<c>"ERROR"</c>) that heads a user chain or ends the table.</summary>
    public bool IsError => IsErrorName(_bytes);

    // The first eight bytes of an error target's header: target_size (masked out) and the name "ERROR" with its NUL.
    private static readonly ulong ErrorHeader = BinaryPrimitives.ReadUInt64LittleEndian("\0\0ERROR\0"u8);

    // Whether the name of the target in `target` (header first) is "ERROR" up to its NUL.
    internal static bool IsErrorName(ReadOnlySpan<byte> target) => (BinaryPrimitives.ReadUInt64LittleEndian(target) & ~(ulong)ushort.MaxValue) == ErrorHeader;

    /// <summary>The standard target's verdict (<see cref="IsStandard"/> must hold).</summary>
    public int Verdict => IsStandard
        ? MemoryMarshal.Read<int>(Data)
        : throw new InvalidOperationException("Only the standard target has a verdict.");

    /// <summary>The error target's <c>errorname</c>, up to its NUL (<see cref="IsError"/> must hold).</summary>
    public ReadOnlySpan<byte> ErrorName => IsError
        ? XtNames.CString(Data.Slice(0, Math.Min(Data.Length, XTables.XT_FUNCTION_MAXNAMELEN)))
        : throw new InvalidOperationException("Only the error target has an error name.");
}

internal static class XtNames
{
    public static ReadOnlySpan<byte> CString(ReadOnlySpan<byte> buffer)
    {
        int nul = buffer.IndexOf((byte)0);
        return nul < 0 ? buffer : buffer.Slice(0, nul);
    }
}
