using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.IO;
using System.Linq;

namespace KernelStructs.Verification;

/// <summary>
/// The command the package's build step runs after compiling (<c>KernelStructsVerifyHeaders</c>):
/// <c>dotnet exec KernelStructs.Verification.dll verify &lt;assembly&gt; [--abis "x86_64;arm"] [--cflags "-I dir"] [--probe-dir dir]</c>.
/// It prints each finding in MSBuild's canonical format, so the build reports KS12xx errors at the C# field.
/// </summary>
/// <remarks>
/// Exit codes, which the build step tells apart: 0 verified; 1 a mirror differs from its header; 2 the command line
/// or the assembly is wrong (nothing verified); 3 the C toolchain is incomplete (a compiler or the C library headers of
/// an ABI are missing: the findings name the package), and no mirror was found to differ.
/// </remarks>
internal static class Program
{
    private const int Verified = 0;
    private const int LayoutDiffers = 1;
    private const int CannotRun = 2;
    private const int ToolchainIncomplete = 3;

    private static int Main(string[] args)
    {
        var assembly = new Argument<FileInfo>("assembly") { Description = "The compiled assembly whose layout manifests to read (built with KernelStructsLayoutManifest or KernelStructsVerifyHeaders)." };
        assembly.AcceptExistingOnly();

        var abis = new Option<string[]>("--abis")
        {
            Description = "Only these ABIs, each of them required (x86_64, aarch64, arm, s390x; separated by ';', ',' or spaces). Default: all, a missing cross compiler being a warning.",
            CustomParser = result => result.Tokens.SelectMany(t => t.Value.Split(new[] { ';', ',', ' ' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
        };
        abis.Validators.Add(result =>
        {
            foreach (var abi in result.GetValueOrDefault<string[]>() ?? Array.Empty<string>())
            {
                if (!CCompilerTarget.All.Any(t => string.Equals(t.Abi, abi, StringComparison.OrdinalIgnoreCase)))
                {
                    result.AddError($"unknown ABI '{abi}': KernelStructs verifies {string.Join(", ", CCompilerTarget.All.Select(t => t.Abi))}");
                }
            }
        });
        var cflags = new Option<string?>("--cflags") { Description = "Extra compiler arguments for every ABI, split at white space (e.g. \"-I include\")." };
        var probeDirectory = new Option<DirectoryInfo?>("--probe-dir") { Description = "Keep the C probes in this directory." };
        var sourceRoot = new Option<DirectoryInfo?>("--source-root") { Description = "The project directory: relative source paths in the manifests are reported under it." };
        var pathMap = new Option<string?>("--path-map") { Description = "The compiler's PathMap (original=mapped,...): mapped source paths are reported at their original place." };
        var kernelBuild = new Option<string?>("--kernel-build") { Description = "The kernel build tree that kernel-internal headers (Internal = true) are compiled in with kbuild. Default: /lib/modules/$(uname -r)/build." };

        var verify = new Command("verify", "Checks every kernel struct of the assembly that names a header against the C headers, with the system C compiler and each installed cross compiler.")
        {
            assembly, abis, cflags, probeDirectory, sourceRoot, pathMap, kernelBuild,
        };
        verify.SetAction(parse =>
        {
            var options = new HeaderVerifierOptions
            {
                ProbeDirectory = parse.GetValue(probeDirectory)?.FullName,
                SourceRoot = parse.GetValue(sourceRoot)?.FullName,
                KernelBuildDirectory = string.IsNullOrEmpty(parse.GetValue(kernelBuild)) ? null : parse.GetValue(kernelBuild),
            };
            foreach (var abi in parse.GetValue(abis) ?? Array.Empty<string>())
            {
                options.Abis.Add(abi);
            }

            foreach (var argument in (parse.GetValue(cflags) ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                options.CompilerArguments.Add(argument);
            }

            options.AddPathMap(parse.GetValue(pathMap));
            return Verify(parse.GetRequiredValue(assembly).FullName, options);
        });

        var layoutAssembly = new Argument<FileInfo>("assembly") { Description = "The compiled assembly whose layout manifests to read." };
        layoutAssembly.AcceptExistingOnly();
        var filter = new Argument<string?>("filter") { Description = "Only the structs whose C# or C name contains this text.", Arity = ArgumentArity.ZeroOrOne };
        var layout = new Command("layout", "Prints the layout pictures (as pahole prints them, on every ABI) of the kernel structs in the assembly.")
        {
            layoutAssembly, filter,
        };
        layout.SetAction(parse => Layout(parse.GetRequiredValue(layoutAssembly).FullName, parse.GetValue(filter)));

        var btfAssembly = new Argument<FileInfo>("assembly") { Description = "The compiled assembly whose layout manifests to read." };
        btfAssembly.AcceptExistingOnly();
        var btfDirectory = new Option<string?>("--btf-dir") { Description = $"Where the kernel's BTF is (vmlinux and the loaded modules'). Default: {Btf.KernelBtf.DefaultDirectory}." };
        var btfSourceRoot = new Option<DirectoryInfo?>("--source-root") { Description = "The project directory: relative source paths in the manifests are reported under it." };
        var btfPathMap = new Option<string?>("--path-map") { Description = "The compiler's PathMap (original=mapped,...): mapped source paths are reported at their original place." };
        var verifyBtf = new Command("verify-btf", "Checks every kernel struct of the assembly against the build machine's kernel BTF: no headers or compiler needed.")
        {
            btfAssembly, btfDirectory, btfSourceRoot, btfPathMap,
        };
        verifyBtf.SetAction(parse =>
        {
            var sourcePaths = new HeaderVerifierOptions { SourceRoot = parse.GetValue(btfSourceRoot)?.FullName };
            sourcePaths.AddPathMap(parse.GetValue(btfPathMap));
            return VerifyBtf(parse.GetRequiredValue(btfAssembly).FullName, parse.GetValue(btfDirectory), sourcePaths);
        });

        var root = new RootCommand("KernelStructs verification: checks [KernelStruct] mirrors against the real C headers or the kernel's BTF (exit codes: 0 verified, 1 a mirror differs, 2 nothing verified: bad arguments or assembly, 3 the C toolchain is incomplete).")
        {
            verify, verifyBtf, layout,
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine($"KernelStructs.Verification : error KS1205: {error.Message}");
            }

            Console.Error.WriteLine("Run 'KernelStructs.Verification --help' for usage.");
            return CannotRun;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is ArgumentException or FormatException or BadImageFormatException or IOException or UnauthorizedAccessException)
        {
            Console.Out.WriteLine($"KernelStructs.Verification : error KS1205: {e.Message}");
            return CannotRun;
        }
    }

    private static int Verify(string assembly, HeaderVerifierOptions options)
    {
        var report = HeaderVerifier.VerifyFile(assembly, options);
        foreach (var finding in report.Findings)
        {
            Console.Out.WriteLine(finding.ToCanonicalString());
        }

        Console.Out.WriteLine(report.ToString().Split('\n')[0]);
        return report.Succeeded ? Verified
            : report.LayoutDiffers ? LayoutDiffers
            : report.ToolchainIncomplete ? ToolchainIncomplete
            : CannotRun;
    }

    /// <summary>Checks the mirrors against the build machine's BTF; prints each finding in MSBuild's canonical format.</summary>
    private static int VerifyBtf(string assembly, string? directory, HeaderVerifierOptions sourcePaths)
    {
        var (report, lines) = BtfVerifier.VerifyFile(assembly, string.IsNullOrEmpty(directory) ? Btf.KernelBtf.DefaultDirectory : directory, sourcePaths);
        foreach (var line in lines)
        {
            Console.Out.WriteLine(line);
        }

        Console.Out.WriteLine(report.ToString().Split('\n')[0]);
        return report.Succeeded ? Verified : LayoutDiffers;
    }

    /// <summary>Prints the layout pictures of the kernel structs in an assembly (those whose C# or C name contains <paramref name="filter"/>).</summary>
    private static int Layout(string assembly, string? filter)
    {
        var manifests = StructManifest.ReadFrom(assembly);
        if (manifests.Count == 0)
        {
            Console.Out.WriteLine($"KernelStructs.Verification : error KS1205: {Path.GetFileName(assembly)} carries no KernelStructs layout manifest: build it with -p:KernelStructsLayoutManifest=true");
            return CannotRun;
        }

        var shown = manifests
            .Where(m => string.IsNullOrEmpty(filter) || m.Type.Contains(filter, StringComparison.OrdinalIgnoreCase) || m.CType.Contains(filter, StringComparison.OrdinalIgnoreCase))
            .OrderBy(m => m.Type, StringComparer.Ordinal)
            .ToList();
        foreach (var manifest in shown)
        {
            Console.Out.WriteLine($"// {manifest.Type}{(manifest.Header is null ? "" : $" <{manifest.Header}>")}");
            foreach (var picture in manifest.Pictures)
            {
                Console.Out.WriteLine($"// {string.Join(", ", picture.Abis)}:");
                foreach (var line in picture.Lines)
                {
                    Console.Out.WriteLine(line);
                }
            }

            Console.Out.WriteLine();
        }

        if (shown.Count == 0)
        {
            Console.Out.WriteLine($"KernelStructs.Verification : warning KS1205: no kernel struct matches '{filter}'");
        }

        return Verified;
    }
}
