using System;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using KernelStructs.Netfilter;
using Xunit;

namespace KernelStructs.Tests.Netfilter;

/// <summary>
/// The ip6_tables and arp_tables commands beyond the reads (IptablesKernelTests covers ip_tables' six): SET_REPLACE
/// and SET_ADD_COUNTERS through <see cref="XtTableEdit"/>, and the revision queries, seen by the legacy tools.
/// </summary>
[Trait("Category", "Kernel")]
public class XtFamiliesKernelTests
{
    [NetNsFact("ip6tables-legacy", "ip6tables-legacy-save")]
    public void Ip6tables_replace_add_counters_and_revisions()
    {
        using var ns = NetNs.Create();
        ns.Exec("ip6tables-legacy", "-A", "INPUT", "-s", "2001:db8::/32", "-p", "tcp", "-m", "tcp", "--dport", "22", "-j", "ACCEPT");
        using Socket socket = ns.Enter(() => XtFamily.IPv6.OpenSocket());
        int fd = (int)socket.Handle;

        // IP6T_SO_SET_REPLACE with a copy of INPUT's rule appended, then IP6T_SO_SET_ADD_COUNTERS with the old counters.
        XtTableSnapshot table = XtTableSnapshot.Read(XtFamily.IPv6, fd, "filter");
        XtChain input = table.GetChains<Ip6tEntry>()[0];
        byte[] rule = new XtEntries<Ip6tEntry>(table.Entries).At(input.RulesOffset).Bytes.ToArray();
        XtTableEdit.AppendRule<Ip6tEntry>(table, input, rule).Commit(fd);

        string save = ns.Exec("ip6tables-legacy-save", "-t", "filter");
        Assert.Equal(2, save.Split('\n').Count(l => l == "-A INPUT -s 2001:db8::/32 -p tcp -m tcp --dport 22 -j ACCEPT"));
        Assert.Equal(table.NumEntries + 1, XtTableSnapshot.Read(XtFamily.IPv6, fd, "filter").NumEntries);

        // IP6T_SO_GET_REVISION_MATCH / _TARGET.
        Assert.True(XtTableSnapshot.HasRevision(XtFamily.IPv6, fd, "tcp", 0, target: false));
        Assert.False(XtTableSnapshot.HasRevision(XtFamily.IPv6, fd, "no-such-match", 0, target: false));
        Assert.True(XtTableSnapshot.HasRevision(XtFamily.IPv6, fd, "ERROR", 0, target: true));
        Assert.False(XtTableSnapshot.HasRevision(XtFamily.IPv6, fd, "ERROR", 200, target: true));
    }

    [NetNsFact("arptables-legacy")]
    public void Arptables_replace_add_counters_and_target_revisions()
    {
        using var ns = NetNs.Create();
        ns.Exec("arptables-legacy", "-A", "INPUT", "-s", "10.0.0.1", "-j", "DROP");
        using Socket socket = ns.Enter(() => XtFamily.Arp.OpenSocket());
        int fd = (int)socket.Handle;

        // ARPT_SO_SET_REPLACE and ARPT_SO_SET_ADD_COUNTERS.
        XtTableSnapshot table = XtTableSnapshot.Read(XtFamily.Arp, fd, "filter");
        XtChain input = table.GetChains<ArptEntry>()[0];
        byte[] rule = new XtEntries<ArptEntry>(table.Entries).At(input.RulesOffset).Bytes.ToArray();
        XtCounters[] old = XtTableEdit.AppendRule<ArptEntry>(table, input, rule).Commit(fd);

        Assert.Equal((int)table.NumEntries, old.Length);
        string listing = ns.Exec("arptables-legacy", "-L", "INPUT", "-n");
        Assert.Equal(2, listing.Split('\n').Count(l => l.StartsWith("-j DROP -s 10.0.0.1", StringComparison.Ordinal)));

        // ARPT_SO_GET_REVISION_TARGET (arp_tables has no match revisions).
        Assert.True(XtTableSnapshot.HasRevision(XtFamily.Arp, fd, "ERROR", 0, target: true));
        Assert.False(XtTableSnapshot.HasRevision(XtFamily.Arp, fd, "no-such-target", 0, target: true));
    }
}
