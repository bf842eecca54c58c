using System.Collections.Generic;
using System.Linq;
using System.Threading;
using KernelStructs.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelStructs.Generator.Parsing;

/// <summary>
/// Turns a <c>[GetSockOpt]</c>/<c>[SetSockOpt]</c> partial method into a <see cref="SockOptMethodModel"/>: the command its
/// attribute names (resolved from the attribute's syntax, so that it is the constant and not just its number), the
/// method's shape, and the family of methods the generator adds beside it.
/// </summary>
internal static class SockOptParser
{
    /// <summary>Types as the declaration states them, nullable annotations included (the implementation must repeat them).</summary>
    private static readonly SymbolDisplayFormat AsDeclared = SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Where a problem about the attribute's command argument is reported (<see cref="Problem.Member"/>).</summary>
    public const string CommandArgument = "command";

    /// <param name="method">The declaration.</param>
    /// <param name="semanticModel">The semantic model of the declaration's file.</param>
    /// <param name="models">
    /// Semantic models of other files, for a command named through a field declared elsewhere (<see cref="CommandAliases"/>);
    /// <see langword="null"/>: the declaration's file only, and the alias records for the rest.
    /// </param>
    /// <param name="cancellationToken">Cancels the parse.</param>
    /// <param name="withMembers">
    /// Whether to describe the members the generator writes; the analyzers, which only report the problems, say no.
    /// </param>
    public static SockOptMethodModel Parse(IMethodSymbol method, SemanticModel semanticModel, System.Func<SyntaxTree, SemanticModel?>? models, CancellationToken cancellationToken, bool withMembers = true)
    {
        var problems = new List<Problem>();
        var get = AttributeArguments.Find(method, KnownNames.GetSockOptAttribute);
        var isGet = get is not null;
        var attributeName = isGet ? "GetSockOpt" : "SetSockOpt";
        var command = ResolveCommand(method, get ?? AttributeArguments.Find(method, KnownNames.SetSockOptAttribute), semanticModel, models, cancellationToken, out var notACommand);
        if (notACommand is not null)
        {
            problems.Add(Problem.Create("KS2012", CommandArgument, attributeName, method.Name, notACommand));
        }
        else if (command is not null && !command.Allows(isGet))
        {
            problems.Add(Problem.Create("KS2007", CommandArgument, attributeName, method.Name, $"'{command.Field.Name}'", isGet ? "setsockopt-only" : "getsockopt-only"));
        }

        // On the declaration itself: the symbol's attributes include those of the implementation, which the generator writes.
        if (method.GetAttributes().Any(a => TypeNames.Is(a.AttributeClass, KnownNames.SockOptWrapperAttribute)
                && a.ApplicationSyntaxReference is { } application
                && method.DeclaringSyntaxReferences.Any(d => d.SyntaxTree == application.SyntaxTree && d.Span.Contains(application.Span))))
        {
            problems.Add(Problem.Create("KS2010", null, method.Name, "it must not carry [SockOptWrapper], which the generator writes on the implementation"));
        }

        var wrapperAttributes = method.GetAttributes().Count(a => TypeNames.Is(a.AttributeClass, KnownNames.GetSockOptAttribute) || TypeNames.Is(a.AttributeClass, KnownNames.SetSockOptAttribute));
        if (wrapperAttributes > 1)
        {
            problems.Add(Problem.Create("KS2010", null, method.Name, "it must carry one [GetSockOpt] or [SetSockOpt] attribute, not " + wrapperAttributes.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        // Whether a body can be written for the declaration at all: with a problem, a body that throws keeps the
        // compiler from adding "partial method must have an implementation" to the KS diagnostic.
        // A generic containing type is a problem (KS2010), but the refusing body can still be written inside it.
        // A body for an __arglist method would have to repeat __arglist, which no engine call can pass on: none is written.
        var implementable = method.IsStatic && method.IsPartialDefinition && !method.IsVararg;
        if (!method.IsStatic || !method.IsPartialDefinition)
        {
            problems.Add(Problem.Create("KS2010", null, method.Name, "it must be a static partial method without a body"));
        }

        if (method.IsGenericMethod || method.ContainingType?.IsGenericType == true)
        {
            problems.Add(Problem.Create("KS2010", null, method.Name, "it must not be generic or in a generic type"));
        }

        var signature = SockOptShapes.Classify(method, isGet);
        if (signature.Reason is not null)
        {
            problems.Add(Problem.Create("KS2010", null, method.Name, signature.Reason));
        }
        else if (command is not null && PayloadProblem(command, signature) is { } payloadProblem)
        {
            problems.Add(payloadProblem);
        }
        else if (new[] { signature.Payload, command?.Payload }.FirstOrDefault(t => HasNoLayout(t, cancellationToken)) is { } broken)
        {
            problems.Add(Problem.Create("KS2010", null, method.Name, $"its payload {broken.Name} is a [KernelStruct] with errors of its own (see its diagnostics), so it has no generated layout"));
        }
        else if (command is { Count: > 1 } && LargestSize(command.Payload, cancellationToken) is { } size && (long)size * command.Count > int.MaxValue)
        {
            problems.Add(Problem.Create("KS2010", null, method.Name, $"its command's payload, {command.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)} × {size.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes, is more than an int can count"));
        }

        var containing = new List<ContainingTypeModel>();
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            var typeParameters = type.TypeParameters.Length == 0 ? string.Empty : "<" + string.Join(", ", type.TypeParameters.Select(t => Names.Escape(t.Name))) + ">";
            containing.Insert(0, new ContainingTypeModel(StructParser.Keyword(type), Names.Escape(type.Name) + typeParameters));
            if (!type.CanBeReferencedByName)
            {
                // Global code's implicit type (a method among top-level statements): nothing can be written into it.
                implementable = false;
                problems.Add(Problem.Create("KS2010", null, method.Name, "it must be declared in a type, not among top-level statements"));
                break;
            }

            var declarations = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>();
            if (declarations.Any(d => !d.Modifiers.Any(SyntaxKind.PartialKeyword)))
            {
                implementable = false;
                problems.Add(Problem.Create("KS2010", null, method.Name, $"its containing type {type.Name} must be partial"));
            }

            if (type.IsFileLocal)
            {
                // The implementation goes into a generated file, where the same name is another file-local type.
                implementable = false;
                problems.Add(Problem.Create("KS2010", null, method.Name, $"its containing type {type.Name} is file-local, and the generated part in another file cannot extend it"));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var members = new List<SockOptMemberModel>();
        var declaration = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) as MethodDeclarationSyntax;
        var modifiers = declaration is not null ? Words(declaration.Modifiers) : "static partial";
        if (withMembers && (problems.Count == 0 || implementable))
        {
            // The implementation repeats the declaration's signature as written (ref returns, scoped, this, params
            // included): a refused declaration gets a body too, and it must match.
            var written = declaration?.ParameterList.Parameters is { } list && list.Count == method.Parameters.Length ? list : default(SeparatedSyntaxList<ParameterSyntax>?);
            members.Add(new SockOptMemberModel(
                modifiers,
                (method.ReturnsByRefReadonly ? "ref readonly " : method.ReturnsByRef ? "ref " : string.Empty) + method.ReturnType.ToDisplayString(AsDeclared),
                method.Name,
                method.Parameters.Select(p => new ParameterModel(
                    written is { } w ? Words(w[p.Ordinal].Modifiers) + (w[p.Ordinal].Modifiers.Count > 0 ? " " : string.Empty) : Modifier(p.RefKind),
                    p.Type.ToDisplayString(AsDeclared),
                    p.Name)).ToEquatableArray(),
                signature.Shape,
                signature.Payload?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                IsDeclared: true,
                Socket: signature.Socket,
                TypeParameters: declaration?.TypeParameterList is { } typeParameters
                    ? (typeParameters.ToString(), string.Join(" ", declaration.ConstraintClauses.Select(c => c.ToString())))
                    : default));
        }

        if (withMembers && problems.Count == 0)
        {
            members.AddRange(SockOptShapes.Family(method, signature, RemoveWord(modifiers, "partial")));
        }

        return new SockOptMethodModel(
            Names.Namespace(method.ContainingNamespace),
            containing.ToEquatableArray(),
            method.Name,
            isGet,
            command is null ? null : ToModel(command),
            DocumentationId(method),
            members.ToEquatableArray(),
            problems.ToEquatableArray());
    }

    /// <summary>
    /// The command the attribute's argument names, resolved from its syntax: the attribute's value alone is a number,
    /// which does not say which command it is. The argument is the command constant, or a field that stands for one
    /// (<see cref="CommandAliases"/>). <paramref name="notACommand"/> says what the argument is instead, if not one.
    /// </summary>
    public static SockOptCommandDeclaration? ResolveCommand(IMethodSymbol method, AttributeData? attribute, SemanticModel semanticModel, System.Func<SyntaxTree, SemanticModel?>? models, CancellationToken cancellationToken, out string? notACommand)
    {
        notACommand = null;
        if (attribute?.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax { ArgumentList.Arguments: [var argument, ..] }
            || argument.NameEquals is not null || argument.NameColon is not null && argument.NameColon.Name.Identifier.ValueText != "command")
        {
            notACommand = "nothing";
            return null;
        }

        if (semanticModel.SyntaxTree != argument.SyntaxTree)
        {
            notACommand = "a command this declaration's semantic model cannot see";
            return null;
        }

        var model = semanticModel;
        var symbol = NamedConstant(argument.Expression, method, model) ?? model.GetSymbolInfo(argument.Expression, cancellationToken).Symbol;
        if (symbol is IFieldSymbol field)
        {
            var command = SockOptCommandReader.Read(field, out var invalid);
            if (command is not null)
            {
                return command;
            }

            if (invalid is null && CommandAliases.Follow(field, model.Compilation, models ?? (tree => tree == model.SyntaxTree ? model : null), cancellationToken) is { } aliased)
            {
                return aliased;
            }

            notACommand = invalid is null
                ? $"'{field.Name}', a constant without [SockOptCommand] that stands for no command"
                : $"'{field.Name}', whose [SockOptCommand] {invalid}";
            return null;
        }

        var value = model.GetConstantValue(argument.Expression, cancellationToken);
        notACommand = value.HasValue ? $"the number {argument.Expression}" : $"'{argument.Expression}', which is not a command constant";
        return null;
    }

    /// <summary>
    /// The constant a plain name (<c>[GetSockOpt(SO_MARK)]</c>) denotes where it stands, when the name lookup finds exactly
    /// one constant field; otherwise null, and the caller binds the expression. Binding an attribute argument through the
    /// semantic model binds the whole attribute again and runs nullable analysis over it; the lookup does neither.
    /// </summary>
    /// <remarks>
    /// A name that the wrapper's own type declares (the usual place of a command constant) is that member: the language
    /// looks in the method's type parameters, then the type's, then the type's members before base types, outer types,
    /// namespaces and usings, and a member hides the base types' members of its name. That member is read from the type
    /// itself; only other names need the semantic model's lookup, which walks every scope at the position.
    /// </remarks>
    private static IFieldSymbol? NamedConstant(ExpressionSyntax expression, IMethodSymbol method, SemanticModel model)
    {
        if (expression is not IdentifierNameSyntax { Identifier.ValueText: var name })
        {
            return null;
        }

        if (method.ContainingType is { } type && !method.TypeParameters.Any(p => p.Name == name) && !type.TypeParameters.Any(p => p.Name == name)
            && type.GetMembers(name) is { Length: > 0 } own)
        {
            return own is [IFieldSymbol { IsConst: true } member] ? member : null;
        }

        return model.LookupSymbols(expression.SpanStart, name: name) is [IFieldSymbol { IsConst: true } field] ? field : null;
    }

    private static Problem? PayloadProblem(SockOptCommandDeclaration command, SockOptSignature signature)
    {
        var name = command.Field.Name;
        if (command.PayloadKind == PayloadKind.None)
        {
            return signature.Shape is SockOptShape.SetNone or SockOptShape.TrySetNone
                ? null
                : Problem.Create("KS2010", null, signature.Method.Name, $"'{name}' has no payload, so its wrapper takes only the socket: void M(S) or Errno M(S)");
        }

        if (signature.Shape is SockOptShape.SetNone or SockOptShape.TrySetNone)
        {
            return Problem.Create("KS2010", null, signature.Method.Name, $"'{name}' carries {SockOptCommandReader.Describe(command.Payload)}, so its wrapper takes it: void M(S, in T) or void M(S, ReadOnlySpan<byte>)");
        }

        return signature.Payload is { } value && !SockOptCommandReader.CarriesPayload(command, value) && !SockOptCommandReader.MirrorsPayload(command, value)
            ? Problem.Create("KS2005", null, name, Expected(command), SockOptCommandReader.Describe(value))
            : null;
    }

    /// <summary>The payload a command carries, as messages say it (<c>IpVsDaemonUser (struct ip_vs_daemon_user)[2]</c>).</summary>
    public static string Expected(SockOptCommandDeclaration command)
        => SockOptCommandReader.Describe(command.Payload) + (command.Count > 1 ? $"[{command.Count}]" : string.Empty);

    private static SockOptCommandModel ToModel(SockOptCommandDeclaration command) => new(
        command.QualifiedName,
        command.CName,
        command.Number,
        (int)command.Level,
        (int)command.Direction,
        (int)command.Rule,
        command.PayloadKind,
        command.PayloadKind == PayloadKind.None ? null : command.Payload.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
        command.Count);

    /// <summary>The declaration as a <c>cref</c>: <c>GetInfo(int, ref global::KernelStructs.Netfilter.IptGetInfo)</c>, generics in braces.</summary>
    private static string DocumentationId(IMethodSymbol method)
        => Names.Escape(method.Name) + "(" + string.Join(", ", method.Parameters.Select(p => Modifier(p.RefKind) + p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace('<', '{').Replace('>', '}'))) + ")";

    internal static string Modifier(RefKind refKind) => refKind switch
    {
        RefKind.Ref => "ref ",
        RefKind.Out => "out ",
        RefKind.In => "in ",
        _ => string.Empty,
    };

    /// <summary>
    /// Whether a payload is a <c>[KernelStruct]</c> of this compilation that gets no generated members (<c>SizeOf</c>,
    /// views) because it has problems of its own: the wrapper's code would name members that do not exist.
    /// </summary>
    private static bool HasNoLayout(ITypeSymbol? payload, CancellationToken cancellationToken)
        => payload is INamedTypeSymbol { DeclaringSyntaxReferences.Length: > 0 } named
           && AttributeArguments.Find(named, KnownNames.KernelStructAttribute) is not null
           && KernelStructModels.Read(named, cancellationToken).Problems.Count > 0;

    /// <summary>The C size of a payload on the ABI where it is largest, when it is a scalar or a [KernelStruct] without problems.</summary>
    private static int? LargestSize(ITypeSymbol payload, CancellationToken cancellationToken)
    {
        if (SockOptCommandReader.ScalarSize(payload, pointerSize: 8) is { } scalar)
        {
            return scalar;
        }

        if (payload is not INamedTypeSymbol named || AttributeArguments.Find(named, KnownNames.KernelStructAttribute) is null)
        {
            return null;
        }

        var model = KernelStructModels.Read(named, cancellationToken);
        return model.Problems.Count > 0 ? null : Layout.Abi.All.Max(abi => Layout.LayoutEngine.Compute(model.Shape, abi).Size);
    }

    private static string Words(SyntaxTokenList tokens) => string.Join(" ", tokens.Select(t => t.Text));

    private static string RemoveWord(string modifiers, string word)
        => string.Join(" ", modifiers.Split(' ').Where(m => m.Length > 0 && m != word));
}
