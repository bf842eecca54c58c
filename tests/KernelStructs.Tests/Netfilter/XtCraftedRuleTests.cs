using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using KernelStructs.Netfilter;
using KernelStructs.Netfilter.Extensions;
using KernelStructs.Samples.IptablesDump;
using KernelStructs.Samples.IptablesDump.Extensions;
using KernelStructs.Tests.Netfilter.Differential;
using Xunit;

namespace KernelStructs.Tests.Netfilter;

/// <summary>
/// Rules iptables will not write, built from the mirrors (<see cref="CraftedRules"/>) and loaded through
/// <c>SET_REPLACE</c>: the four cases where the dump used to differ silently from <c>iptables-legacy-save</c>
/// (issue 15), and the catalog's revisions iptables 1.8.9 cannot write or print.
/// </summary>
[Trait("Category", "Kernel")]
public class XtCraftedRuleTests
{
    private const string Tables4 = """
        *raw
        :PREROUTING ACCEPT [0:0]
        :OUTPUT ACCEPT [0:0]
        COMMIT
        *nat
        :PREROUTING ACCEPT [0:0]
        :INPUT ACCEPT [0:0]
        :OUTPUT ACCEPT [0:0]
        :POSTROUTING ACCEPT [0:0]
        COMMIT
        *filter
        :INPUT ACCEPT [0:0]
        :FORWARD ACCEPT [0:0]
        :OUTPUT ACCEPT [0:0]
        COMMIT

        """;

    private static readonly IptIp Tcp4 = new() { proto = 6 };

    [NetNsFact("iptables-legacy-restore", "iptables-legacy-save")]
    public void Redirect_and_masquerade_keep_persistent()
    {
        using var ns = Namespace(out Socket socket);
        int fd = (int)socket.Handle;
        uint flags = NfNat.NF_NAT_RANGE_PROTO_SPECIFIED | NfNat.NF_NAT_RANGE_PERSISTENT;
        CraftedRules.Append<IptEntry>(XtFamily.IPv4, fd, "nat", "PREROUTING", CraftedRules.Ipv4(Tcp4, CraftedRules.Target("REDIRECT", 0, Compat(flags, 8080, 8081))));
        CraftedRules.Append<IptEntry>(XtFamily.IPv4, fd, "nat", "POSTROUTING", CraftedRules.Ipv4(default, CraftedRules.Target("MASQUERADE", 0, Compat(NfNat.NF_NAT_RANGE_PERSISTENT, 0, 0))));

        string save = AssertSameAsSave(ns, socket, "nat");
        Assert.Contains("-A PREROUTING -p tcp -j REDIRECT --to-ports 8080-8081 --persistent\n", save, StringComparison.Ordinal);
        Assert.Contains("-A POSTROUTING -j MASQUERADE --persistent\n", save, StringComparison.Ordinal);
    }

    [NetNsFact("iptables-legacy-restore", "iptables-legacy-save")]
    public void Redirect_with_a_port_offset_writes_its_base()
    {
        using var ns = Namespace(out Socket socket);
        uint flags = NfNat.NF_NAT_RANGE_PROTO_SPECIFIED | NfNat.NF_NAT_RANGE_PROTO_OFFSET;
        CraftedRules.Append<IptEntry>(XtFamily.IPv4, (int)socket.Handle, "nat", "PREROUTING", CraftedRules.Ipv4(Tcp4, CraftedRules.Target("REDIRECT", 0, Compat(flags, 3128, 3128))));

        string save = AssertSameAsSave(ns, socket, "nat");
        Assert.Contains("-A PREROUTING -p tcp -j REDIRECT --to-ports 3128/0\n", save, StringComparison.Ordinal);
    }

    [NetNsFact("iptables-legacy-restore", "iptables-legacy-save")]
    public void Goto_with_a_verdict_writes_g()
    {
        using var ns = Namespace(out Socket socket);
        var ip = new IptIp { flags = IpTables.IPT_F_GOTO };
        CraftedRules.Append<IptEntry>(XtFamily.IPv4, (int)socket.Handle, "filter", "INPUT", CraftedRules.Ipv4(ip, CraftedRules.Standard(XTables.StandardVerdict(XTables.NF_ACCEPT))));

        string save = AssertSameAsSave(ns, socket, "filter");
        Assert.Contains("-A INPUT -g ACCEPT\n", save, StringComparison.Ordinal);
    }

