using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using KernelStructs.Samples.ConntrackTupleModule;
using Xunit;

namespace KernelStructs.Tests.SocketOptions;

/// <summary>
/// The sample's mirror of what ctmod copies to user space against the module itself: ctmod.ko is built with kbuild
/// against linux-headers-amd64 and pahole reads <c>struct nf_conntrack_tuple</c> and <c>struct nf_conntrack_man</c>
/// from its DWARF; every member of the flattened mirror must sit where the kernel's struct has it.
/// </summary>
public partial class CtModLayoutTests
{
    [SkippableFact]
    public void Mirror_of_nf_conntrack_tuple_equals_paholes_layout_from_ctmods_dwarf()
    {
        string module = BuildModule();
        Dictionary<string, (int Offset, int Size)> tuple = Members(Pahole(module, "nf_conntrack_tuple"));
        Dictionary<string, (int Offset, int Size)> man = Members(Pahole(module, "nf_conntrack_man"));

        // C member (as pahole shows it) -> the mirror's flattened member.
        (string C, int Offset, int Size, int MirrorOffset, int MirrorSize)[] expected =
        [
            ("src.u3", tuple["src"].Offset + man["u3"].Offset, man["u3"].Size, CtModTuple.Offsets.src, 16),
            ("src.u", tuple["src"].Offset + man["u"].Offset, man["u"].Size, CtModTuple.Offsets.sport, 2),
            ("src.l3num", tuple["src"].Offset + man["l3num"].Offset, man["l3num"].Size, CtModTuple.Offsets.l3num, 2),
            ("dst.u3", tuple["u3"].Offset, tuple["u3"].Size, CtModTuple.Offsets.dst, 16),
            ("dst.u", tuple["u"].Offset, tuple["u"].Size, CtModTuple.Offsets.dport, 2),
            ("dst.protonum", tuple["protonum"].Offset, tuple["protonum"].Size, CtModTuple.Offsets.protonum, 1),
            ("dst.dir", tuple["dir"].Offset, tuple["dir"].Size, CtModTuple.Offsets.dir, 1),
        ];
        foreach (var m in expected)
        {
            Assert.True((m.Offset, m.Size) == (m.MirrorOffset, m.MirrorSize), $"{m.C}: pahole has offset {m.Offset} size {m.Size}, the mirror {m.MirrorOffset} and {m.MirrorSize}");
        }

        Assert.Equal(CtModTuple.SizeOf, Size(Pahole(module, "nf_conntrack_tuple")));
    }

    private static string BuildModule()
    {
        string? missing = NetNs.FindTool("make") is null ? "make" : NetNs.FindTool("pahole") is null ? "pahole (dwarves)" : null;
        Skip.If(missing is not null, $"needs {missing} to build ctmod.ko and read its DWARF");
        string root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
        string script = Path.Combine(root, "samples/ConntrackTupleModule/module/build.sh");
        string out_ = Path.Combine(Path.GetTempPath(), $"ks-ctmod-{Environment.ProcessId}-{Guid.NewGuid():N}");
        (int code, string stdout, string stderr) = NetNs.TryRunTool("bash", script, out_);
        Skip.If(code != 0 && stderr.Contains("linux-headers-amd64", StringComparison.Ordinal), stderr.Trim());
        Assert.True(code == 0, $"build.sh failed: {stderr}");
        return stdout.Trim();
    }

    private static string Pahole(string module, string type) => NetNs.RunTool("pahole", "-C", type, module);

    // "<type> <name>; /* offset size */" and "} <name>; /* offset size */", at any depth (pahole prints absolute offsets).
    private static Dictionary<string, (int, int)> Members(string text)
    {
        var members = new Dictionary<string, (int, int)>();
        foreach (Match m in MemberLine().Matches(text))
        {
            members.TryAdd(m.Groups[1].Value, (int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture)));
        }

        return members;
    }

    private static int Size(string text) => int.Parse(SizeLine().Match(text).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"[\s}]([A-Za-z_][A-Za-z0-9_]*)(?:\[\d+\])?;\s*/\*\s*(\d+)\s+(\d+)\s*\*/")]
    private static partial Regex MemberLine();

    [GeneratedRegex(@"/\* size: (\d+)")]
    private static partial Regex SizeLine();
}
