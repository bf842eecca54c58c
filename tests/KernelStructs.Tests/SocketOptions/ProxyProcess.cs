using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;

namespace KernelStructs.Tests.SocketOptions;

/// <summary>
/// The TransparentProxy sample as a deployed process: started inside a network namespace with
/// <c>ip netns exec NS [prlimit ...] dotnet TransparentProxy.dll ARGS</c>, its output collected line by line, its
/// open descriptors counted from <c>/proc/PID/fd</c>, stopped with a signal.
/// </summary>
internal sealed class ProxyProcess : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = new();
    private readonly ConcurrentQueue<string> _all = new();

    private ProxyProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    /// <summary>Everything the proxy printed so far.</summary>
    public string Output => string.Join('\n', _all);

    /// <summary>Starts the proxy in <paramref name="ns"/>, optionally with a descriptor limit, and waits until it listens.</summary>
    public static ProxyProcess Start(NetNs ns, string arguments, int? fileLimit = null)
    {
        var start = new ProcessStartInfo(NetNs.FindTool("ip") ?? "ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "netns", "exec", ns.Name })
        {
            start.ArgumentList.Add(a);
        }

        if (fileLimit is int limit)
        {
            start.ArgumentList.Add(NetNs.FindTool("prlimit") ?? "prlimit");
            start.ArgumentList.Add($"--nofile={limit}:{limit}");
        }

        start.ArgumentList.Add(NetNs.FindTool("dotnet") ?? Environment.ProcessPath ?? "dotnet");
        start.ArgumentList.Add(KernelStructs.Tests.Samples.SampleAssembly.Path("TransparentProxy"));
        foreach (var a in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            start.ArgumentList.Add(a);
        }

        var proxy = new ProxyProcess(Process.Start(start)!);
        proxy.WaitFor("upstream mark", TimeSpan.FromSeconds(60));
        return proxy;
    }

    /// <summary>Waits for a line containing <paramref name="text"/> (a guard against a hang, not a timing assertion).</summary>
    public string WaitFor(string text, TimeSpan guard)
    {
        using var timeout = new CancellationTokenSource(guard);
        try
        {
            while (true)
            {
                var line = _lines.Take(timeout.Token);
                if (line.Contains(text, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the proxy printed no line with '{text}' (exited: {_process.HasExited}):\n{Output}");
        }
    }

    /// <summary>How many descriptors the proxy has open.</summary>
    public int OpenDescriptors() => _process.HasExited
        ? throw new InvalidOperationException($"the proxy exited with {_process.ExitCode}:\n{Output}")
        : Directory.GetFileSystemEntries($"/proc/{Pid}/fd").Length;

    /// <summary>What each open descriptor is (<c>socket:[123]</c>, a file path, ...), to show what a count difference is.</summary>
    public string[] DescribeDescriptors() => Directory.GetFileSystemEntries($"/proc/{Pid}/fd")
        .Select(fd =>
        {
            try
            {
                return $"{Path.GetFileName(fd)} -> {new FileInfo(fd).LinkTarget}";
            }
            catch (IOException)
            {
                return $"{Path.GetFileName(fd)} (closed)";
            }
        })
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Sends <paramref name="signal"/> (15: SIGTERM, 2: SIGINT) and waits for the exit code.</summary>
    public int Stop(int signal, TimeSpan guard)
    {
        if (kill(Pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({Pid}, {signal}) failed");
        }

        if (!_process.WaitForExit((int)guard.TotalMilliseconds))
        {
            throw new TimeoutException($"the proxy did not stop within {guard.TotalSeconds} s of signal {signal}:\n{Output}");
        }

        _process.WaitForExit(); // drains the output
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _lines.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        _all.Enqueue(line);
        try
        {
            _lines.Add(line);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
