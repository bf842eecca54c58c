using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using KernelStructs.Generator.Layout;
using KernelStructs.Generator.Parsing;
using KernelStructs.Generator.Tests.Infrastructure;
using KernelStructs.Testing;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KernelStructs.Generator.Tests.Oracles;

/// <summary>Minimal cases found by the random-struct differential test, kept as regression tests.</summary>
public class EngineFindingsTests
{
    /// <summary>
    /// A packed struct gets <c>[StructLayout(Pack = 1)]</c> from the generator, so the CLR aligns it to 1
    /// wherever it is used. The engine's CLR model must see that Pack when the struct is nested too, not
    /// only when it is the struct being generated.
    /// </summary>
    [SkippableFact]
    public void ComputeClr_sees_the_Pack_the_generator_adds_to_a_nested_packed_struct()
    {
        Skip.IfNot(System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64, "Compared with this process's CLR, for x86_64.");
        const string Source = """
            using KernelStructs;
            namespace Findings;

            [KernelStruct("struct inner", Packed = true)]
            public partial struct Inner { public byte a; public uint b; }

            [KernelStruct("struct outer")]
            public partial struct Outer { public byte x; public Inner y; public byte z; }
            """;
        var (input, assembly) = CompileAndLoad(Source);
        var outer = input.GetTypeByMetadataName("Findings.Outer")!;
        var shape = StructParser.Parse(outer, default).Shape;
        var model = LayoutEngine.ComputeClr(shape, Abi.X86_64);
        var runtime = assembly.GetType("Findings.Outer", throwOnError: true)!;

        Assert.Equal(
            $"size {ClrLayout.SizeOf(runtime)}; y at {ClrLayout.OffsetOf(runtime, "y")}; z at {ClrLayout.OffsetOf(runtime, "z")}",
            $"size {model.Size}; y at {model.Fields[1].Offset}; z at {model.Fields[2].Offset}");
    }

    private static (Compilation Input, Assembly Assembly) CompileAndLoad(string source)
    {
        var input = GeneratorHarness.Compile(source);
        var (_, output) = GeneratorHarness.Run(input);
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        stream.Position = 0;
        return (input, new AssemblyLoadContext("Findings", isCollectible: true).LoadFromStream(stream));
    }
}