    // iptables 1.8.9 prints a DNAT revision below the highest the kernel serves as "[unsupported revision]": its save
    // runs under the revision shim that makes the kernel seem to stop at revision 0.
    [NetNsFact("iptables-legacy-restore", "iptables-legacy-save", "gcc")]
    public void Dnat_without_an_address_or_ports_writes_only_its_flags()
    {
        using var ns = Namespace(out Socket socket);
        CraftedRules.Append<IptEntry>(XtFamily.IPv4, (int)socket.Handle, "nat", "PREROUTING", CraftedRules.Ipv4(default, CraftedRules.Target("DNAT", 0, Compat(NfNat.NF_NAT_RANGE_PROTO_RANDOM, 0, 0))));

        string save = AssertSameAsSave(ns, socket, "nat", caps: "DNAT=0");
        Assert.Contains("-A PREROUTING -j DNAT --random\n", save, StringComparison.Ordinal);
    }

    // iptables writes -j NOTRACK as CT (--notrack); the kernel's own NOTRACK target has no payload.
    [NetNsFact("iptables-legacy-restore", "iptables-legacy-save")]
    public void Notrack_target_writes_as_iptables_save_does()
    {
        using var ns = Namespace(out Socket socket);
        CraftedRules.Append<IptEntry>(XtFamily.IPv4, (int)socket.Handle, "raw", "PREROUTING", CraftedRules.Ipv4(default, CraftedRules.Target("NOTRACK", 0, default)));

        string save = AssertSameAsSave(ns, socket, "raw");
        Assert.Contains("-A PREROUTING -j NOTRACK\n", save, StringComparison.Ordinal);
    }

    // ip_tables serves DNAT and SNAT revision 1 (nf_nat_range) and SNAT revision 2 (nf_nat_range2), which iptables
    // 1.8.9 has only for ip6_tables (or not at all): its save prints "[unsupported revision]". The dump decodes them,
    // in the syntax iptables reads back into an equal rule of the revision it writes.
    [NetNsFact("iptables-legacy-restore", "iptables-legacy-save")]
    public void Nat_revisions_iptables_lacks_are_decoded_and_restore_to_the_same_text()
    {
        using var ns = Namespace(out Socket socket);
        int fd = (int)socket.Handle;
        var range = new NfNatRange { flags = NfNat.NF_NAT_RANGE_MAP_IPS | NfNat.NF_NAT_RANGE_PROTO_SPECIFIED };
        range.min_addr.ip = new Be32(0x0a000001);
        range.max_addr.ip = new Be32(0x0a000009);
        range.min_proto.all = new Be16(1000);
        range.max_proto.all = new Be16(2000);
        var range2 = new NfNatRange2 { flags = range.flags | NfNat.NF_NAT_RANGE_PROTO_RANDOM_FULLY, min_addr = range.min_addr, max_addr = range.min_addr, min_proto = range.min_proto, max_proto = range.min_proto };
        CraftedRules.Append<IptEntry>(XtFamily.IPv4, fd, "nat", "PREROUTING", CraftedRules.Ipv4(Tcp4, CraftedRules.Target("DNAT", 1, CraftedRules.Bytes(range))));
        CraftedRules.Append<IptEntry>(XtFamily.IPv4, fd, "nat", "POSTROUTING", CraftedRules.Ipv4(Tcp4, CraftedRules.Target("SNAT", 1, CraftedRules.Bytes(range))));
        CraftedRules.Append<IptEntry>(XtFamily.IPv4, fd, "nat", "POSTROUTING", CraftedRules.Ipv4(Tcp4, CraftedRules.Target("SNAT", 2, CraftedRules.Bytes(range2))));

        string save = string.Join('\n', SaveLines(ns, "nat")) + "\n";
        Assert.Contains("-A PREROUTING -p tcp -j DNAT [unsupported revision]\n", save, StringComparison.Ordinal);
        string dump = Dump(socket, "nat");
        Assert.Equal(
            new[]
            {
                "-A PREROUTING -p tcp -j DNAT --to-destination 10.0.0.1-10.0.0.9:1000-2000",
                "-A POSTROUTING -p tcp -j SNAT --to-source 10.0.0.1-10.0.0.9:1000-2000",
                "-A POSTROUTING -p tcp -j SNAT --to-source 10.0.0.1:1000 --random-fully",
            },
            dump.Split('\n').Where(l => l.StartsWith("-A ", StringComparison.Ordinal)));

        using var again = NetNs.Create();
        Restore(again, dump);
        Assert.Equal(dump, string.Join('\n', SaveLines(again, "nat")) + "\n");
    }

