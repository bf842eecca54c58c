using System;

namespace KernelStructs.Netfilter;

// Mirrors of <linux/netfilter_arp/arp_tables.h>.

/// <summary><c>struct arpt_devaddr_info</c>: a hardware address and its mask.</summary>
[KernelStruct("struct arpt_devaddr_info", Header = "linux/netfilter_arp/arp_tables.h")]
public unsafe partial struct ArptDevaddrInfo
{
    /// <summary>The address bytes.</summary>
    public fixed byte addr[ArpTables.ARPT_DEV_ADDR_LEN_MAX];

    /// <summary>The mask bytes.</summary>
    public fixed byte mask[ArpTables.ARPT_DEV_ADDR_LEN_MAX];
}

/// <summary><c>struct arpt_arp</c>: the ARP header part every rule matches on.</summary>
[KernelStruct("struct arpt_arp", Header = "linux/netfilter_arp/arp_tables.h")]
public unsafe partial struct ArptArp
{
    /// <summary>Sender protocol address.</summary>
    public Be32 src;

    /// <summary>Target protocol address.</summary>
    public Be32 tgt;

    /// <summary>Sender address mask.</summary>
    public Be32 smsk;

    /// <summary>Target address mask.</summary>
    public Be32 tmsk;

    /// <summary>Hardware address length.</summary>
    public byte arhln;

    /// <summary>Hardware address length mask.</summary>
    public byte arhln_mask;

    /// <summary>Sender hardware address.</summary>
    public ArptDevaddrInfo src_devaddr;

    /// <summary>Target hardware address.</summary>
    public ArptDevaddrInfo tgt_devaddr;

    /// <summary>ARP opcode.</summary>
    public Be16 arpop;

    /// <summary>ARP opcode mask.</summary>
    public Be16 arpop_mask;

    /// <summary>Hardware type.</summary>
    public Be16 arhrd;

    /// <summary>Hardware type mask.</summary>
    public Be16 arhrd_mask;

    /// <summary>Protocol type.</summary>
    public Be16 arpro;

    /// <summary>Protocol type mask.</summary>
    public Be16 arpro_mask;

    /// <summary>Input interface name.</summary>
    [CString] public fixed byte iniface[IpTables.IFNAMSIZ];

    /// <summary>Output interface name.</summary>
    [CString] public fixed byte outiface[IpTables.IFNAMSIZ];

    /// <summary>Which bytes of <c>iniface</c> are compared.</summary>
    public fixed byte iniface_mask[IpTables.IFNAMSIZ];

    /// <summary>Which bytes of <c>outiface</c> are compared.</summary>
    public fixed byte outiface_mask[IpTables.IFNAMSIZ];

    /// <summary>Flags (none defined).</summary>
    public byte flags;

    /// <summary><c>ARPT_INV_*</c> flags.</summary>
    public ushort invflags;
}

/// <summary><c>struct arpt_entry</c>: one rule of an ARP table.</summary>
[KernelStruct("struct arpt_entry", Header = "linux/netfilter_arp/arp_tables.h")]
[FlexibleArray(typeof(byte), "elems", Alignment = 8)]
public partial struct ArptEntry : IXtEntry
{
    /// <summary>The ARP header part of the rule.</summary>
    public ArptArp arp;

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
    readonly bool IXtEntry.IsGoto => false;
}

/// <summary><c>struct arpt_getinfo</c>: the argument and answer of <see cref="ArpTables.ARPT_SO_GET_INFO"/>.</summary>
[KernelStruct("struct arpt_getinfo", Header = "linux/netfilter_arp/arp_tables.h")]
public unsafe partial struct ArptGetInfo
{
    /// <summary>The table's name (input).</summary>
    [CString] public fixed byte name[XTables.XT_TABLE_MAXNAMELEN];

    /// <summary>Bit <c>1 &lt;&lt; hook</c> for each hook the table attaches to.</summary>
    public uint valid_hooks;

