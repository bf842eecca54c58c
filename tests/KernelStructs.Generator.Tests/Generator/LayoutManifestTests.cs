using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.Json;
using KernelStructs.Generator.Layout;
using KernelStructs.Generator.Parsing;
using KernelStructs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace KernelStructs.Generator.Tests.Generator;

/// <summary>The layout manifest the generator compiles in for header verification, only when the project asks for it.</summary>
public class LayoutManifestTests
{
    private const string Mirrors = """
        using KernelStructs;
        namespace Demo;

        [KernelStruct("struct sockaddr_in", Header = "linux/in.h")]
        public partial struct SockAddrIn
        {
            public ushort sin_family;
            public Be16 sin_port;
            public Be32 sin_addr;
            public unsafe fixed byte __pad[8];
        }

        [KernelStruct("struct holder")]
        public partial struct Holder
        {
            public nint pointer;
            [BitField("a", 3)]
            public byte bits;
        }
        """;

    [Fact]
    public void Without_the_property_nothing_is_emitted()
    {
        var sources = Generate(new Dictionary<string, string>());
        Assert.DoesNotContain(sources, s => s.HintName.EndsWith(".KernelStructLayout.g.cs"));
        Assert.Contains(sources, s => s.HintName == Names.HintName("Demo.SockAddrIn", ".KernelStruct.g.cs"));
    }

    [Theory]
    [InlineData("KernelStructsVerifyHeaders")]
    [InlineData("KernelStructsLayoutManifest")]
    public void With_the_property_each_struct_gets_an_assembly_attribute_with_its_layout_on_every_ABI(string property)
    {
        var sources = Generate(new Dictionary<string, string> { ["build_property." + property] = "true" });

        var manifests = sources.Where(s => s.HintName.EndsWith(".KernelStructLayout.g.cs")).ToList();
        Assert.Equal(new[] { Names.HintName("Demo.Holder", ".KernelStructLayout.g.cs"), Names.HintName("Demo.SockAddrIn", ".KernelStructLayout.g.cs") }, manifests.Select(m => m.HintName).OrderBy(n => n));

        var compilation = GeneratorHarness.Compile(Mirrors);
        foreach (var (name, cName) in new[] { ("SockAddrIn", "struct sockaddr_in"), ("Holder", "struct holder") })
        {
            var text = manifests.Single(m => m.HintName == Names.HintName($"Demo.{name}", ".KernelStructLayout.g.cs")).SourceText.ToString();
            var json = Json(text);
            var root = json.RootElement;
            Assert.Equal(2, root.GetProperty("version").GetInt32());
            Assert.Equal("Demo." + name, root.GetProperty("type").GetString());
            Assert.Equal(cName, root.GetProperty("cType").GetString());

            var model = StructParser.Parse(compilation.GetTypeByMetadataName("Demo." + name)!, default);
            var abis = root.GetProperty("abis").EnumerateArray().Select(a => a.GetString()).ToList();
            Assert.Equal(Abi.All.Select(a => a.Name), abis);
            for (var i = 0; i < Abi.All.Length; i++)
            {
                var layout = LayoutEngine.Compute(model.Shape, Abi.All[i]);
                Assert.Equal(layout.Size, root.GetProperty("size")[i].GetInt32());
                Assert.Equal(layout.Alignment, root.GetProperty("align")[i].GetInt32());
                var fields = root.GetProperty("fields").EnumerateArray().ToList();
                Assert.Equal(layout.Fields.Count, fields.Count);
                for (var f = 0; f < fields.Count; f++)
                {
                    Assert.Equal(layout.Fields[f].Offset, fields[f].GetProperty("offset")[i].GetInt32());
                    Assert.Equal(layout.Fields[f].Size, fields[f].GetProperty("size")[i].GetInt32());
                }
            }
        }

        var sockaddr = Json(manifests.Single(m => m.HintName.StartsWith("Demo.SockAddrIn")).SourceText.ToString()).RootElement;
        Assert.Equal("linux/in.h", sockaddr.GetProperty("header").GetString());
        var sinPort = sockaddr.GetProperty("fields")[1];
        Assert.Equal("sin_port", sinPort.GetProperty("cName").GetString());
        Assert.Equal("Input0.cs", sinPort.GetProperty("file").GetString());
        Assert.Equal(Mirrors.Split('\n').ToList().FindIndex(l => l.Contains("sin_port;")) + 1, sinPort.GetProperty("line").GetInt32());

        var holder = Json(manifests.Single(m => m.HintName.StartsWith("Demo.Holder")).SourceText.ToString()).RootElement;
        Assert.Equal(JsonValueKind.Null, holder.GetProperty("header").ValueKind);
        var unit = holder.GetProperty("fields")[1];
        Assert.Equal(JsonValueKind.Null, unit.GetProperty("cName").ValueKind);
        Assert.Equal("a", unit.GetProperty("bitFields")[0].GetProperty("name").GetString());
        Assert.Equal(3, unit.GetProperty("bitFields")[0].GetProperty("width").GetInt32());
    }

