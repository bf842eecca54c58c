using System.IO;
using System.Linq;
using KernelStructs.Btf;
using Xunit;

namespace KernelStructs.Tests.Packaging;

/// <summary>
/// The opt-in BTF build step of the packed .nupkg (KernelStructsVerifyBtf): a consumer's mirror of
/// <c>struct nf_conntrack_tuple</c> with two members in the wrong order fails to build with KS1211 errors at the C#
/// fields, naming the C members and the mirror's and the running kernel's offsets; fixed, it builds. No header or
/// compiler is involved: the build machine's BTF is the reference.
/// </summary>
[Collection(PackagingCollection.Name)]
public class BtfVerificationPackageTests
{
    private readonly PackedPackage _package;

    public BtfVerificationPackageTests(PackedPackage package) => _package = package;

    private const string WrongMirror = """
        using KernelStructs;
        using KernelStructs.Netfilter;

        namespace Consumer;

        // What a module copies to user space with copy_to_user: the kernel's own struct.
        [KernelStruct("struct nf_conntrack_tuple")]
        public partial struct Tuple
        {
            public NfConntrackMan src;
            public Dst dst;

            [KernelStruct("struct")]
            public partial struct Dst
            {
                public NfInetAddr u3;
                public Be16 u;
                public byte dir;
                public byte protonum;
            }
        }
        """;

    [SkippableFact]
    public void A_consumer_mirror_that_differs_from_the_running_kernel_fails_the_build_and_passes_once_fixed()
    {
        Skip.IfNot(KernelBtf.TryOpen(out var btf, out var problem), problem);
        Skip.IfNot(btf.TryFind("struct nf_conntrack_tuple", out _, out var where), where);
        var work = Directory.CreateTempSubdirectory("kernelstructs-btf-consumer-").FullName;
        var project = Path.Combine(work, "Consumer");
        try
        {
            Directory.CreateDirectory(project);
            File.WriteAllText(Path.Combine(project, "Consumer.csproj"), _package.ConsumerProject(extraProperties: "<KernelStructsVerifyBtf>true</KernelStructsVerifyBtf>"));
            var mirror = Path.Combine(project, "Mirrors.cs");
            File.WriteAllText(mirror, WrongMirror);

            var (failed, output) = PackedPackage.Dotnet(project, "build --nologo");

            Assert.True(failed != 0, output);
            var dir = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("error KS1211: Tuple.dst.dir ->"));
            Assert.True(dir is not null, output);
            Assert.StartsWith(mirror + "(", dir);
            Assert.Contains("Tuple.dst.dir -> struct nf_conntrack_tuple.dst.dir: offset is 38 in the C# mirror but 39 in the running kernel (vmlinux BTF)", dir);
            Assert.Contains("error KS1211: Tuple.dst.protonum -> struct nf_conntrack_tuple.dst.protonum: offset is 39 in the C# mirror but 38 in the running kernel", output);
            Assert.Contains("KernelStructs BTF verification failed", output);

            File.WriteAllText(mirror, WrongMirror.Replace("public byte dir;", "public byte SWAP;").Replace("public byte protonum;", "public byte dir;").Replace("public byte SWAP;", "public byte protonum;"));
            var (built, fixedOutput) = PackedPackage.Dotnet(project, "build --nologo");

            Assert.True(built == 0, fixedOutput);
            Assert.Contains("KernelStructs BTF verification: 1 struct(s) checked against the running kernel, 0 error(s)", fixedOutput);
            Assert.DoesNotContain("KS1211", fixedOutput);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
