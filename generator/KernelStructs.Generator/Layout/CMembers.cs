using System.Collections.Generic;
using KernelStructs.Generator.Model;

namespace KernelStructs.Generator.Layout;

/// <summary>A member C can name in a struct: a field, or a member reached through anonymous members.</summary>
/// <param name="Field">The field that declares it.</param>
/// <param name="Path">The C# fields from the struct to it, anonymous members included (<c>u.s.ss_family</c>).</param>
/// <param name="Offset">Its offset from the start of the struct.</param>
/// <param name="Size">Its size.</param>
internal sealed record CMember(FieldModel Field, string Path, int Offset, int Size);

/// <summary>
/// The members of a struct as C names them: an anonymous struct or union member has no name, and C reaches its
/// members as members of the struct (<c>offsetof(struct __kernel_sockaddr_storage, ss_family)</c>). See
/// <c>docs/layout.md</c> (anonymous members).
/// </summary>
internal static class CMembers
{
    /// <summary>The struct's members on <paramref name="abi"/>, in declaration order, with those of anonymous members in their place.</summary>
    public static IReadOnlyList<CMember> Of(StructShape shape, Abi abi)
    {
        var members = new List<CMember>();
        Add(members, shape, LayoutEngine.Compute(shape, abi), abi, string.Empty, 0);
        return members;
    }

    /// <summary>The struct's members with their paths, as <see cref="Of"/> lists them, without their layout.</summary>
    public static IEnumerable<(FieldModel Field, string Path)> Named(StructShape shape, string prefix = "")
    {
        foreach (var field in shape.Fields)
        {
            if (field.IsAnonymous)
            {
                foreach (var member in Named(field.Type.Struct!, prefix + field.Name + "."))
                {
                    yield return member;
                }
            }
            else
            {
                yield return (field, prefix + field.Name);
            }
        }
    }

    private static void Add(List<CMember> members, StructShape shape, StructLayoutInfo layout, Abi abi, string prefix, int offset)
    {
        for (var i = 0; i < shape.Fields.Count; i++)
        {
            var field = shape.Fields[i];
            var placed = layout.Fields[i];
            if (field.IsAnonymous)
            {
                var nested = field.Type.Struct!;
                Add(members, nested, LayoutEngine.Compute(nested, abi), abi, prefix + field.Name + ".", offset + placed.Offset);
            }
            else
            {
                members.Add(new CMember(field, prefix + field.Name, offset + placed.Offset, placed.Size));
            }
        }
    }
}
