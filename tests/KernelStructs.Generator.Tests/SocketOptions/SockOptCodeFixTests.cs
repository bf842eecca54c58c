using System.Linq;
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
    public void KS2001_has_no_fix_that_could_write_a_command()
    {
        // A wrong-direction call needs the author's decision (the call or the command is wrong); a fix that wrote the
        // other direction's command would make the kernel's reading of the mistake look intended.
        var providers = typeof(UseCommandConstantCodeFix).Assembly.GetTypes()
            .Where(t => typeof(Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider)System.Activator.CreateInstance(t)!);
        Assert.DoesNotContain(providers, p => p.FixableDiagnosticIds.Contains(Descriptors.WrongDirection.Id));
    }

    [Fact]
    public Task KS2002_fix_writes_the_command_constant()
    {
        var test = new SockOptCodeFixTest<UseCommandConstantCodeFix>(
            SockOptTestState.InMethod("LibC.setsockopt(fd, 0, {|#0:3000|}, &value, sizeof(ModTuple));"),
            SockOptTestState.InMethod("LibC.setsockopt(fd, 0, MOD_SO_SET_TUPLE, &value, sizeof(ModTuple));"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.BareOptionNumber).WithLocation(0).WithArguments("3000", "SOL_IP", "setsockopt", "MOD_SO_SET_TUPLE (on getsockopt, 3000 is MOD_SO_GET_TUPLE)"));
        return test.RunAsync();
    }

    private const string Wrappers = "public static partial class W\n{\n" + SockOptTestState.TupleWrappers + "}\n\npublic static partial class W\n{\n" + SockOptTestState.TupleImplementations + "}\n\n";

    [Theory]
    [InlineData("var got = {|#0:SockOpt.Get<ModTuple>(socket, SocketLevel.IP, Mod.MOD_SO_GET_TUPLE, LengthRule.Exact, \"x\")|};", "var got = W.GetTuple(socket);", "W.GetTuple(Socket)", "getsockopt", "MOD_SO_GET_TUPLE")]
    [InlineData("var errno = {|#0:SockOpt.TryGet(fd, SocketLevel.IP, Mod.MOD_SO_GET_TUPLE, LengthRule.Exact, \"x\", out ModTuple got)|};", "var errno = W.TryGetTuple(fd, out ModTuple got);", "W.TryGetTuple(int, out ModTuple)", "getsockopt", "MOD_SO_GET_TUPLE")]
    [InlineData("{|#0:SockOpt.Set(fd, SocketLevel.IP, Mod.MOD_SO_SET_TUPLE, in value, \"x\")|};", "W.SetTuple(fd, value);", "W.SetTuple(int, in ModTuple)", "setsockopt", "MOD_SO_SET_TUPLE")]
    [InlineData("{|#0:LibC.setsockopt(fd, 0, Mod.MOD_SO_SET_TUPLE, &value, sizeof(ModTuple))|};", "W.SetTuple(fd, value);", "W.SetTuple(int, in ModTuple)", "setsockopt", "MOD_SO_SET_TUPLE")]
    public Task KS2009_fix_calls_the_typed_wrapper(string before, string after, string wrapper, string call, string command)
    {
        var test = new SockOptCodeFixTest<UseTypedWrapperCodeFix>(Wrappers + SockOptTestState.InMethod(before), Wrappers + SockOptTestState.InMethod(after));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.UseTypedWrapper).WithLocation(0).WithArguments(wrapper, call, command));
        return test.RunAsync();
    }
}
