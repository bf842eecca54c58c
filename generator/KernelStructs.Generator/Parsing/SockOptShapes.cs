using System.Collections.Generic;
using System.Linq;
using KernelStructs.Generator.Model;
using KernelStructs.Generator.Vocabulary;
using Microsoft.CodeAnalysis;

namespace KernelStructs.Generator.Parsing;

/// <summary>A socket-option method's shape, read from its signature.</summary>
/// <param name="Method">The method.</param>
/// <param name="Shape">Which engine call implements it.</param>
/// <param name="Socket">How it takes the socket.</param>
/// <param name="Payload">The value type of a value shape (returned, or the second parameter's).</param>
/// <param name="ValueName">The name of its value or buffer parameter, if it has one.</param>
/// <param name="ValueModifier">The value parameter's modifier (<c>in </c>, <c>ref </c>, <c>out </c> or none).</param>
/// <param name="LengthName">The name of its <c>out int</c> length parameter, if it has one.</param>
/// <param name="Reason">Why no engine call implements it, or <see langword="null"/>.</param>
internal sealed record SockOptSignature(
    IMethodSymbol Method,
    SockOptShape Shape,
    SocketKind Socket,
    ITypeSymbol? Payload,
    string? ValueName,
    string ValueModifier,
    string? LengthName,
    string? Reason);

/// <summary>
/// The shapes a wrapper may have, and the family one declaration yields: beside the declared method, its throwing and its
/// <c>Try</c> form taking a <c>KernelStructs.SocketTarget</c>, which a <c>Socket</c>, a <c>SafeHandle</c> and an <c>int</c>
/// convert to implicitly. A call with the declared socket type binds the declared method (an identity conversion beats a
/// user-defined one); every other socket binds the added form.
/// </summary>
internal static class SockOptShapes
{
    private const string SocketType = "global::System.Net.Sockets.Socket";
    private const string SafeHandleType = "global::System.Runtime.InteropServices.SafeHandle";
    private const string TargetType = "global::KernelStructs.SocketTarget";
    private const string ErrnoType = "global::KernelStructs.Errno";
    private const string SpanType = "global::System.Span<byte>";
    private const string ReadOnlySpanType = "global::System.ReadOnlySpan<byte>";

    /// <summary>Which engine call implements the method, or why none does.</summary>
    public static SockOptSignature Classify(IMethodSymbol method, bool isGet)
    {
        SockOptSignature Fail(string reason) => new(method, default, default, null, null, string.Empty, null, reason);
        SockOptSignature Ok(SockOptShape shape, ITypeSymbol? payload = null, IParameterSymbol? value = null, IParameterSymbol? length = null)
            => new(method, shape, SocketOf(method.Parameters[0].Type)!.Value, payload, value?.Name, value is null ? string.Empty : SockOptParser.Modifier(value.RefKind), length?.Name, null);

        var parameters = method.Parameters;
        if (parameters.Length == 0 || SocketOf(parameters[0].Type) is null || parameters[0].RefKind != RefKind.None)
        {
            return Fail("its first parameter must be the socket: a System.Net.Sockets.Socket, a SafeHandle, an int file descriptor or a KernelStructs.SocketTarget");
        }

        if (method.IsVararg)
        {
            return Fail("it must not take __arglist: the socket, the payload and the length are all it can be given");
        }

        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return Fail("it must return by value, not by reference (ref or ref readonly)");
        }

        // Written scoped, not implicitly so (out parameters are): the syntax says which.
        if (parameters.FirstOrDefault(IsWrittenScoped) is { } scoped)
        {
            return Fail($"its parameter {scoped.Name} must not be scoped");
        }

        var returnsErrno = TypeNames.Is(method.ReturnType, "KernelStructs.Errno");
        var rest = parameters.Skip(1).ToList();
        // Nullable<T> counts as unmanaged, but the engine's `unmanaged` constraint also demands a non-nullable struct (CS8377).
        bool IsValue(ITypeSymbol type) => type.IsUnmanagedType && type.IsValueType && !type.IsRefLikeType
            && type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T;
        bool IsLength(IParameterSymbol p) => p.RefKind == RefKind.Out && p.Type.SpecialType == SpecialType.System_Int32;
        var returnsValue = !returnsErrno && !method.ReturnsVoid;

