using System;
using System.Runtime.InteropServices;

namespace KernelStructs.Netfilter;

/// <summary>
/// One consistent read of an ebtables table: <c>EBT_SO_GET_INFO</c> (or <c>GET_INIT_INFO</c>), then
/// <c>EBT_SO_GET_ENTRIES</c> (or <c>GET_INIT_ENTRIES</c>) into one buffer laid out as the kernel counts the length:
/// the <see cref="EbtReplace"/> header, <c>entries_size</c> bytes of entries, then the counters, with the header's
/// <c>entries</c> and <c>counters</c> pointing into the same buffer. When the table changed in between, the kernel
/// answers EINVAL (its sizes no longer match) and the read starts again.
/// </summary>
public sealed class EbtTableSnapshot
{
    /// <summary>How many times a read starts again when the table changed between GET_INFO and GET_ENTRIES.</summary>
    internal const int MaxReadAttempts = 100;

    private readonly byte[] _buffer;

    private EbtTableSnapshot(string name, uint validHooks, int nentries, int entriesSize, int numCounters, byte[] buffer)
    {
        Name = name;
        ValidHooks = validHooks;
        NumEntries = nentries;
        EntriesSize = entriesSize;
        NumCounters = numCounters;
        _buffer = buffer;
    }

    /// <summary>The table's name (<c>filter</c>, <c>nat</c>, <c>broute</c>).</summary>
    public string Name { get; }

    /// <summary><c>valid_hooks</c>: bit <c>1 &lt;&lt; hook</c> for each bridge hook the table attaches to.</summary>
    public uint ValidHooks { get; }

    /// <summary><c>nentries</c>: the number of rules.</summary>
    public int NumEntries { get; }

    /// <summary><c>entries_size</c>.</summary>
    public int EntriesSize { get; }

    /// <summary>How many counters were read (0 when the read asked for none).</summary>
    public int NumCounters { get; }

    /// <summary>The entries.</summary>
    public ReadOnlySpan<byte> Entries => _buffer.AsSpan(EbtReplace.SizeOf, EntriesSize);

    /// <summary>The rules' counters, in rule order (a chain's first rule is at its <see cref="EbtChain.CounterOffset"/>).</summary>
    public ReadOnlySpan<EbtCounter> Counters => MemoryMarshal.Cast<byte, EbtCounter>(_buffer.AsSpan(EbtReplace.SizeOf + EntriesSize, NumCounters * EbtCounter.SizeOf));

    /// <summary>The chains, for walking.</summary>
    public EbtEntriesBlob GetChains() => new(Entries);

    /// <summary>Reads table <paramref name="table"/> as it is now, with its counters unless <paramref name="counters"/> is false.</summary>
    /// <exception cref="SocketOptionException">
    /// ENOENT: no such table (its module is loaded on demand); EPERM: no <c>CAP_NET_ADMIN</c>; ENOPROTOOPT: no ebtables
    /// in this kernel; EINVAL: the table kept changing for <see cref="MaxReadAttempts"/> reads.
    /// </exception>
    public static EbtTableSnapshot Read(int fd, string table, bool counters = true) => Read(fd, table, counters, initial: false);

    /// <summary>Reads table <paramref name="table"/> as it was when it was registered (<c>EBT_SO_GET_INIT_INFO</c>/<c>_ENTRIES</c>; no counters).</summary>
    public static EbtTableSnapshot ReadInitial(int fd, string table) => Read(fd, table, counters: false, initial: true);

    private static unsafe EbtTableSnapshot Read(int fd, string table, bool counters, bool initial)
    {
        ArgumentNullException.ThrowIfNull(table);
        for (int attempt = 1; ; attempt++)
        {
            EbtReplace info = Info(fd, table, initial);
            int size = checked((int)info.entries_size);
            int numCounters = counters ? checked((int)info.nentries) : 0;
            byte[] buffer = new byte[checked(EbtReplace.SizeOf + size + (numCounters * EbtCounter.SizeOf))];
            Errno err;
            fixed (byte* p = buffer)
            {
                EbtReplace request = info;
                request.num_counters = (uint)numCounters;
                request.entries = (nint)(p + EbtReplace.SizeOf);
                request.counters = numCounters == 0 ? 0 : (nint)(p + EbtReplace.SizeOf + size);
                MemoryMarshal.Write(buffer, in request);
                err = initial ? Ebtables.TryGetInitEntries(fd, buffer, out _) : Ebtables.TryGetEntries(fd, buffer, out _);
            }

            if (err == Errno.EINVAL && attempt < MaxReadAttempts)
            {
                EbtReplace now = Info(fd, table, initial);
                if (now.nentries != info.nentries || now.entries_size != info.entries_size)
                {
                    continue;
                }
            }

            if (err.IsError)
            {
                int command = initial ? Ebtables.EBT_SO_GET_INIT_ENTRIES : Ebtables.EBT_SO_GET_ENTRIES;
                throw new SocketOptionException(err, SocketLevel.IP, command, initial ? nameof(Ebtables.EBT_SO_GET_INIT_ENTRIES) : nameof(Ebtables.EBT_SO_GET_ENTRIES), SockOptDirection.Get);
            }

            return new EbtTableSnapshot(info.GetName(), info.valid_hooks, (int)info.nentries, size, numCounters, buffer);
        }
    }

    /// <summary>
    /// A snapshot of entries and counters built in memory rather than read from the kernel (a table crafted byte by
    /// byte), with what GET_INFO would report for them.
    /// </summary>
    internal static EbtTableSnapshot FromEntries(string table, uint validHooks, int nentries, ReadOnlySpan<byte> entries, ReadOnlySpan<EbtCounter> counters)
    {
        ArgumentNullException.ThrowIfNull(table);
        byte[] buffer = new byte[EbtReplace.SizeOf + entries.Length + (counters.Length * EbtCounter.SizeOf)];
        entries.CopyTo(buffer.AsSpan(EbtReplace.SizeOf));
        MemoryMarshal.AsBytes(counters).CopyTo(buffer.AsSpan(EbtReplace.SizeOf + entries.Length));
        return new EbtTableSnapshot(table, validHooks, nentries, entries.Length, counters.Length, buffer);
    }

    private static EbtReplace Info(int fd, string table, bool initial)
    {
        var info = default(EbtReplace);
        info.SetName(table);
        if (initial)
        {
            Ebtables.GetInitInfo(fd, ref info);
        }
        else
        {
            Ebtables.GetInfo(fd, ref info);
        }

        return info;
    }
}
