using System;
using System.Collections.Generic;
using System.Linq;

namespace KernelStructs.Fuzz.Cases;

/// <summary>
/// Builds one case: a valid program of <c>[KernelStruct]</c> declarations (the seed), which mutations then edit.
/// Everything is drawn from one <see cref="System.Random"/>, so a case is a function of its seed and index.
/// </summary>
internal sealed class CaseBuilder
{
    private int _counter;

    public CaseBuilder(Random random)
    {
        Random = random;
        Main = new FileNode("Fuzz0.cs");
        Second = new FileNode("Fuzz1.cs");
        Main.Namespace = Chance(0.75) ? Fresh("Fuzz") : null;
        Main.FileScopedNamespace = Chance(0.7);
        Scope = Main.Types;
        if (Chance(0.3))
        {
            var outer = new TypeNode("class", Fresh("Outer"));
            outer.Modifiers.Insert(1, "static");
            Main.Types.Add(outer);
            Scope = outer.Nested;
        }

        var count = 1 + Random.Next(3);
        for (var i = 0; i < count; i++)
        {
            KernelStruct();
        }

        if (Chance(0.5))
        {
            NewSockOptType();
        }
    }

    public Random Random { get; }

    public FileNode Main { get; }

    /// <summary>A second file, written only when a mutation puts something in it.</summary>
    public FileNode Second { get; }

    /// <summary>Where the seed's types are declared (the namespace's types or an outer class's nested types).</summary>
    public List<TypeNode> Scope { get; }

    public bool LayoutManifest { get; set; }

    public bool AllowUnsafe { get; set; } = true;

    public bool Executable { get; set; }

    /// <summary>The C# version, as a <c>LanguageVersion</c> name.</summary>
    public string LanguageVersion { get; set; } = "Latest";

    /// <summary>The types that declare socket-option commands and wrappers.</summary>
    public List<SockOptTypeNode> SockOpts { get; } = new();

    /// <summary>The <c>[KernelStruct]</c> types of the main file, nested ones included.</summary>
    public List<TypeNode> KernelStructs => Main.AllTypes.Where(t => t.IsKernelStruct).ToList();

    public string Fresh(string prefix) => prefix + (++_counter).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public bool Chance(double probability) => Random.NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

    public int Between(int min, int max) => Random.Next(min, max + 1);

    /// <summary>A kernel struct to mutate.</summary>
    public TypeNode Target() => KernelStructs is { Count: > 0 } all ? Pick(all) : KernelStruct();

    /// <summary>An instance field of <paramref name="type"/>, or <see langword="null"/>.</summary>
    public MemberNode? FieldOf(TypeNode type) => type.InstanceFields.ToList() is { Count: > 0 } fields ? Pick(fields) : null;

    /// <summary>The type list a type is declared in (to add siblings next to it).</summary>
    public List<TypeNode> ContainerOf(TypeNode type)
    {
        foreach (var file in new[] { Main, Second })
        {
            if (file.Types.Contains(type))
            {
                return file.Types;
            }

            foreach (var candidate in file.AllTypes)
            {
                if (candidate.Nested.Contains(type))
                {
                    return candidate.Nested;
                }
            }
        }

        return Scope;
    }

    /// <summary>A new valid kernel struct in <see cref="Scope"/>, with valid fields of every kind.</summary>
    public TypeNode KernelStruct(List<TypeNode>? into = null)
    {
        into ??= Scope;
        var name = Fresh("S");
        var union = Chance(0.15);
        var type = new TypeNode("struct", name);
        var kernelStruct = new AttributeNode("KernelStruct", $"\"{(union ? "union" : "struct")} {name.ToLowerInvariant()}\"");
        type.Attributes.Add(kernelStruct);
        if (union)
        {
            type.Attributes.Add(new AttributeNode("StructLayout", "LayoutKind.Explicit"));
        }

        if (Chance(0.3))
        {
            kernelStruct.Set("Header", "\"linux/fuzz.h\"");
        }

        if (!union && Chance(0.08))
        {
            kernelStruct.Set("Packed", "true");
        }
        else if (!union && Chance(0.08))
        {
            kernelStruct.Set("Pack", Pick(new[] { "1", "2", "4" }));
        }

        var fields = Between(1, 6);
        for (var i = 0; i < fields; i++)
        {
            ValidField(type, into);
        }

        if (Chance(0.12))
        {
            AnonymousMember(type);
        }

        if (!union && Chance(0.15))
        {
            var element = Pick(new[] { "byte", "int", "ushort", "Be32", "ulong" });
            type.Attributes.Add(new AttributeNode("FlexibleArray", $"typeof({element})", $"\"{Fresh("tail")}\""));
        }

        into.Add(type);
        return type;
    }

