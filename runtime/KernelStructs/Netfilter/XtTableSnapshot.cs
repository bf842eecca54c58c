using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace KernelStructs.Netfilter;

/// <summary>
/// One consistent read of a legacy table: what <c>*_SO_GET_INFO</c> reported and the entries
/// <c>*_SO_GET_ENTRIES</c> returned for it. <see cref="Read(XtFamily, int, string, byte[])"/> follows
/// libiptc's protocol: GET_INFO, then GET_ENTRIES with exactly the reported size; when the table
/// changed in between the kernel answers EAGAIN and the read starts again.
/// </summary>
public sealed class XtTableSnapshot
{
    private readonly byte[] _buffer;
    private readonly uint[] _hookEntry;
    private readonly uint[] _underflow;

    private XtTableSnapshot(XtFamily family, string name, uint validHooks, uint[] hookEntry, uint[] underflow, uint numEntries, int size, byte[] buffer)
    {
        Family = family;
        Name = name;
        ValidHooks = validHooks;
        _hookEntry = hookEntry;
        _underflow = underflow;
        NumEntries = numEntries;
        Size = size;
        _buffer = buffer;
    }

    /// <summary>The table family.</summary>
    public XtFamily Family { get; }

    /// <summary>The table's name.</summary>
    public string Name { get; }

    /// <summary><c>valid_hooks</c>: bit <c>1 &lt;&lt; hook</c> for each hook the table attaches to.</summary>
    public uint ValidHooks { get; }

    /// <summary><c>hook_entry</c>: offset of each hook's first rule.</summary>
    public ReadOnlySpan<uint> HookEntry => _hookEntry;

    /// <summary><c>underflow</c>: offset of each hook's policy rule.</summary>
    public ReadOnlySpan<uint> Underflow => _underflow;

    /// <summary><c>num_entries</c>.</summary>
    public uint NumEntries { get; }

    /// <summary><c>size</c>: bytes of entries.</summary>
    public int Size { get; }

    /// <summary>The entries.</summary>
    public ReadOnlySpan<byte> Entries => _buffer.AsSpan(Family.GetEntriesHeaderSize, Size);

    /// <summary>The buffer the entries were read into (header included); pass it to the next read to reuse it.</summary>
    public byte[] Buffer => _buffer;

    /// <summary>Whether hook <paramref name="hook"/> is one of the table's.</summary>
    public bool HasHook(int hook) => (ValidHooks & (1u << hook)) != 0;

    /// <summary>The entries, for walking.</summary>
    public XtEntries<TEntry> GetEntries<TEntry>()
        where TEntry : unmanaged, IXtEntry
    {
        CheckEntryType<TEntry>();
        return new XtEntries<TEntry>(Entries);
    }

    /// <summary>
    /// The table's chains in the order <c>*tables-save</c> prints them: built-in chains in blob order,
    /// then user-defined chains sorted by name (byte order, as libiptc keeps them).
    /// </summary>
    public XtChain[] GetChains<TEntry>()
        where TEntry : unmanaged, IXtEntry
    {
        CheckEntryType<TEntry>();
        return XtChain.Parse<TEntry>(this);
    }

    private void CheckEntryType<TEntry>()
        where TEntry : unmanaged, IXtEntry
    {
        if (System.Runtime.CompilerServices.Unsafe.SizeOf<TEntry>() != Family.EntrySize)
        {
            throw new ArgumentException($"{typeof(TEntry).Name} is not the entry type of {Family.Name}.");
        }
    }

