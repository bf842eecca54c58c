using BenchmarkDotNet.Running;

namespace KernelStructs.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project bench/KernelStructs.Benchmarks -- --filter '*'</c>;
/// <c>-- sockopt-interleaved [rounds]</c> runs <see cref="SockOptInterleaved"/> instead, <c>-- dump-interleaved [rounds]</c>
/// <see cref="DumpInterleaved"/>.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "sockopt-interleaved")
        {
            SockOptInterleaved.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 40);
            return;
        }

        if (args.Length > 0 && args[0] == "dump-interleaved")
        {
            DumpInterleaved.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
