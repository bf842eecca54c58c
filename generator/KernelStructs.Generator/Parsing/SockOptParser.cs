using System.Collections.Generic;
using System.Linq;
using System.Threading;
using KernelStructs.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelStructs.Generator.Parsing;

/// <summary>Turns a <c>[GetSockOpt]</c>/<c>[SetSockOpt]</c> partial method into a <see cref="SockOptMethodModel"/>.</summary>
internal static class SockOptParser
{
    private const int NoLevel = -1;

    public static SockOptMethodModel Parse(IMethodSymbol method, MethodDeclarationSyntax syntax, CancellationToken cancellationToken)
    {
        var problems = new List<Problem>();
        var get = StructParser.FindAttribute(method, KnownNames.GetSockOptAttribute);
        var attribute = get ?? StructParser.FindAttribute(method, KnownNames.SetSockOptAttribute);
        var isGet = get is not null;
        var optionName = attribute?.ConstructorArguments.FirstOrDefault().Value is int n ? n : 0;
        var level = attribute is null ? NoLevel : LevelOf(attribute);
        if (level == NoLevel && method.ContainingType is { } owner && StructParser.FindAttribute(owner, KnownNames.SockOptGroupAttribute) is { } group)
        {
            level = LevelOf(group);
        }

        var length = attribute is null ? 0 : StructParser.NamedArgument<int>(attribute, "Length");
        var display = (attribute is null ? null : StructParser.NamedArgument<string>(attribute, "Name")) ?? method.Name;
        cancellationToken.ThrowIfCancellationRequested();

        if (level == NoLevel)
        {
            problems.Add(StructParser.Problem("KS2011", null, true, method.Name));
        }

        if (!method.IsStatic || !method.IsPartialDefinition)
        {
            problems.Add(StructParser.Problem("KS2010", null, true, method.Name, "it must be a static partial method without a body"));
        }

        if (method.IsGenericMethod || method.ContainingType?.IsGenericType == true)
        {
            problems.Add(StructParser.Problem("KS2010", null, true, method.Name, "it must not be generic or in a generic type"));
        }

        var (shape, payload, reason) = Classify(method, isGet);
        if (reason is not null)
        {
            problems.Add(StructParser.Problem("KS2010", null, true, method.Name, reason));
        }

        string? header = null;
        if (attribute is not null && StructParser.NamedArgument<ITypeSymbol>(attribute, "Header") is { } headerType)
        {
            header = headerType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            if (shape is not (SockOptShape.GetSpan or SockOptShape.TryGetSpan))
            {
                problems.Add(StructParser.Problem("KS2010", null, true, method.Name, "Header applies only to a Span<byte> buffer"));
            }
            else if (StructParser.FindAttribute(headerType, KnownNames.KernelStructAttribute) is null)
            {
                problems.Add(StructParser.Problem("KS2010", null, true, method.Name, $"its Header {headerType} is not a [KernelStruct]"));
            }
        }

        var containing = new List<ContainingTypeModel>();
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            containing.Insert(0, new ContainingTypeModel(type.IsStatic ? "static class" : type.TypeKind == TypeKind.Struct ? "struct" : "class", type.Name));
            var declarations = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>();
            if (declarations.Any(d => !d.Modifiers.Any(SyntaxKind.PartialKeyword)))
            {
                problems.Add(StructParser.Problem("KS2010", null, true, method.Name, $"its containing type {type.Name} must be partial"));
            }
        }