        if (isGet)
        {
            switch (rest.Count)
            {
                case 0 when returnsValue:
                    return IsValue(method.ReturnType) ? Ok(SockOptShape.GetValue, method.ReturnType) : Fail($"its return type {method.ReturnType} is not an unmanaged struct");
                case 1 when IsSpan(rest[0].Type, readOnly: false) && rest[0].RefKind == RefKind.None && method.ReturnType.SpecialType == SpecialType.System_Int32:
                    return Ok(SockOptShape.GetSpan, value: rest[0]);
                case 1 when IsLength(rest[0]) && returnsValue:
                    return IsValue(method.ReturnType) ? Ok(SockOptShape.GetValueWithLength, method.ReturnType, length: rest[0]) : Fail($"its return type {method.ReturnType} is not an unmanaged struct");
                case 1 when rest[0].RefKind == RefKind.Ref && method.ReturnsVoid:
                    return IsValue(rest[0].Type) ? Ok(SockOptShape.GetRef, rest[0].Type, rest[0]) : Fail($"{rest[0].Type} is not an unmanaged struct");
                case 1 when rest[0].RefKind == RefKind.Out && returnsErrno:
                    return IsValue(rest[0].Type) ? Ok(SockOptShape.TryGetValue, rest[0].Type, rest[0]) : Fail($"{rest[0].Type} is not an unmanaged struct");
                case 1 when rest[0].RefKind == RefKind.Ref && returnsErrno:
                    return IsValue(rest[0].Type) ? Ok(SockOptShape.TryGetRef, rest[0].Type, rest[0]) : Fail($"{rest[0].Type} is not an unmanaged struct");
                case 2 when returnsErrno && IsSpan(rest[0].Type, readOnly: false) && rest[0].RefKind == RefKind.None && IsLength(rest[1]):
                    return Ok(SockOptShape.TryGetSpan, value: rest[0], length: rest[1]);
                case 2 when returnsErrno && rest[0].RefKind == RefKind.Out && IsLength(rest[1]):
                    return IsValue(rest[0].Type) ? Ok(SockOptShape.TryGetValueWithLength, rest[0].Type, rest[0], rest[1]) : Fail($"{rest[0].Type} is not an unmanaged struct");
            }

            return Fail("a GET method is one of: T M(S), T M(S, out int length), void M(S, ref T), int M(S, Span<byte>), and their Try forms Errno M(S, out T), Errno M(S, out T, out int length), Errno M(S, ref T), Errno M(S, Span<byte>, out int length)");
        }

        if (method.ReturnsVoid || returnsErrno)
        {
            if (rest.Count == 0)
            {
                return Ok(returnsErrno ? SockOptShape.TrySetNone : SockOptShape.SetNone);
            }

            if (rest.Count == 1 && IsSpan(rest[0].Type, readOnly: true) && rest[0].RefKind == RefKind.None)
            {
                return Ok(returnsErrno ? SockOptShape.TrySetSpan : SockOptShape.SetSpan, value: rest[0]);
            }

            if (rest.Count == 1 && rest[0].RefKind is RefKind.None or RefKind.In)
            {
                return IsValue(rest[0].Type)
                    ? Ok(returnsErrno ? SockOptShape.TrySetValue : SockOptShape.SetValue, rest[0].Type, rest[0])
                    : Fail($"{rest[0].Type} is not an unmanaged struct");
            }
        }

