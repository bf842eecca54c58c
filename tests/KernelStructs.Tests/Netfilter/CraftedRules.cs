using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using KernelStructs.Netfilter;

namespace KernelStructs.Tests.Netfilter;

/// <summary>
/// Rules built byte by byte from the mirrors, for what iptables will not write (a goto to a verdict, a REDIRECT
/// with a port offset, a revision it lacks): the kernel takes them through <c>*_SO_SET_REPLACE</c>
/// (<see cref="XtTableEdit.AppendRule"/>), and both dumps must print them.
/// </summary>
internal static class CraftedRules
{
    /// <summary>The bytes of a payload mirror.</summary>
    public static byte[] Bytes<T>(T value)
        where T : unmanaged => MemoryMarshal.AsBytes(new ReadOnlySpan<T>(ref value)).ToArray();

    /// <summary><c>struct xt_entry_match</c> and its payload, <c>XT_ALIGN</c>ed.</summary>
    public static byte[] Match(string name, byte revision, ReadOnlySpan<byte> payload)
    {
        byte[] bytes = new byte[XTables.XT_ALIGN(XtEntryMatch.SizeOf + payload.Length)];
        ref XtEntryMatch m = ref MemoryMarshal.AsRef<XtEntryMatch>(bytes.AsSpan());
        m.u.user.match_size = (ushort)bytes.Length;
        m.u.user.SetName(name);
        m.u.user.revision = revision;
        payload.CopyTo(bytes.AsSpan(XtEntryMatch.SizeOf));
        return bytes;
    }

    /// <summary><c>struct xt_entry_target</c> and its payload, <c>XT_ALIGN</c>ed.</summary>
    public static byte[] Target(string name, byte revision, ReadOnlySpan<byte> payload)
    {
        byte[] bytes = new byte[XTables.XT_ALIGN(XtEntryTarget.SizeOf + payload.Length)];
        ref XtEntryTarget t = ref MemoryMarshal.AsRef<XtEntryTarget>(bytes.AsSpan());
        t.u.user.target_size = (ushort)bytes.Length;
        t.u.user.SetName(name);
        t.u.user.revision = revision;
        payload.CopyTo(bytes.AsSpan(XtEntryTarget.SizeOf));
        return bytes;
    }

    /// <summary>A standard target: a verdict (<see cref="XTables.StandardVerdict"/>) or a jump offset.</summary>
    public static byte[] Standard(int verdict)
    {
        byte[] bytes = new byte[XTables.XT_ALIGN(XtStandardTarget.SizeOf)];
        ref XtStandardTarget t = ref MemoryMarshal.AsRef<XtStandardTarget>(bytes.AsSpan());
        t.target.u.target_size = (ushort)bytes.Length;
        t.verdict = verdict;
        return bytes;
    }

    /// <summary>An <c>ipt_entry</c> with <paramref name="ip"/>, the matches and the target.</summary>
    public static byte[] Ipv4(IptIp ip, byte[] target, params byte[][] matches)
    {
        byte[] rule = Concat(IptEntry.SizeOf, target, matches);
        ref IptEntry e = ref MemoryMarshal.AsRef<IptEntry>(rule.AsSpan());
        e.ip = ip;
        e.target_offset = (ushort)(rule.Length - target.Length);
        e.next_offset = (ushort)rule.Length;
        return rule;
    }

    /// <summary>An <c>ip6t_entry</c> with <paramref name="ip"/>, the matches and the target.</summary>
    public static byte[] Ipv6(Ip6tIp6 ip, byte[] target, params byte[][] matches)
    {
        byte[] rule = Concat(Ip6tEntry.SizeOf, target, matches);
        ref Ip6tEntry e = ref MemoryMarshal.AsRef<Ip6tEntry>(rule.AsSpan());
        e.ipv6 = ip;
        e.target_offset = (ushort)(rule.Length - target.Length);
        e.next_offset = (ushort)rule.Length;
        return rule;
    }

    /// <summary>An <c>arpt_entry</c> matching every packet, with the target (arp_tables rules have no matches).</summary>
    public static byte[] Arp(byte[] target)
    {
        byte[] rule = Concat(ArptEntry.SizeOf, target, Array.Empty<byte[]>());
        ref ArptEntry e = ref MemoryMarshal.AsRef<ArptEntry>(rule.AsSpan());
        e.target_offset = (ushort)ArptEntry.SizeOf;
        e.next_offset = (ushort)rule.Length;
        return rule;
    }

    /// <summary><c>struct ebt_entry_match</c> (or <c>_watcher</c>, <c>_target</c>: the same layout) and its data, padded to 8 bytes.</summary>
    public static byte[] EbtExtension(string name, byte revision, byte[] data)
    {
        byte[] bytes = new byte[EbtEntryMatch.SizeOf + EbtAlign(data.Length)];
        ref EbtEntryMatch m = ref MemoryMarshal.AsRef<EbtEntryMatch>(bytes.AsSpan(0, EbtEntryMatch.SizeOf));
        m.u.user.SetName(name);
        m.u.user.revision = revision;
        m.match_size = (uint)(bytes.Length - EbtEntryMatch.SizeOf);
        data.CopyTo(bytes, EbtEntryMatch.SizeOf);
        return bytes;
    }

    // EBT_ALIGN: ebtables aligns extension data to 8 bytes (__alignof__(struct ebt_replace)).
    private static int EbtAlign(int size) => (size + 7) & ~7;

    /// <summary>An ebtables rule: <paramref name="header"/> (an <c>ebt_entry</c>'s bytes) with its offsets set, the matches, watchers and target.</summary>
    public static byte[] EbtRule(byte[] header, IEnumerable<byte[]> matches, IEnumerable<byte[]> watchers, byte[] target)
    {
        byte[] m = matches.SelectMany(x => x).ToArray(), w = watchers.SelectMany(x => x).ToArray();
        byte[] rule = [.. header, .. m, .. w, .. target];
        ref EbtEntry h = ref MemoryMarshal.AsRef<EbtEntry>(rule.AsSpan(0, EbtEntry.SizeOf));
        h.bitmask |= Ebtables.EBT_ENTRY_OR_ENTRIES;
        h.watchers_offset = (uint)(header.Length + m.Length);
        h.target_offset = (uint)(header.Length + m.Length + w.Length);
        h.next_offset = (uint)rule.Length;
        return rule;
    }

    /// <summary>Appends <paramref name="rule"/> to <paramref name="chain"/> of <paramref name="table"/> through <c>*_SO_SET_REPLACE</c>.</summary>
    public static void Append<TEntry>(XtFamily family, int fd, string table, string chain, byte[] rule)
        where TEntry : unmanaged, IXtEntry
    {
        var snapshot = XtTableSnapshot.Read(family, fd, table);
        XtChain target = Array.Find(snapshot.GetChains<TEntry>(), c => c.Name == chain);
        XtTableEdit.AppendRule<TEntry>(snapshot, target, rule).Commit(fd);
    }

    private static byte[] Concat(int header, byte[] target, byte[][] matches)
    {
        byte[] rule = new byte[header + matches.Sum(m => m.Length) + target.Length];
        int at = header;
        foreach (byte[] m in matches)
        {
            m.CopyTo(rule, at);
            at += m.Length;
        }

        target.CopyTo(rule, at);
        return rule;
    }
}
