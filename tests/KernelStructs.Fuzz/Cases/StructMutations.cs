using System;
using System.Collections.Generic;
using System.Linq;

namespace KernelStructs.Fuzz.Cases;

/// <summary>One way to edit a case; <see cref="Apply"/> returns whether it found something to edit.</summary>
internal sealed record Mutation(string Kind, Func<CaseBuilder, bool> Apply);

/// <summary>
/// Mutations of <c>[KernelStruct]</c> declarations: every attribute and argument, every member kind, every place a
/// name goes, cycles through every member kind, and the declaration's own shape.
/// </summary>
internal static class StructMutations
{
    public static readonly Mutation[] All =
    [
        // ---- Names, wherever the generator writes or reads one.
        new("name.namespace", b =>
        {
            b.Main.Namespace = b.Chance(0.5) ? Name(b) : $"{Name(b)}.{Name(b)}";
            b.Main.FileScopedNamespace = b.Chance(0.5);
            return true;
        }),
        new("name.struct", b => Rename(b, b.Target(), Name(b))),
        new("name.containingType", b =>
        {
            var target = b.Target();
            var container = b.ContainerOf(target);
            var outer = new TypeNode(b.Pick(new[] { "class", "struct", "record", "record struct", "interface", "class", "readonly struct", "ref struct", "unsafe class", "sealed class", "abstract class" }), Name(b));
            if (outer.Keyword.Contains(' ') && outer.Keyword != "record struct")
            {
                // A modifier goes before partial: "public readonly partial struct".
                var parts = outer.Keyword.Split(' ');
                outer.Modifiers.Insert(1, parts[0]);
                outer.Keyword = parts[1];
            }
            else if (b.Chance(0.3))
            {
                outer.Modifiers.Insert(1, "static");
            }

            container.Remove(target);
            outer.Nested.Add(target);
            container.Add(outer);
            return true;
        }),
        new("name.field", b => b.FieldOf(b.Target()) is { } field && Set(() => field.Name = Name(b))),
        new("name.cField", b => b.FieldOf(b.Target()) is { } field && Set(() => CField(field).Positional.Add(b.Pick(Pools.CNames)))),
        new("name.bitField", b =>
        {
            var unit = Unit(b);
            unit.Attributes.First(a => a.Name == "BitField").Positional[0] = b.Pick(Pools.CNames);
            return true;
        }),
        new("name.flexibleArray", b =>
        {
            var target = b.Target();
            target.Attributes.RemoveAll(a => a.Name == "FlexibleArray");
            target.Attributes.Add(new AttributeNode("FlexibleArray", "typeof(int)", b.Pick(Pools.CNames)));
            return true;
        }),
        new("name.cType", b => Set(() => b.Target().Attribute("KernelStruct")!.Positional[0] = b.Pick(Pools.CTypeNames))),
        new("name.sameAsGenerated", b =>
        {
            // A field, a C name or a bitfield named like a member the generator writes.
            var target = b.Target();
            var name = b.Pick(new[] { "SizeOf", "AlignOf", "Offsets", "FromSpan", "FromReadOnlySpan", "Read", "WriteTo", "AsBytes", "AsReadOnlyBytes", "ToString", "SizeFor", "Equals", "GetHashCode", "GetType", "text", target.Name });
            var field = b.ValidField(target, b.ContainerOf(target));
            switch (b.Random.Next(3))
            {
                case 0: field.Name = name; break;
                case 1: CField(field).Positional.Add($"\"{name}\""); break;
                default:
                    field.Attributes.RemoveAll(a => a.Name is "BitField" or "CString");
                    field.Kind = MemberKind.Field;
                    field.Tail = string.Empty;
                    field.Type = "uint";
                    field.Attributes.Add(new AttributeNode("BitField", $"\"{name}\"", "3"));
                    break;
            }

            return true;
        }),
        new("name.twinStructs", b =>
        {
            // Another struct whose name differs only in case, or the same name in another namespace.
            var target = b.Target();
            var twin = b.KernelStruct(b.Chance(0.5) ? b.ContainerOf(target) : b.Second.Types);
            b.Second.Namespace = b.Main.Namespace is null ? "Twin" : b.Main.Namespace + ".Twin";
            var name = b.Chance(0.5) ? SwapCase(target.Name) : target.Name;
            if (b.ContainerOf(twin) != b.Second.Types && name == target.Name)
            {
                name = SwapCase(name);
            }

            return Rename(b, twin, name);
        }),
        new("name.twinFieldTypes", b =>
        {
            // Field types with the same simple name in two namespaces.
            var target = b.Target();
            b.Second.Namespace = "Other.Place";
            var plain = new TypeNode("struct", "Point");
            plain.Modifiers.Remove("partial");
            plain.Members.Add(new MemberNode { Type = "int", Name = "x", Modifiers = { "public" } });
            b.Second.Types.Add(plain);
            var mine = new TypeNode("struct", "Point");
            mine.Modifiers.Remove("partial");
            mine.Members.Add(new MemberNode { Type = "short", Name = "y", Modifiers = { "public" } });
            b.ContainerOf(target).Add(mine);
            target.Members.Add(new MemberNode { Type = "Point", Name = b.Fresh("pt"), Modifiers = { "public" } });
            target.Members.Add(new MemberNode { Type = "global::Other.Place.Point", Name = b.Fresh("pt"), Modifiers = { "public" } });
            return true;
        }),
        new("name.duplicateField", b =>
        {
            // Two fields with one name (a compile error of its own), with the layout manifest on half the time.
            var target = b.Target();
            var field = b.FieldOf(target);
            if (field is null)
            {
                return false;
            }

            target.Members.Add(new MemberNode { Type = "int", Name = field.Name, Modifiers = { "public" } });
            b.LayoutManifest |= b.Chance(0.5);
            return true;
        }),
        new("name.caseTwinFields", b =>
        {
            var target = b.Target();
            var field = b.ValidField(target, b.ContainerOf(target));
            var other = b.ValidField(target, b.ContainerOf(target));
            field.Name = "value";
            other.Name = "Value";
            if (b.Chance(0.5))
            {
                field.Attributes.RemoveAll(a => a.Name is "BitField");
                other.Attributes.RemoveAll(a => a.Name is "BitField");
                field.Kind = other.Kind = MemberKind.FixedBuffer;
                field.Type = other.Type = "byte";
                field.Tail = other.Tail = "[8]";
                field.Attributes.Add(new AttributeNode("CString"));
                other.Attributes.Add(new AttributeNode("CString"));
                CaseBuilder.Unsafe(target);
                field.Name = b.Pick(new[] { "_name", "name", "Name" });
                other.Name = b.Pick(new[] { "__name", "_Name", "name_" });
            }

            return true;
        }),

        // ---- [KernelStruct] arguments.
        new("attr.KernelStruct.header", b => Set(() => b.Target().Attribute("KernelStruct")!.Set("Header", b.Pick(Pools.HeaderNames)))),
        new("attr.KernelStruct.includes", b => Set(() => b.Target().Attribute("KernelStruct")!.Set("Includes", StringArray(b, Pools.HeaderNames)))),
        new("attr.KernelStruct.defines", b => Set(() => b.Target().Attribute("KernelStruct")!.Set("Defines", StringArray(b, Pools.HeaderNames)))),
        new("attr.KernelStruct.internal", b => Set(() => b.Target().Attribute("KernelStruct")!.Set("Internal", b.Pick(new[] { "true", "false" })))),
        new("attr.KernelStruct.extent", b => Set(() => b.Target().Attribute("KernelStruct")!.Set("Extent", b.Pick(new[] { "StructExtent.Prefix", "StructExtent.Growing", "StructExtent.Complete", "(StructExtent)7", "(StructExtent)(-1)" })))),
        new("attr.KernelStruct.expectedSize", b => Set(() => b.Target().Attribute("KernelStruct")!.Set("ExpectedSize", b.Pick(Pools.Integers)))),
        new("attr.KernelStruct.packed", b => Set(() => b.Target().Attribute("KernelStruct")!.Set("Packed", b.Pick(new[] { "true", "false" })))),
        new("attr.KernelStruct.pack", b => Set(() => b.Target().Attribute("KernelStruct")!.Set("Pack", b.Pick(Pools.Integers)))),
        new("attr.KernelStruct.alignment", b => Set(() => b.Target().Attribute("KernelStruct")!.Set("Alignment", b.Pick(Pools.Integers)))),
        new("attr.KernelStruct.spelling", b =>
        {
            // The attribute by its full name, with global::, through an alias, or a look-alike from another namespace.
            var attribute = b.Target().Attribute("KernelStruct")!;
            switch (b.Random.Next(5))
            {
                case 0: attribute.Spelling = "KernelStructs.KernelStructAttribute"; break;
                case 1: attribute.Spelling = "global::KernelStructs.KernelStruct"; break;
                case 2:
                    b.Main.Usings.Add("using KS = KernelStructs.KernelStructAttribute;");
                    attribute.Spelling = "KS";
                    break;
                case 3:
                    b.Main.After.Add("namespace LookAlike { public sealed class KernelStructAttribute : System.Attribute { public KernelStructAttribute(string n) { } } }");
                    attribute.Spelling = "LookAlike.KernelStruct";
                    break;
                default:
                    b.Main.Usings.Add("using Ks = KernelStructs;");
                    attribute.Spelling = "Ks::KernelStruct";
                    break;
            }

            return true;
        }),
        new("attr.KernelStruct.arguments", b =>
        {
            // Wrong arity and types, named arguments that do not exist.
            var attribute = b.Target().Attribute("KernelStruct")!;
            switch (b.Random.Next(4))
            {
                case 0: attribute.Positional.Clear(); break;
                case 1: attribute.Positional.Add("\"extra\""); break;
                case 2: attribute.Positional[0] = b.Pick(Pools.Integers); break;
                default: attribute.Set("Nope", "1"); break;
            }

            return true;
        }),
        new("attr.KernelStruct.duplicate", b =>
        {
            // [KernelStruct] twice, or on two partial declarations of one type.
            var target = b.Target();
            var copy = new AttributeNode("KernelStruct", b.Pick(Pools.CTypeNames));
            if (b.Chance(0.5))
            {
                target.Attributes.Add(copy);
                return true;
            }

            var part = Part(b, target);
            part.Attributes.Add(b.Chance(0.5) ? copy : target.Attribute("KernelStruct")!);
            return true;
        }),

        // ---- Field attributes.
        new("attr.CField.expectedOffset", b => b.FieldOf(b.Target()) is { } f && Set(() => CField(f).Set("ExpectedOffset", b.Pick(Pools.Integers)))),
        new("attr.CField.alignment", b => b.FieldOf(b.Target()) is { } f && Set(() => CField(f).Set("Alignment", b.Pick(Pools.Integers)))),
        new("attr.CField.anonymous", b => b.FieldOf(b.Target()) is { } f && Set(() => CField(f).Set("Anonymous", b.Pick(new[] { "true", "true", "false" })))),
        new("attr.CField.anonymousMember", b =>
        {
            var target = b.Target();
            var nested = b.AnonymousMember(target);
            switch (b.Random.Next(5))
            {
                case 0: nested.Attributes.RemoveAll(a => a.Name == "KernelStruct"); break;
                case 1: nested.Attribute("KernelStruct")!.Positional[0] = b.Pick(Pools.CTypeNames); break;
                case 2: nested.Members.AddRange(target.InstanceFields.Take(1).Select(f => new MemberNode { Type = "int", Name = f.Name, Modifiers = { "public" } })); break;
                case 3: b.AnonymousMember(nested); break;
                default: break;
            }

            return true;
        }),
        new("attr.CString", b => b.FieldOf(b.Target()) is { } f && Set(() => f.Attributes.Add(new AttributeNode("CString")))),
        new("attr.BitField", b =>
        {
            var field = b.FieldOf(b.Target());
            if (field is null)
            {
                return false;
            }

            var count = b.Between(1, 3);
            for (var i = 0; i < count; i++)
            {
                field.Attributes.Add(new AttributeNode("BitField", b.Chance(0.7) ? $"\"{b.Fresh("bf")}\"" : b.Pick(Pools.CNames), b.Pick(Pools.Integers)));
            }

            return true;
        }),
        new("attr.BitField.enumUnit", b =>
        {
            var target = b.Target();
            var e = new TypeNode("enum", b.Fresh("Flags")) { BaseList = " : " + b.Pick(Pools.EnumBases), RawBody = "None = 0, One = 1," };
            e.Modifiers.Remove("partial");
            b.ContainerOf(target).Add(e);
            var field = new MemberNode { Type = e.Name, Name = b.Fresh("mode"), Modifiers = { "public" } };
            field.Attributes.Add(new AttributeNode("BitField", $"\"{b.Fresh("lo")}\"", "3"));
            field.Attributes.Add(new AttributeNode("BitField", $"\"{b.Fresh("hi")}\"", b.Pick(new[] { "1", "4", "5" })));
            if (target.IsUnion)
            {
                field.Attributes.Add(new AttributeNode("FieldOffset", "0"));
            }

            target.Members.Add(field);
            return true;
        }),
        new("attr.FlexibleArray", b =>
        {
            var target = b.Target();
            target.Attributes.RemoveAll(a => a.Name == "FlexibleArray");
            var attribute = new AttributeNode("FlexibleArray", $"typeof({b.Pick(Pools.Scalars.Select(s => s.Type).Concat(Pools.OddFieldTypes.Where(t => !t.Contains('*') && !t.Contains('?') && t != "dynamic" && !t.StartsWith('('))).Append(target.Name).ToList())})", $"\"{b.Fresh("fa")}\"");
            if (b.Chance(0.4))
            {
                attribute.Set("Alignment", b.Pick(Pools.Integers));
            }

            if (b.Chance(0.1))
            {
                attribute.Positional[0] = "null";
            }

            target.Attributes.Add(attribute);
            return true;
        }),
        new("attr.FlexibleArray.sameName", b =>
        {
            var target = b.Target();
            var field = b.FieldOf(target);
            if (field is null)
            {
                return false;
            }

            target.Attributes.RemoveAll(a => a.Name == "FlexibleArray");
            target.Attributes.Add(new AttributeNode("FlexibleArray", "typeof(byte)", field.Attribute("BitField")?.Positional[0] ?? $"\"{field.Name.TrimStart('@')}\""));
            return true;
        }),
        new("attr.StructLayout", b =>
        {
            var target = b.Target();
            target.Attributes.RemoveAll(a => a.Name == "StructLayout");
            var attribute = new AttributeNode("StructLayout", b.Pick(new[] { "LayoutKind.Sequential", "LayoutKind.Explicit", "LayoutKind.Auto", "(LayoutKind)7", "0" }));
            if (b.Chance(0.4))
            {
                attribute.Set("Pack", b.Pick(Pools.Integers));
            }

            if (b.Chance(0.4))
            {
                attribute.Set("Size", b.Pick(Pools.Integers));
            }

            target.Attributes.Add(attribute);
            return true;
        }),
        new("attr.FieldOffset", b => b.FieldOf(b.Target()) is { } f && Set(() =>
        {
            f.Attributes.RemoveAll(a => a.Name == "FieldOffset");
            f.Attributes.Add(new AttributeNode("FieldOffset", b.Pick(Pools.Integers)));
        })),
        new("attr.InlineArray.onKernelStruct", b =>
        {
            var target = b.Target();
            target.Attributes.Add(new AttributeNode("InlineArray", b.Pick(Pools.Integers)));
            if (b.Chance(0.7))
            {
                target.Members.RemoveAll(m => m.IsInstanceField);
                target.Members.Add(new MemberNode { Type = b.Pick(Pools.Scalars).Type, Name = "_e", Modifiers = { "private" } });
            }

            return true;
        }),
        new("attr.InlineArray.length", b =>
        {
            var array = b.Main.AllTypes.FirstOrDefault(t => t.Attribute("InlineArray") is not null);
            if (array is null)
            {
                return false;
            }

            array.Attribute("InlineArray")!.Positional[0] = b.Pick(Pools.Integers);
            if (b.Chance(0.3))
            {
                array.Members.Add(new MemberNode { Type = "int", Name = "_second", Modifiers = { "private" } });
            }

            return true;
        }),
        new("attr.misplaced", b =>
        {
            // KernelStructs attributes where they do not belong.
            var target = b.Target();
            var name = b.Pick(new[] { "CString", "BitField(\"x\", 1)", "CField(\"c\")", "FlexibleArray(typeof(int), \"x\")" });
            var attribute = new AttributeNode(name);
            if (b.Chance(0.5))
            {
                target.Attributes.Add(attribute);
            }
            else
            {
                target.Members.Add(new MemberNode { Kind = MemberKind.Raw, Raw = "public static int Helper() => 0;", Attributes = { attribute } });
            }

            return true;
        }),

        // ---- Members of every kind.
        new("member.staticField", b => Add(b, m => $"public static {m} s{b.Fresh("_")};")),
        new("member.const", b => Add(b, _ => $"public const int {b.Pick(new[] { "C", "SizeOf", "AlignOf", "Offsets", b.Fresh("K") })} = 3;")),
        new("member.staticReadonly", b => Add(b, m => $"public static readonly {m} Default;")),
        new("member.autoProperty", b => Add(b, _ => $"public {b.Pick(Pools.Scalars).Type} {b.Pick(new[] { "P", "Prop", "SizeOf", "Data" })} {{ get; {b.Pick(new[] { "set; ", "init; ", "" })}}}")),
        new("member.property", b => Add(b, _ => $"public readonly int {b.Pick(new[] { "Q", "AlignOf", "Length" })} => 1;")),
        new("member.event", b => Add(b, _ => b.Chance(0.6) ? "public event System.Action? Changed;" : "public event System.Action Changed { add { } remove { } }")),
        new("member.method", b => Add(b, m => b.Pick(new[]
        {
            "public readonly int M() => 0;",
            "public readonly int SizeOf() => 0;",
            "public static int Read(System.ReadOnlySpan<byte> b) => 0;",
            "public override readonly string ToString() => \"mine\";",
            "public readonly void WriteTo(System.Span<byte> d) { }",
            "public static int Offsets() => 0;",
            "public static int SizeFor(int count) => count;",
            "public readonly bool Equals(int other) => false;",
            $"public static ref {m} FromSpan(System.Span<byte> b) => throw null!;",
        }))),
        new("member.constructor", b => Add(b, m => b.Pick(new[] { $"public {m}() {{ }}", $"public {m}(int a) {{ }}", $"static {m}() {{ }}" }))),
        new("member.operator", b => Add(b, m => $"public static {m} operator +({m} a, {m} b) => a;")),
        new("member.indexer", b => Add(b, _ => "public readonly int this[int i] => i;")),
        new("member.nestedType", b =>
        {
            var target = b.Target();
            var nested = b.Pick(new[]
            {
                "public struct Inner { public int n; }",
                "public enum Kind { A }",
                "public delegate void Handler();",
                "public interface IThing { }",
                "public class Offsets { }",
                "public static class SizeOf { }",
                "public struct Layout { }",
                "public static class Offsets { public const int x = 1; }",
            });
            target.Members.Add(new MemberNode { Kind = MemberKind.Raw, Raw = nested });
            return true;
        }),
        new("member.fieldModifiers", b => b.FieldOf(b.Target()) is { } f && Set(() =>
        {
            var modifier = b.Pick(new[] { "readonly", "volatile", "required", "internal", "private", "protected", "new", "static", "const" });
            f.Modifiers.Clear();
            f.Modifiers.Add(modifier is "internal" or "private" or "protected" ? modifier : "public");
            if (modifier is not ("internal" or "private" or "protected"))
            {
                f.Modifiers.Add(modifier);
            }

            if (modifier == "const")
            {
                f.Tail = " = default";
            }
        })),
        new("member.initializer", b => b.FieldOf(b.Target()) is { Kind: MemberKind.Field } f && Set(() => f.Tail = " = default")),
        new("member.multipleDeclarators", b => b.FieldOf(b.Target()) is { Kind: MemberKind.Field } f && Set(() => f.Tail = $", {b.Fresh("g")}, {b.Fresh("g")}")),
        new("member.fixedBuffer", b =>
        {
            var target = b.Target();
            CaseBuilder.Unsafe(target);
            var field = new MemberNode { Kind = MemberKind.FixedBuffer, Type = b.Pick(new[] { "byte", "char", "bool", "double", "long", "short", "float" }), Name = b.Fresh("buf"), Tail = $"[{b.Pick(Pools.Integers)}]", Modifiers = { "public" } };
            if (b.Chance(0.4))
            {
                field.Attributes.Add(new AttributeNode("CString"));
            }

            if (target.IsUnion)
            {
                field.Attributes.Add(new AttributeNode("FieldOffset", "0"));
            }

            target.Members.Add(field);
            return true;
        }),
        new("member.pointer", b =>
        {
            var target = b.Target();
            CaseBuilder.Unsafe(target);
            var field = new MemberNode { Type = b.Pick(new[] { target.Name + "*", "void*", "int**", "delegate*<int, void>", "delegate* unmanaged[Cdecl]<void>", "nint*" }), Name = b.Fresh("ptr"), Modifiers = { "public" } };
            if (target.IsUnion)
            {
                field.Attributes.Add(new AttributeNode("FieldOffset", "0"));
            }

            target.Members.Add(field);
            return true;
        }),
        new("member.oddType", b =>
        {
            var target = b.Target();
            var field = new MemberNode { Type = b.Pick(Pools.OddFieldTypes), Name = b.Fresh("odd"), Modifiers = { "public" } };
            if (field.Type.Contains('*'))
            {
                CaseBuilder.Unsafe(target);
            }

            target.Members.Add(field);
            return true;
        }),
        new("member.primaryConstructor", b =>
        {
            var target = b.Target();
            target.PrimaryConstructor = $"({b.Pick(Pools.Scalars).Type} p, int q)";
            if (b.Chance(0.7))
            {
                target.Members.Add(new MemberNode { Kind = MemberKind.Raw, Raw = "public readonly int Sum() => p + q;" });
            }

            return true;
        }),
        new("member.none", b =>
        {
            var target = b.Target();
            target.Members.RemoveAll(m => m.IsInstanceField);
            return true;
        }),

        // ---- Cycles through every member kind.
        new("cycle.self", b => Add(b, m => $"public {m} self;")),
        new("cycle.plainStruct", b =>
        {
            var target = b.Target();
            var plain = new TypeNode("struct", b.Fresh("Via")) { Members = { new MemberNode { Type = target.Name, Name = "back", Modifiers = { "public" } } } };
            plain.Modifiers.Remove("partial");
            b.ContainerOf(target).Add(plain);
            target.Members.Add(new MemberNode { Type = plain.Name, Name = b.Fresh("via"), Modifiers = { "public" } });
            return true;
        }),
        new("cycle.inlineArray", b =>
        {
            // [InlineArray(2)] public struct Loop { private Loop _e; }, or an inline array of the struct itself.
            var target = b.Target();
            var loop = new TypeNode("struct", b.Fresh("Loop"));
            loop.Modifiers.Remove("partial");
            loop.Attributes.Add(new AttributeNode("InlineArray", "2"));
            loop.Members.Add(new MemberNode { Type = b.Chance(0.5) ? loop.Name : target.Name, Name = "_e", Modifiers = { "private" } });
            b.ContainerOf(target).Add(loop);
            target.Members.Add(new MemberNode { Type = loop.Name, Name = b.Fresh("loop"), Modifiers = { "public" } });
            return true;
        }),
        new("cycle.inlineArrayPair", b =>
        {
            var target = b.Target();
            var first = new TypeNode("struct", b.Fresh("Ping"));
            var second = new TypeNode("struct", b.Fresh("Pong"));
            foreach (var (array, element) in new[] { (first, second), (second, first) })
            {
                array.Modifiers.Remove("partial");
                array.Attributes.Add(new AttributeNode("InlineArray", "2"));
                array.Members.Add(new MemberNode { Type = element.Name, Name = "_e", Modifiers = { "private" } });
                b.ContainerOf(target).Add(array);
            }

            target.Members.Add(new MemberNode { Type = first.Name, Name = b.Fresh("ping"), Modifiers = { "public" } });
            return true;
        }),
        new("cycle.anonymousMember", b =>
        {
            var target = b.Target();
            var nested = b.AnonymousMember(target);
            nested.Members.Add(new MemberNode { Type = b.Chance(0.5) ? target.Name : nested.Name, Name = b.Fresh("back"), Modifiers = { "public" } });
            return true;
        }),
        new("cycle.kernelStructs", b =>
        {
            var target = b.Target();
            var other = b.KernelStruct(b.ContainerOf(target));
            other.Members.Add(new MemberNode { Type = target.Name, Name = b.Fresh("a"), Modifiers = { "public" } });
            target.Members.Add(new MemberNode { Type = other.Name, Name = b.Fresh("b"), Modifiers = { "public" } });
            return true;
        }),
        new("cycle.flexibleArray", b =>
        {
            var target = b.Target();
            target.Attributes.RemoveAll(a => a.Name == "FlexibleArray");
            var element = target.Name;
            if (b.Chance(0.5))
            {
                var plain = new TypeNode("struct", b.Fresh("Elem")) { Members = { new MemberNode { Type = target.Name, Name = "e", Modifiers = { "public" } } } };
                plain.Modifiers.Remove("partial");
                b.ContainerOf(target).Add(plain);
                element = plain.Name;
            }

            target.Attributes.Add(new AttributeNode("FlexibleArray", $"typeof({element})", "\"tail\""));
            return true;
        }),
        new("cycle.property", b => Add(b, m => $"public {m} Self {{ get; set; }}")),
        new("cycle.staticField", b => Add(b, m => $"public static {m} Shared;")),
        new("cycle.pointer", b =>
        {
            CaseBuilder.Unsafe(b.Target());
            return Add(b, m => $"public {m}* next;");
        }),

        // ---- The declaration itself.
        new("decl.record", b => Set(() => b.Target().Keyword = "record struct")),
        new("decl.ref", b => Set(() => BeforePartial(b.Target().Modifiers, "ref"))),
        new("decl.readonly", b =>
        {
            var target = b.Target();
            BeforePartial(target.Modifiers, "readonly");
            if (b.Chance(0.8))
            {
                foreach (var field in target.InstanceFields.Where(f => f.Kind == MemberKind.Field))
                {
                    field.Modifiers.Add("readonly");
                }
            }

            return true;
        }),
        new("decl.generic", b => Set(() => b.Target().TypeParameters = b.Pick(new[] { "<T>", "<T> where T : unmanaged" }))),
        new("decl.file", b =>
        {
            var target = b.Target();
            target.Modifiers.Remove("public");
            target.Modifiers.Insert(0, "file");
            return true;
        }),
        new("decl.accessibility", b =>
        {
            var target = b.Target();
            target.Modifiers.Remove("public");
            target.Modifiers.Insert(0, b.Pick(new[] { "private", "internal", "protected", "private protected", "protected internal" }));
            return true;
        }),
        new("decl.notPartial", b => Set(() => b.Target().Modifiers.Remove("partial"))),
        new("decl.partialParts", b =>
        {
            // Fields spread over two partial declarations.
            var target = b.Target();
            var part = Part(b, target);
            foreach (var field in target.InstanceFields.Skip(1).Where(_ => b.Chance(0.5)).ToList())
            {
                target.Members.Remove(field);
                part.Members.Add(field);
            }

            return true;
        }),
        new("decl.kind", b => Set(() => b.Target().Keyword = b.Pick(new[] { "class", "interface", "record", "record class" }))),
        new("decl.containerNotPartial", b =>
        {
            var target = b.Target();
            var outer = new TypeNode(b.Pick(new[] { "class", "struct" }), b.Fresh("Holder"));
            outer.Modifiers.Remove("partial");
            if (b.Chance(0.5))
            {
                outer.TypeParameters = "<T>";
                outer.Modifiers.Add("partial");
            }

            var container = b.ContainerOf(target);
            container.Remove(target);
            outer.Nested.Add(target);
            container.Add(outer);
            return true;
        }),
        new("decl.nestedInKernelStruct", b =>
        {
            var target = b.Target();
            var inner = b.KernelStruct(target.Nested);
            target.Members.Add(new MemberNode { Type = inner.Name, Name = b.Fresh("inner"), Modifiers = { "public" } });
            return true;
        }),
        new("decl.topLevelStatements", b =>
        {
            b.Executable = true;
            b.Main.Namespace = null;
            b.Main.Before.Add("System.Console.WriteLine();");
            return true;
        }),
        new("decl.deepNesting", b =>
        {
            // A long chain of distinct structs, plain or inline arrays, each holding the next.
            var target = b.Target();
            var depth = b.Pick(new[] { 8, 40, 120, 300 });
            var previous = "byte";
            var kernelLinks = b.Chance(0.3);
            for (var i = 0; i < depth; i++)
            {
                var link = new TypeNode("struct", b.Fresh("Link"));
                if (kernelLinks && b.Chance(0.5))
                {
                    link.Attributes.Add(new AttributeNode("KernelStruct", $"\"struct {link.Name.ToLowerInvariant()}\""));
                }
                else
                {
                    link.Modifiers.Remove("partial");
                }

                if (!link.IsKernelStruct && b.Chance(0.3))
                {
                    link.Attributes.Add(new AttributeNode("InlineArray", "1"));
                    link.Members.Add(new MemberNode { Type = previous, Name = "_e", Modifiers = { "private" } });
                }
                else
                {
                    link.Members.Add(new MemberNode { Type = previous, Name = "inner", Modifiers = { "public" } });
                }

                b.ContainerOf(target).Add(link);
                previous = link.Name;
            }

            target.Members.Add(new MemberNode { Type = previous, Name = b.Fresh("chain"), Modifiers = { "public" } });
            return true;
        }),
        new("decl.preprocessor", b =>
        {
            // Directives around the declaration: a disabled attribute, a nullable context, a pragma.
            var target = b.Target();
            var field = b.FieldOf(target);
            b.Main.Before.Add(b.Pick(new[] { "#nullable disable", "#pragma warning disable", "#define FUZZ", "#nullable enable annotations" }));
            if (field is not null && b.Chance(0.5))
            {
                target.Members.Remove(field);
                target.Members.Add(new MemberNode { Kind = MemberKind.Raw, Raw = $"#if NEVER\n[CString]\n#endif\npublic {field.Type} {field.Name}{(field.Kind == MemberKind.FixedBuffer ? string.Empty : field.Tail)};" });
            }

            return true;
        }),
        new("decl.duplicate", b =>
        {
            var target = b.Target();
            var copy = new TypeNode(target.Keyword, target.Name);
            copy.Attributes.Add(new AttributeNode("KernelStruct", "\"struct dup\""));
            copy.Members.Add(new MemberNode { Type = "int", Name = "d", Modifiers = { "public" } });
            copy.Modifiers.Remove("partial");
            b.ContainerOf(target).Add(copy);
            return true;
        }),

        // ---- Compilation options.
        new("option.layoutManifest", b => Set(() => b.LayoutManifest = true)),
        new("option.noUnsafe", b => Set(() => b.AllowUnsafe = false)),
        new("option.languageVersion", b => Set(() => b.LanguageVersion = b.Pick(new[] { "CSharp10", "CSharp11", "CSharp12" }))),
    ];

