using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using KernelStructs.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelStructs.Generator.Parsing;

/// <summary>
/// Turns a <c>[KernelStruct]</c> declaration into a <see cref="StructModel"/>: plain data with value
/// equality, no symbols or syntax. What is wrong with the declaration becomes a <see cref="Problem"/>;
/// the parser never throws on user input.
/// </summary>
internal static class StructParser
{
    public static StructModel Parse(INamedTypeSymbol type, CancellationToken cancellationToken) => Parse(type, layouts: null, cancellationToken);

    /// <summary>
    /// Parses <paramref name="type"/>, reading the CLR layout of types from metadata through <paramref name="layouts"/>
    /// (their <c>[StructLayout]</c> and <c>[FieldOffset]</c> are not attributes there).
    /// </summary>
    public static StructModel Parse(INamedTypeSymbol type, IClrLayouts? layouts, CancellationToken cancellationToken)
    {
        var problems = new List<Problem>();
        var attribute = AttributeArguments.Find(type, KnownNames.KernelStructAttribute);
        int expectedSize = 0, extent = 0;
        var headers = new HeaderModel(null, EquatableArray<string>.Empty, EquatableArray<string>.Empty, false);
        if (attribute is not null)
        {
            headers = Headers(attribute, problems);
            expectedSize = AttributeArguments.Named<int>(attribute, "ExpectedSize");
            extent = AttributeArguments.Named<int>(attribute, "Extent");
        }

        CheckDeclaration(type, problems);
        cancellationToken.ThrowIfCancellationRequested();

        var shape = new ShapeParser(problems, layouts, cancellationToken).Parse(type, topLevel: true);
        CheckArguments(type, shape, expectedSize, extent, headers, problems);
        if (extent is < 0 or > 2)
        {
            extent = 0;
        }

        var declared = UserMembers(type)
            .Select(m => m.Name)
            .Distinct()
            .OrderBy(n => n, System.StringComparer.Ordinal)
            .ToEquatableArray();

        var containing = new List<ContainingTypeModel>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing.Insert(0, new ContainingTypeModel(Keyword(outer), Names.Escape(outer.Name)));
        }

