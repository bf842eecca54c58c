using System;

namespace KernelStructs.Samples.IptablesDump;

internal static class AppendCommand
{
    public static int Run(ReadOnlySpan<string> args)
    {
        Console.Error.WriteLine("--append is not implemented yet.");
        return 2;
    }
}
