using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using KernelStructs.Testing;
using KernelStructs.Tests.Oracles;
using KernelStructs.Verification;
using Xunit;

namespace KernelStructs.Tests.Verification;

/// <summary>
/// <see cref="HeaderVerifier"/> on the mirrors of this assembly, whose layout manifests the generator compiles in
/// (KernelStructsLayoutManifest): the corpus passes on every ABI whose compiler is installed, deliberately wrong
/// mirrors fail with the C# field, the C member, the ABIs and gcc's number next to the mirror's.
/// </summary>
public class HeaderVerifierTests
{
    private static IEnumerable<CTarget> InstalledTargets => CTarget.All.Where(t => t.IsAvailable);

    /// <summary>The kernel build tree of Debian's <c>linux-headers-amd64</c>, for the kernel-internal mirrors, if installed.</summary>
    public static string? KernelBuildTree { get; } = Directory.Exists("/usr/src")
        ? Directory.GetDirectories("/usr/src", "linux-headers-*-amd64").Where(d => File.Exists(Path.Combine(d, "Makefile"))).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault()
        : null;

    [SkippableFact]
    public void The_test_corpus_verifies_against_the_headers_on_every_installed_ABI()
    {
        Skip.IfNot(CorpusLayoutTests.HostTarget.IsAvailable, CorpusLayoutTests.HostTarget.SkipReason);
        var corpus = typeof(HeaderVerifierTests).Assembly.GetTypes().Where(t => t.Namespace == "KernelStructs.Tests.Corpus" && t.GetCustomAttribute<KernelStructAttribute>() is not null).ToList();

        var report = HeaderVerifier.Verify(corpus);

        Assert.True(report.Succeeded, report.ToString());
        Assert.Equal(InstalledTargets.Select(t => t.Name), report.VerifiedAbis);
        Assert.Equal(new[] { typeof(Corpus.In6AddrAsUnion).FullName! }, report.VerifiedTypes);
        Assert.DoesNotContain(report.Findings, f => f.Code == "KS1201" || f.Code == "KS1202");

        // The union without a name is checked through in6_u: its members by designator, its alignment by __typeof__.
        Assert.True(report.Checks >= 6 * InstalledTargets.Count(), report.ToString());
    }

    [SkippableFact]
    public void The_shipped_catalog_verifies_against_the_headers_on_every_installed_ABI()
    {
        Skip.IfNot(CorpusLayoutTests.HostTarget.IsAvailable, CorpusLayoutTests.HostTarget.SkipReason);
        Skip.If(KernelBuildTree is null, "linux-headers-amd64 is not installed (/usr/src/linux-headers-*-amd64): the kernel-internal mirrors need a kernel build tree");
        var catalog = typeof(KernelStructAttribute).Assembly;
        var mirrors = catalog.GetTypes().Count(t => t.GetCustomAttribute<KernelStructAttribute>()?.Header is not null);
        Assert.True(mirrors >= 60, $"{mirrors} catalog mirrors with a header");

        // struct ucred needs _GNU_SOURCE, which its declaration states; nf_conntrack_tuple is kernel-internal.
        var report = HeaderVerifier.Verify(catalog, new HeaderVerifierOptions { KernelBuildDirectory = KernelBuildTree });

        Assert.Equal(mirrors, report.VerifiedTypes.Count);
        Assert.Equal(InstalledTargets.Select(t => t.Name), report.VerifiedAbis);
        Assert.True(report.Succeeded, report.ToString());
        Assert.DoesNotContain(report.Findings, f => f.Severity == HeaderFindingSeverity.Warning && f.Code != "KS1203");

        // struct tcp_info grows with the kernel (TCP_INFO truncates to the caller's length): the catalog follows the
        // running kernel, which may be newer than the installed uapi headers. What the header lacks is reported as newer.
        if (report.Findings.SingleOrDefault(f => f.Code == "KS1206" && f.Type == typeof(TcpInfo).FullName) is { } newer)
        {
            Assert.Equal(HeaderFindingSeverity.Info, newer.Severity);
            Assert.True(newer.Declared > newer.Actual, newer.Message);
            Assert.Contains("newer than the header: tcpi_", newer.Message);
        }

        // The kernel-internal ones are checked in the kernel build tree, on this machine's ABI only.
        var tuple = StructManifest.ReadFrom(catalog).Single(m => m.CType == "struct nf_conntrack_tuple");
        Assert.True(tuple.Internal);
        Assert.Contains(typeof(KernelStructs.Netfilter.NfConntrackTuple).FullName, report.VerifiedTypes);
    }

