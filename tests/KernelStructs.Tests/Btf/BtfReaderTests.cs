using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using KernelStructs.Btf;
using KernelStructs.Testing;
using KernelStructs.Tests.Oracles;
using Xunit;

namespace KernelStructs.Tests.Btf;

/// <summary>
/// The BTF reader: every kind as <c>Documentation/bpf/btf.rst</c> lays it out (blobs written by hand, in both byte
/// orders), split BTF, the running kernel's vmlinux BTF against pahole's reading of it, and BTF that pahole encodes
/// from gcc's DWARF against gcc's own offsets.
/// </summary>
public class BtfReaderTests
{
    public static TheoryData<bool> ByteOrders => new() { false, true };

    [Theory]
    [MemberData(nameof(ByteOrders))]
    public void Every_kind_reads_back_as_written(bool bigEndian)
    {
        var b = new BtfBuilder(bigEndian);
        var u32 = b.Int("unsigned int", 4, 32);
        var s8 = b.Int("signed char", 1, 8, BtfIntEncoding.Signed | BtfIntEncoding.Char);
        var ptr = b.Type(null, BtfKind.Ptr, 0, (uint)u32);
        var array = b.Array(s8, u32, 6);
        var inner = b.Union(null, 4, ("w", u32, 0, 0), ("c", s8, 0, 0));
        var outer = b.Struct("ks_outer", 24, ("a", u32, 0, 0), ("bits", u32, 32, 3), ("more", u32, 35, 13), (null, inner, 64, 0), ("name", array, 96, 0));
        var enum32 = b.Type("ks_e32", BtfKind.Enum, 2, 4, kindFlag: true);
        b.U32(b.Name("E_MINUS")); b.U32(unchecked((uint)-5));
        b.U32(b.Name("E_TWO")); b.U32(2);
        var fwd = b.Type("ks_later", BtfKind.Fwd, 0, 0, kindFlag: true);
        var typedef = b.Type("u32_t", BtfKind.Typedef, 0, (uint)u32);
        var volatileType = b.Type(null, BtfKind.Volatile, 0, (uint)typedef);
        var constType = b.Type(null, BtfKind.Const, 0, (uint)volatileType);
        var restrict = b.Type(null, BtfKind.Restrict, 0, (uint)ptr);
        var proto = b.Type(null, BtfKind.FuncProto, 2, (uint)u32);
        b.U32(b.Name("n")); b.U32((uint)u32);
        b.U32(0); b.U32(0);
        var func = b.Type("ks_fn", BtfKind.Func, 1, (uint)proto);
        var variable = b.Type("ks_var", BtfKind.Var, 0, (uint)outer);
        b.U32(1);
        var section = b.Type(".data", BtfKind.DataSec, 1, 24);
        b.U32((uint)variable); b.U32(0); b.U32(24);
        var real = b.Type("double", BtfKind.Float, 0, 8);
        var declTag = b.Type("ks_tag", BtfKind.DeclTag, 0, (uint)outer);
        b.U32(1);
        var typeTag = b.Type("user", BtfKind.TypeTag, 0, (uint)constType);
        var enum64 = b.Type("ks_e64", BtfKind.Enum64, 1, 8);
        b.U32(b.Name("E_BIG")); b.U32(0x89abcdef); b.U32(0x01234567);

        var btf = BtfTypes.Parse(b.Build());

        Assert.Equal(bigEndian, btf.IsBigEndian);
        Assert.Equal(enum64 + 1, btf.Count);
        Assert.Equal(BtfKind.Void, btf[0].Kind);
        Assert.Equal((BtfIntEncoding.Signed | BtfIntEncoding.Char, 8, 1), (btf[s8].IntEncoding, btf[s8].IntBits, btf[s8].Size));
        Assert.Equal(u32, btf[ptr].Type);
        Assert.Equal(new BtfArray(s8, u32, 6), btf[array].Array);

        var members = btf[outer].Members;
        Assert.True(btf[outer].KindFlag);
        Assert.Equal(new[] { "a", "bits", "more", "", "name" }, members.Select(m => m.Name));
        Assert.Equal(new uint[] { 0, 32, 35, 64, 96 }, members.Select(m => m.BitOffset));
        Assert.Equal(new[] { 0, 3, 13, 0, 0 }, members.Select(m => m.BitFieldSize));
        Assert.False(members[3].HasName);
        Assert.Equal(BtfKind.Union, btf[members[3].Type].Kind);
        Assert.Equal(6, btf.SizeOf(members[4].Type));

        Assert.Equal(new[] { ("E_MINUS", -5L), ("E_TWO", 2L) }, btf[enum32].EnumValues.Select(v => (v.Name, v.Value)));
        Assert.Equal(("ks_later", true), (btf[fwd].Name, btf[fwd].KindFlag));
        Assert.Equal(u32, btf.Resolve(typeTag).Id);
        Assert.Equal(4, btf.SizeOf(constType));
        Assert.Equal(BtfKind.Restrict, btf[restrict].Kind);
        Assert.Equal(new[] { ("n", u32), ("", 0) }, btf[proto].Parameters.Select(p => (p.Name, p.Type)));
        Assert.Equal((proto, 1), (btf[func].Type, btf[func].Linkage));
        Assert.Equal((outer, 1), (btf[variable].Type, btf[variable].Linkage));
        Assert.Equal(new BtfSectionVariable(variable, 0, 24), Assert.Single(btf[section].SectionVariables));
        Assert.Equal((BtfKind.Float, 8), (btf[real].Kind, btf[real].Size));
        Assert.Equal((outer, 1), (btf[declTag].Type, btf[declTag].ComponentIndex));
        Assert.Equal(("user", constType), (btf[typeTag].Name, btf[typeTag].Type));
        Assert.Equal(0x0123456789abcdefL, Assert.Single(btf[enum64].EnumValues).Value);

        Assert.Equal("struct ks_outer", btf.TypeName(outer));
        Assert.Equal("signed char[6]", btf.TypeName(array));
        Assert.Equal("unsigned int *", btf.TypeName(restrict));
        Assert.Equal(outer, btf.Find("ks_outer", BtfKind.Struct)!.Value.Id);
        Assert.Null(btf.Find("ks_outer", BtfKind.Union));
        Assert.Equal(new[] { BtfKind.Typedef }, btf.FindAll("u32_t").Select(t => t.Kind));
    }

