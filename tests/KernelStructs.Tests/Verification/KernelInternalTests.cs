using System;
using System.IO;
using System.Linq;
using KernelStructs.Netfilter;
using KernelStructs.Testing;
using KernelStructs.Verification;
using Xunit;

namespace KernelStructs.Tests.Verification;

/// <summary>
/// The catalog's kernel-internal mirrors (<c>struct nf_conntrack_tuple</c>, <c>struct nf_conntrack_man</c>, from
/// <c>net/netfilter/nf_conntrack_tuple.h</c>) against the kernel's build headers (Debian's <c>linux-headers-amd64</c>):
/// header verification compiles them with kbuild, and pahole reads a module kbuild builds from them.
/// </summary>
public class KernelInternalTests
{
    private static readonly Type[] Internal = { typeof(NfConntrackTuple), typeof(NfConntrackMan) };

    [SkippableFact]
    public void Kernel_internal_mirrors_verify_against_the_kernels_build_headers_with_kbuild()
    {
        Skip.If(Kbuild.SkipReason is not null, Kbuild.SkipReason);

        var report = HeaderVerifier.Verify(Internal, new HeaderVerifierOptions { KernelBuildDirectory = Kbuild.Tree });

        Assert.True(report.Succeeded, report.ToString());
        Assert.Equal(Internal.Select(t => t.FullName), report.VerifiedTypes);
        Assert.DoesNotContain(report.Findings, f => f.Code is "KS1201" or "KS1202" or "KS1204");
        // Every member of dst, dst.u and their structs without a name is asserted by designator.
        Assert.True(report.Checks >= 50, report.ToString());
        var others = Assert.Single(report.Findings, f => f.Code == "KS1206");
        Assert.Contains("verified on this machine's ABI only", others.Message);
    }

    [SkippableFact]
    public void A_wrong_kernel_internal_mirror_gets_the_kernel_headers_numbers()
    {
        Skip.If(Kbuild.SkipReason is not null, Kbuild.SkipReason);

        var report = HeaderVerifier.Verify(new[] { typeof(SwappedTuple) }, new HeaderVerifierOptions { KernelBuildDirectory = Kbuild.Tree });

        var dir = Assert.Single(report.Findings, f => f.Code == "KS1201" && f.Field == "dst.dir" && f.Quantity == "offsetof");
        Assert.Equal("SwappedTuple.dst.dir -> struct nf_conntrack_tuple.dst.dir: offsetof is 38 in the C# mirror but 39 in <net/netfilter/nf_conntrack_tuple.h> on x86_64", dir.Message);
        Assert.EndsWith("WrongMirrors.cs", dir.File);
        Assert.Contains(report.Findings, f => f.Code == "KS1201" && f.Field == "dst.protonum" && f.Declared == 39 && f.Actual == 38);
    }

    [Fact]
    public void A_missing_kernel_build_tree_says_what_to_use()
    {
        var report = HeaderVerifier.Verify(Internal, new HeaderVerifierOptions { KernelBuildDirectory = "/nonexistent/linux-headers" });

        var finding = Assert.Single(report.Findings, f => f.Code == "KS1204");
        Assert.Contains("/nonexistent/linux-headers is not a kernel build tree (it has no Makefile)", finding.Message);
        Assert.Contains("KernelStructsKernelBuild", finding.Message);
    }

    [SkippableFact]
    public void The_pictures_agree_with_pahole_on_a_module_built_from_the_kernel_headers()
    {
        Skip.If(Kbuild.SkipReason is not null, Kbuild.SkipReason);
        Skip.If(CCompiler.PaholeSkipReason is not null, CCompiler.PaholeSkipReason);
        var manifests = StructManifest.ReadFrom(typeof(KernelStructAttribute).Assembly)
            .Where(m => m.CType is "struct nf_conntrack_tuple" or "struct nf_conntrack_man" or "union nf_inet_addr" or "union nf_conntrack_man_proto")
            .ToList();
        Assert.Equal(4, manifests.Count);
        var directory = Directory.CreateTempSubdirectory("ks-kbuild-").FullName;
        try
        {
            var module = Kbuild.BuildModule(directory, "ks_layout", """
                #include <linux/module.h>
                #include <net/netfilter/nf_conntrack_tuple.h>

                /* One object of each type, so that the module's DWARF describes them. */
                struct nf_conntrack_tuple ks_tuple;
                struct nf_conntrack_man ks_man;
                union nf_inet_addr ks_addr;
                union nf_conntrack_man_proto ks_proto;
                EXPORT_SYMBOL(ks_tuple);
                EXPORT_SYMBOL(ks_man);
                EXPORT_SYMBOL(ks_addr);
                EXPORT_SYMBOL(ks_proto);
                MODULE_LICENSE("GPL");
                """);
            var names = manifests.Select(m => m.CType[(m.CType.IndexOf(' ') + 1)..]).ToList();
            var pahole = PaholeText.Parse(CCompiler.Pahole(module, names));

            var differences = manifests.SelectMany(m =>
            {
                var tag = m.CType[(m.CType.IndexOf(' ') + 1)..];
                var picture = string.Join("\n", m.Pictures.Single(p => p.Abis.Contains("x86_64")).Lines);
                var ours = PaholeText.GroupLike(PaholeText.Parse(picture)[tag], pahole[tag]);
                return PaholeText.Differences(ours, pahole[tag], growing: false).Select(d => $"{m.CType}: {d}\n{picture}");
            }).ToList();
            Assert.True(differences.Count == 0, string.Join("\n\n", differences));
            Assert.Equal(40, pahole["nf_conntrack_tuple"].Size);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
