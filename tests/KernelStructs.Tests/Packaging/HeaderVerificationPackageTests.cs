using System;
using System.IO;
using System.Linq;
using KernelStructs.Testing;
using KernelStructs.Tests.Oracles;
using Xunit;

namespace KernelStructs.Tests.Packaging;

/// <summary>
/// The opt-in build step of the packed .nupkg (KernelStructsVerifyHeaders): a consumer project with a wrong
/// mirror of <c>struct sockaddr_in</c> fails to build with KS1201 errors that name the C# field, the C member,
/// the ABIs and both numbers; fixed, it builds, verified on every ABI whose compiler is installed, and the
/// KernelStructsLayout target prints its layout picture.
/// </summary>
[Collection(PackagingCollection.Name)]
public class HeaderVerificationPackageTests
{
    private readonly PackedPackage _package;

    public HeaderVerificationPackageTests(PackedPackage package) => _package = package;

    private const string WrongMirror = """
        using KernelStructs;

        namespace Consumer;

        [KernelStruct("struct sockaddr_in", Header = "linux/in.h")]
        public unsafe partial struct SockAddrIn
        {
            public ushort sin_family;
            public uint sin_port;
            public Be32 sin_addr;
            public fixed byte __pad[8];
        }
        """;

    [SkippableFact]
    public void A_consumer_with_a_wrong_mirror_fails_the_opt_in_verification_and_passes_once_fixed()
    {
        CorpusLayoutTests.HostTarget.SkipUnlessAvailable();
        var work = Directory.CreateTempSubdirectory("kernelstructs-verify-consumer-").FullName;
        var project = Path.Combine(work, "Consumer");
        try
        {
            Directory.CreateDirectory(project);
            File.WriteAllText(
                Path.Combine(project, "Consumer.csproj"),
                _package.ConsumerProject(extraProperties: "<KernelStructsVerifyHeaders>true</KernelStructsVerifyHeaders>"));
            var mirror = Path.Combine(project, "Mirrors.cs");
            File.WriteAllText(mirror, WrongMirror);

            var (failed, output) = PackedPackage.Dotnet(project, "build --nologo");

            Assert.True(failed != 0, output);
            var installed = CTarget.All.Where(t => t.IsAvailable).Select(t => t.Name).ToList();
            var abis = string.Join(", ", installed);
            var sizeError = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("error KS1201: SockAddrIn.sin_port -> struct sockaddr_in.sin_port: size"));
            Assert.True(sizeError is not null, output);
            var gccSize = MemberSize(CorpusLayoutTests.HostTarget, "sin_port");
            Assert.Contains($"size is {sizeof(uint)} in the C# mirror but {gccSize} in <linux/in.h> on {abis}", sizeError);
            Assert.StartsWith(mirror + "(", sizeError);
            Assert.Contains("error KS1201: SockAddrIn.sin_addr -> struct sockaddr_in.sin_addr: offsetof", output);
            Assert.Contains($"KernelStructs header verification: 1 struct(s) on {abis}", output);

            File.WriteAllText(mirror, WrongMirror.Replace("public uint sin_port;", "public Be16 sin_port;"));
            var (built, fixedOutput) = PackedPackage.Dotnet(project, "build --nologo");

            Assert.True(built == 0, fixedOutput);
            Assert.Contains($"KernelStructs header verification: 1 struct(s) on {abis},", fixedOutput);
            Assert.Contains("0 error(s).", fixedOutput);
            Assert.DoesNotContain("KS1201", fixedOutput);

            // The verifier is a tool of the build step: a project that does not opt in does not reference it.
            Assert.Empty(Directory.GetFiles(Path.Combine(project, "bin"), "KernelStructs.Verification.dll", SearchOption.AllDirectories));

            // A C toolchain that cannot find the ABI's <asm/types.h> (as a cross compiler without libc6-dev-ARCH-cross)
            // fails the build as an incomplete toolchain with the package to install, not as mirrors that differ.
            var gccInclude = NetNs.RunTool(CorpusLayoutTests.HostTarget.Compiler, "-print-file-name=include").Trim();
            var (broken, brokenOutput) = PackedPackage.Dotnet(
                project,
                $"build --nologo --no-incremental -p:KernelStructsVerifyAbis={CorpusLayoutTests.HostTarget.Name} \"-p:KernelStructsVerifyCFlags=-nostdinc -isystem {gccInclude} -isystem /usr/include\"");
            Assert.True(broken != 0, brokenOutput);
            Assert.Contains("cannot find <asm/types.h> (apt-get install linux-libc-dev)", brokenOutput);
            Assert.Contains("the C toolchain is incomplete", brokenOutput);
            Assert.DoesNotContain("differ from the C headers", brokenOutput);
            Assert.DoesNotContain("KS1201", brokenOutput);

            // The layout command prints the pahole-style picture from the same manifest.
            var (shown, layout) = PackedPackage.Dotnet(project, "build --nologo -t:KernelStructsLayout");
            Assert.True(shown == 0, layout);
            Assert.Contains("// Consumer.SockAddrIn <linux/in.h>", layout);
            Assert.Contains("struct sockaddr_in {", layout);
            var gccOffset = Offset(CorpusLayoutTests.HostTarget, "sin_port");
            Assert.Matches($@"__be16 sin_port;\s+/\*\s+{gccOffset}\s+{gccSize} \*/", layout);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static long Offset(CTarget target, string member)
    {
        var probe = new CProbe(target).Include("linux/in.h");
        var offset = probe.OffsetOf("struct sockaddr_in", member);
        return probe.Compile()[offset];
    }

    private static long MemberSize(CTarget target, string member)
    {
        var probe = new CProbe(target).Include("linux/in.h");
        var size = probe.MemberSize("struct sockaddr_in", member);
        return probe.Compile()[size];
    }

}
