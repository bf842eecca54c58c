using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using KernelStructs.Netfilter.Extensions;

namespace KernelStructs.Netfilter;

/// <summary>Whether an extension is a match (<c>-m</c>) or a target (<c>-j</c>).</summary>
public enum XtExtensionKind
{
    /// <summary>A match: <c>struct xt_entry_match</c> and its payload.</summary>
    Match,

    /// <summary>A target: <c>struct xt_entry_target</c> and its payload.</summary>
    Target,
}

/// <summary>The table families an extension revision serves, as the kernel registers it.</summary>
[Flags]
public enum XtFamilies
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>ip_tables.</summary>
    IPv4 = 1,

    /// <summary>ip6_tables.</summary>
    IPv6 = 2,

    /// <summary>arp_tables.</summary>
    Arp = 4,

    /// <summary>ip_tables and ip6_tables.</summary>
    Inet = IPv4 | IPv6,
}

/// <summary>
/// One revision of a match or target and the struct its payload is (the bytes after <c>struct xt_entry_match</c>
/// or <c>struct xt_entry_target</c>, <c>XT_ALIGN(sizeof payload)</c> of them in a table blob).
/// </summary>
public sealed class XtExtension
{
    internal XtExtension(XtExtensionKind kind, string name, byte revision, XtFamilies families, Type? payload, int payloadSize)
    {
        Kind = kind;
        Name = name;
        Revision = revision;
        Families = families;
        Payload = payload;
        PayloadSize = payloadSize;
    }

    /// <summary>Match or target.</summary>
    public XtExtensionKind Kind { get; }

    /// <summary>The name in <c>u.user.name</c> (e.g. <c>conntrack</c>, <c>DNAT</c>).</summary>
    public string Name { get; }

    /// <summary>The revision in <c>u.user.revision</c>.</summary>
    public byte Revision { get; }

    /// <summary>
    /// The families whose tables the kernel lets use this revision. arp_tables takes only the targets registered for
    /// it (<c>NFPROTO_ARP</c>): since 2025 the kernel refuses the <c>NFPROTO_UNSPEC</c> ones there (AUDIT, NFQUEUE)
    /// although <c>ARPT_SO_GET_REVISION_TARGET</c> still reports them, and SNAT/DNAT want a nat table arp_tables lacks.
    /// </summary>
    public XtFamilies Families { get; }

    /// <summary>The payload's mirror (a <see cref="KernelStructAttribute"/> struct, or <see cref="int"/> for <c>eui64</c>); <see langword="null"/> when the extension has no payload.</summary>
    public Type? Payload { get; }

    /// <summary><c>sizeof</c> the payload on this ABI; 0 without a payload.</summary>
    public int PayloadSize { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{(Kind == XtExtensionKind.Match ? "match" : "target")} {Name} revision {Revision} ({Families})";
}

/// <summary>
/// The catalog of netfilter extensions: every match and target revision the kernel's x_tables serve, with the mirror
/// of its payload (in <see cref="KernelStructs.Netfilter.Extensions"/>). <see cref="ServedRevisions"/> asks the
/// running kernel which revisions of an extension it has (<c>*_SO_GET_REVISION_MATCH</c>/<c>_TARGET</c>).
/// </summary>
public static class XtExtensions
{
    private const XtExtensionKind M = XtExtensionKind.Match;
    private const XtExtensionKind T = XtExtensionKind.Target;
    private const XtFamilies V4 = XtFamilies.IPv4;
    private const XtFamilies V6 = XtFamilies.IPv6;
    private const XtFamilies Inet = XtFamilies.Inet;
    private const XtFamilies Arp = XtFamilies.Arp;
    private const XtFamilies All3 = XtFamilies.Inet | XtFamilies.Arp;

