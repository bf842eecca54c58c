using System;

namespace KernelStructs;

/// <summary>
/// Marks a <c>fixed byte</c> buffer or byte <c>[InlineArray]</c> field as a C string member
/// (<c>char name[N]</c>): the generator emits accessors that read up to the first NUL and that
/// reject a value that does not fit with its terminating NUL, never truncating it.
/// </summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class CStringAttribute : Attribute
{
}
