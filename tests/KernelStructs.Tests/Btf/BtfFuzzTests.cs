using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using KernelStructs.Btf;
using Xunit;

namespace KernelStructs.Tests.Btf;

/// <summary>
/// The BTF reader and the layout check on random and truncated bytes: seeded mutations of real blobs (the running
/// kernel's vmlinux BTF, and a hand-written one with every kind) are parsed and every type is decoded, resolved, sized,
/// named and looked up, and the catalog is verified against them. The only exception allowed is
/// <see cref="BtfFormatException"/>; a hang or any other exception fails, with the seed and the mutation that reproduce it.
/// </summary>
/// <remarks>
/// <c>KS_BTF_FUZZ_SEED</c> and <c>KS_BTF_FUZZ_ITERATIONS</c> (default 2000 on the small blobs; one in eighty of that, at least
/// 10, on vmlinux, whose every parse and name index takes a quarter of a second) change the run.
/// </remarks>
public class BtfFuzzTests
{
    private static readonly int Seed = Environment.GetEnvironmentVariable("KS_BTF_FUZZ_SEED") is { Length: > 0 } s ? int.Parse(s, CultureInfo.InvariantCulture) : 20261128;
    private static readonly int Iterations = Environment.GetEnvironmentVariable("KS_BTF_FUZZ_ITERATIONS") is { Length: > 0 } n ? int.Parse(n, CultureInfo.InvariantCulture) : 2000;

    [Fact]
    public void Mutated_small_blobs_are_read_or_rejected_with_a_BtfFormatException()
        => Fuzz(EveryKind(bigEndian: false), Iterations, touchAll: true, "every-kind (little-endian)");

    [Fact]
    public void Mutated_big_endian_blobs_are_read_or_rejected_with_a_BtfFormatException()
        => Fuzz(EveryKind(bigEndian: true), Iterations / 2, touchAll: true, "every-kind (big-endian)");

    [SkippableFact]
    public void Mutated_vmlinux_BTF_is_read_or_rejected_with_a_BtfFormatException()
    {
        Skip.IfNot(File.Exists("/sys/kernel/btf/vmlinux"), "this kernel publishes no BTF (/sys/kernel/btf/vmlinux)");
        Fuzz(File.ReadAllBytes("/sys/kernel/btf/vmlinux"), Math.Max(Iterations / 80, 10), touchAll: false, "vmlinux");
    }

    private static void Fuzz(byte[] original, int iterations, bool touchAll, string what)
    {
        var random = new Random(Seed);
        var catalog = KernelLayout.LayoutsOf(typeof(KernelStructAttribute).Assembly).Where(l => l.CName.StartsWith("struct xt_", StringComparison.Ordinal) || l.TypeName.EndsWith("NfConntrackTuple", StringComparison.Ordinal)).ToList();
        var parsed = 0;
        for (var i = 0; i < iterations; i++)
        {
            var (data, mutation) = Mutate(original, random);
            try
            {
                var btf = BtfTypes.Parse(data);
                parsed++;
                Exercise(btf, touchAll, random);
                KernelLayout.Verify(catalog, new KernelBtf(btf));
            }
            catch (BtfFormatException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"{what}, iteration {i} (KS_BTF_FUZZ_SEED={Seed}), {mutation}: {e}");
            }
        }