        var parameters = method.Parameters
            .Select(p => new ParameterModel(Modifier(p), p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), Emit.StructEmitter.Identifier(p.Name)))
            .ToEquatableArray();

        return new SockOptMethodModel(
            method.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            containing.ToEquatableArray(),
            syntax.Modifiers.ToString(),
            method.ReturnType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            method.Name,
            parameters,
            isGet,
            level,
            optionName,
            display,
            length,
            shape,
            payload,
            header,
            problems.ToEquatableArray());
    }

    private static int LevelOf(AttributeData attribute)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == "Level" && argument.Value.Value is int value)
            {
                return value;
            }
        }

        return NoLevel;
    }

    private static string Modifier(IParameterSymbol parameter) => parameter.RefKind switch
    {
        RefKind.Ref => "ref ",
        RefKind.Out => "out ",
        RefKind.In => "in ",
        _ => string.Empty,
    };

    /// <summary>Which runtime call implements the method, or why none does.</summary>
    internal static (SockOptShape Shape, string? Payload, string? Reason) Classify(IMethodSymbol method, bool isGet)
    {
        var parameters = method.Parameters;
        if (parameters.Length == 0 || !IsSocket(parameters[0].Type) || parameters[0].RefKind != RefKind.None)
        {
            return (default, null, "its first parameter must be the socket: a System.Net.Sockets.Socket, a SafeHandle or an int file descriptor");
        }

        var returnsErrno = method.ReturnType.ToDisplayString() == "KernelStructs.Errno";
        var rest = parameters.Skip(1).ToList();
        string? Payload(ITypeSymbol type) => type.IsUnmanagedType && type.IsValueType ? type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : null;

        if (isGet)
        {
            switch (rest.Count)
            {
                case 0 when !returnsErrno && !method.ReturnsVoid:
                    return Payload(method.ReturnType) is { } value ? (SockOptShape.GetValue, value, null) : (default, null, $"its return type {method.ReturnType} is not an unmanaged struct");
                case 1 when IsSpan(rest[0].Type, readOnly: false) && rest[0].RefKind == RefKind.None && method.ReturnType.SpecialType == SpecialType.System_Int32:
                    return (SockOptShape.GetSpan, null, null);
                case 1 when rest[0].RefKind == RefKind.Out && rest[0].Type.SpecialType == SpecialType.System_Int32 && !returnsErrno && !method.ReturnsVoid:
                    return Payload(method.ReturnType) is { } withLength ? (SockOptShape.GetValueWithLength, withLength, null) : (default, null, $"its return type {method.ReturnType} is not an unmanaged struct");
                case 1 when rest[0].RefKind == RefKind.Ref && method.ReturnsVoid:
                    return Payload(rest[0].Type) is { } byRef ? (SockOptShape.GetRef, byRef, null) : (default, null, $"{rest[0].Type} is not an unmanaged struct");
                case 1 when rest[0].RefKind == RefKind.Out && returnsErrno:
                    return Payload(rest[0].Type) is { } tryValue ? (SockOptShape.TryGetValue, tryValue, null) : (default, null, $"{rest[0].Type} is not an unmanaged struct");
                case 1 when rest[0].RefKind == RefKind.Ref && returnsErrno:
                    return Payload(rest[0].Type) is { } tryRef ? (SockOptShape.TryGetRef, tryRef, null) : (default, null, $"{rest[0].Type} is not an unmanaged struct");
                case 2 when returnsErrno && IsSpan(rest[0].Type, readOnly: false) && rest[1].RefKind == RefKind.Out && rest[1].Type.SpecialType == SpecialType.System_Int32:
                    return (SockOptShape.TryGetSpan, null, null);
            }

            return (default, null, "a GET method is one of: T M(S), T M(S, out int length), void M(S, ref T), int M(S, Span<byte>), Errno M(S, out T), Errno M(S, ref T), Errno M(S, Span<byte>, out int length)");
        }

        if (rest.Count == 1 && (method.ReturnsVoid || returnsErrno))
        {
            var parameter = rest[0];
            if (IsSpan(parameter.Type, readOnly: true) && parameter.RefKind == RefKind.None)
            {
                return (returnsErrno ? SockOptShape.TrySetSpan : SockOptShape.SetSpan, null, null);
            }

            if (parameter.RefKind is RefKind.None or RefKind.In)
            {
                return Payload(parameter.Type) is { } value
                    ? (returnsErrno ? SockOptShape.TrySetValue : SockOptShape.SetValue, value, null)
                    : (default, null, $"{parameter.Type} is not an unmanaged struct");
            }
        }

        return (default, null, "a SET method is one of: void M(S, in T), void M(S, T), void M(S, ReadOnlySpan<byte>), Errno M(S, in T), Errno M(S, ReadOnlySpan<byte>)");
    }

    private static bool IsSocket(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_Int32)
        {
            return true;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            var name = current.ToDisplayString();
            if (name is "System.Net.Sockets.Socket" or "System.Runtime.InteropServices.SafeHandle")
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSpan(ITypeSymbol type, bool readOnly)
        => type is INamedTypeSymbol { IsGenericType: true } named
           && named.ConstructedFrom.ToDisplayString() == (readOnly ? "System.ReadOnlySpan<T>" : "System.Span<T>")
           && named.TypeArguments[0].SpecialType == SpecialType.System_Byte;
}
