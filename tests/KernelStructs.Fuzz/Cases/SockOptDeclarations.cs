using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace KernelStructs.Fuzz.Cases;

/// <summary>
/// A <c>[SockOptCommand]</c> constant: <c>[SockOptCommand(level, direction, typeof(payload), Named = ...)] modifiers Type Name = Value;</c>.
/// Every part is C# source text, except the payload, which follows a kernel struct of the case through renames.
/// </summary>
internal sealed class CommandNode
{
    public string Spelling { get; set; } = "SockOptCommand";

    public string Level { get; set; } = "SocketLevel.IP";

    public string Direction { get; set; } = "SockOptDirection.Get";

    /// <summary>The payload as a kernel struct of the case, or <see langword="null"/> when <see cref="PayloadText"/> says it.</summary>
    public TypeNode? PayloadStruct { get; set; }

    public string PayloadText { get; set; } = "uint";

    /// <summary>The third argument as written, when a mutation replaced <c>typeof(payload)</c>.</summary>
    public string? PayloadArgument { get; set; }

    public List<KeyValuePair<string, string>> Named { get; } = new();

    /// <summary>Positional arguments written after the three the constructor takes.</summary>
    public List<string> ExtraArguments { get; } = new();

    /// <summary>More attributes on the same constant (a second annotation, another attribute).</summary>
    public List<string> ExtraAttributes { get; } = new();

    public string Modifiers { get; set; } = "public const";

    public string Type { get; set; } = "int";

    public string Name { get; set; } = "CMD";

    public string Value { get; set; } = "64";

    public string Payload => PayloadStruct?.Name ?? PayloadText;

    public bool IsGet => Direction.EndsWith(".Get", System.StringComparison.Ordinal) || Direction.EndsWith(".Both", System.StringComparison.Ordinal);

    public bool IsSet => Direction.EndsWith(".Set", System.StringComparison.Ordinal) || Direction.EndsWith(".Both", System.StringComparison.Ordinal);

    public CommandNode Set(string name, string value)
    {
        Named.RemoveAll(n => n.Key == name);
        Named.Add(new(name, value));
        return this;
    }

    public string Render()
    {
        var arguments = new List<string> { Level, Direction, PayloadArgument ?? $"typeof({Payload})" };
        arguments.AddRange(ExtraArguments);
        arguments.AddRange(Named.Select(n => $"{n.Key} = {n.Value}"));
        var text = new StringBuilder();
        text.Append('[').Append(Spelling).Append('(').Append(string.Join(", ", arguments)).Append(")]\n");
        foreach (var attribute in ExtraAttributes)
        {
            text.Append(attribute.Replace("$PAYLOAD", Payload)).Append('\n');
        }

        text.Append(Modifiers).Append(' ').Append(Type).Append(' ').Append(Name).Append(" = ").Append(Value).Append(';');
        return text.ToString();
    }
}

/// <summary>
/// A <c>[GetSockOpt]</c>/<c>[SetSockOpt]</c> wrapper. Its signature is one of the documented shapes, drawn from
/// <see cref="Shape"/>, with the payload and the socket filled in when written; mutations may replace any part.
/// </summary>
internal sealed class WrapperNode
{
    /// <summary>The documented shapes: <c>$T</c> is the payload, <c>$S</c> the socket, <c>$N</c> the method's name.</summary>
    public static readonly Dictionary<string, (bool Get, string Signature)> Shapes = new()
    {
        ["get.value"] = (true, "$T $N($S socket)"),
        ["get.valueLength"] = (true, "$T $N($S socket, out int length)"),
        ["get.ref"] = (true, "void $N($S socket, ref $T value)"),
        ["get.span"] = (true, "int $N($S socket, Span<byte> buffer)"),
        ["get.tryOut"] = (true, "Errno Try$N($S socket, out $T value)"),
        ["get.tryOutLength"] = (true, "Errno Try$N($S socket, out $T value, out int length)"),
        ["get.tryRef"] = (true, "Errno Try$N($S socket, ref $T value)"),
        ["get.trySpan"] = (true, "Errno Try$N($S socket, Span<byte> buffer, out int length)"),
        ["set.in"] = (false, "void $N($S socket, in $T value)"),
        ["set.value"] = (false, "void $N($S socket, $T value)"),
        ["set.bytes"] = (false, "void $N($S socket, ReadOnlySpan<byte> value)"),
        ["set.none"] = (false, "void $N($S socket)"),
        ["set.tryIn"] = (false, "Errno Try$N($S socket, in $T value)"),
        ["set.tryValue"] = (false, "Errno Try$N($S socket, $T value)"),
        ["set.tryBytes"] = (false, "Errno Try$N($S socket, ReadOnlySpan<byte> value)"),
        ["set.tryNone"] = (false, "Errno Try$N($S socket)"),
    };