    [SkippableFact]
    public void A_wrong_member_size_names_the_field_the_member_the_ABIs_and_both_numbers()
    {
        Skip.IfNot(CorpusLayoutTests.HostTarget.IsAvailable, CorpusLayoutTests.HostTarget.SkipReason);

        var report = HeaderVerifier.Verify(new[] { typeof(WideSinPort) });

        Assert.False(report.Succeeded);
        var size = Assert.Single(report.Findings, f => f.Code == "KS1201" && f.Field == "sin_port" && f.Quantity == "size");
        Assert.Equal("sin_port", size.CMember);
        Assert.Equal("struct sockaddr_in", size.CType);
        Assert.Equal(sizeof(uint), size.Declared);
        Assert.Equal(InstalledTargets.Select(t => t.Name), size.Abis);
        foreach (var target in InstalledTargets)
        {
            var gcc = Gcc(target, "struct sockaddr_in", "sin_port");
            Assert.Equal(gcc.MemberSize, size.Actual);
            Assert.Contains(target.Name, size.Message);
        }

        Assert.Contains("WideSinPort.sin_port", size.Message);
        Assert.Contains("struct sockaddr_in.sin_port", size.Message);
        Assert.Contains($"size is {sizeof(uint)} in the C# mirror but {size.Actual} in <linux/in.h>", size.Message);
        Assert.EndsWith("WrongMirrors.cs", size.File);
        Assert.True(size.Line > 0);

        // The members after it move: their offsets are reported too, with gcc's.
        var sinAddr = Assert.Single(report.Findings, f => f.Code == "KS1201" && f.Field == "sin_addr" && f.Quantity == "offsetof");
        Assert.Equal(WideSinPort.Offsets.sin_addr, sinAddr.Declared);
        Assert.Equal(Gcc(CorpusLayoutTests.HostTarget, "struct sockaddr_in", "sin_addr").Offset, sinAddr.Actual);
        Assert.Contains(report.Findings, f => f.Code == "KS1201" && f.Field is null && f.Quantity == "sizeof" && f.Declared == WideSinPort.SizeOf);
        var exception = Assert.Throws<HeaderVerificationException>(report.ThrowIfFailed);
        Assert.Contains(size.Message, exception.Message);
    }

    [SkippableFact]
    public void A_member_the_header_does_not_have_is_named()
    {
        Skip.IfNot(CorpusLayoutTests.HostTarget.IsAvailable, CorpusLayoutTests.HostTarget.SkipReason);

        var report = HeaderVerifier.Verify(new[] { typeof(MisspelledSinPort) });

        var finding = Assert.Single(report.Findings, f => f.Code == "KS1202");
        Assert.Equal("sin_prot", finding.Field);
        Assert.Contains("MisspelledSinPort.sin_prot", finding.Message);
        Assert.Contains("has no member sin_prot", finding.Message);
        Assert.Equal(InstalledTargets.Select(t => t.Name), finding.Abis);
    }

    [SkippableFact]
    public void A_missing_header_says_what_to_install()
    {
        Skip.IfNot(CorpusLayoutTests.HostTarget.IsAvailable, CorpusLayoutTests.HostTarget.SkipReason);

        var report = HeaderVerifier.Verify(new[] { typeof(FromMissingHeader) });

        var finding = Assert.Single(report.Findings, f => f.Code == "KS1204");
        Assert.Equal(HeaderFindingSeverity.Error, finding.Severity);
        Assert.Contains("<linux/kernelstructs_no_such_header.h>", finding.Message);
        Assert.Contains("FromMissingHeader", finding.Message);
        Assert.Contains("apt-get install linux-libc-dev", finding.Message);
    }

