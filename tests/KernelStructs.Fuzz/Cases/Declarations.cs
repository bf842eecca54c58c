using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace KernelStructs.Fuzz.Cases;

/// <summary>An attribute as written: <c>Name(positional, Named = value)</c>; arguments are C# source text.</summary>
internal sealed class AttributeNode
{
    public AttributeNode(string name, params string[] positional)
    {
        Name = name;
        Positional.AddRange(positional);
    }

    /// <summary>The attribute's name, as mutations look it up (<c>KernelStruct</c>).</summary>
    public string Name { get; set; }

    /// <summary>How the source spells the name when not as <see cref="Name"/> (<c>global::KernelStructs.KernelStruct</c>, an alias).</summary>
    public string? Spelling { get; set; }

    public List<string> Positional { get; } = new();

    public List<KeyValuePair<string, string>> Named { get; } = new();

    /// <summary>Sets (or replaces) a named argument.</summary>
    public AttributeNode Set(string name, string value)
    {
        Named.RemoveAll(n => n.Key == name);
        Named.Add(new(name, value));
        return this;
    }

    public string? Get(string name) => Named.FirstOrDefault(n => n.Key == name).Value;

    public override string ToString()
    {
        var arguments = Positional.Concat(Named.Select(n => $"{n.Key} = {n.Value}")).ToList();
        var name = Spelling ?? Name;
        return arguments.Count == 0 ? name : $"{name}({string.Join(", ", arguments)})";
    }
}

/// <summary>What a member declaration is.</summary>
internal enum MemberKind
{
    /// <summary><c>modifiers Type Name Tail;</c>: an instance or static field, a constant.</summary>
    Field,

    /// <summary><c>modifiers fixed Type Name[N];</c>.</summary>
    FixedBuffer,

    /// <summary>Any other member, written as <see cref="MemberNode.Raw"/>.</summary>
    Raw,
}

/// <summary>A member of a type declaration.</summary>
internal sealed class MemberNode
{
    public MemberKind Kind { get; set; }

    public List<AttributeNode> Attributes { get; } = new();

    public List<string> Modifiers { get; } = new();

    /// <summary>The field's type as source text (the element type of a fixed buffer).</summary>
    public string Type { get; set; } = "int";

    /// <summary>The field's name as source text (possibly <c>@keyword</c> or with unicode escapes).</summary>
    public string Name { get; set; } = "x";

    /// <summary>What follows the name: <c>[8]</c> of a fixed buffer, <c> = 1</c>, <c>, other</c>.</summary>
    public string Tail { get; set; } = string.Empty;

    /// <summary>The whole declaration of a <see cref="MemberKind.Raw"/> member.</summary>
    public string Raw { get; set; } = string.Empty;

    public bool IsInstanceField => Kind is MemberKind.Field or MemberKind.FixedBuffer && !Modifiers.Contains("static") && !Modifiers.Contains("const");

    public AttributeNode? Attribute(string name) => Attributes.FirstOrDefault(a => a.Name == name);

    public void Write(StringBuilder text, string indent)
    {
        foreach (var attribute in Attributes)
        {
            text.Append(indent).Append('[').Append(attribute).Append("]\n");
        }

        text.Append(indent);
        switch (Kind)
        {
            case MemberKind.Raw:
                text.Append(Raw);
                break;
            case MemberKind.FixedBuffer:
                text.Append(string.Join(" ", Modifiers.Append("fixed").Append(Type))).Append(' ').Append(Name).Append(Tail).Append(';');
                break;
            default:
                text.Append(string.Join(" ", Modifiers.Append(Type))).Append(' ').Append(Name).Append(Tail).Append(';');
                break;
        }

        text.Append('\n');
    }
}

/// <summary>A type declaration with its members and nested types.</summary>
internal sealed class TypeNode
{
    public TypeNode(string keyword, string name)
    {
        Keyword = keyword;
        Name = name;
    }

    public List<AttributeNode> Attributes { get; } = new();

    public List<string> Modifiers { get; } = new() { "public", "partial" };

    /// <summary><c>struct</c>, <c>class</c>, <c>record struct</c>, <c>enum</c>, <c>interface</c>, ...</summary>
    public string Keyword { get; set; }

    public string Name { get; set; }

    /// <summary>Type parameters, <c>&lt;T&gt;</c>, or empty.</summary>
    public string TypeParameters { get; set; } = string.Empty;

    /// <summary>A primary constructor's parameter list, <c>(int a)</c>, or empty.</summary>
    public string PrimaryConstructor { get; set; } = string.Empty;

    /// <summary><c> : ushort</c> of an enum, or a base list; empty for none.</summary>
    public string BaseList { get; set; } = string.Empty;