    [Fact]
    public void Split_BTF_numbers_its_types_and_strings_after_its_base()
    {
        var b = new BtfBuilder();
        var u32 = b.Int("unsigned int", 4, 32);
        b.Struct("ks_in_base", 4, ("x", u32, 0, 0));
        var vmlinux = BtfTypes.Parse(b.Build(), source: "vmlinux");
        var stringLength = b.StringLength;

        var m = new BtfBuilder(firstId: vmlinux.Count, stringBase: stringLength);
        var inModule = m.Struct("ks_in_module", 8, ("base", vmlinux.Find("ks_in_base", BtfKind.Struct)!.Value.Id, 0, 0), ("y", u32, 32, 0));
        var module = BtfTypes.Parse(m.Build(), vmlinux, "ks_mod");
        var kernel = new KernelBtf(vmlinux, new Dictionary<string, BtfTypes> { ["ks_mod"] = module });

        Assert.Equal(vmlinux.Count, module.FirstId);
        Assert.True(kernel.TryFind("struct ks_in_module", out var found, out var where), where);
        Assert.Equal(("module ks_mod", inModule), (where, found.Id));
        Assert.Equal(new[] { "base", "y" }, found.Members.Select(x => x.Name));
        Assert.Equal("struct ks_in_base", module.TypeName(found.Members[0].Type));
        Assert.Equal(8, module.SizeOf(inModule));
        Assert.True(kernel.TryFind("struct ks_in_base", out _, out var inBase));
        Assert.Equal("vmlinux", inBase);
        Assert.False(kernel.TryFind("struct ks_nowhere", out _, out var missing));
        Assert.Contains("struct ks_nowhere is in neither vmlinux's BTF nor the BTF of a loaded module (1 with BTF)", missing);
    }

