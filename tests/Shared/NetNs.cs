using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace KernelStructs.Tests;

/// <summary>
/// A private network namespace for one test: created with <c>ip netns add</c> under a unique name, <c>lo</c> up,
/// deleted on <see cref="Dispose"/> (also after a failure). Commands run inside it through <c>ip netns exec</c>;
/// code runs inside it on a dedicated thread that has entered it with <c>setns(2)</c>, so sockets that code
/// creates live in the namespace (and keep living there when used from other threads afterwards).
/// The host's own network namespace, and so its netfilter state, is never touched.
/// </summary>
/// <example>
/// <code>
/// using var ns = NetNs.Create();
/// ns.Exec("iptables-legacy", "-t", "nat", "-A", "OUTPUT", "-p", "tcp", "--dport", "9", "-j", "REDIRECT", "--to-ports", "5000");
/// using Socket listener = ns.Enter(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
/// </code>
/// </example>
public sealed class NetNs : IDisposable
{
    /// <summary>Prefix of every namespace this harness creates: <c>kst-PID-N</c>.</summary>
    public const string Prefix = "kst-";

    private const int CLONE_NEWNET = 0x40000000;
    private const int O_RDONLY = 0;
    private const int O_CLOEXEC = 0x80000;

    private static int s_counter;
    private static int s_staleRemoved;
    private int _disposed;

    private NetNs(string name) => Name = name;

    /// <summary>The namespace's name (under <c>/run/netns</c>).</summary>
    public string Name { get; }

    /// <summary>
    /// Why tests that need a private network namespace cannot run here, or <see langword="null"/> when they can:
    /// not Linux, not root (CAP_SYS_ADMIN and CAP_NET_ADMIN), or a required tool missing.
    /// </summary>
    /// <param name="tools">Programs the test runs besides <c>ip</c> (e.g. <c>iptables-legacy</c>).</param>
    public static string? WhyUnavailable(params string[] tools)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "needs Linux network namespaces";
        }

        if (!IsRoot)
        {
            return "needs root (CAP_SYS_ADMIN to create and enter a network namespace, CAP_NET_ADMIN inside it); run the tests as root";
        }

        foreach (string tool in tools.Prepend("ip"))
        {
            if (FindTool(tool) is null)
            {
                return $"needs '{tool}' on PATH (or in /usr/sbin, /sbin); install it (iproute2, iptables) to run this test";
            }
        }

        return null;
    }

    /// <summary>Creates a uniquely named namespace with <c>lo</c> up.</summary>
    public static NetNs Create()
    {
        RemoveStaleNamespaces();
        string name = $"{Prefix}{Environment.ProcessId}-{Interlocked.Increment(ref s_counter)}";
        RunTool("ip", "netns", "add", name);
        var ns = new NetNs(name);
        try
        {
            ns.Ip("link", "set", "lo", "up");
        }
        catch
        {
            ns.Dispose();
            throw;
        }

        return ns;
    }

    /// <summary>Runs <c>ip -n NAME args...</c>; throws with the tool's output when it fails.</summary>
    public string Ip(params string[] args) => RunTool("ip", new[] { "-n", Name }.Concat(args).ToArray());

    /// <summary>Runs <c>ip netns exec NAME program args...</c>; throws with the program's output when it fails.</summary>
    public string Exec(string program, params string[] args)
        => RunTool("ip", new[] { "netns", "exec", Name, FindTool(program) ?? program }.Concat(args).ToArray());

    /// <summary>Sets a sysctl inside the namespace (e.g. <c>net.ipv4.conf.all.route_localnet</c>, <c>1</c>).</summary>
    public void Sysctl(string key, string value) => Exec("sysctl", "-q", "-w", $"{key}={value}");

    /// <summary>
    /// Runs <paramref name="action"/> on a new thread that has entered the namespace with <c>setns(2)</c>, and
    /// returns its result (exceptions are rethrown here). The thread ends afterwards, so no pooled thread is
    /// ever left in the namespace.
    /// </summary>
    public T Enter<T>(Func<T> action)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                EnterOnCurrentThread(Name);
                result = action();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        })
        {
            IsBackground = true,
            Name = "netns " + Name,
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    /// <inheritdoc cref="Enter{T}(Func{T})"/>
    public void Enter(Action action) => Enter<object?>(() =>
    {
        action();
        return null;
    });

    /// <summary>Deletes the namespace (<c>ip netns del</c>); sockets still open in it keep it alive until closed.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            TryRunTool("ip", "netns", "del", Name);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>Moves the calling thread into namespace <paramref name="name"/> (only that thread: network namespaces are per thread).</summary>
    public static void EnterOnCurrentThread(string name)
    {
        int fd = open("/run/netns/" + name, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
        {
            throw new IOException($"open(/run/netns/{name}) failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        try
        {
            if (setns(fd, CLONE_NEWNET) != 0)
            {
                throw new IOException($"setns(/run/netns/{name}, CLONE_NEWNET) failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            }
        }
        finally
        {
            _ = close(fd);
        }
    }

    /// <summary>The full path of a program found on PATH, /usr/sbin or /sbin; <see langword="null"/> when absent.</summary>
    public static string? FindTool(string program)
    {
        if (program.Contains('/'))
        {
            return File.Exists(program) ? program : null;
        }

        IEnumerable<string> dirs = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"]);
        return dirs.Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
    }

    /// <summary>Runs a program and returns its standard output; throws with both outputs when it exits non-zero.</summary>
    public static string RunTool(string program, params string[] args)
    {
        (int code, string stdout, string stderr) = TryRunTool(program, args);
        if (code != 0)
        {
            throw new InvalidOperationException($"'{program} {string.Join(' ', args)}' exited with {code}: {stderr.Trim()} {stdout.Trim()}");
        }

        return stdout;
    }

    /// <summary>Runs a program and returns its exit code and outputs.</summary>
    public static (int ExitCode, string Stdout, string Stderr) TryRunTool(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(FindTool(program) ?? program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {program}");
        var stderrTask = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{program} {string.Join(' ', args)}' did not finish in 60 s");
        }

        return (p.ExitCode, stdout, stderrTask.GetAwaiter().GetResult());
    }

    // Namespaces left by a test process that died before its Dispose (kst-PID-N whose PID is gone).
    private static void RemoveStaleNamespaces()
    {
        if (Interlocked.Exchange(ref s_staleRemoved, 1) != 0 || !Directory.Exists("/run/netns"))
        {
            return;
        }

        foreach (string path in Directory.EnumerateFiles("/run/netns", Prefix + "*"))
        {
            string[] parts = Path.GetFileName(path).Substring(Prefix.Length).Split('-');
            if (parts.Length == 2 && int.TryParse(parts[0], out int pid) && pid != Environment.ProcessId && !Directory.Exists("/proc/" + pid))
            {
                TryRunTool("ip", "netns", "del", Path.GetFileName(path));
            }
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setns(int fd, int nstype);

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc")]
    private static extern int close(int fd);

    [DllImport("libc")]
    private static extern uint geteuid();

    /// <summary>Whether the process runs as root (effective uid 0).</summary>
    public static bool IsRoot => OperatingSystem.IsLinux() && geteuid() == 0;
}
