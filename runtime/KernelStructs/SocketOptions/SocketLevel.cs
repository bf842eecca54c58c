namespace KernelStructs;

/// <summary>
/// The <c>level</c> argument of <c>getsockopt</c>/<c>setsockopt</c> (<c>SOL_*</c>, <c>IPPROTO_*</c>).
/// Other levels can be written as a cast, e.g. <c>(SocketLevel)270</c> for <c>SOL_NETLINK</c>.
/// </summary>
public enum SocketLevel
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

/// <summary>Which system call an option number belongs to: the same number means different commands in each.</summary>
public enum SockOptDirection
{
    /// <summary><c>getsockopt</c>: the kernel answers into the caller's buffer.</summary>
    Get,

    /// <summary><c>setsockopt</c>: the kernel reads the caller's buffer.</summary>
    Set,
}

/// <summary>How the option's length relates to its payload type, and how the kernel's answer is checked.</summary>
public enum LengthRule
{
    /// <summary>The length is exactly the payload's size, in both directions.</summary>
    Exact,

    /// <summary>
    /// The caller passes at least the payload's size; the kernel writes exactly the payload
    /// (e.g. <c>SO_ORIGINAL_DST</c>). An answer shorter than the payload is an error.
    /// </summary>
    AtLeast,

    /// <summary>
    /// A header struct followed by <c>n</c> entries (e.g. <c>IPT_SO_GET_ENTRIES</c>: <c>struct ipt_get_entries</c>
    /// followed by <c>size</c> bytes of entries). The length is <c>sizeof(header) + n × sizeof(entry)</c>.
    /// </summary>
    HeaderPlusEntries,

    /// <summary>
    /// The kernel copies <c>min(len, its own size)</c> and reports the length it wrote (e.g. <c>TCP_INFO</c>,
    /// whose struct grows between kernel versions). Fields past the reported length are zero, never stale.
    /// </summary>
    Truncating,
}
