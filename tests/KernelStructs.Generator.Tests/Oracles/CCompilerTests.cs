using System;
using System.Linq;
using KernelStructs.Testing;
using Xunit;

namespace KernelStructs.Generator.Tests.Oracles;

/// <summary>The oracle itself: what it reads back from gcc's assembly must be what the C source says.</summary>
public class CCompilerTests
{
    public static TheoryData<string> Targets => new(CTarget.All.Select(t => t.Name));

    [SkippableTheory]
    [MemberData(nameof(Targets))]
    public void Values_and_images_are_read_in_the_targets_byte_order(string name)
    {
        var target = CTarget.ByName(name);
        target.SkipUnlessAvailable();

        var probe = new CProbe(target).Declare("struct ks_t { unsigned char a; unsigned long long b; unsigned short c[3]; };");
        var pointer = probe.SizeOf("void *");
        var zero = probe.Value("0");
        var big = probe.Value("0x0102030405060708ULL");
        var offsetC = probe.OffsetOf("struct ks_t", "c[1]");
        var offsetB = probe.OffsetOf("struct ks_t", "b");
        var image = probe.Image("struct ks_t", ".a = 0xA5, .b = 0x0102030405060708ULL, .c = { 1, 0xBEEF, 3 }");
        var text = probe.Image("char[6]", "\"a\\\"\\n\\001\"");
        var result = probe.Compile();

        Assert.Equal(target.PointerSize, result[pointer]);
        Assert.Equal(0, result[zero]);
        Assert.Equal(0x0102030405060708L, result[big]);

        var bytes = result.Bytes(image);
        Assert.Equal(0xA5, bytes[0]);
        Assert.Equal(0x0102030405060708UL, AssemblyData.ReadUInt(bytes.AsSpan(result.Int(offsetB), 8), target.BigEndian));
        Assert.Equal(0xBEEFUL, AssemblyData.ReadUInt(bytes.AsSpan(result.Int(offsetC), 2), target.BigEndian));
        Assert.Equal(new byte[] { (byte)'a', (byte)'"', (byte)'\n', 1, 0, 0 }, result.Bytes(text));
    }

    [SkippableFact]
    public void A_compile_error_quotes_the_probe_line()
    {
        CTarget.X86_64.SkipUnlessAvailable();

        var probe = new CProbe(CTarget.X86_64);
        probe.SizeOf("struct ks_no_such_struct");
        var error = Assert.Throws<CCompileException>(() => probe.Compile());

        Assert.Contains("error:", error.Message, StringComparison.Ordinal);
        Assert.Contains("| ", error.Message, StringComparison.Ordinal);
        Assert.Contains("struct ks_no_such_struct", error.Message, StringComparison.Ordinal);
    }
}
