using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KernelStructs.Netfilter;

// Mirrors of <linux/netfilter_bridge/ebtables.h>. The uapi aligns entry data to
// __alignof__(struct ebt_replace), the alignment of a pointer (FlexibleArrayAttribute.PointerAlignment):
// 64-bit ABIs place ebt_entry_match/watcher/target data at 40, 32-bit ABIs at 36.

/// <summary><c>struct ebt_counter</c>: packet and byte counters of an ebtables rule.</summary>
[KernelStruct("struct ebt_counter", Header = "linux/netfilter_bridge/ebtables.h", ExpectedSize = 16)]
public partial struct EbtCounter
{
    /// <summary>Packets.</summary>
    public ulong pcnt;

    /// <summary>Bytes.</summary>
    public ulong bcnt;
}

/// <summary>
/// <c>struct ebt_replace</c>: the argument of <see cref="Ebtables.EBT_SO_SET_ENTRIES"/> and the answer of
/// <see cref="Ebtables.EBT_SO_GET_INFO"/>. Entries and counters are passed through the pointers, yet the
/// kernel checks the option length as the header plus <c>entries_size</c> (or plus the counters).
/// </summary>
[KernelStruct("struct ebt_replace", Header = "linux/netfilter_bridge/ebtables.h")]
public unsafe partial struct EbtReplace
{
    /// <summary>The table's name.</summary>
    [CString] public fixed byte name[Ebtables.EBT_TABLE_MAXNAMELEN];

    /// <summary>Hooks the table attaches to.</summary>
    public uint valid_hooks;

    /// <summary>Number of rules.</summary>
    public uint nentries;

    /// <summary>Size of the entries in bytes.</summary>
    public uint entries_size;

    /// <summary><c>struct ebt_entries *hook_entry[NF_BR_NUMHOOKS]</c>: user pointers to each hook's chain.</summary>
    public EbtHookEntries hook_entry;

    /// <summary>Number of counters at <c>counters</c>.</summary>
    public uint num_counters;

    /// <summary><c>struct ebt_counter *counters</c>.</summary>
    public nint counters;

    /// <summary><c>char *entries</c>.</summary>
    public nint entries;
}

/// <summary>The <c>struct ebt_entries *hook_entry[NF_BR_NUMHOOKS]</c> array of <see cref="EbtReplace"/>.</summary>
[InlineArray(Ebtables.NF_BR_NUMHOOKS)]
public struct EbtHookEntries
{
    private nint _element0;
}

/// <summary>
/// <c>struct ebt_entries</c>: the head of a chain in an ebtables blob (<c>distinguisher</c> 0 tells it
/// from a rule, whose <c>bitmask</c> is never 0).
/// </summary>
[KernelStruct("struct ebt_entries", Header = "linux/netfilter_bridge/ebtables.h")]
[FlexibleArray(typeof(byte), "data", Alignment = FlexibleArrayAttribute.PointerAlignment)]
public unsafe partial struct EbtEntries
{
    /// <summary>Always 0 for a chain head.</summary>
    public uint distinguisher;

    /// <summary>The chain's name.</summary>
    [CString] public fixed byte name[Ebtables.EBT_CHAIN_MAXNAMELEN];

    /// <summary>Index of the chain's first counter.</summary>
    public uint counter_offset;

    /// <summary>Policy (<c>EBT_ACCEPT</c>, <c>EBT_DROP</c>, <c>EBT_RETURN</c>).</summary>
    public int policy;

    /// <summary>Number of rules in the chain.</summary>
    public uint nentries;
}

/// <summary>
/// The unnamed struct <c>{ char name[EBT_EXTENSION_MAXNAMELEN]; __u8 revision; }</c> of an ebtables extension: an anonymous
/// member of the union <c>u</c> of <see cref="EbtEntryMatch"/>, <see cref="EbtEntryWatcher"/> and <see cref="EbtEntryTarget"/>.
/// </summary>
[KernelStruct("struct")]
public unsafe partial struct EbtExtensionName
{
    /// <summary>The extension's name.</summary>
    [CString] public fixed byte name[Ebtables.EBT_EXTENSION_MAXNAMELEN];

    /// <summary>The extension's revision.</summary>
    public byte revision;
}