    /// <summary>Reads table <paramref name="table"/> through <paramref name="socket"/>.</summary>
    public static XtTableSnapshot Read(XtFamily family, System.Net.Sockets.Socket socket, string table, byte[]? reuse = null)
    {
        ArgumentNullException.ThrowIfNull(socket);
        bool added = false;
        socket.SafeHandle.DangerousAddRef(ref added);
        try
        {
            return Read(family, (int)socket.SafeHandle.DangerousGetHandle(), table, reuse);
        }
        finally
        {
            if (added)
            {
                socket.SafeHandle.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Reads table <paramref name="table"/> through the raw socket <paramref name="fd"/>
    /// (see <see cref="XtFamily.OpenSocket"/>): GET_INFO, then GET_ENTRIES, again on EAGAIN.
    /// </summary>
    /// <param name="family">The table family.</param>
    /// <param name="fd">A raw socket of the family's address family.</param>
    /// <param name="table">The table's name (e.g. <c>filter</c>).</param>
    /// <param name="reuse">A buffer to read into when it is large enough; otherwise a new one is allocated.</param>
    /// <exception cref="SocketOptionException">
    /// The kernel refused (ENOENT: no such table or module, EPERM: no CAP_NET_ADMIN), or the table kept changing
    /// between GET_INFO and GET_ENTRIES for 100 attempts in a row (EAGAIN).
    /// </exception>
    public static XtTableSnapshot Read(XtFamily family, int fd, string table, byte[]? reuse = null)
        => Read(family, fd, table, reuse, DefaultReadEntries, retries: null);

    /// <summary>
    /// How many times a read starts again on EAGAIN before it gives up and reports EAGAIN: a writer that replaces
    /// the table faster than it can be read must not keep a reader spinning forever.
    /// </summary>
    internal const int MaxReadAttempts = 100;

    /// <summary>The GET_ENTRIES step of a read: the family's typed declaration.</summary>
    internal delegate Errno ReadEntries(XtFamily family, int fd, Span<byte> request);

    private static readonly ReadEntries DefaultReadEntries = static (family, fd, request) => family.TryGetEntries(fd, request, out _);

    /// <summary>
    /// <see cref="Read(XtFamily, int, string, byte[])"/> with its GET_ENTRIES step given, so that the retry on EAGAIN
    /// can be driven deterministically; <paramref name="retries"/> runs once per retry.
    /// </summary>
    internal static XtTableSnapshot Read(XtFamily family, int fd, string table, byte[]? reuse, ReadEntries readEntries, Action? retries)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(table);
        var at = family.Offsets;
        Span<byte> info = stackalloc byte[family.GetInfoSize];
        for (var attempt = 1; ; attempt++)
        {
            info.Clear();
            WriteName(info, table);
            family.GetInfo(fd, info);

            int hooks = family.NumHooks;
            uint validHooks = Read32(info, at.GetInfoValidHooks);
            var hookEntry = new uint[hooks];
            var underflow = new uint[hooks];
            for (int h = 0; h < hooks; h++)
            {
                hookEntry[h] = Read32(info, at.GetInfoHookEntry + sizeof(uint) * h);
                underflow[h] = Read32(info, at.GetInfoUnderflow + sizeof(uint) * h);
            }

            uint numEntries = Read32(info, at.GetInfoNumEntries);
            uint size = Read32(info, at.GetInfoSizeField);
            if (size > int.MaxValue - family.GetEntriesHeaderSize)
            {
                throw new XtTableFormatException($"GET_INFO reported an entries size of {size} bytes", 0);
            }

            int total = family.GetEntriesHeaderSize + (int)size;
            byte[] buffer = reuse is not null && reuse.Length >= total ? reuse : new byte[total];
            var request = buffer.AsSpan(0, total);
            request.Slice(0, family.GetEntriesHeaderSize).Clear();
            WriteName(request, table);
            MemoryMarshal.Write(request.Slice(at.GetEntriesSizeField), in size);

            // The length must be exactly header + size: the kernel compares size with the live table
            // and answers EAGAIN when a writer replaced it since GET_INFO.
            Errno err = readEntries(family, fd, request);
            if (err == Errno.EAGAIN && attempt < MaxReadAttempts)
            {
                retries?.Invoke();
                continue;
            }

            if (err.IsError)
            {
                throw new SocketOptionException(err, family.Level, family.SO_GET_ENTRIES, family.CName("SO_GET_ENTRIES"), SockOptDirection.Get);
            }

            string name = Encoding.ASCII.GetString(XtNames.CString(info.Slice(0, XTables.XT_TABLE_MAXNAMELEN)));
            return new XtTableSnapshot(family, name, validHooks, hookEntry, underflow, numEntries, (int)size, buffer);
        }
    }

    /// <summary>
    /// Asks the kernel (<c>*_SO_GET_REVISION_MATCH</c>/<c>_TARGET</c>) whether it has revision
    /// <paramref name="revision"/> of a match (<paramref name="target"/> false) or target, as
    /// <c>xtables_compatible_revision()</c> does: false when it lacks that revision (EPROTONOSUPPORT)
    /// or the extension (ENOENT).
    /// </summary>
    /// <exception cref="SocketOptionException">Any other failure (e.g. EPERM without CAP_NET_ADMIN).</exception>
    public static bool HasRevision(XtFamily family, int fd, string name, byte revision, bool target)
        => HasRevision(family, fd, name, revision, target, out _);

    /// <summary>
    /// <see cref="HasRevision(XtFamily, int, string, byte, bool)"/>, also telling whether the kernel has the extension at
    /// all (<paramref name="exists"/> is false on ENOENT, true when it answers or on EPROTONOSUPPORT).
    /// </summary>
    internal static bool HasRevision(XtFamily family, int fd, string name, byte revision, bool target, out bool exists)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(name);
        int opt = target ? family.SO_GET_REVISION_TARGET : family.SO_GET_REVISION_MATCH;
        if (opt < 0)
        {
            throw new NotSupportedException($"{family.Name} has no match revisions.");
        }

        if (name.Length >= XTables.XT_EXTENSION_MAXNAMELEN)
        {
            throw new ArgumentException($"Extension name '{name}' does not fit in {XTables.XT_EXTENSION_MAXNAMELEN - 1} characters.", nameof(name));
        }

        var rev = new XtGetRevision { revision = revision };
        rev.SetName(name);
        string cname = family.CName(target ? "SO_GET_REVISION_TARGET" : "SO_GET_REVISION_MATCH");
        Errno err = family.TryGetRevision(fd, ref rev, target);
        exists = err != Errno.ENOENT;
        if (err == Errno.ENOENT || err.Number == 93 /* EPROTONOSUPPORT */)
        {
            return false;
        }

        if (err.IsError)
        {
            throw new SocketOptionException(err, family.Level, opt, cname, SockOptDirection.Get);
        }

        return true;
    }

    /// <summary>
    /// A snapshot of entries built in memory rather than read from the kernel (a table crafted byte by byte), with what
    /// GET_INFO would report for them.
    /// </summary>
    internal static XtTableSnapshot FromEntries(XtFamily family, string table, uint validHooks, uint[] hookEntry, uint[] underflow, uint numEntries, ReadOnlySpan<byte> entries)
    {
        ArgumentNullException.ThrowIfNull(family);
        if (hookEntry.Length != family.NumHooks || underflow.Length != family.NumHooks)
        {
            throw new ArgumentException($"{family.Name} has {family.NumHooks} hooks.");
        }

        byte[] buffer = new byte[family.GetEntriesHeaderSize + entries.Length];
        WriteName(buffer, table);
        entries.CopyTo(buffer.AsSpan(family.GetEntriesHeaderSize));
        return new XtTableSnapshot(family, table, validHooks, (uint[])hookEntry.Clone(), (uint[])underflow.Clone(), numEntries, entries.Length, buffer);
    }

    internal static void WriteName(Span<byte> destination, string table)
    {
        if (table.Length >= XTables.XT_TABLE_MAXNAMELEN)
        {
            throw new ArgumentException($"Table name '{table}' does not fit in {XTables.XT_TABLE_MAXNAMELEN - 1} characters.", nameof(table));
        }

        int n = Encoding.ASCII.GetBytes(table, destination.Slice(0, XTables.XT_TABLE_MAXNAMELEN - 1));
        destination[n] = 0;
    }

    private static uint Read32(ReadOnlySpan<byte> s, int offset) => MemoryMarshal.Read<uint>(s.Slice(offset));
}

/// <summary>A chain of a table: where it starts, where its rules are, and its policy.</summary>
public readonly struct XtChain
{
    internal XtChain(string name, int hook, int headOffset, int rulesOffset, int policyOffset, int endOffset)
    {
        Name = name;
        Hook = hook;
        HeadOffset = headOffset;
        RulesOffset = rulesOffset;
        PolicyOffset = policyOffset;
        EndOffset = endOffset;
    }

    /// <summary>The chain's name (the hook's name for a built-in chain).</summary>
    public string Name { get; }

    /// <summary>The hook of a built-in chain; -1 for a user-defined chain.</summary>
    public int Hook { get; }

    /// <summary>Whether the chain is built in.</summary>
    public bool IsBuiltin => Hook >= 0;

    /// <summary>Offset of the chain's first entry (the ERROR head of a user-defined chain).</summary>
    public int HeadOffset { get; }

    /// <summary>Offset of the first rule.</summary>
    public int RulesOffset { get; }

    /// <summary>Offset of the policy (built-in) or RETURN (user-defined) entry that ends the chain; rules end here.</summary>
    public int PolicyOffset { get; }

    /// <summary>Offset just past the chain.</summary>
    public int EndOffset { get; }

    /// <summary>Whether <paramref name="offset"/> falls inside the chain.</summary>
    public bool Contains(int offset) => offset >= HeadOffset && offset < EndOffset;

    /// <inheritdoc/>
    public override string ToString() => $"{Name} [{HeadOffset}..{EndOffset})";

    internal static XtChain[] Parse<TEntry>(XtTableSnapshot table)
        where TEntry : unmanaged, IXtEntry
    {
        var finder = new XtChainFinder<TEntry>(table);
        foreach (var e in new XtEntries<TEntry>(table.Entries))
        {
            finder.Enter(e);
        }

        var chains = finder.Finish();
        int[] order = XtChainFinder<TEntry>.SaveOrder(chains);
        var sorted = new XtChain[order.Length];
        for (int i = 0; i < order.Length; i++)
        {
            sorted[i] = chains[order[i]];
        }

        return sorted;
    }
}
