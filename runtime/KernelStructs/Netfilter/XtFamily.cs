using System;
using System.Collections.Generic;
using System.Net.Sockets;

namespace KernelStructs.Netfilter;

/// <summary>
/// What distinguishes ip_tables, ip6_tables and arp_tables on the wire: level, command numbers,
/// hook count and names, and the sizes of their headers. The table operations
/// (<see cref="XtTableSnapshot.Read(XtFamily, int, string, byte[])"/>, ...) take one of the three instances.
/// </summary>
public sealed class XtFamily
{
    /// <summary>ip_tables (<c>SOL_IP</c>, <c>IPT_SO_*</c>, <see cref="IptEntry"/>).</summary>
    public static readonly XtFamily IPv4 = new(
        Kind.IPv4, "ip_tables", "IPT", SocketLevel.IP, AddressFamily.InterNetwork,
        IpTables.IPT_SO_GET_INFO, IpTables.IPT_SO_GET_ENTRIES, IpTables.IPT_SO_SET_REPLACE, IpTables.IPT_SO_SET_ADD_COUNTERS,
        IpTables.IPT_SO_GET_REVISION_MATCH, IpTables.IPT_SO_GET_REVISION_TARGET,
        new[] { "PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING" },
        new HeaderLayout(
            IptEntry.SizeOf,
            IptGetInfo.SizeOf, IptGetInfo.Offsets.valid_hooks, IptGetInfo.Offsets.hook_entry, IptGetInfo.Offsets.underflow, IptGetInfo.Offsets.num_entries, IptGetInfo.Offsets.size,
            IptGetEntries.Offsets.size, IptGetEntries.Offsets.entrytable,
            IptReplace.Offsets.valid_hooks, IptReplace.Offsets.num_entries, IptReplace.Offsets.size, IptReplace.Offsets.hook_entry, IptReplace.Offsets.underflow,
            IptReplace.Offsets.num_counters, IptReplace.Offsets.counters, IptReplace.Offsets.entries));

    /// <summary>ip6_tables (<c>SOL_IPV6</c>, <c>IP6T_SO_*</c>, <see cref="Ip6tEntry"/>).</summary>
    public static readonly XtFamily IPv6 = new(
        Kind.IPv6, "ip6_tables", "IP6T", SocketLevel.IPv6, AddressFamily.InterNetworkV6,
        Ip6Tables.IP6T_SO_GET_INFO, Ip6Tables.IP6T_SO_GET_ENTRIES, Ip6Tables.IP6T_SO_SET_REPLACE, Ip6Tables.IP6T_SO_SET_ADD_COUNTERS,
        Ip6Tables.IP6T_SO_GET_REVISION_MATCH, Ip6Tables.IP6T_SO_GET_REVISION_TARGET,
        new[] { "PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING" },
        new HeaderLayout(
            Ip6tEntry.SizeOf,
            Ip6tGetInfo.SizeOf, Ip6tGetInfo.Offsets.valid_hooks, Ip6tGetInfo.Offsets.hook_entry, Ip6tGetInfo.Offsets.underflow, Ip6tGetInfo.Offsets.num_entries, Ip6tGetInfo.Offsets.size,
            Ip6tGetEntries.Offsets.size, Ip6tGetEntries.Offsets.entrytable,
            Ip6tReplace.Offsets.valid_hooks, Ip6tReplace.Offsets.num_entries, Ip6tReplace.Offsets.size, Ip6tReplace.Offsets.hook_entry, Ip6tReplace.Offsets.underflow,
            Ip6tReplace.Offsets.num_counters, Ip6tReplace.Offsets.counters, Ip6tReplace.Offsets.entries));

    /// <summary>arp_tables (<c>SOL_IP</c>, <c>ARPT_SO_*</c>, <see cref="ArptEntry"/>; no match revisions).</summary>
    public static readonly XtFamily Arp = new(
        Kind.Arp, "arp_tables", "ARPT", SocketLevel.IP, AddressFamily.InterNetwork,
        ArpTables.ARPT_SO_GET_INFO, ArpTables.ARPT_SO_GET_ENTRIES, ArpTables.ARPT_SO_SET_REPLACE, ArpTables.ARPT_SO_SET_ADD_COUNTERS,
        -1, ArpTables.ARPT_SO_GET_REVISION_TARGET,
        new[] { "INPUT", "OUTPUT", "FORWARD" },
        new HeaderLayout(
            ArptEntry.SizeOf,
            ArptGetInfo.SizeOf, ArptGetInfo.Offsets.valid_hooks, ArptGetInfo.Offsets.hook_entry, ArptGetInfo.Offsets.underflow, ArptGetInfo.Offsets.num_entries, ArptGetInfo.Offsets.size,
            ArptGetEntries.Offsets.size, ArptGetEntries.Offsets.entrytable,
            ArptReplace.Offsets.valid_hooks, ArptReplace.Offsets.num_entries, ArptReplace.Offsets.size, ArptReplace.Offsets.hook_entry, ArptReplace.Offsets.underflow,
            ArptReplace.Offsets.num_counters, ArptReplace.Offsets.counters, ArptReplace.Offsets.entries));

