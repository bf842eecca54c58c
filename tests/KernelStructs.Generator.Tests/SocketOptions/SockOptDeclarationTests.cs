using System.Threading.Tasks;
using KernelStructs.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace KernelStructs.Generator.Tests.SocketOptions;

/// <summary>KS2006 (command annotations), KS2007/KS2008 (wrappers against their commands), KS2010/KS2011 (wrapper shapes), KS2009 (a wrapper exists).</summary>
public sealed class SockOptDeclarationTests
{
    private static DiagnosticResult Expect(DiagnosticDescriptor descriptor, int location) => new DiagnosticResult(descriptor).WithLocation(location);

    /// <summary>A wrapper class; its implementations stand for what the generator emits.</summary>
    private static string Wrappers(string declarations, string implementations, string group = "[SockOptGroup(Level = SocketLevel.IP)]") => $$"""
        {{group}}
        public static partial class W
        {
            {{declarations}}
        }

        public static partial class W
        {
            {{implementations}}
        }

        """;

    // ---- KS2006 ----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("[SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(ModTuple))] public const int A = 3500;")]
    [InlineData("[SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(int))] public const int A = 3500;")]
    [InlineData("[SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(byte), Length = LengthRule.Truncating)] public const int A = 3500;")]
    [InlineData("[SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(Be32))] public const int A = 3500;")]
    [InlineData("[SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(ModTuple), Length = LengthRule.HeaderPlusEntries, Entry = typeof(ModTuple6))] public const int A = 3500;")]
    public Task KS2006_silent_on_a_well_formed_command(string declaration)
        => SockOptTest.VerifyAsync($"public static class Own {{ {declaration} }}");

    [Theory]
    [InlineData("typeof(string)", "", "declares the payload string, which is neither a [KernelStruct] nor an integer or byte-order type (use byte for raw bytes)")]
    [InlineData("typeof(Plain)", "", "declares the payload Plain, which is neither a [KernelStruct] nor an integer or byte-order type (use byte for raw bytes)")]
    [InlineData("typeof(ModTuple)", ", Length = LengthRule.HeaderPlusEntries, Entry = typeof(Plain)", "declares the entry Plain, which is neither a [KernelStruct] nor an integer or byte-order type")]
    [InlineData("typeof(ModTuple)", ", Entry = typeof(ModTuple6)", "declares an Entry type, which only LengthRule.HeaderPlusEntries uses")]
    public Task KS2006_a_payload_without_a_C_layout(string payload, string named, string problem)
        => SockOptTest.VerifyAsync(
            $$"""
            public struct Plain { public int x; }

            public static class Own
            {
                [{|#0:SockOptCommand(SocketLevel.IP, SockOptDirection.Get, {{payload}}{{named}})|}]
                public const int MOD_SO_GET_OWN = 3500;
            }
            """,
            Expect(Descriptors.InvalidCommand, 0).WithArguments("MOD_SO_GET_OWN", problem));

    [Fact]
    public Task KS2006_a_command_that_is_not_a_const_int()
        => SockOptTest.VerifyAsync(
            """
            public static class Own
            {
                [{|#0:SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(ModTuple))|}]
                public static readonly int MOD_SO_GET_OWN = 3500;
            }
            """,
            Expect(Descriptors.InvalidCommand, 0).WithArguments("MOD_SO_GET_OWN", "must be a const int: the analyzers read its value at compile time"));

    // ---- KS2007, KS2008, KS2005 on wrappers ------------------------------------------------------------------

    [Theory]
    [InlineData("Mod.MOD_SO_GET_TUPLE")]
    [InlineData("M.MOD_SO_GET_TUPLE")]
    [InlineData("MOD_SO_GET_TUPLE")]
    public Task KS2007_silent_when_wrapper_and_command_agree(string command)
        => SockOptTest.VerifyAsync(Wrappers(
            $"[GetSockOpt({command})] public static partial ModTuple GetTuple(int fd);",
            "public static partial ModTuple GetTuple(int fd) => default;"));