    private static readonly XtExtension[] s_all =
    {
        //   kind name            rev families payload
        E<XtAddrtypeInfo>(M, "addrtype", 0, V4),
        E<XtAddrtypeInfoV1>(M, "addrtype", 1, Inet),
        E<IptAh>(M, "ah", 0, V4),
        E<Ip6tAh>(M, "ah", 0, V6),
        E<XtBpfInfo>(M, "bpf", 0, Inet),
        E<XtBpfInfoV1>(M, "bpf", 1, Inet),
        E<XtCgroupInfoV0>(M, "cgroup", 0, Inet),
        E<XtCgroupInfoV1>(M, "cgroup", 1, Inet),
        E<XtCgroupInfoV2>(M, "cgroup", 2, Inet),
        E<XtClusterMatchInfo>(M, "cluster", 0, Inet),
        E<XtCommentInfo>(M, "comment", 0, Inet),
        E<XtConnbytesInfo>(M, "connbytes", 0, Inet),
        E<XtConnlabelMtinfo>(M, "connlabel", 0, Inet),
        E<XtConnlimitInfo>(M, "connlimit", 1, Inet),
        E<XtConnmarkMtinfo1>(M, "connmark", 1, Inet),
        E<XtConntrackMtinfo1>(M, "conntrack", 1, Inet),
        E<XtConntrackMtinfo2>(M, "conntrack", 2, Inet),
        E<XtConntrackMtinfo3>(M, "conntrack", 3, Inet),
        E<XtCpuInfo>(M, "cpu", 0, Inet),
        E<XtDccpInfo>(M, "dccp", 0, Inet),
        E<XtDevgroupInfo>(M, "devgroup", 0, Inet),
        E<XtDscpInfo>(M, "dscp", 0, Inet),
        E<Ip6tOpts>(M, "dst", 0, V6),
        E<XtEcnInfo>(M, "ecn", 0, Inet),
        E<XtEsp>(M, "esp", 0, Inet),
        E<int>(M, "eui64", 0, V6),
        E<Ip6tFrag>(M, "frag", 0, V6),
        E<XtHashlimitMtinfo1>(M, "hashlimit", 1, Inet),
        E<XtHashlimitMtinfo2>(M, "hashlimit", 2, Inet),
        E<XtHashlimitMtinfo3>(M, "hashlimit", 3, Inet),
        E<Ip6tOpts>(M, "hbh", 0, V6),
        E<XtHelperInfo>(M, "helper", 0, Inet),
        E<Ip6tHlInfo>(M, "hl", 0, V6),
        E<IptIcmp>(M, "icmp", 0, V4),
        E<Ip6tIcmp>(M, "icmp6", 0, V6),
        E<XtIpcomp>(M, "ipcomp", 0, Inet),
        E<XtIprangeMtinfo>(M, "iprange", 1, Inet),
        E<Ip6tIpv6headerInfo>(M, "ipv6header", 0, V6),
        E<XtL2tpInfo>(M, "l2tp", 0, Inet),
        E<XtLengthInfo>(M, "length", 0, Inet),
        E<XtRateinfo>(M, "limit", 0, Inet),
        E<XtMacInfo>(M, "mac", 0, Inet),
        E<XtMarkMtinfo1>(M, "mark", 1, Inet),
        E<Ip6tMh>(M, "mh", 0, V6),
        E<XtMultiportV1>(M, "multiport", 1, Inet),
        E<XtNfacctMatchInfo>(M, "nfacct", 0, Inet),
        E<XtNfacctMatchInfoV1>(M, "nfacct", 1, Inet),
        E<NfOsfInfo>(M, "osf", 0, V4),
        E<XtOwnerMatchInfo>(M, "owner", 1, Inet),
        E<XtPhysdevInfo>(M, "physdev", 0, Inet),
        E<XtPkttypeInfo>(M, "pkttype", 0, Inet),
        E<XtPolicyInfo>(M, "policy", 0, Inet),
        E<XtQuotaInfo>(M, "quota", 0, Inet),
        E<XtRateestMatchInfo>(M, "rateest", 0, Inet),
        E<XtRealmInfo>(M, "realm", 0, V4),
        E<XtRecentMtinfo>(M, "recent", 0, Inet),
        E<XtRecentMtinfoV1>(M, "recent", 1, Inet),
        E<XtRpfilterInfo>(M, "rpfilter", 0, Inet),
        E<Ip6tRt>(M, "rt", 0, V6),
        E<XtSctpInfo>(M, "sctp", 0, Inet),
        E<XtSetInfoMatchV0>(M, "set", 0, V4),
        E<XtSetInfoMatchV1>(M, "set", 1, Inet),
        E<XtSetInfoMatchV1>(M, "set", 2, Inet),
        E<XtSetInfoMatchV3>(M, "set", 3, Inet),
        E<XtSetInfoMatchV4>(M, "set", 4, Inet),
        None(M, "socket", 0, V4),
        E<XtSocketMtinfo1>(M, "socket", 1, Inet),
        E<XtSocketMtinfo2>(M, "socket", 2, Inet),
        E<XtSocketMtinfo3>(M, "socket", 3, Inet),
        E<Ip6tSrh>(M, "srh", 0, V6),
        E<Ip6tSrh1>(M, "srh", 1, V6),
        E<XtStateInfo>(M, "state", 0, Inet),
        E<XtStatisticInfo>(M, "statistic", 0, Inet),
        E<XtStringInfo>(M, "string", 1, Inet),
        E<XtTcp>(M, "tcp", 0, Inet),
        E<XtTcpmssMatchInfo>(M, "tcpmss", 0, Inet),
        E<XtTimeInfo>(M, "time", 0, Inet),
        E<XtTosMatchInfo>(M, "tos", 1, Inet),
        E<IptTtlInfo>(M, "ttl", 0, V4),
        E<XtU32>(M, "u32", 0, Inet),
        E<XtUdp>(M, "udp", 0, Inet),
        E<XtUdp>(M, "udplite", 0, Inet),

        E<XtAuditInfo>(T, "AUDIT", 0, Inet),
        E<XtChecksumInfo>(T, "CHECKSUM", 0, Inet),
        E<XtClassifyTargetInfo>(T, "CLASSIFY", 0, All3),
        E<XtConnmarkTginfo1>(T, "CONNMARK", 1, Inet),
        E<XtConnmarkTginfo2>(T, "CONNMARK", 2, Inet),
        E<XtConnsecmarkTargetInfo>(T, "CONNSECMARK", 0, Inet),
        E<XtCtTargetInfo>(T, "CT", 0, Inet),
        E<XtCtTargetInfoV1>(T, "CT", 1, Inet),
        E<XtCtTargetInfoV1>(T, "CT", 2, Inet),
        E<NfNatIpv4MultiRangeCompat>(T, "DNAT", 0, V4),
        E<NfNatRange>(T, "DNAT", 1, Inet),
        E<NfNatRange2>(T, "DNAT", 2, Inet),
        E<Ip6tNptTginfo>(T, "DNPT", 0, V6),
        E<XtDscpTargetInfo>(T, "DSCP", 0, Inet),
        E<IptECNInfo>(T, "ECN", 0, V4),
        E<Ip6tHlTargetInfo>(T, "HL", 0, V6),
        E<XtHmarkInfo>(T, "HMARK", 0, Inet),
        E<IdletimerTgInfo>(T, "IDLETIMER", 0, Inet),
        E<IdletimerTgInfoV1>(T, "IDLETIMER", 1, Inet),
        E<XtLogInfo>(T, "LOG", 0, Inet),
        E<XtMarkTginfo2>(T, "MARK", 2, All3),
        E<NfNatIpv4MultiRangeCompat>(T, "MASQUERADE", 0, V4),
        E<NfNatRange>(T, "MASQUERADE", 0, V6),
        E<NfNatIpv4MultiRangeCompat>(T, "NETMAP", 0, V4),
        E<NfNatRange>(T, "NETMAP", 0, V6),
        E<XtNflogInfo>(T, "NFLOG", 0, Inet),
        E<XtNfqInfo>(T, "NFQUEUE", 0, Inet),
        E<XtNfqInfoV1>(T, "NFQUEUE", 1, Inet),
        E<XtNfqInfoV2>(T, "NFQUEUE", 2, Inet),
        E<XtNfqInfoV3>(T, "NFQUEUE", 3, Inet),
        None(T, "NOTRACK", 0, Inet),
        E<XtRateestTargetInfo>(T, "RATEEST", 0, Inet),
        E<NfNatIpv4MultiRangeCompat>(T, "REDIRECT", 0, V4),
        E<NfNatRange>(T, "REDIRECT", 0, V6),
        E<IptRejectInfo>(T, "REJECT", 0, V4),
        E<Ip6tRejectInfo>(T, "REJECT", 0, V6),
        E<XtSecmarkTargetInfo>(T, "SECMARK", 0, Inet),
        E<XtSecmarkTargetInfoV1>(T, "SECMARK", 1, Inet),
        E<XtSetInfoTargetV0>(T, "SET", 0, V4),
        E<XtSetInfoTargetV1>(T, "SET", 1, Inet),
        E<XtSetInfoTargetV2>(T, "SET", 2, Inet),
        E<XtSetInfoTargetV3>(T, "SET", 3, Inet),
        E<NfNatIpv4MultiRangeCompat>(T, "SNAT", 0, V4),
        E<NfNatRange>(T, "SNAT", 1, Inet),
        E<NfNatRange2>(T, "SNAT", 2, Inet),
        E<Ip6tNptTginfo>(T, "SNPT", 0, V6),
        E<NfSynproxyInfo>(T, "SYNPROXY", 0, Inet),
        E<XtTcpmssInfo>(T, "TCPMSS", 0, Inet),
        E<XtTcpoptstripTargetInfo>(T, "TCPOPTSTRIP", 0, Inet),
        E<XtTeeTginfo>(T, "TEE", 1, Inet),
        E<XtTosTargetInfo>(T, "TOS", 1, Inet),
        E<XtTproxyTargetInfo>(T, "TPROXY", 0, V4),
        E<XtTproxyTargetInfoV1>(T, "TPROXY", 1, Inet),
        None(T, "TRACE", 0, Inet),
        E<IptTtlTargetInfo>(T, "TTL", 0, V4),
        E<ArptMangle>(T, "mangle", 0, Arp),
    };

