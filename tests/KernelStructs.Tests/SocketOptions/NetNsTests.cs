using System;
using System.IO;
using System.Linq;
using Xunit;

namespace KernelStructs.Tests.SocketOptions;

[Trait("Category", "Kernel")]
public class NetNsTests
{
    [NetNsFact("iptables-legacy")]
    public void Namespace_is_private_and_removed_on_dispose()
    {
        string hostNs = new FileInfo("/proc/thread-self/ns/net").LinkTarget!;
        string name;
        using (var ns = NetNs.Create())
        {
            name = ns.Name;
            Assert.StartsWith(NetNs.Prefix, name);
            Assert.Contains(name, NetNs.RunTool("ip", "netns", "list"));

            string inside = ns.Enter(() => new FileInfo("/proc/thread-self/ns/net").LinkTarget!);
            Assert.NotEqual(hostNs, inside);
            Assert.Equal(hostNs, new FileInfo("/proc/thread-self/ns/net").LinkTarget);

            ns.Exec("iptables-legacy", "-t", "nat", "-A", "OUTPUT", "-p", "tcp", "--dport", "9", "-j", "REDIRECT", "--to-ports", "10");
            Assert.Contains("--dport 9", ns.Exec("iptables-legacy", "-t", "nat", "-S"));
            Assert.Contains("lo", ns.Ip("-o", "link", "show", "up"));
            Assert.Throws<InvalidOperationException>(() => ns.Exec("iptables-legacy", "-t", "nat", "-A", "NO_SUCH_CHAIN"));
        }

        Assert.DoesNotContain(name, NetNs.RunTool("ip", "netns", "list").Split('\n').Select(l => l.Split(' ')[0]));
    }

    [NetNsFact]
    public void Exceptions_inside_the_namespace_reach_the_caller()
    {
        using var ns = NetNs.Create();
        var e = Assert.Throws<InvalidOperationException>(() => ns.Enter(() => throw new InvalidOperationException("inside")));
        Assert.Equal("inside", e.Message);
    }

    [Fact]
    public void A_missing_tool_is_named_in_the_skip_reason()
    {
        string? reason = NetNs.WhyUnavailable("no-such-tool-for-kernelstructs");

        Assert.NotNull(reason);
        Assert.Contains(NetNs.IsRoot ? "no-such-tool-for-kernelstructs" : "root", reason);
    }
}
