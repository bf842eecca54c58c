using System;

namespace KernelStructs.Netfilter;

// Mirrors of <linux/netfilter_ipv4/ip_tables.h>.

/// <summary><c>struct ipt_ip</c>: the IPv4 header part every rule matches on.</summary>
[KernelStruct("struct ipt_ip", Header = "linux/netfilter_ipv4/ip_tables.h")]
public unsafe partial struct IptIp
{
    /// <summary>Source address (<c>struct in_addr</c>).</summary>
    public Be32 src;

    /// <summary>Destination address (<c>struct in_addr</c>).</summary>
    public Be32 dst;

    /// <summary>Source mask.</summary>
    public Be32 smsk;

    /// <summary>Destination mask.</summary>
    public Be32 dmsk;

    /// <summary>Input interface name; a name ending in <c>+</c> is stored without it and with a shorter mask.</summary>
    [CString] public fixed byte iniface[IpTables.IFNAMSIZ];

    /// <summary>Output interface name.</summary>
    [CString] public fixed byte outiface[IpTables.IFNAMSIZ];

    /// <summary>Which bytes of <c>iniface</c> are compared (0xFF) or not (0).</summary>
    public fixed byte iniface_mask[IpTables.IFNAMSIZ];

    /// <summary>Which bytes of <c>outiface</c> are compared.</summary>
    public fixed byte outiface_mask[IpTables.IFNAMSIZ];

    /// <summary>Protocol number; 0 matches any.</summary>
    public ushort proto;

    /// <summary><c>IPT_F_*</c> flags.</summary>
    public byte flags;

    /// <summary><c>IPT_INV_*</c> flags: which tests are inverted.</summary>
    public byte invflags;
}

/// <summary>
/// <c>struct ipt_entry</c>: one rule of an IPv4 table. Matches follow the struct up to
/// <c>target_offset</c>; the target runs from there to <c>next_offset</c>.
/// </summary>
[KernelStruct("struct ipt_entry", Header = "linux/netfilter_ipv4/ip_tables.h")]
[FlexibleArray(typeof(byte), "elems", Alignment = 8)]
public partial struct IptEntry : IXtEntry
{
    /// <summary>The IP header part of the rule.</summary>
    public IptIp ip;

    /// <summary>Mark with fields that we care about (unused by current kernels).</summary>
    public uint nfcache;

    /// <summary>Size of the entry and its matches: where the target starts.</summary>
    public ushort target_offset;

    /// <summary>Size of the entry, matches and target: where the next entry starts.</summary>
    public ushort next_offset;

    /// <summary>Back pointer used by the kernel's loop detection.</summary>
    public uint comefrom;

    /// <summary>Packet and byte counters.</summary>
    public XtCounters counters;

    readonly ushort IXtEntry.TargetOffset => target_offset;
    readonly ushort IXtEntry.NextOffset => next_offset;
    readonly XtCounters IXtEntry.Counters => counters;
    readonly bool IXtEntry.IsGoto => (ip.flags & IpTables.IPT_F_GOTO) != 0;
}

/// <summary><c>struct ipt_icmp</c>: the data of the <c>icmp</c> match (<c>-p icmp --icmp-type</c>).</summary>
[KernelStruct("struct ipt_icmp", Header = "linux/netfilter_ipv4/ip_tables.h")]
public unsafe partial struct IptIcmp
{
    /// <summary>The ICMP type to match.</summary>
    public byte type;

    /// <summary>The range of ICMP codes to match, inclusive (<c>code[0]</c> to <c>code[1]</c>).</summary>
    public fixed byte code[2];

    /// <summary><c>IPT_ICMP_INV</c> (1): invert the match.</summary>
    public byte invflags;
}

/// <summary><c>struct ipt_getinfo</c>: the argument and answer of <see cref="IpTables.IPT_SO_GET_INFO"/>.</summary>
[KernelStruct("struct ipt_getinfo", Header = "linux/netfilter_ipv4/ip_tables.h")]
public unsafe partial struct IptGetInfo
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

