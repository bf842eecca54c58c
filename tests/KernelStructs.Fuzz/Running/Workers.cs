using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using KernelStructs.Fuzz.Cases;
using KernelStructs.Fuzz.Checking;

namespace KernelStructs.Fuzz.Running;

/// <summary>
/// The worker side of the protocol: one case per line of standard input (JSON), one <see cref="Outcome"/> per line of
/// standard output. A case that kills the process (a stack overflow) or never ends is the supervisor's to notice.
/// </summary>
public static class WorkerLoop
{
    public static int Run(TextReader input, TextWriter output)
    {
        while (input.ReadLine() is { } line)
        {
            var request = JsonSerializer.Deserialize<FuzzCase>(line, Protocol.Json)!;
            Outcome outcome;
            try
            {
                outcome = CaseChecker.Check(request);
            }
            catch (Exception exception)
            {
                // Something outside the generator and the analyzers (the checker, Roslyn itself): still a failure to see.
                outcome = new Outcome(request.Index, new[] { new Failure("checker-exception", "checker-exception:" + CaseChecker.Where(exception), exception.ToString()) }, Array.Empty<string>(), false, 0, 0);
            }

            output.WriteLine(JsonSerializer.Serialize(outcome, Protocol.Json));
            output.Flush();
        }

        return 0;
    }
}

internal static class Protocol
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
}

/// <summary>
/// One worker process (<c>dotnet KernelStructs.Fuzz.dll worker</c>): runs cases one at a time with a time limit, and is
/// started again after a case that killed it or ran out of time.
/// </summary>
public sealed class Worker : IDisposable
{
    private const int StandardErrorKept = 64 * 1024;

    private readonly TimeSpan _timeout;
    private readonly StringBuilder _standardError = new();
    private Process? _process;
    private bool _stackOverflow;

    public Worker(TimeSpan timeout) => _timeout = timeout;

    /// <summary>How many times the worker process was started.</summary>
    public int Starts { get; private set; }

    public Outcome Run(FuzzCase input)
    {
        var process = EnsureStarted();
        lock (_standardError)
        {
            _standardError.Clear();
            _stackOverflow = false;
        }

        var clock = Stopwatch.StartNew();
        string? line;
        try
        {
            process.StandardInput.WriteLine(JsonSerializer.Serialize(input, Protocol.Json));
            process.StandardInput.Flush();
            var read = process.StandardOutput.ReadLineAsync();
            if (!read.Wait(_timeout))
            {
                Stop();
                return Failed(input, new Failure("hang", "hang", $"No answer within {_timeout.TotalSeconds:0} s."), clock);
            }

            line = read.Result;
        }
        catch (IOException)
        {
            line = null;
        }

        if (line is null)
        {
            process.WaitForExit(5000);
            // Let the asynchronous reader drain what the process wrote before it died.
            process.WaitForExit();
            var exitCode = process.HasExited ? process.ExitCode : -1;
            string error;
            bool stackOverflow;
            lock (_standardError)
            {
                error = _standardError.ToString();
                stackOverflow = _stackOverflow;
            }

            Stop();
            return Failed(input, new Failure("process-death", "process-death:" + DeathSignature(error, stackOverflow), $"The worker exited with code {exitCode}.\n{Tail(error)}"), clock);
        }

        return JsonSerializer.Deserialize<Outcome>(line, Protocol.Json)!;
    }

    public void Dispose() => Stop();

    private static Outcome Failed(FuzzCase input, Failure failure, Stopwatch clock)
        => new(input.Index, new[] { failure }, Array.Empty<string>(), false, 0, clock.Elapsed.TotalMilliseconds);

    /// <summary>What the runtime printed as the process died: "Stack overflow." and the first KernelStructs frame it repeats.</summary>
    private static string DeathSignature(string error, bool stackOverflow)
    {
        var kind = stackOverflow ? "StackOverflow" : "Exit";
        var frame = error.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("at KernelStructs.Generator", StringComparison.Ordinal) || l.StartsWith("at KernelStructs.Analyzers", StringComparison.Ordinal));
        if (frame is not null && frame.IndexOf('(') is var end and > 0)
        {
            frame = frame.Substring(3, end - 3);
        }

        return frame is null ? kind : kind + "@" + frame;
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "...\n" + text.Substring(text.Length - 4000);

    private Process EnsureStarted()
    {
        if (_process is { HasExited: false })
        {
            return _process;
        }

        Stop();
        var start = new ProcessStartInfo(DotNet(), $"\"{typeof(Worker).Assembly.Location}\" worker")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        start.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        start.Environment["DOTNET_gcServer"] = "0";
        var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_standardError)
            {
                _stackOverflow |= e.Data.StartsWith("Stack overflow", StringComparison.Ordinal);
                _standardError.Append(e.Data).Append('\n');
                if (_standardError.Length > StandardErrorKept)
                {
                    _standardError.Remove(0, _standardError.Length - StandardErrorKept);
                }
            }
        };
        process.Start();
        process.StandardInput.AutoFlush = false;
        process.BeginErrorReadLine();
        _process = process;
        Starts++;
        return process;
    }

    private void Stop()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        _process = null;
    }

    /// <summary>The <c>dotnet</c> host that runs this process (or the one on the PATH).</summary>
    private static string DotNet()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        if (Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet")
        {
            return path;
        }

        return "dotnet";
    }
}
