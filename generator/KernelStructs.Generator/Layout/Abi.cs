using System.Collections.Immutable;

namespace KernelStructs.Generator.Layout;

/// <summary>
/// The facts about a Linux ABI that decide a struct's layout. Every supported ABI is one row of
/// data here; the layout rules themselves are in <see cref="LayoutEngine"/>.
/// </summary>
/// <param name="Name">The ABI's name as diagnostics and pictures show it.</param>
/// <param name="Compiler">The gcc that targets it (the verification probes use it).</param>
/// <param name="PointerSize">Size and alignment of a pointer and of <c>nint</c>.</param>
/// <param name="LongSize">Size and alignment of C <c>long</c>.</param>
/// <param name="Int64Alignment">Alignment of <c>__u64</c>/<c>long long</c>.</param>
/// <param name="BigEndian">Whether the ABI is big-endian, which also puts the first bitfield in the most significant bits.</param>
internal sealed record Abi(string Name, string Compiler, int PointerSize, int LongSize, int Int64Alignment, bool BigEndian)
{
    /// <summary>x86_64 (System V psABI, LP64).</summary>
    public static readonly Abi X86_64 = new("x86_64", "gcc", PointerSize: 8, LongSize: 8, Int64Alignment: 8, BigEndian: false);

    /// <summary>aarch64 (AAPCS64, LP64).</summary>
    public static readonly Abi Aarch64 = new("aarch64", "aarch64-linux-gnu-gcc", PointerSize: 8, LongSize: 8, Int64Alignment: 8, BigEndian: false);

    /// <summary>32-bit arm, hard float (AAPCS/EABI, ILP32; 64-bit integers are 8-aligned).</summary>
    public static readonly Abi Arm = new("arm", "arm-linux-gnueabihf-gcc", PointerSize: 4, LongSize: 4, Int64Alignment: 8, BigEndian: false);

    /// <summary>s390x (LP64, big-endian).</summary>
    public static readonly Abi S390x = new("s390x", "s390x-linux-gnu-gcc", PointerSize: 8, LongSize: 8, Int64Alignment: 8, BigEndian: true);

    /// <summary>Every supported ABI, the host-like one first.</summary>
    public static readonly ImmutableArray<Abi> All = ImmutableArray.Create(X86_64, Aarch64, Arm, S390x);
}
