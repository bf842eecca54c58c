using System;

namespace KernelStructs.Netfilter;

// Mirrors of <linux/netfilter_ipv6/ip6_tables.h>; struct in6_addr is KernelStructs.In6Addr.

/// <summary><c>struct ip6t_ip6</c>: the IPv6 header part every rule matches on.</summary>
[KernelStruct("struct ip6t_ip6", Header = "linux/netfilter_ipv6/ip6_tables.h")]
public unsafe partial struct Ip6tIp6
{
    /// <summary>Source address.</summary>
    public In6Addr src;

    /// <summary>Destination address.</summary>
    public In6Addr dst;

    /// <summary>Source mask.</summary>
    public In6Addr smsk;

    /// <summary>Destination mask.</summary>
    public In6Addr dmsk;

    /// <summary>Input interface name.</summary>
    [CString] public fixed byte iniface[IpTables.IFNAMSIZ];

    /// <summary>Output interface name.</summary>
    [CString] public fixed byte outiface[IpTables.IFNAMSIZ];

    /// <summary>Which bytes of <c>iniface</c> are compared.</summary>
    public fixed byte iniface_mask[IpTables.IFNAMSIZ];

    /// <summary>Which bytes of <c>outiface</c> are compared.</summary>
    public fixed byte outiface_mask[IpTables.IFNAMSIZ];

    /// <summary>Upper-layer protocol (with <c>IP6T_F_PROTO</c>).</summary>
    public ushort proto;

    /// <summary>Traffic class (with <c>IP6T_F_TOS</c>).</summary>
    public byte tos;

    /// <summary><c>IP6T_F_*</c> flags.</summary>
    public byte flags;

    /// <summary><c>IP6T_INV_*</c> flags.</summary>
    public byte invflags;
}

/// <summary><c>struct ip6t_entry</c>: one rule of an IPv6 table.</summary>
[KernelStruct("struct ip6t_entry", Header = "linux/netfilter_ipv6/ip6_tables.h")]
[FlexibleArray(typeof(byte), "elems", Alignment = 8)]
public partial struct Ip6tEntry : IXtEntry
{
    /// <summary>The IPv6 header part of the rule.</summary>
    public Ip6tIp6 ipv6;

    /// <summary>Mark with fields that we care about (unused by current kernels).</summary>
    public uint nfcache;

    /// <summary>Where the target starts.</summary>
    public ushort target_offset;

    /// <summary>Where the next entry starts.</summary>
    public ushort next_offset;

    /// <summary>Back pointer used by the kernel's loop detection.</summary>
    public uint comefrom;

    /// <summary>Packet and byte counters.</summary>
    public XtCounters counters;

    readonly ushort IXtEntry.TargetOffset => target_offset;
    readonly ushort IXtEntry.NextOffset => next_offset;
    readonly XtCounters IXtEntry.Counters => counters;
    readonly bool IXtEntry.IsGoto => (ipv6.flags & Ip6Tables.IP6T_F_GOTO) != 0;
}

/// <summary><c>struct ip6t_standard</c>: a rule whose target is the standard target (an entry followed by an <see cref="XtStandardTarget"/>).</summary>
[KernelStruct("struct ip6t_standard", Header = "linux/netfilter_ipv6/ip6_tables.h")]
public partial struct Ip6tStandard
{
    /// <summary>The rule.</summary>
    public Ip6tEntry entry;

    /// <summary>Its target.</summary>
    public XtStandardTarget target;
}

/// <summary><c>struct ip6t_getinfo</c>: the argument and answer of <see cref="Ip6Tables.IP6T_SO_GET_INFO"/>.</summary>
[KernelStruct("struct ip6t_getinfo", Header = "linux/netfilter_ipv6/ip6_tables.h")]
public unsafe partial struct Ip6tGetInfo
{
    /// <summary>The table's name (input).</summary>
    [CString] public fixed byte name[XTables.XT_TABLE_MAXNAMELEN];

    /// <summary>Bit <c>1 &lt;&lt; hook</c> for each hook the table attaches to.</summary>
    public uint valid_hooks;

    /// <summary>Offset of each hook's first rule.</summary>
    public fixed uint hook_entry[XTables.NF_INET_NUMHOOKS];

    /// <summary>Offset of each hook's policy rule.</summary>
    public fixed uint underflow[XTables.NF_INET_NUMHOOKS];

    /// <summary>Number of entries.</summary>
    public uint num_entries;

    /// <summary>Size of the entries in bytes.</summary>
    public uint size;
}

