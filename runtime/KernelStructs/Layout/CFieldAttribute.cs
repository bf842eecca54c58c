using System;

namespace KernelStructs;

/// <summary>
/// Describes the C member a field of a <see cref="KernelStructAttribute"/> struct mirrors,
/// where that differs from the defaults (C name = C# name, natural alignment, no expectation).
/// </summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class CFieldAttribute : Attribute
{
    /// <summary>The field mirrors the C member of the same name.</summary>
    public CFieldAttribute() { }

    /// <param name="name">The C member's name, when the C# name cannot be the same (e.g. a C# keyword).</param>
    public CFieldAttribute(string name) => Name = name;

    /// <summary>The C member's name; <see langword="null"/> when it is the C# field's name.</summary>
    public string? Name { get; }

    /// <summary>
    /// The offset the member is expected to have on every supported ABI (-1: no expectation).
    /// A computed offset that differs is a compile error (KS1102).
    /// </summary>
    public int ExpectedOffset { get; set; } = -1;

    /// <summary><c>__attribute__((aligned(n)))</c> on the member (a power of two; 0: natural alignment).</summary>
    public int Alignment { get; set; }
}
