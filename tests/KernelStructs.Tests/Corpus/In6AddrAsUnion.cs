using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using KernelStructs;

namespace KernelStructs.Tests.Corpus;

// Test-only mirrors: C types the shipped catalog mirrors another way. The layout oracles check them with the
// catalog's mirrors (tests/KernelStructs.Tests/Oracles, tests/KernelStructs.Generator.Tests/Oracles).

/// <summary>
/// <c>struct in6_addr</c> as <c>linux/in6.h</c> declares it: one member, <c>in6_u</c>, of a union without a name. The
/// catalog's <see cref="KernelStructs.In6Addr"/> reads the same 16 bytes as <c>s6_addr</c>.
/// </summary>
[KernelStruct("struct in6_addr", Header = "linux/in6.h")]
public partial struct In6AddrAsUnion
{
    public In6U in6_u;

    /// <summary>The unnamed union of <c>in6_u</c>.</summary>
    [KernelStruct("union")]
    [StructLayout(LayoutKind.Explicit)]
    public unsafe partial struct In6U
    {
        [FieldOffset(0)] public fixed byte u6_addr8[16];
        [FieldOffset(0)] public Be16x8 u6_addr16;
        [FieldOffset(0)] public Be32x4 u6_addr32;
    }

    [InlineArray(8)]
    public struct Be16x8
    {
        private Be16 _element;
    }

    [InlineArray(4)]
    public struct Be32x4
    {
        private Be32 _element;
    }
}
