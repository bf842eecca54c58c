using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace KernelStructs.Verification;

/// <summary>A linux ABI the verifier checks, and the C compiler and packages that target it on this machine.</summary>
/// <remarks>The ABIs and their facts come from the generator's ABI table (<c>Layout/Abi.cs</c>, compiled in here).</remarks>
public sealed partial class CCompilerTarget
{
    private readonly KernelStructs.Generator.Layout.Abi _abi;

    private CCompilerTarget(KernelStructs.Generator.Layout.Abi abi) => _abi = abi;

    /// <summary>The ABI as the generator names it: x86_64, aarch64, arm, s390x.</summary>
    public string Abi => _abi.Name;

    /// <summary>The GNU triple of the cross compiler (<c>aarch64-linux-gnu</c>).</summary>
    public string Triple => _abi.Triple;

    private string DebianArch => _abi.DebianArch;

    /// <summary>Every ABI the generator computes layouts for.</summary>
    public static IReadOnlyList<CCompilerTarget> All { get; } = KernelStructs.Generator.Layout.Abi.All.Select(a => new CCompilerTarget(a)).ToArray();

    /// <summary>The target named <paramref name="abi"/>.</summary>
    /// <exception cref="ArgumentException">No such ABI.</exception>
    public static CCompilerTarget ByAbi(string abi) =>
        All.FirstOrDefault(t => string.Equals(t.Abi, abi, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown ABI '{abi}': KernelStructs verifies {string.Join(", ", All.Select(t => t.Abi))}.", nameof(abi));

    /// <summary>Whether this is the machine's own ABI, whose compiler is the system C compiler.</summary>
    public bool IsHost => RuntimeInformation.OSArchitecture.ToString() == _abi.ProcessArchitecture;

    /// <summary>The compilers tried in order: the system <c>cc</c>/<c>gcc</c> for the host's ABI, then the cross <c>gcc</c>.</summary>
    public IReadOnlyList<string> Candidates => IsHost ? new[] { "cc", "gcc", _abi.CrossCompiler } : new[] { _abi.CrossCompiler };

    /// <summary>The Debian/Ubuntu package that provides a compiler for this ABI.</summary>
    public string CompilerPackage => IsHost ? "gcc" : "gcc-" + Triple;

    /// <summary>The Debian/Ubuntu package that provides the headers of <paramref name="header"/> for this ABI.</summary>
    public string HeaderPackage(string header) =>
        header.StartsWith("linux/", StringComparison.Ordinal) || header.StartsWith("asm/", StringComparison.Ordinal) || header.StartsWith("asm-generic/", StringComparison.Ordinal)
            ? (IsHost ? "linux-libc-dev" : $"linux-libc-dev-{DebianArch}-cross")
            : (IsHost ? "libc6-dev" : $"libc6-dev-{DebianArch}-cross");

    /// <summary>
    /// The package to install when this ABI's compiler cannot find <paramref name="missingFile"/>, a header that a probe
    /// includes directly or through another header (<c>asm/types.h</c> from <c>&lt;linux/types.h&gt;</c>). A cross compiler
    /// installed without its C library (apt only recommends <c>libc6-dev-ARCH-cross</c>) finds the host's
    /// <c>/usr/include/linux</c> but not the ABI's <c>asm/</c> headers: the toolchain is incomplete, the mirror is not wrong.
    /// </summary>
    public string PackageFor(string missingFile) => IsHost ? HeaderPackage(missingFile) : $"libc6-dev-{DebianArch}-cross";

    /// <summary>
    /// Why <paramref name="compiler"/> cannot compile a probe for this ABI, with the package to install; <see langword="null"/>
    /// when it can. It compiles what every probe needs (<c>&lt;stddef.h&gt;</c>, <c>&lt;linux/types.h&gt;</c>,
    /// <c>&lt;sys/socket.h&gt;</c>) with <c>-fsyntax-only</c>.
    /// </summary>
    public string? FindToolchainProblem(string compiler, IEnumerable<string>? arguments = null)
    {
        var file = Path.Combine(Path.GetTempPath(), $"kernelstructs-toolchain-{Abi}-{Environment.ProcessId}-{Guid.NewGuid():N}.c");
        try
        {
            File.WriteAllText(file, "#include <stddef.h>\n#include <linux/types.h>\n#include <sys/socket.h>\n");
            var (exit, _, error) = ToolProcess.Run(compiler, new[] { "-fsyntax-only", "-std=gnu11", "-fno-diagnostics-color" }.Concat(arguments ?? Array.Empty<string>()).Append(file));
            if (exit == 0)
            {
                return null;
            }

            return FindMissingFile(error) is { } missing
                ? IncompleteToolchain(compiler, missing)
                : $"{compiler} cannot compile a minimal {Abi} probe: {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{compiler} cannot be started: {e.Message} (apt-get install {CompilerPackage})";
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The message for a compiler that cannot find a header it needs: the toolchain, not the layout, and what to install.</summary>
    public string IncompleteToolchain(string compiler, string missingFile) =>
        $"the {Abi} C toolchain is incomplete: {compiler} cannot find <{missingFile}> (apt-get install {PackageFor(missingFile)})";

    /// <summary>The header a compiler reported missing (<c>fatal error: asm/types.h: No such file or directory</c>), or <see langword="null"/>.</summary>
    public static string? FindMissingFile(string compilerErrors) =>
        MissingFile().Match(compilerErrors) is { Success: true } match ? match.Groups["file"].Value : null;

    [GeneratedRegex(@"fatal error:\s*(?<file>[^:\s]+):\s*No such file or directory")]
    private static partial Regex MissingFile();

    /// <summary>The first candidate compiler found on <c>PATH</c>, or <see langword="null"/>.</summary>
    public string? FindCompiler() => Candidates.Select(Resolve).FirstOrDefault(c => c is not null);

    /// <summary>A compiler given by path, or by name on <c>PATH</c>; <see langword="null"/> when there is no such file.</summary>
    public static string? Resolve(string compiler)
    {
        if (compiler.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(compiler) ? compiler : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, compiler))
            .FirstOrDefault(File.Exists);
    }

    /// <inheritdoc/>
    public override string ToString() => Abi;
}