    /// <summary>Offset of each hook's first rule.</summary>
    public fixed uint hook_entry[XTables.NF_ARP_NUMHOOKS];

    /// <summary>Offset of each hook's policy rule.</summary>
    public fixed uint underflow[XTables.NF_ARP_NUMHOOKS];

    /// <summary>Number of entries.</summary>
    public uint num_entries;

    /// <summary>Size of the entries in bytes.</summary>
    public uint size;
}

/// <summary><c>struct arpt_get_entries</c>: the argument of <see cref="ArpTables.ARPT_SO_GET_ENTRIES"/>, followed by <c>size</c> bytes of entries.</summary>
[KernelStruct("struct arpt_get_entries", Header = "linux/netfilter_arp/arp_tables.h")]
[FlexibleArray(typeof(byte), "entrytable", Alignment = 8)]
public unsafe partial struct ArptGetEntries
{
    /// <summary>The table's name.</summary>
    [CString] public fixed byte name[XTables.XT_TABLE_MAXNAMELEN];

    /// <summary>Size of the entries that follow.</summary>
    public uint size;
}

/// <summary><c>struct arpt_replace</c>: the argument of <see cref="ArpTables.ARPT_SO_SET_REPLACE"/>, followed by <c>size</c> bytes of entries.</summary>
[KernelStruct("struct arpt_replace", Header = "linux/netfilter_arp/arp_tables.h")]
[FlexibleArray(typeof(byte), "entries", Alignment = 8)]
public unsafe partial struct ArptReplace
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
    public fixed uint hook_entry[XTables.NF_ARP_NUMHOOKS];

    /// <summary>Offset of each hook's policy rule.</summary>
    public fixed uint underflow[XTables.NF_ARP_NUMHOOKS];

    /// <summary>Number of entries of the table being replaced.</summary>
    public uint num_counters;

    /// <summary><c>struct xt_counters __user *counters</c>: where the kernel writes the old counters.</summary>
    public nint counters;
}

/// <summary>arp_tables (ARP legacy tables): command numbers at <c>SOL_IP</c>, flags, and typed operations.</summary>
public static partial class ArpTables
{
    //   command                                    level            direction                 payload                  length rule
    /// <summary><c>ARPT_SO_SET_REPLACE</c>: replace a whole table (<see cref="ArptReplace"/> + entries).</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(ArptReplace), Length = LengthRule.HeaderPlusEntries)]
    public const int ARPT_SO_SET_REPLACE = 96;

    /// <summary><c>ARPT_SO_SET_ADD_COUNTERS</c>: add to the counters of a table's rules.</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(XtCountersInfo), Length = LengthRule.HeaderPlusEntries, Entry = typeof(XtCounters))]
    public const int ARPT_SO_SET_ADD_COUNTERS = 97;

    /// <summary><c>ARPT_SO_GET_INFO</c>: a table's hooks, entry count and size (the name is input).</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(ArptGetInfo))]
    public const int ARPT_SO_GET_INFO = 96;

    /// <summary><c>ARPT_SO_GET_ENTRIES</c>: a table's entries (<see cref="ArptGetEntries"/> + exactly <c>size</c> bytes).</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(ArptGetEntries), Length = LengthRule.HeaderPlusEntries)]
    public const int ARPT_SO_GET_ENTRIES = 97;

    /// <summary><c>ARPT_SO_GET_REVISION_TARGET</c> (<c>ARPT_BASE_CTL + 3</c>; arp_tables has no match revisions).</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(XtGetRevision))]
    public const int ARPT_SO_GET_REVISION_TARGET = 99;

    // ---- typed operations: one declaration per command, implemented by the generator ---------------------

    /// <summary><c>ARPT_SO_GET_INFO</c>: fills in <paramref name="info"/> for the table named in its <c>name</c>.</summary>
    /// <exception cref="SocketOptionException">ENOENT: no such table; EPERM: no <c>CAP_NET_ADMIN</c>.</exception>
    [GetSockOpt(ARPT_SO_GET_INFO)]
    public static partial void GetInfo(int fd, ref ArptGetInfo info);

