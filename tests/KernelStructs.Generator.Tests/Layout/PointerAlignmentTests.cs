using System.Linq;
using KernelStructs.Generator.Layout;
using KernelStructs.Generator.Model;
using KernelStructs.Generator.Parsing;
using KernelStructs.Generator.Tests.Infrastructure;
using Xunit;

namespace KernelStructs.Generator.Tests.Layout;

/// <summary>
/// <c>FlexibleArrayAttribute.PointerAlignment</c>: a flexible array member aligned like a pointer on each ABI
/// (ebtables' <c>aligned(__alignof__(struct ebt_replace))</c>). gcc checks the real ebtables structs through the
/// corpus (<c>CorpusAbiTests</c>); these tests pin the engine's reading of the sentinel.
/// </summary>
public class PointerAlignmentTests
{
    private static StructModel Parse(string flexibleAlignment)
    {
        var source = $$"""
            using KernelStructs;
            namespace Demo;

            [KernelStruct("struct ebt_entry_match")]
            [FlexibleArray(typeof(byte), "data", Alignment = {{flexibleAlignment}})]
            public partial struct Match
            {
                public unsafe fixed byte name[32];
                public uint match_size;
            }
            """;
        var compilation = GeneratorHarness.Compile(source);
        return StructParser.Parse(compilation.GetTypeByMetadataName("Demo.Match")!, default);
    }

    [Fact]
    public void The_sentinel_aligns_like_a_pointer_of_each_abi()
    {
        var model = Parse("FlexibleArrayAttribute.PointerAlignment");
        Assert.Empty(model.Problems);
        Assert.Equal(FlexibleArrayModel.PointerAlignment, model.Shape.Flexible!.Alignment);
        foreach (var abi in Abi.All)
        {
            var stated = Parse(abi.PointerSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var expected = LayoutEngine.Compute(stated.Shape, abi);
            var actual = LayoutEngine.Compute(model.Shape, abi);
            Assert.Equal((expected.FlexibleOffset, expected.Size, expected.Alignment), (actual.FlexibleOffset, actual.Size, actual.Alignment));
        }
    }

    [Fact]
    public void Abis_with_different_pointers_place_the_member_differently()
    {
        // name[32] + u32 ends at 36: a 4-byte pointer leaves it there, an 8-byte one moves it.
        var shape = Parse("FlexibleArrayAttribute.PointerAlignment").Shape;
        var offsets = Abi.All.GroupBy(a => a.PointerSize).Select(g => g.Select(abi => LayoutEngine.Compute(shape, abi).FlexibleOffset).Distinct().Single()).ToList();
        Assert.Equal(offsets.Count, offsets.Distinct().Count());
    }

    [Fact]
    public void Other_negative_alignments_are_reported()
    {
        var problem = Assert.Single(Parse("-2").Problems);
        Assert.Equal("KS1009", problem.Id);
    }
}