    private const string Nested = """
        using System.Runtime.InteropServices;
        using KernelStructs;
        namespace Demo;

        [KernelStruct("struct outer", Header = "demo/outer.h", Defines = new[] { "_GNU_SOURCE" }, Extent = StructExtent.Growing)]
        public partial struct Outer
        {
            [CField(Anonymous = true)] public Either either;
            public Tail tail;

            [KernelStruct("union")]
            [StructLayout(LayoutKind.Explicit)]
            public partial struct Either
            {
                [FieldOffset(0)] public ushort family;
                [FieldOffset(0)] public nint align;
            }

            [KernelStruct("struct")]
            public partial struct Tail
            {
                public byte first;
                public uint second;
            }
        }
        """;

    [Fact]
    public void Anonymous_members_and_members_of_types_without_a_name_carry_their_type_layout()
    {
        var sources = Generate(new Dictionary<string, string> { ["build_property.KernelStructsLayoutManifest"] = "true" }, Nested);
        var outer = Json(sources.Single(s => s.HintName == Names.HintName("Demo.Outer", ".KernelStructLayout.g.cs")).SourceText.ToString()).RootElement;
        Assert.Equal("growing", outer.GetProperty("extent").GetString());
        Assert.Equal("_GNU_SOURCE", outer.GetProperty("defines")[0].GetString());

        var either = outer.GetProperty("fields")[0];
        Assert.True(either.GetProperty("anonymous").GetBoolean());
        Assert.Equal(JsonValueKind.Null, either.GetProperty("cName").ValueKind);
        Assert.True(either.GetProperty("type").GetProperty("unnamed").GetBoolean());
        Assert.Equal("union", either.GetProperty("type").GetProperty("cType").GetString());
        Assert.Equal("align", either.GetProperty("type").GetProperty("fields")[1].GetProperty("cName").GetString());

        var tail = outer.GetProperty("fields")[1];
        Assert.Equal("tail", tail.GetProperty("cName").GetString());
        var second = tail.GetProperty("type").GetProperty("fields")[1];
        Assert.Equal(4, second.GetProperty("offset")[0].GetInt32());
        Assert.Equal(Nested.Split('\n').ToList().FindIndex(l => l.Contains("uint second;")) + 1, second.GetProperty("line").GetInt32());

        // The types without a name have manifests of their own, marked so that verification checks them through Outer.
        var unnamed = Json(sources.Single(s => s.HintName == Names.HintName("Demo.Outer+Tail", ".KernelStructLayout.g.cs")).SourceText.ToString()).RootElement;
        Assert.True(unnamed.GetProperty("unnamed").GetBoolean());
    }

