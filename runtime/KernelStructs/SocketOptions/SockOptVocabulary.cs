// The socket-option vocabulary: levels and their C names, directions, length rules and what each rule accepts.
//
// One source file, compiled into the runtime (net8.0, namespace KernelStructs, public enums) and into the generator
// (netstandard2.0, KERNELSTRUCTS_ROSLYN defined, namespace KernelStructs.Generator.Vocabulary, internal), whose
// analyzers and code fixes see it through the generator. The runtime checks the kernel's answers with it, the
// generator writes calls and comments with it, the analyzers check raw calls with it: none of them can drift.
// It must use nothing beyond netstandard2.0.
using System;
using System.ComponentModel;
using System.Globalization;
using System.Runtime.CompilerServices;

#if KERNELSTRUCTS_ROSLYN
namespace KernelStructs.Generator.Vocabulary;
#else
namespace KernelStructs;
#endif

/// <summary>
/// The <c>level</c> argument of <c>getsockopt</c>/<c>setsockopt</c> (<c>SOL_*</c>, <c>IPPROTO_*</c>).
/// Other levels can be written as a cast, e.g. <c>(SocketLevel)270</c> for <c>SOL_NETLINK</c>.
/// </summary>
#if KERNELSTRUCTS_ROSLYN
internal
#else
public
#endif
enum SocketLevel
{
    /// <summary><c>SOL_IP</c> / <c>IPPROTO_IP</c> (0): IPv4, conntrack, ip_tables, arp_tables, ebtables, IPVS.</summary>
    IP = 0,

    /// <summary><c>SOL_SOCKET</c> (1): the socket layer.</summary>
    Socket = 1,

    /// <summary><c>SOL_TCP</c> / <c>IPPROTO_TCP</c> (6).</summary>
    Tcp = 6,

    /// <summary><c>SOL_UDP</c> / <c>IPPROTO_UDP</c> (17).</summary>
    Udp = 17,

    /// <summary><c>SOL_IPV6</c> / <c>IPPROTO_IPV6</c> (41): IPv6, IPv6 conntrack, ip6_tables.</summary>
    IPv6 = 41,

    /// <summary><c>SOL_RAW</c> / <c>IPPROTO_RAW</c> (255).</summary>
    Raw = 255,
}

/// <summary>
/// Which system call a command belongs to. The same number means different commands in each (at <c>SOL_IP</c>,
/// 64 is <c>IPT_SO_GET_INFO</c> on <c>getsockopt</c> and <c>IPT_SO_SET_REPLACE</c> on <c>setsockopt</c>); an
/// option such as <c>SO_MARK</c> is one command valid on both (<see cref="Both"/>).
/// </summary>
[Flags]
#if KERNELSTRUCTS_ROSLYN
internal
#else
public
#endif
enum SockOptDirection
{
    /// <summary><c>getsockopt</c>: the kernel answers into the caller's buffer.</summary>
    Get = 1,

    /// <summary><c>setsockopt</c>: the kernel reads the caller's buffer.</summary>
    Set = 2,

    /// <summary>Both system calls, with the same payload (<c>SO_MARK</c>, <c>SO_LINGER</c>, <c>SO_RCVBUF</c>, ...).</summary>
    Both = Get | Set,
}

/// <summary>How a command's length relates to its payload, and how the kernel's answer is checked.</summary>
#if KERNELSTRUCTS_ROSLYN
internal
#else
public
#endif
enum LengthRule
{
    /// <summary>
    /// The length is exactly the payload's size, in both directions. A command with no payload
    /// (<c>typeof(void)</c>, e.g. <c>IP_VS_SO_SET_FLUSH</c>) passes length 0.
    /// </summary>
    Exact,

    /// <summary>
    /// The caller passes at least the payload's size; the kernel writes exactly the payload
    /// (e.g. <c>SO_ORIGINAL_DST</c>). An answer shorter than the payload is an error.
    /// </summary>
    AtLeast,

    /// <summary>
    /// The payload is a header struct followed by <c>n</c> entries (e.g. <c>IPT_SO_GET_ENTRIES</c>: <c>struct ipt_get_entries</c>
    /// followed by <c>size</c> bytes of entries). The length is <c>sizeof(header) + n × sizeof(entry)</c>.
    /// </summary>
    HeaderPlusEntries,

    /// <summary>
    /// The kernel copies <c>min(len, its own size)</c> and reports the length it wrote (e.g. <c>TCP_INFO</c>,
    /// whose struct grows between kernel versions). Fields past the reported length are zero, never stale.
    /// </summary>
    Truncating,
}

