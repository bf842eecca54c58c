using System;
using System.IO;
using System.Reflection;

namespace KernelStructs.Tests.Samples;

/// <summary>Where a sample the test project builds first (a ProjectReference without its assembly) has its DLL.</summary>
internal static class SampleAssembly
{
    /// <summary><c>samples/NAME/bin/CONFIGURATION/net10.0/NAME.dll</c>, in the tests' configuration.</summary>
    public static string Path(string sample)
    {
        var configuration = typeof(SampleAssembly).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var dll = System.IO.Path.Combine(directory.FullName, "samples", sample, "bin", configuration, "net10.0", sample + ".dll");
            if (File.Exists(dll))
            {
                return dll;
            }
        }

        throw new InvalidOperationException($"samples/{sample} is not built above {AppContext.BaseDirectory}");
    }
}
