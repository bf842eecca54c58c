using System;
using System.IO;
using System.Linq;
using System.Reflection;
using KernelStructs.Verification;

namespace KernelStructs.Testing;

/// <summary>
/// Some uapi headers give user space another view of a member than the kernel has: what they declare under
/// <c>#ifndef __KERNEL__</c> (which <c>headers_install</c> keeps), e.g. <c>xt_connlimit_info</c>'s <c>v4_mask</c> or
/// <c>xt_policy_elem</c>'s <c>union xt_policy_addr saddr</c>, where the kernel has <c>union nf_inet_addr</c>. A mirror of
/// the user-space view then names members the kernel's BTF does not have. This asks gcc whether the installed header
/// declares a member, so that a test accepts such a member only when the header really has it.
/// </summary>
public static class UapiView
{
    /// <summary>Whether gcc finds <paramref name="designator"/> in <paramref name="cType"/> as the mirror's installed header declares it.</summary>
    /// <param name="catalog">The assembly of the mirror.</param>
    /// <param name="cType">The C type (<c>struct xt_connlimit_info</c>).</param>
    /// <param name="designator">The member, <c>.</c>-separated (<c>saddr.a4</c>).</param>
    public static bool DeclaresMember(Assembly catalog, string cType, string designator)
    {
        var mirror = catalog.GetTypes()
            .Select(t => t.GetCustomAttribute<KernelStructAttribute>())
            .FirstOrDefault(a => a is not null && a.CName == cType && a.Header is not null);
        if (mirror is null || mirror.Internal)
        {
            return false;
        }

        var file = Path.Combine(Path.GetTempPath(), $"ks-uapi-view-{Environment.ProcessId}-{Guid.NewGuid():N}.c");
        try
        {
            var includes = string.Concat((mirror.Includes ?? Array.Empty<string>()).Select(i => $"#include <{i}>\n"));
            File.WriteAllText(file, $"#include <stddef.h>\n{includes}#include <{mirror.Header}>\nstatic const size_t probe = offsetof({cType}, {designator});\n");
            var arguments = new[] { "-fsyntax-only", "-std=gnu11" }.Concat((mirror.Defines ?? Array.Empty<string>()).Select(d => "-D" + d)).Append(file);
            return ToolProcess.Run("gcc", arguments).ExitCode == 0;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