    // Decoding where the test's kernel cannot hold the rule: SECMARK needs a security module to take a context, bpf's
    // pinned mode a program pinned in a bpffs.
    [Fact]
    public void Secmark_and_pinned_bpf_write_as_iptables_does()
    {
        var pinned = new XtBpfInfoV1 { mode = XtBpf.XT_BPF_MODE_FD_PINNED, fd = 7 };
        pinned.u.SetPath("/sys/fs/bpf/ks");
        Assert.Equal(" --object-pinned /sys/fs/bpf/ks", ExtensionText.Options(XtFamily.IPv6, Find("bpf", 1), CraftedRules.Bytes(pinned)));

        var v0 = new XtSecmarkTargetInfo { mode = XtTargetConstants.SECMARK_MODE_SEL };
        v0.SetSecctx("system_u:object_r:ssh_packet_t:s0");
        var v1 = new XtSecmarkTargetInfoV1 { mode = XtTargetConstants.SECMARK_MODE_SEL };
        v1.SetSecctx("system_u:object_r:http_packet_t:s0");

        Assert.Equal(" --selctx system_u:object_r:ssh_packet_t:s0", ExtensionText.Options(XtFamily.IPv4, Find("SECMARK", 0), CraftedRules.Bytes(v0)));
        Assert.Equal(" --selctx system_u:object_r:http_packet_t:s0", ExtensionText.Options(XtFamily.IPv6, Find("SECMARK", 1), CraftedRules.Bytes(v1)));
    }

    private static XtExtension Find(string name, byte revision)
        => XtExtensions.Find(XtFamily.IPv4, char.IsUpper(name[0]) ? XtExtensionKind.Target : XtExtensionKind.Match, name, revision)!;

    // REDIRECT, MASQUERADE and DNAT revision 0 take the IPv4 compat range: one range, ports in network order.
    private static byte[] Compat(uint flags, ushort minPort, ushort maxPort)
    {
        var compat = new NfNatIpv4MultiRangeCompat { rangesize = 1 };
        compat.range.flags = flags;
        compat.range.min.all = new Be16(minPort);
        compat.range.max.all = new Be16(maxPort);
        return CraftedRules.Bytes(compat);
    }

    private static NetNs Namespace(out Socket socket)
    {
        var ns = NetNs.Create();
        Restore(ns, Tables4);
        socket = ns.Enter(() => XtFamily.IPv4.OpenSocket());
        return ns;
    }

    // The dump of the table, checked against iptables-legacy-save's; returns it.
    private static string AssertSameAsSave(NetNs ns, Socket socket, string table, string? caps = null)
    {
        string expected = string.Join('\n', SaveLines(ns, table, caps)) + "\n";
        Assert.Equal(expected, Dump(socket, table));
        return expected;
    }

    private static string Dump(Socket socket, string table)
    {
        var text = new StringWriter { NewLine = "\n" };
        new IptablesSaveWriter(text).WriteTable(XtTableSnapshot.Read(XtFamily.IPv4, socket, table));
        return text.ToString();
    }

    private static List<string> SaveLines(NetNs ns, string table, string? caps = null)
        => (caps is null
                ? ns.Exec("iptables-legacy-save", "-t", table)
                : ns.Exec("env", $"LD_PRELOAD={RevisionShim.Library}", $"KS_XT_REVISION_CAP={caps}", NetNs.FindTool("iptables-legacy-save")!, "-t", table))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToList();

    private static void Restore(NetNs ns, string rules)
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, rules);
            ns.Exec("iptables-legacy-restore", file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
