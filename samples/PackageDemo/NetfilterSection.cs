using System;
using System.Linq;
using System.Threading;
using KernelStructs;
using KernelStructs.Netfilter;
using Tmds.Linux;

namespace Demo;

/// <summary>
/// Reads the legacy iptables <c>filter</c> table of a network namespace of its own (unshare(CLONE_NEWNET) on a
/// thread of its own), so the host's firewall is neither read nor touched. Needs root (CAP_SYS_ADMIN for the
/// namespace, CAP_NET_ADMIN for the commands); without it the section says so and what to run.
/// </summary>
internal static class NetfilterSection
{
    public static void Show()
    {
        string[] lines = Array.Empty<string>();
        var thread = new Thread(() => lines = InPrivateNamespace()) { Name = "private netns" };
        thread.Start();
        thread.Join();
        foreach (var line in lines)
        {
            Console.WriteLine("   " + line);
        }
    }

    private static string[] InPrivateNamespace()
    {
        if (LibC.unshare(LibC.CLONE_NEWNET) != 0)
        {
            var errno = new Errno(LibC.errno);
            return new[]
            {
                $"skipped: a private network namespace needs root (unshare(CLONE_NEWNET): {errno.Name}), and netfilter's commands need root or CAP_NET_ADMIN.",
                "run it as root to see them: sudo bash samples/run-demo.sh",
            };
        }

        try
        {
            using var socket = XtFamily.IPv4.OpenSocket();
            var table = XtTableSnapshot.Read(XtFamily.IPv4, socket, "filter");
            var chains = table.GetChains<IptEntry>();
            return new[]
            {
                $"IPT_SO_GET_INFO \"filter\": hooks {string.Join(", ", chains.Where(c => c.IsBuiltin).Select(c => c.Name))}; {table.NumEntries} entries in {table.Size} bytes",
                $"IPT_SO_GET_ENTRIES: {string.Join(", ", chains.Select(c => $"{c.Name} ({Rules(table, c)} rules, policy {Policy(table, c)})"))}",
            };
        }
        catch (SocketOptionException e)
        {
            return new[] { $"the kernel refused: {e.Message}" };
        }
        catch (System.Net.Sockets.SocketException e)
        {
            return new[] { $"no raw socket for the iptables commands: {e.Message} (needs root or CAP_NET_ADMIN)" };
        }
    }

    private static int Rules(XtTableSnapshot table, XtChain chain)
    {
        var count = 0;
        foreach (var _ in new XtEntries<IptEntry>(table.Entries, chain.RulesOffset, chain.PolicyOffset))
        {
            count++;
        }

        return count;
    }

    private static string Policy(XtTableSnapshot table, XtChain chain)
    {
        foreach (var policy in new XtEntries<IptEntry>(table.Entries, chain.PolicyOffset, chain.EndOffset))
        {
            var verdict = policy.Target.IsStandard ? policy.Target.Verdict : 0;
            return verdict == XTables.StandardVerdict(XTables.NF_ACCEPT) ? "ACCEPT" : verdict == XTables.StandardVerdict(XTables.NF_DROP) ? "DROP" : "-";
        }

        return "-";
    }
}
