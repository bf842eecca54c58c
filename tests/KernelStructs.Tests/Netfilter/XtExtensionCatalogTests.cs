using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.CompilerServices;
using KernelStructs.Netfilter;
using KernelStructs.Netfilter.Extensions;
using KernelStructs.Samples.IptablesDump.Extensions;
using KernelStructs.Testing;
using KernelStructs.Tests.Oracles;
using KernelStructs.Verification;
using Xunit;
using Xunit.Abstractions;

namespace KernelStructs.Tests.Netfilter;

/// <summary>
/// The catalog of extension payloads (<see cref="XtExtensions"/>): its mirrors against the uapi headers on every
/// ABI, its constants against gcc, its revisions against what the running kernel serves, and the dump's decoders
/// against the catalog.
/// </summary>
public class XtExtensionCatalogTests
{
    // The extensions issue 15 names; the catalog must have every one.
    private static readonly string[] Required =
    {
        "addrtype", "comment", "connbytes", "connlimit", "connmark", "conntrack", "dscp", "ecn", "hashlimit", "helper",
        "icmp", "icmp6", "iprange", "length", "limit", "mac", "mark", "multiport", "owner", "physdev", "pkttype", "policy",
        "recent", "set", "socket", "state", "statistic", "string", "tcp", "tcpmss", "time", "tos", "ttl", "hl", "u32", "udp",
        "ah", "esp", "frag", "AUDIT", "CHECKSUM", "CLASSIFY", "CONNMARK", "CT", "DNAT", "DSCP", "LOG", "MARK", "MASQUERADE",
        "NETMAP", "NFLOG", "NFQUEUE", "NOTRACK", "REDIRECT", "REJECT", "SET", "SNAT", "TCPMSS", "TEE", "TOS", "TPROXY", "TTL", "HL",
    };

    // Header pairs that share an include guard (ipt_ttl.h/ipt_TTL.h, ip6t_hl.h/ip6t_HL.h): the targets' constants
    // are probed on their own.
    private static readonly string[] TargetOnlyHeaders = { "linux/netfilter_ipv4/ipt_TTL.h", "linux/netfilter_ipv6/ip6t_HL.h" };

    private readonly ITestOutputHelper _output;

    public XtExtensionCatalogTests(ITestOutputHelper output) => _output = output;

    private static IEnumerable<Type> PayloadMirrors => XtExtensions.All
        .Select(e => e.Payload)
        .Where(t => t?.GetCustomAttribute<KernelStructAttribute>() is not null)
        .Distinct()!;

    [Fact]
    public void The_catalog_has_every_extension_the_issue_names_and_each_entry_once()
    {
        var names = XtExtensions.All.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(Array.Empty<string>(), Required.Where(r => !names.Contains(r)));
        Assert.True(names.Count >= 50, $"{names.Count} extensions");

        // One entry per (kind, name, revision, family).
        foreach (var family in new[] { XtFamilies.IPv4, XtFamilies.IPv6, XtFamilies.Arp })
        {
            var keys = XtExtensions.All.Where(e => (e.Families & family) != 0).Select(e => (e.Kind, e.Name, e.Revision)).ToList();
            Assert.Equal(keys.Count, keys.Distinct().Count());
        }

        _output.WriteLine($"{names.Count} extensions ({XtExtensions.All.Where(e => e.Kind == XtExtensionKind.Match).Select(e => e.Name).Distinct().Count()} matches), "
            + $"{XtExtensions.All.Count} revisions, {PayloadMirrors.Count()} payload mirrors");
    }

    [Fact]
    public void Every_payload_size_is_its_mirrors_and_the_generated_one()
    {
        foreach (var e in XtExtensions.All.Where(e => e.Payload is not null))
        {
            int clr = (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(e.Payload!).Invoke(null, null)!;
            Assert.Equal(clr, e.PayloadSize);
            if (e.Payload!.GetField("SizeOf", BindingFlags.Public | BindingFlags.Static) is { } generated)
            {
                Assert.True((int)generated.GetValue(null)! == clr, $"{e}: SizeOf {generated.GetValue(null)}, CLR {clr}");
            }
        }
    }

    [SkippableFact]
    public void Every_payload_mirror_verifies_against_its_header_on_every_installed_ABI()
    {
        Skip.IfNot(CorpusLayoutTests.HostTarget.IsAvailable, CorpusLayoutTests.HostTarget.SkipReason);
        var mirrors = PayloadMirrors.ToList();
        Assert.All(mirrors, t => Assert.NotNull(t.GetCustomAttribute<KernelStructAttribute>()!.Header));

        var report = HeaderVerifier.Verify(mirrors);

        Assert.True(report.Succeeded, report.ToString());
        Assert.Equal(mirrors.Count, report.VerifiedTypes.Count);
        Assert.Equal(CTarget.All.Where(t => t.IsAvailable).Select(t => t.Name), report.VerifiedAbis);
        int revisions = XtExtensions.All.Count(e => e.Payload is not null && mirrors.Contains(e.Payload));
        _output.WriteLine($"{mirrors.Count} payload mirrors ({revisions} extension revisions) verified on {string.Join(", ", report.VerifiedAbis)}");
    }

    [SocketOptions.GccFact]
    public void The_extension_constants_match_the_headers()
    {
        var constants = typeof(XtExtensions).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(NfNat).Namespace && t.IsAbstract && t.IsSealed && !t.IsNested)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
            .ToList();
        var headers = typeof(XtExtensions).Assembly.GetTypes()
            .Select(t => t.GetCustomAttribute<KernelStructAttribute>()?.Header)
            .Where(h => h is not null && (h.StartsWith("linux/netfilter", StringComparison.Ordinal) || h == "linux/filter.h"))
            .Append("linux/netfilter/xt_SYNPROXY.h")
            .Distinct()
            .ToList();
        string Includes(IEnumerable<string?> hs) => "#include <sys/socket.h>\n#include <netinet/in.h>\n" + string.Concat(hs.Select(h => $"#include <{h}>\n"));
        bool TargetOnly(FieldInfo f) => f.Name is "IPT_TTL_SET" or "IPT_TTL_INC" or "IPT_TTL_DEC" or "IP6T_HL_SET" or "IP6T_HL_INC" or "IP6T_HL_DEC";

        var mismatches = new List<string>();
        foreach (var (group, includes) in new[]
        {
            (constants.Where(f => !TargetOnly(f)).ToList(), Includes(headers.Except(TargetOnlyHeaders))),
            (constants.Where(TargetOnly).ToList(), Includes(TargetOnlyHeaders)),
        })
        {
            long[] c = SocketOptions.CCompiler.Evaluate(includes, group.Select(f => f.Name).ToArray());
            for (int i = 0; i < group.Count; i++)
            {
                long mine = Convert.ToInt64(group[i].GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture);
                if (c[i] != mine)
                {
                    mismatches.Add($"{group[i].DeclaringType!.Name}.{group[i].Name}: header {c[i]}, C# {mine}");
                }
            }
        }

        Assert.Empty(mismatches);
        Assert.True(constants.Count >= 300, $"{constants.Count} constants");
    }

