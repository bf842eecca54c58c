using System;
using System.Collections.Generic;
using System.Linq;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace KernelStructs.Samples;

/// <summary>The samples' exit codes.</summary>
internal static class ExitCode
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>The kernel or the system refused (the message says what and why).</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong (the message says what; <c>--help</c> says how).</summary>
    public const int Usage = 2;

    /// <summary>Needs root or <c>CAP_NET_ADMIN</c>.</summary>
    public const int NeedsPrivilege = 3;
}

/// <summary>
/// How the samples run their System.CommandLine root command: a user's mistake is one line naming it and the hint to
/// <c>--help</c> (exit 2), never a stack trace; what the action reports is the exit code.
/// </summary>
internal static class SampleCommandLine
{
    /// <summary>Parses <paramref name="args"/> and runs the chosen action; prints parse errors as <c>tool: message</c>.</summary>
    public static Task<int> RunAsync(RootCommand root, string[] args, InvocationConfiguration? configuration = null)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            return Task.FromResult(Usage(root, parsed));
        }

        return parsed.InvokeAsync(configuration ?? new InvocationConfiguration { EnableDefaultExceptionHandler = false }, CancellationToken.None);
    }

    /// <summary>One line per parse error, then where to look: exit code 2.</summary>
    public static int Usage(RootCommand root, ParseResult parsed)
    {
        var tool = root.HelpName ?? RootCommand.ExecutableName;
        foreach (var error in parsed.Errors)
        {
            Console.Error.WriteLine($"{tool}: {error.Message}");
        }

        Console.Error.WriteLine($"Try '{tool} --help'.");
        return ExitCode.Usage;
    }

    /// <summary>Prints <c>tool: message</c> on standard error and returns <paramref name="exitCode"/>.</summary>
    public static int Fail(string tool, string message, int exitCode = ExitCode.Failure)
    {
        Console.Error.WriteLine($"{tool}: {message}");
        return exitCode;
    }

    /// <summary>The message for a missing privilege: what needs it, and how to get it.</summary>
    public static string NeedsNetAdmin(string what) =>
        $"{what} needs root or CAP_NET_ADMIN: run it as root (sudo), or give the program the capability (setcap cap_net_admin+ep)";

    /// <summary>Whether a socket error or errno means "not permitted" (EPERM, EACCES).</summary>
    public static bool IsPermissionDenied(Exception e) => e switch
    {
        SocketOptionException s => s.Errno == Errno.EPERM || s.Errno == Errno.EACCES,
        SocketException s => s.SocketErrorCode == SocketError.AccessDenied,
        UnauthorizedAccessException => true,
        _ => false,
    };

    /// <summary>An <c>ADDRESS:PORT</c> argument (<c>0.0.0.0:15001</c>, <c>[::]:15001</c>); the port is required.</summary>
    public static IPEndPoint? ParseEndPoint(ArgumentResult result) => ParseEndPoints(result).LastOrDefault();

    /// <summary>Every <c>ADDRESS:PORT</c> of a repeatable option; each one that is not is an error naming it.</summary>
    public static IPEndPoint[] ParseEndPoints(ArgumentResult result)
    {
        var endPoints = new List<IPEndPoint>();
        foreach (var token in result.Tokens)
        {
            if (IPEndPoint.TryParse(token.Value, out var endPoint) && HasPort(token.Value))
            {
                endPoints.Add(endPoint);
            }
            else
            {
                result.AddError($"'{token.Value}' is not an address and port (e.g. 0.0.0.0:15001, 127.0.0.1:15001 or [::]:15001)");
            }
        }

        return endPoints.ToArray();
    }

    /// <summary>A whole number of at least 1 (a count or a limit).</summary>
    public static int ParsePositiveInt32(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1)
        {
            return value;
        }

        result.AddError($"'{text}' is not a whole number of at least 1 (for {OptionName(result)})");
        return 1;
    }

    /// <summary>A number of seconds (<c>2.5</c>); zero only where <paramref name="zero"/> allows it.</summary>
    public static Func<ArgumentResult, double> ParseSeconds(bool zero) => result =>
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && (value > 0 || (zero && value == 0)))
        {
            return value;
        }

        result.AddError($"'{text}' is not a number of seconds {(zero ? "(0 or more)" : "above 0")} (for {OptionName(result)})");
        return 0;
    };

    private static string OptionName(ArgumentResult result) => (result.Parent as OptionResult)?.Option.Name ?? result.Argument.Name;

    /// <summary>A 32-bit number in decimal or <c>0x</c> hexadecimal (a firewall mark).</summary>
    public static bool TryParseUInt32(string text, out uint value) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? uint.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    // IPEndPoint.TryParse reads "1.2.3.4" as port 0 and "::1" as an address: the port must be spelled out, after
    // "]" for IPv6 ("[::1]:80"), after the one colon for IPv4 ("127.0.0.1:80").
    private static bool HasPort(string text)
    {
        var colon = text.LastIndexOf(':');
        var portFollows = colon > 0 && colon < text.Length - 1;
        return text.StartsWith('[')
            ? portFollows && text[colon - 1] == ']'
            : portFollows && text.IndexOf(':') == colon;
    }
}
