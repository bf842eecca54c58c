using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using BenchmarkDotNet.Attributes;
using KernelStructs.Netfilter;
using KernelStructs.Samples.IptablesDump;
using KernelStructs.Tests;

namespace KernelStructs.Benchmarks;

/// <summary>
/// Dumping a 10,000-rule filter table: <c>IPT_SO_GET_INFO</c>/<c>GET_ENTRIES</c> and the
/// <see cref="IptablesSaveWriter"/>, against running <c>iptables-legacy-save</c> and splitting its
/// output into rule lines. Needs root (it creates a private network namespace for the table).
/// Run: <c>dotnet run -c Release --project bench/KernelStructs.Benchmarks -- --filter '*IptablesDump*'</c>.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class IptablesDumpBenchmarks
{
    private const int Rules = 10_000;
    private readonly StringBuilder _text = new(4 << 20);
    private NetNs? _ns;
    private Socket? _socket;
    private byte[]? _buffer;

    /// <summary>Creates the namespace, restores the generated ruleset into it and opens the raw socket there.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _ns = NetNs.Create();
        Restore(_ns);
        _socket = _ns.Enter(() => XtFamily.IPv4.OpenSocket());
        int rules = CountRules(KernelStructsDump());
        if (rules != Rules || CountRules(IptablesLegacySave()) != Rules)
        {
            throw new InvalidOperationException($"expected {Rules} rules, got {rules}");
        }
    }

    /// <summary>Closes the socket and deletes the namespace.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _socket?.Dispose();
        _ns?.Dispose();
    }

    /// <summary><c>iptables-legacy-save -t filter</c> in the namespace, its output split into lines.</summary>
    [Benchmark(Baseline = true)]
    public string[] IptablesLegacySave()
    {
        string text = _ns!.Exec("iptables-legacy-save", "-t", "filter");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>GET_INFO + GET_ENTRIES into a reused buffer, then the same text, split the same way.</summary>
    [Benchmark]
    public string[] KernelStructsDump()
    {
        var table = XtTableSnapshot.Read(XtFamily.IPv4, _socket!, "filter", _buffer);
        _buffer = table.Buffer;
        _text.Clear();
        using var writer = new StringWriter(_text) { NewLine = "\n" };
        new IptablesSaveWriter(writer).WriteTable(table);
        return _text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>GET_INFO + GET_ENTRIES into a reused buffer, then the text into a reused <see cref="StringBuilder"/> (what a dump to a file or pipe costs).</summary>
    [Benchmark]
    public int KernelStructsText()
    {
        var table = XtTableSnapshot.Read(XtFamily.IPv4, _socket!, "filter", _buffer);
        _buffer = table.Buffer;
        _text.Clear();
        using var writer = new StringWriter(_text) { NewLine = "\n" };
        new IptablesSaveWriter(writer).WriteTable(table);
        return _text.Length;
    }

    /// <summary>GET_INFO + GET_ENTRIES and a walk of every entry, match and target, without text.</summary>
    [Benchmark]
    public int KernelStructsWalk()
    {
        var table = XtTableSnapshot.Read(XtFamily.IPv4, _socket!, "filter", _buffer);
        _buffer = table.Buffer;
        int n = 0;
        foreach (var e in table.GetEntries<IptEntry>())
        {
            foreach (var m in e.Matches)
            {
                n += m.Revision;
            }

            n += e.Target.Name.Length;
        }

        return n;
    }

    /// <summary>Restores the benchmark's 10,000-rule filter table in <paramref name="ns"/>.</summary>
    internal static void Restore(NetNs ns)
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, Ruleset(Rules));
            ns.Exec("iptables-legacy-restore", file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static int CountRules(string[] lines) => Array.FindAll(lines, l => l.StartsWith("-A ", StringComparison.Ordinal)).Length;

    // A realistic mix: addresses, interfaces, tcp/udp ports, multiport, conntrack, comments, marks,
    // LOG/REJECT targets and jumps to user chains.
    private static string Ruleset(int rules)
    {
        var sb = new StringBuilder("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n");
        for (int c = 0; c < 10; c++)
        {
            sb.Append(":chain").Append(c).Append(" - [0:0]\n");
        }

        for (int i = 0; i < rules; i++)
        {
            string chain = i % 4 == 0 ? "INPUT" : i % 4 == 1 ? "FORWARD" : $"chain{i % 10}";
            sb.Append("-A ").Append(chain);
            sb.Append(" -s 10.").Append((i >> 8) & 255).Append('.').Append(i & 255).Append(".0/24");
            switch (i % 6)
            {
                case 0: sb.Append(" -i eth+ -p tcp -m tcp --dport ").Append(1024 + i % 50000).Append(" -j ACCEPT"); break;
                case 1: sb.Append(" -p udp -m udp --sport 1000:2000 -m comment --comment \"rule ").Append(i).Append("\" -j DROP"); break;
                case 2: sb.Append(" -p tcp -m multiport --dports 80,443,8000:8100 -m conntrack --ctstate NEW,ESTABLISHED -j chain").Append((i + 1) % 10 == i % 10 ? 0 : (i + 1) % 10); break;
                case 3: sb.Append(" -m mark --mark 0x").Append((i % 255).ToString("x")).Append("/0xff -j LOG --log-prefix \"r").Append(i).Append(" \""); break;
                case 4: sb.Append(" -p tcp -j REJECT --reject-with tcp-reset"); break;
                default: sb.Append(" ! -d 192.168.0.0/16 -o veth0 -j RETURN"); break;
            }

            sb.Append('\n');
        }

        return sb.Append("COMMIT\n").ToString();
    }
}
