using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using KernelStructs.Netfilter;
using Xunit;

namespace KernelStructs.Tests.Netfilter;

/// <summary>The entry reader over hand-built blobs: it walks good ones and rejects bad ones with a clear error.</summary>
public class XtEntriesTests
{
    private static readonly int EntrySize = Unsafe.SizeOf<IptEntry>();
    private static readonly int MatchSize = XTables.XT_ALIGN(Unsafe.SizeOf<XtEntryMatch>() + 4);
    private static readonly int TargetSize = XTables.XT_ALIGN(Unsafe.SizeOf<XtStandardTarget>());

    // Two rules: one with a 4-byte-data match named "m" and ACCEPT, one with no match and DROP.
    private static byte[] Blob()
    {
        int first = EntrySize + MatchSize + TargetSize, second = EntrySize + TargetSize;
        var blob = new byte[first + second];
        WriteEntry(blob, 0, EntrySize + MatchSize, first);
        MemoryMarshal.Write(blob.AsSpan(EntrySize), (ushort)MatchSize);
        blob[EntrySize + 2] = (byte)'m';
        blob[EntrySize + 31] = 3;
        MemoryMarshal.Write(blob.AsSpan(EntrySize + Unsafe.SizeOf<XtEntryMatch>()), 0x11223344);
        WriteStandardTarget(blob, EntrySize + MatchSize, XTables.StandardVerdict(XTables.NF_ACCEPT));
        WriteEntry(blob, first, EntrySize, second);
        WriteStandardTarget(blob, first + EntrySize, XTables.StandardVerdict(XTables.NF_DROP));
        return blob;
    }

    [Fact]
    public void Walks_entries_matches_and_targets()
    {
        byte[] blob = Blob();
        int entries = 0, matches = 0;
        var verdicts = new int[2];
        foreach (var e in new XtEntries<IptEntry>(blob))
        {
            foreach (var m in e.Matches)
            {
                Assert.True(m.Name.SequenceEqual("m"u8));
                Assert.Equal(3, m.Revision);
                Assert.Equal(0x11223344, MemoryMarshal.Read<int>(m.Data));
                matches++;
            }

            Assert.True(e.Target.IsStandard);
            verdicts[entries++] = e.Target.Verdict;
        }

        Assert.Equal(2, entries);
        Assert.Equal(1, matches);
        Assert.Equal(new[] { -2, -1 }, verdicts);
    }

    [Theory]
    [InlineData("next_offset past the end")]
    [InlineData("target_offset inside the header")]
    [InlineData("target_size past next_offset")]
    [InlineData("match_size zero")]
    [InlineData("match_size past target_offset")]
    [InlineData("truncated blob")]
    [InlineData("misaligned next_offset")]
    public void Malformed_blobs_throw_a_format_exception_with_the_offset(string damage)
    {
        byte[] blob = Blob();
        switch (damage)
        {
            case "next_offset past the end": SetNextOffset(blob, 0, (ushort)(blob.Length + 8)); break;
            case "target_offset inside the header": MemoryMarshal.Write(blob.AsSpan(TargetOffsetAt()), (ushort)8); break;
            case "target_size past next_offset": MemoryMarshal.Write(blob.AsSpan(EntrySize + MatchSize), (ushort)(TargetSize + 8)); break;
            case "match_size zero": MemoryMarshal.Write(blob.AsSpan(EntrySize), (ushort)0); break;
            case "match_size past target_offset": MemoryMarshal.Write(blob.AsSpan(EntrySize), (ushort)(MatchSize + 8)); break;
            case "truncated blob": Array.Resize(ref blob, blob.Length - 4); break;
            case "misaligned next_offset": SetNextOffset(blob, 0, (ushort)(EntrySize + MatchSize + TargetSize + 4)); break;
        }

        var e = Assert.Throws<XtTableFormatException>(() => Walk(blob));
        Assert.InRange(e.Offset, 0, blob.Length);
        Assert.Contains("offset", e.Message, StringComparison.Ordinal);
    }

    private static void Walk(byte[] blob)
    {
        foreach (var e in new XtEntries<IptEntry>(blob))
        {
            foreach (var m in e.Matches)
            {
                _ = m.Name;
            }

            _ = e.Target.Name;
        }
    }

    private static int TargetOffsetAt()
    {
        IptEntry e = default;
        return (int)Unsafe.ByteOffset(ref Unsafe.As<IptEntry, byte>(ref e), ref Unsafe.As<ushort, byte>(ref e.target_offset));
    }

    private static void WriteEntry(byte[] blob, int at, int targetOffset, int nextOffset)
    {
        MemoryMarshal.Write(blob.AsSpan(at + TargetOffsetAt()), (ushort)targetOffset);
        SetNextOffset(blob, at, (ushort)nextOffset);
    }

    private static void SetNextOffset(byte[] blob, int at, ushort value) => MemoryMarshal.Write(blob.AsSpan(at + TargetOffsetAt() + 2), value);

    private static void WriteStandardTarget(byte[] blob, int at, int verdict)
    {
        MemoryMarshal.Write(blob.AsSpan(at), (ushort)TargetSize);
        MemoryMarshal.Write(blob.AsSpan(at + Unsafe.SizeOf<XtEntryTarget>()), verdict);
    }
}
