using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;

namespace KernelStructs.Tests.Samples;

/// <summary>
/// The samples as a user runs them: <c>--help</c> describes each, a mistake on the command line is one line naming it
/// and exit code 2 (never a stack trace), a missing privilege says "needs root or CAP_NET_ADMIN" with exit code 3.
/// </summary>
public class SampleCommandLineTests
{
    [Theory]
    [InlineData("TransparentProxy", "--help", "SO_ORIGINAL_DST")]
    [InlineData("IptablesDump", "--help", "iptables-save")]
    [InlineData("IptablesDump", "append --help", "IPT_SO_SET_REPLACE")]
    [InlineData("ConntrackTupleModule", "--help", "nf_sockopt_ops")]
    [InlineData("EbtablesSave", "--help", "EBT_SO_GET_ENTRIES")]
    [InlineData("IpvsadmList", "--help", "IP_VS_SO_GET_INFO")]
    public void Help_describes_the_tool(string sample, string arguments, string mentions)
    {
        var (exit, stdout, stderr) = Run(sample, arguments);
        Assert.True(exit == 0, stderr);
        Assert.Contains("Usage:", stdout);
        Assert.Contains(mentions, stdout);
    }

    [Theory]
    [InlineData("TransparentProxy", "--mark abc", "'abc' is not a firewall mark")]
    [InlineData("TransparentProxy", "--listen foo", "'foo' is not an address and port")]
    [InlineData("TransparentProxy", "--listen 127.0.0.1", "'127.0.0.1' is not an address and port")]
    [InlineData("TransparentProxy", "--max-connections abc", "'abc' is not a whole number of at least 1")]
    [InlineData("TransparentProxy", "--idle-timeout -5", "'-5' is not a number of seconds above 0")]
    [InlineData("TransparentProxy", "--bogus", "Unrecognized command or argument '--bogus'")]
    [InlineData("IptablesDump", "--append -s 300.1.1.1 INPUT", "'300.1.1.1' is not an IPv4 address")]
    [InlineData("IptablesDump", "--append -d 10.0.0.0/40 INPUT", "the prefix length after '/' must be a number from 0 to 32")]
    [InlineData("IptablesDump", "--append -p bogus INPUT", "'bogus' is not a protocol")]
    [InlineData("IptablesDump", "--append", "Required argument 'CHAIN' missing")]
    [InlineData("IptablesDump", "-t aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "is not a table name")]
    [InlineData("ConntrackTupleModule", "tcp [::1]:40000 127.0.0.1:80", "is not IPv4")]
    [InlineData("ConntrackTupleModule", "tcp 127.0.0.1:40000", "give the connection as PROTOCOL SRC:SPORT DST:DPORT")]
    [InlineData("ConntrackTupleModule", "sctp 127.0.0.1:40000 127.0.0.1:80", "'sctp' is not a protocol: tcp or udp")]
    [InlineData("EbtablesSave", "filter", "Unrecognized command or argument 'filter'")]
    [InlineData("IpvsadmList", "-Lx", "Unrecognized command or argument")]
    public void A_mistake_is_one_line_and_exit_code_2(string sample, string arguments, string message)
    {
        var (exit, stdout, stderr) = Run(sample, arguments);
        Assert.True(exit == 2, $"exit {exit}\n{stdout}\n{stderr}");
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"{sample}: ", lines[0]);
        Assert.Contains(message, lines[0]);
        Assert.Equal($"Try '{sample} --help'.", lines[^1]);
        Assert.True(lines.Length == 2, stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain("Exception", stderr);
    }

    [NetNsFact("iptables-legacy", "setpriv")]
    public void Without_privileges_IptablesDump_says_it_needs_root_or_CAP_NET_ADMIN()
    {
        // As an unprivileged user (nobody): the tables' names and the raw socket are both refused.
        foreach (var arguments in new[] { "", "-t filter", "--append INPUT -j ACCEPT" })
        {
            var (exit, stdout, stderr) = Run("IptablesDump", arguments, asNobody: true);
            Assert.True(exit == 3, $"'{arguments}': exit {exit}\n{stdout}\n{stderr}");
            Assert.Equal("IptablesDump: reading or changing the iptables tables needs root or CAP_NET_ADMIN: run it as root (sudo), or give the program the capability (setcap cap_net_admin+ep)", stderr.Trim());
        }
    }

    [NetNsFact("iptables-legacy", "setpriv")]
    public void Without_privileges_TransparentProxy_says_marking_needs_root_or_CAP_NET_ADMIN()
    {
        var (exit, _, stderr) = Run("TransparentProxy", "--listen 127.0.0.1:15999", asNobody: true);
        Assert.Equal(3, exit);
        Assert.StartsWith("TransparentProxy: marking upstream connections (SO_MARK 1, --mark) needs root or CAP_NET_ADMIN", stderr.Trim());
    }

    [NetNsFact("setpriv")]
    public void Without_privileges_EbtablesSave_says_it_needs_root_or_CAP_NET_ADMIN()
    {
        var (exit, _, stderr) = Run("EbtablesSave", "", asNobody: true);
        Assert.Equal(3, exit);
        Assert.Equal("EbtablesSave: reading the ebtables tables needs root or CAP_NET_ADMIN: run it as root (sudo), or give the program the capability (setcap cap_net_admin+ep)", stderr.Trim());
    }

    [NetNsFact("iptables-legacy")]
    public void A_table_the_kernel_does_not_have_is_named()
    {
        using var ns = NetNs.Create();
        var (exit, _, stderr) = Run("IptablesDump", "-t nosuchtable", netns: ns.Name);
        Assert.Equal(1, exit);
        Assert.Equal("IptablesDump: no table 'nosuchtable' in this network namespace: the kernel answered ENOENT to IPT_SO_GET_INFO (a misspelled name, or the iptable_nosuchtable module is not loaded)", stderr.Trim());
    }

    [NetNsFact("iptables-legacy")]
    public void Append_names_the_rule_by_its_number_in_the_chain_as_iptables_lists_it()
    {
        using var ns = NetNs.Create();
        ns.Exec("iptables-legacy", "-A", "INPUT", "-s", "192.0.2.1", "-j", "DROP");
        ns.Exec("iptables-legacy", "-A", "INPUT", "-s", "192.0.2.2", "-j", "DROP");
        ns.Exec("iptables-legacy", "-N", "mine");
        ns.Exec("iptables-legacy", "-A", "mine", "-s", "192.0.2.3", "-j", "RETURN");

        foreach (var (chain, source) in new[] { ("INPUT", "10.0.0.0/8"), ("mine", "10.1.0.0/16"), ("FORWARD", "10.2.0.0/16") })
        {
            var (exit, stdout, stderr) = Run("IptablesDump", $"append -t filter {chain} -s {source} -j ACCEPT", netns: ns.Name);
            Assert.True(exit == 0, stderr);

            // iptables numbers the chain's rules from 1; the appended one is the last.
            var listed = ns.Exec("iptables-legacy", "-t", "filter", "-L", chain, "-n", "--line-numbers")
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToArray();
            var last = listed[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(source, last[4]);
            Assert.StartsWith($"appended rule {last[0]} to filter/{chain} (", stdout);
        }
    }

    private static (int Exit, string Stdout, string Stderr) Run(string sample, string arguments, bool asNobody = false, string? netns = null)
    {
        var command = new List<string>();
        if (netns is not null)
        {
            command.AddRange(new[] { NetNs.FindTool("ip")!, "netns", "exec", netns });
        }

        if (asNobody)
        {
            command.AddRange(new[] { NetNs.FindTool("setpriv")!, "--reuid=65534", "--regid=65534", "--clear-groups", "env", "HOME=/tmp" });
        }

        command.Add(NetNs.FindTool("dotnet") ?? "dotnet");
        command.Add(SampleAssembly.Path(sample));
        command.AddRange(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in command.Skip(1))
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}
