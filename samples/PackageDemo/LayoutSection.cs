using System;
using System.Linq;
using KernelStructs.Verification;

namespace Demo;

/// <summary>
/// The layout manifest the generator compiled into this assembly (KernelStructsLayoutManifest), read with the header
/// verifier's API (KernelStructsHeaderVerifier: the opt-in reference to the package's KernelStructs.Verification).
/// </summary>
internal static class LayoutSection
{
    public static void Show()
    {
        var manifest = StructManifest.ReadFrom(typeof(SockAddr).Assembly).Single(m => m.Type == typeof(SockAddr).FullName);
        foreach (var picture in manifest.Pictures)
        {
            Console.WriteLine($"   // {manifest.Type} <{manifest.Header}>, on {string.Join(", ", picture.Abis)}:");
            foreach (var line in picture.Lines)
            {
                Console.WriteLine("   " + line.Replace("\t", "    ", StringComparison.Ordinal));
            }
        }

        // The same numbers against the real header, compiled by this machine's C compiler (nothing is executed).
        var options = new HeaderVerifierOptions();
        options.Abis.Add(CCompilerTarget.All.First(t => t.IsHost).Abi);
        var report = HeaderVerifier.Verify(new[] { typeof(SockAddr) }, options);
        Console.WriteLine(report.Succeeded
            ? $"   checked against <{manifest.Header}> by this machine's C compiler ({string.Join(", ", report.VerifiedAbis)}): {report.Checks} static assertions, 0 errors"
            : $"   header verification: {report}");
    }
}
