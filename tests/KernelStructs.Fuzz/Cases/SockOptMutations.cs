using System.Linq;

namespace KernelStructs.Fuzz.Cases;

/// <summary>
/// Mutations of socket-option declarations: every argument of <c>[SockOptCommand]</c>, the constant it sits on and
/// where it is declared; the wrappers' attribute, argument, shape, socket, parameters, return type, name, modifiers,
/// overloads and containing type.
/// </summary>
internal static class SockOptMutations
{
    private static readonly string[] Payloads =
    [
        "void", "byte", "sbyte", "int", "uint", "long", "ulong", "Be16", "Le64", "nint", "CLong", "bool", "char", "float",
        "string", "object", "int*", "void*", "int[]", "int?", "uint?", "System.Span<byte>", "System.Collections.Generic.List<int>",
        "System.Nullable<>", "System.Guid", "Errno", "SocketLevel", "System.DayOfWeek", "(int, int)", "System.ValueTuple<int, int>",
        "System.Action", "delegate*<void>", "Missing", "System.Int128", "System.IntPtr", "SockOptDirection", "LengthRule",
    ];

    private static readonly string[] Sockets =
    [
        "Socket", "SafeHandle", "int", "Socket?", "SafeHandle?", "long", "nint", "uint", "object", "System.Net.Sockets.SafeSocketHandle",
        "Microsoft.Win32.SafeHandles.SafeFileHandle", "global::System.Net.Sockets.Socket", "System.Runtime.InteropServices.SafeHandle",
        "in int", "ref int", "this Socket", "this int", "scoped in int", "params int[]", "dynamic", "short", "Missing",
    ];

