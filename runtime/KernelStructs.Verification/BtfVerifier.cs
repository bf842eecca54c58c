using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using KernelStructs.Btf;

namespace KernelStructs.Verification;

/// <summary>
/// Checks the mirrors of an assembly against the build machine's BTF (<c>/sys/kernel/btf</c>), from their layout
/// manifests, without loading the assembly: what the package's <c>KernelStructsVerifyBtf</c> build step runs. The check
/// itself is the runtime's <see cref="KernelLayout"/>, on layouts made from the manifests for the ABI the BTF describes.
/// </summary>
public static class BtfVerifier
{
    /// <summary>Checks the mirrors of an assembly file against the BTF in <paramref name="btfDirectory"/>.</summary>
    /// <returns>The report, and each finding in MSBuild's canonical format at the C# declaration it is about.</returns>
    /// <param name="assemblyPath">The assembly whose layout manifests to read.</param>
    /// <param name="btfDirectory">Where the kernel's BTF is.</param>
    /// <param name="sourcePaths">Maps the manifests' source paths to places on this machine (<see cref="HeaderVerifierOptions.SourceRoot"/>, <see cref="HeaderVerifierOptions.PathMap"/>); <see langword="null"/>: as recorded.</param>
    public static (KernelLayoutReport Report, IReadOnlyList<string> Lines) VerifyFile(string assemblyPath, string btfDirectory = KernelBtf.DefaultDirectory, HeaderVerifierOptions? sourcePaths = null)
    {
        var manifests = StructManifest.ReadFrom(assemblyPath);
        KernelLayoutReport report;
        if (!KernelBtf.TryOpen(out var btf, out var problem, btfDirectory))
        {
            report = new KernelLayoutReport(
                new[] { new KernelLayoutFinding("KS1213", KernelLayoutSeverity.Warning, $"the mirrors are not checked against BTF: {problem}") },
                Array.Empty<string>(),
                manifests.Select(m => m.Type).ToList(),
                problem);
        }
        else
        {
            report = Verify(manifests, btf, HostAbi());
        }

        return (report, report.Findings.Select(f => Canonical(f, manifests, sourcePaths)).ToList());
    }

    /// <summary>Checks manifests against <paramref name="btf"/> with their layouts on <paramref name="abi"/> (the ABI of the kernel the BTF is from).</summary>
    public static KernelLayoutReport Verify(IReadOnlyList<StructManifest> manifests, KernelBtf btf, string abi)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        ArgumentNullException.ThrowIfNull(btf);
        return KernelLayout.Verify(manifests.Where(m => !m.Unnamed).Select(m => ToLayout(m, abi)), btf);
    }

    /// <summary>The layout a manifest states for <paramref name="abi"/>, as the generated <c>Layout</c> states it on that ABI.</summary>
    /// <exception cref="ArgumentException">The manifest has no layout for <paramref name="abi"/>.</exception>
    public static KernelStructLayout ToLayout(StructManifest manifest, string abi)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var index = manifest.Abis.ToList().IndexOf(abi);
        if (index < 0)
        {
            throw new ArgumentException($"The layout manifest of {manifest.Type} has no {abi} layout (it has {string.Join(", ", manifest.Abis)}).", nameof(abi));
        }

        var extent = manifest.IsPrefix ? StructExtent.Prefix : manifest.IsGrowing ? StructExtent.Growing : StructExtent.Complete;
        return new KernelStructLayout(manifest.Type, manifest.CType, manifest.Size[index], extent, Members(manifest.Type, manifest.Fields, index), Flexible(manifest.Flexible, index));
    }

    /// <summary>The ABI of this machine, as the manifests name it.</summary>
    public static string HostAbi() => CCompilerTarget.All.FirstOrDefault(t => t.IsHost)?.Abi
        ?? throw new PlatformNotSupportedException($"KernelStructs has no ABI for {System.Runtime.InteropServices.RuntimeInformation.OSArchitecture}.");

    private static List<KernelMemberLayout> Members(string typeName, IReadOnlyList<FieldManifest> fields, int abi) => fields
        .Select(f => new KernelMemberLayout(
            f.Name,
            f.Anonymous || f.BitFields is { Count: > 0 } ? null : f.CName,
            f.Offset[abi],
            f.Size[abi],
            f.Type is { } type
                ? new KernelStructLayout($"{typeName}.{f.Name}", type.CType, type.Size[abi], StructExtent.Complete, Members($"{typeName}.{f.Name}", type.Fields, abi), Flexible(type.Flexible, abi))
                : null,
            f.BitFields?.Select(b => new KernelBitFieldLayout(b.Name, b.Width)).ToList()))
        .ToList();

    private static KernelFlexibleLayout? Flexible(FlexibleManifest? flexible, int abi)
        => flexible is null ? null : new KernelFlexibleLayout(flexible.CName, flexible.Offset[abi]);

    /// <summary>A finding in MSBuild's canonical format, at the C# field it is about (or the struct).</summary>
    private static string Canonical(KernelLayoutFinding finding, IReadOnlyList<StructManifest> manifests, HeaderVerifierOptions? sourcePaths)
    {
        var manifest = manifests.FirstOrDefault(m => m.Type == finding.Type);
        string? file = manifest?.File;
        int line = manifest?.Line ?? 0, column = manifest?.Column ?? 0;
        if (manifest is not null && finding.Member is { } path)
        {
            var fields = manifest.Fields;
            foreach (var part in path.Split('.'))
            {
                var field = fields.FirstOrDefault(f => f.Name == part);
                if (field is null)
                {
                    break;
                }

                if (!string.IsNullOrEmpty(field.File))
                {
                    (file, line, column) = (field.File, field.Line, field.Column);
                }

                fields = field.Type?.Fields ?? Array.Empty<FieldManifest>();
            }
        }

        file = sourcePaths is null ? file : sourcePaths.ResolveSourcePath(file);
        var origin = string.IsNullOrEmpty(file) ? "KernelStructs.Verification " : string.Create(CultureInfo.InvariantCulture, $"{file}({line},{column})");
        var severity = finding.Severity switch { KernelLayoutSeverity.Error => "error", KernelLayoutSeverity.Warning => "warning", _ => "info" };
        return $"{origin}: {severity} {finding.Code}: {finding.Message}";
    }
}
