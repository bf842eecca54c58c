namespace KernelStructs.Generator.Model;

/// <summary>
/// A problem found in a declaration: the generator emits nothing for a declaration that has one; the analyzers turn
/// it into a diagnostic at the member it names.
/// </summary>
/// <param name="Id">The diagnostic ID (<c>KS1001</c>, ...).</param>
/// <param name="Member">The C# member the problem is about, or <see langword="null"/> for the declaration itself.</param>
/// <param name="Arguments">The message arguments.</param>
internal sealed record Problem(string Id, string? Member, EquatableArray<string> Arguments)
{
    /// <summary>A problem with its message arguments.</summary>
    public static Problem Create(string id, string? member, params string[] arguments) => new(id, member, arguments.ToEquatableArray());
}