    /// <summary>The body of an enum (<c>A, B</c>) or a delegate's signature: written as is.</summary>
    public string? RawBody { get; set; }

    public List<MemberNode> Members { get; } = new();

    public List<TypeNode> Nested { get; } = new();

    public bool IsKernelStruct => Attribute("KernelStruct") is not null;

    public bool IsUnion => Attribute("KernelStruct") is { } k && k.Positional.FirstOrDefault() is { } c && c.StartsWith("\"union", System.StringComparison.Ordinal);

    public AttributeNode? Attribute(string name) => Attributes.FirstOrDefault(a => a.Name == name);

    public IEnumerable<MemberNode> InstanceFields => Members.Where(m => m.IsInstanceField);

    public IEnumerable<TypeNode> SelfAndDescendants => Nested.SelectMany(n => n.SelfAndDescendants).Prepend(this);

    public void Write(StringBuilder text, string indent)
    {
        foreach (var attribute in Attributes)
        {
            text.Append(indent).Append('[').Append(attribute).Append("]\n");
        }

        var head = string.Join(" ", Modifiers.Append(Keyword).Append(Name + TypeParameters + PrimaryConstructor + BaseList));
        if (Keyword == "delegate")
        {
            text.Append(indent).Append(string.Join(" ", Modifiers)).Append(" delegate ").Append(RawBody).Append('\n');
            return;
        }

        text.Append(indent).Append(head).Append('\n').Append(indent).Append("{\n");
        if (RawBody is not null)
        {
            text.Append(indent).Append("    ").Append(RawBody).Append('\n');
        }

        foreach (var member in Members)
        {
            member.Write(text, indent + "    ");
        }

        foreach (var nested in Nested)
        {
            nested.Write(text, indent + "    ");
        }

        text.Append(indent).Append("}\n");
    }
}

/// <summary>A source file of a case: usings, an optional namespace, and its types.</summary>
internal sealed class FileNode
{
    public FileNode(string path) => Path = path;

    public string Path { get; }

    public List<string> Usings { get; } = new()
    {
        "using KernelStructs;",
        "using System.Runtime.CompilerServices;",
        "using System.Runtime.InteropServices;",
    };

    /// <summary>Top-level statements and other text that must come before any declaration.</summary>
    public List<string> Before { get; } = new();

    /// <summary>The namespace as source text (<c>A.@class</c>), or <see langword="null"/> for the global one.</summary>
    public string? Namespace { get; set; }

    public bool FileScopedNamespace { get; set; } = true;

    public List<TypeNode> Types { get; } = new();

    /// <summary>Declarations written after the types, outside the namespace.</summary>
    public List<string> After { get; } = new();

    public IEnumerable<TypeNode> AllTypes => Types.SelectMany(t => t.SelfAndDescendants);

    public string Render()
    {
        var text = new StringBuilder();
        foreach (var line in Usings)
        {
            text.Append(line).Append('\n');
        }

        text.Append('\n');
        foreach (var line in Before)
        {
            text.Append(line).Append('\n');
        }

        var indent = string.Empty;
        if (Namespace is not null)
        {
            if (FileScopedNamespace)
            {
                text.Append("namespace ").Append(Namespace).Append(";\n\n");
            }
            else
            {
                text.Append("namespace ").Append(Namespace).Append("\n{\n");
                indent = "    ";
            }
        }

        foreach (var type in Types)
        {
            type.Write(text, indent);
            text.Append('\n');
        }

        if (Namespace is not null && !FileScopedNamespace)
        {
            text.Append("}\n");
        }

        foreach (var line in After)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Replaces a type name everywhere a member of this file names it.</summary>
    public void RenameTypeReferences(string from, string to)
    {
        var pattern = new Regex("(?<![\\w@\\\\])" + Regex.Escape(from) + "(?![\\w])");
        foreach (var type in AllTypes)
        {
            foreach (var member in type.Members)
            {
                member.Type = pattern.Replace(member.Type, to.Replace("$", "$$"));
                member.Raw = pattern.Replace(member.Raw, to.Replace("$", "$$"));
                foreach (var attribute in member.Attributes)
                {
                    for (var i = 0; i < attribute.Positional.Count; i++)
                    {
                        attribute.Positional[i] = pattern.Replace(attribute.Positional[i], to.Replace("$", "$$"));
                    }
                }
            }

            foreach (var attribute in type.Attributes)
            {
                for (var i = 0; i < attribute.Positional.Count; i++)
                {
                    attribute.Positional[i] = pattern.Replace(attribute.Positional[i], to.Replace("$", "$$"));
                }
            }
        }
    }
}
