using System;
using System.IO;

namespace KernelStructs.Generator.Tests.Infrastructure;

/// <summary>The repository the tests run from: the directory above the test assembly that holds KernelStructs.sln.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> LazyPath = new(Find);

    /// <summary>The repository's root directory, found from the test assembly's location, never from the current directory.</summary>
    public static string Path => LazyPath.Value;

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "KernelStructs.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("KernelStructs.sln not found above " + AppContext.BaseDirectory);
    }
}