/// <summary><c>struct ebt_entry_match</c>: a match header; <c>match_size</c> counts the data only.</summary>
[KernelStruct("struct ebt_entry_match", Header = "linux/netfilter_bridge/ebtables.h")]
[FlexibleArray(typeof(byte), "data", Alignment = FlexibleArrayAttribute.PointerAlignment)]
public partial struct EbtEntryMatch
{
    /// <summary>Name and revision, or the kernel's pointer.</summary>
    public U u;

    /// <summary>Size of the data that follows the header.</summary>
    public uint match_size;

    /// <summary>The unnamed union of <c>u</c>: <c>union { struct { char name[EBT_EXTENSION_MAXNAMELEN]; __u8 revision; }; struct xt_match *match; }</c>.</summary>
    [KernelStruct("union")]
    [StructLayout(LayoutKind.Explicit)]
    public partial struct U
    {
        /// <summary>The anonymous struct with the extension's name and revision (user space's view): C names them <c>u.name</c> and <c>u.revision</c>.</summary>
        [FieldOffset(0)]
        [CField(Anonymous = true)]
        public EbtExtensionName user;

        /// <summary><c>struct xt_match *match</c>, a kernel pointer (meaningless in user space).</summary>
        [FieldOffset(0)] public nint match;
    }
}

/// <summary><c>struct ebt_entry_watcher</c>: a watcher header; <c>watcher_size</c> counts the data only.</summary>
[KernelStruct("struct ebt_entry_watcher", Header = "linux/netfilter_bridge/ebtables.h")]
[FlexibleArray(typeof(byte), "data", Alignment = FlexibleArrayAttribute.PointerAlignment)]
public partial struct EbtEntryWatcher
{
    /// <summary>Name and revision, or the kernel's pointer.</summary>
    public U u;

    /// <summary>Size of the data that follows the header.</summary>
    public uint watcher_size;

    /// <summary>The unnamed union of <c>u</c>: <c>union { struct { char name[EBT_EXTENSION_MAXNAMELEN]; __u8 revision; }; struct xt_target *watcher; }</c>.</summary>
    [KernelStruct("union")]
    [StructLayout(LayoutKind.Explicit)]
    public partial struct U
    {
        /// <summary>The anonymous struct with the extension's name and revision (user space's view): C names them <c>u.name</c> and <c>u.revision</c>.</summary>
        [FieldOffset(0)]
        [CField(Anonymous = true)]
        public EbtExtensionName user;

        /// <summary><c>struct xt_target *watcher</c>, a kernel pointer (meaningless in user space).</summary>
        [FieldOffset(0)] public nint watcher;
    }
}

/// <summary><c>struct ebt_entry_target</c>: a target header; <c>target_size</c> counts the data only.</summary>
[KernelStruct("struct ebt_entry_target", Header = "linux/netfilter_bridge/ebtables.h")]
[FlexibleArray(typeof(byte), "data", Alignment = FlexibleArrayAttribute.PointerAlignment)]
public partial struct EbtEntryTarget
{
    /// <summary>Name and revision, or the kernel's pointer.</summary>
    public U u;

    /// <summary>Size of the data that follows the header.</summary>
    public uint target_size;

    /// <summary>The unnamed union of <c>u</c>: <c>union { struct { char name[EBT_EXTENSION_MAXNAMELEN]; __u8 revision; }; struct xt_target *target; }</c>.</summary>
    [KernelStruct("union")]
    [StructLayout(LayoutKind.Explicit)]
    public partial struct U
    {
        /// <summary>The anonymous struct with the extension's name and revision (user space's view): C names them <c>u.name</c> and <c>u.revision</c>.</summary>
        [FieldOffset(0)]
        [CField(Anonymous = true)]
        public EbtExtensionName user;

        /// <summary><c>struct xt_target *target</c>, a kernel pointer (meaningless in user space).</summary>
        [FieldOffset(0)] public nint target;
    }
}

/// <summary><c>struct ebt_entry</c>: one ebtables rule (<c>bitmask</c> never 0).</summary>
[KernelStruct("struct ebt_entry", Header = "linux/netfilter_bridge/ebtables.h")]
[FlexibleArray(typeof(byte), "elems", Alignment = FlexibleArrayAttribute.PointerAlignment)]
public unsafe partial struct EbtEntry
{
    /// <summary><c>EBT_*</c> flags; <c>EBT_ENTRY_OR_ENTRIES</c> is always set in a rule.</summary>
    public uint bitmask;

