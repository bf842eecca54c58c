using System.IO;
using System.Linq;
using KernelStructs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KernelStructs.Generator.Tests.Generator;

/// <summary>
/// The references the generator adds for the members of anonymous members (<c>storage.ss_family</c> for
/// <c>storage.u.s.ss_family</c>) are as accessible as the fields on their path, and there is none for a member the
/// struct cannot reach.
/// </summary>
public sealed class AnonymousMemberReferenceTests
{
    private const string Mirror = """
        using System.Runtime.InteropServices;
        using KernelStructs;
        namespace Demo;
        [KernelStruct("struct outer")]
        public partial struct Outer
        {
            public uint head;
            [CField(Anonymous = true)] {0} Inner u;
        }
        [KernelStruct("union")]
        [StructLayout(LayoutKind.Explicit)]
        public partial struct Inner
        {
            [FieldOffset(0)] public uint open;
            [FieldOffset(0)] internal uint shared;
            [FieldOffset(0)] private uint hidden;
            [FieldOffset(0)] public readonly uint fixedValue;
        }
        """;

    [Theory]
    [InlineData("public", Accessibility.Public, Accessibility.Internal)]
    [InlineData("internal", Accessibility.Internal, Accessibility.Internal)]
    [InlineData("private", Accessibility.Private, Accessibility.Private)]
    public void A_reference_is_as_accessible_as_the_least_accessible_field_on_its_path(string anonymousAccess, Accessibility open, Accessibility shared)
    {
        var outer = GeneratedOuter(GeneratorHarness.Compile(Mirror.Replace("{0}", anonymousAccess)));

        Assert.Equal(open, Reference(outer, "open").DeclaredAccessibility);
        Assert.Equal(shared, Reference(outer, "shared").DeclaredAccessibility);
        Assert.True(Reference(outer, "fixedValue").ReturnsByRefReadonly);
        Assert.True(Reference(outer, "open").ReturnsByRef);
    }

    [Fact]
    public void A_private_field_of_the_anonymous_members_type_gets_no_reference()
    {
        var outer = GeneratedOuter(GeneratorHarness.Compile(Mirror.Replace("{0}", "public")));

        // C still names it: its offset stays in Offsets.
        Assert.Empty(outer.GetMembers("hidden"));
        var offsets = outer.GetTypeMembers("Offsets").Single();
        Assert.Equal(Offset(offsets, "open"), Offset(offsets, "hidden"));
    }

    [Fact]
    public void An_internal_field_of_a_type_from_another_assembly_gets_no_reference()
    {
        var library = GeneratorHarness.Compile("""
            using System.Runtime.InteropServices;
            using KernelStructs;
            namespace Library;
            [KernelStruct("union")]
            [StructLayout(LayoutKind.Explicit)]
            public partial struct Inner
            {
                [FieldOffset(0)] public uint open;
                [FieldOffset(0)] internal uint shared;
            }
            """);
        var (_, built) = GeneratorHarness.Run(library);
        using var image = new MemoryStream();
        var emitted = built.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));

        var consumer = GeneratorHarness.Compile("""
            using KernelStructs;
            namespace Demo;
            [KernelStruct("struct outer")]
            public partial struct Outer
            {
                public uint head;
                [CField(Anonymous = true)] public Library.Inner u;
            }
            """).AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
        var outer = GeneratedOuter(consumer);

        Assert.Equal(Accessibility.Public, Reference(outer, "open").DeclaredAccessibility);
        Assert.Empty(outer.GetMembers("shared"));
    }

    /// <summary>The struct <c>Outer</c> once the generator has run, with the output checked to compile cleanly.</summary>
    private static INamedTypeSymbol GeneratedOuter(Compilation input)
    {
        var (result, output) = GeneratorHarness.Run(input);
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        return output.GetTypeByMetadataName("Demo.Outer")!;
    }

    private static object? Offset(INamedTypeSymbol offsets, string name) => offsets.GetMembers(name).OfType<IFieldSymbol>().Single().ConstantValue;

    private static IPropertySymbol Reference(INamedTypeSymbol outer, string name) => outer.GetMembers(name).OfType<IPropertySymbol>().Single();
}
