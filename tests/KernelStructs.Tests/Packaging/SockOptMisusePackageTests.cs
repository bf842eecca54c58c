using System;
using System.IO;
using KernelStructs.Testing;
using Xunit;

namespace KernelStructs.Tests.Packaging;

/// <summary>
/// The analyzers ship in the .nupkg and stop a consumer's build: a project with TreatWarningsAsErrors that sends a GET
/// command to setsockopt fails with KS2001, and builds once the KS2001 code fix is applied (the fixed text is the one
/// <c>SockOptConsumerCodeFixTests</c> gets from the code-fix provider).
/// </summary>
[Collection(PackagingCollection.Name)]
public class SockOptMisusePackageTests
{
    private readonly PackedPackage _package;

    public SockOptMisusePackageTests(PackedPackage package) => _package = package;

    [Fact]
    public void A_consumer_fails_on_a_GET_sent_to_setsockopt_and_builds_once_fixed()
    {
        var consumer = Directory.CreateTempSubdirectory("kernelstructs-consumer-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), _package.ConsumerProject(outputType: "Exe"));

            File.WriteAllText(Path.Combine(consumer, "Program.cs"), SockOptMisuseConsumer.Before);
            var (exitCode, output) = PackedPackage.Dotnet(consumer, "build --nologo");
            Assert.False(exitCode == 0, "the misuse built:\n" + output);
            Assert.Contains("error KS2001: 'CTMOD_SO_GET_PIN' is a getsockopt command, but this call is setsockopt: 3200 at SOL_IP on setsockopt is CTMOD_SO_SET_PIN", output, StringComparison.Ordinal);

            File.WriteAllText(Path.Combine(consumer, "Program.cs"), SockOptMisuseConsumer.After);
            (exitCode, output) = PackedPackage.Dotnet(consumer, "build --nologo");
            Assert.True(exitCode == 0, "the fixed program did not build:\n" + output);
            Assert.DoesNotContain("KS2001", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(consumer, recursive: true);
        }
    }
}