    public WrapperNode(CommandNode command, string shape)
    {
        Command = command;
        Shape = shape;
        Attribute = Shapes[shape].Get ? "GetSockOpt" : "SetSockOpt";
    }

    public CommandNode Command { get; set; }

    public string Shape { get; set; }

    /// <summary><c>GetSockOpt</c> or <c>SetSockOpt</c> (or another spelling).</summary>
    public string Attribute { get; set; }

    /// <summary>The attribute's argument list as written, when a mutation replaced <c>(COMMAND)</c>; <c>$C</c> is the command's name.</summary>
    public string? Arguments { get; set; }

    /// <summary>More attributes on the method.</summary>
    public List<string> ExtraAttributes { get; } = new();

    public string? Doc { get; set; }

    public string Modifiers { get; set; } = "public static partial";

    public string Socket { get; set; } = "Socket";

    public string Name { get; set; } = "GetOption";

    public string TypeParameters { get; set; } = string.Empty;

    /// <summary>The whole signature after the modifiers, when a mutation wrote one; <c>$T</c>, <c>$S</c>, <c>$N</c> as in <see cref="Shapes"/>.</summary>
    public string? Signature { get; set; }

    /// <summary>What ends the declaration: <c>;</c>, or a body.</summary>
    public string End { get; set; } = ";";

    public string Render()
    {
        var text = new StringBuilder();
        if (Doc is not null)
        {
            text.Append(Doc).Append('\n');
        }

        text.Append('[').Append(Attribute).Append(Arguments?.Replace("$C", Command.Name) ?? $"({Command.Name})").Append("]\n");
        foreach (var attribute in ExtraAttributes)
        {
            text.Append(attribute.Replace("$C", Command.Name)).Append('\n');
        }

        var signature = (Signature ?? Shapes[Shape].Signature)
            .Replace("$N", Name + TypeParameters)
            .Replace("$T", Command.Payload)
            .Replace("$S", Socket);
        text.Append(Modifiers).Append(' ').Append(signature).Append(End);
        return text.ToString();
    }
}

/// <summary>A type that declares commands and wrappers (the commands may also live elsewhere).</summary>
internal sealed class SockOptTypeNode
{
    public SockOptTypeNode(TypeNode owner) => Owner = owner;

    public TypeNode Owner { get; }

    public List<CommandNode> Commands { get; } = new();

    public List<WrapperNode> Wrappers { get; } = new();

    /// <summary>Where each command is declared, when not in <see cref="Owner"/>.</summary>
    public Dictionary<CommandNode, TypeNode> Elsewhere { get; } = new();

    /// <summary>Writes the commands and wrappers into their types as members, once all mutations are done.</summary>
    public void Materialize()
    {
        foreach (var command in Commands)
        {
            var into = Elsewhere.GetValueOrDefault(command) ?? Owner;
            into.Members.Add(new MemberNode { Kind = MemberKind.Raw, Raw = command.Render().Replace("\n", "\n" + "    ") });
        }

        foreach (var wrapper in Wrappers)
        {
            Owner.Members.Add(new MemberNode { Kind = MemberKind.Raw, Raw = wrapper.Render().Replace("\n", "\n" + "    ") });
        }
    }
}
