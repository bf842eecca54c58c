using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace KernelStructs.Testing;

/// <summary>
/// A kernel build tree (Debian's <c>linux-headers-amd64</c> installs one under <c>/usr/src</c>) and kbuild runs in it:
/// what the checks of kernel-internal structs compile with.
/// </summary>
public static class Kbuild
{
    /// <summary>The newest <c>/usr/src/linux-headers-*-amd64</c> with a Makefile, or <see langword="null"/>.</summary>
    public static string? Tree { get; } = Directory.Exists("/usr/src")
        ? Directory.GetDirectories("/usr/src", "linux-headers-*-amd64").Where(d => File.Exists(Path.Combine(d, "Makefile"))).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault()
        : null;

    /// <summary>Why kernel-internal structs cannot be built here, or <see langword="null"/>.</summary>
    public static string? SkipReason { get; } = Tree is null
        ? "no kernel build tree (apt-get install linux-headers-amd64: /usr/src/linux-headers-*-amd64)"
        : Which("make") is null ? "make is not installed (apt-get install make)" : null;

    /// <summary>
    /// Builds an out-of-tree module from <paramref name="source"/> with kbuild (<c>make -C tree M=dir modules</c>), so with
    /// the kernel's include paths, config and flags (and its <c>-g</c>); returns the <c>.ko</c>.
    /// </summary>
    public static string BuildModule(string directory, string name, string source)
    {
        File.WriteAllText(Path.Combine(directory, name + ".c"), source);
        File.WriteAllText(Path.Combine(directory, "Kbuild"), $"obj-m := {name}.o\n");
        var start = new ProcessStartInfo("make") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-s", "-C", Tree!, "M=" + directory, "modules" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var module = Path.Combine(directory, name + ".ko");
        if (process.ExitCode != 0 || !File.Exists(module))
        {
            throw new InvalidOperationException($"kbuild failed (exit {process.ExitCode}):\n{stdout.Result}\n{stderr}");
        }

        return module;
    }

    private static string? Which(string program) => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(d => Path.Combine(d, program))
        .FirstOrDefault(File.Exists);
}