/// <summary>What a parameter of a socket-option call carries.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
#if KERNELSTRUCTS_ROSLYN
internal
#else
public
#endif
enum SockOptArgumentRole
{
    /// <summary>The socket (<c>Socket</c>, <c>SafeHandle</c> or descriptor).</summary>
    Socket,

    /// <summary>The level (<c>level</c>).</summary>
    Level,

    /// <summary>The option number (<c>optname</c>).</summary>
    OptionName,

    /// <summary>The payload: a value of the payload type, or a buffer of bytes (<c>optval</c>).</summary>
    Value,
}

/// <summary>
/// The methods a <c>[GetSockOpt]</c>/<c>[SetSockOpt]</c> declaration's family adds beside it. The generator adds the
/// throwing form and the <c>Try</c> form taking a <c>KernelStructs.SocketTarget</c> (<see cref="SocketTarget"/>,
/// <see cref="TrySocketTarget"/>); the flags of the forms taking one kind of socket each stand for the six-method families
/// of earlier versions, still found in assemblies they built. The declared method's <c>[SockOptWrapper]</c> lists them, so
/// that one attribute per declaration tells the analyzers every method of the family, in source and in a referenced assembly.
/// </summary>
[Flags]
[EditorBrowsable(EditorBrowsableState.Never)]
#if KERNELSTRUCTS_ROSLYN
internal
#else
public
#endif
enum SockOptForms
{
    /// <summary>No method besides the declared one.</summary>
    None = 0,

    /// <summary>The throwing form taking a <c>System.Net.Sockets.Socket</c>.</summary>
    Socket = 1,

    /// <summary>The <c>Try</c> form taking a <c>System.Net.Sockets.Socket</c>.</summary>
    TrySocket = 2,

    /// <summary>The throwing form taking a <c>System.Runtime.InteropServices.SafeHandle</c>.</summary>
    SafeHandle = 4,

    /// <summary>The <c>Try</c> form taking a <c>System.Runtime.InteropServices.SafeHandle</c>.</summary>
    TrySafeHandle = 8,

    /// <summary>The throwing form taking an <c>int</c> file descriptor.</summary>
    Descriptor = 16,

    /// <summary>The <c>Try</c> form taking an <c>int</c> file descriptor.</summary>
    TryDescriptor = 32,

    /// <summary>The throwing form taking a <c>KernelStructs.SocketTarget</c> (a socket, a handle or a descriptor).</summary>
    SocketTarget = 64,

    /// <summary>The <c>Try</c> form taking a <c>KernelStructs.SocketTarget</c>.</summary>
    TrySocketTarget = 128,
}

/// <summary>What the vocabulary means: C names, and the check each length rule makes.</summary>
internal static class SockOptFacts
{
    /// <summary>The named levels and their C names: the <c>SOL_*</c> name messages use first, then the <c>IPPROTO_*</c> one.</summary>
    private static readonly (SocketLevel Level, string[] CNames)[] LevelNames =
    {
        (SocketLevel.IP, new[] { "SOL_IP", "IPPROTO_IP" }),
        (SocketLevel.Socket, new[] { "SOL_SOCKET" }),
        (SocketLevel.Tcp, new[] { "SOL_TCP", "IPPROTO_TCP" }),
        (SocketLevel.Udp, new[] { "SOL_UDP", "IPPROTO_UDP" }),
        (SocketLevel.IPv6, new[] { "SOL_IPV6", "IPPROTO_IPV6" }),
        (SocketLevel.Raw, new[] { "SOL_RAW", "IPPROTO_RAW" }),
    };

