using System;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace KernelStructs.Tests.Packaging;

/// <summary>The packed .nupkg carries the runtime, the generator and the analyzers: a consumer gets generated members.</summary>
[Collection(PackagingCollection.Name)]
public class PackageTests
{
    [Fact]
    public void A_project_built_from_the_nupkg_gets_its_generated_members()
    {
        var root = RepositoryRoot();
        var feed = Directory.CreateTempSubdirectory("kernelstructs-feed-").FullName;
        var version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        try
        {
            Run(root, $"pack runtime/KernelStructs -c Release -o \"{feed}\" -p:Version={version} --nologo");
            Assert.True(File.Exists(Path.Combine(feed, $"KernelStructs.{version}.nupkg")));

            var output = Run(root, $"run --project samples/PackageDemo -c Release -p:KernelStructsVersion={version} -p:KernelStructsPackageFeed=\"{feed}/\" --nologo");
            Assert.Contains("struct sockaddr_in { sin_family = 2", output);
            Assert.Contains("offsetof(struct sockaddr_in, sin_port) = 2", output);
            Assert.Contains($"pid = ", output);
            Assert.Contains("TCP_INFO answered", output);
        }
        finally
        {
            Directory.Delete(feed, recursive: true);
        }
    }

    private static string Run(string workingDirectory, string arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet {arguments} exited {process.ExitCode}\n{stdout}\n{stderr.Result}");
        return stdout;
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "KernelStructs.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("KernelStructs.sln not found above " + AppContext.BaseDirectory);
    }
}
