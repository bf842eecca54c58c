using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;

namespace KernelStructs.Tests.SocketOptions;

/// <summary>A connected TCP pair: the client socket and the socket the listener accepted.</summary>
internal sealed class TcpPair : IDisposable
{
    public TcpPair(Socket listener, Socket client, Socket accepted)
    {
        Listener = listener;
        Client = client;
        Accepted = accepted;
    }

    public Socket Listener { get; }

    public Socket Client { get; }

    public Socket Accepted { get; }

    /// <summary>
    /// Listens on <paramref name="listenAddress"/> (port chosen by the kernel) inside <paramref name="ns"/> (or here),
    /// lets <paramref name="beforeConnect"/> add NAT rules that know the listener's port, then connects to
    /// <paramref name="connectTo"/> (default: the listener itself) and accepts.
    /// </summary>
    public static TcpPair Connect(NetNs? ns, IPAddress listenAddress, Func<int, IPEndPoint>? connectTo = null, Action<int>? beforeConnect = null)
    {
        Func<(Socket, Socket)> create = () =>
        {
            var l = new Socket(listenAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            l.Bind(new IPEndPoint(listenAddress, 0));
            l.Listen(16);
            return (l, new Socket(listenAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp));
        };
        (Socket listener, Socket client) = ns is null ? create() : ns.Enter(create);
        int port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        beforeConnect?.Invoke(port);
        client.Connect(connectTo?.Invoke(port) ?? new IPEndPoint(listenAddress, port));
        Socket accepted = listener.Accept();
        return new TcpPair(listener, client, accepted);
    }

    public void Dispose()
    {
        Accepted.Dispose();
        Client.Dispose();
        Listener.Dispose();
    }
}

/// <summary>Facts about C types from the system C compiler, at test time.</summary>
internal static class CCompiler
{
    /// <summary>Whether <c>gcc</c> is installed.</summary>
    public static string? WhyUnavailable() => NetNs.FindTool("gcc") is null ? "needs gcc to read C layouts (apt-get install gcc)" : null;

    /// <summary>Compiles and runs a program that prints the given integer C expressions, one per line.</summary>
    public static long[] Evaluate(string includes, params string[] expressions)
    {
        string dir = Directory.CreateTempSubdirectory("ks-cc-").FullName;
        try
        {
            string source = Path.Combine(dir, "probe.c");
            string exe = Path.Combine(dir, "probe");
            var body = new System.Text.StringBuilder("#define _GNU_SOURCE\n#include <stdio.h>\n#include <stddef.h>\n").Append(includes).Append("\nint main(void) {\n");
            foreach (string e in expressions)
            {
                body.Append("  printf(\"%lld\\n\", (long long)(").Append(e).Append("));\n");
            }

            File.WriteAllText(source, body.Append("  return 0;\n}\n").ToString());
            NetNs.RunTool("gcc", "-o", exe, source);
            string output = NetNs.RunTool(exe);
            return Array.ConvertAll(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), long.Parse);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