    /// <summary><c>EBT_I*</c> inversion flags.</summary>
    public uint invflags;

    /// <summary>Ethernet protocol.</summary>
    public Be16 ethproto;

    /// <summary>Input interface.</summary>
    [CString] public fixed byte @in[IpTables.IFNAMSIZ];

    /// <summary>Logical (bridge) input interface.</summary>
    [CString] public fixed byte logical_in[IpTables.IFNAMSIZ];

    /// <summary>Output interface.</summary>
    [CString] public fixed byte @out[IpTables.IFNAMSIZ];

    /// <summary>Logical (bridge) output interface.</summary>
    [CString] public fixed byte logical_out[IpTables.IFNAMSIZ];

    /// <summary>Source MAC address.</summary>
    public fixed byte sourcemac[Ebtables.ETH_ALEN];

    /// <summary>Source MAC mask.</summary>
    public fixed byte sourcemsk[Ebtables.ETH_ALEN];

    /// <summary>Destination MAC address.</summary>
    public fixed byte destmac[Ebtables.ETH_ALEN];

    /// <summary>Destination MAC mask.</summary>
    public fixed byte destmsk[Ebtables.ETH_ALEN];

    /// <summary>Where the watchers start (after the matches).</summary>
    public uint watchers_offset;

    /// <summary>Where the target starts.</summary>
    public uint target_offset;

    /// <summary>Where the next entry starts.</summary>
    public uint next_offset;
}

/// <summary><c>struct ebt_standard_target</c>: the target named <c>"standard"</c>.</summary>
[KernelStruct("struct ebt_standard_target", Header = "linux/netfilter_bridge/ebtables.h")]
public partial struct EbtStandardTarget
{
    /// <summary>The target header.</summary>
    public EbtEntryTarget target;

    /// <summary><c>EBT_ACCEPT</c>, <c>EBT_DROP</c>, <c>EBT_CONTINUE</c>, <c>EBT_RETURN</c> or a jump offset.</summary>
    public int verdict;
}

/// <summary>ebtables (bridge legacy tables): command numbers at <c>SOL_IP</c>, typed operations and constants.</summary>
/// <remarks>
/// Unlike the x_tables families, ebtables passes entries and counters through the user pointers in
/// <see cref="EbtReplace"/> (<c>entries</c>, <c>counters</c>), yet checks the option length as if they followed the
/// header: <c>sizeof(struct ebt_replace) + entries_size</c> (+ the counters). The span operations take a buffer of
/// that length whose first <see cref="EbtReplace.SizeOf"/> bytes are the header. Layout-verified against the
/// headers; this package's tests cannot run them on a kernel without ebtables.
/// </remarks>
public static partial class Ebtables
{
    //   command                                 level            direction                 payload             length rule
    /// <summary><c>EBT_SO_SET_ENTRIES</c>: replace a table (entries at <c>ebt_replace.entries</c>; length = header + <c>entries_size</c>).</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(EbtReplace), Length = LengthRule.HeaderPlusEntries)]
    public const int EBT_SO_SET_ENTRIES = 128;

    /// <summary><c>EBT_SO_SET_COUNTERS</c>: set the counters (length = header + <c>num_counters</c> counters).</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(EbtReplace), Length = LengthRule.HeaderPlusEntries, Entry = typeof(EbtCounter))]
    public const int EBT_SO_SET_COUNTERS = 129;

    /// <summary><c>EBT_SO_GET_INFO</c>: a table's header (the name is input).</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(EbtReplace))]
    public const int EBT_SO_GET_INFO = 128;

    /// <summary><c>EBT_SO_GET_ENTRIES</c>: copy the entries (and counters) to the header's pointers; length = header + <c>entries_size</c> (+ counters).</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(EbtReplace), Length = LengthRule.HeaderPlusEntries)]
    public const int EBT_SO_GET_ENTRIES = 129;

    /// <summary><c>EBT_SO_GET_INIT_INFO</c>: the header of the table as it was at initialisation.</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(EbtReplace))]
    public const int EBT_SO_GET_INIT_INFO = 130;