    [Fact]
    public void The_manifest_compiles_into_an_AssemblyMetadata_attribute()
    {
        var compilation = GeneratorHarness.Compile(Mirrors);
        var driver = GeneratorHarness.CreateDriver(new BuildProperties(new Dictionary<string, string> { ["build_property.KernelStructsVerifyHeaders"] = "true" }));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);

        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var attributes = output.Assembly.GetAttributes().Where(a => a.AttributeClass?.Name == "AssemblyMetadataAttribute").ToList();
        Assert.Equal(2, attributes.Count);
        Assert.All(attributes, a => Assert.Equal("KernelStructs.Layout", a.ConstructorArguments[0].Value));
    }

    [Theory]
    [InlineData("/home/a/clone/", "src/Mirrors.cs")]
    [InlineData("/var/tmp/other clone/", "src/Mirrors.cs")]
    public void Source_paths_are_written_relative_to_the_project_so_the_assembly_does_not_depend_on_the_clone(string clone, string expected)
    {
        var root = Manifest(clone + "src/Mirrors.cs", new Dictionary<string, string> { ["build_property.ProjectDir"] = clone });

        Assert.Equal(expected, root.GetProperty("file").GetString());
        Assert.All(root.GetProperty("fields").EnumerateArray(), f => Assert.Equal(expected, f.GetProperty("file").GetString()));
    }

    [Fact]
    public void A_file_beside_the_project_is_written_with_parent_steps()
    {
        var root = Manifest("/repo/shared/Mirrors.cs", new Dictionary<string, string> { ["build_property.ProjectDir"] = "/repo/app/" });
        Assert.Equal("../shared/Mirrors.cs", root.GetProperty("file").GetString());
    }

    [Fact]
    public void The_compilers_pathmap_wins_as_it_does_for_the_pdb()
    {
        var pathMap = ImmutableArray.Create(new KeyValuePair<string, string>("/home/a/clone/", "/_/"));
        var root = Manifest("/home/a/clone/src/Mirrors.cs", new Dictionary<string, string> { ["build_property.ProjectDir"] = "/home/a/clone/src/" }, pathMap);
        Assert.Equal("/_/src/Mirrors.cs", root.GetProperty("file").GetString());
    }

    private static JsonElement Manifest(string path, Dictionary<string, string> properties, ImmutableArray<KeyValuePair<string, string>> pathMap = default)
    {
        properties["build_property.KernelStructsLayoutManifest"] = "true";
        var tree = CSharpSyntaxTree.ParseText(Mirrors, GeneratorHarness.ParseOptions, path);
        var compilation = GeneratorHarness.Compile().AddSyntaxTrees(tree);
        if (!pathMap.IsDefault)
        {
            compilation = compilation.WithOptions(compilation.Options.WithSourceReferenceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, null, pathMap)));
        }

        var driver = GeneratorHarness.CreateDriver(new BuildProperties(properties));
        var sources = driver.RunGenerators(compilation).GetRunResult().Results.Single().GeneratedSources;
        return Json(sources.Single(s => s.HintName.StartsWith("Demo.SockAddrIn.", System.StringComparison.Ordinal) && s.HintName.EndsWith(".KernelStructLayout.g.cs", System.StringComparison.Ordinal)).SourceText.ToString()).RootElement.Clone();
    }

    private static JsonDocument Json(string generated)
    {
        // The attribute's second argument is a C# string literal holding the JSON.
        var tree = CSharpSyntaxTree.ParseText(generated);
        var literal = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax>().Last();
        return JsonDocument.Parse((string)literal.Token.Value!);
    }

    private static ImmutableArray<GeneratedSourceResult> Generate(Dictionary<string, string> properties, string source = Mirrors)
    {
        var driver = GeneratorHarness.CreateDriver(new BuildProperties(properties));
        return driver.RunGenerators(GeneratorHarness.Compile(source)).GetRunResult().Results.Single().GeneratedSources;
    }
}