/// <summary><c>struct ip6t_get_entries</c>: the argument of <see cref="Ip6Tables.IP6T_SO_GET_ENTRIES"/>, followed by <c>size</c> bytes of entries.</summary>
[KernelStruct("struct ip6t_get_entries", Header = "linux/netfilter_ipv6/ip6_tables.h")]
[FlexibleArray(typeof(byte), "entrytable", Alignment = 8)]
public unsafe partial struct Ip6tGetEntries
{
    /// <summary>The table's name.</summary>
    [CString] public fixed byte name[XTables.XT_TABLE_MAXNAMELEN];

    /// <summary>Size of the entries that follow.</summary>
    public uint size;
}

/// <summary><c>struct ip6t_replace</c>: the argument of <see cref="Ip6Tables.IP6T_SO_SET_REPLACE"/>, followed by <c>size</c> bytes of entries.</summary>
[KernelStruct("struct ip6t_replace", Header = "linux/netfilter_ipv6/ip6_tables.h")]
[FlexibleArray(typeof(byte), "entries", Alignment = 8)]
public unsafe partial struct Ip6tReplace
{
    /// <summary>The table's name.</summary>
    [CString] public fixed byte name[XTables.XT_TABLE_MAXNAMELEN];

    /// <summary>Hooks the table attaches to.</summary>
    public uint valid_hooks;

    /// <summary>Number of entries.</summary>
    public uint num_entries;

    /// <summary>Size of the entries in bytes.</summary>
    public uint size;

    /// <summary>Offset of each hook's first rule.</summary>
    public fixed uint hook_entry[XTables.NF_INET_NUMHOOKS];

    /// <summary>Offset of each hook's policy rule.</summary>
    public fixed uint underflow[XTables.NF_INET_NUMHOOKS];

    /// <summary>Number of entries of the table being replaced.</summary>
    public uint num_counters;

    /// <summary><c>struct xt_counters __user *counters</c>: where the kernel writes the old counters.</summary>
    public nint counters;
}

/// <summary>ip6_tables (IPv6 legacy tables): command numbers at <c>SOL_IPV6</c>, flags, and typed operations.</summary>
public static partial class Ip6Tables
{
    //   command                                   level              direction                 payload                  length rule
    /// <summary><c>IP6T_SO_SET_REPLACE</c>: replace a whole table (<see cref="Ip6tReplace"/> + entries).</summary>
    [SockOptCommand(SocketLevel.IPv6, SockOptDirection.Set, typeof(Ip6tReplace), Length = LengthRule.HeaderPlusEntries)]
    public const int IP6T_SO_SET_REPLACE = 64;

    /// <summary><c>IP6T_SO_SET_ADD_COUNTERS</c>: add to the counters of a table's rules.</summary>
    [SockOptCommand(SocketLevel.IPv6, SockOptDirection.Set, typeof(XtCountersInfo), Length = LengthRule.HeaderPlusEntries, Entry = typeof(XtCounters))]
    public const int IP6T_SO_SET_ADD_COUNTERS = 65;

    /// <summary><c>IP6T_SO_GET_INFO</c>: a table's hooks, entry count and size (the name is input).</summary>
    [SockOptCommand(SocketLevel.IPv6, SockOptDirection.Get, typeof(Ip6tGetInfo))]
    public const int IP6T_SO_GET_INFO = 64;

    /// <summary><c>IP6T_SO_GET_ENTRIES</c>: a table's entries (<see cref="Ip6tGetEntries"/> + exactly <c>size</c> bytes).</summary>
    [SockOptCommand(SocketLevel.IPv6, SockOptDirection.Get, typeof(Ip6tGetEntries), Length = LengthRule.HeaderPlusEntries)]
    public const int IP6T_SO_GET_ENTRIES = 65;

    /// <summary><c>IP6T_SO_GET_REVISION_MATCH</c> (<c>IP6T_BASE_CTL + 4</c>, not + 2 as for IPv4).</summary>
    [SockOptCommand(SocketLevel.IPv6, SockOptDirection.Get, typeof(XtGetRevision))]
    public const int IP6T_SO_GET_REVISION_MATCH = 68;

    /// <summary><c>IP6T_SO_GET_REVISION_TARGET</c> (<c>IP6T_BASE_CTL + 5</c>).</summary>
    [SockOptCommand(SocketLevel.IPv6, SockOptDirection.Get, typeof(XtGetRevision))]
    public const int IP6T_SO_GET_REVISION_TARGET = 69;