/// <summary>
/// <c>struct ipt_get_entries</c>: the argument of <see cref="IpTables.IPT_SO_GET_ENTRIES"/>, followed by
/// <c>size</c> bytes of entries (the length must be exactly the header plus <c>size</c>).
/// </summary>
[KernelStruct("struct ipt_get_entries", Header = "linux/netfilter_ipv4/ip_tables.h")]
[FlexibleArray(typeof(byte), "entrytable", Alignment = 8)]
public unsafe partial struct IptGetEntries
{
    /// <summary>The table's name.</summary>
    [CString] public fixed byte name[XTables.XT_TABLE_MAXNAMELEN];

    /// <summary>Size of the entries that follow, as <c>IPT_SO_GET_INFO</c> reported it.</summary>
    public uint size;
}

/// <summary>
/// <c>struct ipt_replace</c>: the argument of <see cref="IpTables.IPT_SO_SET_REPLACE"/>, followed by
/// <c>size</c> bytes of entries. The kernel copies the old table's counters to <c>counters</c>.
/// </summary>
[KernelStruct("struct ipt_replace", Header = "linux/netfilter_ipv4/ip_tables.h")]
[FlexibleArray(typeof(byte), "entries", Alignment = 8)]
public unsafe partial struct IptReplace
{
    /// <summary>The table's name.</summary>
    [CString] public fixed byte name[XTables.XT_TABLE_MAXNAMELEN];

    /// <summary>Hooks the table attaches to; must equal the table's.</summary>
    public uint valid_hooks;

    /// <summary>Number of entries.</summary>
    public uint num_entries;

    /// <summary>Size of the entries in bytes.</summary>
    public uint size;

    /// <summary>Offset of each hook's first rule.</summary>
    public fixed uint hook_entry[XTables.NF_INET_NUMHOOKS];

    /// <summary>Offset of each hook's policy rule.</summary>
    public fixed uint underflow[XTables.NF_INET_NUMHOOKS];

    /// <summary>Number of entries of the table being replaced (as <c>IPT_SO_GET_INFO</c> reported).</summary>
    public uint num_counters;

    /// <summary><c>struct xt_counters __user *counters</c>: where the kernel writes the old table's <c>num_counters</c> counters.</summary>
    public nint counters;
}

/// <summary>
/// ip_tables (IPv4 legacy tables): command numbers at <c>SOL_IP</c>, flags, and typed operations. Whole-table reads
/// and edits are <see cref="XtTableSnapshot"/> and <see cref="XtTableEdit"/> with <see cref="XtFamily.IPv4"/>.
/// GET and SET commands share numbers: <see cref="IPT_SO_GET_INFO"/> and <see cref="IPT_SO_SET_REPLACE"/> are both 64.
/// </summary>
public static partial class IpTables
{
    //   command                                   level            direction                 payload                  length rule
    /// <summary><c>IPT_SO_SET_REPLACE</c>: replace a whole table (<see cref="IptReplace"/> + entries).</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(IptReplace), Length = LengthRule.HeaderPlusEntries)]
    public const int IPT_SO_SET_REPLACE = 64;

    /// <summary><c>IPT_SO_SET_ADD_COUNTERS</c>: add to the counters of a table's rules (<see cref="XtCountersInfo"/> + counters).</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(XtCountersInfo), Length = LengthRule.HeaderPlusEntries, Entry = typeof(XtCounters))]
    public const int IPT_SO_SET_ADD_COUNTERS = 65;

    /// <summary><c>IPT_SO_GET_INFO</c>: a table's hooks, entry count and size (<see cref="IptGetInfo"/>; the name is input).</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(IptGetInfo))]
    public const int IPT_SO_GET_INFO = 64;

    /// <summary><c>IPT_SO_GET_ENTRIES</c>: a table's entries (<see cref="IptGetEntries"/> + exactly <c>size</c> bytes).</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(IptGetEntries), Length = LengthRule.HeaderPlusEntries)]
    public const int IPT_SO_GET_ENTRIES = 65;

    /// <summary><c>IPT_SO_GET_REVISION_MATCH</c>: the highest revision of a match the kernel supports (<see cref="XtGetRevision"/>).</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(XtGetRevision))]
    public const int IPT_SO_GET_REVISION_MATCH = 66;

    /// <summary><c>IPT_SO_GET_REVISION_TARGET</c>: the highest revision of a target the kernel supports (<see cref="XtGetRevision"/>).</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(XtGetRevision))]
    public const int IPT_SO_GET_REVISION_TARGET = 67;

    // ---- typed operations: one declaration per command, implemented by the generator ---------------------