    /// <summary>Adds a modifier just before <c>partial</c>, or last when an earlier mutation removed <c>partial</c>.</summary>
    private static void BeforePartial(List<string> modifiers, string modifier)
        => modifiers.Insert(modifiers.IndexOf("partial") is var i and >= 0 ? i : modifiers.Count, modifier);

    private static bool Set(Action action)
    {
        action();
        return true;
    }

    /// <summary>Adds a raw member to a kernel struct; <paramref name="text"/> gets the struct's name.</summary>
    private static bool Add(CaseBuilder b, Func<string, string> text)
    {
        var target = b.Target();
        target.Members.Add(new MemberNode { Kind = MemberKind.Raw, Raw = text(target.Name) });
        return true;
    }

    private static string Name(CaseBuilder b) => b.Pick(Pools.Identifiers);

    private static AttributeNode CField(MemberNode field)
    {
        var attribute = field.Attribute("CField");
        if (attribute is null)
        {
            attribute = new AttributeNode("CField");
            field.Attributes.Add(attribute);
        }

        return attribute;
    }

    /// <summary>A bitfield storage unit of the target (made if there is none).</summary>
    private static MemberNode Unit(CaseBuilder b)
    {
        var target = b.Target();
        var unit = target.InstanceFields.FirstOrDefault(f => f.Attribute("BitField") is not null);
        if (unit is null)
        {
            unit = new MemberNode { Type = "uint", Name = b.Fresh("unit"), Modifiers = { "public" } };
            unit.Attributes.Add(new AttributeNode("BitField", $"\"{b.Fresh("bf")}\"", "3"));
            unit.Attributes.Add(new AttributeNode("BitField", $"\"{b.Fresh("bf")}\"", "5"));
            if (target.IsUnion)
            {
                unit.Attributes.Add(new AttributeNode("FieldOffset", "0"));
            }

            target.Members.Add(unit);
        }

        return unit;
    }

    /// <summary>Another partial declaration of <paramref name="target"/> next to it, without attributes.</summary>
    private static TypeNode Part(CaseBuilder b, TypeNode target)
    {
        var part = new TypeNode(target.Keyword, target.Name);
        part.Modifiers.Clear();
        part.Modifiers.AddRange(target.Modifiers.Where(m => m is "partial" or "unsafe"));
        b.ContainerOf(target).Add(part);
        return part;
    }

    private static bool Rename(CaseBuilder b, TypeNode type, string name)
    {
        var old = type.Name;
        type.Name = name;
        b.Main.RenameTypeReferences(old, name);
        b.Second.RenameTypeReferences(old, name);
        return true;
    }

    private static string SwapCase(string name)
        => new(name.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)).ToArray());

    private static string StringArray(CaseBuilder b, IReadOnlyList<string> pool)
    {
        var count = b.Between(0, 3);
        return b.Chance(0.1) ? "null" : "new string[] { " + string.Join(", ", Enumerable.Range(0, count).Select(_ => b.Pick(pool))) + " }";
    }
}
