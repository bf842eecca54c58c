using System;
using System.Collections.Generic;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

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
        "ip_tables", "IPT", SocketLevel.IP, AddressFamily.InterNetwork,
        IpTables.IPT_SO_GET_INFO, IpTables.IPT_SO_GET_ENTRIES, IpTables.IPT_SO_SET_REPLACE, IpTables.IPT_SO_SET_ADD_COUNTERS,
        IpTables.IPT_SO_GET_REVISION_MATCH, IpTables.IPT_SO_GET_REVISION_TARGET,
        new[] { "PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING" },
        Unsafe.SizeOf<IptEntry>(), Unsafe.SizeOf<IptGetInfo>(), Unsafe.SizeOf<IptGetEntries>(), Unsafe.SizeOf<IptReplace>());

    /// <summary>ip6_tables (<c>SOL_IPV6</c>, <c>IP6T_SO_*</c>, <see cref="Ip6tEntry"/>).</summary>
    public static readonly XtFamily IPv6 = new(
        "ip6_tables", "IP6T", SocketLevel.IPv6, AddressFamily.InterNetworkV6,
        Ip6Tables.IP6T_SO_GET_INFO, Ip6Tables.IP6T_SO_GET_ENTRIES, Ip6Tables.IP6T_SO_SET_REPLACE, Ip6Tables.IP6T_SO_SET_ADD_COUNTERS,
        Ip6Tables.IP6T_SO_GET_REVISION_MATCH, Ip6Tables.IP6T_SO_GET_REVISION_TARGET,
        new[] { "PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING" },
        Unsafe.SizeOf<Ip6tEntry>(), Unsafe.SizeOf<Ip6tGetInfo>(), Unsafe.SizeOf<Ip6tGetEntries>(), Unsafe.SizeOf<Ip6tReplace>());

    /// <summary>arp_tables (<c>SOL_IP</c>, <c>ARPT_SO_*</c>, <see cref="ArptEntry"/>; no match revisions).</summary>
    public static readonly XtFamily Arp = new(
        "arp_tables", "ARPT", SocketLevel.IP, AddressFamily.InterNetwork,
        ArpTables.ARPT_SO_GET_INFO, ArpTables.ARPT_SO_GET_ENTRIES, ArpTables.ARPT_SO_SET_REPLACE, ArpTables.ARPT_SO_SET_ADD_COUNTERS,
        -1, ArpTables.ARPT_SO_GET_REVISION_TARGET,
        new[] { "INPUT", "OUTPUT", "FORWARD" },
        Unsafe.SizeOf<ArptEntry>(), Unsafe.SizeOf<ArptGetInfo>(), Unsafe.SizeOf<ArptGetEntries>(), Unsafe.SizeOf<ArptReplace>());

    private readonly string[] _hookNames;
    private readonly string _prefix;

    private XtFamily(
        string name, string prefix, SocketLevel level, AddressFamily addressFamily,
        int getInfo, int getEntries, int setReplace, int setAddCounters, int getRevisionMatch, int getRevisionTarget,
        string[] hookNames, int entrySize, int getInfoSize, int getEntriesStructSize, int replaceStructSize)
    {
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
        EntrySize = entrySize;
        GetInfoSize = getInfoSize;

        // The flexible entry arrays are aligned like the entries (XT_ALIGN); the CLR size of the header
        // struct does not include that tail padding (36 → 40 for *_get_entries).
        GetEntriesHeaderSize = XTables.XT_ALIGN(getEntriesStructSize);
        ReplaceHeaderSize = XTables.XT_ALIGN(replaceStructSize);

        // Both *_getinfo and *_replace are: name[32], then unsigned ints, hook arrays of NumHooks,
        // and (replace only) the counters pointer, aligned to a pointer.
        int hooks = hookNames.Length;
        GetInfoHookEntryOffset = XTables.XT_TABLE_MAXNAMELEN + 4;
        ReplaceHookEntryOffset = XTables.XT_TABLE_MAXNAMELEN + 12;
        ReplaceNumCountersOffset = ReplaceHookEntryOffset + 8 * hooks;
        ReplaceCountersOffset = (ReplaceNumCountersOffset + 4 + IntPtr.Size - 1) & ~(IntPtr.Size - 1);
    }

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
    public int EntrySize { get; }

    /// <summary><c>sizeof(struct *_getinfo)</c>.</summary>
    public int GetInfoSize { get; }

    /// <summary><c>sizeof(struct *_get_entries)</c>: where the entries start in a <c>*_SO_GET_ENTRIES</c> buffer.</summary>
    public int GetEntriesHeaderSize { get; }

    /// <summary><c>sizeof(struct *_replace)</c>: where the entries start in a <c>*_SO_SET_REPLACE</c> buffer.</summary>
    public int ReplaceHeaderSize { get; }

    /// <summary><c>offsetof(struct *_getinfo, hook_entry)</c>.</summary>
    public int GetInfoHookEntryOffset { get; }

    /// <summary><c>offsetof(struct *_replace, hook_entry)</c>.</summary>
    public int ReplaceHookEntryOffset { get; }

    /// <summary><c>offsetof(struct *_replace, num_counters)</c>.</summary>
    public int ReplaceNumCountersOffset { get; }

    /// <summary><c>offsetof(struct *_replace, counters)</c>: the pointer the kernel writes the old counters through.</summary>
    public int ReplaceCountersOffset { get; }

    /// <summary>The C name of a command of this family: <c>CName("SO_GET_INFO")</c> is <c>IPT_SO_GET_INFO</c> for IPv4.</summary>
    public string CName(string command) => _prefix + "_" + command;

    /// <summary>Opens the raw socket the commands go through (<c>socket(AF, SOCK_RAW, IPPROTO_RAW)</c>, as libiptc does; needs <c>CAP_NET_RAW</c>).</summary>
    public Socket OpenSocket() => new(AddressFamily, SocketType.Raw, ProtocolType.Raw);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
