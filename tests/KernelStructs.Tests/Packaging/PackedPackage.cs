using System;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using Xunit;

namespace KernelStructs.Tests.Packaging;

/// <summary>
/// The KernelStructs .nupkg, packed once for all packaging tests into a temporary folder feed with a version of its
/// own, and the <c>dotnet</c> runs they make against it.
/// </summary>
public sealed class PackedPackage : IDisposable
{
    public PackedPackage()
    {
        RepositoryRoot = FindRepositoryRoot();
        Feed = Directory.CreateTempSubdirectory("kernelstructs-feed-").FullName;
        // The repository's one version (Directory.Build.props, which this test assembly is built with), as a prerelease of its own.
        var version = typeof(PackedPackage).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        Version = $"{version}-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        var (exitCode, output) = Dotnet(RepositoryRoot, $"pack runtime/KernelStructs -c Release -o \"{Feed}\" -p:Version={Version} --nologo");
        if (exitCode != 0 || !File.Exists(PackagePath))
        {
            throw new InvalidOperationException("Packing KernelStructs failed:\n" + output);
        }
    }

    /// <summary>The folder that holds <c>KernelStructs.sln</c>.</summary>
    public string RepositoryRoot { get; }

    /// <summary>The folder feed the package is in.</summary>
    public string Feed { get; }

    /// <summary>The package's version.</summary>
    public string Version { get; }

    public string PackagePath => Path.Combine(Feed, $"KernelStructs.{Version}.nupkg");

    /// <summary>The symbols package packed beside it.</summary>
    public string SymbolsPackagePath => Path.Combine(Feed, $"KernelStructs.{Version}.snupkg");

    /// <summary>
    /// MSBuild properties that restore consumers into a packages folder inside the feed (deleted with it), reading every
    /// other package from the user's global packages folder: the test's package version never lands in the NuGet cache.
    /// </summary>
    public string PrivateRestoreProperties => $"""
        <RestorePackagesPath>{Path.Combine(Feed, "packages")}</RestorePackagesPath>
        <RestoreFallbackFolders>{GlobalPackagesFolder}</RestoreFallbackFolders>
        """;

    /// <summary>The same, as <c>-p:</c> arguments for <c>dotnet run</c>.</summary>
    public string PrivateRestoreArguments => $"-p:RestorePackagesPath=\"{Path.Combine(Feed, "packages")}\" -p:RestoreFallbackFolders=\"{GlobalPackagesFolder}\"";

    private static string GlobalPackagesFolder => Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
        ? folder
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>A consumer project file that references the package from the feed, with warnings as errors.</summary>
    public string ConsumerProject(string outputType = "Library", string extraProperties = "") => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>{outputType}</OutputType>
            <TargetFramework>net8.0</TargetFramework>
            <RollForward>Major</RollForward>
            <Nullable>enable</Nullable>
            <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <RestoreAdditionalProjectSources>{Feed}</RestoreAdditionalProjectSources>
            {PrivateRestoreProperties}
            {extraProperties}
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="KernelStructs" Version="{Version}" />
          </ItemGroup>
        </Project>
        """;

    /// <summary>Runs <c>dotnet <paramref name="arguments"/></c>; returns its exit code and everything it printed.</summary>
    public static (int ExitCode, string Output) Dotnet(string workingDirectory, string arguments) => Run("dotnet", workingDirectory, arguments);

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/>; returns its exit code and everything it printed.</summary>
    public static (int ExitCode, string Output) Run(string program, string workingDirectory, string arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, $"{Path.GetFileName(program)} {arguments} exited {process.ExitCode}\n{stdout}\n{stderr.Result}");
    }

    public void Dispose() => Directory.Delete(Feed, recursive: true);

    internal static string FindRepositoryRoot()
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

/// <summary>The packaging tests share one packed package and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PackagingCollection : ICollectionFixture<PackedPackage>
{
    public const string Name = "Packaging";
}
