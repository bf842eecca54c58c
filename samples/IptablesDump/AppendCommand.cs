using System;
using System.Net;
using System.Runtime.InteropServices;
using KernelStructs.Netfilter;

namespace KernelStructs.Samples.IptablesDump;

/// <summary>
/// <c>--append [-t table] CHAIN [-s addr[/len]] [-d addr[/len]] [-p proto] [-j ACCEPT|DROP|RETURN|CHAIN]</c>:
/// appends one rule through <c>IPT_SO_SET_REPLACE</c>, keeping every other rule's counters.
/// </summary>
public static class AppendCommand
{
    /// <summary>Parses the arguments, appends the rule, and reports what it did.</summary>
    public static int Run(ReadOnlySpan<string> args)
    {
        string table = "filter";
        string? chain = null, source = null, destination = null, proto = null, jump = null;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (a)
            {
                case "-t" when value is not null: table = value; i++; break;
                case "-s" when value is not null: source = value; i++; break;
                case "-d" when value is not null: destination = value; i++; break;
                case "-p" when value is not null: proto = value; i++; break;
                case "-j" when value is not null: jump = value; i++; break;
                default:
                    if (chain is null && !a.StartsWith('-'))
                    {
                        chain = a;
                        break;
                    }

                    Console.Error.WriteLine($"IptablesDump --append: unexpected '{a}'");
                    return 2;
            }
        }

        if (chain is null)
        {
            Console.Error.WriteLine("IptablesDump --append: a chain is required");
            return 2;
        }

        using var socket = XtFamily.IPv4.OpenSocket();
        int fd = (int)socket.Handle;
        var snapshot = XtTableSnapshot.Read(XtFamily.IPv4, fd, table);
        var result = Append(snapshot, chain, source, destination, proto, jump);
        result.Commit(fd);
        Console.WriteLine($"appended rule {result.InsertIndex} ({result.InsertLength} bytes at offset {result.InsertOffset}) to {table}/{chain}");
        return 0;
    }

    /// <summary>Builds the edit that appends <c>-A chain [-s] [-d] [-p] [-j]</c> to <paramref name="snapshot"/>.</summary>
    public static XtTableEditResult Append(XtTableSnapshot snapshot, string chain, string? source, string? destination, string? proto, string? jump)
    {
        XtChain target = Array.Find(snapshot.GetChains<IptEntry>(), c => c.Name == chain);
        if (target.Name is null)
        {
            throw new ArgumentException($"No chain '{chain}' in table '{snapshot.Name}'.", nameof(chain));
        }

        int entrySize = IptEntry.SizeOf;
        int targetSize = XTables.XT_ALIGN(XtStandardTarget.SizeOf);
        byte[] rule = new byte[entrySize + targetSize];
        ref IptEntry e = ref MemoryMarshal.AsRef<IptEntry>(rule.AsSpan());
        e.target_offset = (ushort)entrySize;
        e.next_offset = (ushort)rule.Length;
        (e.ip.src, e.ip.smsk) = ParseAddress(source);
        (e.ip.dst, e.ip.dmsk) = ParseAddress(destination);
        e.ip.proto = proto switch
        {
            null => 0,
            "tcp" => 6,
            "udp" => 17,
            "icmp" => 1,
            _ => ushort.Parse(proto, System.Globalization.CultureInfo.InvariantCulture),
        };

        ref XtStandardTarget t = ref MemoryMarshal.AsRef<XtStandardTarget>(rule.AsSpan(entrySize));
        t.target.u.target_size = (ushort)targetSize;
        t.verdict = jump switch
        {
            "ACCEPT" => XTables.StandardVerdict(XTables.NF_ACCEPT),
            "DROP" => XTables.StandardVerdict(XTables.NF_DROP),
            "RETURN" => XTables.XT_RETURN,

            // No target: the verdict is the next entry, i.e. the end of the new rule.
            null => target.PolicyOffset + rule.Length,
            _ => JumpOffset(snapshot, jump, target.PolicyOffset, rule.Length),
        };

        return XtTableEdit.AppendRule<IptEntry>(snapshot, target, rule);
    }

    private static int JumpOffset(XtTableSnapshot snapshot, string chain, int insertAt, int insertLength)
    {
        XtChain to = Array.Find(snapshot.GetChains<IptEntry>(), c => c.Name == chain);
        if (to.Name is null || to.IsBuiltin)
        {
            throw new ArgumentException($"'{chain}' is not a user-defined chain of '{snapshot.Name}'.", nameof(chain));
        }

        // libiptc jumps to the chain's first rule, past its ERROR head.
        return XtTableEdit.NewOffset(to.RulesOffset, insertAt, insertLength);
    }

    private static (Be32 Address, Be32 Mask) ParseAddress(string? text)
    {
        if (text is null)
        {
            return default;
        }

        int slash = text.IndexOf('/');
        int prefix = slash < 0 ? 32 : int.Parse(text.AsSpan(slash + 1), System.Globalization.CultureInfo.InvariantCulture);
        var ip = IPAddress.Parse(slash < 0 ? text : text.Substring(0, slash));
        uint host = (uint)IPAddress.NetworkToHostOrder(BitConverter.ToInt32(ip.GetAddressBytes()));
        uint mask = prefix == 0 ? 0 : uint.MaxValue << (32 - prefix);
        return (new Be32(host & mask), new Be32(mask));
    }
}
