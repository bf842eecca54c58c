using System.Runtime.InteropServices;

namespace KernelStructs.Netfilter;

// Mirrors of <linux/netfilter/x_tables.h>: the parts shared by ip_tables, ip6_tables and arp_tables.

/// <summary>
/// <c>struct xt_entry_match</c>: the header of one match inside a rule. <c>u.match_size</c> is the
/// size of the header and its data, aligned to <see cref="XTables.XT_ALIGN(int)"/>; the match's own
/// struct (e.g. <c>struct xt_tcp</c>) follows in <c>data</c>.
/// </summary>
/// <remarks>
/// <c>u</c> is a union without a name (<see cref="U"/>), whose <c>user</c> and <c>kernel</c> are structs without a
/// name (<see cref="User"/>, <see cref="Kernel"/>): <c>match.u.user.name</c> in C and in C#.
/// </remarks>
[KernelStruct("struct xt_entry_match", Header = "linux/netfilter/x_tables.h")]
[FlexibleArray(typeof(byte), "data")]
public partial struct XtEntryMatch
{
    /// <summary>The user and kernel views of the header, and the size they share.</summary>
    public U u;

    /// <summary>The unnamed union of <c>u</c>.</summary>
    [KernelStruct("union")]
    [StructLayout(LayoutKind.Explicit)]
    public partial struct U
    {
        /// <summary>The view user space reads and writes: size, extension name and revision.</summary>
        [FieldOffset(0)] public User user;

        /// <summary>The view the kernel uses internally (a pointer to its <c>struct xt_match</c>).</summary>
        [FieldOffset(0)] public Kernel kernel;

        /// <summary>Total length of the match: header and data.</summary>
        [FieldOffset(0)] public ushort match_size;
    }

    /// <summary>The unnamed struct of <c>u.user</c>.</summary>
    [KernelStruct("struct")]
    public unsafe partial struct User
    {
        /// <summary>Total length of the match: header and data.</summary>
        public ushort match_size;

        /// <summary>The match extension's name (<c>char name[XT_EXTENSION_MAXNAMELEN]</c>).</summary>
        [CString] public fixed byte name[XTables.XT_EXTENSION_MAXNAMELEN];

        /// <summary>The match extension's revision.</summary>
        public byte revision;
    }

    /// <summary>The unnamed struct of <c>u.kernel</c>.</summary>
    [KernelStruct("struct")]
    public partial struct Kernel
    {
        /// <summary>Total length of the match: header and data.</summary>
        public ushort match_size;

        /// <summary><c>struct xt_match *match</c>, a kernel pointer (meaningless in user space).</summary>
        public nint match;
    }
}

/// <summary>
/// <c>struct xt_entry_target</c>: the header of a rule's target, at the rule's <c>target_offset</c>.
/// An empty name is the standard target (<see cref="XtStandardTarget"/>), <c>"ERROR"</c> the error
/// target that names user-defined chains (<see cref="XtErrorTarget"/>).
/// </summary>
/// <remarks>
/// <c>u</c> is a union without a name (<see cref="U"/>), whose <c>user</c> and <c>kernel</c> are structs without a
/// name (<see cref="User"/>, <see cref="Kernel"/>): <c>target.u.user.name</c> in C and in C#.
/// </remarks>
[KernelStruct("struct xt_entry_target", Header = "linux/netfilter/x_tables.h")]
[FlexibleArray(typeof(byte), "data")]
public partial struct XtEntryTarget
{
    /// <summary>The user and kernel views of the header, and the size they share.</summary>
    public U u;

    /// <summary>The unnamed union of <c>u</c>.</summary>
    [KernelStruct("union")]
    [StructLayout(LayoutKind.Explicit)]
    public partial struct U
    {
        /// <summary>The view user space reads and writes: size, extension name and revision.</summary>
        [FieldOffset(0)] public User user;

