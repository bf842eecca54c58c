using System;
using System.ComponentModel;

namespace KernelStructs;

/// <summary>
/// Marks a method that makes a <c>getsockopt</c> or <c>setsockopt</c> call, so that the analyzers recognise its calls by
/// this attribute, whatever the method's name. <see cref="SockOpt"/>'s methods carry it; so may a user's own helpers.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class SockOptCallAttribute : Attribute
{
    /// <param name="direction">The system call the method makes: <see cref="SockOptDirection.Get"/> or <see cref="SockOptDirection.Set"/>.</param>
    public SockOptCallAttribute(SockOptDirection direction) => Direction = direction;

    /// <summary>The system call the method makes.</summary>
    public SockOptDirection Direction { get; }
}

/// <summary>
/// Marks what a parameter of a <see cref="SockOptCallAttribute"/> method carries to the system call, so that the analyzers
/// find the level, the command and the value by this attribute, whatever the parameters' names.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class SockOptArgumentAttribute : Attribute
{
    /// <param name="role">What the parameter carries.</param>
    public SockOptArgumentAttribute(SockOptArgumentRole role) => Role = role;

    /// <summary>What the parameter carries.</summary>
    public SockOptArgumentRole Role { get; }
}

/// <summary>
/// Marks the implementation the generator wrote for a <c>[GetSockOpt]</c>/<c>[SetSockOpt]</c> declaration, naming the
/// command constant it calls (a referenced assembly keeps only the number in the declaration's attribute, and the
/// analyzers need the command itself to offer the method in place of a raw call) and, in <see cref="Family"/>, the
/// methods the generator added beside it, which call the same command and carry no attribute of their own.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class SockOptWrapperAttribute : Attribute
{
    /// <param name="commandType">The type that declares the command constant.</param>
    /// <param name="commandName">The constant's name.</param>
    /// <param name="direction">The system call the method makes.</param>
    public SockOptWrapperAttribute(Type commandType, string commandName, SockOptDirection direction)
    {
        CommandType = commandType;
        CommandName = commandName;
        Direction = direction;
    }

    /// <summary>The type that declares the command constant.</summary>
    public Type CommandType { get; }

    /// <summary>The constant's name.</summary>
    public string CommandName { get; }

    /// <summary>The system call the method makes.</summary>
    public SockOptDirection Direction { get; }

    /// <summary>
    /// The methods of the declaration's family the generator added: each is named like the declared method (with or
    /// without <c>Try</c>), takes the kind of socket its flag names, and has the declared method's payload.
    /// </summary>
    public SockOptForms Family { get; set; }
}

/// <summary>
/// Records, on the assembly, that a constant or <c>readonly</c> field stands for a <see cref="SockOptCommandAttribute"/>
/// command: it is initialised from the command (directly or through other such fields) and never assigned again. The
/// generator writes one for each such field, so that the analyzers of this assembly and of the projects that reference
/// it follow the field to its command by symbol: a referenced assembly keeps only a constant's value, which does not
/// say which command it is (64 at <c>SOL_IP</c> is <c>IPT_SO_GET_INFO</c> and <c>IPT_SO_SET_REPLACE</c>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly, Inherited = false, AllowMultiple = true)]
public sealed class SockOptCommandAliasAttribute : Attribute
{
    /// <param name="field">The field, as a documentation comment ID (<c>F:Namespace.Type.Name</c>).</param>
    /// <param name="command">The command constant it stands for, as a documentation comment ID.</param>
    public SockOptCommandAliasAttribute(string field, string command)
    {
        Field = field;
        Command = command;
    }

    /// <summary>The field, as a documentation comment ID.</summary>
    public string Field { get; }

    /// <summary>The command constant it stands for, as a documentation comment ID.</summary>
    public string Command { get; }
}
