using System;
using Xunit;

namespace KernelStructs.Tests.SocketOptions;

/// <summary>A fact that needs gcc (skipped with the reason otherwise).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class GccFactAttribute : FactAttribute
{
    /// <summary>Skips the test when gcc is missing.</summary>
    public GccFactAttribute()
    {
        if (CCompiler.WhyUnavailable() is string reason)
        {
            Skip = reason;
        }
    }
}
