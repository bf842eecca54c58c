using System;
using System.CommandLine;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using KernelStructs.Btf;
using KernelStructs.Verification;

namespace KernelStructs.Scaffold;

/// <summary>
/// <c>kernelstructs btf &lt;types&gt;</c> and <c>kernelstructs headers &lt;types&gt; --include &lt;header&gt;</c>: writes the
/// mirrors of C types as a C# file (standard output, or <c>--output</c>). Exit code 0 on success, 1 when a type is not
/// found or cannot be mirrored, or the command line is wrong (System.CommandLine says how).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var types = new Argument<string[]>("types") { Description = "C types to mirror: 'struct tcp_info', 'union nf_inet_addr', or a bare tag (tcp_info)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output", "-o") { Description = "The C# file to write (default: standard output)" };
        var ns = new Option<string>("--namespace", "-n") { Description = "The namespace of the output", DefaultValueFactory = _ => "KernelMirrors" };
        var cTypeNames = new Option<bool>("--c-type-names") { Description = "Name the C# types as C does (tcp_info) instead of TcpInfo" };
        var header = new Option<string?>("--header") { Description = "Header = on each mirror, for header verification (headers: the only --include by default)" };
        var isInternal = new Option<bool>("--internal") { Description = "The header is kernel-internal (Internal = true)" };
        var defines = new Option<string[]>("--define", "-D") { Description = "A macro the header needs (_GNU_SOURCE, NAME=value); repeat for more" };

        var btfFile = new Option<string?>("--btf") { Description = "A raw BTF file (default: the running kernel's /sys/kernel/btf/vmlinux and loaded modules)" };
        var btfBase = new Option<string?>("--base") { Description = "The base BTF of a split --btf file (a module's BTF needs vmlinux's)" };
        var btf = new Command("btf", "Mirror C types from BTF: the running kernel's, or a file") { types, output, ns, cTypeNames, header, isInternal, defines, btfFile, btfBase };
        btf.SetAction(result => Guard(() =>
        {
            var names = result.GetValue(types)!;
            var options = Options(result, ns, cTypeNames, header, isInternal, defines, null, null);
            Scaffolder scaffolder;
            if (result.GetValue(btfFile) is { } file)
            {
                var baseTypes = result.GetValue(btfBase) is { } b ? BtfTypes.Load(b) : null;
                var loaded = BtfTypes.Load(file, baseTypes);
                scaffolder = new Scaffolder(Options(result, ns, cTypeNames, header, isInternal, defines, $"the BTF file {Path.GetFileName(file)}", null));
                foreach (var name in names)
                {
                    scaffolder.Add(Scaffolder.Find(loaded, name) ?? throw new ScaffoldException($"{name} is not a struct or union in {file}"));
                }
            }
            else
            {
                if (!KernelBtf.TryOpen(out var kernel, out var problem))
                {
                    throw new ScaffoldException(problem);
                }

                scaffolder = new Scaffolder(Options(result, ns, cTypeNames, header, isInternal, defines, $"the BTF of Linux {Release()} ({KernelBtf.DefaultDirectory})", null));
                foreach (var name in names)
                {
                    scaffolder.Add(FindInKernel(kernel, name));
                }
            }

            Write(result.GetValue(output), scaffolder.Write());
        }));

        var includes = new Option<string[]>("--include", "-i") { Description = "A header to include (linux/tcp.h); repeat for more", Required = true };
        var compiler = new Option<string?>("--cc") { Description = "The C compiler, for one ABI (default: gcc; with --abis, each ABI's gcc)" };
        var abis = new Option<string[]>("--abis") { Description = $"The ABIs the mirrors must hold on, each compiled with its gcc: {string.Join(", ", CCompilerTarget.All.Select(t => t.Abi))} (comma-separated or repeated; default: the compiler's own)", AllowMultipleArgumentsPerToken = true };
        var cflags = new Option<string[]>("--cflag") { Description = "A compiler argument (-I/path/to/include); repeat for more. With --kernel-build, kbuild's ccflags-y" };
        var kernelBuild = new Option<string?>("--kernel-build") { Description = "A kernel build tree (/usr/src/linux-headers-RELEASE-amd64, /lib/modules/$(uname -r)/build): compile kernel-internal headers with kbuild there; implies --internal" };
        var headers = new Command("headers", "Mirror C types from headers: a probe compiled with -g (gcc, each ABI's cross gcc, or kbuild), its DWARF encoded to BTF with pahole -J") { types, includes, output, ns, cTypeNames, header, isInternal, defines, compiler, abis, cflags, kernelBuild };
        headers.SetAction(result => Guard(() =>
        {
            var names = result.GetValue(types)!;
            var included = result.GetValue(includes)!;
            var tree = result.GetValue(kernelBuild);
            var extra = result.GetValue(cflags) ?? Array.Empty<string>();
            var macros = result.GetValue(defines) ?? Array.Empty<string>();
            var compilers = Compilers(result.GetValue(abis), result.GetValue(compiler), tree);
            var probes = compilers.Select(c => (c.Abi, Probe: HeaderProbe.Compile(included, names, macros, extra, c.Compiler, tree))).ToList();

            // "<linux/tcp.h> with gcc 12.2.0 (x86_64), aarch64-linux-gnu-gcc 12.2.0 (aarch64)"
            var source = probes.Count == 1
                ? probes[0].Probe.Source
                : probes[0].Probe.Source[..(probes[0].Probe.Source.IndexOf(" with ", StringComparison.Ordinal) + 6)]
                  + string.Join(", ", probes.Select(p => $"{p.Probe.Source[(p.Probe.Source.IndexOf(" with ", StringComparison.Ordinal) + 6)..]} ({p.Abi})"));
            var options = Options(result, ns, cTypeNames, header, isInternal, defines, source, included.Length == 1 ? included[0] : null);
            Scaffolder? first = null;
            foreach (var (abi, (probed, _)) in probes)
            {
                var scaffolder = new Scaffolder(new ScaffoldOptions
                {
                    Namespace = options.Namespace,
                    CTypeNames = options.CTypeNames,
                    Header = options.Header,
                    Internal = options.Internal || tree is not null,
                    Defines = options.Defines,
                    Source = options.Source,
                    Abi = abi,
                });
                foreach (var name in names)
                {
                    scaffolder.Add(Scaffolder.Find(probed, name) ?? throw new ScaffoldException($"{name} is not a struct or union the headers define" + (abi is null ? "" : $" ({abi})")));
                }

                if (first is null)
                {
                    first = scaffolder;
                }
                else
                {
                    first.Unify(scaffolder);
                }
            }

            Write(result.GetValue(output), first!.Write());
        }));

        var root = new RootCommand("kernelstructs: writes [KernelStruct] mirrors of Linux kernel C types, from BTF or from C headers") { btf, headers };
        return root.Parse(args).Invoke();
    }

    private static ScaffoldOptions Options(ParseResult result, Option<string> ns, Option<bool> cTypeNames, Option<string?> header, Option<bool> isInternal, Option<string[]> defines, string? source, string? defaultHeader)
        => result.GetValue(isInternal) && (result.GetValue(header) ?? defaultHeader) is null
        ? throw new ScaffoldException("--internal needs --header: a kernel-internal mirror names the header that kbuild compiles it from")
        : new()
        {
            Namespace = result.GetValue(ns)!,
            CTypeNames = result.GetValue(cTypeNames),
            Header = result.GetValue(header) ?? defaultHeader,
            Internal = result.GetValue(isInternal),
            Defines = result.GetValue(defines) ?? Array.Empty<string>(),
            Source = source ?? "BTF",
        };

    /// <summary>The ABIs asked for and their compilers: each named ABI's gcc (it must be installed and complete), or <c>--cc</c> alone.</summary>
    private static List<(string? Abi, string Compiler)> Compilers(string[]? abis, string? compiler, string? kernelBuild)
    {
        var named = (abis ?? Array.Empty<string>()).SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (named.Count == 0)
        {
            var cc = compiler ?? "gcc";
            return new() { (kernelBuild is null ? AbiOf(cc) : "x86_64", cc) };
        }

        if (compiler is not null)
        {
            throw new ScaffoldException("--cc and --abis exclude each other: --abis compiles with each ABI's gcc");
        }

        if (kernelBuild is not null && named.Count > 1)
        {
            throw new ScaffoldException("--kernel-build compiles for the kernel build tree's own ABI only: name one ABI or none");
        }

        var result = new List<(string? Abi, string Compiler)>();
        foreach (var name in named)
        {
            CCompilerTarget target;
            try
            {
                target = CCompilerTarget.ByAbi(name);
            }
            catch (ArgumentException e)
            {
                throw new ScaffoldException(e.Message);
            }

            var cc = target.FindCompiler() ?? throw new ScaffoldException($"no C compiler for {target.Abi} is installed (apt-get install {target.CompilerPackage} {target.HeaderPackage("linux/types.h")})");
            if (kernelBuild is null && target.FindToolchainProblem(cc) is { } problem)
            {
                throw new ScaffoldException(problem);
            }

            result.Add((target.Abi, Path.GetFileName(cc)));
        }

        return result;
    }

    /// <summary>The ABI a compiler targets, when it is one of the known cross compilers or the system gcc; else <see langword="null"/>.</summary>
    private static string? AbiOf(string compiler)
    {
        var name = Path.GetFileName(compiler);
        return CCompilerTarget.All.FirstOrDefault(t => name.StartsWith(t.Triple + "-", StringComparison.Ordinal))?.Abi
            ?? CCompilerTarget.All.FirstOrDefault(t => t.IsHost && t.Candidates.Contains(name, StringComparer.Ordinal))?.Abi;
    }

    private static BtfType FindInKernel(KernelBtf kernel, string name)
    {
        var (kind, tag) = Scaffolder.SplitCName(name);
        var candidates = kind is null ? new[] { "struct " + tag, "union " + tag } : new[] { name.Trim() };
        string? why = null;
        foreach (var candidate in candidates)
        {
            if (kernel.TryFind(candidate, out var type, out var where))
            {
                return type;
            }

            why ??= where;
        }

        throw new ScaffoldException(why!);
    }

    private static string Release()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        }
        catch (IOException)
        {
            return Environment.OSVersion.Version.ToString();
        }
    }

    private static void Write(string? path, string text)
    {
        if (path is null)
        {
            Console.Out.Write(text);
        }
        else
        {
            File.WriteAllText(path, text);
        }
    }

    private static int Guard(Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (Exception e) when (e is ScaffoldException or BtfFormatException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("kernelstructs: " + e.Message);
            return 1;
        }
    }
}
