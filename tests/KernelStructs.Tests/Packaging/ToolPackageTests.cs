using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace KernelStructs.Tests.Packaging;

/// <summary>
/// The <c>kernelstructs</c> .NET tool as a user gets it: packed (<c>KernelStructs.Tool</c>, the repository's version as a
/// prerelease of its own), installed with <c>dotnet tool install --tool-path --add-source</c> from a folder feed, and run:
/// <c>--help</c>, and one scaffold from a uapi header.
/// </summary>
/// <remarks>In the packaging collection: packing builds the runtime in Release, as the main package's pack does.</remarks>
[Collection(PackagingCollection.Name)]
public class ToolPackageTests
{
    [SkippableFact]
    public void The_packed_tool_installs_and_scaffolds_tcp_info_from_its_header()
    {
        Skip.If(Which("gcc") is null || Which("pahole") is null, "gcc and pahole are needed to scaffold from headers");
        var root = FindRepositoryRoot();
        var work = Directory.CreateTempSubdirectory("kernelstructs-tool-");
        try
        {
            var feed = Path.Combine(work.FullName, "feed");
            var tools = Path.Combine(work.FullName, "tools");
            var version = typeof(ToolPackageTests).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0]
                + $"-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
            var (exit, output) = Run("dotnet", root, $"pack tools/KernelStructs.Scaffold -c Release -o \"{feed}\" -p:Version={version} --nologo");
            Assert.True(exit == 0, "dotnet pack failed:\n" + output);
            Assert.True(File.Exists(Path.Combine(feed, $"KernelStructs.Tool.{version}.nupkg")), output);

            (exit, output) = Run("dotnet", work.FullName, $"tool install KernelStructs.Tool --version {version} --tool-path \"{tools}\" --add-source \"{feed}\"");
            Assert.True(exit == 0, "dotnet tool install failed:\n" + output);
            var kernelstructs = Path.Combine(tools, "kernelstructs");

            (exit, output) = Run(kernelstructs, work.FullName, "--help");
            Assert.True(exit == 0, output);
            Assert.Contains("btf", output, StringComparison.Ordinal);
            Assert.Contains("headers", output, StringComparison.Ordinal);

            var file = Path.Combine(work.FullName, "TcpInfo.cs");
            (exit, output) = Run(kernelstructs, work.FullName, $"headers tcp_info --include linux/tcp.h -n Demo -o \"{file}\"");
            Assert.True(exit == 0, output);
            var text = File.ReadAllText(file);
            Assert.Contains("[KernelStruct(\"struct tcp_info\", Header = \"linux/tcp.h\"", text, StringComparison.Ordinal);
            Assert.Contains("public uint tcpi_snd_wnd;", text, StringComparison.Ordinal);

            // Bad input: a message and exit code 1, never a stack trace.
            (exit, output) = Run(kernelstructs, work.FullName, "headers no_such_struct --include linux/tcp.h");
            Assert.Equal(1, exit);
            Assert.Contains("no_such_struct is not a struct or union", output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static (int ExitCode, string Output) Run(string program, string directory, string arguments) => PackedPackage.Run(program, directory, arguments);

    private static string FindRepositoryRoot() => PackedPackage.FindRepositoryRoot();

    private static string? Which(string program) => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(d => Path.Combine(d, program))
        .FirstOrDefault(File.Exists);
}
