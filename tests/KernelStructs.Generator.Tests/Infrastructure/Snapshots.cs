using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit.Sdk;

namespace KernelStructs.Generator.Tests.Infrastructure;

/// <summary>
/// Expected outputs checked into the repository. A mismatch fails with the whole difference;
/// <c>KS_ACCEPT_SNAPSHOTS=1 dotnet test</c> rewrites the expected files with the new output instead.
/// </summary>
public static class Snapshots
{
    public const string AcceptVariable = "KS_ACCEPT_SNAPSHOTS";

    public static string Directory([CallerFilePath] string thisFile = "")
        => Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(thisFile)!)!, "Snapshots");

    public static void Match(string expectedPath, string actual)
    {
        actual = actual.Replace("\r\n", "\n");
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(expectedPath)!);
            File.WriteAllText(expectedPath, actual, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return;
        }

        if (!File.Exists(expectedPath))
        {
            throw new XunitException($"No expected output at {expectedPath}. Run the tests with {AcceptVariable}=1 to write it, then review and commit it.\n\nActual output:\n{actual}");
        }

        var expected = File.ReadAllText(expectedPath).Replace("\r\n", "\n");
        if (expected == actual)
        {
            return;
        }

        var diff = InlineDiffBuilder.Diff(expected, actual);
        var text = new StringBuilder($"Generated output differs from {expectedPath} (- expected, + actual). Run with {AcceptVariable}=1 to accept it.\n");
        foreach (var line in diff.Lines)
        {
            text.Append(line.Type switch
            {
                ChangeType.Inserted => "+ ",
                ChangeType.Deleted => "- ",
                _ => "  ",
            }).Append(line.Text).Append('\n');
        }

        throw new XunitException(text.ToString());
    }
}
