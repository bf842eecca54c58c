using System;
using System.IO;
using System.Linq;
using KernelStructs.Btf;
using KernelStructs.Netfilter;
using KernelStructs.Tests.Verification;
using KernelStructs.Verification;
using KernelStructs.Testing;
using Xunit;

namespace KernelStructs.Tests.Btf;

/// <summary>
/// <see cref="KernelLayout"/> against the running kernel's BTF: the shipped catalog agrees with this kernel, a mirror
/// made wrong on purpose fails with the member and both numbers, at run time and through the build step's verifier,
/// and a missing BTF is a reason in the report.
/// </summary>
public class KernelLayoutTests
{
    private const string NoBtf = "this kernel publishes no BTF (/sys/kernel/btf/vmlinux)";

    private static bool HasBtf => File.Exists("/sys/kernel/btf/vmlinux");

    [SkippableFact]
    public void The_catalog_agrees_with_the_running_kernel()
    {
        Skip.IfNot(HasBtf, NoBtf);

        var catalog = typeof(KernelStructAttribute).Assembly;
        var report = KernelLayout.VerifyAll(catalog);

        // The only errors allowed are members of a uapi header's user-space view, which gcc finds in the header.
        Assert.All(report.Errors, e => Assert.True(
            e.Code == "KS1212" && e.CType is not null && e.CMember is not null && UapiView.DeclaresMember(catalog, e.CType, e.CMember),
            e.ToString()));
        foreach (var type in new[] { typeof(NfConntrackTuple), typeof(NfConntrackMan), typeof(KernelSockaddrStorage), typeof(TcpMd5Sig), typeof(GroupReq), typeof(GroupSourceReq), typeof(XtEntryMatch), typeof(XtEntryTarget), typeof(TcpInfo), typeof(SockAddrIn6) })
        {
            Assert.Contains(type.FullName!.Replace('+', '.'), report.Verified);
        }

        // Nothing the kernel has is left unmirrored but members that take no bytes or alias mirrored ones, and the
        // kernel's own view of a struct whose header shows user space another one (its errors above).
        var userSpaceViews = report.Errors.Select(e => e.CType).ToHashSet();
        Assert.DoesNotContain(report.Findings, f => f.Severity == KernelLayoutSeverity.Warning && f.Code != "KS1213" && !userSpaceViews.Contains(f.CType));
        Assert.True(report.Verified.Count >= 40, report.ToString());
    }

    [SkippableFact]
    public void A_wrong_mirror_fails_at_run_time_naming_the_member_and_both_numbers()
    {
        Skip.IfNot(HasBtf, NoBtf);
        Skip.IfNot(KernelBtf.TryOpen(out var btf, out _) && btf.TryFind("struct nf_conntrack_tuple", out _, out _), "the running kernel has no struct nf_conntrack_tuple in its BTF (conntrack not built in, its module not loaded)");

        var report = KernelLayout.Verify<SwappedTuple>(btf);

        Assert.False(report.Succeeded);
        var dir = Assert.Single(report.Errors, f => f.Member == "dst.dir");
        Assert.Equal("offset", dir.Quantity);
        Assert.Equal(SwappedTuple.Offsets.dst + SwappedTuple.Dst.Offsets.dir, dir.Mirror);
        Assert.Equal(NfConntrackTuple.Offsets.dst + NfConntrackTuple.Dst.Offsets.dir, dir.Kernel);
        Assert.Equal("SwappedTuple.dst.dir -> struct nf_conntrack_tuple.dst.dir: offset is 38 in the C# mirror but 39 in the running kernel (vmlinux BTF)", dir.Message);
        Assert.Contains(report.Errors, f => f.Member == "dst.protonum" && f.Mirror == 39 && f.Kernel == 38);

        var wide = KernelLayout.Verify<WideSinPort>(btf);
        var size = Assert.Single(wide.Errors, f => f.Member == "sin_port" && f.Quantity == "size");
        Assert.Equal("WideSinPort.sin_port -> struct sockaddr_in.sin_port: size is 4 in the C# mirror but 2 in the running kernel (vmlinux BTF)", size.Message);

        var e = Assert.Throws<KernelLayoutException>(() => report.ThrowIfFailed());
        Assert.Contains(dir.Message, e.Message);
    }