        /// <summary>The view the kernel uses internally (a pointer to its <c>struct xt_target</c>).</summary>
        [FieldOffset(0)] public Kernel kernel;

        /// <summary>Total length of the target: header and data.</summary>
        [FieldOffset(0)] public ushort target_size;
    }

    /// <summary>The unnamed struct of <c>u.user</c>.</summary>
    [KernelStruct("struct")]
    public unsafe partial struct User
    {
        /// <summary>Total length of the target: header and data.</summary>
        public ushort target_size;

        /// <summary>The target extension's name (<c>char name[XT_EXTENSION_MAXNAMELEN]</c>).</summary>
        [CString] public fixed byte name[XTables.XT_EXTENSION_MAXNAMELEN];

        /// <summary>The target extension's revision.</summary>
        public byte revision;
    }

    /// <summary>The unnamed struct of <c>u.kernel</c>.</summary>
    [KernelStruct("struct")]
    public partial struct Kernel
    {
        /// <summary>Total length of the target: header and data.</summary>
        public ushort target_size;

        /// <summary><c>struct xt_target *target</c>, a kernel pointer (meaningless in user space).</summary>
        public nint target;
    }
}

/// <summary>
/// <c>struct xt_standard_target</c>: the target with an empty name. A negative <c>verdict</c> is
/// <c>-NF_xxx - 1</c> (<see cref="XTables.NF_ACCEPT"/>, ..., <see cref="XTables.XT_RETURN"/>); a
/// non-negative one is the byte offset, from the start of the entries, of the rule to jump to.
/// </summary>
[KernelStruct("struct xt_standard_target", Header = "linux/netfilter/x_tables.h")]
public partial struct XtStandardTarget
{
    /// <summary>The target header (name empty).</summary>
    public XtEntryTarget target;

    /// <summary>The verdict or jump offset.</summary>
    public int verdict;
}

/// <summary>
/// <c>struct xt_error_target</c>: the target named <c>"ERROR"</c>. It heads every user-defined chain
/// (<c>errorname</c> is the chain's name) and ends the table (<c>errorname</c> is <c>"ERROR"</c>).
/// </summary>
[KernelStruct("struct xt_error_target", Header = "linux/netfilter/x_tables.h")]
public unsafe partial struct XtErrorTarget
{
    /// <summary>The target header (name <c>"ERROR"</c>).</summary>
    public XtEntryTarget target;

    /// <summary>The chain name (<c>char errorname[XT_FUNCTION_MAXNAMELEN]</c>).</summary>
    [CString] public fixed byte errorname[XTables.XT_FUNCTION_MAXNAMELEN];
}

/// <summary><c>struct xt_get_revision</c>: the argument of <c>*_SO_GET_REVISION_MATCH</c>/<c>_TARGET</c>.</summary>
[KernelStruct("struct xt_get_revision", Header = "linux/netfilter/x_tables.h")]
public unsafe partial struct XtGetRevision
{
    /// <summary>The extension's name.</summary>
    [CString] public fixed byte name[XTables.XT_EXTENSION_MAXNAMELEN];

    /// <summary>The revision asked for; the kernel answers with the highest revision it supports, if at least this one.</summary>
    public byte revision;
}

/// <summary><c>struct xt_counters</c>: the packet and byte counters of a rule.</summary>
[KernelStruct("struct xt_counters", Header = "linux/netfilter/x_tables.h", ExpectedSize = 16)]
public partial struct XtCounters
{
    /// <summary>Packets.</summary>
    public ulong pcnt;

    /// <summary>Bytes.</summary>
    public ulong bcnt;

    /// <summary>Creates counters.</summary>
    public XtCounters(ulong packets, ulong bytes)
    {
        pcnt = packets;
        bcnt = bytes;
    }
}

