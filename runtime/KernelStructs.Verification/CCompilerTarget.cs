using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace KernelStructs.Verification;

/// <summary>A linux ABI the verifier checks, and the C compiler and packages that target it on this machine.</summary>
/// <remarks>The ABIs and their facts come from the generator's ABI table (<c>Layout/Abi.cs</c>, compiled in here).</remarks>
public sealed class CCompilerTarget
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