    [Fact]
    public void A_missing_compiler_says_what_to_install_and_is_an_error_when_its_ABI_is_asked_for()
    {
        var options = new HeaderVerifierOptions();
        options.Abis.Add("s390x");
        options.Compilers["s390x"] = "/nonexistent/s390x-linux-gnu-gcc";

        var report = HeaderVerifier.Verify(new[] { typeof(SockAddrInForVerification) }, options);

        var finding = Assert.Single(report.Findings);
        Assert.Equal("KS1203", finding.Code);
        Assert.Equal(HeaderFindingSeverity.Error, finding.Severity);
        Assert.Contains("/nonexistent/s390x-linux-gnu-gcc is not installed", finding.Message);
        Assert.Contains("apt-get install gcc-s390x-linux-gnu", finding.Message);
        Assert.Empty(report.VerifiedAbis);
    }

    [Fact]
    public void A_struct_without_a_header_is_listed_as_not_checked()
    {
        var report = HeaderVerifier.Verify(new[] { typeof(WithoutHeader) });

        Assert.Equal(new[] { typeof(WithoutHeader).FullName! }, report.TypesWithoutHeader);
        Assert.Empty(report.VerifiedTypes);
        Assert.Contains("not checked (no Header): KernelStructs.Tests.Verification.WithoutHeader", report.ToString());
    }

    [Fact]
    public void An_assembly_without_manifests_says_which_property_to_set()
    {
        var report = HeaderVerifier.Verify(typeof(object).Assembly);

        var finding = Assert.Single(report.Findings);
        Assert.Equal("KS1205", finding.Code);
        Assert.Contains("<KernelStructsLayoutManifest>true</KernelStructsLayoutManifest>", finding.Message);
        Assert.False(report.Succeeded);
    }

    [Fact]
    public void The_manifest_read_from_the_file_equals_the_one_read_from_the_loaded_assembly()
    {
        var assembly = typeof(HeaderVerifierTests).Assembly;
        var loaded = StructManifest.ReadFrom(assembly).Select(m => m.Type).OrderBy(t => t, StringComparer.Ordinal);
        var file = StructManifest.ReadFrom(assembly.Location).Select(m => m.Type).OrderBy(t => t, StringComparer.Ordinal);
        Assert.Equal(loaded, file);
        Assert.Contains(typeof(WideSinPort).FullName, file);
    }

    [Fact]
    public void The_manifest_states_the_generated_constants()
    {
        var manifest = StructManifest.ReadFrom(typeof(WideSinPort).Assembly).Single(m => m.Type == typeof(WideSinPort).FullName);
        var host = manifest.Abis.ToList().IndexOf(CorpusLayoutTests.HostTarget.Name);
        Assert.Equal(WideSinPort.SizeOf, manifest.Size[host]);
        Assert.Equal(WideSinPort.AlignOf, manifest.Align[host]);
        Assert.Equal(
            new[] { WideSinPort.Offsets.sin_family, WideSinPort.Offsets.sin_port, WideSinPort.Offsets.sin_addr, WideSinPort.Offsets.__pad },
            manifest.Fields.Select(f => f.Offset[host]));
        Assert.Equal("linux/in.h", manifest.Header);
    }

    private static (long Offset, long MemberSize) Gcc(CTarget target, string cType, string member)
    {
        var probe = new CProbe(target).Include("linux/in.h");
        var offset = probe.OffsetOf(cType, member);
        var size = probe.MemberSize(cType, member);
        var result = probe.Compile();
        return (result[offset], result[size]);
    }
}

/// <summary>A correct <c>struct sockaddr_in</c>.</summary>
[KernelStruct("struct sockaddr_in", Header = "linux/in.h")]
public unsafe partial struct SockAddrInForVerification
{
    public ushort sin_family;
    public Be16 sin_port;
    public Be32 sin_addr;
    public fixed byte __pad[8];
}
