using Xunit;

namespace KernelStructs.Tests.Packaging;

/// <summary>The packed .nupkg carries the runtime, the generator and the analyzers: a consumer gets generated members.</summary>
[Collection(PackagingCollection.Name)]
public class PackageTests
{
    private readonly PackedPackage _package;

    public PackageTests(PackedPackage package) => _package = package;

    [Fact]
    public void A_project_built_from_the_nupkg_gets_its_generated_members()
    {
        var (exitCode, output) = PackedPackage.Dotnet(
            _package.RepositoryRoot,
            $"run --project samples/PackageDemo -c Release -p:KernelStructsVersion={_package.Version} -p:KernelStructsPackageFeed=\"{_package.Feed}/\" {_package.PrivateRestoreArguments} --nologo");

        Assert.True(exitCode == 0, output);
        Assert.Contains("struct sockaddr_in { sin_family = 2", output);
        Assert.Contains("offsetof(struct sockaddr_in, sin_port) = 2", output);
        Assert.Contains("pid = ", output);
        Assert.Contains("TCP_INFO answered", output);
    }
}
