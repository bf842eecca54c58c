using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using KernelStructs;
using KernelStructs.Samples;
using KernelStructs.Samples.TransparentProxy;

const string Tool = "TransparentProxy";

var listen = new Option<IPEndPoint[]>("--listen", "-l")
{
    Description = "Address and port to accept redirected connections on; repeatable.",
    HelpName = "ADDRESS:PORT",
    CustomParser = SampleCommandLine.ParseEndPoints,
    DefaultValueFactory = _ => [new IPEndPoint(IPAddress.Any, 15001), new IPEndPoint(IPAddress.IPv6Any, 15001)],
};
var mark = new Option<UpstreamMark>("--mark")
{
    Description = "Firewall mark (SO_MARK) on upstream connections, so the NAT rule can skip them (-m mark ! --mark N); 'none' for no mark. Needs root or CAP_NET_ADMIN.",
    HelpName = "N|none",
    CustomParser = result =>
    {
        var text = result.Tokens[^1].Value;
        if (text == "none")
        {
            return new UpstreamMark(null);
        }

        if (SampleCommandLine.TryParseUInt32(text, out var value))
        {
            return new UpstreamMark(value);
        }

        result.AddError($"'{text}' is not a firewall mark: a number from 0 to 4294967295 (decimal or 0x hexadecimal), or 'none'");
        return new UpstreamMark(null);
    },
    DefaultValueFactory = _ => new UpstreamMark(1),
};
var maxConnections = new Option<int>("--max-connections") { HelpName = "N", Description = "Most connections open at once; more wait in the listen backlog (fewer when the descriptor limit, ulimit -n, leaves room for fewer).", CustomParser = SampleCommandLine.ParsePositiveInt32, DefaultValueFactory = _ => 1024 };
var idleTimeout = new Option<double>("--idle-timeout") { Description = "Seconds without a byte either way after which a connection is closed.", HelpName = "SECONDS", CustomParser = SampleCommandLine.ParseSeconds(zero: false), DefaultValueFactory = _ => 300 };
var connectTimeout = new Option<double>("--connect-timeout") { Description = "Seconds an upstream connect may take.", HelpName = "SECONDS", CustomParser = SampleCommandLine.ParseSeconds(zero: false), DefaultValueFactory = _ => 10 };
var shutdownTimeout = new Option<double>("--shutdown-timeout") { Description = "On SIGINT or SIGTERM: seconds the open connections may take to finish before they are closed.", HelpName = "SECONDS", CustomParser = SampleCommandLine.ParseSeconds(zero: true), DefaultValueFactory = _ => 10 };
var quiet = new Option<bool>("--quiet", "-q") { Description = "Log refusals, failures and the summary only, not every connection." };

var root = new RootCommand(
    "A transparent TCP proxy for connections that an iptables nat REDIRECT (or DNAT) rule sends to it: it asks the kernel where each one " +
    "was going (SO_ORIGINAL_DST, IP6T_SO_ORIGINAL_DST), connects there and relays both ways. It refuses loops back to itself, survives " +
    "descriptor exhaustion, limits open connections and idle time, and stops gracefully on SIGINT or SIGTERM. " +
    "Exit codes: 0 stopped, 1 could not listen, 2 bad arguments, 3 needs root or CAP_NET_ADMIN.")
{
    listen, mark, maxConnections, idleTimeout, connectTimeout, shutdownTimeout, quiet,
};

root.SetAction(async (parse, stop) =>
{
    uint? upstreamMark = parse.GetValue(mark)!.Value;
    if (upstreamMark is uint m && ProbeMark(m) is { } refusal)
    {
        return refusal;
    }

    var listeners = new List<Socket>();
    foreach (IPEndPoint endPoint in parse.GetValue(listen)!.Distinct())
    {
        try
        {
            listeners.Add(ProxyServer.Listen(endPoint));
            Console.WriteLine($"listening on {endPoint}");
        }
        catch (SocketException e)
        {
            listeners.ForEach(l => l.Dispose());
            return e.SocketErrorCode == SocketError.AccessDenied
                ? SampleCommandLine.Fail(Tool, $"cannot listen on {endPoint}: {e.Message} (a port below 1024 needs root or CAP_NET_BIND_SERVICE)", ExitCode.NeedsPrivilege)
                : SampleCommandLine.Fail(Tool, $"cannot listen on {endPoint}: {e.Message}");
        }
    }

    var proxy = new ProxyServer(listeners, log: Console.Out)
    {
        UpstreamMark = upstreamMark,
        MaxConnections = parse.GetValue(maxConnections),
        IdleTimeout = TimeSpan.FromSeconds(parse.GetValue(idleTimeout)),
        ConnectTimeout = TimeSpan.FromSeconds(parse.GetValue(connectTimeout)),
        LogConnections = !parse.GetValue(quiet),
    };
    proxy.Start();
    var limit = proxy.ConnectionLimit < proxy.MaxConnections
        ? $" (the descriptor limit, ulimit -n {proxy.DescriptorLimit}, leaves room for no more: 2 per connection, {proxy.DescriptorReserve} kept for the runtime)"
        : "";
    Console.WriteLine($"upstream mark {(upstreamMark is uint um ? $"{um} (0x{um:x})" : "none")}; at most {proxy.ConnectionLimit} connections{limit}, idle timeout {proxy.IdleTimeout.TotalSeconds:0.###} s");

    try
    {
        await Task.Delay(Timeout.Infinite, stop);
    }
    catch (OperationCanceledException)
    {
    }

    var drain = TimeSpan.FromSeconds(parse.GetValue(shutdownTimeout));
    Console.WriteLine($"stopping: listeners closed; {proxy.OpenConnections} open connection(s) get {drain.TotalSeconds:0.###} s to finish");
    await proxy.StopAsync(drain);
    await proxy.DisposeAsync();
    Console.WriteLine($"stopped: {proxy.ConnectionsRelayed} connections relayed, {proxy.BytesRelayed} bytes, {proxy.ConnectionsRefused} refused, {proxy.ConnectionsFailed} failed");
    return ExitCode.Success;
});

// SIGINT and SIGTERM cancel the action's token; the process waits for the drain (plus a margin) before it gives up.
var parsed = root.Parse(args);
var drainSeconds = parsed.Errors.Count == 0 ? parsed.GetValue(shutdownTimeout) : 0;
return await SampleCommandLine.RunAsync(root, args, new InvocationConfiguration
{
    EnableDefaultExceptionHandler = false,
    ProcessTerminationTimeout = TimeSpan.FromSeconds(drainSeconds + 5),
});

// SO_MARK needs CAP_NET_ADMIN: find out at start, not at the first connection.
static int? ProbeMark(uint value)
{
    using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    try
    {
        SocketLayer.SetMark(probe, value);
        return null;
    }
    catch (SocketOptionException e) when (SampleCommandLine.IsPermissionDenied(e))
    {
        return SampleCommandLine.Fail(
            Tool,
            SampleCommandLine.NeedsNetAdmin($"marking upstream connections (SO_MARK {value}, --mark)") +
            "; or run with --mark none and keep the proxy's own connections out of the NAT rule another way (e.g. -m owner ! --uid-owner)",
            ExitCode.NeedsPrivilege);
    }
}

/// <summary>The value of <c>--mark</c>: a firewall mark, or none.</summary>
internal sealed record UpstreamMark(uint? Value)
{
    public override string ToString() => Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";
}