    /// <summary>
    /// <c>ARPT_SO_GET_ENTRIES</c>: <paramref name="buffer"/> holds a <see cref="ArptGetEntries"/> (name and <c>size</c> as
    /// <c>ARPT_SO_GET_INFO</c> reported) and room for exactly <c>size</c> bytes of entries.
    /// </summary>
    /// <returns><see cref="Errno.EAGAIN"/> when the table changed since <c>ARPT_SO_GET_INFO</c> (read it again), else the kernel's error or none.</returns>
    [GetSockOpt(ARPT_SO_GET_ENTRIES)]
    public static partial Errno TryGetEntries(int fd, Span<byte> buffer, out int length);

    /// <summary><c>ARPT_SO_SET_REPLACE</c>: replaces a whole table with <paramref name="replace"/> (the <c>*_replace</c> header and its entries).</summary>
    /// <exception cref="SocketOptionException">EINVAL: malformed; EAGAIN: the table changed; ELOOP: a jump loop; EPERM: no <c>CAP_NET_ADMIN</c>.</exception>
    [SetSockOpt(ARPT_SO_SET_REPLACE)]
    public static partial void SetReplace(int fd, ReadOnlySpan<byte> replace);

    /// <summary><c>ARPT_SO_SET_ADD_COUNTERS</c>: adds <paramref name="counters"/> (an <see cref="XtCountersInfo"/> and its counters) to a table's rules.</summary>
    [SetSockOpt(ARPT_SO_SET_ADD_COUNTERS)]
    public static partial void SetAddCounters(int fd, ReadOnlySpan<byte> counters);

    /// <summary><c>ARPT_SO_GET_REVISION_TARGET</c>: whether the kernel has the target named in <paramref name="revision"/> at that revision (ENOENT: no such target; EPROTONOSUPPORT: not that revision).</summary>
    [GetSockOpt(ARPT_SO_GET_REVISION_TARGET)]
    public static partial Errno TryGetRevisionTarget(int fd, ref XtGetRevision revision);

    /// <summary><c>ARPT_DEV_ADDR_LEN_MAX</c>.</summary>
    public const int ARPT_DEV_ADDR_LEN_MAX = 16;

    /// <summary><c>ARPT_INV_VIA_IN</c>.</summary>
    public const ushort ARPT_INV_VIA_IN = 0x0001;

    /// <summary><c>ARPT_INV_VIA_OUT</c>.</summary>
    public const ushort ARPT_INV_VIA_OUT = 0x0002;

    /// <summary><c>ARPT_INV_SRCIP</c>.</summary>
    public const ushort ARPT_INV_SRCIP = 0x0004;

    /// <summary><c>ARPT_INV_TGTIP</c>.</summary>
    public const ushort ARPT_INV_TGTIP = 0x0008;

    /// <summary><c>ARPT_INV_SRCDEVADDR</c>.</summary>
    public const ushort ARPT_INV_SRCDEVADDR = 0x0010;

    /// <summary><c>ARPT_INV_TGTDEVADDR</c>.</summary>
    public const ushort ARPT_INV_TGTDEVADDR = 0x0020;

    /// <summary><c>ARPT_INV_ARPOP</c>.</summary>
    public const ushort ARPT_INV_ARPOP = 0x0040;

    /// <summary><c>ARPT_INV_ARPHRD</c>.</summary>
    public const ushort ARPT_INV_ARPHRD = 0x0080;

    /// <summary><c>ARPT_INV_ARPPRO</c>.</summary>
    public const ushort ARPT_INV_ARPPRO = 0x0100;

    /// <summary><c>ARPT_INV_ARPHLN</c>.</summary>
    public const ushort ARPT_INV_ARPHLN = 0x0200;
}
