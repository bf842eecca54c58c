using System.Collections.Generic;
using KernelStructs.Generator.Vocabulary;

namespace KernelStructs.Generator.Model;

/// <summary>The shapes a socket-option method can have; each maps to one call into the runtime's engine.</summary>
internal enum SockOptShape
{
    /// <summary><c>T M(S socket)</c>: GET, returns the answer.</summary>
    GetValue,

    /// <summary><c>T M(S socket, out int length)</c>: GET, returns the answer and the length the kernel wrote.</summary>
    GetValueWithLength,

    /// <summary><c>void M(S socket, ref T value)</c>: GET whose buffer carries input.</summary>
    GetRef,

    /// <summary><c>int M(S socket, Span&lt;byte&gt; buffer)</c>: GET of variable length, returns the kernel's length.</summary>
    GetSpan,

    /// <summary><c>Errno M(S socket, out T value)</c>.</summary>
    TryGetValue,

    /// <summary><c>Errno M(S socket, out T value, out int length)</c>.</summary>
    TryGetValueWithLength,

    /// <summary><c>Errno M(S socket, ref T value)</c>.</summary>
    TryGetRef,

    /// <summary><c>Errno M(S socket, Span&lt;byte&gt; buffer, out int length)</c>.</summary>
    TryGetSpan,

    /// <summary><c>void M(S socket, in T value)</c> or <c>void M(S socket, T value)</c>.</summary>
    SetValue,

    /// <summary><c>void M(S socket, ReadOnlySpan&lt;byte&gt; value)</c>.</summary>
    SetSpan,

    /// <summary><c>void M(S socket)</c>: a command without payload (length 0).</summary>
    SetNone,

    /// <summary><c>Errno M(S socket, in T value)</c>.</summary>
    TrySetValue,

    /// <summary><c>Errno M(S socket, ReadOnlySpan&lt;byte&gt; value)</c>.</summary>
    TrySetSpan,

    /// <summary><c>Errno M(S socket)</c>.</summary>
    TrySetNone,
}

/// <summary>The throwing and <c>Try</c> forms of the shapes.</summary>
internal static class SockOptShapeForms
{
    /// <summary>Whether the shape returns the errno instead of throwing.</summary>
    public static bool IsTry(SockOptShape shape) => shape is SockOptShape.TryGetValue or SockOptShape.TryGetValueWithLength or SockOptShape.TryGetRef
        or SockOptShape.TryGetSpan or SockOptShape.TrySetValue or SockOptShape.TrySetSpan or SockOptShape.TrySetNone;

    /// <summary>The throwing form of a <c>Try</c> shape, and the <c>Try</c> form of a throwing one.</summary>
    public static SockOptShape Counterpart(SockOptShape shape) => shape switch
    {
        SockOptShape.GetValue => SockOptShape.TryGetValue,
        SockOptShape.GetValueWithLength => SockOptShape.TryGetValueWithLength,
        SockOptShape.GetRef => SockOptShape.TryGetRef,
        SockOptShape.GetSpan => SockOptShape.TryGetSpan,
        SockOptShape.SetValue => SockOptShape.TrySetValue,
        SockOptShape.SetSpan => SockOptShape.TrySetSpan,
        SockOptShape.SetNone => SockOptShape.TrySetNone,
        SockOptShape.TryGetValue => SockOptShape.GetValue,
        SockOptShape.TryGetValueWithLength => SockOptShape.GetValueWithLength,
        SockOptShape.TryGetRef => SockOptShape.GetRef,
        SockOptShape.TryGetSpan => SockOptShape.GetSpan,
        SockOptShape.TrySetValue => SockOptShape.SetValue,
        SockOptShape.TrySetSpan => SockOptShape.SetSpan,
        _ => SockOptShape.SetNone,
    };
}

/// <summary>How a family member is listed in the declared method's <c>[SockOptWrapper(Family = ...)]</c>.</summary>
internal static class SockOptFamily
{
    /// <summary>The flag of the form that takes <paramref name="socket"/> and throws, or returns the errno (<paramref name="isTry"/>).</summary>
    public static SockOptForms Form(SocketKind socket, bool isTry) => (SockOptForms)(1 << ((int)socket * 2 + (isTry ? 1 : 0)));

    /// <summary>The forms, in the order of the flags (those of one kind of socket each are found in assemblies earlier versions built).</summary>
    public static IEnumerable<(SocketKind Socket, bool IsTry)> All()
    {
        foreach (var socket in new[] { SocketKind.Socket, SocketKind.SafeHandle, SocketKind.Descriptor, SocketKind.Target })
        {
            yield return (socket, false);
            yield return (socket, true);
        }
    }
}

/// <summary>How a method takes its socket.</summary>
internal enum SocketKind
{
    /// <summary><c>System.Net.Sockets.Socket</c>.</summary>
    Socket,

    /// <summary><c>System.Runtime.InteropServices.SafeHandle</c> (or a type derived from it, when declared).</summary>
    SafeHandle,