    private readonly Kind _kind;
    private readonly string[] _hookNames;
    private readonly string _prefix;

    private XtFamily(
        Kind kind, string name, string prefix, SocketLevel level, AddressFamily addressFamily,
        int getInfo, int getEntries, int setReplace, int setAddCounters, int getRevisionMatch, int getRevisionTarget,
        string[] hookNames, HeaderLayout layout)
    {
        _kind = kind;
        Name = name;
        _prefix = prefix;
        Level = level;
        AddressFamily = addressFamily;
        SO_GET_INFO = getInfo;
        SO_GET_ENTRIES = getEntries;
        SO_SET_REPLACE = setReplace;
        SO_SET_ADD_COUNTERS = setAddCounters;
        SO_GET_REVISION_MATCH = getRevisionMatch;
        SO_GET_REVISION_TARGET = getRevisionTarget;
        _hookNames = hookNames;
        Offsets = layout;
    }

    /// <summary>The three families, for the calls that differ only in the declaration they go through.</summary>
    private enum Kind
    {
        IPv4,
        IPv6,
        Arp,
    }

    /// <summary>
    /// Where the fields of the family's <c>*_getinfo</c>, <c>*_get_entries</c> and <c>*_replace</c> are: the generated
    /// <c>SizeOf</c>/<c>Offsets</c> of their mirrors, gathered so that family-generic code can use them.
    /// </summary>
    internal sealed record HeaderLayout(
        int EntrySize,
        int GetInfoSize, int GetInfoValidHooks, int GetInfoHookEntry, int GetInfoUnderflow, int GetInfoNumEntries, int GetInfoSizeField,
        int GetEntriesSizeField, int GetEntriesEntryTable,
        int ReplaceValidHooks, int ReplaceNumEntries, int ReplaceSizeField, int ReplaceHookEntry, int ReplaceUnderflow,
        int ReplaceNumCounters, int ReplaceCounters, int ReplaceEntries);

    /// <summary>The family's header offsets.</summary>
    internal HeaderLayout Offsets { get; }

    /// <summary>The family as a flag of <see cref="XtFamilies"/> (what <see cref="XtExtension.Families"/> holds).</summary>
    public XtFamilies Families => _kind switch
    {
        Kind.IPv4 => XtFamilies.IPv4,
        Kind.IPv6 => XtFamilies.IPv6,
        _ => XtFamilies.Arp,
    };

    /// <summary>The kernel module's name: <c>ip_tables</c>, <c>ip6_tables</c> or <c>arp_tables</c>.</summary>
    public string Name { get; }

    /// <summary>The sockopt level of the commands.</summary>
    public SocketLevel Level { get; }

    /// <summary>The address family of the raw socket the commands go through.</summary>
    public AddressFamily AddressFamily { get; }

    /// <summary><c>*_SO_GET_INFO</c>.</summary>
    public int SO_GET_INFO { get; }

    /// <summary><c>*_SO_GET_ENTRIES</c>.</summary>
    public int SO_GET_ENTRIES { get; }

    /// <summary><c>*_SO_SET_REPLACE</c>.</summary>
    public int SO_SET_REPLACE { get; }

    /// <summary><c>*_SO_SET_ADD_COUNTERS</c>.</summary>
    public int SO_SET_ADD_COUNTERS { get; }

    /// <summary><c>*_SO_GET_REVISION_MATCH</c>; -1 for arp_tables, which has none.</summary>
    public int SO_GET_REVISION_MATCH { get; }

    /// <summary><c>*_SO_GET_REVISION_TARGET</c>.</summary>
    public int SO_GET_REVISION_TARGET { get; }

    /// <summary>The number of hooks (<c>NF_INET_NUMHOOKS</c> or <c>NF_ARP_NUMHOOKS</c>).</summary>
    public int NumHooks => _hookNames.Length;

    /// <summary>The built-in chain name of each hook, as the <c>*tables</c> tools print it.</summary>
    public IReadOnlyList<string> HookNames => _hookNames;

    /// <summary><c>sizeof</c> of the entry header.</summary>
    public int EntrySize => Offsets.EntrySize;

    /// <summary><c>sizeof(struct *_getinfo)</c>.</summary>
    public int GetInfoSize => Offsets.GetInfoSize;