    // ---- typed operations: one declaration per command, implemented by the generator ---------------------

    /// <summary><c>IP6T_SO_GET_INFO</c>: fills in <paramref name="info"/> for the table named in its <c>name</c>.</summary>
    /// <exception cref="SocketOptionException">ENOENT: no such table; EPERM: no <c>CAP_NET_ADMIN</c>.</exception>
    [GetSockOpt(IP6T_SO_GET_INFO)]
    public static partial void GetInfo(int fd, ref Ip6tGetInfo info);

    /// <summary>
    /// <c>IP6T_SO_GET_ENTRIES</c>: <paramref name="buffer"/> holds a <see cref="Ip6tGetEntries"/> (name and <c>size</c> as
    /// <c>IP6T_SO_GET_INFO</c> reported) and room for exactly <c>size</c> bytes of entries.
    /// </summary>
    /// <returns><see cref="Errno.EAGAIN"/> when the table changed since <c>IP6T_SO_GET_INFO</c> (read it again), else the kernel's error or none.</returns>
    [GetSockOpt(IP6T_SO_GET_ENTRIES)]
    public static partial Errno TryGetEntries(int fd, Span<byte> buffer, out int length);

    /// <summary><c>IP6T_SO_SET_REPLACE</c>: replaces a whole table with <paramref name="replace"/> (the <c>*_replace</c> header and its entries).</summary>
    /// <exception cref="SocketOptionException">EINVAL: malformed; EAGAIN: the table changed; ELOOP: a jump loop; EPERM: no <c>CAP_NET_ADMIN</c>.</exception>
    [SetSockOpt(IP6T_SO_SET_REPLACE)]
    public static partial void SetReplace(int fd, ReadOnlySpan<byte> replace);

    /// <summary><c>IP6T_SO_SET_ADD_COUNTERS</c>: adds <paramref name="counters"/> (an <see cref="XtCountersInfo"/> and its counters) to a table's rules.</summary>
    [SetSockOpt(IP6T_SO_SET_ADD_COUNTERS)]
    public static partial void SetAddCounters(int fd, ReadOnlySpan<byte> counters);

    /// <summary><c>IP6T_SO_GET_REVISION_MATCH</c>: whether the kernel has the match named in <paramref name="revision"/> at that revision (ENOENT: no such match; EPROTONOSUPPORT: not that revision).</summary>
    [GetSockOpt(IP6T_SO_GET_REVISION_MATCH)]
    public static partial Errno TryGetRevisionMatch(int fd, ref XtGetRevision revision);

    /// <summary><c>IP6T_SO_GET_REVISION_TARGET</c>: whether the kernel has the target named in <paramref name="revision"/> at that revision (ENOENT: no such target; EPROTONOSUPPORT: not that revision).</summary>
    [GetSockOpt(IP6T_SO_GET_REVISION_TARGET)]
    public static partial Errno TryGetRevisionTarget(int fd, ref XtGetRevision revision);

    /// <summary><c>IP6T_F_PROTO</c>: the rule tests the upper-layer protocol.</summary>
    public const byte IP6T_F_PROTO = 0x01;

    /// <summary><c>IP6T_F_TOS</c>: the rule tests the traffic class.</summary>
    public const byte IP6T_F_TOS = 0x02;

    /// <summary><c>IP6T_F_GOTO</c>: the rule's jump is a goto.</summary>
    public const byte IP6T_F_GOTO = 0x04;

    /// <summary><c>IP6T_INV_VIA_IN</c>.</summary>
    public const byte IP6T_INV_VIA_IN = 0x01;

    /// <summary><c>IP6T_INV_VIA_OUT</c>.</summary>
    public const byte IP6T_INV_VIA_OUT = 0x02;

    /// <summary><c>IP6T_INV_TOS</c>.</summary>
    public const byte IP6T_INV_TOS = 0x04;

    /// <summary><c>IP6T_INV_SRCIP</c>.</summary>
    public const byte IP6T_INV_SRCIP = 0x08;

    /// <summary><c>IP6T_INV_DSTIP</c>.</summary>
    public const byte IP6T_INV_DSTIP = 0x10;

    /// <summary><c>IP6T_INV_FRAG</c>.</summary>
    public const byte IP6T_INV_FRAG = 0x20;

    /// <summary><c>IP6T_INV_PROTO</c>.</summary>
    public const byte IP6T_INV_PROTO = XTables.XT_INV_PROTO;
}