    /// <summary>Every extension revision of the catalog.</summary>
    public static IReadOnlyList<XtExtension> All => s_all;

    /// <summary>The catalog entry for a match or target of <paramref name="family"/>; <see langword="null"/> when the catalog has none.</summary>
    public static XtExtension? Find(XtFamily family, XtExtensionKind kind, ReadOnlySpan<byte> name, byte revision)
    {
        ArgumentNullException.ThrowIfNull(family);
        foreach (var e in s_all)
        {
            if (e.Kind == kind && e.Revision == revision && (e.Families & family.Families) != 0 && NameEquals(e.Name, name))
            {
                return e;
            }
        }

        return null;
    }

    /// <summary>The catalog entry for a match or target of <paramref name="family"/>; <see langword="null"/> when the catalog has none.</summary>
    public static XtExtension? Find(XtFamily family, XtExtensionKind kind, string name, byte revision)
    {
        ArgumentNullException.ThrowIfNull(name);
        Span<byte> bytes = stackalloc byte[XTables.XT_EXTENSION_MAXNAMELEN];
        int n = System.Text.Encoding.ASCII.GetBytes(name.AsSpan(0, Math.Min(name.Length, bytes.Length)), bytes);
        return name.Length < bytes.Length ? Find(family, kind, bytes.Slice(0, n), revision) : null;
    }

