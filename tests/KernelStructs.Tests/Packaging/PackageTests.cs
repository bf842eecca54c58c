using KernelStructs.Tests.Oracles;
using Xunit;

namespace KernelStructs.Tests.Packaging;

/// <summary>
/// The packed .nupkg carries the runtime, the generator and the analyzers: a consumer gets generated members. The demo
/// builds with header verification on: its <c>struct ucred</c> states <c>_GNU_SOURCE</c>, its <c>TcpInfoStart</c> is a
/// declared prefix of <c>struct tcp_info</c>.
/// </summary>
[Collection(PackagingCollection.Name)]
public class PackageTests
{
    private readonly PackedPackage _package;

    public PackageTests(PackedPackage package) => _package = package;

    [SkippableFact]
    public void A_project_built_from_the_nupkg_gets_its_generated_members()
    {
        Skip.IfNot(CorpusLayoutTests.HostTarget.IsAvailable, CorpusLayoutTests.HostTarget.SkipReason + " (the demo verifies its headers as it builds)");
        var (built, build) = PackedPackage.Dotnet(
            _package.RepositoryRoot,
            $"build samples/PackageDemo -c Release -p:KernelStructsVersion={_package.Version} -p:KernelStructsPackageFeed=\"{_package.Feed}/\" --nologo");
        Assert.True(built == 0, build);
        Assert.Contains("KernelStructs header verification: 3 struct(s) on x86_64", build);
        Assert.Contains(" 0 error(s)", build);

        var (exitCode, output) = PackedPackage.Dotnet(
            _package.RepositoryRoot,
            $"run --project samples/PackageDemo -c Release -p:KernelStructsVersion={_package.Version} -p:KernelStructsPackageFeed=\"{_package.Feed}/\" {_package.PrivateRestoreArguments}");

        Assert.True(exitCode == 0, output);
        Assert.Contains("struct sockaddr_in { sin_family = 2", output);
        Assert.Contains("offsetof(struct sockaddr_in, sin_port) = 2", output);
        Assert.Contains("pid = ", output);
        Assert.Contains("TCP_INFO answered", output);

        // The layout picture from the manifest, checked against the header through the opt-in HeaderVerifier API.
        Assert.Matches(@"__be16 sin_port;\s+/\*\s+2\s+2 \*/", output);
        Assert.Contains("static assertions, 0 errors", output);
        // struct in_addr prints as %pI4.
        Assert.Contains("sin_addr = 127.0.0.1", output);
        // Netfilter in a private namespace as root; an honest line otherwise.
        Assert.Contains(NetNs.IsRoot ? "IPT_SO_GET_ENTRIES: INPUT (0 rules, policy ACCEPT)" : "skipped: a private network namespace needs root", output);
    }
}