    /// <summary><c>IPT_SO_GET_INFO</c>: fills in <paramref name="info"/> for the table named in its <c>name</c>.</summary>
    /// <exception cref="SocketOptionException">ENOENT: no such table; EPERM: no <c>CAP_NET_ADMIN</c>.</exception>
    [GetSockOpt(IPT_SO_GET_INFO)]
    public static partial void GetInfo(int fd, ref IptGetInfo info);

    /// <summary>
    /// <c>IPT_SO_GET_ENTRIES</c>: <paramref name="buffer"/> holds a <see cref="IptGetEntries"/> (name and <c>size</c> as
    /// <c>IPT_SO_GET_INFO</c> reported) and room for exactly <c>size</c> bytes of entries.
    /// </summary>
    /// <returns><see cref="Errno.EAGAIN"/> when the table changed since <c>IPT_SO_GET_INFO</c> (read it again), else the kernel's error or none.</returns>
    [GetSockOpt(IPT_SO_GET_ENTRIES)]
    public static partial Errno TryGetEntries(int fd, Span<byte> buffer, out int length);

    /// <summary><c>IPT_SO_SET_REPLACE</c>: replaces a whole table with <paramref name="replace"/> (the <c>*_replace</c> header and its entries).</summary>
    /// <exception cref="SocketOptionException">EINVAL: malformed; EAGAIN: the table changed; ELOOP: a jump loop; EPERM: no <c>CAP_NET_ADMIN</c>.</exception>
    [SetSockOpt(IPT_SO_SET_REPLACE)]
    public static partial void SetReplace(int fd, ReadOnlySpan<byte> replace);

    /// <summary><c>IPT_SO_SET_ADD_COUNTERS</c>: adds <paramref name="counters"/> (an <see cref="XtCountersInfo"/> and its counters) to a table's rules.</summary>
    [SetSockOpt(IPT_SO_SET_ADD_COUNTERS)]
    public static partial void SetAddCounters(int fd, ReadOnlySpan<byte> counters);

    /// <summary><c>IPT_SO_GET_REVISION_MATCH</c>: whether the kernel has the match named in <paramref name="revision"/> at that revision (ENOENT: no such match; EPROTONOSUPPORT: not that revision).</summary>
    [GetSockOpt(IPT_SO_GET_REVISION_MATCH)]
    public static partial Errno TryGetRevisionMatch(int fd, ref XtGetRevision revision);

    /// <summary><c>IPT_SO_GET_REVISION_TARGET</c>: whether the kernel has the target named in <paramref name="revision"/> at that revision (ENOENT: no such target; EPROTONOSUPPORT: not that revision).</summary>
    [GetSockOpt(IPT_SO_GET_REVISION_TARGET)]
    public static partial Errno TryGetRevisionTarget(int fd, ref XtGetRevision revision);

    /// <summary><c>IFNAMSIZ</c>: size of an interface name buffer, NUL included.</summary>
    public const int IFNAMSIZ = 16;

    /// <summary><c>IPT_F_FRAG</c>: the rule matches second and further fragments.</summary>
    public const byte IPT_F_FRAG = 0x01;

    /// <summary><c>IPT_F_GOTO</c>: the rule's jump is a goto.</summary>
    public const byte IPT_F_GOTO = 0x02;

    /// <summary><c>IPT_INV_VIA_IN</c>: invert the input interface test.</summary>
    public const byte IPT_INV_VIA_IN = 0x01;

    /// <summary><c>IPT_INV_VIA_OUT</c>: invert the output interface test.</summary>
    public const byte IPT_INV_VIA_OUT = 0x02;

    /// <summary><c>IPT_INV_TOS</c>: invert the TOS test.</summary>
    public const byte IPT_INV_TOS = 0x04;

    /// <summary><c>IPT_INV_SRCIP</c>: invert the source address test.</summary>
    public const byte IPT_INV_SRCIP = 0x08;

    /// <summary><c>IPT_INV_DSTIP</c>: invert the destination address test.</summary>
    public const byte IPT_INV_DSTIP = 0x10;

    /// <summary><c>IPT_INV_FRAG</c>: invert the fragment test.</summary>
    public const byte IPT_INV_FRAG = 0x20;

    /// <summary><c>IPT_INV_PROTO</c>: invert the protocol test.</summary>
    public const byte IPT_INV_PROTO = XTables.XT_INV_PROTO;
}