    [Theory]
    [InlineData(new byte[0], "shorter than a BTF header")]
    [InlineData(new byte[] { 0x9f, 0xeb, 2, 0, 24, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 }, "version 2")]
    [InlineData(new byte[] { 0x00, 0x00, 1, 0, 24, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 }, "does not start with the BTF magic")]
    [InlineData(new byte[] { 0x9f, 0xeb, 1, 0, 24, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0 }, "ends past the data")]
    public void Malformed_headers_are_named(byte[] data, string expected)
    {
        var e = Assert.Throws<BtfFormatException>(() => BtfTypes.Parse(data));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_missing_BTF_is_a_reason_not_an_exception()
    {
        Assert.False(KernelBtf.TryOpen(out var btf, out var problem, "/nonexistent/kernelstructs/btf"));
        Assert.Null(btf);
        Assert.Contains("/nonexistent/kernelstructs/btf does not exist: this kernel publishes no BTF", problem);
    }

    [SkippableFact]
    public void The_running_kernels_BTF_reads_as_pahole_reads_it()
    {
        Skip.IfNot(File.Exists("/sys/kernel/btf/vmlinux"), "this kernel publishes no BTF (/sys/kernel/btf/vmlinux)");
        Skip.If(CCompiler.PaholeSkipReason is not null, CCompiler.PaholeSkipReason);
        var btf = BtfTypes.Load("/sys/kernel/btf/vmlinux");

        // Every type of every kind decodes: names, members, values, parameters, references within range.
        var kinds = new Dictionary<BtfKind, int>();
        foreach (var type in btf.Types)
        {
            kinds[type.Kind] = kinds.GetValueOrDefault(type.Kind) + 1;
            _ = type.Name;
            foreach (var member in type.Members)
            {
                _ = member.Name;
                Assert.True(btf.TryGet(member.Type, out _));
            }

            _ = type.EnumValues.Select(v => v.Name).Count();
            _ = type.Parameters.Select(p => p.Name).Count();
            _ = type.SectionVariables.Length;
            if (type.Kind is BtfKind.Ptr or BtfKind.Typedef or BtfKind.Const or BtfKind.Volatile or BtfKind.Restrict or BtfKind.TypeTag or BtfKind.DeclTag or BtfKind.Func or BtfKind.Var)
            {
                Assert.True(btf.TryGet(type.Type, out _), type.ToString());
            }
        }

        Assert.True(kinds[BtfKind.Struct] > 1000 && kinds[BtfKind.Func] > 1000, string.Join(", ", kinds));
        Assert.True(kinds.GetValueOrDefault(BtfKind.DeclTag) + kinds.GetValueOrDefault(BtfKind.TypeTag) > 0, "expected DECL_TAG or TYPE_TAG in a 6.x kernel's BTF: " + string.Join(", ", kinds));

        // Member offsets and sizes of some structs, against pahole reading the same BTF.
        var names = new[] { "nf_conntrack_tuple", "nf_conntrack_man", "tcp_info", "sockaddr_in6", "__kernel_sockaddr_storage", "xt_entry_match", "group_source_req" };
        var pahole = PaholeText.Parse(PaholeBtf("/sys/kernel/btf/vmlinux", names));
        foreach (var name in names)
        {
            var theirs = pahole[name];
            var ours = btf.Find(name, BtfKind.Struct) ?? throw new InvalidOperationException($"no struct {name}");
            Assert.Equal(theirs.Size, ours.Size);
            var named = ours.Members.Where(m => m.HasName).ToList();
            foreach (var member in theirs.Members.Where(m => m.Name != PaholeText.AnonymousMember))
            {
                var mine = named.Single(m => m.Name == member.Name);
                Assert.Equal(member.Offset, (int)(mine.BitOffset / 8));
                if (member.Bit is null)
                {
                    Assert.Equal(member.Size, btf.SizeOf(mine.Type));
                }
            }
        }
    }

    public static TheoryData<string> Abis => new() { "x86_64", "s390x" };

    [SkippableTheory]
    [MemberData(nameof(Abis))]
    public void BTF_encoded_from_gccs_DWARF_has_gccs_offsets(string abi)
    {
        var target = CTarget.ByName(abi);
        Skip.IfNot(target.IsAvailable, target.SkipReason);
        Skip.If(CCompiler.PaholeSkipReason is not null, CCompiler.PaholeSkipReason);
        const string Source = """
            typedef unsigned int u32;
            enum ks_big { KS_A = 1, KS_B = 0x100000000ULL };
            struct ks_e { const volatile u32 a; unsigned long b; char c[3][5]; struct { int x:3, y:13; }; enum ks_big e64; float f; void *p; union { short s; int i; } u; };
            struct ks_e ks_v;
            """;
        using var directory = new CCompiler.TempDirectory();
        var blob = CCompiler.EncodeBtf(target, Source, directory.Path);
        var btf = BtfTypes.Parse(File.ReadAllBytes(blob));
        var probe = new CProbe(target).Declare(Source);
        var asked = new[] { "a", "b", "c", "e64", "f", "p", "u" }.ToDictionary(m => m, m => probe.OffsetOf("struct ks_e", m));
        var size = probe.SizeOf("struct ks_e");
        var gcc = probe.Compile();

        Assert.Equal(target.BigEndian, btf.IsBigEndian);
        var type = btf.Find("ks_e", BtfKind.Struct)!.Value;
        Assert.Equal(gcc.Int(size), type.Size);
        foreach (var (name, offset) in asked)
        {
            Assert.Equal(gcc.Int(offset), (int)(type.Members.Single(m => m.Name == name).BitOffset / 8));
        }

        Assert.Equal(15, btf.SizeOf(type.Members.Single(m => m.Name == "c").Type));
        Assert.Equal(target.PointerSize, btf.SizeOf(type.Members.Single(m => m.Name == "p").Type));
        Assert.Equal(BtfKind.Enum64, btf.Resolve(type.Members.Single(m => m.Name == "e64").Type).Kind);
        var bits = btf.Resolve(type.Members.Single(m => !m.HasName).Type).Members;
        Assert.Equal(new[] { 3, 13 }, bits.Select(m => m.BitFieldSize > 0 ? m.BitFieldSize : btf.Resolve(m.Type).IntBits));
    }

    internal static string PaholeBtf(string blob, IEnumerable<string> names)
    {
        var start = new System.Diagnostics.ProcessStartInfo("pahole") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-F", "btf", "-C", string.Join(",", names), blob })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output.Result;
    }
}