    public static readonly Mutation[] All =
    [
        // ---- The command: its attribute's arguments.
        new("sockopt.command.level", b => Set(() => Command(b).Level = b.Pick(new[]
        {
            "SocketLevel.IP", "SocketLevel.Socket", "SocketLevel.Tcp", "SocketLevel.Udp", "SocketLevel.IPv6", "SocketLevel.Raw",
            "(SocketLevel)(-2)", "(SocketLevel)263", "(SocketLevel)0", "(SocketLevel)int.MaxValue", "default", "(SocketLevel)(-1)",
            "0", "SocketLevel.IP | SocketLevel.Tcp", "global::KernelStructs.SocketLevel.Tcp",
        }))),
        new("sockopt.command.direction", b => Set(() => Command(b).Direction = b.Pick(new[]
        {
            "SockOptDirection.Get", "SockOptDirection.Set", "SockOptDirection.Both", "(SockOptDirection)7", "(SockOptDirection)0",
            "(SockOptDirection)(-1)", "default", "SockOptDirection.Get | SockOptDirection.Set",
        }))),
        new("sockopt.command.payload", b => Set(() =>
        {
            var command = Command(b);
            command.PayloadStruct = null;
            command.PayloadText = b.Chance(0.2) ? PlainType(b) : b.Pick(Payloads);
        })),
        new("sockopt.command.payloadArgument", b => Set(() => Command(b).PayloadArgument = b.Pick(new[]
        {
            "null", "default", "typeof(void*)", "typeof(System.Collections.Generic.List<>)", "typeof(dynamic)", "typeof(int).MakeArrayType()",
            "typeof(int[,])", "typeof(global::KernelStructs.Be32)", "typeof(int).GetType()",
        }))),
        new("sockopt.command.length", b => Set(() => Command(b).Set("Length", b.Pick(new[]
        {
            "LengthRule.Exact", "LengthRule.AtLeast", "LengthRule.HeaderPlusEntries", "LengthRule.Truncating", "(LengthRule)9",
            "(LengthRule)(-1)", "default", "(LengthRule)int.MaxValue",
        })))),
        new("sockopt.command.entry", b => Set(() => Command(b).Set("Entry", b.Chance(0.2) ? "null" : $"typeof({(b.Chance(0.3) ? PlainType(b) : b.Chance(0.5) && b.KernelStructs.Count > 0 ? b.Pick(b.KernelStructs).Name : b.Pick(Payloads))})"))),
        new("sockopt.command.count", b => Set(() => Command(b).Set("Count", b.Pick(Pools.Integers)))),
        new("sockopt.command.cName", b => Set(() => Command(b).Set("CName", b.Pick(Pools.CNames)))),
        new("sockopt.command.namedArguments", b => Set(() =>
        {
            // Named arguments twice, in odd orders, or ones the attribute does not have.
            var command = Command(b);
            switch (b.Random.Next(3))
            {
                case 0: command.Named.Add(new("Count", "2")); command.Named.Add(new("Count", "3")); break;
                case 1: command.Named.Insert(0, new("CName", "\"X\"")); command.ExtraArguments.Add("1"); break;
                default: command.Named.Add(new("Level", "SocketLevel.Tcp")); break;
            }
        })),
        new("sockopt.command.value", b => Set(() => Command(b).Value = b.Pick(new[]
        {
            "0", "-1", "1", "64", "80", "int.MaxValue", "int.MinValue", "(int)64L", "'A'", "0x7fffffff", "checked(60 + 4)",
            "sizeof(int)", "unchecked((int)0xFFFFFFFF)", "1 << 31", "default",
        }.Concat(b.SockOptTarget().Commands.Select(c => c.Name + " + 1")).ToList()))),
        new("sockopt.command.constType", b => Set(() =>
        {
            var command = Command(b);
            (command.Modifiers, command.Type, command.Value) = b.Pick(new[]
            {
                ("public const", "uint", "64"), ("public const", "short", "64"), ("public const", "long", "64"), ("public const", "byte", "64"),
                ("public const", "nint", "64"), ("public const", "string", "\"64\""), ("public const", "SocketLevel", "SocketLevel.IP"),
                ("public static readonly", "int", "64"), ("public static", "int", "64"), ("internal const", "int", "64"),
                ("private const", "int", "64"), ("public const", "ushort", "64"), ("public const", "char", "'@'"), ("public const", "Errno", "default"),
            });
        })),
        new("sockopt.command.name", b => Set(() => Command(b).Name = b.Pick(Pools.Identifiers))),
        new("sockopt.command.attribute", b => Set(() =>
        {
            var command = Command(b);
            switch (b.Random.Next(4))
            {
                case 0: command.Spelling = b.Pick(new[] { "SockOptCommandAttribute", "global::KernelStructs.SockOptCommand", "KernelStructs.SockOptCommandAttribute" }); break;
                case 1: command.ExtraAttributes.Add("[SockOptCommand(SocketLevel.Tcp, SockOptDirection.Set, typeof($PAYLOAD))]"); break;
                case 2: command.ExtraAttributes.Add("[System.Obsolete(\"old\")]"); break;
                default: command.ExtraAttributes.Add("[GetSockOpt(1)]"); break;
            }
        })),
        new("sockopt.command.placement", b =>
        {
            // The command in another type: another class, a struct, an interface, a kernel struct, a nested or generic type, another file.
            var node = b.SockOptTarget();
            var command = b.Pick(node.Commands.Count > 0 ? node.Commands : new() { b.Command(node) });
            TypeNode into;
            switch (b.Random.Next(5))
            {
                case 0 when b.KernelStructs.Count > 0:
                    into = b.Pick(b.KernelStructs);
                    break;
                case 1:
                    into = new TypeNode("class", b.Fresh("Commands")) { TypeParameters = "<T>" };
                    b.Scope.Add(into);
                    break;
                case 2:
                    into = new TypeNode("class", b.Fresh("Commands"));
                    b.Second.Namespace = b.Main.Namespace;
                    b.Second.Usings.Add("using System;");
                    b.Second.Types.Add(into);
                    break;
                default:
                    into = new TypeNode(b.Pick(new[] { "struct", "interface", "class", "record" }), b.Fresh("Commands"));
                    b.Scope.Add(into);
                    break;
            }

            node.Elsewhere[command] = into;
            foreach (var wrapper in node.Wrappers.Where(w => w.Command == command))
            {
                wrapper.Arguments = $"({into.Name}{into.TypeParameters.Replace("T", "int")}.$C)";
            }

            return true;
        }),

        // ---- The wrapper.
        new("sockopt.wrapper.attribute", b => Set(() =>
        {
            var wrapper = Wrapper(b);
            switch (b.Random.Next(4))
            {
                case 0: wrapper.Attribute = wrapper.Attribute == "GetSockOpt" ? "SetSockOpt" : "GetSockOpt"; break;
                case 1: wrapper.ExtraAttributes.Add(wrapper.Attribute == "GetSockOpt" ? "[SetSockOpt($C)]" : "[GetSockOpt($C)]"); break;
                case 2: wrapper.ExtraAttributes.Add($"[{wrapper.Attribute}($C)]"); break;
                default: wrapper.Attribute = b.Pick(new[] { "GetSockOptAttribute", "global::KernelStructs.SetSockOpt", "KernelStructs.GetSockOpt" }); break;
            }
        })),
        new("sockopt.wrapper.argument", b => Set(() =>
        {
            var wrapper = Wrapper(b);
            var owner = b.SockOptTarget().Owner.Name;
            wrapper.Arguments = b.Pick(new[]
            {
                "(64)", "(0)", "(-1)", "($C + 0)", "((int)$C)", "(" + owner + ".$C)", "(default)", "()", "($C, $C)", "(int.MaxValue)",
                "(Unannotated)", "(nameof($C).Length)", "(command: $C)", "($C is 1 ? 1 : 2)",
            });
            if (wrapper.Arguments.Contains("Unannotated"))
            {
                b.SockOptTarget().Owner.Members.Add(new MemberNode { Kind = MemberKind.Raw, Raw = "public const int Unannotated = 64;" });
            }
        })),
        new("sockopt.wrapper.otherCommand", b => Set(() =>
        {
            // The wrapper names another command: of the other direction, another payload, another level.
            var node = b.SockOptTarget();
            var wrapper = Wrapper(b);
            wrapper.Command = b.Command(node);
        })),
        new("sockopt.wrapper.shape", b => Set(() => Wrapper(b).Shape = b.Pick(WrapperNode.Shapes.Keys.ToList()))),
        new("sockopt.wrapper.socket", b => Set(() => Wrapper(b).Socket = b.Pick(Sockets))),
        new("sockopt.wrapper.parameters", b => Set(() =>
        {
            var wrapper = Wrapper(b);
            wrapper.Signature = b.Pick(new[]
            {
                "void $N($S socket, scoped Span<byte> buffer)", "int $N($S socket, scoped Span<byte> buffer)", "$T $N($S socket, int extra)",
                "$T $N($S socket = null)", "void $N($S socket, in $T value = default)", "void $N($S socket, $T? value)", "$T? $N($S socket)",
                "void $N($S socket, ref readonly $T value)", "void $N($S socket, out $T value)", "void $N($S @class, in $T @event)",
                "void $N($S value, in $T socket)", "Errno $N($S socket, out $T value, out int length, out int more)", "$T $N()",
                "void $N($S socket, params $T[] value)", "void $N($S socket, [System.Diagnostics.CodeAnalysis.NotNull] ref $T value)",
                "int $N($S socket, Span<byte> buffer, out int length)", "Errno $N($S socket, Span<$T> buffer, out int length)",
                "void $N($S socket, ReadOnlySpan<$T> value)", "void $N($S socket, Memory<byte> value)", "void $N($S socket, byte[] value)",
                "int $N($S socket, Span<byte> length)", "Errno $N($S socket, out $T length, out int value)", "void $N($S socket, in $T value, in $T other)",
                "void $N($S socket, __arglist)", "void $N(ref $S socket, in $T value)", "void $N(out $S socket)",
            });
        })),
        new("sockopt.wrapper.returnType", b => Set(() =>
        {
            var wrapper = Wrapper(b);
            var signature = wrapper.Signature ?? WrapperNode.Shapes[wrapper.Shape].Signature;
            var returns = b.Pick(new[] { "ref $T", "ref readonly $T", "$T?", "Errno", "int", "void", "System.Threading.Tasks.Task<$T>", "bool", "dynamic", "Errno?", "long", "object", "$S", "Span<byte>" });
            wrapper.Signature = returns + signature.Substring(signature.IndexOf(' '));
        })),
        new("sockopt.wrapper.name", b => Set(() =>
        {
            var wrapper = Wrapper(b);
            wrapper.Name = b.Pick(Pools.Identifiers.Concat(new[] { "Try", "TryTry", "Try_", "GetTry", "try", "Tryx", "@Try" }).ToList());
            if (b.Chance(0.3))
            {
                wrapper.Signature = (wrapper.Signature ?? WrapperNode.Shapes[wrapper.Shape].Signature).Replace("Try$N", "$N");
            }
        })),
        new("sockopt.wrapper.modifiers", b => Set(() => Wrapper(b).Modifiers = b.Pick(new[]
        {
            "public partial", "public static", "static partial", "private static partial", "protected static partial", "public static extern",
            "public static unsafe partial", "public new static partial", "public static async partial", "public static partial partial",
            "internal static partial", "file static partial", "public static virtual partial", "public static readonly partial", "partial static public",
        }))),
        new("sockopt.wrapper.generic", b => Set(() =>
        {
            var wrapper = Wrapper(b);
            wrapper.TypeParameters = b.Pick(new[] { "<T>", "<T> where T : unmanaged", "<TSocket>" });
            if (b.Chance(0.4))
            {
                wrapper.Command.PayloadStruct = null;
                wrapper.Command.PayloadText = "T";
            }
        })),
        new("sockopt.wrapper.body", b => Set(() => Wrapper(b).End = b.Pick(new[] { " => throw null!;", " { throw new System.NotSupportedException(); }", " => default;", " { }" }))),
        new("sockopt.wrapper.overloads", b =>
        {
            // Members of one name: a second declaration that differs by in/ref or by nothing, or one with another shape.
            var node = b.SockOptTarget();
            var wrapper = Wrapper(b);
            var twin = new WrapperNode(wrapper.Command, b.Pick(WrapperNode.Shapes.Keys.ToList()))
            {
                Name = wrapper.Name,
                Socket = b.Pick(new[] { wrapper.Socket, "Socket", "SafeHandle", "int" }),
                Signature = b.Chance(0.5) ? (wrapper.Signature ?? WrapperNode.Shapes[wrapper.Shape].Signature).Replace("in $T", "ref $T") : null,
            };
            node.Wrappers.Add(twin);
            return true;
        }),
        new("sockopt.wrapper.handwrittenFamily", b =>
        {
            // A member of the family written by hand, with or without a body, or one the generator would write too.
            var node = b.SockOptTarget();
            var wrapper = Wrapper(b);
            var name = wrapper.Name.StartsWith("Try", System.StringComparison.Ordinal) ? wrapper.Name.Substring(3) : "Try" + wrapper.Name;
            var payload = wrapper.Command.Payload;
            node.Owner.Members.Add(new MemberNode
            {
                Kind = MemberKind.Raw,
                Raw = b.Pick(new[]
                {
                    $"public static Errno {name}(int fd, out {payload} value) {{ value = default; return default; }}",
                    $"public static {payload} {wrapper.Name}(SafeHandle socket) => default;",
                    $"public static int {wrapper.Name};",
                    $"public static {payload} {wrapper.Name}(int fd) => default;",
                    $"public static void {wrapper.Name}(Socket socket, in {payload} value) {{ }}",
                    $"public class {name} {{ }}",
                }),
            });
            return true;
        }),
        new("sockopt.wrapper.doc", b => Set(() => Wrapper(b).Doc = b.Pick(new[]
        {
            "/// <summary>Reads the option.</summary>", "/// <summary>unterminated", "/// <see cref=\"Missing\"/>", "/// */ <!-- \u2028 ]]>",
            "/** <summary>Block.</summary> */", "/// <inheritdoc/>", "/// <param name=\"socket\">The socket</param>\n/// <returns>x</returns>",
            "// a comment", "#pragma warning disable CS1591", "/// <summary>\u0085</summary>",
        }))),
        new("sockopt.wrapper.attributes", b => Set(() => Wrapper(b).ExtraAttributes.Add(b.Pick(new[]
        {
            "[System.Obsolete(\"old\")]", "[return: System.Diagnostics.CodeAnalysis.MaybeNull]", "[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]",
            "[System.Diagnostics.Conditional(\"X\")]", "[System.CodeDom.Compiler.GeneratedCode(\"x\", \"1\")]", "[SockOptWrapper(typeof(int), \"X\", SockOptDirection.Get)]",
            "[System.Runtime.CompilerServices.SkipLocalsInit]", "[KernelStruct(\"struct m\")]",
        })))),

        // ---- The type that declares them.
        new("sockopt.container.kind", b => Set(() =>
        {
            var owner = b.SockOptTarget().Owner;
            (owner.Keyword, var modifiers) = b.Pick(new[]
            {
                ("class", new[] { "public", "partial" }), ("struct", new[] { "public", "partial" }), ("record", new[] { "public", "partial" }),
                ("record struct", new[] { "public", "partial" }), ("interface", new[] { "public", "partial" }), ("class", new[] { "public", "static" }),
                ("class", new[] { "file", "static", "partial" }), ("struct", new[] { "public", "ref", "partial" }), ("class", new[] { "internal", "sealed", "partial" }),
                ("class", new[] { "public", "abstract", "partial" }), ("struct", new[] { "public", "readonly", "partial" }),
            });
            owner.Modifiers.Clear();
            owner.Modifiers.AddRange(modifiers);
            if (b.Chance(0.2))
            {
                owner.TypeParameters = "<T>";
            }
        })),
        new("sockopt.container.name", b => Set(() => b.SockOptTarget().Owner.Name = b.Pick(Pools.Identifiers))),
        new("sockopt.container.nested", b =>
        {
            // Inside other types: a generic one, a struct, a kernel struct, a non-partial one.
            var owner = b.SockOptTarget().Owner;
            var container = b.ContainerOf(owner);
            TypeNode outer;
            if (b.Chance(0.25) && b.KernelStructs.Count > 0)
            {
                outer = b.Pick(b.KernelStructs);
            }
            else
            {
                outer = new TypeNode(b.Pick(new[] { "class", "struct", "record", "interface", "class" }), b.Chance(0.3) ? b.Pick(Pools.Identifiers) : b.Fresh("Outer"));
                if (b.Chance(0.3))
                {
                    outer.TypeParameters = "<T>";
                }

                if (b.Chance(0.2))
                {
                    outer.Modifiers.Remove("partial");
                }

                container.Add(outer);
            }

            container.Remove(owner);
            outer.Nested.Add(owner);
            return true;
        }),
        new("sockopt.container.topLevel", b => Set(() =>
        {
            // A wrapper in global code: a local function of top-level statements.
            var node = b.SockOptTarget();
            var wrapper = Wrapper(b);
            b.Executable = true;
            b.Main.Namespace = null;
            node.Wrappers.Remove(wrapper);
            wrapper.Arguments = $"({node.Owner.Name}.$C)";
            b.Main.Before.Add("System.Console.WriteLine();");
            b.Main.Before.Add(wrapper.Render());
        })),
        new("sockopt.container.twoParts", b => Set(() =>
        {
            // The wrappers split over two partial declarations, one of them in another file.
            var node = b.SockOptTarget();
            var part = new TypeNode(node.Owner.Keyword, node.Owner.Name);
            part.Modifiers.Clear();
            part.Modifiers.AddRange(node.Owner.Modifiers);
            var wrapper = Wrapper(b);
            node.Wrappers.Remove(wrapper);
            part.Members.Add(new MemberNode { Kind = MemberKind.Raw, Raw = wrapper.Render() });
            if (b.Chance(0.5) && b.ContainerOf(node.Owner) == b.Main.Types)
            {
                b.Second.Namespace = b.Main.Namespace;
                b.Second.Usings.Add("using System;");
                b.Second.Usings.Add("using System.Net.Sockets;");
                b.Second.Types.Add(part);
            }
            else
            {
                b.ContainerOf(node.Owner).Add(part);
            }
        })),
    ];

    private static bool Set(System.Action action)
    {
        action();
        return true;
    }

    private static CommandNode Command(CaseBuilder b)
    {
        var node = b.SockOptTarget();
        return node.Commands.Count > 0 ? b.Pick(node.Commands) : b.Command(node);
    }

    private static WrapperNode Wrapper(CaseBuilder b)
    {
        var node = b.SockOptTarget();
        if (node.Wrappers.Count == 0)
        {
            var command = Command(b);
            return b.Wrapper(node, command, command.IsGet ? "get.value" : "set.in");
        }

        return b.Pick(node.Wrappers);
    }

    /// <summary>A plain struct (no <c>[KernelStruct]</c>) declared in the seed's scope.</summary>
    private static string PlainType(CaseBuilder b)
    {
        var plain = new TypeNode(b.Pick(new[] { "struct", "struct", "class", "enum" }), b.Fresh("Plain"));
        plain.Modifiers.Remove("partial");
        if (plain.Keyword == "enum")
        {
            plain.RawBody = "A, B,";
        }
        else
        {
            plain.Members.Add(new MemberNode { Type = "int", Name = "a", Modifiers = { "public" } });
        }

        b.Scope.Add(plain);
        return plain.Name;
    }
}