    /// <summary>The C name of a level: <c>SOL_IP</c>, <c>SOL_SOCKET</c>, ...; the number for other levels.</summary>
    public static string LevelCName(SocketLevel level)
    {
        foreach (var (named, cNames) in LevelNames)
        {
            if (named == level)
            {
                return cNames[0];
            }
        }

        return ((int)level).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The level a C name stands for (<c>SOL_IPV6</c> and <c>IPPROTO_IPV6</c> are <see cref="SocketLevel.IPv6"/>); null for other names.</summary>
    public static SocketLevel? LevelOfCName(string cName)
    {
        foreach (var (level, cNames) in LevelNames)
        {
            if (System.Array.IndexOf(cNames, cName) >= 0)
            {
                return level;
            }
        }

        return null;
    }

    /// <summary>Whether <see cref="SocketLevel"/> has a member for the level (else code writes it as a cast).</summary>
    public static bool IsNamed(SocketLevel level) => LevelCName(level) != ((int)level).ToString(CultureInfo.InvariantCulture);

    /// <summary>The system call: <c>getsockopt</c> or <c>setsockopt</c>.</summary>
    public static string SystemCall(SockOptDirection direction) => direction == SockOptDirection.Set ? "setsockopt" : "getsockopt";

    /// <summary>Whether a command declared for <paramref name="declared"/> may be sent on <paramref name="call"/>'s system call.</summary>
    public static bool Allows(SockOptDirection declared, SockOptDirection call) => (declared & call) == call;

    /// <summary>
    /// The shortest answer the rule accepts for a payload of <paramref name="size"/> bytes: the whole payload, except
    /// under <see cref="LengthRule.Truncating"/>, where any answer is whole (the kernel's struct may be older than ours).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ShortestAnswer(LengthRule rule, int size) => rule == LengthRule.Truncating ? 0 : size;

    /// <summary>
    /// The check on the kernel's answer: <paramref name="actual"/> is the length it reported, <paramref name="expected"/>
    /// the length the rule is stated against, <paramref name="buffer"/> the caller's buffer. Whatever the rule, a
    /// length past the buffer is refused: it could not be used to slice it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnswerFits(LengthRule rule, int actual, int expected, int buffer)
    {
        var ok = rule switch
        {
            LengthRule.Exact => actual == expected,
            LengthRule.AtLeast or LengthRule.HeaderPlusEntries or LengthRule.Truncating => actual >= expected,
            _ => false,
        };
        return ok && (uint)actual <= (uint)buffer;
    }

    /// <summary>
    /// The check on a length the caller passes, against a payload of <paramref name="payload"/> bytes (the header's,
    /// for <see cref="LengthRule.HeaderPlusEntries"/>; <paramref name="entry"/> is the entry's size, 0 when unknown).
    /// </summary>
    public static bool CallerLengthFits(LengthRule rule, int length, int payload, int entry) => rule switch
    {
        LengthRule.Exact => length == payload,
        LengthRule.AtLeast => length >= payload,
        LengthRule.HeaderPlusEntries => length >= payload && (entry <= 0 || (length - payload) % entry == 0),
        LengthRule.Truncating => length > 0 && length <= payload,
        _ => true,
    };

    /// <summary>What the rule expects of the kernel's answer, for messages: <c>exactly 16 bytes</c>, <c>at least 16 bytes</c>, ...</summary>
    public static string AnswerExpectation(LengthRule rule, int expected, int buffer) => rule switch
    {
        LengthRule.Exact => $"exactly {I(expected)} bytes",
        LengthRule.AtLeast => $"at least {I(expected)} bytes",
        LengthRule.HeaderPlusEntries => $"at least the {I(expected)}-byte header",
        _ => $"between {I(expected)} and {I(buffer)} bytes",
    };

    /// <summary>What the rule asks of a caller's length, for messages, after "its payload is N bytes, and".</summary>
    public static string CallerExpectation(LengthRule rule) => rule switch
    {
        LengthRule.Exact => "the length must be exactly that",
        LengthRule.AtLeast => "the length must be at least that",
        LengthRule.HeaderPlusEntries => "the length must be that plus whole entries",
        _ => "the kernel copies at most the length, so it must be between 1 and that",
    };

    /// <summary>The rule in a sentence, as generated code explains a call.</summary>
    public static string Explain(LengthRule rule, SockOptDirection direction, bool hasPayload)
    {
        if (!hasPayload)
        {
            return "no payload: the length is 0.";
        }

        return (direction == SockOptDirection.Get, rule) switch
        {
            (_, LengthRule.Exact) => "the length is exactly the payload's size.",
            (true, LengthRule.AtLeast) => "the kernel needs at least the payload's size and must answer with all of it.",
            (true, LengthRule.HeaderPlusEntries) => "a header followed by entries; the answer must hold at least the header.",
            (true, LengthRule.Truncating) => "the kernel copies min(len, its size) and reports the length; the rest stays zero.",
            (false, LengthRule.AtLeast) => "the kernel reads at least the payload's size.",
            (false, LengthRule.HeaderPlusEntries) => "the kernel reads a header followed by entries.",
            (false, LengthRule.Truncating) => "the kernel reads at most its own size.",
            _ => "see the length rule.",
        };
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
