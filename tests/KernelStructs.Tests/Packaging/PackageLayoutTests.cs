using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using KernelStructs.Verification;
using Xunit;

namespace KernelStructs.Tests.Packaging;

/// <summary>
/// The .nupkg as the best .NET packages ship: what goes where (the header verifier only for those who opt in), the
/// repository it names (the one the diagnostics' help links point into), Source Link and a symbols package, an icon,
/// a README with the install snippet of this version, and assemblies that do not depend on where they were built.
/// </summary>
[Collection(PackagingCollection.Name)]
public class PackageLayoutTests
{
    private readonly PackedPackage _package;

    public PackageLayoutTests(PackedPackage package) => _package = package;

    [Fact]
    public void Lib_holds_the_runtime_only_and_the_verifier_is_a_tool_beside_it()
    {
        using var nupkg = ZipFile.OpenRead(_package.PackagePath);
        var entries = nupkg.Entries.Select(e => e.FullName).ToList();

        Assert.Equal(new[] { "lib/net8.0/KernelStructs.dll", "lib/net8.0/KernelStructs.xml" }, entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal)).Order());
        Assert.Contains("tools/verification/KernelStructs.Verification.dll", entries);
        Assert.Contains("tools/verification/KernelStructs.Verification.runtimeconfig.json", entries);
        Assert.Contains("tools/verification/System.CommandLine.dll", entries);
        Assert.Equal(
            new[] { "analyzers/dotnet/cs/KernelStructs.Analyzers.dll", "analyzers/dotnet/cs/KernelStructs.CodeFixes.dll", "analyzers/dotnet/cs/KernelStructs.Generator.dll" },
            entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)).Order());

        // Opting in is one property, which references the tool's assembly.
        var targets = Text(nupkg, "build/KernelStructs.targets");
        Assert.Contains("'$(KernelStructsHeaderVerifier)' == 'true'", targets);
        Assert.Contains("../tools/verification/KernelStructs.Verification.dll", targets);
    }

    [Fact]
    public void The_repository_it_names_is_the_one_the_help_links_point_into_with_the_built_commit()
    {
        using var nupkg = ZipFile.OpenRead(_package.PackagePath);
        var metadata = Nuspec(nupkg);
        var ns = metadata.Name.Namespace;
        var repository = metadata.Element(ns + "repository")!;
        var url = repository.Attribute("url")!.Value;

        Assert.Equal("git", repository.Attribute("type")!.Value);
        Assert.StartsWith("https://github.com/", url);
        Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")!.Value);
        Assert.Equal(url, metadata.Element(ns + "projectUrl")!.Value);

        // KS0001's help link, as the analyzers compiled it in (a UTF-16 string constant).
        var analyzers = Bytes(nupkg, "analyzers/dotnet/cs/KernelStructs.Analyzers.dll");
        Assert.True(Contains(analyzers, Encoding.Unicode.GetBytes(url + "/blob/main/docs/diagnostics/")), $"the analyzers' help links do not start with {url}");

        // Source Link maps the repository's files at that commit.
        var commit = repository.Attribute("commit")!.Value;
        using var symbols = ZipFile.OpenRead(_package.SymbolsPackagePath);
        var pdb = Bytes(symbols, "lib/net8.0/KernelStructs.pdb");
        var rawRoot = url.Replace("https://github.com/", "https://raw.githubusercontent.com/", StringComparison.Ordinal) + "/" + commit + "/*";
        Assert.True(Contains(pdb, Encoding.UTF8.GetBytes(rawRoot)), $"no Source Link to {rawRoot} in the symbols package's PDB");
    }

    [Fact]
    public void It_has_an_icon_and_a_readme_with_the_install_snippet_of_its_version()
    {
        using var nupkg = ZipFile.OpenRead(_package.PackagePath);
        var metadata = Nuspec(nupkg);
        var ns = metadata.Name.Namespace;

        var icon = Bytes(nupkg, metadata.Element(ns + "icon")!.Value);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, icon.Take(4));
        var readme = Text(nupkg, metadata.Element(ns + "readme")!.Value);
        Assert.Contains($"dotnet add package KernelStructs --version {_package.Version}", readme);
        Assert.Contains($"<PackageReference Include=\"KernelStructs\" Version=\"{_package.Version}\" />", readme);
        Assert.DoesNotContain("$PACKAGE_VERSION$", readme);
        Assert.DoesNotContain("$REPOSITORY_URL$", readme);
    }

    [Fact]
    public void The_assemblies_do_not_depend_on_where_the_repository_was_built()
    {
        using var nupkg = ZipFile.OpenRead(_package.PackagePath);
        var root = _package.RepositoryRoot.TrimEnd('/');
        foreach (var entry in nupkg.Entries.Where(e => e.FullName.EndsWith(".dll", StringComparison.Ordinal)))
        {
            var bytes = Bytes(nupkg, entry.FullName);
            Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(root)), $"{entry.FullName} contains {root}");
            Assert.False(Contains(bytes, Encoding.Unicode.GetBytes(root)), $"{entry.FullName} contains {root} (UTF-16)");
        }

        // The layout manifests name their sources by repository path (PathMap /_/ for the git root).
        var dll = Path.Combine(_package.Feed, "lib-" + Guid.NewGuid().ToString("N") + ".dll");
        File.WriteAllBytes(dll, Bytes(nupkg, "lib/net8.0/KernelStructs.dll"));
        try
        {
            var manifests = StructManifest.ReadFrom(dll);
            Assert.NotEmpty(manifests);
            Assert.All(manifests, m => Assert.StartsWith("/_/runtime/KernelStructs/", m.File));
        }
        finally
        {
            File.Delete(dll);
        }
    }

    private static XElement Nuspec(ZipArchive nupkg)
    {
        using var stream = new MemoryStream(Bytes(nupkg, "KernelStructs.nuspec"));
        var nuspec = XDocument.Load(stream);
        return nuspec.Root!.Element(nuspec.Root.Name.Namespace + "metadata")!;
    }

    private static string Text(ZipArchive archive, string name) => Encoding.UTF8.GetString(Bytes(archive, name));

    private static byte[] Bytes(ZipArchive archive, string name)
    {
        var entry = archive.GetEntry(name) ?? throw new InvalidOperationException($"{name} is not in the package");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
