using System.Collections.Immutable;

namespace KernelStructs.Generator.Layout;

/// <summary>
/// The facts about a Linux ABI that KernelStructs uses: what decides a struct's layout, and what names the ABI's
/// toolchain. Every supported ABI is one row of data here; the layout rules are in <c>LayoutEngine</c>.
/// </summary>
/// <remarks>
/// One source file for the whole repository: the generator and analyzers compile it, and so do
/// <c>KernelStructs.Verification</c> (which compilers and packages check each ABI) and the tests' C oracles, as linked
/// files. Add an ABI here and every one of them has it.
/// </remarks>
/// <param name="Name">The ABI's name as diagnostics, pictures and manifests show it.</param>
/// <param name="Triple">The GNU triple of its toolchain (<c>aarch64-linux-gnu</c>): the cross compiler is <c>&lt;triple&gt;-gcc</c>.</param>
/// <param name="DebianArch">Its Debian architecture (<c>arm64</c>), which names the cross packages (<c>linux-libc-dev-arm64-cross</c>).</param>
/// <param name="ProcessArchitecture">The name of its <c>System.Runtime.InteropServices.Architecture</c> (<c>Arm64</c>), to find the machine's own ABI.</param>
/// <param name="PointerSize">Size and alignment of a pointer and of <c>nint</c>.</param>
/// <param name="LongSize">Size and alignment of C <c>long</c>.</param>
/// <param name="Int64Alignment">Alignment of <c>__u64</c>/<c>long long</c>.</param>
/// <param name="BigEndian">Whether the ABI is big-endian, which also puts the first bitfield in the most significant bits.</param>
internal sealed record Abi(string Name, string Triple, string DebianArch, string ProcessArchitecture, int PointerSize, int LongSize, int Int64Alignment, bool BigEndian)
{
    /// <summary>x86_64 (System V psABI, LP64).</summary>
    public static readonly Abi X86_64 = new("x86_64", "x86_64-linux-gnu", "amd64", "X64", PointerSize: 8, LongSize: 8, Int64Alignment: 8, BigEndian: false);

    /// <summary>aarch64 (AAPCS64, LP64).</summary>
    public static readonly Abi Aarch64 = new("aarch64", "aarch64-linux-gnu", "arm64", "Arm64", PointerSize: 8, LongSize: 8, Int64Alignment: 8, BigEndian: false);

    /// <summary>32-bit arm, hard float (AAPCS/EABI, ILP32; 64-bit integers are 8-aligned).</summary>
    public static readonly Abi Arm = new("arm", "arm-linux-gnueabihf", "armhf", "Arm", PointerSize: 4, LongSize: 4, Int64Alignment: 8, BigEndian: false);

    /// <summary>s390x (LP64, big-endian).</summary>
    public static readonly Abi S390x = new("s390x", "s390x-linux-gnu", "s390x", "S390x", PointerSize: 8, LongSize: 8, Int64Alignment: 8, BigEndian: true);

    /// <summary>Every supported ABI, the host-like one first.</summary>
    public static readonly ImmutableArray<Abi> All = ImmutableArray.Create(X86_64, Aarch64, Arm, S390x);

    /// <summary>The gcc that targets the ABI from another machine (<c>aarch64-linux-gnu-gcc</c>).</summary>
    public string CrossCompiler => Triple + "-gcc";
}
