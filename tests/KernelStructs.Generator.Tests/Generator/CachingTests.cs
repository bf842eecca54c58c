using System.Linq;
using KernelStructs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace KernelStructs.Generator.Tests.Generator;

public class CachingTests
{
    private const string Mirrors = """
        using KernelStructs;
        namespace Demo;

        [KernelStruct("struct sockaddr_in")]
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
            public SockAddrIn addr;
            [BitField("a", 3)]
            public byte bits;
        }

        public static partial class Options
        {
            [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(SockAddrIn), Length = LengthRule.AtLeast)]
            public const int SO_ORIGINAL_DST = 80;

            [SockOptCommand(SocketLevel.Socket, SockOptDirection.Both, typeof(uint))]
            public const int SO_MARK = 36;

            [GetSockOpt(SO_ORIGINAL_DST)]
            public static partial SockAddrIn GetOriginalDestination(int fd);

            [SetSockOpt(SO_MARK)]
            public static partial void SetMark(int fd, in uint mark);
        }
        """;

    [Fact]
    public void An_unrelated_edit_leaves_every_tracked_step_cached_or_unchanged()
    {
        var compilation = GeneratorHarness.Compile(Mirrors, "namespace Demo; public static class Other { public static int Value => 1; }");
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var unrelated = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(
            unrelated,
            CSharpSyntaxTree.ParseText("namespace Demo; public static class Other { public static int Value => 2; public static int More => 3; }", GeneratorHarness.ParseOptions, unrelated.FilePath));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        // Every named step that ran is cached or unchanged; the ones that parse declarations must have run to say so.
        var named = typeof(KernelStructGenerator.Steps).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToList();
        foreach (var step in new[] { KernelStructGenerator.Steps.Structs, KernelStructGenerator.Steps.Emittable, KernelStructGenerator.Steps.GetSockOpts, KernelStructGenerator.Steps.SetSockOpts })
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), $"step {step} did not run");
        }

        foreach (var step in named.Where(result.TrackedSteps.ContainsKey))
        {
            var runs = result.TrackedSteps[step];
            Assert.NotEmpty(runs);
            var reasons = runs.SelectMany(r => r.Outputs).Select(o => o.Reason).ToList();
            Assert.All(reasons, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_a_mirror_reruns_only_that_mirror()
    {
        var compilation = GeneratorHarness.Compile(Mirrors, "namespace Demo; public static class Other { }");
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var mirrors = compilation.SyntaxTrees.First();
        var edited = compilation.ReplaceSyntaxTree(
            mirrors,
            CSharpSyntaxTree.ParseText(Mirrors.Replace("[BitField(\"a\", 3)]", "[BitField(\"a\", 4)]"), GeneratorHarness.ParseOptions, mirrors.FilePath));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();
        var steps = Reasons(result);

        // The declarations are read again (their file changed); only Holder's model differs, so only Holder is laid out
        // and written again: the other mirror and the socket-option methods keep their cached source.
        Assert.Equal(new[] { IncrementalStepRunReason.Modified, IncrementalStepRunReason.Unchanged }, steps[KernelStructGenerator.Steps.Structs].OrderBy(r => r));
        Assert.Equal(new[] { IncrementalStepRunReason.Modified, IncrementalStepRunReason.Cached }, steps[KernelStructGenerator.Steps.Emittable].OrderBy(r => r));
        Assert.All(steps[KernelStructGenerator.Steps.GetSockOpts].Concat(steps[KernelStructGenerator.Steps.SetSockOpts]), r => Assert.True(r is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, r.ToString()));

        // The registrations (one file for all mirrors) name the same mirrors as before: the file is not written again.
        Assert.All(steps[KernelStructGenerator.Steps.Registrations], r => Assert.True(r is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, r.ToString()));

        var sources = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(1, sources.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.All(sources.Where(r => r != IncrementalStepRunReason.Modified), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void A_second_run_with_no_edit_reruns_nothing()
    {
        var compilation = GeneratorHarness.Compile(Mirrors, "namespace Demo; public static class Other { }");
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        foreach (var (step, reasons) in Reasons(result))
        {
            Assert.All(reasons, r => Assert.True(r == IncrementalStepRunReason.Cached, $"{step}: {r}"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void An_unrelated_edit_step_by_step_reparses_and_nothing_after_the_parse_runs()
    {
        var result = RunWithUnrelatedEdit(manifests: false);
        var steps = Reasons(result);

        // The parses are semantic: a new compilation reruns them, and each finds the model it found before. (The
        // socket-option steps are the filters after their parse, which see an input that came out the same: cached.)
        Assert.Equal(new[] { IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Unchanged }, steps[KernelStructGenerator.Steps.Structs]);
        Assert.Equal(new[] { IncrementalStepRunReason.Cached }, steps[KernelStructGenerator.Steps.GetSockOpts]);
        Assert.Equal(new[] { IncrementalStepRunReason.Cached }, steps[KernelStructGenerator.Steps.SetSockOpts]);

        // Layout and emission do not run at all.
        Assert.Equal(new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Cached }, steps[KernelStructGenerator.Steps.Layout]);
        Assert.Equal(new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Cached }, steps[KernelStructGenerator.Steps.Emittable]);
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));

        // With manifests off, the steps that serve them have nothing to do: no source place or path map is read.
        Assert.False(steps.ContainsKey(KernelStructGenerator.Steps.SourcePlaces), "source places were read with manifests off");
        Assert.False(steps.ContainsKey(KernelStructGenerator.Steps.SourcePathMap), "the path map was read with manifests off");
    }

    [Fact]
    public void With_manifests_on_an_unrelated_edit_rereads_the_places_and_writes_nothing()
    {
        var result = RunWithUnrelatedEdit(manifests: true);
        var steps = Reasons(result);

        // The places come from the new compilation (an edit may move a declaration); here none moved.
        Assert.Equal(new[] { IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Unchanged }, steps[KernelStructGenerator.Steps.SourcePlaces]);
        Assert.Equal(new[] { IncrementalStepRunReason.Unchanged }, steps[KernelStructGenerator.Steps.SourcePathMap]);
        Assert.Equal(new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Cached }, steps[KernelStructGenerator.Steps.Layout]);

        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs).ToList();
        Assert.Contains(result.GeneratedSources, s => s.HintName.EndsWith(".KernelStructLayout.g.cs", System.StringComparison.Ordinal));
        Assert.All(outputs, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_a_mirror_lays_out_only_that_mirror_again()
    {
        var compilation = GeneratorHarness.Compile(Mirrors, "namespace Demo; public static class Other { }");
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var mirrors = compilation.SyntaxTrees.First();
        var edited = compilation.ReplaceSyntaxTree(
            mirrors,
            CSharpSyntaxTree.ParseText(Mirrors.Replace("[BitField(\"a\", 3)]", "[BitField(\"a\", 4)]"), GeneratorHarness.ParseOptions, mirrors.FilePath));
        var steps = Reasons(driver.RunGenerators(edited).GetRunResult().Results.Single());

        Assert.Equal(new[] { IncrementalStepRunReason.Modified, IncrementalStepRunReason.Unchanged }, steps[KernelStructGenerator.Steps.Structs].OrderBy(r => r));
        Assert.Equal(new[] { IncrementalStepRunReason.Modified, IncrementalStepRunReason.Cached }, steps[KernelStructGenerator.Steps.Layout].OrderBy(r => r));
        Assert.Equal(new[] { IncrementalStepRunReason.Modified, IncrementalStepRunReason.Cached }, steps[KernelStructGenerator.Steps.Emittable].OrderBy(r => r));
    }

    /// <summary>Runs the generator, edits a file without declarations, runs it again; returns the second run.</summary>
    private static GeneratorRunResult RunWithUnrelatedEdit(bool manifests)
    {
        var compilation = GeneratorHarness.Compile(Mirrors, "namespace Demo; public static class Other { public static int Value => 1; }");
        var driver = GeneratorHarness.CreateDriver(
            new BuildProperties(new System.Collections.Generic.Dictionary<string, string> { ["build_property.KernelStructsLayoutManifest"] = manifests ? "true" : "false" }))
            .RunGenerators(compilation);

        var unrelated = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(
            unrelated,
            CSharpSyntaxTree.ParseText("namespace Demo; public static class Other { public static int Value => 2; }", GeneratorHarness.ParseOptions, unrelated.FilePath));
        return driver.RunGenerators(edited).GetRunResult().Results.Single();
    }

    /// <summary>The reason of every output of every named step, step by step.</summary>
    private static System.Collections.Generic.Dictionary<string, System.Collections.Generic.List<IncrementalStepRunReason>> Reasons(GeneratorRunResult result)
        => typeof(KernelStructGenerator.Steps).GetFields()
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(result.TrackedSteps.ContainsKey)
            .ToDictionary(step => step, step => result.TrackedSteps[step].SelectMany(r => r.Outputs).Select(o => o.Reason).ToList());
}