    [SkippableFact]
    public void The_build_steps_verifier_reports_the_wrong_mirror_at_its_field()
    {
        Skip.IfNot(HasBtf, NoBtf);
        var assembly = typeof(KernelLayoutTests).Assembly.Location;

        var (report, lines) = BtfVerifier.VerifyFile(assembly);

        var line = Assert.Single(lines, l => l.Contains("SwappedTuple.dst.dir ->", StringComparison.Ordinal));
        Assert.Matches(@"WrongMirrors\.cs\(\d+,\d+\): error KS1211: SwappedTuple\.dst\.dir -> struct nf_conntrack_tuple\.dst\.dir: offset is 38 in the C# mirror but 39 in the running kernel \(vmlinux BTF\)$", line);
        Assert.Contains(lines, l => l.Contains("error KS1211: WideSinPort.sin_port -> struct sockaddr_in.sin_port: size is 4 in the C# mirror but 2", StringComparison.Ordinal));
        Assert.False(report.Succeeded);
    }

    [Fact]
    public void Without_BTF_the_report_says_why_and_nothing_throws()
    {
        var report = KernelLayout.Verify(new[] { NfConntrackTuple.Layout }, "/nonexistent/kernelstructs/btf");

        Assert.True(report.Succeeded);
        Assert.False(report.IsComplete);
        Assert.Equal(new[] { typeof(NfConntrackTuple).FullName! }, report.NotVerified);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(("KS1213", KernelLayoutSeverity.Warning), (finding.Code, finding.Severity));
        Assert.Contains("/nonexistent/kernelstructs/btf does not exist: this kernel publishes no BTF", finding.Message);
        Assert.Throws<KernelLayoutException>(() => report.ThrowIfFailed(requireComplete: true));
        report.ThrowIfFailed();
    }

    [Fact]
    public void A_type_no_BTF_has_is_named_with_where_it_was_looked_for()
    {
        var b = new BtfBuilder();
        b.Int("int", 4, 32, BtfIntEncoding.Signed);
        var btf = new KernelBtf(BtfTypes.Parse(b.Build(), source: "vmlinux"));

        var report = KernelLayout.Verify<NfConntrackTuple>(btf);

        Assert.True(report.Succeeded);
        var finding = Assert.Single(report.Findings);
        Assert.Equal("NfConntrackTuple is not checked: struct nf_conntrack_tuple is in neither vmlinux's BTF nor the BTF of a loaded module (0 with BTF): is the module that defines it loaded?", finding.Message);
    }

    [Fact]
    public void The_generated_layout_states_the_generated_constants()
    {
        var layout = NfConntrackTuple.Layout;

        Assert.Equal(("struct nf_conntrack_tuple", NfConntrackTuple.SizeOf), (layout.CName, layout.Size));
        var dst = layout.Members.Single(m => m.CName == "dst");
        Assert.Equal(NfConntrackTuple.Offsets.dst, dst.Offset);
        Assert.True(dst.Type!.IsUnnamed);
        Assert.Equal(NfConntrackTuple.Dst.Offsets.protonum, dst.Type.Members.Single(m => m.CName == "protonum").Offset);
        Assert.Same(NfConntrackMan.Layout, layout.Members[0].Type);

        var storage = KernelSockaddrStorage.Layout.Members.Single();
        Assert.True(storage.IsAnonymous);
        Assert.Contains(KernelLayout.LayoutsOf(typeof(KernelStructAttribute).Assembly), l => l == NfConntrackTuple.Layout);
        Assert.DoesNotContain(KernelLayout.LayoutsOf(typeof(KernelStructAttribute).Assembly), l => l.IsUnnamed);
    }
}
