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
/// Marks a method the generator wrote for a <c>[GetSockOpt]</c>/<c>[SetSockOpt]</c> declaration (the declared one and its
/// family), naming the command constant it calls: a referenced assembly keeps only the number in the declaration's
/// attribute, and the analyzers need the command itself to offer the method in place of a raw call.
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
}