        // The mutations keep some blobs readable, so decoding and verification run on malformed contents too.
        Assert.True(parsed > iterations / 10, $"{what}: only {parsed} of {iterations} mutated blobs parsed");
    }

    /// <summary>Reads everything a user of the reader reads.</summary>
    private static void Exercise(BtfTypes btf, bool touchAll, Random random)
    {
        var ids = touchAll ? Enumerable.Range(0, btf.Count) : Enumerable.Range(0, 2000).Select(_ => random.Next(btf.Count));
        foreach (var id in ids)
        {
            Try(() =>
            {
                var type = btf[id];
                _ = (type.Kind, type.Name, type.Vlen, type.KindFlag, type.Size, type.Type, type.IntBits, type.IntOffset, type.IntEncoding, type.Array, type.Linkage, type.ComponentIndex, type.ToString());
                foreach (var member in type.Members)
                {
                    _ = (member.Name, member.ToString());
                    Try(() => btf.SizeOf(member.Type));
                }

                _ = type.EnumValues.Select(v => v.Name).ToList();
                _ = type.Parameters.Select(p => p.Name).ToList();
                _ = type.SectionVariables.Length;
                Try(() => btf.Resolve(id));
                Try(() => btf.SizeOf(id));
                Try(() => btf.TypeName(id));
                if (type.HasName)
                {
                    Try(() => btf.Find(type.Name, type.Kind));
                }
            });
        }

        Try(() => btf.PointerSize);
        Try(() => btf.Find("nf_conntrack_tuple", BtfKind.Struct));
    }

    private static void Try<T>(Func<T> read)
    {
        try
        {
            read();
        }
        catch (BtfFormatException)
        {
        }
    }

    private static void Try(Action read)
    {
        try
        {
            read();
        }
        catch (BtfFormatException)
        {
        }
    }

    private static (byte[] Data, string Mutation) Mutate(byte[] original, Random random)
    {
        var data = (byte[])original.Clone();
        switch (random.Next(6))
        {
            case 0:
                var length = random.Next(data.Length);
                return (data[..length], $"truncated to {length} bytes");
            case 1:
                var flips = new List<int>();
                for (var k = random.Next(1, 9); k > 0; k--)
                {
                    var at = random.Next(data.Length);
                    data[at] ^= (byte)(1 << random.Next(8));
                    flips.Add(at);
                }

                return (data, $"bits flipped at {string.Join(",", flips)}");
            case 2:
                // A random word in the header or the first records: sizes, offsets, kinds, vlens, type ids.
                var word = random.Next(Math.Min(data.Length, 4096) / 4) * 4;
                var value = (uint)random.Next() ^ ((uint)random.Next(4) << 30);
                BitConverter.TryWriteBytes(data.AsSpan(word), value);
                return (data, $"word at {word} set to 0x{value:x8}");
            case 3:
                var header = 4 * random.Next(1, 6);
                var small = (uint)random.Next(-64, 64) + BitConverter.ToUInt32(data, header);
                BitConverter.TryWriteBytes(data.AsSpan(header), small);
                return (data, $"header word at {header} nudged to {small}");
            case 4:
                var from = random.Next(data.Length);
                var to = random.Next(data.Length);
                var count = random.Next(1, 64);
                count = Math.Min(count, Math.Min(data.Length - from, data.Length - to));
                Array.Copy(original, from, data, to, count);
                return (data, $"{count} bytes copied from {from} to {to}");
            default:
                var start = random.Next(data.Length);
                var end = Math.Min(data.Length, start + random.Next(1, 256));
                random.NextBytes(data.AsSpan(start, end - start));
                return (data, $"bytes {start}..{end} randomized");
        }
    }

    /// <summary>A blob with every kind, and a struct like the catalog's, for the mutations to start from.</summary>
    private static byte[] EveryKind(bool bigEndian)
    {
        var b = new BtfBuilder(bigEndian);
        var u8 = b.Int("unsigned char", 1, 8);
        var u16 = b.Int("short unsigned int", 2, 16);
        var u32 = b.Int("unsigned int", 4, 32);
        b.Int("long int", 8, 64, BtfIntEncoding.Signed);
        var ptr = b.Type(null, BtfKind.Ptr, 0, (uint)u32);
        var arr = b.Array(u32, u32, 4);
        var port = b.Struct(null, 2, ("port", u16, 0, 0));
        var proto = b.Union("nf_conntrack_man_proto", 2, ("all", u16, 0, 0), ("tcp", port, 0, 0));
        var addr = b.Union("nf_inet_addr", 16, ("all", arr, 0, 0), ("ip", u32, 0, 0));
        var man = b.Struct("nf_conntrack_man", 20, ("u3", addr, 0, 0), ("u", proto, 128, 0), ("l3num", u16, 144, 0));
        var dst = b.Struct(null, 20, ("u3", addr, 0, 0), ("u", proto, 128, 0), ("protonum", u8, 144, 0), ("dir", u8, 152, 0));
        var tuple = b.Struct("nf_conntrack_tuple", 40, ("src", man, 0, 0), ("dst", dst, 160, 0));
        b.Struct("xt_entry_match", 32, ("match_size", u16, 0, 0), ("bits", u8, 16, 3), (null, proto, 32, 0));
        var e = b.Type("ks_e", BtfKind.Enum, 1, 4);
        b.U32(b.Name("KS_A")); b.U32(1);
        b.Type("ks_fwd", BtfKind.Fwd, 0, 0);
        var td = b.Type("u32_t", BtfKind.Typedef, 0, (uint)u32);
        var cv = b.Type(null, BtfKind.Const, 0, (uint)td);
        b.Type(null, BtfKind.Volatile, 0, (uint)cv);
        b.Type(null, BtfKind.Restrict, 0, (uint)ptr);
        var fp = b.Type(null, BtfKind.FuncProto, 1, (uint)u32);
        b.U32(b.Name("x")); b.U32((uint)e);
        b.Type("ks_fn", BtfKind.Func, 1, (uint)fp);
        var v = b.Type("ks_v", BtfKind.Var, 0, (uint)tuple);
        b.U32(1);
        b.Type(".bss", BtfKind.DataSec, 1, 40);
        b.U32((uint)v); b.U32(0); b.U32(40);
        b.Type("float", BtfKind.Float, 0, 4);
        b.Type("ks_tag", BtfKind.DeclTag, 0, (uint)tuple);
        b.U32(unchecked((uint)-1));
        b.Type("user", BtfKind.TypeTag, 0, (uint)u32);
        b.Type("ks_e64", BtfKind.Enum64, 1, 8);
        b.U32(b.Name("KS_BIG")); b.U32(1); b.U32(2);
        return b.Build();
    }
}