    [Theory]
    [InlineData("Mod.MOD_SO_SET_TUPLE")]
    [InlineData("M.MOD_SO_SET_TUPLE")]
    [InlineData("MOD_SO_SET_TUPLE")]
    public Task KS2007_a_GET_wrapper_of_a_SET_command(string command)
        => SockOptTest.VerifyAsync(
            Wrappers(
                $"[GetSockOpt({{|#0:{command}|}})] public static partial ModTuple GetTuple(int fd);",
                "public static partial ModTuple GetTuple(int fd) => default;"),
            Expect(Descriptors.WrapperDirection, 0).WithArguments("GetSockOpt", "GetTuple", "'MOD_SO_SET_TUPLE'", "setsockopt"));

    [Fact]
    public Task KS2007_a_SET_wrapper_of_a_GET_command()
        => SockOptTest.VerifyAsync(
            Wrappers(
                "[SetSockOpt({|#0:Mod.MOD_SO_GET_INFO|})] public static partial void SetInfo(int fd, in ModTuple6 value);",
                "public static partial void SetInfo(int fd, in ModTuple6 value) { }"),
            Expect(Descriptors.WrapperDirection, 0).WithArguments("SetSockOpt", "SetInfo", "'MOD_SO_GET_INFO'", "getsockopt"));

    [Fact]
    public Task KS2007_a_number_only_the_other_direction_knows()
        => SockOptTest.VerifyAsync(
            Wrappers(
                "[GetSockOpt({|#0:3001|})] public static partial ModTuple GetFlush(int fd);",
                "public static partial ModTuple GetFlush(int fd) => default;"),
            Expect(Descriptors.WrapperDirection, 0).WithArguments("GetSockOpt", "GetFlush", "3001 at SOL_IP, which is MOD_SO_SET_FLUSH", "setsockopt"));

    [Fact]
    public Task KS2008_a_wrapper_at_another_level_than_its_command()
        => SockOptTest.VerifyAsync(
            Wrappers(
                "[GetSockOpt(Mod.MOD6_SO_GET_TUPLE, {|#0:Level = SocketLevel.IP|})] public static partial ModTuple6 GetTuple6(int fd);",
                "public static partial ModTuple6 GetTuple6(int fd) => default;"),
            Expect(Descriptors.WrapperLevel, 0).WithArguments("GetTuple6", "SOL_IP", "MOD6_SO_GET_TUPLE", "SOL_IPV6"));

    [Fact]
    public Task KS2008_the_group_level_counts()
        => SockOptTest.VerifyAsync(
            Wrappers(
                "[GetSockOpt({|#0:Mod.MOD6_SO_GET_TUPLE|})] public static partial ModTuple6 GetTuple6(int fd);",
                "public static partial ModTuple6 GetTuple6(int fd) => default;"),
            Expect(Descriptors.WrapperLevel, 0).WithArguments("GetTuple6", "SOL_IP", "MOD6_SO_GET_TUPLE", "SOL_IPV6"));

    [Fact]
    public Task KS2005_a_wrapper_whose_payload_is_not_its_command_s()
        => SockOptTest.VerifyAsync(
            Wrappers(
                "[GetSockOpt(Mod.MOD_SO_GET_TUPLE)] public static partial ModTuple6 {|#0:GetTuple|}(int fd);",
                "public static partial ModTuple6 GetTuple(int fd) => default;"),
            Expect(Descriptors.PayloadMismatch, 0).WithArguments("MOD_SO_GET_TUPLE", "ModTuple (struct mod_tuple)", "ModTuple6 (struct mod_tuple6)"));

    // ---- KS2010, KS2011 --------------------------------------------------------------------------------------

    [Fact]
    public Task KS2010_a_wrapper_the_generator_cannot_implement()
        => SockOptTest.VerifyAsync(
            Wrappers(
                "[GetSockOpt(Mod.MOD_SO_GET_TUPLE)] public static partial string {|#0:GetName|}(int fd);",
                "public static partial string GetName(int fd) => string.Empty;"),
            Expect(Descriptors.InvalidSockOptMethod, 0).WithArguments("GetName", "its return type string is not an unmanaged struct"));

