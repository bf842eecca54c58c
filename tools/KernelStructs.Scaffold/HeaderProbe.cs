using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using KernelStructs.Btf;

namespace KernelStructs.Scaffold;

/// <summary>
/// C types from headers, through the same BTF path as the kernel's: a probe that includes the headers and names each type
/// is compiled with debug information (<c>gcc -g</c>, or a cross compiler for another ABI), and <c>pahole -J</c> encodes
/// its DWARF as BTF, which <see cref="BtfTypes"/> reads.
/// </summary>
public static class HeaderProbe
{
    /// <summary>Compiles the probe and returns its types as BTF, with a description of the source for doc comments.</summary>
    /// <param name="includes">Headers, as <c>#include &lt;...&gt;</c> names them (<c>linux/tcp.h</c>).</param>
    /// <param name="cNames">The types to probe (<c>struct tcp_info</c>; a bare tag is a struct).</param>
    /// <param name="defines">Macros to define before the includes (<c>_GNU_SOURCE</c>, <c>NAME=value</c>).</param>
    /// <param name="compilerArguments">More compiler arguments (<c>-I dir</c>, kbuild's flags).</param>
    /// <param name="compiler">The C compiler (<c>gcc</c>, <c>aarch64-linux-gnu-gcc</c>, ...).</param>
    /// <exception cref="ScaffoldException">The compiler or pahole failed, or is not installed; the message has its output.</exception>
    public static (BtfTypes Types, string Source) Compile(IReadOnlyList<string> includes, IReadOnlyList<string> cNames, IReadOnlyList<string> defines, IReadOnlyList<string> compilerArguments, string compiler = "gcc")
    {
        ArgumentNullException.ThrowIfNull(includes);
        ArgumentNullException.ThrowIfNull(cNames);
        var directory = Directory.CreateTempSubdirectory("kernelstructs-probe-");
        try
        {
            var probe = new StringBuilder();
            foreach (var define in defines)
            {
                var eq = define.IndexOf('=', StringComparison.Ordinal);
                probe.Append("#define ").Append(eq < 0 ? define : define[..eq] + " " + define[(eq + 1)..]).Append('\n');
            }

            foreach (var include in includes)
            {
                probe.Append("#include <").Append(include).Append(">\n");
            }

            var i = 0;
            foreach (var cName in cNames)
            {
                var (kind, name) = Scaffolder.SplitCName(cName);
                probe.Append(kind == BtfKind.Union ? "union " : "struct ").Append(name).Append(" *__kernelstructs_probe").Append(i++).Append(";\n");
            }

            var source = Path.Combine(directory.FullName, "probe.c");
            var obj = Path.Combine(directory.FullName, "probe.o");
            var btf = Path.Combine(directory.FullName, "probe.btf");
            File.WriteAllText(source, probe.ToString());
            Run(compiler, new[] { "-g", "-c", "-o", obj }.Concat(compilerArguments).Append(source), "compiling the probe\n" + probe);
            Run("pahole", new[] { "-J", "--btf_encode_detached=" + btf, obj }, "encoding the probe's DWARF as BTF");
            var version = Run(compiler, new[] { "-dumpfullversion" }, "asking the compiler's version").Trim();
            var types = BtfTypes.Parse(File.ReadAllBytes(btf), source: string.Join(", ", includes));
            return (types, $"{string.Join(", ", includes.Select(h => "<" + h + ">"))} with {compiler} {version}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string Run(string program, IEnumerable<string> arguments, string what)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ScaffoldException($"{program} did not start ({what})");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ScaffoldException($"{program} cannot run ({what}): {e.Message}; is it installed?");
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new ScaffoldException($"{program} failed with exit code {process.ExitCode} ({what}):\n{error.Result}{output}");
            }

            return output;
        }
    }
}