        return new StructModel(
            Names.Namespace(type.ContainingNamespace),
            Names.MetadataName(type),
            containing.ToEquatableArray(),
            type.Name,
            headers,
            expectedSize,
            (StructExtent)extent,
            shape,
            AttributeArguments.Find(type, KnownNames.StructLayoutAttribute) is not null,
            type.IsReadOnly,
            IsAccessible(type),
            declared,
            problems.ToEquatableArray());
    }

    /// <summary>
    /// Whether <paramref name="declaration"/> is the declaration of <paramref name="type"/> that carries its (first)
    /// <c>[KernelStruct]</c>: a type with the attribute on two partial declarations is one struct, emitted once.
    /// </summary>
    public static bool IsFirstAttributedDeclaration(INamedTypeSymbol type, SyntaxNode declaration)
        => AttributeArguments.Find(type, KnownNames.KernelStructAttribute)?.ApplicationSyntaxReference is not { } application
            || application.SyntaxTree == declaration.SyntaxTree && declaration.Span.Contains(application.Span);

    /// <summary>The header, includes, defines and <c>Internal</c> of a <c>[KernelStruct]</c>; entries that no C preprocessor line can hold are problems.</summary>
    private static HeaderModel Headers(AttributeData attribute, List<Problem> problems)
    {
        var header = AttributeArguments.Named<string>(attribute, "Header");
        if (header is not null && !IsHeaderName(header))
        {
            problems.Add(Problem.Create("KS1009", null, "Header", Names.Quote(header), "it must be a header name as #include <...> takes it (no spaces, quotes or angle brackets)"));
        }

        var includes = new List<string>();
        foreach (var include in StringArray(attribute, "Includes"))
        {
            if (IsHeaderName(include))
            {
                includes.Add(include);
            }
            else
            {
                problems.Add(Problem.Create("KS1009", null, "Includes", Names.Quote(include), "each must be a header name as #include <...> takes it (no spaces, quotes or angle brackets)"));
            }
        }

        var defines = new List<string>();
        foreach (var define in StringArray(attribute, "Defines"))
        {
            var name = define.Split('=')[0];
            if (Names.IsCIdentifier(name) && define.IndexOf('\\') < 0 && Names.IsOneLine(define))
            {
                defines.Add(define);
            }
            else
            {
                problems.Add(Problem.Create("KS1009", null, "Defines", Names.Quote(define), "each must read NAME or NAME=value, on one line"));
            }
        }

        var isInternal = AttributeArguments.Named<bool>(attribute, "Internal");
        if (isInternal && header is null)
        {
            problems.Add(Problem.Create("KS1009", null, "Internal", "true", "a kernel-internal type needs the Header that declares it"));
        }

        return new HeaderModel(header, includes.ToEquatableArray(), defines.ToEquatableArray(), isInternal);
    }

    /// <summary>Whether a type's namespace is <c>System</c> or one inside it (the framework's).</summary>
    private static bool IsInSystemNamespace(INamedTypeSymbol type)
    {
        INamespaceSymbol? outermost = null;
        for (var ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            outermost = ns;
        }

        return outermost?.Name == "System";
    }

    private static bool IsHeaderName(string header)
        => header.Length > 0 && header.IndexOfAny(new[] { ' ', '"', '<', '>' }) < 0 && Names.IsOneLine(header);

    private static IEnumerable<string> StringArray(AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Kind == TypedConstantKind.Array && !argument.Value.IsNull)
            {
                foreach (var item in argument.Value.Values)
                {
                    yield return item.Value as string ?? string.Empty;
                }
            }
        }
    }

    /// <summary>Whether an assembly-level attribute can name the type: it and every type around it are public or internal.</summary>
    private static bool IsAccessible(INamedTypeSymbol type)
    {
        for (ISymbol? t = type; t is INamedTypeSymbol named; t = named.ContainingType)
        {
            if (named.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
            {
                return false;
            }
        }

        return true;
    }

    private static void CheckDeclaration(INamedTypeSymbol type, List<Problem> problems)
    {
        var declarations = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>().ToList();
        if (type.TypeKind != TypeKind.Struct)
        {
            problems.Add(Problem.Create("KS0003", null, type.Name, "it is not a struct"));
            return;
        }

        if (type.IsRecord)
        {
            problems.Add(Problem.Create("KS0003", null, type.Name, "it is a record struct"));
        }

        if (type.IsRefLikeType)
        {
            problems.Add(Problem.Create("KS0003", null, type.Name, "it is a ref struct"));
        }

        if (AttributeArguments.Find(type, KnownNames.InlineArrayAttribute) is not null)
        {
            problems.Add(Problem.Create("KS0003", null, type.Name, "it is an [InlineArray], which mirrors a C array: declare the array as a field of a kernel struct"));
        }

        if (type.IsFileLocal)
        {
            problems.Add(Problem.Create("KS0003", null, type.Name, "it is file-local, and the generated part in another file cannot extend a file-local type"));
        }

        // The generated members pass 'in this' to .NET 8's ref readonly parameters (MemoryMarshal.CreateReadOnlySpan).
        if (declarations.FirstOrDefault()?.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: < LanguageVersion.CSharp12 } parseOptions)
        {
            problems.Add(Problem.Create("KS0005", null, type.Name, parseOptions.LanguageVersion.ToDisplayString()));
        }

        // A type read from metadata (the tests parse the shipped catalog) has no declarations to check.
        if (declarations.Any(d => !d.Modifiers.Any(SyntaxKind.PartialKeyword)))
        {
            problems.Add(Problem.Create("KS0001", null, type.Name));
        }

        if (type.TypeParameters.Length > 0)
        {
            problems.Add(Problem.Create("KS0002", null, type.Name, "it is generic"));
        }

        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.TypeParameters.Length > 0)
            {
                problems.Add(Problem.Create("KS0002", null, type.Name, $"it is nested in the generic type {outer.Name}"));
            }

            var outerDeclarations = outer.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>();
            if (outerDeclarations.Any(d => !d.Modifiers.Any(SyntaxKind.PartialKeyword)))
            {
                problems.Add(Problem.Create("KS0004", null, type.Name, outer.Name));
            }

            if (outer.IsFileLocal)
            {
                problems.Add(Problem.Create("KS0003", null, type.Name, $"it is nested in the file-local type {outer.Name}, which the generated part in another file cannot extend"));
            }
        }
    }

    /// <summary>An instance field that no declaration names: compiler-made storage, or a field whose name C# cannot spell.</summary>
    private static bool IsHidden(IFieldSymbol field)
        => field.IsImplicitlyDeclared || field.AssociatedSymbol is not null || !SyntaxFacts.IsValidIdentifier(field.Name);

    private static string HiddenFieldReason(IFieldSymbol field) => field.AssociatedSymbol switch
    {
        IPropertySymbol property => $"the auto-property '{property.Name}' keeps its value in a hidden field",
        IEventSymbol e => $"the field-like event '{e.Name}' keeps its delegate in a hidden field",
        _ when field.Name.StartsWith("<", System.StringComparison.Ordinal) && field.Name.EndsWith(">P", System.StringComparison.Ordinal)
            => $"the primary-constructor parameter '{field.Name.Substring(1, field.Name.Length - 3)}' is kept in a hidden field, as a member uses it",
        _ => $"the field '{field.Name}' is one the compiler declared",
    };

    /// <summary>The members the user declared: in source, and not in what this generator wrote (which the analyzers see too).</summary>
    private static IEnumerable<ISymbol> UserMembers(INamedTypeSymbol type, string? name = null)
        => (name is null ? type.GetMembers() : type.GetMembers(name))
            .Where(m => !m.IsImplicitlyDeclared && m.DeclaringSyntaxReferences.Any(r => !IsGenerated(r.SyntaxTree)));

    /// <summary>Whether a syntax tree is one this generator added (its hint names end so).</summary>
    private static bool IsGenerated(SyntaxTree tree)
        => tree.FilePath.EndsWith(".KernelStruct.g.cs", System.StringComparison.Ordinal)
            || tree.FilePath.EndsWith(".KernelStructLayout.g.cs", System.StringComparison.Ordinal);

    /// <summary>
    /// KS1016: every name the generator would write into the struct (and into its <c>Offsets</c> class) is free: not
    /// written twice, not the struct's own name, not hiding an inherited member, and not declared by the user, except a
    /// method that replaces a replaceable member.
    /// </summary>
    private static void CheckGeneratedNames(INamedTypeSymbol type, StructShape shape, List<Problem> problems)
    {
        var written = new Dictionary<string, Emit.GeneratedMember>(System.StringComparer.Ordinal);
        foreach (var member in Emit.GeneratedMembers.Of(shape, type.IsReadOnly))
        {
            var users = UserMembers(type, member.Name).ToList();
            if (users.Count > 0)
            {
                if (!member.Replaceable || users.Any(u => u is not IMethodSymbol))
                {
                    var user = users.FirstOrDefault(u => u is not IMethodSymbol) ?? users[0];
                    problems.Add(Problem.Create("KS1016", user.Name, Describe(user), member.Description, member.Name, type.Name));
                }

                continue;
            }

            if (written.TryGetValue(member.Name, out var first))
            {
                problems.Add(Problem.Create("KS1016", member.Field ?? first.Field, first.Description, member.Description, member.Name, type.Name));
                continue;
            }

            written[member.Name] = member;
            if (member.Name == type.Name)
            {
                problems.Add(Problem.Create("KS1016", member.Field, "the struct itself", member.Description, member.Name, type.Name));
            }
            else if (member.Name != "ToString" && System.Array.IndexOf(Emit.GeneratedMembers.Inherited, member.Name) >= 0)
            {
                problems.Add(Problem.Create("KS1016", member.Field, $"the inherited member {member.Name}", member.Description, member.Name, type.Name));
            }
        }

        // The Offsets class holds one constant per C name (KS1013 reports C names given twice).
        var entries = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var (name, field) in Emit.GeneratedMembers.OffsetEntries(shape))
        {
            if (name == Emit.GeneratedMembers.OffsetsClass)
            {
                problems.Add(Problem.Create("KS1016", field, "the generated class Offsets", $"its constant for the C member '{name}'", name, type.Name));
            }
            else if (!entries.Add(name) && !problems.Any(p => p.Id == "KS1013"))
            {
                problems.Add(Problem.Create("KS1016", field, $"the Offsets constant of the storage unit '{name}'", $"the Offsets constant of the C member '{name}'", name, type.Name));
            }
        }
    }

    private static string Describe(ISymbol member) => member switch
    {
        IFieldSymbol { IsConst: true } => $"the constant '{member.Name}'",
        IFieldSymbol => $"the field '{member.Name}'",
        IPropertySymbol => $"the property '{member.Name}'",
        IMethodSymbol => $"the method '{member.Name}'",
        IEventSymbol => $"the event '{member.Name}'",
        INamedTypeSymbol => $"the nested type '{member.Name}'",
        _ => $"the member '{member.Name}'",
    };

    /// <summary>The keyword of a partial declaration of <paramref name="type"/>.</summary>
    internal static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    /// <summary>Parses a struct and, recursively, the structs its fields nest.</summary>
    private sealed class ShapeParser
    {
        private readonly List<Problem> _problems;
        private readonly IClrLayouts? _layouts;
        private readonly CancellationToken _cancellationToken;
        private readonly Stack<INamedTypeSymbol> _parsing = new();
        private readonly Dictionary<INamedTypeSymbol, StructShape?> _done = new(SymbolEqualityComparer.Default);

        public ShapeParser(List<Problem> problems, IClrLayouts? layouts, CancellationToken cancellationToken)
        {
            _problems = problems;
            _layouts = layouts;
            _cancellationToken = cancellationToken;
        }

        /// <summary>
        /// The shape of <paramref name="type"/>; problems inside a nested type are reported at <paramref name="outerField"/>,
        /// and their messages name the member by its path from the top-level struct (<paramref name="pathPrefix"/> + name).
        /// </summary>
        public StructShape Parse(INamedTypeSymbol type, bool topLevel, string? outerField = null, string pathPrefix = "")
        {
            _parsing.Push(type);
            try
            {
                return ParseCore(type, topLevel, outerField, pathPrefix);
            }
            finally
            {
                _parsing.Pop();
            }
        }

        private StructShape ParseCore(INamedTypeSymbol type, bool topLevel, string? outerField, string pathPrefix)
        {
            var attribute = AttributeArguments.Find(type, KnownNames.KernelStructAttribute);
            var cName = attribute?.ConstructorArguments.FirstOrDefault().Value as string;
            var packed = attribute is not null && AttributeArguments.Named<bool>(attribute, "Packed");
            var pack = attribute is null ? 0 : AttributeArguments.Named<int>(attribute, "Pack");
            var alignment = attribute is null ? 0 : AttributeArguments.Named<int>(attribute, "Alignment");

            if (attribute is not null)
            {
                var trimmed = cName?.Trim() ?? string.Empty;
                var named = (trimmed.StartsWith("struct ", System.StringComparison.Ordinal) || trimmed.StartsWith("union ", System.StringComparison.Ordinal))
                    && trimmed.IndexOf(' ') == trimmed.LastIndexOf(' ')
                    && Names.IsCIdentifier(trimmed.Substring(trimmed.IndexOf(' ') + 1));
                if (!named && trimmed is not ("struct" or "union"))
                {
                    Report("KS1009", outerField, "C type name", cName is null ? "null" : Names.Quote(cName), "it must read 'struct name' or 'union name', or 'struct' or 'union' alone for a type without a name");
                }

                if (pack is not (0 or 1 or 2 or 4 or 8 or 16))
                {
                    Report("KS1009", outerField, "Pack", Invariant(pack), "it must be 1, 2, 4, 8 or 16");
                }

                if (alignment != 0 && !IsPowerOfTwo(alignment))
                {
                    Report("KS1009", outerField, "Alignment", Invariant(alignment), "it must be a power of two");
                }
            }

            cName = cName?.Trim() is { Length: > 0 } c ? c : "struct " + type.Name;
            var isUnion = cName == "union" || cName.StartsWith("union ", System.StringComparison.Ordinal);

            var layoutAttribute = AttributeArguments.Find(type, KnownNames.StructLayoutAttribute);
            bool isExplicit = false;
            int clrPack = 0, clrSize = 0;
            if (layoutAttribute is not null)
            {
                var kind = layoutAttribute.ConstructorArguments.FirstOrDefault().Value is int k ? k : 0;
                isExplicit = kind == 2;
                if (kind == 3)
                {
                    Report("KS1004", outerField, type.Name);
                }

                clrPack = AttributeArguments.Named<int>(layoutAttribute, "Pack");
                clrSize = AttributeArguments.Named<int>(layoutAttribute, "Size");
            }
            else if (_layouts?.TypeLayout(type) is { } metadataLayout)
            {
                isExplicit = metadataLayout.Kind == 2;
                clrPack = metadataLayout.Pack;
                clrSize = metadataLayout.Size;
            }
            else if (attribute is not null && (packed || pack > 0))
            {
                // The generator adds [StructLayout(LayoutKind.Sequential, Pack = n)] to the declaration.
                clrPack = packed ? 1 : pack;
            }

            var fields = new List<FieldModel>();
            var declaredFields = 0;
            foreach (var member in type.GetMembers())
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (member is IFieldSymbol { IsStatic: false, IsConst: false } hidden && IsHidden(hidden))
                {
                    // Storage the compiler declares (an auto-property's backing field, a field-like event's delegate):
                    // it takes room in the CLR's layout, and C has no member for it.
                    declaredFields++;
                    var owner = hidden.AssociatedSymbol?.Name ?? (hidden.Locations.Any(l => l.IsInSource) ? hidden.Name : type.Name);
                    Report("KS1015", outerField ?? owner, type.Name, HiddenFieldReason(hidden));
                }
                else if (member is IEventSymbol { IsStatic: false } e && e.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is VariableDeclaratorSyntax))
                {
                    // A field-like event: its delegate lives in a field the symbol model does not list.
                    declaredFields++;
                    Report("KS1015", outerField ?? e.Name, type.Name, $"the field-like event '{e.Name}' keeps its delegate in a hidden field");
                }
                else if (member is IFieldSymbol { IsStatic: false, IsConst: false } field)
                {
                    declaredFields++;
                    var model = Field(field, outerField ?? field.Name, pathPrefix + field.Name);
                    if (model is not null)
                    {
                        fields.Add(model);
                    }
                }
            }

            // Fields already reported as unsupported do not make the struct empty as well.
            if (declaredFields == 0)
            {
                Report("KS1010", outerField, cName);
            }

            FlexibleArrayModel? flexible = null;
            if (AttributeArguments.Find(type, KnownNames.FlexibleArrayAttribute) is { } flexibleAttribute)
            {
                flexible = Flexible(flexibleAttribute, isUnion, outerField, pathPrefix);
            }

            CheckMemberNames(fields, flexible, cName, outerField);

            return new StructShape(
                cName,
                Names.FullyQualified(type),
                isUnion,
                packed,
                pack,
                alignment,
                fields.ToEquatableArray(),
                flexible,
                new ClrLayoutModel(isExplicit, clrPack, clrSize, GeneratorOwnsLayout: attribute is not null && layoutAttribute is null, FromMetadata: type.DeclaringSyntaxReferences.IsEmpty),
                HasLayout: attribute is not null && !DeclaresLayout(type));
        }

        /// <summary>KS1013: C names each member once, members of anonymous members and bitfields included.</summary>
        private void CheckMemberNames(List<FieldModel> fields, FlexibleArrayModel? flexible, string cName, string? outerField)
        {
            var seen = new Dictionary<string, string>(System.StringComparer.Ordinal);
            foreach (var field in fields)
            {
                foreach (var name in VisibleNames(field))
                {
                    if (seen.TryGetValue(name, out var first))
                    {
                        Report("KS1013", outerField ?? field.Name, cName, name, first, $"field '{field.Name}'");
                    }
                    else
                    {
                        seen[name] = field.Name;
                    }
                }
            }

            if (flexible is not null && seen.TryGetValue(flexible.CName, out var other))
            {
                Report("KS1013", outerField, cName, flexible.CName, other, "the flexible array member");
            }
        }

        /// <summary>The C member names a field gives its type: its C name, its bitfields' names, or what an anonymous member holds.</summary>
        private static IEnumerable<string> VisibleNames(FieldModel field)
        {
            if (field.IsAnonymous)
            {
                return field.Type.Struct!.Fields.SelectMany(VisibleNames);
            }

            return field.IsBitFieldUnit ? field.BitFields.Select(b => b.Name) : new[] { field.CName };
        }

        /// <summary>Whether the user declared a member named <c>Layout</c>, so that the generator writes none (its own <c>Layout</c> does not count).</summary>
        private static bool DeclaresLayout(INamedTypeSymbol type)
            => type.GetMembers("Layout").Any(m => m.DeclaringSyntaxReferences.Any(r => !r.SyntaxTree.FilePath.EndsWith(".KernelStruct.g.cs", System.StringComparison.Ordinal)));

        private FlexibleArrayModel? Flexible(AttributeData attribute, bool isUnion, string? outerField, string pathPrefix)
        {
            var elementType = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as ITypeSymbol : null;
            var name = attribute.ConstructorArguments.Length > 1 ? attribute.ConstructorArguments[1].Value as string : null;
            var alignment = AttributeArguments.Named<int>(attribute, "Alignment");
            if (isUnion)
            {
                Report("KS1009", outerField, "FlexibleArray", name ?? "?", "a union cannot have a flexible array member");
                return null;
            }

            if (!Names.IsCIdentifier(name))
            {
                Report("KS1009", outerField, "FlexibleArray name", name is null ? "null" : Names.Quote(name), "it must be a C identifier");
                return null;
            }

            if (alignment != 0 && alignment != FlexibleArrayModel.PointerAlignment && !IsPowerOfTwo(alignment))
            {
                Report("KS1009", outerField, "FlexibleArray Alignment", Invariant(alignment), "it must be a power of two or FlexibleArrayAttribute.PointerAlignment");
                return null;
            }

            var element = elementType is null ? null : Type(elementType, outerField ?? name!, pathPrefix + name);
            return element is null ? null : new FlexibleArrayModel(name!, element, alignment);
        }

        private FieldModel? Field(IFieldSymbol field, string reportAt, string path)
        {
            CType? type;
            var storage = FieldStorage.Plain;
            if (field.IsFixedSizeBuffer && field.Type is IPointerTypeSymbol pointer)
            {
                var element = Type(pointer.PointedAtType, reportAt, path);
                type = element is null ? null : new CType(CTypeKind.Array, element.CSharpName, element.CName, Element: element, Length: field.FixedSize);
                storage = FieldStorage.FixedBuffer;
            }
            else
            {
                type = Type(field.Type, reportAt, path);
                if (type is { Kind: CTypeKind.Array })
                {
                    storage = FieldStorage.InlineArray;
                }
            }

            if (type is null)
            {
                return null;
            }

            var cField = AttributeArguments.Find(field, KnownNames.CFieldAttribute);
            var anonymous = cField is not null && AttributeArguments.Named<bool>(cField, "Anonymous");
            var cName = field.Name;
            if (cField is { ConstructorArguments.Length: > 0 })
            {
                var stated = cField.ConstructorArguments[0].Value as string;
                if (!anonymous && !Names.IsCIdentifier(stated))
                {
                    Report("KS1009", reportAt, "CField name", stated is null ? "null" : Names.Quote(stated), "it must be a C identifier (ASCII letters, digits and '_', not starting with a digit, not a C keyword)");
                    return null;
                }

                cName = stated ?? field.Name;
            }
            else if (!anonymous && !Names.IsCIdentifier(field.Name))
            {
                Report("KS1009", reportAt, "C member name", Names.Quote(field.Name), $"the C# name of field '{path}' is its C name unless [CField(\"name\")] states one, and it is not a C identifier");
                return null;
            }

            var expectedOffset = cField is null ? -1 : ExpectedOffset(cField);
            if (expectedOffset < -1)
            {
                Report("KS1009", reportAt, "CField ExpectedOffset", Invariant(expectedOffset), "it must be an offset (0 or more), or -1 for no expectation");
                expectedOffset = -1;
            }
            var alignment = cField is null ? 0 : AttributeArguments.Named<int>(cField, "Alignment");
            if (alignment != 0 && !IsPowerOfTwo(alignment))
            {
                Report("KS1009", reportAt, "CField Alignment", Invariant(alignment), "it must be a power of two");
            }

            var clrOffset = AttributeArguments.Find(field, KnownNames.FieldOffsetAttribute)?.ConstructorArguments.FirstOrDefault().Value is int offset ? offset
                : _layouts?.FieldOffset(field) ?? -1;
            var isCString = AttributeArguments.Find(field, KnownNames.CStringAttribute) is not null;
            if (isCString && !type.IsByteArray)
            {
                Report("KS1008", reportAt, path);
            }

            if (anonymous)
            {
                type = AnonymousMemberType(field, type, cField!, reportAt, path);
                if (type is null)
                {
                    return null;
                }
            }

            var bitFields = BitFields(field, type, reportAt, path);
            return new FieldModel(field.Name, anonymous ? field.Name : cName, type, storage, expectedOffset, alignment, clrOffset, isCString, bitFields, anonymous, field.IsReadOnly, Access(field));
        }

        /// <summary>
        /// The type of a field that stands for an anonymous member: an unnamed struct or union (a plain nested struct without
        /// <c>[KernelStruct]</c> becomes an unnamed struct), or <see langword="null"/> with KS1012 reported.
        /// </summary>
        private CType? AnonymousMemberType(IFieldSymbol field, CType type, AttributeData cField, string reportAt, string path)
        {
            if (type.Kind != CTypeKind.Struct)
            {
                Report("KS1012", reportAt, path, "its type must be a struct or union: a nested [KernelStruct(\"struct\")] or [KernelStruct(\"union\")] type");
                return null;
            }

            if (cField.ConstructorArguments.Length > 0)
            {
                Report("KS1012", reportAt, path, "an anonymous member has no C name, so [CField] cannot give one");
                return null;
            }

            var shape = type.Struct!;
            if (shape.IsUnnamed)
            {
                return type;
            }

            if (field.Type is INamedTypeSymbol named && AttributeArguments.Find(named, KnownNames.KernelStructAttribute) is null)
            {
                // A plain nested struct: the C type of an anonymous member has no name.
                shape = shape with { CName = "struct" };
                return type with { CName = shape.CName, Struct = shape };
            }

            Report("KS1012", reportAt, path, $"its type mirrors {shape.CName}, but the type of an anonymous member has no name: declare it [KernelStruct(\"{(shape.IsUnion ? "union" : "struct")}\")]");
            return null;
        }

        /// <summary>
        /// A field's declared accessibility. A struct's field is public, internal or private: C# refuses the protected ones
        /// in a struct (CS0666), so they count as private.
        /// </summary>
        private static FieldAccess Access(IFieldSymbol field) => field.DeclaredAccessibility switch
        {
            Accessibility.Public => FieldAccess.Public,
            Accessibility.Internal => FieldAccess.Internal,
            _ => FieldAccess.Private,
        };

        private static int ExpectedOffset(AttributeData cField)
        {
            foreach (var argument in cField.NamedArguments)
            {
                if (argument.Key == "ExpectedOffset" && argument.Value.Value is int value)
                {
                    return value;
                }
            }

            return -1;
        }

        private EquatableArray<BitFieldModel> BitFields(IFieldSymbol field, CType type, string reportAt, string path)
        {
            var attributes = field.GetAttributes().Where(a => TypeNames.Is(a.AttributeClass, KnownNames.BitFieldAttribute)).ToList();
            if (attributes.Count == 0)
            {
                return EquatableArray<BitFieldModel>.Empty;
            }

            if (type.Kind != CTypeKind.Integer)
            {
                Report("KS1007", reportAt, path, "the storage unit must be an integer type (byte, ushort, uint, ulong or a signed one)");
                return EquatableArray<BitFieldModel>.Empty;
            }

            var bits = new List<BitFieldModel>();
            var used = 0;
            var names = new HashSet<string>();
            foreach (var attribute in attributes)
            {
                var name = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string : null;
                var width = attribute.ConstructorArguments.Length > 1 && attribute.ConstructorArguments[1].Value is int w ? w : 0;
                if (name is null || !Names.IsCIdentifier(name) || !names.Add(name))
                {
                    Report("KS1007", reportAt, path, $"bitfield name {(name is null ? "null" : Names.Quote(name))} is not a unique C identifier");
                    continue;
                }

                if (width <= 0 || width > type.Size * 8)
                {
                    Report("KS1007", reportAt, path, $"bitfield {name} has width {Invariant(width)}, outside 1 to {Invariant(type.Size * 8)}");
                    continue;
                }

                used += width;
                bits.Add(new BitFieldModel(name, width));
            }

            if (used > type.Size * 8)
            {
                Report("KS1007", reportAt, path, $"its bitfields take {Invariant(used)} bits but a {type.CName} unit holds {Invariant(type.Size * 8)}");
            }

            return bits.ToEquatableArray();
        }

        /// <summary>The C type a C# type mirrors, or <see langword="null"/> (with a problem reported) when it mirrors none.</summary>
        private CType? Type(ITypeSymbol type, string reportAt, string path)
        {
            var csharp = Names.FullyQualified(type);
            switch (type.SpecialType)
            {
                case SpecialType.System_Byte: return new CType(CTypeKind.Integer, csharp, "__u8", 1);
                case SpecialType.System_SByte: return new CType(CTypeKind.Integer, csharp, "__s8", 1, Signed: true);
                case SpecialType.System_UInt16: return new CType(CTypeKind.Integer, csharp, "__u16", 2);
                case SpecialType.System_Int16: return new CType(CTypeKind.Integer, csharp, "__s16", 2, Signed: true);
                case SpecialType.System_UInt32: return new CType(CTypeKind.Integer, csharp, "__u32", 4);
                case SpecialType.System_Int32: return new CType(CTypeKind.Integer, csharp, "__s32", 4, Signed: true);
                case SpecialType.System_UInt64: return new CType(CTypeKind.Integer, csharp, "__u64", 8);
                case SpecialType.System_Int64: return new CType(CTypeKind.Integer, csharp, "__s64", 8, Signed: true);
                case SpecialType.System_IntPtr: return new CType(CTypeKind.Pointer, csharp, "long", Signed: true);
                case SpecialType.System_UIntPtr: return new CType(CTypeKind.Pointer, csharp, "unsigned long");
                case SpecialType.System_Char:
                    Report("KS1001", reportAt, path);
                    return null;
                case SpecialType.System_Boolean:
                    Report("KS1002", reportAt, path);
                    return null;
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                case SpecialType.System_Decimal:
                    // ToDisplayString() spells these as keywords, so the name switch below never sees them.
                    Report("KS1003", reportAt, path, type.ToDisplayString(), "it has no kernel uapi counterpart");
                    return null;
            }

            if (type is IPointerTypeSymbol or IFunctionPointerTypeSymbol)
            {
                return new CType(CTypeKind.Pointer, csharp, "void *");
            }

            if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
            {
                var integer = Type(underlying, reportAt, path);
                return integer is null ? null : integer with { CSharpName = csharp };
            }

            if (type is not INamedTypeSymbol { TypeKind: TypeKind.Struct } named || type.IsRefLikeType)
            {
                Report("KS1003", reportAt, path, type.ToDisplayString(), type.IsReferenceType ? "a reference type has no C layout" : "it has no C counterpart");
                return null;
            }

            switch (TypeNames.Display(named))
            {
                case "System.Runtime.InteropServices.CLong": return new CType(CTypeKind.Long, csharp, "long", Signed: true);
                case "System.Runtime.InteropServices.CULong": return new CType(CTypeKind.Long, csharp, "unsigned long");
                case "KernelStructs.Be16": return new CType(CTypeKind.ByteOrder, csharp, "__be16", 2);
                case "KernelStructs.Be32": return new CType(CTypeKind.ByteOrder, csharp, "__be32", 4);
                case "KernelStructs.Be64": return new CType(CTypeKind.ByteOrder, csharp, "__be64", 8);
                case "KernelStructs.Le16": return new CType(CTypeKind.ByteOrder, csharp, "__le16", 2);
                case "KernelStructs.Le32": return new CType(CTypeKind.ByteOrder, csharp, "__le32", 4);
                case "KernelStructs.Le64": return new CType(CTypeKind.ByteOrder, csharp, "__le64", 8);
                case "System.Half":
                case "System.Int128":
                case "System.UInt128":
                    Report("KS1003", reportAt, path, type.ToDisplayString(), "it has no kernel uapi counterpart");
                    return null;
            }

            if (!named.IsGenericType && IsInSystemNamespace(named))
            {
                // Framework structs (Guid, DateTime, ...) are no uapi types, and reference assemblies hide their real fields.
                Report("KS1003", reportAt, path, type.ToDisplayString(), "it is a .NET type with no kernel uapi counterpart");
                return null;
            }

            if (named.IsGenericType)
            {
                Report("KS1003", reportAt, path, type.ToDisplayString(), "a generic struct has no C counterpart");
                return null;
            }

            // Before following any member: a type met again on the way down (through a field, an inline array's element,
            // an anonymous member or a flexible array) nests itself, and C has no such type.
            if (_parsing.Contains(named, SymbolEqualityComparer.Default))
            {
                Report("KS1006", reportAt, path, named.Name);
                return null;
            }

            if (AttributeArguments.Find(named, KnownNames.InlineArrayAttribute) is { } inlineArray)
            {
                var length = inlineArray.ConstructorArguments.FirstOrDefault().Value is int n ? n : 0;
                var elementFields = named.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic).ToList();
                if (elementFields.Count != 1)
                {
                    Report("KS1003", reportAt, path, type.ToDisplayString(), "an [InlineArray] struct has exactly one instance field, its element");
                    return null;
                }

                var elementField = elementFields[0];
                CType? element;
                _parsing.Push(named);
                try
                {
                    element = Type(elementField.Type, reportAt, path);
                }
                finally
                {
                    _parsing.Pop();
                }

                if (element is null || length <= 0)
                {
                    if (element is not null)
                    {
                        Report("KS1003", reportAt, path, type.ToDisplayString(), "an [InlineArray] needs a positive length");
                    }

                    return null;
                }

                return new CType(CTypeKind.Array, csharp, element.CName, Element: element, Length: length);
            }

            if (!_done.TryGetValue(named, out var shape))
            {
                var before = _problems.Count;
                shape = Parse(named, topLevel: false, outerField: reportAt, pathPrefix: path + ".");
                if (_problems.Count == before && HasDeclarationProblems(named, shape))
                {
                    // Its members are fine, but its own declaration is not: it gets no generated code, which this
                    // struct's code would name.
                    Report("KS1003", reportAt, path, type.ToDisplayString(), $"{named.Name} is a [KernelStruct] with errors of its own (see its diagnostics)");
                }

                if (_problems.Count > before)
                {
                    shape = null;
                }

                _done[named] = shape;
            }

            return shape is null ? null : new CType(CTypeKind.Struct, csharp, shape.CName, Struct: shape);
        }

        private void Report(string id, string? member, params string[] arguments)
        {
            _problems.Add(Problem.Create(id, member, arguments));
        }
    }

    /// <summary>
    /// The problems of a <c>[KernelStruct]</c> that its members' shape shows together with its attribute: the attribute's
    /// size and extent arguments, a header on a type without a name, and (when there is nothing else) the names the
    /// generator would write into it (KS1016).
    /// </summary>
    private static void CheckArguments(INamedTypeSymbol type, StructShape shape, int expectedSize, int extent, HeaderModel headers, List<Problem> problems)
    {
        if (expectedSize < 0)
        {
            problems.Add(Problem.Create("KS1009", null, "ExpectedSize", expectedSize.ToString(System.Globalization.CultureInfo.InvariantCulture), "it must be positive (0 states no expectation)"));
        }

        if (extent is < 0 or > 2)
        {
            problems.Add(Problem.Create("KS1009", null, "Extent", extent.ToString(System.Globalization.CultureInfo.InvariantCulture), "it must be StructExtent.Complete, Prefix or Growing"));
        }

        if (shape.IsUnnamed && headers.Header is not null)
        {
            problems.Add(Problem.Create("KS1009", null, "Header", Names.Quote(headers.Header), $"a {shape.CName} without a name is checked through the struct that contains it, which states the header"));
        }

        if (problems.Count == 0)
        {
            CheckGeneratedNames(type, shape, problems);
        }
    }

    /// <summary>
    /// Whether a nested <c>[KernelStruct]</c>, whose members parsed without problems into <paramref name="shape"/>, has
    /// problems that only its own declaration shows (its attribute's arguments, where and how it is declared, names the
    /// generator would write into it): then it gets no generated code, which the struct nesting it would name. These are
    /// the checks <see cref="Parse(INamedTypeSymbol, IClrLayouts?, CancellationToken)"/> makes besides its members'.
    /// </summary>
    private static bool HasDeclarationProblems(INamedTypeSymbol type, StructShape shape)
    {
        if (AttributeArguments.Find(type, KnownNames.KernelStructAttribute) is not { } attribute || type.DeclaringSyntaxReferences.Length == 0)
        {
            return false;
        }

        var problems = new List<Problem>();
        var headers = Headers(attribute, problems);
        CheckDeclaration(type, problems);
        CheckArguments(type, shape, AttributeArguments.Named<int>(attribute, "ExpectedSize"), AttributeArguments.Named<int>(attribute, "Extent"), headers, problems);
        return problems.Count > 0;
    }

    private static bool IsPowerOfTwo(int value) => value > 0 && (value & (value - 1)) == 0;

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// The CLR layout of types read from metadata, where <c>[StructLayout]</c> and <c>[FieldOffset]</c> are not custom
/// attributes but flags and tables of the type definition: the analyzers read them there (the generator only parses
/// declarations in source).
/// </summary>
internal interface IClrLayouts
{
    /// <summary>The type's <c>LayoutKind</c> value, <c>Pack</c> and <c>Size</c>; <see langword="null"/> for a type in source.</summary>
    (int Kind, int Pack, int Size)? TypeLayout(INamedTypeSymbol type);

    /// <summary>The field's explicit offset; <see langword="null"/> for a field in source or without one.</summary>
    int? FieldOffset(IFieldSymbol field);
}
