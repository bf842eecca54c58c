using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using KernelStructs.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace KernelStructs.Generator.Tests.SocketOptions;

/// <summary>KS2001 (direction), KS2002 (bare numbers) and KS2003 (level) on every call path.</summary>
public sealed class SockOptCallTests
{
    /// <summary>Every setsockopt path, with CMD for the command and LEVEL for the level number; `value` is a ModTuple.</summary>
    internal static readonly Dictionary<string, string> SetPaths = new()
    {
        ["LibC.setsockopt"] = "LibC.setsockopt(fd, {|#1:LEVEL|}, CMD, &value, sizeof(ModTuple));",
        ["DllImport setsockopt"] = "Native.SetOpt(fd, {|#1:LEVEL|}, CMD, &value, (uint)sizeof(ModTuple));",
        ["LibraryImport setsockopt"] = "Native.setsockopt(fd, {|#1:LEVEL|}, CMD, &value, 8);",
        ["Socket.SetRawSocketOption"] = "socket.SetRawSocketOption({|#1:LEVEL|}, CMD, stackalloc byte[8]);",
        ["SockOpt.Set"] = "SockOpt.Set(socket, {|#1:(SocketLevel)LEVEL|}, CMD, in value, \"x\");",
        ["SockOpt.TrySet"] = "SockOpt.TrySet(fd, {|#1:(SocketLevel)LEVEL|}, CMD, in value);",
        ["SockOptEntry.SetValueSocket"] = "SockOptEntry.SetValueSocket(socket, {|#1:(SocketLevel)LEVEL|}, CMD, in value, \"x\");",
    };

    /// <summary>Every getsockopt path.</summary>
    internal static readonly Dictionary<string, string> GetPaths = new()
    {
        ["LibC.getsockopt"] = "LibC.getsockopt(fd, {|#1:LEVEL|}, CMD, &value, &len);",
        ["DllImport getsockopt"] = "Native.GetOpt(fd, {|#1:LEVEL|}, CMD, &value, &ulen);",
        ["LibraryImport getsockopt"] = "Native.getsockopt(fd, {|#1:LEVEL|}, CMD, &value, &ulen);",
        ["Socket.GetRawSocketOption"] = "socket.GetRawSocketOption({|#1:LEVEL|}, CMD, stackalloc byte[8]);",
        ["SockOpt.Get"] = "SockOpt.Get<ModTuple>(socket, {|#1:(SocketLevel)LEVEL|}, CMD, LengthRule.Exact, \"x\");",
        ["SockOpt.TryGet"] = "SockOpt.TryGet(fd, {|#1:(SocketLevel)LEVEL|}, CMD, LengthRule.Exact, \"x\", out ModTuple got);",
        ["SockOptEntry.TryGetValueFd"] = "SockOptEntry.TryGetValueFd(fd, {|#1:(SocketLevel)LEVEL|}, CMD, LengthRule.Exact, \"x\", out ModTuple got);",
    };

    /// <summary>
    /// How a command reaches the call: by name, through an alias, a static import, a const local, a local assigned once
    /// (followed by data flow), an unannotated const field and a readonly field of this file (through their initializers).
    /// </summary>
    internal static readonly Dictionary<string, (string Statement, string Member, string Expression)> Forms = new()
    {
        ["qualified"] = ("", "", "Mod.NAME"),
        ["alias"] = ("", "", "M.NAME"),
        ["static import"] = ("", "", "NAME"),
        ["const local"] = ("const int cmd = M.NAME;", "", "cmd"),
        ["var local"] = ("var cmd = M.NAME; Console.WriteLine(cmd);", "", "cmd"),
        ["const field"] = ("", "private const int Cmd = NAME;", "Cmd"),
        ["readonly field"] = ("", "private static readonly int Cmd = Mod.NAME;", "Cmd"),
    };

    /// <summary>What a KS2001 message adds when the call names the command through something else: <c> (cmd)</c>.</summary>
    internal static string Through(string form, string command)
    {
        var expression = Forms[form].Expression.Replace("NAME", command);
        return expression == command || expression.EndsWith("." + command, System.StringComparison.Ordinal) ? "" : $" ({expression})";
    }

