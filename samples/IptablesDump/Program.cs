using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using KernelStructs.Netfilter;

namespace KernelStructs.Samples.IptablesDump;

/// <summary>
/// <c>iptables-save</c>, <c>ip6tables-save</c> and <c>arptables-save</c> for the legacy tables, read through
/// <c>*_SO_GET_INFO</c> and <c>*_SO_GET_ENTRIES</c>; <c>append</c> adds a rule through <c>IPT_SO_SET_REPLACE</c>. See README.md.
/// </summary>
public static class Program
{
    internal const string Tool = "IptablesDump";

    /// <summary>Runs the dump (or <c>append</c>); a user's mistake or a kernel refusal is one line on standard error.</summary>
    public static int Main(string[] args)
    {
        var counters = new Option<bool>("--counters", "-c") { Description = "Print [packets:bytes] before each rule and chain policy, as iptables-save -c does." };
        var table = TableOption("Only this table. Default: every table the kernel has initialised (/proc/net/ip_tables_names, ip6_tables_names or arp_tables_names).");
        var family = new Option<XtFamily>("--family", "-f")
        {
            Description = "The tables of this family: ip (as iptables-save), ip6 (ip6tables-save) or arp (arptables-save).",
            HelpName = "ip|ip6|arp",
            DefaultValueFactory = _ => XtFamily.IPv4,
            CustomParser = result =>
            {
                string text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
                if (DumpCommand.ParseFamily(text) is { } parsed)
                {
                    return parsed;
                }

                result.AddError($"'{text}' is not a table family: ip, ip6 or arp");
                return XtFamily.IPv4;
            },
        };
        var extensions = new Option<bool>("--extensions") { Description = "Instead of the rules, list each extension revision the tables hold, the catalog mirror that decodes it and the revisions the running kernel serves." };
        var root = new RootCommand(
            "iptables-save, ip6tables-save and arptables-save for the legacy tables, read straight from the kernel with *_SO_GET_INFO and *_SO_GET_ENTRIES and decoded through the catalog's extension mirrors. " +
            "Exit codes: 0 done, 1 the kernel refused (no such table, a changed table), 2 bad arguments, 3 needs root or CAP_NET_ADMIN.")
        {
            counters, table, family, extensions, AppendCommand.Create(),
        };
        root.SetAction(parse => Guard(() => parse.GetValue(extensions)
            ? DumpCommand.ListExtensions(parse.GetRequiredValue(family), parse.GetValue(table))
            : DumpCommand.Run(parse.GetRequiredValue(family), parse.GetValue(table), parse.GetValue(counters))));
        return SampleCommandLine.RunAsync(root, args).GetAwaiter().GetResult();
    }

    /// <summary><c>-t</c>/<c>--table</c>: a table name the kernel can hold (at most 31 characters).</summary>
    internal static Option<string?> TableOption(string description)
    {
        var option = new Option<string?>("--table", "-t") { Description = description, HelpName = "TABLE" };
        option.Validators.Add(result =>
        {
            var name = result.GetValueOrDefault<string?>() ?? "";
            if (name.Length == 0 || name.Length >= XTables.XT_TABLE_MAXNAMELEN || name.Any(c => c <= ' ' || c > '~'))
            {
                result.AddError($"'{name}' is not a table name: 1 to {XTables.XT_TABLE_MAXNAMELEN - 1} printable ASCII characters (filter, nat, mangle, raw, security)");
            }
        });
        return option;
    }

    /// <summary>Runs <paramref name="action"/>; what the kernel or the system refuses becomes one line and an exit code.</summary>
    internal static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (SampleCommandLine.IsPermissionDenied(e))
        {
            return SampleCommandLine.Fail(Tool, SampleCommandLine.NeedsNetAdmin("reading or changing the iptables tables"), ExitCode.NeedsPrivilege);
        }
        catch (NoSuchTableException e)
        {
            return SampleCommandLine.Fail(Tool, e.Message);
        }
        catch (SocketOptionException e)
        {
            // EAGAIN on replace: the table changed meanwhile; ELOOP: a jump loop; EINVAL: a rule the kernel rejects.
            return SampleCommandLine.Fail(Tool, e.Message);
        }
        catch (ArgumentException e)
        {
            // A chain or target the table does not have: the message without the parameter name .NET appends.
            return SampleCommandLine.Fail(Tool, e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal));
        }
        catch (Exception e) when (e is XtTableFormatException or SocketException or IOException)
        {
            return SampleCommandLine.Fail(Tool, e.Message);
        }
    }

    /// <summary>
    /// <see cref="XtTableSnapshot.Read(XtFamily, int, string, byte[])"/>, with ENOENT from <c>*_SO_GET_INFO</c> as a
    /// <see cref="NoSuchTableException"/>.
    /// </summary>
    internal static XtTableSnapshot ReadTable(XtFamily family, int fd, string table, byte[]? buffer = null)
    {
        try
        {
            return XtTableSnapshot.Read(family, fd, table, buffer);
        }
        catch (SocketOptionException e) when (e.Errno == Errno.ENOENT && e.OptionCName.EndsWith("_GET_INFO", StringComparison.Ordinal))
        {
            throw new NoSuchTableException(family, table, e);
        }
    }
}

/// <summary>The kernel has no table of that name: ENOENT from <c>IPT_SO_GET_INFO</c> (or its ip6/arp twin).</summary>
public sealed class NoSuchTableException : Exception
{
    /// <summary>Creates the exception for <paramref name="table"/> of <paramref name="family"/>.</summary>
    public NoSuchTableException(XtFamily family, string table, SocketOptionException inner)
        : base($"no table '{table}' in this network namespace: the kernel answered ENOENT to {inner.OptionCName} (a misspelled name, or the {ModulePrefix(family)}{table} module is not loaded)", inner)
    {
        Table = table;
    }

    /// <summary>The table asked for.</summary>
    public string Table { get; }

    // The kernel's table modules: iptable_nat, ip6table_mangle, arptable_filter.
    private static string ModulePrefix(XtFamily family) =>
        family == XtFamily.IPv6 ? "ip6table_" : family == XtFamily.Arp ? "arptable_" : "iptable_";
}
