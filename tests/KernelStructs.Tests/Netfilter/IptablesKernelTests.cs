using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using KernelStructs.Netfilter;
using KernelStructs.Samples.IptablesDump;
using Xunit;

namespace KernelStructs.Tests.Netfilter;

/// <summary>ip_tables, ip6_tables and arp_tables against the real kernel, each test in its own network namespace.</summary>
[Trait("Category", "Kernel")]
public class IptablesKernelTests
{
    private static readonly string[] Tables = { "filter", "nat", "mangle", "raw" };

    [NetNsFact("iptables-legacy-restore", "iptables-legacy-save")]
    public void Dump_is_byte_identical_to_iptables_legacy_save() => AssertDumpMatches(counters: false);

    [NetNsFact("iptables-legacy-restore", "iptables-legacy-save")]
    public void Dump_with_counters_is_byte_identical_to_iptables_legacy_save_c() => AssertDumpMatches(counters: true);

    [NetNsFact("iptables-legacy")]
    public void Unknown_matches_and_targets_are_written_raw_not_dropped()
    {
        using var ns = NetNs.Create();
        ns.Exec("iptables-legacy", "-A", "FORWARD", "-m", "pkttype", "--pkt-type", "broadcast", "-j", "DROP");
        ns.Exec("iptables-legacy", "-A", "FORWARD", "-p", "tcp", "--tcp-flags", "SYN,RST", "SYN", "-j", "TCPMSS", "--clamp-mss-to-pmtu");
        using Socket socket = ns.Enter(() => XtFamily.IPv4.OpenSocket());

        string dump = Dump(socket, "filter", counters: false);

        Assert.Contains("-A FORWARD -m pkttype [unsupported: revision 0, data ", dump, StringComparison.Ordinal);
        Assert.Contains("] -j DROP\n", dump, StringComparison.Ordinal);
        Assert.Contains("-A FORWARD -p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS [unsupported: revision 0, data ", dump, StringComparison.Ordinal);
    }

    [NetNsFact("iptables-legacy-restore", "iptables-legacy-save")]
    public void Appending_through_set_replace_shows_in_iptables_save_and_keeps_counters()
    {
        using var ns = NetNs.Create();
        Restore(ns, "iptables-legacy-restore", IptablesRuleset.Full);
        SendLoopbackTraffic(ns);
        using Socket socket = ns.Enter(() => XtFamily.IPv4.OpenSocket());
        int fd = (int)socket.Handle;
        List<string> before = SaveLines(ns, "iptables-legacy-save", "filter", counters: true);
        Assert.Contains(before, l => l.StartsWith('[') && !l.StartsWith("[0:0]", StringComparison.Ordinal));

        // INPUT (a built-in chain, with a jump that must still find 'web' afterwards), LOGDROP (a user chain
        // before 'web' in the blob, so every jump to 'web' moves) and zz-empty (an empty chain).
        AppendCommand.Append(XtTableSnapshot.Read(XtFamily.IPv4, fd, "filter"), "INPUT", "10.9.9.0/24", null, "tcp", "web").Commit(fd);
        AppendCommand.Append(XtTableSnapshot.Read(XtFamily.IPv4, fd, "filter"), "LOGDROP", null, "1.1.1.1", null, null).Commit(fd);
        XtCounters[] old = AppendCommand.Append(XtTableSnapshot.Read(XtFamily.IPv4, fd, "filter"), "zz-empty", null, null, "udp", "ACCEPT").Commit(fd);

        var expected = new List<string>(before);
        InsertAfterLastRule(expected, "INPUT", "[0:0] -A INPUT -s 10.9.9.0/24 -p tcp -j web");
        InsertAfterLastRule(expected, "LOGDROP", "[0:0] -A LOGDROP -d 1.1.1.1/32");
        expected.Insert(expected.IndexOf("COMMIT"), "[0:0] -A zz-empty -p udp -j ACCEPT");
        Assert.Equal(string.Join('\n', expected), string.Join('\n', SaveLines(ns, "iptables-legacy-save", "filter", counters: true)));
        Assert.Contains(old, c => c.pcnt != 0);
    }

