using System.Collections.Generic;
using System.Linq;
using KernelStructs.Generator.Layout;
using KernelStructs.Generator.Model;

namespace KernelStructs.Generator.Emit;

/// <summary>A member the generator writes into a kernel struct.</summary>
/// <param name="Name">Its C# name.</param>
/// <param name="Description">What it is, for messages (<c>the generated constant SizeOf</c>).</param>
/// <param name="Replaceable">Whether a method the user declares with this name replaces it (the generator then writes none).</param>
/// <param name="Field">The C# field it comes from, or <see langword="null"/> for a member of the struct as a whole.</param>
internal sealed record GeneratedMember(string Name, string Description, bool Replaceable, string? Field);

/// <summary>A reference the generator adds to a member of an anonymous member.</summary>
/// <param name="Field">The member's field, in the anonymous member's type.</param>
/// <param name="Path">The C# fields from the struct to it (<c>u.s.ss_family</c>).</param>
/// <param name="Access">The least accessibility of the fields on the path: the reference's own.</param>
/// <param name="ThroughReadOnly">Whether a field on the path is <c>readonly</c>, so that C# gives no writable reference.</param>
internal sealed record AnonymousMemberReference(FieldModel Field, string Path, FieldAccess Access, bool ThroughReadOnly);

/// <summary>
/// The names of everything <see cref="StructEmitter"/> writes: the emitter takes its names from here, and the parser checks
/// them against each other and against the user's members, so that generated code never declares a name twice.
/// </summary>
internal static class GeneratedMembers
{
    /// <summary>Members every struct inherits from <see cref="object"/> and <see cref="System.ValueType"/>; a generated member would hide them.</summary>
    public static readonly string[] Inherited = ["Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "ReferenceEquals", "Finalize"];

    public const string OffsetsClass = "Offsets";

    public static string CStringGetter(FieldModel field) => "Get" + Pascal(field.CName);

    public static string CStringSetter(FieldModel field) => "Set" + Pascal(field.CName);

    public static string FlexibleGetter(FlexibleArrayModel flexible) => "Get" + Pascal(flexible.CName);

    public static string FlexibleReadOnlyGetter(FlexibleArrayModel flexible) => "GetReadOnly" + Pascal(flexible.CName);

    /// <summary>A C name as the tail of a method name: <c>__ifr_name</c> → <c>Ifr_name</c>.</summary>
    public static string Pascal(string name)
    {
        var trimmed = name.TrimStart('_');
        return trimmed.Length == 0 ? name : char.ToUpperInvariant(trimmed[0]) + trimmed.Substring(1);
    }

    /// <summary>The members written into the struct itself.</summary>
    public static IReadOnlyList<GeneratedMember> Of(StructShape shape, bool isReadOnly)
    {
        var members = new List<GeneratedMember>
        {
            new("SizeOf", "the generated constant SizeOf", false, null),
            new("AlignOf", "the generated constant AlignOf", false, null),
            new(OffsetsClass, "the generated class Offsets", false, null),
            new("FromSpan", "the generated method FromSpan", true, null),
            new("FromReadOnlySpan", "the generated method FromReadOnlySpan", true, null),
            new("Read", "the generated method Read", true, null),
            new("WriteTo", "the generated method WriteTo", true, null),
        };
        if (!isReadOnly)
        {
            members.Add(new("AsBytes", "the generated method AsBytes", true, null));
        }

        members.Add(new("AsReadOnlyBytes", "the generated method AsReadOnlyBytes", true, null));
        foreach (var reference in AnonymousMemberReferences(shape))
        {
            members.Add(new(reference.Field.Name, $"the generated reference to '{reference.Path}' (a member of an anonymous member)", false, reference.Path.Substring(0, reference.Path.IndexOf('.'))));
        }

        if (shape.Flexible is { } flexible)
        {
            members.Add(new("SizeFor", "the generated method SizeFor", true, null));
            members.Add(new(FlexibleGetter(flexible), $"the generated accessor of the flexible array member '{flexible.CName}'", true, null));
            members.Add(new(FlexibleReadOnlyGetter(flexible), $"the generated read-only accessor of the flexible array member '{flexible.CName}'", true, null));
        }

        foreach (var field in shape.Fields)
        {
            if (field.IsCString)
            {
                members.Add(new(CStringGetter(field), $"the generated C-string getter of '{field.Name}'", true, field.Name));
                if (!isReadOnly)
                {
                    members.Add(new(CStringSetter(field), $"the generated C-string setter of '{field.Name}'", true, field.Name));
                }
            }

            foreach (var bitField in field.BitFields)
            {
                members.Add(new(bitField.Name, $"the generated property of bitfield '{bitField.Name}' (in '{field.Name}')", false, field.Name));
            }
        }

        members.Add(new("ToString", "the generated ToString()", true, null));
        return members;
    }

    /// <summary>
    /// The references the generator adds for the members of anonymous members (<c>storage.ss_family</c> for
    /// <c>storage.u.s.ss_family</c>), in C order. Fixed buffers and bitfield units have none (they are reached through the
    /// nested type), and neither has a member the struct cannot reach: a private field of a nested type, or an internal one
    /// of a type from another assembly. A reference is as accessible as the least accessible field on its path.
    /// </summary>
    public static IEnumerable<AnonymousMemberReference> AnonymousMemberReferences(StructShape shape)
    {
        if (!shape.Fields.Any(f => f.IsAnonymous))
        {
            yield break;
        }

        foreach (var (field, path) in CMembers.Named(shape).Where(m => m.Path.Contains('.')))
        {
            if (field.IsBitFieldUnit || field.Storage == FieldStorage.FixedBuffer)
            {
                continue;
            }

            var access = FieldAccess.Public;
            var readOnly = false;
            var reachable = true;
            var owner = shape;
            var nested = false;
            foreach (var name in path.Split('.'))
            {
                var step = owner.Fields.First(f => f.Name == name);
                reachable &= !nested || step.Access == FieldAccess.Public || (step.Access == FieldAccess.Internal && !owner.Clr.FromMetadata);
                nested = true;
                access = step.Access > access ? step.Access : access;
                readOnly |= step.IsReadOnly;
                owner = step.Type.Struct ?? owner;
            }

            if (reachable)
            {
                yield return new AnonymousMemberReference(field, path, access, readOnly);
            }
        }
    }

    /// <summary>The constants of the <c>Offsets</c> class: each C member (those of anonymous members included), then the flexible array member.</summary>
    /// <remarks>Each entry comes with the C# field it belongs to (<see langword="null"/> for the flexible array member).</remarks>
    public static IReadOnlyList<(string Name, string? Field)> OffsetEntries(StructShape shape)
    {
        var entries = CMembers.Named(shape).Select(m => (m.Field.CName, (string?)m.Path.Split('.')[0])).ToList();
        if (shape.Flexible is { } flexible)
        {
            entries.Add((flexible.CName, null));
        }

        return entries;
    }
}
