using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using KernelStructs.Samples.TransparentProxy;

// Usage: TransparentProxy [--listen ENDPOINT]... [--mark N]
// Defaults: --listen 0.0.0.0:15001 --listen [::]:15001 --mark 1. See README.md for the iptables rules.
var listen = new List<IPEndPoint>();
uint? mark = 1;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--listen" when i + 1 < args.Length:
            listen.Add(IPEndPoint.Parse(args[++i]));
            break;
        case "--mark" when i + 1 < args.Length:
            mark = args[++i] == "none" ? null : uint.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture);
            break;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'. Usage: TransparentProxy [--listen ENDPOINT]... [--mark N|none]");
            return 2;
    }
}

if (listen.Count == 0)
{
    listen.Add(new IPEndPoint(IPAddress.Any, 15001));
    listen.Add(new IPEndPoint(IPAddress.IPv6Any, 15001));
}

var listeners = new List<Socket>();
foreach (IPEndPoint endPoint in listen)
{
    listeners.Add(ProxyServer.Listen(endPoint));
    Console.WriteLine($"listening on {endPoint}");
}

await using var proxy = new ProxyServer(listeners, log: Console.Out) { UpstreamMark = mark };
proxy.Start();

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

Console.WriteLine($"stopped: {proxy.ConnectionsRelayed} connections, {proxy.BytesRelayed} bytes relayed");
return 0;
