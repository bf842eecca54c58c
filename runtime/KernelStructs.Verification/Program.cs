using System;
using System.IO;
using System.Linq;

namespace KernelStructs.Verification;

/// <summary>
/// The command the package's build step runs after compiling (<c>KernelStructsVerifyHeaders</c>):
/// <c>dotnet exec KernelStructs.Verification.dll verify &lt;assembly&gt; [--abis "x86_64;arm"] [--cflags "-I dir"] [--probe-dir dir]</c>.
/// It prints each finding in MSBuild's canonical format, so the build reports KS12xx errors at the C# field.
/// </summary>
internal static class Program
{
    private const string Usage = "usage: KernelStructs.Verification verify <assembly> [--abis \"x86_64;aarch64;arm;s390x\"] [--cflags \"<compiler arguments>\"] [--probe-dir <directory>] [--kernel-build <kernel build tree>]\n       KernelStructs.Verification layout <assembly> [type name filter]";

    /// <summary>Prints the layout pictures of the kernel structs in an assembly (those whose C# or C name contains <paramref name="filter"/>).</summary>
    private static int Layout(string assembly, string? filter)
    {
        var manifests = StructManifest.ReadFrom(assembly);
        if (manifests.Count == 0)
        {
            Console.Out.WriteLine($"KernelStructs.Verification : error KS1205: {Path.GetFileName(assembly)} carries no KernelStructs layout manifest: build it with -p:KernelStructsLayoutManifest=true");
            return 1;
        }

        var shown = manifests
            .Where(m => string.IsNullOrEmpty(filter) || m.Type.Contains(filter, StringComparison.OrdinalIgnoreCase) || m.CType.Contains(filter, StringComparison.OrdinalIgnoreCase))
            .OrderBy(m => m.Type, StringComparer.Ordinal)
            .ToList();
        foreach (var manifest in shown)
        {
            Console.Out.WriteLine($"// {manifest.Type}{(manifest.Header is null ? "" : $" <{manifest.Header}>")}");
            foreach (var picture in manifest.Pictures)
            {
                Console.Out.WriteLine($"// {string.Join(", ", picture.Abis)}:");
                foreach (var line in picture.Lines)
                {
                    Console.Out.WriteLine(line);
                }
            }

            Console.Out.WriteLine();
        }

        if (shown.Count == 0)
        {
            Console.Out.WriteLine($"KernelStructs.Verification : warning KS1205: no kernel struct matches '{filter}'");
        }

        return 0;
    }

    private static int Main(string[] args)
    {
        if (args.Length >= 2 && args[0] == "layout")
        {
            return Layout(args[1], args.Length > 2 ? args[2] : null);
        }

        if (args.Length < 2 || args[0] != "verify")
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var options = new HeaderVerifierOptions();
        for (var i = 2; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--abis" when value is not null:
                    foreach (var abi in value.Split(new[] { ';', ',', ' ' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        options.Abis.Add(abi);
                    }

                    i++;
                    break;
                case "--cflags" when value is not null:
                    foreach (var argument in value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                    {
                        options.CompilerArguments.Add(argument);
                    }

                    i++;
                    break;
                case "--probe-dir" when value is not null:
                    options.ProbeDirectory = value;
                    i++;
                    break;
                case "--kernel-build" when value is not null:
                    if (value.Length > 0)
                    {
                        options.KernelBuildDirectory = value;
                    }

                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"KernelStructs.Verification : error KS1205: unknown argument '{args[i]}'. {Usage}");
                    return 2;
            }
        }

        HeaderVerificationReport report;
        try
        {
            report = HeaderVerifier.VerifyFile(args[1], options);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or BadImageFormatException or System.IO.IOException)
        {
            Console.Out.WriteLine($"KernelStructs.Verification : error KS1205: {e.Message}");
            return 1;
        }

        foreach (var finding in report.Findings)
        {
            Console.Out.WriteLine(finding.ToCanonicalString());
        }

        Console.Out.WriteLine(report.ToString().Split('\n')[0]);
        return report.Succeeded ? 0 : 1;
    }
}
