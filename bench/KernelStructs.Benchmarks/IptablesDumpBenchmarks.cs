using System;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using BenchmarkDotNet.Attributes;
using KernelStructs.Netfilter;
using KernelStructs.Samples.IptablesDump;

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
    private string _ns = "";
    private Socket? _socket;
    private byte[]? _buffer;

    /// <summary>Creates the namespace, restores the generated ruleset into it and opens the raw socket there.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _ns = $"ksbench-{Environment.ProcessId}";
        Run("ip", "netns", "add", _ns);
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, Ruleset(Rules));
            Run("ip", "netns", "exec", _ns, "iptables-legacy-restore", file);
        }
        finally
        {
            File.Delete(file);
        }

        _socket = InNamespace(_ns, () => XtFamily.IPv4.OpenSocket());
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
        Run("ip", "netns", "del", _ns);
    }

    /// <summary><c>iptables-legacy-save -t filter</c> in the namespace, its output split into lines.</summary>
    [Benchmark(Baseline = true)]
    public string[] IptablesLegacySave()
    {
        string text = Run("ip", "netns", "exec", _ns, "iptables-legacy-save", "-t", "filter");
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

    private static string Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)}: {err.Result}");
        }

        return output;
    }

    // A socket belongs to the namespace of the thread that creates it: create it on a thread that
    // entered the namespace, and let that thread end.
    private static T InNamespace<T>(string ns, Func<T> create)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                int fd = open("/run/netns/" + ns, 0x80000);
                if (fd < 0 || setns(fd, 0x40000000) != 0)
                {
                    throw new IOException($"cannot enter network namespace {ns}: errno {Marshal.GetLastPInvokeError()}");
                }

                close(fd);
                result = create();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        return failure is null ? result : throw new InvalidOperationException("setup failed", failure);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setns(int fd, int nstype);

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc")]
    private static extern int close(int fd);
}
