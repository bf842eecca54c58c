using System.Threading.Tasks;
using KernelStructs.Analyzers;
using KernelStructs.CodeFixes.SocketOptions;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace KernelStructs.Generator.Tests.SocketOptions;

/// <summary>Before/after tests of the socket-option code fixes.</summary>
public sealed class SockOptCodeFixTests
{
    [Fact]
    public Task KS2001_fix_uses_the_SET_command_of_the_same_name_family()
    {
        var test = new SockOptCodeFixTest<UseCounterpartCommandCodeFix>(
            SockOptTestState.InMethod("LibC.setsockopt(fd, 0, {|#0:Mod.MOD_SO_GET_TUPLE|}, &value, sizeof(ModTuple));"),
            SockOptTestState.InMethod("LibC.setsockopt(fd, 0, MOD_SO_SET_TUPLE, &value, sizeof(ModTuple));"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.WrongDirection).WithLocation(0)
            .WithArguments("'MOD_SO_GET_TUPLE' is a getsockopt command, but this call is setsockopt: 3000 at SOL_IP on setsockopt is MOD_SO_SET_TUPLE"));
        return test.RunAsync();
    }

    [Fact]
    public Task KS2001_fix_uses_the_GET_command_on_getsockopt()
    {
        var test = new SockOptCodeFixTest<UseCounterpartCommandCodeFix>(
            SockOptTestState.InMethod("SockOpt.Get<ModTuple>(socket, SocketLevel.IP, {|#0:M.MOD_SO_SET_TUPLE|}, LengthRule.Exact, \"x\");"),
            SockOptTestState.InMethod("SockOpt.Get<ModTuple>(socket, SocketLevel.IP, MOD_SO_GET_TUPLE, LengthRule.Exact, \"x\");"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.WrongDirection).WithLocation(0)
            .WithArguments("'MOD_SO_SET_TUPLE' is a setsockopt command, but this call is getsockopt: 3000 at SOL_IP on getsockopt is MOD_SO_GET_TUPLE"));
        return test.RunAsync();
    }

