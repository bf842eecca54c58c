using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using KernelStructs.Netfilter;
using Xunit;

namespace KernelStructs.Tests.SocketOptions;

/// <summary>
/// The catalog's mirror of what ctmod copies to user space (<see cref="NfConntrackTuple"/>) against the module itself: ctmod.ko is built with kbuild
/// against linux-headers-amd64 and pahole reads <c>struct nf_conntrack_tuple</c> and <c>struct nf_conntrack_man</c>
/// from its DWARF; every member must sit where the module's struct has it.
/// </summary>
public partial class CtModLayoutTests
{
    [SkippableFact]
    public void Mirror_of_nf_conntrack_tuple_equals_paholes_layout_from_ctmods_dwarf()
    {
        string module = BuildModule();
        Dictionary<string, (int Offset, int Size)> tuple = Members(Pahole(module, "nf_conntrack_tuple"));
        Dictionary<string, (int Offset, int Size)> man = Members(Pahole(module, "nf_conntrack_man"));

        // C member (as pahole shows it) -> the catalog's mirror, which the sample's commands carry.
        int src = NfConntrackTuple.Offsets.src, dst = NfConntrackTuple.Offsets.dst;
        (string C, int Offset, int Size, int MirrorOffset, int MirrorSize)[] expected =
        [
            ("src", tuple["src"].Offset, tuple["src"].Size, src, NfConntrackMan.SizeOf),
            ("src.u3", tuple["src"].Offset + man["u3"].Offset, man["u3"].Size, src + NfConntrackMan.Offsets.u3, NfInetAddr.SizeOf),
            ("src.u", tuple["src"].Offset + man["u"].Offset, man["u"].Size, src + NfConntrackMan.Offsets.u, NfConntrackManProto.SizeOf),
            ("src.l3num", tuple["src"].Offset + man["l3num"].Offset, man["l3num"].Size, src + NfConntrackMan.Offsets.l3num, sizeof(ushort)),
            ("dst", tuple["dst"].Offset, tuple["dst"].Size, dst, NfConntrackTuple.Dst.SizeOf),
            ("dst.u3", tuple["u3"].Offset, tuple["u3"].Size, dst + NfConntrackTuple.Dst.Offsets.u3, NfInetAddr.SizeOf),
            ("dst.u", tuple["u"].Offset, tuple["u"].Size, dst + NfConntrackTuple.Dst.Offsets.u, NfConntrackTuple.Dst.U.SizeOf),
            ("dst.protonum", tuple["protonum"].Offset, tuple["protonum"].Size, dst + NfConntrackTuple.Dst.Offsets.protonum, sizeof(byte)),
            ("dst.dir", tuple["dir"].Offset, tuple["dir"].Size, dst + NfConntrackTuple.Dst.Offsets.dir, sizeof(byte)),
        ];
        foreach (var m in expected)
        {
            Assert.True((m.Offset, m.Size) == (m.MirrorOffset, m.MirrorSize), $"{m.C}: pahole has offset {m.Offset} size {m.Size}, the mirror {m.MirrorOffset} and {m.MirrorSize}");
        }

        Assert.Equal(NfConntrackTuple.SizeOf, Size(Pahole(module, "nf_conntrack_tuple")));
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
