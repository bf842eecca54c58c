using System;
using System.Diagnostics;
using System.IO;
using KernelStructs.Testing;
using Xunit;

namespace KernelStructs.Tests.Packaging;

/// <summary>
/// The analyzers ship in the .nupkg and stop a consumer's build: a project with TreatWarningsAsErrors that sends a GET
/// command to setsockopt fails with KS2001, and builds once the KS2001 code fix is applied (the fixed text is the one
/// <c>SockOptConsumerCodeFixTests</c> gets from the code-fix provider).
/// </summary>
public class SockOptMisusePackageTests
{
    [Fact]
    public void A_consumer_fails_on_a_GET_sent_to_setsockopt_and_builds_once_fixed()
    {
        var root = RepositoryRoot();
        var feed = Directory.CreateTempSubdirectory("kernelstructs-feed-").FullName;
        var consumer = Directory.CreateTempSubdirectory("kernelstructs-consumer-").FullName;
        var version = $"0.1.0-misuse.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        try
        {
            var (packed, packOutput) = Run(root, $"pack runtime/KernelStructs -c Release -o \"{feed}\" -p:Version={version} --nologo");
            Assert.True(packed, packOutput);

            File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net8.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <RestoreAdditionalProjectSources>{feed}</RestoreAdditionalProjectSources>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="KernelStructs" Version="{version}" />
                  </ItemGroup>
                </Project>
                """);

            File.WriteAllText(Path.Combine(consumer, "Program.cs"), SockOptMisuseConsumer.Before);
            var (built, output) = Run(consumer, "build --nologo");
            Assert.False(built, "the misuse built:\n" + output);
            Assert.Contains("error KS2001: 'CTMOD_SO_GET_PIN' is a getsockopt command, but this call is setsockopt: 3200 at SOL_IP on setsockopt is CTMOD_SO_SET_PIN", output, StringComparison.Ordinal);

            File.WriteAllText(Path.Combine(consumer, "Program.cs"), SockOptMisuseConsumer.After);
            (built, output) = Run(consumer, "build --nologo");
            Assert.True(built, "the fixed program did not build:\n" + output);
            Assert.DoesNotContain("KS2001", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(feed, recursive: true);
            Directory.Delete(consumer, recursive: true);
        }
    }

    private static (bool Succeeded, string Output) Run(string workingDirectory, string arguments)
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
        return (process.ExitCode == 0, stdout + stderr.Result);
    }

    private static string RepositoryRoot()
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
