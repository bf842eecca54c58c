using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace KernelStructs.Samples.ConntrackTupleModule;

// The user side of "ctmod", a kernel module that registers an nf_sockopt_ops at PF_INET:
//
//   static struct nf_sockopt_ops ctmod_sockopts = {
//       .pf = PF_INET,
//       .get_optmin = CTMOD_BASE_CTL, .get_optmax = CTMOD_SO_GET_MAX + 1, .get = ctmod_get,
//       .set_optmin = CTMOD_BASE_CTL, .set_optmax = CTMOD_SO_SET_MAX + 1, .set = ctmod_set,
//   };
//
// CTMOD_SO_GET_TUPLE reads a tuple (addresses, ports, protocol) and answers the reply direction's tuple of the
// matching conntrack entry, in place; CTMOD_SO_SET_TUPLE pins an expected tuple; CTMOD_SO_GET_STATS answers
// counters, truncated to the caller's length. GET and SET share numbers, as ip_tables' do.

/// <summary><c>union ctmod_inet_addr</c>: the module's copy of <c>union nf_inet_addr</c>.</summary>
[KernelStruct("union ctmod_inet_addr", ExpectedSize = 16)]
[StructLayout(LayoutKind.Explicit)]
public unsafe partial struct CtModInetAddr
{
    /// <summary><c>__u32 all[4]</c>.</summary>
    [FieldOffset(0)]
    public fixed uint all[4];

    /// <summary><c>__be32 ip</c>: the IPv4 address.</summary>
    [FieldOffset(0)]
    public Be32 ip;
}

/// <summary><c>struct ctmod_tuple</c>: an <c>nf_conntrack_tuple</c>-style tuple.</summary>
[KernelStruct("struct ctmod_tuple", ExpectedSize = 40)]
public partial struct CtModTuple
{
    /// <summary><c>union ctmod_inet_addr src</c>.</summary>
    public CtModInetAddr src;

    /// <summary><c>__be16 sport</c>.</summary>
    public Be16 sport;

    /// <summary><c>__u16 l3num</c>: the address family.</summary>
    public ushort l3num;

    /// <summary><c>union ctmod_inet_addr dst</c>.</summary>
    public CtModInetAddr dst;

    /// <summary><c>__be16 dport</c>.</summary>
    public Be16 dport;

    /// <summary><c>__u8 protonum</c>: the layer-4 protocol.</summary>
    public byte protonum;

    /// <summary><c>__u8 dir</c>: <c>IP_CT_DIR_ORIGINAL</c> (0) or <c>IP_CT_DIR_REPLY</c> (1).</summary>
    public byte dir;
}

/// <summary><c>struct ctmod_stats</c>: counters; the kernel copies <c>min(len, sizeof)</c>.</summary>
[KernelStruct("struct ctmod_stats", ExpectedSize = 24)]
public partial struct CtModStats
{
    /// <summary><c>__u64 lookups</c>.</summary>
    public ulong lookups;

    /// <summary><c>__u64 found</c>.</summary>
    public ulong found;

    /// <summary><c>__u64 pinned</c>.</summary>
    public ulong pinned;
}

/// <summary>
/// The module's commands, each stated once: the constant's value is the number, the attribute the level, direction,
/// payload and length rule (the C name is the constant's own).
/// </summary>
public static class CtMod
{
    /// <summary><c>CTMOD_BASE_CTL</c>.</summary>
    public const int CTMOD_BASE_CTL = 3200;

    //   command                                   level            direction                 payload               length rule
    /// <summary><c>CTMOD_SO_GET_TUPLE</c>: the reply tuple of the entry matching the tuple passed in.</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(CtModTuple))]
    public const int CTMOD_SO_GET_TUPLE = CTMOD_BASE_CTL;

    /// <summary><c>CTMOD_SO_GET_STATS</c>: the module's counters.</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(CtModStats), Length = LengthRule.Truncating)]
    public const int CTMOD_SO_GET_STATS = CTMOD_BASE_CTL + 1;

    /// <summary><c>CTMOD_SO_SET_TUPLE</c>: pin an expected tuple.</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(CtModTuple))]
    public const int CTMOD_SO_SET_TUPLE = CTMOD_BASE_CTL;
}

/// <summary>
/// Typed operations on the module's commands: each names its command and nothing else. The generator implements
/// them and adds the <c>SafeHandle</c> and <c>int</c> forms and the <c>Try</c> forms (<c>TryLookupTuple</c>, ...).
/// </summary>
public static partial class CtModOptions
{
    /// <summary>Looks up the reply tuple of the conntrack entry matching <paramref name="tuple"/>, in place.</summary>
    [GetSockOpt(CtMod.CTMOD_SO_GET_TUPLE)]
    public static partial void LookupTuple(Socket socket, ref CtModTuple tuple);

    /// <summary>Pins an expected tuple.</summary>
    [SetSockOpt(CtMod.CTMOD_SO_SET_TUPLE)]
    public static partial void PinTuple(Socket socket, in CtModTuple tuple);

    /// <summary>The module's counters.</summary>
    [GetSockOpt(CtMod.CTMOD_SO_GET_STATS)]
    public static partial CtModStats GetStats(Socket socket);
}
