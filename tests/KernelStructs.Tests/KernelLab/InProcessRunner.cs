using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Threading;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace KernelStructs.Tests.KernelLab;

/// <summary>
/// Runs this assembly's tests in this process, without VSTest: <c>dotnet KernelStructs.Tests.dll [filters]</c>.
/// The kernel lab (<c>tests/vm/run.sh</c>) uses it inside its VM, where the emulated CPU makes VSTest's two extra
/// processes and its discovery cost minutes; this runner starts in seconds. <c>dotnet test</c> does not use it.
/// </summary>
/// <remarks>
/// Filters (a test runs when it matches every kind given, and any value of a kind):
/// <c>--trait NAME=VALUE</c>, <c>--class FULL.NAME</c>, <c>--method FULL.NAME.Method</c> (or a substring of it with
/// <c>--match TEXT</c>). It prints one line per test and closes with <c>N passed, N failed, N skipped</c>; the exit
/// code is 1 when a test failed or none ran.
/// </remarks>
internal static class InProcessRunner
{
    public static int Main(string[] args)
    {
        var traits = new List<(string Name, string Value)>();
        var classes = new List<string>();
        var methods = new List<string>();
        var matches = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string option = args[i];
            if (i + 1 >= args.Length || !option.StartsWith("--", StringComparison.Ordinal))
            {
                return Usage($"'{option}' is not an option with a value");
            }

            string value = args[++i];
            switch (option)
            {
                case "--trait" when value.IndexOf('=') is int eq and > 0:
                    traits.Add((value.Substring(0, eq), value.Substring(eq + 1)));
                    break;
                case "--class":
                    classes.Add(value);
                    break;
                case "--method":
                    methods.Add(value);
                    break;
                case "--match":
                    matches.Add(value);
                    break;
                default:
                    return Usage($"unknown option or value: {option} {value}");
            }
        }

        var sink = new Sink();
        using var framework = new XunitTestFramework(sink);
        Assembly assembly = typeof(InProcessRunner).Assembly;
        var watch = Stopwatch.StartNew();

        using ITestFrameworkDiscoverer discoverer = framework.GetDiscoverer(Reflector.Wrap(assembly));
        discoverer.Find(includeSourceInformation: false, sink, new Options());
        sink.DiscoveryDone.WaitOne();
        List<ITestCase> selected = sink.Discovered.Where(Selected).ToList();
        Console.WriteLine($"Discovered {sink.Discovered.Count} tests in {watch.Elapsed.TotalSeconds:0.0} s; running {selected.Count}.");
        if (selected.Count == 0)
        {
            Console.WriteLine("0 passed, 0 failed, 0 skipped");
            return 1;
        }

        using ITestFrameworkExecutor executor = framework.GetExecutor(assembly.GetName());
        executor.RunTests(selected, sink, new Options());
        sink.RunDone.WaitOne();

        Console.WriteLine($"Ran {selected.Count} tests in {watch.Elapsed.TotalSeconds:0.0} s.");
        Console.WriteLine($"{sink.Passed} passed, {sink.Failed} failed, {sink.Skipped} skipped");
        return sink.Failed == 0 && sink.Passed > 0 ? 0 : 1;

        bool Selected(ITestCase test)
        {
            string name = test.TestMethod.TestClass.Class.Name + "." + test.TestMethod.Method.Name;
            return (traits.Count == 0 || traits.Any(t => test.Traits.TryGetValue(t.Name, out List<string>? values) && values.Contains(t.Value)))
                && (classes.Count == 0 || classes.Contains(test.TestMethod.TestClass.Class.Name))
                && (methods.Count == 0 || methods.Contains(name))
                && (matches.Count == 0 || matches.Any(m => name.Contains(m, StringComparison.Ordinal)));
        }
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"{problem}\nusage: dotnet KernelStructs.Tests.dll [--trait NAME=VALUE] [--class FULL.NAME] [--method FULL.NAME.Method] [--match TEXT]...");
        return 2;
    }

    /// <summary>Discovery and execution options: xunit's defaults (parallel test classes, one thread per core).</summary>
    private sealed class Options : ITestFrameworkDiscoveryOptions, ITestFrameworkExecutionOptions
    {
        private readonly Dictionary<string, object?> _values = new();

        public TValue GetValue<TValue>(string name) => _values.TryGetValue(name, out object? v) && v is TValue t ? t : default!;

        public void SetValue<TValue>(string name, TValue value) => _values[name] = value;
    }

    /// <summary>Collects discovered tests and prints results as they arrive (xunit calls it from its threads).</summary>
    private sealed class Sink : Xunit.LongLivedMarshalByRefObject, IMessageSink
    {
        private readonly object _gate = new();

        public List<ITestCase> Discovered { get; } = new();

        public ManualResetEvent DiscoveryDone { get; } = new(false);

        public ManualResetEvent RunDone { get; } = new(false);

        public int Passed { get; private set; }

        public int Failed { get; private set; }

        public int Skipped { get; private set; }

        public bool OnMessage(IMessageSinkMessage message)
        {
            lock (_gate)
            {
                switch (message)
                {
                    case ITestCaseDiscoveryMessage found:
                        Discovered.Add(found.TestCase);
                        break;
                    case IDiscoveryCompleteMessage:
                        DiscoveryDone.Set();
                        break;
                    case ITestPassed passed:
                        Passed++;
                        Console.WriteLine($"  passed  {passed.Test.DisplayName} ({passed.ExecutionTime:0.00} s)");
                        break;
                    case ITestSkipped skipped:
                        Skipped++;
                        Console.WriteLine($"  skipped {skipped.Test.DisplayName}: {skipped.Reason}");
                        break;
                    case ITestFailed failed:
                        Failed++;
                        Console.WriteLine($"  FAILED  {failed.Test.DisplayName} ({failed.ExecutionTime:0.00} s)");
                        for (int i = 0; i < failed.Messages.Length; i++)
                        {
                            Console.WriteLine($"    {failed.ExceptionTypes[i]}: {failed.Messages[i]}");
                            Console.WriteLine($"    {failed.StackTraces[i]?.Replace("\n", "\n    ", StringComparison.Ordinal)}");
                        }

                        if (!string.IsNullOrEmpty(failed.Output))
                        {
                            Console.WriteLine($"    output: {failed.Output.Trim().Replace("\n", "\n    ", StringComparison.Ordinal)}");
                        }

                        break;
                    case IErrorMessage error:
                        Failed++;
                        Console.WriteLine($"  ERROR   {string.Join(" | ", error.Messages)}\n    {string.Join("\n    ", error.StackTraces)}");
                        break;
                    case ITestAssemblyFinished:
                        RunDone.Set();
                        break;
                }
            }

            return true;
        }
    }
}