    /// <summary>An <c>int</c> file descriptor.</summary>
    Descriptor,

    /// <summary><c>KernelStructs.SocketTarget</c>: any of the three, converted implicitly (the forms a family adds take it).</summary>
    Target,
}

/// <summary>What a command's payload is, which decides how a buffer's shortest acceptable answer is written.</summary>
internal enum PayloadKind
{
    /// <summary><c>typeof(void)</c>: no payload, length 0.</summary>
    None,

    /// <summary><c>typeof(byte)</c>: raw bytes of a length the kernel decides.</summary>
    Bytes,

    /// <summary>An integer, enum or byte-order type.</summary>
    Scalar,

    /// <summary>A <c>[KernelStruct]</c> (with its <c>SizeOf</c> constant).</summary>
    KernelStruct,
}

/// <summary>One parameter as generated code declares it.</summary>
internal sealed record ParameterModel(string Modifier, string Type, string Name);

/// <summary>
/// A <c>[SockOptCommand]</c> constant as the generator needs it: everything about the command, stated once on the constant.
/// </summary>
/// <param name="Constant">The constant, fully qualified (<c>global::KernelStructs.Conntrack.SO_ORIGINAL_DST</c>): generated code names it.</param>
/// <param name="CName">The C name, for messages: the constant's name unless the attribute gives another.</param>
/// <param name="Number">The option number (the constant's value), for comments.</param>
/// <param name="Level">The level.</param>
/// <param name="Direction">The <c>SockOptDirection</c> flags.</param>
/// <param name="Rule">The <c>LengthRule</c> value.</param>
/// <param name="PayloadKind">What the payload is.</param>
/// <param name="Payload">The payload type, fully qualified; <see langword="null"/> for none.</param>
/// <param name="Count">How many payloads the kernel copies (a C array of them).</param>
internal sealed record SockOptCommandModel(
    string Constant,
    string CName,
    int Number,
    int Level,
    int Direction,
    int Rule,
    PayloadKind PayloadKind,
    string? Payload,
    int Count);

/// <summary>One method the generator writes: the declared partial method's implementation, or a member of its family.</summary>
/// <param name="Modifiers">Its modifiers (<c>public static partial</c> for the declared one).</param>
/// <param name="ReturnType">The return type, fully qualified.</param>
/// <param name="Name">The name.</param>
/// <param name="Parameters">The parameters; the first is the socket.</param>
/// <param name="Shape">Which engine call implements it.</param>
/// <param name="Payload">The value type of a value shape, fully qualified; <see langword="null"/> for span and empty shapes.</param>
/// <param name="IsDeclared">Whether this is the user's declaration (else a family member, documented by it).</param>
/// <param name="TypeParameters">A refused generic declaration's type parameter list and constraints as written (<c>&lt;T&gt;</c>, <c>where T : struct</c>).</param>
/// <param name="Socket">How the method takes its socket, which names the engine entry point its body calls.</param>
internal sealed record SockOptMemberModel(
    string Modifiers,
    string ReturnType,
    string Name,
    EquatableArray<ParameterModel> Parameters,
    SockOptShape Shape,
    string? Payload,
    bool IsDeclared,
    (string List, string Constraints) TypeParameters = default,
    SocketKind Socket = SocketKind.Socket);

/// <summary>A <c>[GetSockOpt]</c>/<c>[SetSockOpt]</c> partial method: the unit the generator caches and emits from.</summary>
/// <param name="Namespace">The namespace, or <see langword="null"/>.</param>
/// <param name="ContainingTypes">Containing types, outermost first (the method's own class last).</param>
/// <param name="Name">The declared method's name.</param>
/// <param name="IsGet">GET (<c>getsockopt</c>) or SET (<c>setsockopt</c>).</param>
/// <param name="Command">The command the method names, or <see langword="null"/> when it names none (a problem).</param>
/// <param name="DocumentationId">How generated members refer to the declaration in <c>&lt;inheritdoc cref="..."/&gt;</c>.</param>
/// <param name="Members">
/// The declared method first, then the family members the generator adds. With <paramref name="Problems"/>, only the
/// declared method, whose body then throws (when a body can be written at all; else none).
/// </param>
/// <param name="Problems">What is wrong with the declaration.</param>
internal sealed record SockOptMethodModel(
    string? Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string Name,
    bool IsGet,
    SockOptCommandModel? Command,
    string DocumentationId,
    EquatableArray<SockOptMemberModel> Members,
    EquatableArray<Problem> Problems);

/// <summary>A field that stands for a command (<see cref="Parsing.CommandAliases"/>), as the generator records it on the assembly.</summary>
/// <param name="Field">The field, as a documentation comment ID.</param>
/// <param name="Command">The command constant, as a documentation comment ID.</param>
/// <param name="FieldDisplay">The field as a reader names it, for the generated comment.</param>
/// <param name="CommandDisplay">The command as a reader names it.</param>
internal sealed record CommandAliasModel(string Field, string Command, string FieldDisplay, string CommandDisplay);
