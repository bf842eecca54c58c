using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace KernelStructs.Verification;

/// <summary>What <see cref="HeaderVerifier"/> checks and with which compilers.</summary>
public sealed class HeaderVerifierOptions
{
    /// <summary>
    /// The ABIs to check (x86_64, aarch64, arm, s390x). Empty: every ABI, where a missing cross compiler is a
    /// warning; an ABI listed here must be checked, so its missing compiler is an error. The host's own ABI
    /// (the system C compiler) is always required.
    /// </summary>
    public IList<string> Abis { get; } = new List<string>();

    /// <summary>Extra compiler arguments for every ABI, e.g. <c>-I</c> a directory with your module's headers, or <c>-include sys/socket.h</c>.</summary>
    public IList<string> CompilerArguments { get; } = new List<string>();

    /// <summary>Compilers to use instead of the ones found on <c>PATH</c>, by ABI.</summary>
    public IDictionary<string, string> Compilers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where to keep the C probes (one per header and ABI); <see langword="null"/>: a temporary directory, deleted afterwards.</summary>
    public string? ProbeDirectory { get; set; }

    /// <summary>
    /// The directory the manifests' relative source paths are relative to (the generator writes them relative to the
    /// project directory); <see langword="null"/>: findings keep the paths as the manifest has them.
    /// </summary>
    public string? SourceRoot { get; set; }

    /// <summary>
    /// The compiler's <c>/pathmap</c> (MSBuild <c>PathMap</c>: <c>original=mapped</c> pairs): a source path the manifest
    /// records as mapped (<c>/_/src/Mirrors.cs</c>) is reported at its original place.
    /// </summary>
    public IList<KeyValuePair<string, string>> PathMap { get; } = new List<KeyValuePair<string, string>>();

    /// <summary>A manifest's source path as a place on this machine (see <see cref="SourceRoot"/> and <see cref="PathMap"/>).</summary>
    public string? ResolveSourcePath(string? file)
    {
        if (string.IsNullOrEmpty(file))
        {
            return file;
        }

        foreach (var (original, mapped) in PathMap.OrderByDescending(p => p.Value.Length))
        {
            if (mapped.Length > 0 && file.StartsWith(mapped, StringComparison.Ordinal))
            {
                return Path.Join(original, file[mapped.Length..].TrimStart('/'));
            }
        }

        return SourceRoot is { } root && !Path.IsPathRooted(file) ? Path.GetFullPath(Path.Combine(root, file)) : file;
    }

    /// <summary>Adds the pairs of an MSBuild <c>PathMap</c> value (<c>a=b,c=d</c>).</summary>
    public void AddPathMap(string? pathMap)
    {
        foreach (var entry in (pathMap ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                PathMap.Add(new KeyValuePair<string, string>(entry[..equals], entry[(equals + 1)..]));
            }
        }
    }

    /// <summary>
    /// The kernel build tree that kernel-internal headers (<c>Internal = true</c>) are compiled in, with kbuild
    /// (<c>make -C &lt;tree&gt; M=&lt;probe directory&gt;</c>): e.g. <c>/usr/src/linux-headers-RELEASE-amd64</c> from Debian's
    /// <c>linux-headers-amd64</c>. <see langword="null"/>: <c>/lib/modules/$(uname -r)/build</c>, the running kernel's.
    /// </summary>
    public string? KernelBuildDirectory { get; set; }
}

/// <summary>
/// Checks <c>[KernelStruct]</c> mirrors against the real C headers on this machine: for every struct with a
/// <c>Header</c>, it writes a C probe of <c>_Static_assert</c>s on <c>sizeof</c>, <c>_Alignof</c>,
/// <c>offsetof</c> and member sizes, built from the layout the generated constants state on each ABI, and
/// compiles it with the system C compiler and each installed cross compiler (aarch64, 32-bit arm, s390x).
/// A failed assertion is reported with gcc's own number, read from a second probe, next to the mirror's.
/// </summary>
/// <remarks>
/// The layouts come from the layout manifest the generator compiles into the assembly when the project sets
/// <c>&lt;KernelStructsLayoutManifest&gt;true&lt;/KernelStructsLayoutManifest&gt;</c> (or
/// <c>KernelStructsVerifyHeaders</c>, which also runs this check after every build). In a test:
/// <code>HeaderVerifier.Verify(typeof(MySockAddr).Assembly).ThrowIfFailed();</code>
/// </remarks>
public static class HeaderVerifier
{
    /// <summary>Verifies every kernel struct of a loaded assembly.</summary>
    public static HeaderVerificationReport Verify(Assembly assembly, HeaderVerifierOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var manifests = StructManifest.ReadFrom(assembly);
        return manifests.Count == 0
            ? NoManifest(assembly.GetName().Name ?? assembly.FullName ?? "the assembly")
            : Verify(manifests, options, cancellationToken);
    }

