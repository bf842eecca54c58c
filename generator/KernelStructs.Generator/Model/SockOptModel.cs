namespace KernelStructs.Generator.Model;

/// <summary>The parameter shapes a socket-option method can have; each maps to one runtime call.</summary>
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

    /// <summary><c>Errno M(S socket, ref T value)</c>.</summary>
    TryGetRef,

    /// <summary><c>Errno M(S socket, Span&lt;byte&gt; buffer, out int length)</c>.</summary>
    TryGetSpan,

    /// <summary><c>void M(S socket, in T value)</c> or <c>void M(S socket, T value)</c>.</summary>
    SetValue,

    /// <summary><c>void M(S socket, ReadOnlySpan&lt;byte&gt; value)</c>.</summary>
    SetSpan,

    /// <summary><c>Errno M(S socket, in T value)</c>.</summary>
    TrySetValue,

    /// <summary><c>Errno M(S socket, ReadOnlySpan&lt;byte&gt; value)</c>.</summary>
    TrySetSpan,
}

/// <summary>One parameter as the generated implementation redeclares it.</summary>
internal sealed record ParameterModel(string Modifier, string Type, string Name);

/// <summary>A <c>[GetSockOpt]</c>/<c>[SetSockOpt]</c> partial method: the unit the generator emits from.</summary>
/// <param name="Namespace">The namespace, or <see langword="null"/>.</param>
/// <param name="ContainingTypes">Containing types, outermost first (the method's own class last).</param>
/// <param name="Modifiers">The declaration's modifiers, e.g. <c>public static partial</c>.</param>
/// <param name="ReturnType">The return type, fully qualified.</param>
/// <param name="Name">The method name.</param>
/// <param name="Parameters">The parameters.</param>
/// <param name="IsGet">GET (<c>getsockopt</c>) or SET (<c>setsockopt</c>).</param>
/// <param name="Level">The level number.</param>
/// <param name="OptionName">The option number.</param>
/// <param name="OptionDisplayName">The option's C name for messages.</param>
/// <param name="Length">The <c>LengthRule</c> value.</param>
/// <param name="Shape">Which runtime call implements it.</param>
/// <param name="Payload">The payload type, fully qualified, for generic calls.</param>
/// <param name="Header">For a span buffer: the <c>[KernelStruct]</c> header type, fully qualified, whose <c>SizeOf</c> the length rule is stated against; or <see langword="null"/>.</param>
/// <param name="Problems">What is wrong with the declaration.</param>
internal sealed record SockOptMethodModel(
    string? Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string Modifiers,
    string ReturnType,
    string Name,
    EquatableArray<ParameterModel> Parameters,
    bool IsGet,
    int Level,
    int OptionName,
    string OptionDisplayName,
    int Length,
    SockOptShape Shape,
    string? Payload,
    string? Header,
    EquatableArray<Problem> Problems);