    // Every revision the kernel serves of every extension it has (and of every catalog name) is in the catalog.
    [NetNsFact]
    [Trait("Category", "Kernel")]
    public void The_catalog_has_every_revision_the_kernel_serves()
    {
        using var ns = NetNs.Create();
        var missing = new List<string>();
        var refused = new List<string>();
        int served = 0;
        foreach (var family in new[] { XtFamily.IPv4, XtFamily.IPv6, XtFamily.Arp })
        {
            using Socket socket = ns.Enter(() => family.OpenSocket());
            foreach (var kind in family == XtFamily.Arp ? new[] { XtExtensionKind.Target } : new[] { XtExtensionKind.Match, XtExtensionKind.Target })
            {
                string list = $"/proc/net/{family.Name}_{(kind == XtExtensionKind.Match ? "matches" : "targets")}";
                var names = ns.Enter(() => File.ReadAllLines(list))
                    .Concat(XtExtensions.All.Where(e => e.Kind == kind && (e.Families & family.Families) != 0).Select(e => e.Name))
                    .Where(n => n is not ("ERROR" or "" or "standard"))
                    .Distinct(StringComparer.Ordinal);
                foreach (string name in names)
                {
                    foreach (byte revision in XtExtensions.ServedRevisions(family, (int)socket.Handle, kind, name))
                    {
                        served++;
                        string key = $"{(kind == XtExtensionKind.Match ? "match" : "target")} {name} {revision}";
                        if (XtExtensions.Find(family, kind, name, revision) is not null)
                        {
                            continue;
                        }

                        // arp_tables reports the targets registered for every family, and refuses them.
                        if (family == XtFamily.Arp && XtExtensions.Find(XtFamily.IPv4, kind, name, revision) is { } inet && RefusedInArpTables(inet, (int)socket.Handle))
                        {
                            refused.Add($"{name} {revision}");
                            continue;
                        }

                        missing.Add($"{family.Name}: {key}");
                    }
                }
            }
        }

        Assert.Empty(missing);
        _output.WriteLine($"{served} (family, extension, revision) the kernel reports, all in the catalog; arp_tables reports and refuses {string.Join(", ", refused)}");
    }

    private static bool RefusedInArpTables(XtExtension target, int fd)
    {
        byte[] rule = CraftedRules.Arp(CraftedRules.Target(target.Name, target.Revision, new byte[target.PayloadSize]));
        try
        {
            CraftedRules.Append<ArptEntry>(XtFamily.Arp, fd, "filter", "OUTPUT", rule);
            return false;
        }
        catch (SocketOptionException e) when (e.Errno == Errno.EINVAL)
        {
            return true;
        }
    }

    // The dump decodes every catalog entry of ip_tables and ip6_tables but udplite and l2tp, which iptables has no
    // syntax for, and of arp_tables the targets arptables knows.
    [Fact]
    public void The_dump_decodes_every_catalog_entry_iptables_and_arptables_print()
    {
        foreach (var family in new[] { XtFamily.IPv4, XtFamily.IPv6 })
        {
            var undecoded = XtExtensions.All
                .Where(e => (e.Families & family.Families) != 0 && !ExtensionText.Decodes(family, e))
                .Select(e => e.Name)
                .ToList();
            Assert.Equal(new[] { "l2tp", "udplite" }, undecoded);
        }

        var arp = XtExtensions.All.Where(e => ExtensionText.Decodes(XtFamily.Arp, e)).Select(e => $"{e.Name} {e.Revision}");
        Assert.Equal(new[] { "CLASSIFY 0", "MARK 2", "mangle 0" }, arp);
    }
}