    /// <summary><c>offsetof(struct *_get_entries, entrytable)</c>: where the entries start in a <c>*_SO_GET_ENTRIES</c> buffer.</summary>
    public int GetEntriesHeaderSize => Offsets.GetEntriesEntryTable;

    /// <summary><c>offsetof(struct *_replace, entries)</c>: where the entries start in a <c>*_SO_SET_REPLACE</c> buffer.</summary>
    public int ReplaceHeaderSize => Offsets.ReplaceEntries;

    /// <summary><c>offsetof(struct *_getinfo, hook_entry)</c>.</summary>
    public int GetInfoHookEntryOffset => Offsets.GetInfoHookEntry;

    /// <summary><c>offsetof(struct *_replace, hook_entry)</c>.</summary>
    public int ReplaceHookEntryOffset => Offsets.ReplaceHookEntry;

    /// <summary><c>offsetof(struct *_replace, num_counters)</c>.</summary>
    public int ReplaceNumCountersOffset => Offsets.ReplaceNumCounters;

    /// <summary><c>offsetof(struct *_replace, counters)</c>: the pointer the kernel writes the old counters through.</summary>
    public int ReplaceCountersOffset => Offsets.ReplaceCounters;

    /// <summary>The C name of a command of this family: <c>CName("SO_GET_INFO")</c> is <c>IPT_SO_GET_INFO</c> for IPv4.</summary>
    public string CName(string command) => _prefix + "_" + command;

    /// <summary>Opens the raw socket the commands go through (<c>socket(AF, SOCK_RAW, IPPROTO_RAW)</c>, as libiptc does; needs <c>CAP_NET_RAW</c>).</summary>
    public Socket OpenSocket() => new(AddressFamily, SocketType.Raw, ProtocolType.Raw);

    /// <inheritdoc/>
    public override string ToString() => Name;

    // ---- the family's typed declarations, chosen by family -------------------------------------------------

    /// <summary><c>*_SO_GET_INFO</c> on a <c>*_getinfo</c> of <see cref="GetInfoSize"/> bytes (the name is input).</summary>
    internal void GetInfo(int fd, Span<byte> info)
    {
        switch (_kind)
        {
            case Kind.IPv4: IpTables.GetInfo(fd, ref IptGetInfo.FromSpan(info)); break;
            case Kind.IPv6: Ip6Tables.GetInfo(fd, ref Ip6tGetInfo.FromSpan(info)); break;
            default: ArpTables.GetInfo(fd, ref ArptGetInfo.FromSpan(info)); break;
        }
    }

    /// <summary><c>*_SO_GET_ENTRIES</c>: a <c>*_get_entries</c> header and exactly <c>size</c> bytes of room.</summary>
    internal Errno TryGetEntries(int fd, Span<byte> request, out int length) => _kind switch
    {
        Kind.IPv4 => IpTables.TryGetEntries(fd, request, out length),
        Kind.IPv6 => Ip6Tables.TryGetEntries(fd, request, out length),
        _ => ArpTables.TryGetEntries(fd, request, out length),
    };

    /// <summary><c>*_SO_SET_REPLACE</c>.</summary>
    internal void SetReplace(int fd, ReadOnlySpan<byte> replace)
    {
        switch (_kind)
        {
            case Kind.IPv4: IpTables.SetReplace(fd, replace); break;
            case Kind.IPv6: Ip6Tables.SetReplace(fd, replace); break;
            default: ArpTables.SetReplace(fd, replace); break;
        }
    }

    /// <summary><c>*_SO_SET_ADD_COUNTERS</c>.</summary>
    internal void SetAddCounters(int fd, ReadOnlySpan<byte> counters)
    {
        switch (_kind)
        {
            case Kind.IPv4: IpTables.SetAddCounters(fd, counters); break;
            case Kind.IPv6: Ip6Tables.SetAddCounters(fd, counters); break;
            default: ArpTables.SetAddCounters(fd, counters); break;
        }
    }

    /// <summary><c>*_SO_GET_REVISION_MATCH</c> or <c>_TARGET</c>.</summary>
    /// <exception cref="NotSupportedException">A match revision of arp_tables, which has none.</exception>
    internal Errno TryGetRevision(int fd, ref XtGetRevision revision, bool target) => (_kind, target) switch
    {
        (Kind.IPv4, false) => IpTables.TryGetRevisionMatch(fd, ref revision),
        (Kind.IPv4, true) => IpTables.TryGetRevisionTarget(fd, ref revision),
        (Kind.IPv6, false) => Ip6Tables.TryGetRevisionMatch(fd, ref revision),
        (Kind.IPv6, true) => Ip6Tables.TryGetRevisionTarget(fd, ref revision),
        (_, true) => ArpTables.TryGetRevisionTarget(fd, ref revision),
        _ => throw new NotSupportedException($"{Name} has no match revisions."),
    };
}
