using System;
using System.CommandLine;
using System.Runtime.InteropServices;
using KernelStructs.Netfilter;

namespace KernelStructs.Samples.IptablesDump;

/// <summary>
/// <c>append [-t table] CHAIN [-s addr[/len]] [-d addr[/len]] [-p proto] [-j ACCEPT|DROP|RETURN|CHAIN]</c> (also spelled
/// <c>--append</c> and <c>-A</c>): appends one rule through <c>IPT_SO_SET_REPLACE</c>, keeping every other rule's counters.
/// </summary>
public static class AppendCommand
{
    /// <summary>The <c>append</c> subcommand: its arguments are checked here, before anything reaches the kernel.</summary>
    public static Command Create()
    {
        var table = Program.TableOption("The table (default: filter).");
        var chain = new Argument<string>("CHAIN") { Description = "The chain to append to: a built-in chain (INPUT, FORWARD, OUTPUT, ...) or a user-defined one." };
        var source = AddressOption("--source", "-s", "Source address, with an optional prefix length (10.0.0.0/8).");
        var destination = AddressOption("--destination", "-d", "Destination address, with an optional prefix length.");
        var protocol = new Option<string?>("--protocol", "-p") { Description = "tcp, udp, icmp or a protocol number (0-255).", HelpName = "PROTO" };
        protocol.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && ParseProtocol(text) is null)
            {
                result.AddError($"'{text}' is not a protocol: tcp, udp, icmp or a number from 0 to 255");
            }
        });
        var jump = new Option<string?>("--jump", "-j") { Description = "ACCEPT, DROP, RETURN or a user-defined chain; none: the rule only counts.", HelpName = "TARGET" };

        var command = new Command("append", "Appends one rule to a chain through IPT_SO_SET_REPLACE, keeping every rule's counters (what iptables -A does, without libiptc).")
        {
            table, chain, source, destination, protocol, jump,
        };
        command.Aliases.Add("--append");
        command.Aliases.Add("-A");
        command.SetAction(parse => Program.Guard(() => Run(
            parse.GetValue(table) ?? "filter",
            parse.GetRequiredValue(chain),
            parse.GetValue(source),
            parse.GetValue(destination),
            parse.GetValue(protocol),
            parse.GetValue(jump))));
        return command;
    }

    /// <summary>Appends the rule and reports what it did.</summary>
    public static int Run(string table, string chain, string? source, string? destination, string? proto, string? jump)
    {
        using var socket = XtFamily.IPv4.OpenSocket();
        int fd = (int)socket.Handle;
        var snapshot = Program.ReadTable(XtFamily.IPv4, fd, table);
        var result = Append(snapshot, chain, source, destination, proto, jump);
        result.Commit(fd);
        Console.WriteLine($"appended rule {RuleNumber(snapshot, chain, result.InsertOffset)} to {table}/{chain} (entry {result.InsertIndex} of the table, {result.InsertLength} bytes at offset {result.InsertOffset})");
        return ExitCode.Success;
    }

    /// <summary>
    /// The number a rule inserted at <paramref name="insertOffset"/> has in <paramref name="chain"/>, counted from 1 as
    /// <c>iptables -L --line-numbers</c> counts: one more than the chain's rules before that offset.
    /// </summary>
    private static int RuleNumber(XtTableSnapshot snapshot, string chain, int insertOffset)
    {
        XtChain found = Array.Find(snapshot.GetChains<IptEntry>(), c => c.Name == chain);
        return new XtEntries<IptEntry>(snapshot.Entries, found.RulesOffset, insertOffset).Count() + 1;
    }

    /// <summary>
    /// An IPv4 address with an optional prefix length, <c>a.b.c.d[/n]</c>: the address strictly as the kernel's
    /// <c>in4_pton</c> reads it, the prefix from 0 to 32. Returns <see langword="false"/> with the reason otherwise.
    /// </summary>
    public static bool TryParseAddress(string text, out Be32 address, out Be32 mask, out string? error)
    {
        address = default;
        mask = default;
        int slash = text.IndexOf('/');
        var addressText = slash < 0 ? text.AsSpan() : text.AsSpan(0, slash);
        if (!Inet.In4Pton(addressText, 0, out Be32 parsed, out int end) || end != addressText.Length)
        {
            error = $"'{text}' is not an IPv4 address: four numbers from 0 to 255 separated by dots, with an optional /prefix (10.0.0.0/8)";
            return false;
        }

        int prefix = 32;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out prefix) || prefix > 32))
        {
            error = $"'{text}': the prefix length after '/' must be a number from 0 to 32";
            return false;
        }

        uint bits = prefix == 0 ? 0 : uint.MaxValue << (32 - prefix);
        address = new Be32(parsed.Value & bits);
        mask = new Be32(bits);
        error = null;
        return true;
    }

    private static Option<string?> AddressOption(string name, string alias, string description)
    {
        var option = new Option<string?>(name, alias) { Description = description, HelpName = "ADDRESS[/LEN]" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && !TryParseAddress(text, out _, out _, out var error))
            {
                result.AddError(error!);
            }
        });
        return option;
    }

    private static ushort? ParseProtocol(string text) => text switch
    {
        "tcp" => 6,
        "udp" => 17,
        "icmp" => 1,
        _ => byte.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out byte number) ? number : null,
    };

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
        e.ip.proto = proto is null ? (ushort)0 : ParseProtocol(proto) ?? throw new ArgumentException($"'{proto}' is not a protocol: tcp, udp, icmp or a number from 0 to 255", nameof(proto));

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

        return TryParseAddress(text, out Be32 address, out Be32 mask, out string? error) ? (address, mask) : throw new ArgumentException(error);
    }
}