    /// <summary>
    /// The revisions of extension <paramref name="name"/> the running kernel serves in <paramref name="family"/>'s tables,
    /// lowest first: one <c>*_SO_GET_REVISION_MATCH</c>/<c>_TARGET</c> per revision (0 to 255; the kernel answers
    /// EPROTONOSUPPORT for a revision it lacks), none when it has no such extension (ENOENT). As with
    /// <c>iptables</c>, asking may make the kernel load the extension's module. The kernel answers for the extensions
    /// registered for every family too, some of which a family's tables refuse (see <see cref="XtExtension.Families"/>).
    /// </summary>
    /// <param name="family">The table family.</param>
    /// <param name="fd">A raw socket of the family (<see cref="XtFamily.OpenSocket"/>).</param>
    /// <param name="kind">Match or target; arp_tables has no match revisions (<see cref="NotSupportedException"/>).</param>
    /// <param name="name">The extension's name.</param>
    /// <exception cref="SocketOptionException">The kernel refused otherwise (EPERM: no <c>CAP_NET_ADMIN</c>).</exception>
    public static byte[] ServedRevisions(XtFamily family, int fd, XtExtensionKind kind, string name)
    {
        ArgumentNullException.ThrowIfNull(family);
        bool target = kind == XtExtensionKind.Target;
        if (!XtTableSnapshot.HasRevision(family, fd, name, 0, target, out bool exists) && !exists)
        {
            return Array.Empty<byte>();
        }

        var served = new List<byte>();
        for (int revision = 0; revision <= byte.MaxValue; revision++)
        {
            if (XtTableSnapshot.HasRevision(family, fd, name, (byte)revision, target, out _))
            {
                served.Add((byte)revision);
            }
        }

        return served.ToArray();
    }

    private static bool NameEquals(string name, ReadOnlySpan<byte> bytes)
    {
        if (name.Length != bytes.Length)
        {
            return false;
        }

        for (int i = 0; i < bytes.Length; i++)
        {
            if (name[i] != bytes[i])
            {
                return false;
            }
        }

        return true;
    }

    private static XtExtension E<TPayload>(XtExtensionKind kind, string name, byte revision, XtFamilies families)
        where TPayload : unmanaged
        => new(kind, name, revision, families, typeof(TPayload), Unsafe.SizeOf<TPayload>());

    private static XtExtension None(XtExtensionKind kind, string name, byte revision, XtFamilies families)
        => new(kind, name, revision, families, null, 0);
}