    [NetNsFact("iptables-legacy-restore", "iptables-legacy-save")]
    public void Reads_stay_consistent_while_another_process_replaces_the_table()
    {
        // Two rulesets of different sizes: a GET_ENTRIES sized by a GET_INFO from before a replace
        // gets EAGAIN, and the read must start over instead of failing or mixing the two.
        using var ns = NetNs.Create();
        string small = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -s 10.0.0.1/32 -j DROP\nCOMMIT\n";
        string large = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
            + string.Concat(Enumerable.Range(0, 200).Select(i => $"-A INPUT -s 10.1.{i}.0/24 -p tcp -m tcp --dport {1000 + i} -j ACCEPT\n")) + "COMMIT\n";
        Restore(ns, "iptables-legacy-restore", small);
        string smallDump = string.Join('\n', SaveLines(ns, "iptables-legacy-save", "filter", counters: false)) + "\n";
        Restore(ns, "iptables-legacy-restore", large);
        string largeDump = string.Join('\n', SaveLines(ns, "iptables-legacy-save", "filter", counters: false)) + "\n";
        using Socket socket = ns.Enter(() => XtFamily.IPv4.OpenSocket());

        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                Restore(ns, "iptables-legacy-restore", i % 2 == 0 ? small : large);
            }
        });
        try
        {
            for (int i = 0; i < 300; i++)
            {
                string dump = Dump(socket, "filter", counters: false);
                Assert.True(dump == smallDump || dump == largeDump, $"read {i} is neither ruleset:\n{dump}");
            }
        }
        finally
        {
            stop.Cancel();
            writer.GetAwaiter().GetResult();
        }
    }

    [NetNsFact("iptables-legacy")]
    public void Reading_a_missing_table_reports_enoent_and_revisions_come_from_the_kernel()
    {
        using var ns = NetNs.Create();
        using Socket socket = ns.Enter(() => XtFamily.IPv4.OpenSocket());
        int fd = (int)socket.Handle;

        var e = Assert.Throws<SocketOptionException>(() => XtTableSnapshot.Read(XtFamily.IPv4, fd, "nosuchtable"));
        Assert.Equal(Errno.ENOENT, e.Errno);
        // The revisions iptables itself put in the dump test's blobs; no revision 200 of anything.
        Assert.True(XtTableSnapshot.HasRevision(XtFamily.IPv4, fd, "tcp", 0, target: false));
        Assert.True(XtTableSnapshot.HasRevision(XtFamily.IPv4, fd, "conntrack", 3, target: false));
        Assert.True(XtTableSnapshot.HasRevision(XtFamily.IPv4, fd, "MARK", 2, target: true));
        Assert.False(XtTableSnapshot.HasRevision(XtFamily.IPv4, fd, "MARK", 200, target: true));
        Assert.False(XtTableSnapshot.HasRevision(XtFamily.IPv4, fd, "no-such-match", 0, target: false));
    }

    [NetNsFact("iptables-legacy-restore")]
    public void A_table_that_never_stops_changing_ends_the_read_with_EAGAIN()
    {
        using var ns = NetNs.Create();
        Restore(ns, "iptables-legacy-restore", IptablesRuleset.Full);
        using Socket socket = ns.Enter(() => XtFamily.IPv4.OpenSocket());

        // A GET_ENTRIES step that always finds the table replaced: the read gives up instead of spinning.
        int calls = 0, retries = 0;
        Errno AlwaysStale(XtFamily family, int socketFd, Span<byte> request)
        {
            calls++;
            return Errno.EAGAIN;
        }

        var error = Assert.Throws<SocketOptionException>(
            () => XtTableSnapshot.Read(XtFamily.IPv4, (int)socket.Handle, "filter", reuse: null, AlwaysStale, () => retries++));

        Assert.Equal(Errno.EAGAIN, error.Errno);
        Assert.Equal(XtTableSnapshot.MaxReadAttempts, calls);
        Assert.Equal(XtTableSnapshot.MaxReadAttempts - 1, retries);
    }

    [NetNsFact("iptables-legacy-restore", "iptables-legacy-save")]
    public void A_table_replaced_between_get_info_and_get_entries_is_read_again()
    {
        using var ns = NetNs.Create();
        Restore(ns, "iptables-legacy-restore", IptablesRuleset.Full);
        using Socket socket = ns.Enter(() => XtFamily.IPv4.OpenSocket());
        int fd = (int)socket.Handle;

        // The first GET_ENTRIES runs after a writer replaced the table: the size from GET_INFO is stale, and
        // the kernel (get_entries: size != private->size) answers EAGAIN. The read must start over.
        int calls = 0, kernelEagain = 0, retries = 0;
        Errno ReadAfterAWriter(XtFamily family, int socketFd, Span<byte> request)
        {
            if (calls++ == 0)
            {
                ns.Exec("iptables-legacy", "-t", "filter", "-A", "INPUT", "-s", "198.51.100.7", "-j", "DROP");
            }

            Errno errno = family.TryGetEntries(socketFd, request, out _);
            kernelEagain += errno == Errno.EAGAIN ? 1 : 0;
            return errno;
        }

        var table = XtTableSnapshot.Read(XtFamily.IPv4, fd, "filter", reuse: null, ReadAfterAWriter, () => retries++);

        Assert.Equal(1, kernelEagain);
        Assert.Equal(1, retries);
        Assert.Equal(2, calls);

        // What was read is the table after the writer, whole: it dumps as iptables-legacy-save does.
        string expected = string.Join('\n', SaveLines(ns, "iptables-legacy-save", "filter", counters: false)) + "\n";
        var text = new StringWriter { NewLine = "\n" };
        new IptablesSaveWriter(text, counters: false).WriteTable(table);
        Assert.Equal(expected, text.ToString());
        Assert.Contains("-A INPUT -s 198.51.100.7/32 -j DROP\n", text.ToString(), StringComparison.Ordinal);
        Assert.Equal((int)table.NumEntries, table.GetEntries<IptEntry>().Count());
    }

    [NetNsFact("ip6tables-legacy-restore", "ip6tables-legacy-save")]
    public void Ip6tables_get_info_and_entries_agree_with_ip6tables_legacy_save()
    {
        using var ns = NetNs.Create();
        Restore(ns, "ip6tables-legacy-restore", """
            *filter
            :INPUT ACCEPT [0:0]
            :FORWARD DROP [0:0]
            :OUTPUT ACCEPT [0:0]
            :v6chain - [0:0]
            -A INPUT -s 2001:db8::/32 -p tcp -m tcp --dport 22 -j ACCEPT
            -A INPUT -i lo -j v6chain
            -A FORWARD -d 2001:db8::1/128 -j DROP
            -A v6chain -p ipv6-icmp -j ACCEPT
            -A v6chain -j RETURN
            COMMIT

            """);
        using Socket socket = ns.Enter(() => XtFamily.IPv6.OpenSocket());

        var table = XtTableSnapshot.Read(XtFamily.IPv6, socket, "filter");

        Assert.Equal("filter", table.Name);
        Assert.Equal(0b01110u, table.ValidHooks);
        Assert.Equal((int)table.NumEntries, table.GetEntries<Ip6tEntry>().Count());
        List<string> save = SaveLines(ns, "ip6tables-legacy-save", "filter", counters: false);
        XtChain[] chains = table.GetChains<Ip6tEntry>();
        Assert.Equal(save.Where(l => l.StartsWith(':')).Select(l => l[1..l.IndexOf(' ')]), chains.Select(c => c.Name));
        foreach (var chain in chains)
        {
            int rules = new XtEntries<Ip6tEntry>(table.Entries, chain.RulesOffset, chain.PolicyOffset).Count();
            Assert.Equal(save.Count(l => l.StartsWith($"-A {chain.Name} ", StringComparison.Ordinal)), rules);
        }

        var first = new XtEntries<Ip6tEntry>(table.Entries).At(chains[0].RulesOffset);
        Assert.Equal(IPAddress.Parse("2001:db8::"), new IPAddress(first.Bytes.Slice(0, 16)));
        Assert.Equal(6, first.Header.ipv6.proto);
    }

    [NetNsFact("arptables-legacy")]
    public void Arptables_get_info_reads_the_built_in_filter_table()
    {
        using var ns = NetNs.Create();
        ns.Exec("arptables-legacy", "-A", "INPUT", "-s", "10.0.0.1", "-j", "DROP");
        ns.Exec("arptables-legacy", "-A", "OUTPUT", "-j", "ACCEPT");
        using Socket socket = ns.Enter(() => XtFamily.Arp.OpenSocket());

        var table = XtTableSnapshot.Read(XtFamily.Arp, socket, "filter");

        // INPUT, OUTPUT and FORWARD: every ARP hook.
        Assert.Equal(0b111u, table.ValidHooks);
        Assert.Equal((int)table.NumEntries, table.GetEntries<ArptEntry>().Count());
        XtChain[] chains = table.GetChains<ArptEntry>();
        Assert.Equal(new[] { "INPUT", "OUTPUT", "FORWARD" }, chains.Select(c => c.Name));
        // (Debian's arptables-legacy-save calls the nft arptables; the listing is the legacy tool's own.)
        Dictionary<string, int> listed = ArptablesRuleCounts(ns.Exec("arptables-legacy", "-L", "-n"));
        foreach (var chain in chains)
        {
            int rules = new XtEntries<ArptEntry>(table.Entries, chain.RulesOffset, chain.PolicyOffset).Count();
            Assert.Equal(listed[chain.Name], rules);
        }

        var input = new XtEntries<ArptEntry>(table.Entries).At(chains[0].RulesOffset);
        Assert.Equal(IPAddress.Parse("10.0.0.1"), new IPAddress(BitConverter.GetBytes(input.Header.arp.src.Raw)));
    }

    private static void AssertDumpMatches(bool counters)
    {
        using var ns = NetNs.Create();
        Restore(ns, "iptables-legacy-restore", IptablesRuleset.Full);
        SendLoopbackTraffic(ns);
        using Socket socket = ns.Enter(() => XtFamily.IPv4.OpenSocket());

        foreach (string table in Tables)
        {
            string expected = string.Join('\n', SaveLines(ns, "iptables-legacy-save", table, counters)) + "\n";
            string actual = Dump(socket, table, counters);
            Assert.Equal(expected, actual);
        }
    }

    private static string Dump(Socket socket, string table, bool counters)
    {
        var text = new StringWriter { NewLine = "\n" };
        new IptablesSaveWriter(text, counters).WriteTable(XtTableSnapshot.Read(XtFamily.IPv4, socket, table));
        return text.ToString();
    }

    private static List<string> SaveLines(NetNs ns, string tool, string table, bool counters)
    {
        string output = counters ? ns.Exec(tool, "-c", "-t", table) : ns.Exec(tool, "-t", table);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToList();
    }

    private static void Restore(NetNs ns, string tool, string rules)
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, rules);
            ns.Exec(tool, file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    // UDP to 127.0.0.1 inside the namespace: raw, mangle, nat and filter OUTPUT/INPUT rules count it.
    private static void SendLoopbackTraffic(NetNs ns) => ns.Enter(() =>
    {
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        for (int i = 0; i < 5; i++)
        {
            udp.SendTo(new byte[64 + i], new IPEndPoint(IPAddress.Loopback, 9));
        }
    });

    // "Chain INPUT (policy ACCEPT)" then one line per rule, a blank line between chains.
    private static Dictionary<string, int> ArptablesRuleCounts(string listing)
    {
        var counts = new Dictionary<string, int>();
        string? chain = null;
        foreach (string line in listing.Split('\n'))
        {
            if (line.StartsWith("Chain ", StringComparison.Ordinal))
            {
                chain = line.Split(' ')[1];
                counts[chain] = 0;
            }
            else if (chain is not null && line.Trim().Length > 0)
            {
                counts[chain]++;
            }
        }

        return counts;
    }

    private static void InsertAfterLastRule(List<string> lines, string chain, string line)
    {
        int last = lines.FindLastIndex(l => l.Contains($"-A {chain} ", StringComparison.Ordinal));
        Assert.True(last >= 0, $"no rule of {chain} in the saved table");
        lines.Insert(last + 1, line);
    }
}