    [Fact]
    public Task KS2010_a_wrapper_without_a_socket()
        => SockOptTest.VerifyAsync(
            Wrappers(
                "[SetSockOpt(Mod.MOD_SO_SET_TUPLE)] public static partial void {|#0:SetTuple|}(ModTuple value);",
                "public static partial void SetTuple(ModTuple value) { }"),
            Expect(Descriptors.InvalidSockOptMethod, 0).WithArguments("SetTuple", "its first parameter must be the socket: a System.Net.Sockets.Socket, a SafeHandle or an int file descriptor"));

    [Fact]
    public Task KS2011_a_wrapper_without_a_level()
        => SockOptTest.VerifyAsync(
            Wrappers(
                "[GetSockOpt(Mod.MOD_SO_GET_TUPLE)] public static partial ModTuple {|#0:GetTuple|}(int fd);",
                "public static partial ModTuple GetTuple(int fd) => default;",
                group: ""),
            Expect(Descriptors.SockOptWithoutLevel, 0).WithArguments("GetTuple"));

    // ---- KS2009 ----------------------------------------------------------------------------------------------

    private const string TupleWrappers = """
        [GetSockOpt(Mod.MOD_SO_GET_TUPLE)] public static partial ModTuple GetTuple(Socket socket);
        [GetSockOpt(Mod.MOD_SO_GET_TUPLE)] public static partial Errno TryGetTuple(int fd, out ModTuple tuple);
        [SetSockOpt(Mod.MOD_SO_SET_TUPLE)] public static partial void SetTuple(int fd, in ModTuple tuple);
        """;

    private const string TupleImplementations = """
        public static partial ModTuple GetTuple(Socket socket) => default;
        public static partial Errno TryGetTuple(int fd, out ModTuple tuple) { tuple = default; return default; }
        public static partial void SetTuple(int fd, in ModTuple tuple) { }
        """;

    [Theory]
    [InlineData("{|#0:SockOpt.Get<ModTuple>(socket, SocketLevel.IP, Mod.MOD_SO_GET_TUPLE, LengthRule.Exact, \"x\")|};", "GetTuple", "getsockopt")]
    [InlineData("{|#0:SockOpt.TryGet(fd, SocketLevel.IP, MOD_SO_GET_TUPLE, LengthRule.Exact, \"x\", out ModTuple got)|};", "TryGetTuple", "getsockopt")]
    [InlineData("{|#0:SockOpt.Set(fd, SocketLevel.IP, M.MOD_SO_SET_TUPLE, in value, \"x\")|};", "SetTuple", "setsockopt")]
    [InlineData("{|#0:LibC.setsockopt(fd, 0, Mod.MOD_SO_SET_TUPLE, &value, sizeof(ModTuple))|};", "SetTuple", "setsockopt")]
    public Task KS2009_a_raw_call_a_wrapper_makes(string statement, string wrapper, string call)
        => SockOptTest.VerifyAsync(
            Wrappers(TupleWrappers, TupleImplementations) + SockOptTestState.InMethod(statement),
            Expect(Descriptors.UseTypedWrapper, 0).WithArguments("W." + wrapper, call, call == "getsockopt" ? "MOD_SO_GET_TUPLE" : "MOD_SO_SET_TUPLE"));

    [Theory]
    [InlineData("SockOpt.Get<ModTuple>(fd, SocketLevel.IP, Mod.MOD_SO_GET_TUPLE, LengthRule.Exact, \"x\");")]
    [InlineData("SockOpt.TrySet(fd, SocketLevel.IP, Mod.MOD_SO_SET_TUPLE, in value);")]
    [InlineData("int rc = LibC.setsockopt(fd, 0, Mod.MOD_SO_SET_TUPLE, &value, sizeof(ModTuple));")]
    public Task KS2009_silent_when_no_wrapper_has_the_call_s_shape(string statement)
        => SockOptTest.VerifyAsync(
            Wrappers(TupleWrappers, TupleImplementations) + SockOptTestState.InMethod(statement));
}
