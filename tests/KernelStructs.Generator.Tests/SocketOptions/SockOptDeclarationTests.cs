using System.Threading.Tasks;
using KernelStructs.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace KernelStructs.Generator.Tests.SocketOptions;

/// <summary>
/// KS2006 (command annotations), KS2007 (a wrapper of the other direction), KS2012 (a wrapper naming no command),
/// KS2005/KS2010 (wrapper payloads and shapes), KS2009 (a generated wrapper makes this call).
/// </summary>
public sealed class SockOptDeclarationTests
{
    private static DiagnosticResult Expect(DiagnosticDescriptor descriptor, int location) => new DiagnosticResult(descriptor).WithLocation(location);

    /// <summary>A wrapper class; its implementations stand for what the generator emits.</summary>
    private static string Wrappers(string declarations, string implementations) => $$"""
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
    [InlineData("[SockOptCommand(SocketLevel.IP, SockOptDirection.Both, typeof(int))] public const int A = 3500;")]
    [InlineData("[SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(byte), Length = LengthRule.Truncating)] public const int A = 3500;")]
    [InlineData("[SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(Be32))] public const int A = 3500;")]
    [InlineData("[SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(ModTuple), Length = LengthRule.HeaderPlusEntries, Entry = typeof(ModTuple6))] public const int A = 3500;")]
    [InlineData("[SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(void))] public const int A = 3500;")]
    [InlineData("[SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(ModTuple), Count = 2, Length = LengthRule.AtLeast)] public const int A = 3500;")]
    [InlineData("[SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(ModTuple), CName = \"MOD_SO_GET_A\")] public const int A = 3500;")]
    public Task KS2006_silent_on_a_well_formed_command(string declaration)
        => SockOptTest.VerifyAsync($"public static class Own {{ {declaration} }}");

    [Theory]
    [InlineData("typeof(string)", "", "declares the payload string, which is neither a [KernelStruct] nor an integer or byte-order type (use byte for raw bytes, void for none)")]
    [InlineData("typeof(Plain)", "", "declares the payload Plain, which is neither a [KernelStruct] nor an integer or byte-order type (use byte for raw bytes, void for none)")]
    [InlineData("typeof(void)", ", Length = LengthRule.AtLeast", "has no payload (void), so its length is exactly 0: drop the length rule")]
    [InlineData("typeof(ModTuple)", ", Count = 0", "declares a Count below 1")]
    [InlineData("typeof(byte)", ", Count = 2", "declares a Count for a payload that is not a struct or scalar")]
    [InlineData("typeof(ModTuple)", ", CName = \"\"", "declares an empty CName")]
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
            Expect(Descriptors.InvalidCommand, 0).WithArguments("MOD_SO_GET_OWN", "must be a const int: its value is the option number, read at compile time"));

    [Fact]
    public Task KS2006_a_command_without_a_direction()
        => SockOptTest.VerifyAsync(
            """
            public static class Own
            {
                [{|#0:SockOptCommand(SocketLevel.IP, (SockOptDirection)0, typeof(ModTuple))|}]
                public const int MOD_SO_GET_OWN = 3500;
            }
            """,
            Expect(Descriptors.InvalidCommand, 0).WithArguments("MOD_SO_GET_OWN", "has no direction: use SockOptDirection.Get, Set or Both"));

    // ---- KS2007, KS2012, KS2005 on wrappers ------------------------------------------------------------------

    [Theory]
    [InlineData("Mod.MOD_SO_GET_TUPLE")]
    [InlineData("M.MOD_SO_GET_TUPLE")]
    [InlineData("MOD_SO_GET_TUPLE")]
    public Task KS2007_silent_when_wrapper_and_command_agree(string command)
        => SockOptTest.VerifyAsync(Wrappers(
            $"[GetSockOpt({command})] public static partial ModTuple GetTuple(int fd);",
            "public static partial ModTuple GetTuple(int fd) => default;"));

    [Fact]
    public Task KS2007_silent_for_both_directions_of_a_command_valid_both_ways()
        => SockOptTest.VerifyAsync(Wrappers(
            """
            [GetSockOpt(Mod.MOD_SO_MARK)] public static partial uint GetMark(int fd);
            [SetSockOpt(Mod.MOD_SO_MARK)] public static partial void SetMark(int fd, uint mark);
            """,
            """
            public static partial uint GetMark(int fd) => default;
            public static partial void SetMark(int fd, uint mark) { }
            """));

    [Theory]
    [InlineData("Mod.MOD_SO_SET_TUPLE")]
    [InlineData("M.MOD_SO_SET_TUPLE")]
    [InlineData("MOD_SO_SET_TUPLE")]
    public Task KS2007_a_GET_wrapper_of_a_SET_command(string command)
        => SockOptTest.VerifyAsync(
            Wrappers(
                $"[GetSockOpt({{|#0:{command}|}})] public static partial ModTuple GetTuple(int fd);",
                "public static partial ModTuple GetTuple(int fd) => default;"),
            Expect(Descriptors.WrapperDirection, 0).WithArguments("GetSockOpt", "GetTuple", "'MOD_SO_SET_TUPLE'", "setsockopt-only"));

    [Fact]
    public Task KS2007_a_SET_wrapper_of_a_GET_command()
        => SockOptTest.VerifyAsync(
            Wrappers(
                "[SetSockOpt({|#0:Mod.MOD_SO_GET_INFO|})] public static partial void SetInfo(int fd, in ModTuple6 value);",
                "public static partial void SetInfo(int fd, in ModTuple6 value) { }"),
            Expect(Descriptors.WrapperDirection, 0).WithArguments("SetSockOpt", "SetInfo", "'MOD_SO_GET_INFO'", "getsockopt-only"));

    [Theory]
    [InlineData("3000", "the number 3000")]
    [InlineData("3000 + 2", "the number 3000 + 2")]
    [InlineData("Mod.UNANNOTATED", "'UNANNOTATED', a constant without [SockOptCommand] that stands for no command")]
    public Task KS2012_a_wrapper_that_names_no_command(string argument, string named)
        => SockOptTest.VerifyAsync(
            Wrappers(
                $"[GetSockOpt({{|#0:{argument}|}})] public static partial ModTuple GetTuple(int fd);",
                "public static partial ModTuple GetTuple(int fd) => default;"),
            Expect(Descriptors.WrapperWithoutCommand, 0).WithArguments("GetSockOpt", "GetTuple", named));

    // A plain name is read from the wrapper's own type when that type declares it, and looked up in scope otherwise:
    // the command is the one the language's lookup finds, nearest scope first.

    [Fact]
    public Task KS2007_a_command_of_the_wrapper_s_own_class()
        => SockOptTest.VerifyAsync(
            """
            public static partial class Own
            {
                [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(ModTuple))]
                public const int OWN_SO_SET_TUPLE = 3600;

                [GetSockOpt({|#0:OWN_SO_SET_TUPLE|})] public static partial ModTuple GetTuple(int fd);
            }

            public static partial class Own
            {
                public static partial ModTuple GetTuple(int fd) => default;
            }
            """,
            Expect(Descriptors.WrapperDirection, 0).WithArguments("GetSockOpt", "GetTuple", "'OWN_SO_SET_TUPLE'", "setsockopt-only"));

    [Fact]
    public Task KS2012_a_constant_of_the_wrapper_s_own_class_hides_the_command_of_its_name()
        => SockOptTest.VerifyAsync(
            Wrappers(
                """
                public const int MOD_SO_GET_TUPLE = 3000;

                [GetSockOpt({|#0:MOD_SO_GET_TUPLE|})] public static partial ModTuple GetTuple(int fd);
                """,
                "public static partial ModTuple GetTuple(int fd) => default;"),
            Expect(Descriptors.WrapperWithoutCommand, 0).WithArguments("GetSockOpt", "GetTuple", "'MOD_SO_GET_TUPLE', a constant without [SockOptCommand] that stands for no command"));

    [Theory]
    [InlineData("", "[SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(ModTuple))] public const int OWN_SO_TUPLE = 3600;")]
    [InlineData("[SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(ModTuple))] public const int OWN_SO_TUPLE = 3600;", "")]
    public Task KS2007_a_command_of_an_outer_class_unless_the_wrapper_s_class_declares_the_name(string inner, string outer)
        => SockOptTest.VerifyAsync(
            $$"""
            public static partial class Outer
            {
                {{outer}}
                {{(outer.Length == 0 ? "public const int OWN_SO_TUPLE = 3601;" : string.Empty)}}

                public static partial class Inner
                {
                    {{inner}}

                    [GetSockOpt({|#0:OWN_SO_TUPLE|})] public static partial ModTuple GetTuple(int fd);

                    public static partial ModTuple GetTuple(int fd) => default;
                }
            }
            """,
            Expect(Descriptors.WrapperDirection, 0).WithArguments("GetSockOpt", "GetTuple", "'OWN_SO_TUPLE'", "setsockopt-only"));

    [Fact]
    public Task KS2005_a_wrapper_whose_payload_is_not_its_command_s()
        => SockOptTest.VerifyAsync(
            Wrappers(
                "[GetSockOpt(Mod.MOD_SO_GET_TUPLE)] public static partial ModTuple6 {|#0:GetTuple|}(int fd);",
                "public static partial ModTuple6 GetTuple(int fd) => default;"),
            Expect(Descriptors.PayloadMismatch, 0).WithArguments("MOD_SO_GET_TUPLE", "ModTuple (struct mod_tuple)", "ModTuple6 (struct mod_tuple6)"));

    [Fact]
    public Task KS2005_silent_for_another_mirror_of_the_same_C_struct()
        => SockOptTest.VerifyAsync(
            """
            [KernelStruct("struct mod_tuple")]
            public partial struct MyTuple { public uint src; public uint dst; }

            """ + Wrappers(
                "[GetSockOpt(Mod.MOD_SO_GET_TUPLE)] public static partial MyTuple GetTuple(int fd);",
                "public static partial MyTuple GetTuple(int fd) => default;"));

    [Fact]
    public Task KS2005_silent_for_an_inline_array_of_a_counted_payload()
        => SockOptTest.VerifyAsync(
            """
            [InlineArray(2)]
            public struct TwoTuples { private ModTuple _element0; }

            """ + Wrappers(
                "[GetSockOpt(Mod.MOD_SO_GET_PAIR)] public static partial TwoTuples GetPair(int fd);",
                "public static partial TwoTuples GetPair(int fd) => default;"));

    [Fact]
    public Task KS2005_one_payload_where_the_command_answers_two()
        => SockOptTest.VerifyAsync(
            Wrappers(
                "[GetSockOpt(Mod.MOD_SO_GET_PAIR)] public static partial ModTuple {|#0:GetPair|}(int fd);",
                "public static partial ModTuple GetPair(int fd) => default;"),
            Expect(Descriptors.PayloadMismatch, 0).WithArguments("MOD_SO_GET_PAIR", "ModTuple (struct mod_tuple)[2]", "ModTuple (struct mod_tuple)"));

    // ---- KS2010 ----------------------------------------------------------------------------------------------

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
            Expect(Descriptors.InvalidSockOptMethod, 0).WithArguments("SetTuple", "its first parameter must be the socket: a System.Net.Sockets.Socket, a SafeHandle, an int file descriptor or a KernelStructs.SocketTarget"));

    [Fact]
    public Task KS2010_a_value_for_a_command_without_payload()
        => SockOptTest.VerifyAsync(
            Wrappers(
                "[SetSockOpt(Mod.MOD_SO_SET_FLUSH_ALL)] public static partial void {|#0:FlushAll|}(int fd, in ModTuple value);",
                "public static partial void FlushAll(int fd, in ModTuple value) { }"),
            Expect(Descriptors.InvalidSockOptMethod, 0).WithArguments("FlushAll", "'MOD_SO_SET_FLUSH_ALL' has no payload, so its wrapper takes only the socket: void M(S) or Errno M(S)"));

    [Fact]
    public Task KS2010_silent_for_a_command_without_payload_taking_only_the_socket()
        => SockOptTest.VerifyAsync(Wrappers(
            "[SetSockOpt(Mod.MOD_SO_SET_FLUSH_ALL)] public static partial void FlushAll(int fd);",
            "public static partial void FlushAll(int fd) { }"));

    [Fact]
    public Task KS2010_no_value_for_a_command_with_payload()
        => SockOptTest.VerifyAsync(
            Wrappers(
                "[SetSockOpt(Mod.MOD_SO_SET_TUPLE)] public static partial void {|#0:SetTuple|}(int fd);",
                "public static partial void SetTuple(int fd) { }"),
            Expect(Descriptors.InvalidSockOptMethod, 0).WithArguments("SetTuple", "'MOD_SO_SET_TUPLE' carries ModTuple (struct mod_tuple), so its wrapper takes it: void M(S, in T) or void M(S, ReadOnlySpan<byte>)"));

    // ---- KS2009 ----------------------------------------------------------------------------------------------

    private const string TupleWrappers = SockOptTestState.TupleWrappers;

    private const string TupleImplementations = SockOptTestState.TupleImplementations;

    [Theory]
    [InlineData("{|#0:SockOpt.Get<ModTuple>(socket, SocketLevel.IP, Mod.MOD_SO_GET_TUPLE, LengthRule.Exact, \"x\")|};", "GetTuple(Socket)", "getsockopt")]
    [InlineData("{|#0:SockOpt.TryGet(fd, SocketLevel.IP, MOD_SO_GET_TUPLE, LengthRule.Exact, \"x\", out ModTuple got)|};", "TryGetTuple(int, out ModTuple)", "getsockopt")]
    [InlineData("{|#0:SockOpt.Set(fd, SocketLevel.IP, M.MOD_SO_SET_TUPLE, in value, \"x\")|};", "SetTuple(int, in ModTuple)", "setsockopt")]
    [InlineData("{|#0:LibC.setsockopt(fd, 0, Mod.MOD_SO_SET_TUPLE, &value, sizeof(ModTuple))|};", "SetTuple(int, in ModTuple)", "setsockopt")]
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