    /// <summary><c>EBT_SO_GET_INIT_ENTRIES</c>: the entries of the table as it was at initialisation.</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(EbtReplace), Length = LengthRule.HeaderPlusEntries)]
    public const int EBT_SO_GET_INIT_ENTRIES = 131;

    // ---- typed operations: one declaration per command, implemented by the generator ---------------------

    /// <summary><c>EBT_SO_GET_INFO</c>: fills in <paramref name="info"/> for the table named in its <c>name</c> (the length must be exactly the header).</summary>
    /// <exception cref="SocketOptionException">ENOENT: no such table; EPERM: no <c>CAP_NET_ADMIN</c>; ENOPROTOOPT: no ebtables in this kernel.</exception>
    [GetSockOpt(EBT_SO_GET_INFO)]
    public static partial void GetInfo(int fd, ref EbtReplace info);

    /// <summary><c>EBT_SO_GET_INIT_INFO</c>: as <see cref="GetInfo(int, ref EbtReplace)"/>, for the table as it was when it was registered.</summary>
    [GetSockOpt(EBT_SO_GET_INIT_INFO)]
    public static partial void GetInitInfo(int fd, ref EbtReplace info);

    /// <summary>
    /// <c>EBT_SO_GET_ENTRIES</c>: the kernel copies the entries (and, when <c>num_counters</c> is set, the counters)
    /// to the pointers of the <see cref="EbtReplace"/> at the start of <paramref name="buffer"/>, whose length must be
    /// the header plus <c>entries_size</c> (plus the counters).
    /// </summary>
    /// <returns><see cref="Errno.EINVAL"/> when the table changed since <c>EBT_SO_GET_INFO</c>, else the kernel's error or none.</returns>
    [GetSockOpt(EBT_SO_GET_ENTRIES)]
    public static partial Errno TryGetEntries(int fd, Span<byte> buffer, out int length);

    /// <summary><c>EBT_SO_GET_INIT_ENTRIES</c>: as <see cref="TryGetEntries(int, Span{byte}, out int)"/>, for the table as it was when it was registered.</summary>
    [GetSockOpt(EBT_SO_GET_INIT_ENTRIES)]
    public static partial Errno TryGetInitEntries(int fd, Span<byte> buffer, out int length);

    /// <summary><c>EBT_SO_SET_ENTRIES</c>: replaces a table; <paramref name="replace"/> is an <see cref="EbtReplace"/> whose length counts <c>entries_size</c>.</summary>
    [SetSockOpt(EBT_SO_SET_ENTRIES)]
    public static partial void SetEntries(int fd, ReadOnlySpan<byte> replace);

    /// <summary><c>EBT_SO_SET_COUNTERS</c>: sets the counters; <paramref name="replace"/> is an <see cref="EbtReplace"/> whose length counts <c>num_counters</c> counters.</summary>
    [SetSockOpt(EBT_SO_SET_COUNTERS)]
    public static partial void SetCounters(int fd, ReadOnlySpan<byte> replace);

    /// <summary><c>EBT_TABLE_MAXNAMELEN</c>.</summary>
    public const int EBT_TABLE_MAXNAMELEN = 32;

    /// <summary><c>EBT_CHAIN_MAXNAMELEN</c>.</summary>
    public const int EBT_CHAIN_MAXNAMELEN = EBT_TABLE_MAXNAMELEN;

    /// <summary><c>EBT_EXTENSION_MAXNAMELEN</c>.</summary>
    public const int EBT_EXTENSION_MAXNAMELEN = 31;

    /// <summary><c>NF_BR_NUMHOOKS</c>.</summary>
    public const int NF_BR_NUMHOOKS = 6;

    /// <summary><c>ETH_ALEN</c>.</summary>
    public const int ETH_ALEN = 6;

    /// <summary><c>EBT_ACCEPT</c>.</summary>
    public const int EBT_ACCEPT = -1;

    /// <summary><c>EBT_DROP</c>.</summary>
    public const int EBT_DROP = -2;

    /// <summary><c>EBT_CONTINUE</c>.</summary>
    public const int EBT_CONTINUE = -3;

    /// <summary><c>EBT_RETURN</c>.</summary>
    public const int EBT_RETURN = -4;

    /// <summary><c>EBT_ENTRY_OR_ENTRIES</c>: set in every rule's <c>bitmask</c>.</summary>
    public const uint EBT_ENTRY_OR_ENTRIES = 0x01;
}
