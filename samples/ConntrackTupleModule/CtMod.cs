using System.Net.Sockets;
using KernelStructs.Netfilter;

namespace KernelStructs.Samples.ConntrackTupleModule;

// The user side of "ctmod" (module/ctmod.c), a kernel module that registers an nf_sockopt_ops at PF_INET:
//
//   static struct nf_sockopt_ops ctmod_sockopts = {
//       .pf = PF_INET,
//       .get_optmin = CTMOD_BASE_CTL, .get_optmax = CTMOD_SO_GET_MAX + 1, .get = ctmod_get,
//       .set_optmin = CTMOD_BASE_CTL, .set_optmax = CTMOD_SO_SET_MAX + 1, .set = ctmod_set,
//   };
//
// The tuple is the catalog's mirror of the kernel's struct nf_conntrack_tuple (KernelStructs.Netfilter.NfConntrackTuple).
// CTMOD_SO_GET_TUPLE reads a struct nf_conntrack_tuple (addresses, ports, protocols of one direction), finds the
// live conntrack entry with the kernel's lookup and answers, in place, the entry's tuple of the other direction;
// CTMOD_SO_SET_TUPLE pins an expected tuple (later lookups of it count as pinned hits); CTMOD_SO_GET_STATS answers
// counters, truncated to the caller's length. GET and SET share numbers, as ip_tables' do.

/// <summary><c>struct ctmod_stats</c>: counters; the kernel copies <c>min(len, sizeof)</c>.</summary>
[KernelStruct("struct ctmod_stats", ExpectedSize = 32)]
public partial struct CtModStats
{
    /// <summary><c>__u64 lookups</c>: <c>CTMOD_SO_GET_TUPLE</c> calls that reached the lookup.</summary>
    public ulong lookups;

    /// <summary><c>__u64 found</c>: lookups that found an entry.</summary>
    public ulong found;

    /// <summary><c>__u64 pinned</c>: <c>CTMOD_SO_SET_TUPLE</c> calls.</summary>
    public ulong pinned;

    /// <summary><c>__u64 pinned_hits</c>: lookups of the pinned tuple that found an entry.</summary>
    public ulong pinned_hits;
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
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(NfConntrackTuple))]
    public const int CTMOD_SO_GET_TUPLE = CTMOD_BASE_CTL;

    /// <summary><c>CTMOD_SO_GET_STATS</c>: the module's counters.</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(CtModStats), Length = LengthRule.Truncating)]
    public const int CTMOD_SO_GET_STATS = CTMOD_BASE_CTL + 1;

    /// <summary><c>CTMOD_SO_SET_TUPLE</c>: pin an expected tuple.</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(NfConntrackTuple))]
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
    public static partial void LookupTuple(Socket socket, ref NfConntrackTuple tuple);

    /// <summary>Pins an expected tuple.</summary>
    [SetSockOpt(CtMod.CTMOD_SO_SET_TUPLE)]
    public static partial void PinTuple(Socket socket, in NfConntrackTuple tuple);

    /// <summary>The module's counters.</summary>
    [GetSockOpt(CtMod.CTMOD_SO_GET_STATS)]
    public static partial CtModStats GetStats(Socket socket);
}
