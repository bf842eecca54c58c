using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace KernelStructs.Verification;

/// <summary>
/// Runs a build tool (gcc, a cross compiler, make, pahole) to its end with its output captured, in the C locale so that its
/// messages read the same on every machine. The one process runner of the verifiers and the scaffold.
/// </summary>
public static class ToolProcess
{
    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> and returns its exit code and output.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The program cannot be started (not installed, not executable).</exception>
    public static (int ExitCode, string Stdout, string Stderr) Run(string program, IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        process.WaitForExitAsync(cancellationToken).GetAwaiter().GetResult();
        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
