using System.Globalization;
using System.Linq;
using System.Text;
using KernelStructs.Generator.Model;
using KernelStructs.Generator.Vocabulary;

namespace KernelStructs.Generator.Emit;

/// <summary>
/// Writes a <c>[GetSockOpt]</c>/<c>[SetSockOpt]</c> declaration's implementation and its family: each method is one
/// call into the runtime's engine (its entry point for the method's shape and socket form), naming the command constant,
/// with the level, length rule and C name the command states.
/// </summary>
internal static class SockOptEmitter
{
    private const string Entry = "global::KernelStructs.SockOptEntry";

    /// <summary>The hint name of a declaration; <paramref name="ordinal"/> numbers declarations that read the same (from 2).</summary>
    public static string HintName(SockOptMethodModel model, int ordinal)
    {
        var name = new StringBuilder();
        if (model.Namespace is not null)
        {
            name.Append(string.Join(".", model.Namespace.Split('.').Select(Sanitize))).Append('.');
        }

        foreach (var type in model.ContainingTypes)
        {
            name.Append(Sanitize(type.Name)).Append('.');
        }

        name.Append(Sanitize(model.Name));
        foreach (var parameter in model.Members[0].Parameters)
        {
            name.Append('_').Append(Sanitize(parameter.Type.Split('.').Last()));
        }

        // The readable part can repeat (types of one simple name in two namespaces, names that differ in case only);
        // the method's documentation ID cannot.
        var exact = string.Join(".", model.ContainingTypes.Select(t => t.Name).Prepend(model.Namespace ?? string.Empty).Append(model.DocumentationId));
        return Parsing.Names.Disambiguated(name.ToString(), exact, (ordinal > 1 ? "." + ordinal.ToString(CultureInfo.InvariantCulture) : string.Empty) + ".SockOpt.g.cs");
    }

    public static string Emit(SockOptMethodModel model, bool documentation = true)
    {
        if (model.Problems.Count > 0)
        {
            return EmitRefusal(model, documentation);
        }

        var command = model.Command!;
        var w = Open(model, documentation);

        var direction = model.IsGet ? SockOptDirection.Get : SockOptDirection.Set;
        var payload = command.PayloadKind == PayloadKind.None ? string.Empty : ", " + Payload(command);
        w.Line($"// {SockOptFacts.SystemCall(direction)}({SockOptFacts.LevelCName((SocketLevel)command.Level)}, {Parsing.Names.Comment(command.CName)} = {I(command.Number)}){payload}:");
        w.Line($"// {SockOptFacts.Explain((LengthRule)command.Rule, direction, command.PayloadKind != PayloadKind.None)}");
        var declaredIsTry = SockOptShapeForms.IsTry(model.Members[0].Shape);
        foreach (var member in model.Members)
        {
            w.Line();
            var parameters = string.Join(", ", member.Parameters.Select(p => $"{p.Modifier}{p.Type} {StructEmitter.Identifier(p.Name)}"));
            if (member.IsDeclared)
            {
                // One marker for the whole family: the analyzers find the added methods from its Family flags. It stands on
                // the declared method's implementation, which no other declaration's family can take.
                w.Line(Wrapper(model, command, direction));
            }
            else
            {
                w.Line($"/// <inheritdoc cref=\"{model.DocumentationId}\"/>");
                if (SockOptShapeForms.IsTry(member.Shape) && !declaredIsTry)
                {
                    w.Line("/// <returns><see cref=\"global::KernelStructs.Errno.None\"/> on success, else the error the kernel returned.</returns>");
                }
            }

            w.Line($"{member.Modifiers} {member.ReturnType} {StructEmitter.Identifier(member.Name)}({parameters})");
            w.Line($"    => {Body(command, member)};");
        }

        return Close(w, model);
    }

    /// <summary><c>[SockOptWrapper]</c> for the declared method: its command, its system call and the forms its family adds.</summary>
    private static string Wrapper(SockOptMethodModel model, SockOptCommandModel command, SockOptDirection direction)
    {
        var commandType = command.Constant.Substring(0, command.Constant.LastIndexOf('.'));
        var forms = model.Members.Where(m => !m.IsDeclared).Aggregate(SockOptForms.None, (all, m) => all | SockOptFamily.Form(m.Socket, SockOptShapeForms.IsTry(m.Shape)));
        var family = forms == SockOptForms.None
            ? string.Empty
            : ", Family = " + string.Join(" | ", SockOptFamily.All().Select(f => SockOptFamily.Form(f.Socket, f.IsTry)).Where(f => (forms & f) != 0).Select(f => "global::KernelStructs.SockOptForms." + f));
        return $"[global::KernelStructs.SockOptWrapper(typeof({commandType}), nameof({command.Constant}), global::KernelStructs.SockOptDirection.{direction}{family})]";
    }

    /// <summary>
    /// A declaration the analyzers report (KS2005, KS2007, KS2010, KS2012): a body that throws, so that the build's only
    /// error is the diagnostic that says what is wrong, not the compiler's missing partial implementation.
    /// </summary>
    private static string EmitRefusal(SockOptMethodModel model, bool documentation)
    {
        var w = Open(model, documentation);

        var member = model.Members[0];
        var ids = string.Join(", ", model.Problems.Select(p => p.Id).Distinct());
        var parameters = string.Join(", ", member.Parameters.Select(p => $"{p.Modifier}{p.Type} {StructEmitter.Identifier(p.Name)}"));
        w.Line($"// Not implemented: the declaration has {ids} (see the build's diagnostics).");
        var (typeParameters, constraints) = member.TypeParameters;
        w.Line($"{member.Modifiers} {member.ReturnType} {StructEmitter.Identifier(member.Name)}{typeParameters}({parameters}){(string.IsNullOrEmpty(constraints) ? string.Empty : " " + constraints)}");
        w.Line($"    => throw new global::System.NotSupportedException({StructEmitter.Literal($"{model.Name} is not implemented: its declaration has {ids}.")});");
        return Close(w, model);
    }

