using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using KernelStructs.Btf;
using KernelStructs.Generator.Tests.Infrastructure;
using KernelStructs.Scaffold;
using Microsoft.CodeAnalysis;
using KernelStructs.Testing;
using Xunit;
using Xunit.Abstractions;

namespace KernelStructs.Generator.Tests.Scaffold;

/// <summary>
/// The scaffold round trip: every named mirror of the shipped catalog is scaffolded from this machine's BTF and from the
/// headers it names (gcc -g, pahole -J), the output is compiled with the generator (no KS diagnostic, no warning), and each
/// scaffolded mirror's size and every member's offset and size, by C designator, are compared with the shipped mirror's;
/// the BTF output is then verified against the running kernel.
/// </summary>
public class ScaffoldRoundTripTests
{
    private readonly ITestOutputHelper _output;

    public ScaffoldRoundTripTests(ITestOutputHelper output) => _output = output;

    private static IReadOnlyList<KernelStructLayout> Catalog => KernelLayout.LayoutsOf(typeof(KernelStructAttribute).Assembly);

    [SkippableFact]
    public void The_catalog_scaffolded_from_this_kernels_BTF_compiles_cleanly_matches_the_shipped_mirrors_and_verifies()
    {
        Skip.IfNot(KernelBtf.TryOpen(out var btf, out var problem), problem);
        var scaffolder = new Scaffolder(new ScaffoldOptions { Namespace = "Scaffolded", Source = "the running kernel's BTF" });
        var scaffolded = new List<KernelStructLayout>();
        foreach (var layout in Catalog)
        {
            if (btf.TryFind(layout.CName, out var type, out _))
            {
                scaffolder.Add(type);
                scaffolded.Add(layout);
            }
        }

        Assert.True(scaffolded.Count >= 40, $"only {scaffolded.Count} catalog structs are in this kernel's BTF");
        var assembly = CompileCleanly(scaffolder.Write());
        var table = Compare(scaffolded, assembly, "BTF (running kernel)");

        var report = KernelLayout.VerifyAll(assembly, btf);
        Assert.True(report.Succeeded, report.ToString());
        Assert.True(report.Verified.Count >= scaffolded.Count, report.ToString());
        _output.WriteLine(table);
    }

    [SkippableFact]
    public void The_catalogs_uapi_mirrors_scaffolded_from_their_headers_compile_cleanly_and_match_the_shipped_mirrors()
    {
        Skip.If(Which("pahole") is null || Which("gcc") is null, "gcc and pahole are needed to scaffold from headers");
        var byHeader = Catalog
            .Select(layout => (layout, attribute: typeof(KernelStructAttribute).Assembly.GetType(layout.TypeName)?.GetCustomAttribute<KernelStructAttribute>()))
            .Where(x => x.attribute is { Header: not null, Internal: false })
            .GroupBy(x => (x.attribute!.Header!, string.Join(";", x.attribute!.Includes ?? Array.Empty<string>()), string.Join(";", x.attribute!.Defines ?? Array.Empty<string>())))
            .ToList();
        Assert.NotEmpty(byHeader);

        var scaffolder = new Scaffolder(new ScaffoldOptions { Namespace = "Scaffolded", Source = "headers" });
        var compared = new List<KernelStructLayout>();
        foreach (var group in byHeader)
        {
            var (header, includes, defines) = group.Key;
            var headers = includes.Length == 0 ? new[] { header } : includes.Split(';').Append(header).ToArray();
            var names = group.Select(x => x.layout.CName).ToArray();
            var (types, _) = HeaderProbe.Compile(headers, names, defines.Length == 0 ? Array.Empty<string>() : defines.Split(';'), Array.Empty<string>());
            foreach (var name in names)
            {
                scaffolder.Add(Scaffolder.Find(types, name) ?? throw new InvalidOperationException($"{name} is not in the probe of {header}"));
            }

            compared.AddRange(group.Select(x => x.layout));
        }

        var assembly = CompileCleanly(scaffolder.Write());
        _output.WriteLine(Compare(compared, assembly, "headers (gcc -g, pahole -J)"));
    }