    /// <summary>Verifies the given kernel structs.</summary>
    public static HeaderVerificationReport Verify(IEnumerable<Type> types, HeaderVerifierOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(types);
        var manifests = new List<StructManifest>();
        foreach (var type in types)
        {
            var name = (type.FullName ?? type.Name).Replace('+', '.');
            var manifest = StructManifest.ReadFrom(type.Assembly).FirstOrDefault(m => m.Type == name);
            if (manifest is null)
            {
                return NoManifest(name);
            }

            manifests.Add(manifest);
        }

        return Verify(manifests, options, cancellationToken);
    }

    /// <summary>Verifies every kernel struct of an assembly file, read without loading it (what the build step runs).</summary>
    public static HeaderVerificationReport VerifyFile(string assemblyPath, HeaderVerifierOptions? options = null, CancellationToken cancellationToken = default)
    {
        var manifests = StructManifest.ReadFrom(assemblyPath);
        return manifests.Count == 0 ? NoManifest(Path.GetFileName(assemblyPath)) : Verify(manifests, options, cancellationToken);
    }

    /// <summary>Verifies the given manifests.</summary>
    public static HeaderVerificationReport Verify(IReadOnlyList<StructManifest> manifests, HeaderVerifierOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        options ??= new HeaderVerifierOptions();
        var findings = new List<HeaderProbe.RawFinding>();
        var requested = options.Abis.Select(CCompilerTarget.ByAbi).ToList();
        var targets = requested.Count > 0 ? requested : CCompilerTarget.All.ToList();

        var compilers = new List<(CCompilerTarget Target, string Compiler)>();
        foreach (var target in targets)
        {
            var compiler = options.Compilers.TryGetValue(target.Abi, out var given)
                ? (CCompilerTarget.Resolve(given) is { } found ? found : null)
                : target.FindCompiler();
            if (compiler is not null)
            {
                compilers.Add((target, compiler));
                continue;
            }

            var required = target.IsHost || requested.Count > 0;
            var what = given is not null ? given : target.IsHost ? "the system C compiler (cc or gcc)" : string.Join(" or ", target.Candidates);
            findings.Add(new HeaderProbe.RawFinding(
                "KS1203",
                required ? HeaderFindingSeverity.Error : HeaderFindingSeverity.Warning,
                $"missing-compiler|{target.Abi}",
                abis => $"{what} is not installed: the {abis} layouts are not verified (apt-get install {target.CompilerPackage})",
                target.Abi));
        }

        // Types without a name are checked through the structs whose members have them.
        var named = manifests.Where(m => !m.Unnamed).ToList();
        var withHeader = named.Where(m => !string.IsNullOrWhiteSpace(m.Header)).ToList();
        var groups = withHeader.GroupBy(m => ProbeSource.Of(m).Key, StringComparer.Ordinal).Select(g => (Source: ProbeSource.Of(g.First()), Structs: (IReadOnlyList<StructManifest>)g.ToList())).ToList();
        var jobs = (from c in compilers
                    from g in groups.Where(g => !g.Source.Internal)
                    select new HeaderProbe(c.Target, c.Compiler, g.Source, g.Structs, options.CompilerArguments, required: c.Target.IsHost || requested.Count > 0)).ToList();
        var internalGroups = groups.Where(g => g.Source.Internal).ToList();
        if (internalGroups.Count > 0)
        {
            jobs.AddRange(KernelBuildJobs(internalGroups, targets, options, findings));
        }

        var probeDirectory = options.ProbeDirectory ?? Directory.CreateTempSubdirectory("kernelstructs-verify-").FullName;
        try
        {
            Directory.CreateDirectory(probeDirectory);
            Parallel.ForEach(
                jobs,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount), CancellationToken = cancellationToken },
                job => job.Run(probeDirectory, cancellationToken));
        }
        finally
        {
            if (options.ProbeDirectory is null)
            {
                try
                {
                    Directory.Delete(probeDirectory, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }

        findings.AddRange(jobs.SelectMany(j => j.Findings));
        return new HeaderVerificationReport(
            Merge(findings, options),
            compilers.Select(c => c.Target.Abi).ToList(),
            withHeader.Select(m => m.Type).ToList(),
            named.Where(m => string.IsNullOrWhiteSpace(m.Header)).Select(m => m.Type).ToList(),
            jobs.Sum(j => j.Checks));
    }

    /// <summary>
    /// The probes of kernel-internal headers: compiled by kbuild in the kernel build tree, for the ABI that tree is
    /// configured for (the machine's own); the other ABIs are named in an info finding.
    /// </summary>
    private static IEnumerable<HeaderProbe> KernelBuildJobs(List<(ProbeSource Source, IReadOnlyList<StructManifest> Structs)> groups, List<CCompilerTarget> targets, HeaderVerifierOptions options, List<HeaderProbe.RawFinding> findings)
    {
        var first = groups[0].Structs[0];
        var host = targets.FirstOrDefault(t => t.IsHost);
        var types = string.Join(", ", groups.SelectMany(g => g.Structs).Select(s => s.Type[(s.Type.LastIndexOf('.') + 1)..]));
        foreach (var other in targets.Where(t => !t.IsHost))
        {
            findings.Add(new HeaderProbe.RawFinding("KS1206", HeaderFindingSeverity.Info, "internal-abi", abis => $"kernel-internal types ({types}) are verified on this machine's ABI only, in its kernel build tree: not on {abis}", other.Abi));
        }

        if (host is null)
        {
            yield break;
        }

        var tree = options.KernelBuildDirectory ?? Path.Combine("/lib/modules", KernelRelease() ?? "unknown", "build");
        string? problem = null;
        if (!File.Exists(Path.Combine(tree, "Makefile")))
        {
            problem = options.KernelBuildDirectory is null
                ? $"the running kernel's build tree {tree} does not exist: apt-get install linux-headers-$(uname -r), or name a kernel build tree (KernelStructsKernelBuild, e.g. /usr/src/linux-headers-RELEASE-amd64 from linux-headers-amd64)"
                : $"{tree} is not a kernel build tree (it has no Makefile): name the directory of a kernel build (KernelStructsKernelBuild, e.g. /usr/src/linux-headers-RELEASE-amd64)";
        }

        var make = CCompilerTarget.Resolve("make");
        if (problem is null && make is null)
        {
            problem = "make is not installed (apt-get install make): kbuild needs it";
        }

        if (problem is not null)
        {
            findings.Add(new HeaderProbe.RawFinding("KS1204", HeaderFindingSeverity.Error, "kernel-build", abis => $"kernel-internal types ({types}) are not verified on {abis}: {problem}", host.Abi)
            {
                Type = first.Type,
                File = first.File,
                Line = first.Line,
                Column = first.Column,
            });
            yield break;
        }

        foreach (var (source, structs) in groups)
        {
            yield return new HeaderProbe(host, make!, source, structs, options.CompilerArguments, Path.GetFullPath(tree));
        }
    }

    /// <summary>The running kernel's release (<c>uname -r</c>).</summary>
    private static string? KernelRelease()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>One finding per problem: the same mismatch on several ABIs is one finding naming them all.</summary>
    private static List<HeaderFinding> Merge(List<HeaderProbe.RawFinding> raw, HeaderVerifierOptions options)
    {
        var abiOrder = CCompilerTarget.All.Select(t => t.Abi).ToList();
        return raw
            .GroupBy(f => (f.Code, f.Severity, f.Key))
            .Select(g =>
            {
                var first = g.First();
                var abis = g.Select(f => f.Abi).Distinct().OrderBy(a => abiOrder.IndexOf(a)).ToList();
                return new HeaderFinding(first.Code, first.Severity, first.Message(string.Join(", ", abis)), abis)
                {
                    Type = first.Type,
                    Field = first.Field,
                    CType = first.CType,
                    CMember = first.CMember,
                    Quantity = first.Quantity,
                    Declared = first.Declared,
                    Actual = first.Actual,
                    File = options.ResolveSourcePath(first.File),
                    Line = first.Line,
                    Column = first.Column,
                };
            })
            .OrderBy(f => f.Severity)
            .ThenBy(f => f.File, StringComparer.Ordinal)
            .ThenBy(f => f.Line)
            .ToList();
    }

    private static HeaderVerificationReport NoManifest(string what) => new(
        new[]
        {
            new HeaderFinding(
                "KS1205",
                HeaderFindingSeverity.Error,
                $"{what} carries no KernelStructs layout manifest: set <KernelStructsLayoutManifest>true</KernelStructsLayoutManifest> (or <KernelStructsVerifyHeaders>true</KernelStructsVerifyHeaders>) in the project that declares the kernel structs",
                Array.Empty<string>()),
        },
        Array.Empty<string>(),
        Array.Empty<string>(),
        Array.Empty<string>(),
        0);
}