        return Fail("a SET method is one of: void M(S, in T), void M(S, T), void M(S, ReadOnlySpan<byte>), void M(S) for a command without payload, and their Try forms returning Errno");
    }

    /// <summary>
    /// The members one declaration adds: its shape and its counterpart (throwing or <c>Try</c>) for each kind of socket,
    /// except the declaration itself, any signature the type already has, and any signature an earlier declaration's
    /// family adds (two families must not both add a method, nor two methods that differ only by <c>ref</c>, <c>out</c>
    /// or <c>in</c>). When two declarations of a type belong to one family (<c>GetInfo(int)</c> and
    /// <c>TryGetInfo(int, out IpVsGetInfo)</c>), the first in source order adds it.
    /// </summary>
    public static IEnumerable<SockOptMemberModel> Family(IMethodSymbol method, SockOptSignature signature, string modifiers)
    {
        var isGet = signature.Shape < SockOptShape.SetValue;
        var key = FamilyKey(signature);
        var type = method.ContainingType;
        if (type is null || key is null)
        {
            yield break;
        }

        var earlier = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var sibling in type.GetMembers().OfType<IMethodSymbol>())
        {
            if (SymbolEqualityComparer.Default.Equals(sibling, method) || !sibling.IsPartialDefinition || !IsEarlier(sibling, method)
                || BaseName(sibling.Name) != BaseName(method.Name) || Direction(sibling) is not { } siblingIsGet)
            {
                continue;
            }

            var siblingSignature = Classify(sibling, siblingIsGet);
            if (siblingIsGet == isGet && FamilyKey(siblingSignature) == key)
            {
                yield break;
            }

            if (siblingSignature.Reason is null)
            {
                earlier.UnionWith(Candidates(sibling, siblingSignature, modifiers).Select(OverloadKey));
            }
        }

        foreach (var member in Candidates(method, signature, modifiers))
        {
            if (!Exists(type, member.Name, member.Parameters) && !NameTaken(type, member.Name) && !earlier.Contains(OverloadKey(member)))
            {
                yield return member;
            }
        }
    }

    /// <summary>Every member of a declaration's family, before those the type or an earlier family has are left out.</summary>
    private static IEnumerable<SockOptMemberModel> Candidates(IMethodSymbol method, SockOptSignature signature, string modifiers)
    {
        var isTry = SockOptShapeForms.IsTry(signature.Shape);
        var payload = signature.Payload?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var declaredSocket = method.Parameters[0];
        var forms = isTry ? new[] { SockOptShapeForms.Counterpart(signature.Shape), signature.Shape } : new[] { signature.Shape, SockOptShapeForms.Counterpart(signature.Shape) };
        foreach (var form in forms)
        {
            var name = FormName(method.Name, isTry, SockOptShapeForms.IsTry(form));
            if (name is null || (signature.Socket == SocketKind.Target && form == signature.Shape))
            {
                continue;
            }

            // The socket parameter keeps the declared name: a call that names it (socket: s) reads the same on every form.
            var socketParameter = new ParameterModel(string.Empty, SocketParameterType(SocketKind.Target), declaredSocket.Name);
            var (returnType, following) = Signature(form, payload, signature);
            var parameters = DistinctNames(new[] { socketParameter }.Concat(following)).ToEquatableArray();
            yield return new SockOptMemberModel(modifiers, returnType, name, parameters, form, payload, IsDeclared: false, Socket: SocketKind.Target);
        }
    }

    /// <summary>
    /// The method a declaration's family added for one form (<see cref="SockOptForms"/>), found again by what
    /// <see cref="Candidates"/> gives it: its name, its socket parameter's type, its shape and the declaration's payload.
    /// Null when the type has no such method.
    /// </summary>
    public static SockOptSignature? FamilyMember(SockOptSignature declared, SocketKind socket, bool isTry)
    {
        var method = declared.Method;
        var declaredIsTry = SockOptShapeForms.IsTry(declared.Shape);
        var isGet = declared.Shape < SockOptShape.SetValue;
        var shape = isTry == declaredIsTry ? declared.Shape : SockOptShapeForms.Counterpart(declared.Shape);
        var socketType = socket == declared.Socket ? ParameterType(method.Parameters[0].Type) : SocketParameterType(socket);
        if (method.ContainingType is not { } type || FormName(method.Name, declaredIsTry, isTry) is not { } name)
        {
            return null;
        }

        foreach (var candidate in type.GetMembers(name).OfType<IMethodSymbol>())
        {
            if (candidate.IsStatic && candidate.Parameters.Length > 0 && ParameterType(candidate.Parameters[0].Type) == socketType
                && Classify(candidate, isGet) is { Reason: null } signature && signature.Shape == shape
                && SymbolEqualityComparer.Default.Equals(signature.Payload, declared.Payload))
            {
                return signature;
            }
        }

        return null;
    }

    /// <summary>
    /// The parameters with every name used once: a form's own names (<c>fd</c>, <c>socket</c>, <c>buffer</c>,
    /// <c>length</c>) can be names the declaration gave its other parameters (<c>Span&lt;byte&gt; length</c>), and then
    /// the later one is numbered (<c>length2</c>), as a parameter list cannot name two parameters alike (CS0100).
    /// </summary>
    private static IEnumerable<ParameterModel> DistinctNames(IEnumerable<ParameterModel> parameters)
    {
        var all = parameters.ToList();
        var used = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var parameter in all)
        {
            var name = parameter.Name;
            for (var n = 2; used.Contains(name) || (name != parameter.Name && all.Any(p => p.Name == name)); n++)
            {
                name = parameter.Name + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            used.Add(name);
            yield return name == parameter.Name ? parameter : parameter with { Name = name };
        }
    }

    /// <summary>The name of a family's throwing or <c>Try</c> form, from the declared name; null when a <c>Try</c> declaration has no name without it.</summary>
    private static string? FormName(string declaredName, bool declaredIsTry, bool isTry)
        => isTry == declaredIsTry ? declaredName
            : isTry ? "Try" + declaredName
            : declaredName.StartsWith("Try", System.StringComparison.Ordinal) && declaredName.Length > 3 ? declaredName.Substring(3) : null;

    /// <summary>The socket parameter's type of a form the declaration does not take its socket like.</summary>
    private static string SocketParameterType(SocketKind socket) => socket switch
    {
        SocketKind.Socket => SocketType,
        SocketKind.SafeHandle => SafeHandleType,
        SocketKind.Target => TargetType,
        _ => "int",
    };

    /// <summary>What C# tells overloads apart by: the name, and each parameter's type and whether it is by reference.</summary>
    private static string OverloadKey(SockOptMemberModel member)
        => member.Name + "(" + string.Join(",", member.Parameters.Select(p => (p.Modifier.Length == 0 ? string.Empty : "&") + p.Type)) + ")";

    /// <summary>A wrapper's name without <c>Try</c>: only declarations with the same one can add the same names.</summary>
    private static string BaseName(string name) => name.StartsWith("Try", System.StringComparison.Ordinal) && name.Length > 3 ? name.Substring(3) : name;

    /// <summary>Whether a method is a GET (true) or SET (false) wrapper; null when it is neither, or both (refused).</summary>
    private static bool? Direction(IMethodSymbol method)
    {
        var get = AttributeArguments.Find(method, KnownNames.GetSockOptAttribute) is not null;
        var set = AttributeArguments.Find(method, KnownNames.SetSockOptAttribute) is not null;
        return get == set ? null : get;
    }

    /// <summary>The return type and the parameters after the socket of a shape, named as the declaration names them.</summary>
    private static (string ReturnType, ParameterModel[] Following) Signature(SockOptShape shape, string? payload, SockOptSignature declared)
    {
        var value = declared.ValueName ?? "value";
        var buffer = declared.ValueName ?? "buffer";
        var length = declared.LengthName ?? "length";
        var t = payload ?? "byte";
        var setModifier = declared.ValueModifier == "in " ? "in " : string.Empty;
        return shape switch
        {
            SockOptShape.GetValue => (t, new ParameterModel[0]),
            SockOptShape.TryGetValue => (ErrnoType, new[] { new ParameterModel("out ", t, value) }),
            SockOptShape.GetValueWithLength => (t, new[] { new ParameterModel("out ", "int", length) }),
            SockOptShape.TryGetValueWithLength => (ErrnoType, new[] { new ParameterModel("out ", t, value), new ParameterModel("out ", "int", length) }),
            SockOptShape.GetRef => ("void", new[] { new ParameterModel("ref ", t, value) }),
            SockOptShape.TryGetRef => (ErrnoType, new[] { new ParameterModel("ref ", t, value) }),
            SockOptShape.GetSpan => ("int", new[] { new ParameterModel(string.Empty, SpanType, buffer) }),
            SockOptShape.TryGetSpan => (ErrnoType, new[] { new ParameterModel(string.Empty, SpanType, buffer), new ParameterModel("out ", "int", length) }),
            SockOptShape.SetValue => ("void", new[] { new ParameterModel(setModifier, t, value) }),
            SockOptShape.TrySetValue => (ErrnoType, new[] { new ParameterModel(setModifier, t, value) }),
            SockOptShape.SetSpan => ("void", new[] { new ParameterModel(string.Empty, ReadOnlySpanType, value) }),
            SockOptShape.TrySetSpan => (ErrnoType, new[] { new ParameterModel(string.Empty, ReadOnlySpanType, value) }),
            SockOptShape.SetNone => ("void", new ParameterModel[0]),
            _ => (ErrnoType, new ParameterModel[0]),
        };
    }

    /// <summary>Whether the type already has a method of this signature (by-value and by-reference parameters told apart, as C# does).</summary>
    private static bool Exists(INamedTypeSymbol type, string name, EquatableArray<ParameterModel> parameters)
        => type.GetMembers(name).OfType<IMethodSymbol>().Any(m =>
            m.Parameters.Length == parameters.Count
            && m.Parameters.Select((p, i) => (p.RefKind == RefKind.None) == (parameters[i].Modifier.Length == 0)
                && ParameterType(p.Type) == parameters[i].Type).All(same => same));

    /// <summary>Whether a member that is not a method (a field, property, event or nested type) has the name: no method can.</summary>
    private static bool NameTaken(INamedTypeSymbol type, string name)
        => type.Name == name || type.GetMembers(name).Any(m => m is not IMethodSymbol) || type.GetTypeMembers(name).Length > 0;

    private static string ParameterType(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    /// <summary>What makes two declarations one family: direction, name without <c>Try</c>, shape pair and payload.</summary>
    private static string? FamilyKey(SockOptSignature signature)
    {
        if (signature.Reason is not null)
        {
            return null;
        }

        var name = signature.Method.Name;
        var isTry = SockOptShapeForms.IsTry(signature.Shape);
        var baseName = isTry && name.StartsWith("Try", System.StringComparison.Ordinal) ? name.Substring(3) : name;
        var throwing = isTry ? SockOptShapeForms.Counterpart(signature.Shape) : signature.Shape;
        return $"{baseName}|{throwing}|{signature.Payload?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)}";
    }

    private static bool IsEarlier(IMethodSymbol a, IMethodSymbol b)
    {
        var (x, y) = (a.Locations.FirstOrDefault(), b.Locations.FirstOrDefault());
        if (x?.SourceTree is null || y?.SourceTree is null)
        {
            return false;
        }

        var byFile = string.CompareOrdinal(x.SourceTree.FilePath, y.SourceTree.FilePath);
        return byFile != 0 ? byFile < 0 : x.SourceSpan.Start < y.SourceSpan.Start;
    }

    private static SocketKind? SocketOf(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_Int32)
        {
            return SocketKind.Descriptor;
        }

        if (TypeNames.Display(type) == "KernelStructs.SocketTarget")
        {
            return SocketKind.Target;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            switch (TypeNames.Display(current))
            {
                case "System.Net.Sockets.Socket":
                    return SocketKind.Socket;
                case "System.Runtime.InteropServices.SafeHandle":
                    return SocketKind.SafeHandle;
            }
        }

        return null;
    }

    private static bool IsWrittenScoped(IParameterSymbol parameter)
        => parameter.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.ParameterSyntax syntax
            && syntax.Modifiers.Any(m => m.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.ScopedKeyword)));

    private static bool IsSpan(ITypeSymbol type, bool readOnly)
        => type is INamedTypeSymbol { IsGenericType: true } named
           && named.ConstructedFrom.ToDisplayString() == (readOnly ? "System.ReadOnlySpan<T>" : "System.Span<T>")
           && named.TypeArguments[0].SpecialType == SpecialType.System_Byte;
}