    [SkippableFact]
    public void The_catalogs_kernel_internal_mirrors_scaffolded_through_kbuild_compile_cleanly_and_match_the_shipped_mirrors()
    {
        Skip.If(Kbuild.SkipReason is not null, Kbuild.SkipReason);
        Skip.If(Which("pahole") is null, "pahole is needed to scaffold from headers (apt-get install dwarves)");
        var internals = Catalog
            .Select(layout => (layout, attribute: typeof(KernelStructAttribute).Assembly.GetType(layout.TypeName)?.GetCustomAttribute<KernelStructAttribute>()))
            .Where(x => x.attribute is { Header: not null, Internal: true })
            .ToList();
        Assert.NotEmpty(internals);

        var header = Assert.Single(internals.Select(x => x.attribute!.Header!).Distinct());
        var scaffolder = new Scaffolder(new ScaffoldOptions { Namespace = "Scaffolded", Source = "the kernel build headers", Header = header, Internal = true });
        foreach (var group in internals.GroupBy(x => x.attribute!.Header!))
        {
            var names = group.Select(x => x.layout.CName).ToArray();
            var (types, source) = HeaderProbe.Compile(new[] { group.Key }, names, Array.Empty<string>(), Array.Empty<string>(), kernelBuild: Kbuild.Tree);
            Assert.Contains("kbuild", source, StringComparison.Ordinal);
            foreach (var name in names)
            {
                scaffolder.Add(Scaffolder.Find(types, name) ?? throw new InvalidOperationException($"{name} is not in the kbuild probe of {group.Key}"));
            }
        }

        // The README's walk-through: the scaffold and a module's typed GET in the user's own code compile cleanly together.
        var assembly = CompileCleanly(scaffolder.Write() + ModuleClient);
        _output.WriteLine(Compare(internals.Select(x => x.layout).ToList(), assembly, $"kernel build headers ({Path.GetFileName(Kbuild.Tree)}, kbuild)"));
    }

    /// <summary>The user code of the README's "From a C struct to a typed GET" (the ctmod module's command), as written there.</summary>
    private const string ModuleClient = """

        public static partial class CtModOptions
        {
            [KernelStructs.SockOptCommand(KernelStructs.SocketLevel.IP, KernelStructs.SockOptDirection.Get, typeof(NfConntrackTuple))]
            public const int CTMOD_SO_GET_TUPLE = 3200;

            [KernelStructs.GetSockOpt(CTMOD_SO_GET_TUPLE)]
            public static partial void LookupTuple(System.Net.Sockets.Socket socket, ref NfConntrackTuple tuple);
        }
        """;

    [Fact]
    public void Bad_input_is_a_ScaffoldException_with_the_reason()
    {
        var e = Assert.Throws<ScaffoldException>(() => HeaderProbe.Compile(new[] { "linux/no_such_header.h" }, new[] { "struct x" }, Array.Empty<string>(), Array.Empty<string>()));
        Assert.Contains("no_such_header.h", e.Message);
    }