    /// <summary>Adds a field C can declare, of a kind drawn at random, declaring the helper types it needs next to <paramref name="type"/>.</summary>
    public MemberNode ValidField(TypeNode type, List<TypeNode> scope)
    {
        var field = new MemberNode { Kind = MemberKind.Field, Name = Fresh("f") };
        field.Modifiers.Add("public");
        var roll = Random.Next(100);
        if (roll < 40)
        {
            field.Type = Pick(Pools.Scalars).Type;
        }
        else if (roll < 47)
        {
            field.Type = Pick(new[] { "int*", "void*", "byte**", type.Name + "*", "delegate*<void>" });
            Unsafe(type);
        }
        else if (roll < 54)
        {
            var e = new TypeNode("enum", Fresh("E")) { BaseList = " : " + Pick(Pools.EnumBases), RawBody = "A, B = 2," };
            e.Modifiers.Remove("partial");
            scope.Add(e);
            field.Type = e.Name;
        }
        else if (roll < 62)
        {
            var earlier = scope.Where(t => t.IsKernelStruct && t != type && !t.Members.Any(m => m.Type == type.Name)).ToList();
            if (earlier.Count > 0 && Chance(0.6))
            {
                field.Type = Pick(earlier).Name;
            }
            else
            {
                var plain = new TypeNode("struct", Fresh("P"));
                plain.Modifiers.Remove("partial");
                plain.Members.Add(new MemberNode { Kind = MemberKind.Field, Type = Pick(Pools.Scalars).Type, Name = Fresh("p"), Modifiers = { "public" } });
                plain.Members.Add(new MemberNode { Kind = MemberKind.Field, Type = "byte", Name = Fresh("p"), Modifiers = { "public" } });
                scope.Add(plain);
                field.Type = plain.Name;
            }
        }
        else if (roll < 72)
        {
            field.Kind = MemberKind.FixedBuffer;
            field.Type = Pick(new[] { "byte", "byte", "sbyte", "ushort", "int", "ulong" });
            field.Tail = $"[{Between(1, 40)}]";
            if (field.Type == "byte" && Chance(0.4))
            {
                field.Attributes.Add(new AttributeNode("CString"));
            }

            Unsafe(type);
        }
        else if (roll < 82)
        {
            var element = Chance(0.5) ? "byte" : Pick(Pools.Scalars).Type;
            var array = new TypeNode("struct", Fresh("Array"));
            array.Modifiers.Remove("partial");
            array.Attributes.Add(new AttributeNode("InlineArray", Between(1, 24).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            array.Members.Add(new MemberNode { Kind = MemberKind.Field, Type = element, Name = "_element0", Modifiers = { "private" } });
            scope.Add(array);
            field.Type = array.Name;
            if (element == "byte" && Chance(0.4))
            {
                field.Attributes.Add(new AttributeNode("CString"));
            }
        }
        else
        {
            var (unit, bits) = Pick(Pools.BitFieldUnits);
            field.Type = unit;
            var used = 0;
            var count = Between(1, 3);
            for (var i = 0; i < count && used < bits; i++)
            {
                var width = Between(1, Math.Min(bits - used, 12));
                used += width;
                field.Attributes.Add(new AttributeNode("BitField", $"\"{Fresh("bf")}\"", width.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        if (type.IsUnion)
        {
            field.Attributes.Add(new AttributeNode("FieldOffset", "0"));
        }

        type.Members.Add(field);
        return field;
    }

    /// <summary>Adds an anonymous struct or union member: a nested <c>[KernelStruct("union")]</c> type and a field of it.</summary>
    public TypeNode AnonymousMember(TypeNode type)
    {
        var union = Chance(0.6);
        var nested = new TypeNode("struct", Fresh("Anon"));
        nested.Attributes.Add(new AttributeNode("KernelStruct", union ? "\"union\"" : "\"struct\""));
        if (union)
        {
            nested.Attributes.Add(new AttributeNode("StructLayout", "LayoutKind.Explicit"));
        }

        var count = Between(1, 3);
        for (var i = 0; i < count; i++)
        {
            ValidField(nested, type.Nested);
        }

        type.Nested.Add(nested);
        var field = new MemberNode { Kind = MemberKind.Field, Type = nested.Name, Name = Fresh("anon"), Modifiers = { "public" } };
        field.Attributes.Add(new AttributeNode("CField").Set("Anonymous", "true"));
        if (type.IsUnion)
        {
            field.Attributes.Add(new AttributeNode("FieldOffset", "0"));
        }

        type.Members.Add(field);
        if (nested.Modifiers.Contains("unsafe"))
        {
            Unsafe(type);
        }

        return nested;
    }

    public static void Unsafe(TypeNode type)
    {
        if (!type.Modifiers.Contains("unsafe"))
        {
            type.Modifiers.Insert(type.Modifiers.IndexOf("partial") is var i and >= 0 ? i : type.Modifiers.Count, "unsafe");
        }
    }

    /// <summary>A type of socket options to mutate (made if there is none).</summary>
    public SockOptTypeNode SockOptTarget() => SockOpts.Count > 0 ? Pick(SockOpts) : NewSockOptType();

    /// <summary>A new valid type of socket options next to the seed's structs: commands of every payload kind, each with wrappers.</summary>
    public SockOptTypeNode NewSockOptType()
    {
        var owner = new TypeNode("class", Fresh("Options"));
        owner.Modifiers.Insert(1, "static");
        Scope.Add(owner);
        var node = new SockOptTypeNode(owner);
        SockOpts.Add(node);
        foreach (var line in new[] { "using System;", "using System.Net.Sockets;" })
        {
            if (!Main.Usings.Contains(line))
            {
                Main.Usings.Add(line);
            }
        }

        var count = Between(1, 3);
        for (var i = 0; i < count; i++)
        {
            Command(node);
        }

        return node;
    }

    /// <summary>A valid command in <paramref name="node"/>, with a valid wrapper for each of its directions.</summary>
    public CommandNode Command(SockOptTypeNode node)
    {
        var command = new CommandNode
        {
            Name = "SO_" + Fresh("FUZZ"),
            Value = Between(1, 90).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Level = Pick(new[] { "SocketLevel.IP", "SocketLevel.Socket", "SocketLevel.Tcp", "SocketLevel.Udp", "SocketLevel.IPv6", "SocketLevel.Raw" }),
        };
        var structs = Scope.Where(t => t.IsKernelStruct && t.Name != null).ToList();
        var roll = Random.Next(100);
        string[] gets, sets;
        if (roll < 45 && structs.Count > 0)
        {
            command.PayloadStruct = Pick(structs);
            var rule = Pick(new[] { "Exact", "Exact", "AtLeast", "Truncating", "HeaderPlusEntries" });
            if (rule != "Exact")
            {
                command.Set("Length", "LengthRule." + rule);
            }

            if (rule == "HeaderPlusEntries" && Chance(0.5))
            {
                command.Set("Entry", $"typeof({Pick(new[] { "byte", "uint", "Be32" })})");
            }

            gets = rule switch
            {
                "Truncating" => new[] { "get.valueLength", "get.tryOutLength" },
                "HeaderPlusEntries" => new[] { "get.span", "get.trySpan" },
                _ => new[] { "get.value", "get.ref", "get.tryOut", "get.tryRef" },
            };
            sets = rule == "HeaderPlusEntries" ? new[] { "set.bytes", "set.tryBytes" } : new[] { "set.in", "set.value", "set.tryIn", "set.tryValue" };
        }
        else if (roll < 75)
        {
            command.PayloadText = Pick(new[] { "uint", "int", "ulong", "ushort", "Be16", "Be32", "long" });
            if (Chance(0.2))
            {
                command.Set("Count", Between(2, 4).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            gets = new[] { "get.value", "get.ref", "get.tryOut", "get.tryRef" };
            sets = new[] { "set.in", "set.value", "set.tryIn", "set.tryValue" };
        }
        else if (roll < 88)
        {
            command.PayloadText = "byte";
            command.Set("Length", "LengthRule." + Pick(new[] { "AtLeast", "Truncating", "HeaderPlusEntries" }));
            gets = new[] { "get.span", "get.trySpan" };
            sets = new[] { "set.bytes", "set.tryBytes" };
        }
        else
        {
            command.PayloadText = "void";
            command.Direction = "SockOptDirection.Set";
            gets = System.Array.Empty<string>();
            sets = new[] { "set.none", "set.tryNone" };
        }

        if (command.PayloadText != "void")
        {
            command.Direction = "SockOptDirection." + Pick(new[] { "Get", "Get", "Set", "Both" });
        }

        if (Chance(0.15))
        {
            command.Set("CName", $"\"{command.Name}\"");
            command.Name = "Option" + Fresh("_");
        }

        node.Commands.Add(command);
        if (command.IsGet)
        {
            Wrapper(node, command, Pick(gets));
        }

        if (command.IsSet)
        {
            Wrapper(node, command, Pick(sets));
        }

        return command;
    }

    /// <summary>A wrapper of <paramref name="command"/> in <paramref name="node"/>, of the given shape.</summary>
    public WrapperNode Wrapper(SockOptTypeNode node, CommandNode command, string shape)
    {
        var wrapper = new WrapperNode(command, shape)
        {
            Name = Fresh(WrapperNode.Shapes[shape].Get ? "GetOpt" : "SetOpt"),
            Socket = Pick(new[] { "Socket", "SafeHandle", "int" }),
        };
        if (Chance(0.1))
        {
            wrapper.Modifiers = "internal static partial";
        }

        node.Wrappers.Add(wrapper);
        return wrapper;
    }
}