    [Fact]
    public Task KS2001_no_fix_when_the_other_direction_has_no_command_of_that_name()
    {
        // MOD_SO_GET_INFO has no MOD_SO_SET_INFO: nothing says which SET command was meant.
        var source = SockOptTestState.InMethod("LibC.setsockopt(fd, 0, {|#0:Mod.MOD_SO_GET_INFO|}, &other, sizeof(ModTuple6));");
        var test = new SockOptCodeFixTest<UseCounterpartCommandCodeFix>(source, source);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.WrongDirection).WithLocation(0)
            .WithArguments("'MOD_SO_GET_INFO' is a getsockopt command, but this call is setsockopt: this compilation knows no setsockopt command 3002 at SOL_IP"));
        return test.RunAsync();
    }

    [Fact]
    public Task KS2001_no_fix_for_the_catalog_s_IPT_SO_GET_INFO()
    {
        // 64 on setsockopt is IPT_SO_SET_REPLACE, but nothing in the names pairs it with IPT_SO_GET_INFO.
        var source = SockOptTestState.InMethod("LibC.setsockopt(fd, 0, {|#0:KernelStructs.Netfilter.IpTables.IPT_SO_GET_INFO|}, &value, 8);");
        var test = new SockOptCodeFixTest<UseCounterpartCommandCodeFix>(source, source);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.WrongDirection).WithLocation(0)
            .WithArguments("'IPT_SO_GET_INFO' is a getsockopt command, but this call is setsockopt: 64 at SOL_IP on setsockopt is IPT_SO_SET_REPLACE"));
        return test.RunAsync();
    }

    [Fact]
    public Task KS2002_fix_writes_the_command_constant()
    {
        var test = new SockOptCodeFixTest<UseCommandConstantCodeFix>(
            SockOptTestState.InMethod("LibC.setsockopt(fd, 0, {|#0:3000|}, &value, sizeof(ModTuple));"),
            SockOptTestState.InMethod("LibC.setsockopt(fd, 0, MOD_SO_SET_TUPLE, &value, sizeof(ModTuple));"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.BareOptionNumber).WithLocation(0).WithArguments("3000", "SOL_IP", "setsockopt", "MOD_SO_SET_TUPLE"));
        return test.RunAsync();
    }

    private const string Wrappers = "public static partial class W\n{\n" + SockOptTestState.TupleWrappers + "}\n\npublic static partial class W\n{\n" + SockOptTestState.TupleImplementations + "}\n\n";

    [Theory]
    [InlineData("var got = {|#0:SockOpt.Get<ModTuple>(socket, SocketLevel.IP, Mod.MOD_SO_GET_TUPLE, LengthRule.Exact, \"x\")|};", "var got = W.GetTuple(socket);", "W.GetTuple", "getsockopt", "MOD_SO_GET_TUPLE")]
    [InlineData("var errno = {|#0:SockOpt.TryGet(fd, SocketLevel.IP, Mod.MOD_SO_GET_TUPLE, LengthRule.Exact, \"x\", out ModTuple got)|};", "var errno = W.TryGetTuple(fd, out ModTuple got);", "W.TryGetTuple", "getsockopt", "MOD_SO_GET_TUPLE")]
    [InlineData("{|#0:SockOpt.Set(fd, SocketLevel.IP, Mod.MOD_SO_SET_TUPLE, in value, \"x\")|};", "W.SetTuple(fd, value);", "W.SetTuple", "setsockopt", "MOD_SO_SET_TUPLE")]
    [InlineData("{|#0:LibC.setsockopt(fd, 0, Mod.MOD_SO_SET_TUPLE, &value, sizeof(ModTuple))|};", "W.SetTuple(fd, value);", "W.SetTuple", "setsockopt", "MOD_SO_SET_TUPLE")]
    public Task KS2009_fix_calls_the_typed_wrapper(string before, string after, string wrapper, string call, string command)
    {
        var test = new SockOptCodeFixTest<UseTypedWrapperCodeFix>(Wrappers + SockOptTestState.InMethod(before), Wrappers + SockOptTestState.InMethod(after));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.UseTypedWrapper).WithLocation(0).WithArguments(wrapper, call, command));
        return test.RunAsync();
    }
}

/// <summary>The fix the package test applies to its consumer, checked here with the code-fix provider itself.</summary>
public sealed class SockOptConsumerCodeFixTests
{
    [Fact]
    public Task KS2001_fix_turns_the_package_consumer_into_the_version_that_builds()
    {
        var before = KernelStructs.Testing.SockOptMisuseConsumer.Before;
        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpCodeFixTest<KernelStructs.Analyzers.SocketOptions.SockOptAnalyzer, UseCounterpartCommandCodeFix, DefaultVerifier>
        {
            TestCode = before,
            FixedCode = KernelStructs.Testing.SockOptMisuseConsumer.After,
            ReferenceAssemblies = KernelStructs.Generator.Tests.Analyzers.AnalyzerTestState.ReferenceAssemblies,
        };
        SockOptTestState.Configure(test.TestState, test.SolutionTransforms);
        var start = before.IndexOf(KernelStructs.Testing.SockOptMisuseConsumer.Misused, System.StringComparison.Ordinal);
        var line = before[..start].Split('\n').Length;
        var column = start - before.LastIndexOf('\n', start - 1);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.WrongDirection)
            .WithSpan(line, column, line, column + KernelStructs.Testing.SockOptMisuseConsumer.Misused.Length)
            .WithArguments("'CTMOD_SO_GET_PIN' is a getsockopt command, but this call is setsockopt: 3200 at SOL_IP on setsockopt is CTMOD_SO_SET_PIN"));
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        return test.RunAsync();
    }
}