    public static TheoryData<string, string, bool> AllPaths()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (name, template) in SetPaths)
        {
            data.Add(name, template, false);
        }

        foreach (var (name, template) in GetPaths)
        {
            data.Add(name, template, true);
        }

        return data;
    }

    public static TheoryData<string, string, bool, string> AllPathsAndForms()
    {
        var data = new TheoryData<string, string, bool, string>();
        foreach (var (name, template) in SetPaths)
        {
            foreach (var form in Forms.Keys)
            {
                data.Add(name, template, false, form);
            }
        }

        foreach (var (name, template) in GetPaths)
        {
            foreach (var form in Forms.Keys)
            {
                data.Add(name, template, true, form);
            }
        }

        return data;
    }

    internal static string Call(string template, string level, string command, string form = "qualified", string? name = null)
    {
        var (statement, member, expression) = Forms[form];
        var source = template.Replace("LEVEL", level).Replace("CMD", "{|#0:" + expression.Replace("NAME", command) + "|}");
        return SockOptTestState.InMethod(statement.Replace("NAME", command) + "\n        " + source, member.Replace("NAME", command));
    }

    private static DiagnosticResult Expect(DiagnosticDescriptor descriptor, int location) => new DiagnosticResult(descriptor).WithLocation(location);

    /// <summary>The tuple command of the other direction than the call's.</summary>
    private static string WrongTuple(bool isGet) => isGet ? "MOD_SO_SET_TUPLE" : "MOD_SO_GET_TUPLE";

    /// <summary>KS2001's message for <see cref="WrongTuple"/> on a call of direction <paramref name="isGet"/>, named <paramref name="through"/> the call's form.</summary>
    private static string WrongTupleMessage(bool isGet, string through = "")
    {
        var wrong = WrongTuple(isGet);
        var runs = isGet ? "MOD_SO_GET_TUPLE" : "MOD_SO_SET_TUPLE";
        return $"'{wrong}'{through} is a {(isGet ? "setsockopt" : "getsockopt")} command, but this call is {(isGet ? "getsockopt" : "setsockopt")}: 3000 at SOL_IP on {(isGet ? "getsockopt" : "setsockopt")} is {runs}";
    }

    [Theory]
    [MemberData(nameof(AllPathsAndForms))]
    public Task KS2001_a_command_of_the_other_direction(string path, string template, bool isGet, string form)
    {
        _ = path;
        var wrong = WrongTuple(isGet);
        var message = WrongTupleMessage(isGet, Through(form, wrong));
        return SockOptTest.VerifyAsync(Call(template, "0", wrong, form), Expect(Descriptors.WrongDirection, 0).WithArguments(message));
    }

    [Theory]
    [MemberData(nameof(AllPaths))]
    public Task KS2001_in_a_lambda_and_in_a_local_function(string path, string template, bool isGet)
    {
        // Calls are found by their syntax and bound one by one, wherever they stand in a member's code.
        _ = path;
        var wrong = WrongTuple(isGet);
        var message = WrongTupleMessage(isGet);
        const string locals = "ModTuple value = default; socklen_t len = sizeof(ModTuple); uint ulen = 8;";
        var inLambda = template.Replace("LEVEL", "0").Replace("CMD", "{|#0:Mod." + wrong + "|}");
        var inLocalFunction = template.Replace("{|#1:", "{|#3:").Replace("LEVEL", "0").Replace("CMD", "{|#2:Mod." + wrong + "|}");
        var source = SockOptTestState.InMethod($$"""
            System.Action run = () => { {{locals}} {{inLambda}} };
                    void Local() { {{locals}} {{inLocalFunction}} }
                    run();
                    Local();
            """);
        return SockOptTest.VerifyAsync(source, Expect(Descriptors.WrongDirection, 0).WithArguments(message), Expect(Descriptors.WrongDirection, 2).WithArguments(message));
    }

    [Theory]
    [MemberData(nameof(AllPathsAndForms))]
    public Task KS2001_silent_on_the_right_direction(string path, string template, bool isGet, string form)
    {
        _ = path;
        return SockOptTest.VerifyAsync(Call(template, "0", isGet ? "MOD_SO_GET_TUPLE" : "MOD_SO_SET_TUPLE", form));
    }

    [Theory]
    [MemberData(nameof(AllPaths))]
    public Task KS2001_a_command_whose_number_the_other_call_does_not_know(string path, string template, bool isGet)
    {
        _ = path;
        var command = isGet ? "MOD_SO_SET_FLUSH" : "MOD_SO_GET_INFO";
        var value = isGet ? "3001" : "3002";
        var message = $"'{command}' is a {(isGet ? "setsockopt" : "getsockopt")} command, but this call is {(isGet ? "getsockopt" : "setsockopt")}: this compilation knows no {(isGet ? "getsockopt" : "setsockopt")} command {value} at SOL_IP";
        return SockOptTest.VerifyAsync(Call(template, "0", command), Expect(Descriptors.WrongDirection, 0).WithArguments(message));
    }

    [Theory]
    [MemberData(nameof(AllPaths))]
    public Task KS2001_a_bare_number_only_the_other_call_knows(string path, string template, bool isGet)
    {
        _ = path;
        var (value, command) = isGet ? ("3001", "MOD_SO_SET_FLUSH") : ("3002", "MOD_SO_GET_INFO");
        var source = SockOptTestState.InMethod(template.Replace("LEVEL", "0").Replace("CMD", "{|#0:" + value + "|}"));
        var message = $"{value} at SOL_IP is the {(isGet ? "setsockopt" : "getsockopt")} command {command}, but this call is {(isGet ? "getsockopt" : "setsockopt")}, which has no command {value} at SOL_IP that this compilation knows";
        return SockOptTest.VerifyAsync(source, Expect(Descriptors.WrongDirection, 0).WithArguments(message));
    }

    [Theory]
    [MemberData(nameof(AllPaths))]
    public Task KS2002_says_which_command_a_bare_number_runs(string path, string template, bool isGet)
    {
        _ = path;
        var source = SockOptTestState.InMethod(template.Replace("LEVEL", "0").Replace("CMD", "{|#0:3000|}"));
        return SockOptTest.VerifyAsync(source, Expect(Descriptors.BareOptionNumber, 0).WithArguments("3000", "SOL_IP", isGet ? "getsockopt" : "setsockopt", SharedNumber(isGet)));
    }

    [Theory]
    [MemberData(nameof(AllPaths))]
    public Task KS2002_names_the_command_behind_an_unannotated_constant(string path, string template, bool isGet)
    {
        _ = path;
        var source = SockOptTestState.InMethod(template.Replace("LEVEL", "0").Replace("CMD", "{|#0:Mod.UNANNOTATED|}"));
        return SockOptTest.VerifyAsync(source, Expect(Descriptors.BareOptionNumber, 0).WithArguments("Mod.UNANNOTATED (3000)", "SOL_IP", isGet ? "getsockopt" : "setsockopt", SharedNumber(isGet)));
    }

    /// <summary>What KS2002 says 3000 at SOL_IP is: the command of the call's direction, and the other one that shares the number.</summary>
    internal static string SharedNumber(bool isGet)
        => isGet ? "MOD_SO_GET_TUPLE (on setsockopt, 3000 is MOD_SO_SET_TUPLE)" : "MOD_SO_SET_TUPLE (on getsockopt, 3000 is MOD_SO_GET_TUPLE)";

    [Theory]
    [MemberData(nameof(AllPaths))]
    public Task KS2002_silent_on_a_number_no_command_has(string path, string template, bool isGet)
    {
        _ = (path, isGet);
        return SockOptTest.VerifyAsync(SockOptTestState.InMethod(template.Replace("LEVEL", "0").Replace("CMD", "4242")));
    }

    [Theory]
    [MemberData(nameof(AllPathsAndForms))]
    public Task KS2003_a_command_at_another_level(string path, string template, bool isGet, string form)
    {
        _ = path;
        var command = isGet ? "MOD_SO_GET_TUPLE" : "MOD_SO_SET_TUPLE";
        var consequence = isGet ? ": there, 3000 on getsockopt is MOD6_SO_GET_TUPLE" : string.Empty;
        return SockOptTest.VerifyAsync(Call(template, "41", command, form), Expect(Descriptors.WrongLevel, 1).WithArguments(command, "SOL_IP", "SOL_IPV6", consequence));
    }

    [Fact]
    public Task KS2003_SocketOptionLevel_Socket_is_0xffff_on_the_raw_calls()
        => SockOptTest.VerifyAsync(
            SockOptTestState.InMethod("socket.SetRawSocketOption({|#1:(int)SocketOptionLevel.Socket|}, Mod.MOD_SO_MARK, stackalloc byte[4]);"),
            Expect(Descriptors.WrongLevel, 1).WithArguments("MOD_SO_MARK", "SOL_SOCKET", "level 65535", ": 0xffff is .NET's SocketOptionLevel.Socket, which the raw calls pass to the kernel as it is (SOL_SOCKET is 1)"));

    [Fact]
    public Task Socket_options_named_by_dotnet_are_not_kernel_numbers()
        => SockOptTest.VerifyAsync(SockOptTestState.InMethod("socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.HeaderIncluded, true);"));

    [Fact]
    public Task KS2001_the_catalog_in_the_referenced_runtime_counts_too()
        => SockOptTest.VerifyAsync(
            SockOptTestState.InMethod("LibC.setsockopt(fd, 0, {|#0:KernelStructs.Netfilter.IpTables.IPT_SO_GET_INFO|}, &value, 8);"),
            Expect(Descriptors.WrongDirection, 0).WithArguments("'IPT_SO_GET_INFO' is a getsockopt command, but this call is setsockopt: 64 at SOL_IP on setsockopt is IPT_SO_SET_REPLACE"));

    [Fact]
    public Task KS2002_a_literal_says_the_catalog_command_the_kernel_runs()
        => SockOptTest.VerifyAsync(
            SockOptTestState.InMethod("byte* table = stackalloc byte[4096]; LibC.setsockopt(fd, 0, {|#0:64|}, table, 4096);"),
            Expect(Descriptors.BareOptionNumber, 0).WithArguments("64", "SOL_IP", "setsockopt", "IPT_SO_SET_REPLACE (on getsockopt, 64 is IPT_SO_GET_INFO)"));
}
