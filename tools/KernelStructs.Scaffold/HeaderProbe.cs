using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using KernelStructs.Btf;
using KernelStructs.Verification;

namespace KernelStructs.Scaffold;

/// <summary>
/// C types from headers, through the same BTF path as the kernel's: a probe that includes the headers and names each type
/// is compiled with debug information (<c>gcc -g</c>, a cross compiler for another ABI, or kbuild in a kernel build tree for
/// kernel-internal headers), and <c>pahole -J</c> encodes its DWARF as BTF, which <see cref="BtfTypes"/> reads.
/// </summary>
public static class HeaderProbe
{
    /// <summary>Compiles the probe and returns its types as BTF, with a description of the source for doc comments.</summary>
    /// <param name="includes">Headers, as <c>#include &lt;...&gt;</c> names them (<c>linux/tcp.h</c>).</param>
    /// <param name="cNames">The types to probe (<c>struct tcp_info</c>; a bare tag is a struct).</param>
    /// <param name="defines">Macros to define before the includes (<c>_GNU_SOURCE</c>, <c>NAME=value</c>).</param>
    /// <param name="compilerArguments">More compiler arguments (<c>-I dir</c>); with <paramref name="kernelBuild"/>, kbuild's <c>ccflags-y</c>.</param>
    /// <param name="compiler">The C compiler (<c>gcc</c>, <c>aarch64-linux-gnu-gcc</c>, ...); ignored with <paramref name="kernelBuild"/>.</param>
    /// <param name="kernelBuild">A kernel build tree (<c>/usr/src/linux-headers-RELEASE-amd64</c>): the probe is compiled by kbuild there, with the kernel's include paths, config and flags.</param>
    /// <exception cref="ScaffoldException">The compiler, kbuild or pahole failed, or is not installed; the message has its output.</exception>
    public static (BtfTypes Types, string Source) Compile(IReadOnlyList<string> includes, IReadOnlyList<string> cNames, IReadOnlyList<string> defines, IReadOnlyList<string> compilerArguments, string compiler = "gcc", string? kernelBuild = null)
    {
        ArgumentNullException.ThrowIfNull(includes);
        ArgumentNullException.ThrowIfNull(cNames);
        if (kernelBuild is not null && !File.Exists(Path.Combine(kernelBuild, "Makefile")))
        {
            throw new ScaffoldException($"{kernelBuild} is not a kernel build tree (it has no Makefile); Debian's linux-headers-amd64 installs one under /usr/src/linux-headers-*-amd64");
        }

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

            // BTF does not state the size of a pointer; its reader takes the size of long, which the probe makes sure it has.
            probe.Append("long __kernelstructs_long;\n");
            var i = 0;
            foreach (var cName in cNames)
            {
                var (kind, name) = Scaffolder.SplitCName(cName);
                var tag = (kind == BtfKind.Union ? "union " : "struct ") + name;
                probe.Append(tag).Append(" *__kernelstructs_probe").Append(i++).Append(";\n");

                // BTF has offsets and sizes but no alignments; an alignment the offsets do not show (aligned(n) on a
                // trailing flexible array that ends up aligned anyway) is stated as the length of a char array type.
                probe.Append("typedef char ").Append(Scaffolder.AlignmentHint(kind ?? BtfKind.Struct, name)).Append("[_Alignof(").Append(tag).Append(")];\n");
                probe.Append(Scaffolder.AlignmentHint(kind ?? BtfKind.Struct, name)).Append(" *__kernelstructs_alignof").Append(i).Append(";\n");
            }

            var source = Path.Combine(directory.FullName, "probe.c");
            var obj = Path.Combine(directory.FullName, "probe.o");
            var btf = Path.Combine(directory.FullName, "probe.btf");
            File.WriteAllText(source, probe.ToString());
            string built;
            if (kernelBuild is null)
            {
                Run(compiler, new[] { "-g", "-c", "-o", obj }.Concat(compilerArguments).Append(source), "compiling the probe\n" + probe, includes);
                built = $"{compiler} {Run(compiler, new[] { "-dumpfullversion" }, "asking the compiler's version").Trim()}";
            }
            else
            {
                File.WriteAllText(Path.Combine(directory.FullName, "Kbuild"), $"obj-m := probe.o\nccflags-y := -g {string.Join(" ", compilerArguments)}\n");
                Run("make", new[] { "-s", "-C", kernelBuild, "M=" + directory.FullName, "probe.o" }, "compiling the probe with kbuild\n" + probe, includes);
                built = $"kbuild in {kernelBuild} (Linux {KernelRelease(kernelBuild)})";
            }

            Run("pahole", new[] { "-J", "--btf_encode_detached=" + btf, obj }, "encoding the probe's DWARF as BTF");
            var types = BtfTypes.Parse(File.ReadAllBytes(btf), source: string.Join(", ", includes));
            return (types, $"{string.Join(", ", includes.Select(h => "<" + h + ">"))} with {built}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The release a kernel build tree was configured for (<c>6.1.0-56-amd64</c>), from its <c>utsrelease.h</c>.</summary>
    public static string KernelRelease(string kernelBuild)
    {
        var file = Path.Combine(kernelBuild, "include", "generated", "utsrelease.h");
        if (!File.Exists(file))
        {
            return "of unknown release";
        }

        var text = File.ReadAllText(file);
        var start = text.IndexOf('"', StringComparison.Ordinal);
        var end = start < 0 ? -1 : text.IndexOf('"', start + 1);
        return end > start ? text[(start + 1)..end] : "of unknown release";
    }

    private static string Run(string program, IEnumerable<string> arguments, string what, IReadOnlyList<string>? includes = null)
    {
        int exit;
        string stdout, stderr;
        try
        {
            (exit, stdout, stderr) = ToolProcess.Run(program, arguments);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ScaffoldException($"{program} cannot run ({what}): {e.Message}; is it installed?");
        }

        if (exit != 0)
        {
            // The alignment hint of a type the headers do not define: say which, not gcc's complaint about _Alignof.
            var incomplete = System.Text.RegularExpressions.Regex.Matches(stderr + stdout, @"incomplete type '((?:struct|union) \w+)'")
                .Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
            if (incomplete.Count > 0)
            {
                throw new ScaffoldException($"{string.Join(", ", incomplete)} {(incomplete.Count == 1 ? "is not a struct or union" : "are not structs or unions")} the headers define ({string.Join(", ", includes ?? Array.Empty<string>())})");
            }

            throw new ScaffoldException($"{program} failed with exit code {exit} ({what}):\n{stderr}{stdout}");
        }

        return stdout;
    }
}
