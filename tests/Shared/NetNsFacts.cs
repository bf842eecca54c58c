using System;
using Xunit;

namespace KernelStructs.Tests;

/// <summary>
/// A <see cref="FactAttribute"/> for tests that run in a private <see cref="NetNs"/>: skipped, with the reason,
/// when not root or when a tool it names is missing.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class NetNsFactAttribute : FactAttribute
{
    /// <param name="tools">Programs the test runs besides <c>ip</c> (e.g. <c>iptables-legacy</c>).</param>
    public NetNsFactAttribute(params string[] tools)
    {
        if (NetNs.WhyUnavailable(tools) is string reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A <see cref="FactAttribute"/> for tests that need root (skipped with the reason otherwise).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresRootFactAttribute : FactAttribute
{
    /// <summary>Skips the test unless the effective user is root.</summary>
    public RequiresRootFactAttribute()
    {
        if (!NetNs.IsRoot)
        {
            Skip = "needs root (or CAP_NET_ADMIN); run the tests as root";
        }
    }
}