/// <summary>
/// <c>struct xt_counters_info</c>: the argument of <c>*_SO_SET_ADD_COUNTERS</c>, followed by
/// <c>num_counters</c> <see cref="XtCounters"/>, one per rule of the table in table order.
/// </summary>
[KernelStruct("struct xt_counters_info", Header = "linux/netfilter/x_tables.h")]
[FlexibleArray(typeof(XtCounters), "counters")]
public unsafe partial struct XtCountersInfo
{
    /// <summary>The table's name.</summary>
    [CString] public fixed byte name[XTables.XT_TABLE_MAXNAMELEN];

    /// <summary>The number of counters that follow.</summary>
    public uint num_counters;
}

/// <summary>Constants of <c>&lt;linux/netfilter/x_tables.h&gt;</c> and <c>&lt;linux/netfilter.h&gt;</c>.</summary>
public static class XTables
{
    /// <summary><c>XT_FUNCTION_MAXNAMELEN</c>: size of a chain name buffer, NUL included.</summary>
    public const int XT_FUNCTION_MAXNAMELEN = 30;

    /// <summary><c>XT_EXTENSION_MAXNAMELEN</c>: size of a match or target name buffer, NUL included.</summary>
    public const int XT_EXTENSION_MAXNAMELEN = 29;

    /// <summary><c>XT_TABLE_MAXNAMELEN</c>: size of a table name buffer, NUL included.</summary>
    public const int XT_TABLE_MAXNAMELEN = 32;

    /// <summary><c>XT_STANDARD_TARGET</c>: the standard target's name (empty).</summary>
    public const string XT_STANDARD_TARGET = "";

    /// <summary><c>XT_ERROR_TARGET</c>: the error target's name.</summary>
    public const string XT_ERROR_TARGET = "ERROR";

    /// <summary><c>XT_CONTINUE</c>: continue with the next rule (targets that do not decide).</summary>
    public const uint XT_CONTINUE = 0xFFFFFFFF;

    /// <summary><c>NF_DROP</c>.</summary>
    public const int NF_DROP = 0;

    /// <summary><c>NF_ACCEPT</c>.</summary>
    public const int NF_ACCEPT = 1;

    /// <summary><c>NF_STOLEN</c>.</summary>
    public const int NF_STOLEN = 2;

    /// <summary><c>NF_QUEUE</c>.</summary>
    public const int NF_QUEUE = 3;

    /// <summary><c>NF_REPEAT</c>.</summary>
    public const int NF_REPEAT = 4;

    /// <summary><c>XT_RETURN</c> (<c>-NF_REPEAT - 1</c>): the standard target's verdict for RETURN.</summary>
    public const int XT_RETURN = -NF_REPEAT - 1;

    /// <summary><c>XT_INV_PROTO</c>: invert the sense of the protocol test.</summary>
    public const byte XT_INV_PROTO = 0x40;

    /// <summary><c>NF_INET_NUMHOOKS</c>: hooks of the IPv4/IPv6 tables (PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING).</summary>
    public const int NF_INET_NUMHOOKS = 5;

    /// <summary><c>NF_ARP_NUMHOOKS</c>: hooks of the ARP tables (IN, OUT, FORWARD).</summary>
    public const int NF_ARP_NUMHOOKS = 3;

    /// <summary>
    /// <c>__alignof__(struct _xt_align)</c>: the alignment of every entry, match and target in a table
    /// blob, the alignment of <c>__u64</c> on the running ABI (4 on i386, 8 elsewhere).
    /// </summary>
    public static int XtAlignment { get; } = RuntimeInformation.ProcessArchitecture == Architecture.X86 ? 4 : 8;

    /// <summary><c>XT_ALIGN(s)</c>: <paramref name="size"/> rounded up to <see cref="XtAlignment"/>.</summary>
    public static int XT_ALIGN(int size) => (size + XtAlignment - 1) & ~(XtAlignment - 1);

    /// <summary>The standard target verdict for a built-in verdict: <c>-verdict - 1</c> (e.g. <see cref="NF_ACCEPT"/> → -2).</summary>
    public static int StandardVerdict(int nfVerdict) => -nfVerdict - 1;
}