    /// <summary>The file's header, namespace and containing types, opened.</summary>
    private static SourceWriter Open(SockOptMethodModel model, bool documentation)
    {
        var w = new SourceWriter(documentation);
        w.Line("// <auto-generated/>");
        w.Line("#nullable enable");
        w.Line();
        if (model.Namespace is not null)
        {
            w.Line($"namespace {model.Namespace};");
            w.Line();
        }

        foreach (var type in model.ContainingTypes)
        {
            var keyword = "partial " + type.Keyword;
            w.Open($"{keyword} {type.Name}");
        }

        return w;
    }

    private static string Close(SourceWriter w, SockOptMethodModel model)
    {
        foreach (var _ in model.ContainingTypes)
        {
            w.Close();
        }

        return w.ToString();
    }

    /// <summary>
    /// The body: one call of the engine's entry point for the member's shape and socket form
    /// (<c>SockOptEntry.{shape}{socket}</c>), none of which is overloaded, so the compiler binds one candidate per call.
    /// </summary>
    private static string Body(SockOptCommandModel command, SockOptMemberModel member)
    {
        var p = member.Parameters.Select(x => StructEmitter.Identifier(x.Name)).ToList();
        var (socket, p1, p2) = (p[0], p.Count > 1 ? p[1] : string.Empty, p.Count > 2 ? p[2] : string.Empty);
        var level = (SocketLevel)command.Level;
        var levelText = SockOptFacts.IsNamed(level) ? "global::KernelStructs.SocketLevel." + level : $"(global::KernelStructs.SocketLevel){(command.Level < 0 ? "(" + I(command.Level) + ")" : I(command.Level))}";
        var head = $"{socket}, {levelText}, {command.Constant}";
        var rule = "global::KernelStructs.LengthRule." + (LengthRule)command.Rule;
        var name = StructEmitter.Literal(command.CName);
        var t = member.Payload;
        var arguments = member.Shape switch
        {
            SockOptShape.GetValue => $"<{t}>({head}, {rule}, {name})",
            SockOptShape.GetValueWithLength => $"<{t}>({head}, {rule}, {name}, out {p1})",
            SockOptShape.GetRef => $"<{t}>({head}, ref {p1}, {rule}, {name})",
            SockOptShape.GetSpan => $"({head}, {p1}, {rule}, {ShortestAnswer(command, p1)}, {name})",
            SockOptShape.TryGetValue => $"<{t}>({head}, {rule}, {name}, out {p1})",
            SockOptShape.TryGetValueWithLength => $"<{t}>({head}, {rule}, {name}, out {p1}, out {p2})",
            SockOptShape.TryGetRef => $"<{t}>({head}, ref {p1}, {rule}, {name})",
            SockOptShape.TryGetSpan => $"({head}, {p1}, {rule}, {ShortestAnswer(command, p1)}, {name}, out {p2})",
            SockOptShape.SetValue => $"<{t}>({head}, in {p1}, {name})",
            SockOptShape.SetSpan => $"({head}, {p1}, {name})",
            SockOptShape.SetNone => $"({head}, {name})",
            SockOptShape.TrySetValue => $"<{t}>({head}, in {p1})",
            SockOptShape.TrySetSpan => $"({head}, {p1})",
            _ => $"({head})",
        };
        return $"{Entry}.{member.Shape}{EntrySuffix(member.Socket)}{arguments}";
    }

    /// <summary>How an entry point's name ends for the socket form it takes (<c>SockOptEntry.GetValueFd</c>).</summary>
    private static string EntrySuffix(SocketKind socket) => socket switch
    {
        SocketKind.Socket => "Socket",
        SocketKind.SafeHandle => "Handle",
        _ => "Fd",
    };

    /// <summary>
    /// The length a variable-length answer is checked against: the payload's size (the header's, under
    /// HeaderPlusEntries); the whole buffer for raw bytes under Exact; nothing for a truncating command or raw bytes.
    /// </summary>
    private static string ShortestAnswer(SockOptCommandModel command, string buffer)
    {
        var count = command.Count > 1 ? I(command.Count) + " * " : string.Empty;
        return ((LengthRule)command.Rule, command.PayloadKind) switch
        {
            (LengthRule.Truncating, _) => "0",
            (LengthRule.Exact, PayloadKind.Bytes) => $"{buffer}.Length",
            (_, PayloadKind.KernelStruct) => $"{count}{command.Payload}.SizeOf",
            (_, PayloadKind.Scalar) => $"{count}global::System.Runtime.CompilerServices.Unsafe.SizeOf<{command.Payload}>()",
            _ => "0",
        };
    }

    private static string Payload(SockOptCommandModel command) => command.PayloadKind switch
    {
        PayloadKind.Bytes => "bytes",
        _ => command.Payload!.Replace("global::", string.Empty) + (command.Count > 1 ? $"[{I(command.Count)}]" : string.Empty),
    };

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Sanitize(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            result.Append(char.IsLetterOrDigit(c) ? c : '_');
        }

        return result.ToString();
    }
}