    /// <summary>Compiles scaffolded source with the generator; fails on any KS diagnostic or warning, and loads the result.</summary>
    private Assembly CompileCleanly(string source)
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        var diagnostics = result.Diagnostics.Concat(output.GetDiagnostics())
            .Where(d => d.Severity >= DiagnosticSeverity.Warning || d.Id.StartsWith("KS", StringComparison.Ordinal))
            .ToList();
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics) + "\n" + source);
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        stream.Position = 0;
        return new AssemblyLoadContext("Scaffolded", isCollectible: true).LoadFromStream(stream);
    }

    /// <summary>Compares each shipped mirror with its scaffold: size (complete mirrors), and every member the shipped mirror declares, by C designator.</summary>
    private static string Compare(IReadOnlyList<KernelStructLayout> shipped, Assembly assembly, string source)
    {
        var scaffolds = KernelLayout.LayoutsOf(assembly).ToDictionary(l => l.CName, StringComparer.Ordinal);
        var table = new StringBuilder($"| struct | source | size | members compared | newer than the source | mismatches |\n| --- | --- | --- | --- | --- | --- |\n");
        var failures = new List<string>();
        var total = 0;
        foreach (var mirror in shipped)
        {
            Assert.True(scaffolds.TryGetValue(mirror.CName, out var scaffold), $"{mirror.CName} was not scaffolded");
            var expected = Flatten(mirror);
            var actual = Flatten(scaffold!);
            var mismatches = new List<string>();
            var newer = 0;
            if (mirror.Extent == StructExtent.Complete && mirror.Size != scaffold!.Size)
            {
                mismatches.Add($"size {scaffold.Size}, shipped {mirror.Size}");
            }

            foreach (var (designator, value) in expected)
            {
                if (!actual.TryGetValue(designator, out var found))
                {
                    // A struct that grows with the kernel: the members an older header lacks lie past its end.
                    if (mirror.Extent == StructExtent.Growing && Start(value) >= scaffold!.Size)
                    {
                        newer++;
                    }
                    else if (!UapiView.DeclaresMember(typeof(KernelStructAttribute).Assembly, mirror.CName, designator))
                    {
                        // A member of the header's user-space view (#ifndef __KERNEL__) is not in the kernel's BTF.
                        mismatches.Add($"{designator} not scaffolded");
                    }
                }
                else if (found != value)
                {
                    mismatches.Add($"{designator} at {found}, shipped at {value}");
                }
            }

            total += mismatches.Count;
            failures.AddRange(mismatches.Select(m => $"{mirror.CName}: {m}"));
            table.Append(CultureInfo.InvariantCulture, $"| `{mirror.CName}` | {source} | {scaffold!.Size} | {expected.Count - newer} | {newer} | {mismatches.Count} |\n");
        }

        table.Append(CultureInfo.InvariantCulture, $"\n{shipped.Count} structs, {total} mismatches\n");
        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n" + table);
        return table.ToString();
    }

    /// <summary>Every C member by designator (<c>dst.u.tcp.port</c>, flattened through anonymous members), with its offset and size; bitfields by name, with their storage unit and bit position.</summary>
    private static Dictionary<string, string> Flatten(KernelStructLayout layout)
    {
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        void Walk(KernelStructLayout type, string prefix, int baseOffset)
        {
            foreach (var member in type.Members)
            {
                var offset = baseOffset + member.Offset;
                if (member.BitFields.Count > 0)
                {
                    var bit = 0;
                    foreach (var bitField in member.BitFields)
                    {
                        members[prefix + bitField.Name] = $"unit {offset}+{member.Size}, bit {bit}, width {bitField.Width}";
                        bit += bitField.Width;
                    }

                    continue;
                }

                if (member.IsAnonymous)
                {
                    Walk(member.Type!, prefix, offset);
                    continue;
                }

                members[prefix + member.CName] = $"{offset}+{member.Size}";
                if (member.Type is { IsUnnamed: true } unnamed)
                {
                    Walk(unnamed, prefix + member.CName + ".", offset);
                }
            }

            if (type.Flexible is { } flexible)
            {
                members[prefix + flexible.CName + "[]"] = (baseOffset + flexible.Offset).ToString(CultureInfo.InvariantCulture);
            }
        }

        Walk(layout, string.Empty, 0);
        return members;
    }

    /// <summary>The offset a flattened entry starts at (<c>12+4</c>, <c>unit 8+1, bit 0, width 4</c>, <c>40</c>).</summary>
    private static int Start(string value)
    {
        var text = value.StartsWith("unit ", StringComparison.Ordinal) ? value[5..] : value;
        var end = text.IndexOfAny(new[] { '+', ',' });
        return int.Parse(end < 0 ? text : text[..end], CultureInfo.InvariantCulture);
    }

    internal static string? Which(string program)
        => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
}
