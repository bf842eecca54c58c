using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace KernelStructs.Analyzers;

/// <summary>
/// Every diagnostic KernelStructs reports. IDs by area: KS0xxx usage, KS1xxx layout,
/// KS2xxx socket options, KS3xxx addresses. Each links to <c>docs/diagnostics/KSnnnn.md</c>.
/// </summary>
internal static class Descriptors
{
    private const string HelpRoot = KernelStructs.Generator.Diagnostics.LayoutCycles.HelpRoot;

    private const string Usage = "KernelStructs.Usage";
    private const string Layout = "KernelStructs.Layout";

    private static DiagnosticDescriptor Rule(string id, string title, string message, string category, DiagnosticSeverity severity, string? description = null)
        => new(id, title, message, category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpRoot + id + ".md");

    // ---- KS0xxx: how a struct mirror is declared -------------------------------------------

    /// <summary>KS0001: the generator adds members to the struct, so it must be partial.</summary>
    public static readonly DiagnosticDescriptor NotPartial = Rule(
        "KS0001",
        "Kernel struct must be partial",
        "'{0}' must be declared partial so that KernelStructs can add its layout members",
        Usage,
        DiagnosticSeverity.Error);

    /// <summary>KS0002: a generic struct, or one nested in a generic type, has no single C layout.</summary>
    public static readonly DiagnosticDescriptor Generic = Rule(
        "KS0002",
        "Kernel struct cannot be generic",
        "'{0}' cannot be a kernel struct: {1}",
        Usage,
        DiagnosticSeverity.Error);

    /// <summary>KS0003: only a plain struct mirrors a C struct (no record struct, no ref struct).</summary>
    public static readonly DiagnosticDescriptor NotPlainStruct = Rule(
        "KS0003",
        "Kernel struct must be a plain struct",
        "'{0}' cannot be a kernel struct: {1}",
        Usage,
        DiagnosticSeverity.Error);

    /// <summary>KS0004: the generated part is nested in the same types, which must be partial too.</summary>
    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Rule(
        "KS0004",
        "Type containing a kernel struct must be partial",
        "'{0}' is nested in '{1}', which must be declared partial too",
        Usage,
        DiagnosticSeverity.Error);

    /// <summary>KS0005: the generated members need C# 12.</summary>
    public static readonly DiagnosticDescriptor LanguageVersionTooOld = Rule(
        "KS0005",
        "Kernel structs need C# 12 or later",
        "'{0}' cannot get its generated members: they need C# 12 or later, and the project uses C# {1}",
        Usage,
        DiagnosticSeverity.Error,
        "The generated views pass the struct to .NET 8's ref readonly parameters (MemoryMarshal.CreateReadOnlySpan), which C# 12 introduced. C# 12 is the default for net8.0 and later; a lower <LangVersion> turns it off.");

    // ---- KS1xxx: struct mirrors and layout -------------------------------------------------

    /// <summary>KS1001: C# <c>char</c> is 2 bytes; C <c>char</c> is 1.</summary>
    public static readonly DiagnosticDescriptor CSharpChar = Rule(
        "KS1001",
        "C# char in a kernel struct",
        "Field '{0}' is a C# char (2 bytes, UTF-16) but a C char is 1 byte: use byte",
        Layout,
        DiagnosticSeverity.Error);

    /// <summary>KS1002: a kernel byte other than 0 or 1 is not a valid <c>bool</c>.</summary>
    public static readonly DiagnosticDescriptor Bool = Rule(
        "KS1002",
        "bool in a kernel struct",
        "Field '{0}' is a bool: a kernel byte other than 0 or 1 makes it an invalid bool, so use byte (or a bitfield)",
        Layout,
        DiagnosticSeverity.Error);

    /// <summary>KS1003: a field type that has no C layout.</summary>
    public static readonly DiagnosticDescriptor UnsupportedFieldType = Rule(
        "KS1003",
        "Field type has no C counterpart",
        "Field '{0}' has type '{1}', which a kernel struct cannot mirror: {2}",
        Layout,
        DiagnosticSeverity.Error);

    /// <summary>KS1004: <c>LayoutKind.Auto</c> lets the CLR reorder fields.</summary>
    public static readonly DiagnosticDescriptor AutoLayout = Rule(
        "KS1004",
        "Kernel struct uses LayoutKind.Auto",
        "'{0}' uses LayoutKind.Auto, which lets the CLR reorder its fields: use LayoutKind.Sequential or LayoutKind.Explicit",
        Layout,
        DiagnosticSeverity.Error);

    /// <summary>KS1005: the CLR lays the declaration out differently from C.</summary>
    public static readonly DiagnosticDescriptor ClrLayoutDiffers = Rule(
        "KS1005",
        "The CLR lays out the struct differently from C",
        "The CLR lays out {0} differently from C on {1}: C {2}, the CLR {3}{4}",
        Layout,
        DiagnosticSeverity.Error,
        "The generated members read the struct's memory as the CLR lays it out, and the kernel writes it as gcc does: the two must agree on every ABI.");

    /// <summary>KS1006: a struct that contains itself.</summary>
    public static readonly DiagnosticDescriptor RecursiveNesting = Rule(
        KernelStructs.Generator.Diagnostics.LayoutCycles.Id,
        KernelStructs.Generator.Diagnostics.LayoutCycles.Title,
        KernelStructs.Generator.Diagnostics.LayoutCycles.Message,
        Layout,
        DiagnosticSeverity.Error);

    /// <summary>KS1007: bitfields that do not fit their storage unit.</summary>
    public static readonly DiagnosticDescriptor InvalidBitFields = Rule(
        "KS1007",
        "Invalid bitfields",
        "The bitfields of '{0}' are not valid: {1}",
        Layout,
        DiagnosticSeverity.Error);

    /// <summary>KS1008: <c>[CString]</c> on a field that is not a byte array.</summary>
    public static readonly DiagnosticDescriptor CStringNotByteArray = Rule(
        "KS1008",
        "[CString] on a field that is not a byte array",
        "[CString] field '{0}' must be a byte array: a fixed byte buffer or an [InlineArray] of byte",
        Layout,
        DiagnosticSeverity.Error);

    /// <summary>KS1009: an attribute argument out of its range.</summary>
    public static readonly DiagnosticDescriptor InvalidArgument = Rule(
        "KS1009",
        "Invalid KernelStructs attribute argument",
        "{0} {1} is not valid: {2}",
        Layout,
        DiagnosticSeverity.Error);

    /// <summary>KS1010: a struct without fields.</summary>
    public static readonly DiagnosticDescriptor EmptyStruct = Rule(
        "KS1010",
        "Kernel struct has no fields",
        "{0} has no fields: C has no empty structs (gcc gives them size 0, the CLR size 1)",
        Layout,
        DiagnosticSeverity.Error);

    /// <summary>KS1011: a struct whose size does not fit in an <see cref="int"/>.</summary>
    public static readonly DiagnosticDescriptor TooLarge = Rule(
        "KS1011",
        "Kernel struct is too large",
        "{0} is 2 GiB or larger on some ABI: no kernel struct is, so check its array lengths",
        Layout,
        DiagnosticSeverity.Error);

    /// <summary>KS1012: a field marked as an anonymous member whose type cannot be one.</summary>
    public static readonly DiagnosticDescriptor InvalidAnonymousMember = Rule(
        "KS1012",
        "Invalid anonymous member",
        "Field '{0}' cannot stand for an anonymous member: {1}",
        Layout,
        DiagnosticSeverity.Error);

    /// <summary>KS1013: two members with one C name, counting the members of anonymous members and bitfields.</summary>
    public static readonly DiagnosticDescriptor DuplicateMemberName = Rule(
        "KS1013",
        "Duplicate C member name",
        "{0} names member '{1}' twice: in field '{2}' and in {3}",
        Layout,
        DiagnosticSeverity.Error);

    /// <summary>KS1014: explicit field offsets that overlap in a C struct, where C has an anonymous union.</summary>
    public static readonly DiagnosticDescriptor FlattenedOverlap = Rule(
        "KS1014",
        "Overlapping fields in a struct",
        "Fields '{0}' (offset {1}, {2}) and '{3}' (offset {4}, {5}) overlap on {6}, but {7} is a struct: in C only the members of a union share bytes, so these members belong to an anonymous union (or struct) member that the flattened declaration leaves out, and no C offset can be computed for them. Declare that member: a field marked [CField(Anonymous = true)] whose type is a nested [KernelStruct(\"union\")].",
        Layout,
        DiagnosticSeverity.Error,
        "C lays out the members of a struct one after the other; members that share bytes are in a union. A flattened [StructLayout(LayoutKind.Explicit)] declaration that overlaps fields states a layout C cannot have for the declared members, so KernelStructs reports it instead of computing a C offset for it.");

    /// <summary>KS1015: instance data that C does not have: an auto-property's backing field, a field-like event, a primary constructor.</summary>
    public static readonly DiagnosticDescriptor HiddenField = Rule(
        "KS1015",
        "Kernel struct stores data C does not have",
        "'{0}' stores data that no C member mirrors: {1}; a kernel struct holds only fields that mirror C members",
        Layout,
        DiagnosticSeverity.Error,
        "The compiler keeps an auto-property's value, a field-like event's delegate and a captured primary-constructor parameter in fields that take room in the CLR's layout but have no C counterpart: the layout would silently differ from the kernel's.");

    /// <summary>KS1016: a name the generator would write is taken: by a user member, by another generated member, by the struct itself, or by an inherited member.</summary>
    public static readonly DiagnosticDescriptor GeneratedNameTaken = Rule(
        "KS1016",
        "Name taken by a generated member",
        "{0} and {1} are both named '{2}' in '{3}': rename one (a [CField] gives a field a C name other than its C# name)",
        Layout,
        DiagnosticSeverity.Error,
        "The generator writes SizeOf, AlignOf, Offsets, views, accessors and a property per bitfield into the struct; a member of the same name would make the generated code fail to compile. A method the user declares with the name of a view, a C-string or flexible-array accessor or ToString replaces the generated one.");

    /// <summary>KS1101: <c>ExpectedSize</c> does not hold.</summary>
    public static readonly DiagnosticDescriptor SizeMismatch = Rule(
        "KS1101",
        "Size expectation does not hold",
        "sizeof({0}) is {2} on {3}, not the expected {1}",
        Layout,
        DiagnosticSeverity.Error);

    /// <summary>KS1102: a field's <c>ExpectedOffset</c> does not hold.</summary>
    public static readonly DiagnosticDescriptor OffsetMismatch = Rule(
        "KS1102",
        "Offset expectation does not hold",
        "Field '{0}' is at offset {2} on {3}, not at the expected offset {1}",
        Layout,
        DiagnosticSeverity.Error);

    /// <summary>KS1103: the layout differs between the supported ABIs.</summary>
    public static readonly DiagnosticDescriptor AbiDependentLayout = Rule(
        "KS1103",
        "Layout depends on the ABI",
        "{0} lays out differently across ABIs: {1}",
        Layout,
        DiagnosticSeverity.Info);

    /// <summary>KS1104: padding that C inserts and the declaration leaves implicit.</summary>
    public static readonly DiagnosticDescriptor ImplicitPadding = Rule(
        "KS1104",
        "Implicit padding",
        "{0} is {1} of implicit padding{2}",
        Layout,
        DiagnosticSeverity.Info);

    /// <summary>
    /// KS1105: the struct's layout as pahole prints it, on every ABI. Off by default: turn it on for a project or a
    /// file in <c>.editorconfig</c> (<c>dotnet_diagnostic.KS1105.severity = suggestion</c>) to read it in the IDE or
    /// the build log.
    /// </summary>
    public static readonly DiagnosticDescriptor LayoutPicture = new(
        "KS1105",
        "Layout of a kernel struct",
        "Layout of {0} (as pahole prints it):{1}",
        Layout,
        DiagnosticSeverity.Info,
        isEnabledByDefault: false,
        description: "The offset and size of every member, holes, bitfield positions, tail padding, size and alignment on each ABI: the picture in the generated doc comment, as a diagnostic.",
        helpLinkUri: HelpRoot + "KS1105.md");

    // ---- KS2xxx: socket options ------------------------------------------------------------

    private const string SocketOptions = "KernelStructs.SocketOptions";

    /// <summary>KS2001: a GET command on a setsockopt path, or a SET command on a getsockopt path.</summary>
    public static readonly DiagnosticDescriptor WrongDirection = Rule(
        "KS2001",
        "Socket-option command sent to the wrong system call",
        "{0}",
        SocketOptions,
        DiagnosticSeverity.Error,
        "GET and SET commands share numbers: setsockopt with a GET command's number runs whatever SET command has that number (64 at SOL_IP is IPT_SO_SET_REPLACE, which replaces a whole table).");

    /// <summary>KS2002: a bare number (or an unannotated constant) that names a known command.</summary>
    public static readonly DiagnosticDescriptor BareOptionNumber = Rule(
        "KS2002",
        "Option number without its command constant",
        "{0} at {1} on {2} is {3}: use the command constant",
        SocketOptions,
        DiagnosticSeverity.Info,
        "A bare number hides which command the kernel runs; the annotated constant says it, and lets the analyzers check the direction, level and length.");

    /// <summary>KS2003: a command at a level it does not belong to.</summary>
    public static readonly DiagnosticDescriptor WrongLevel = Rule(
        "KS2003",
        "Socket-option command used at the wrong level",
        "'{0}' is a command at {1}, not at {2}{3}",
        SocketOptions,
        DiagnosticSeverity.Error,
        "The same number means different commands at different levels: at the wrong level the kernel runs another command or answers ENOPROTOOPT.");

    /// <summary>KS2004: a length or buffer that breaks the command's length rule.</summary>
    public static readonly DiagnosticDescriptor LengthBreaksRule = Rule(
        "KS2004",
        "Option length does not fit the command's payload",
        "{0} does not fit '{1}': {2}",
        SocketOptions,
        DiagnosticSeverity.Error,
        "The kernel checks the length against its own struct: too short is EINVAL or a truncated answer, and a length longer than the variable behind the pointer lets the kernel write past it.");

    /// <summary>KS2005: a payload struct that is not the command's.</summary>
    public static readonly DiagnosticDescriptor PayloadMismatch = Rule(
        "KS2005",
        "Payload type is not the command's",
        "'{0}' carries {1}, not {2}",
        SocketOptions,
        DiagnosticSeverity.Error,
        "The kernel reads and writes the command's own struct: another type of the right size still reads the wrong fields.");

    /// <summary>KS2006: a [SockOptCommand] annotation the analyzers cannot use.</summary>
    public static readonly DiagnosticDescriptor InvalidCommand = Rule(
        "KS2006",
        "Invalid socket-option command annotation",
        "[SockOptCommand] '{0}' {1}",
        SocketOptions,
        DiagnosticSeverity.Error);

    /// <summary>KS2007: a [GetSockOpt] wrapper of a setsockopt-only command, or a [SetSockOpt] wrapper of a getsockopt-only one.</summary>
    public static readonly DiagnosticDescriptor WrapperDirection = Rule(
        "KS2007",
        "Wrapper names a command of the other direction",
        "[{0}] '{1}' names {2}, a {3} command",
        SocketOptions,
        DiagnosticSeverity.Error,
        "The generated wrapper calls the system call its attribute names, with the command's number: a GET wrapper of a SET command would run whatever GET command shares the number, if any.");

    /// <summary>KS2009: a raw call that a typed wrapper already makes.</summary>
    public static readonly DiagnosticDescriptor UseTypedWrapper = Rule(
        "KS2009",
        "A typed wrapper makes this call",
        "'{0}' makes this {1} of '{2}' with its direction, level and length checked",
        SocketOptions,
        DiagnosticSeverity.Info);

    /// <summary>KS2010: a [GetSockOpt]/[SetSockOpt] method the generator cannot implement.</summary>
    public static readonly DiagnosticDescriptor InvalidSockOptMethod = Rule(
        "KS2010",
        "Socket-option method has an unsupported shape",
        "'{0}' cannot be implemented as a socket option: {1}",
        SocketOptions,
        DiagnosticSeverity.Error);

    /// <summary>KS2012: a [GetSockOpt]/[SetSockOpt] method whose attribute does not name a [SockOptCommand] constant.</summary>
    public static readonly DiagnosticDescriptor WrapperWithoutCommand = Rule(
        "KS2012",
        "Socket-option wrapper does not name a command",
        "[{0}] '{1}' names {2}: name a [SockOptCommand] constant, which states the level, payload, length rule and C name",
        SocketOptions,
        DiagnosticSeverity.Error,
        "A wrapper states nothing about its command but which one it is; everything else comes from the command's annotation, so a number or an unannotated constant leaves the generator nothing to implement it from.");

    /// <summary>KS2013: a kernel option number cast to <c>SocketOptionName</c> (or level to <c>SocketOptionLevel</c>), which .NET reads as its own.</summary>
    public static readonly DiagnosticDescriptor DotNetOptionName = Rule(
        "KS2013",
        "Socket.SetSocketOption/GetSocketOption reads a cast number as .NET's own option",
        "{0}",
        SocketOptions,
        DiagnosticSeverity.Error,
        "SocketOptionLevel and SocketOptionName are .NET's own numbering, which its native shim translates on Linux: a kernel number cast to them makes no system call (SocketException, OperationNotSupported) or runs the option .NET gives that number. SetRawSocketOption and GetRawSocketOption pass the kernel's numbers as they are.");

    /// <summary>Everything <c>SockOptAnalyzer</c> reports.</summary>
    public static readonly ImmutableArray<DiagnosticDescriptor> SockOpt = ImmutableArray.Create(
        WrongDirection,
        BareOptionNumber,
        WrongLevel,
        LengthBreaksRule,
        PayloadMismatch,
        InvalidCommand,
        WrapperDirection,
        UseTypedWrapper,
        InvalidSockOptMethod,
        WrapperWithoutCommand,
        DotNetOptionName);

    // ---- KS3xxx: addresses -----------------------------------------------------------------

    public static readonly DiagnosticDescriptor InvalidAddressLiteral = Rule(
        "KS3001", "The strict address parser rejects this constant",
        "{0} rejects \"{1}\": {2}",
        "KernelStructs.Addresses", DiagnosticSeverity.Error,
        "In4Pton and In6Pton parse like the kernel's in4_pton and in6_pton; with a constant text and delimiter the result is known at compile time, and this call always fails.");

    public static readonly DiagnosticDescriptor MisreadAddressLiteral = Rule(
        "KS3002", "in_aton misreads this constant",
        "in_aton reads \"{0}\" as {1}: {2}",
        "KernelStructs.Addresses", DiagnosticSeverity.Warning,
        "InAton, like the kernel's in_aton, never fails: text that is not a plain dotted quad is silently read as some other address.");

    /// <summary>The descriptors of the problems the generator's parsers (<c>StructParser</c>, <c>SockOptParser</c>) find, by ID.</summary>
    public static readonly IReadOnlyDictionary<string, DiagnosticDescriptor> ParserProblems = new Dictionary<string, DiagnosticDescriptor>
    {
        [NotPartial.Id] = NotPartial,
        [Generic.Id] = Generic,
        [NotPlainStruct.Id] = NotPlainStruct,
        [ContainingTypeNotPartial.Id] = ContainingTypeNotPartial,
        [LanguageVersionTooOld.Id] = LanguageVersionTooOld,
        [CSharpChar.Id] = CSharpChar,
        [Bool.Id] = Bool,
        [UnsupportedFieldType.Id] = UnsupportedFieldType,
        [AutoLayout.Id] = AutoLayout,
        [RecursiveNesting.Id] = RecursiveNesting,
        [InvalidBitFields.Id] = InvalidBitFields,
        [CStringNotByteArray.Id] = CStringNotByteArray,
        [InvalidArgument.Id] = InvalidArgument,
        [EmptyStruct.Id] = EmptyStruct,
        [TooLarge.Id] = TooLarge,
        [InvalidAnonymousMember.Id] = InvalidAnonymousMember,
        [DuplicateMemberName.Id] = DuplicateMemberName,
        [HiddenField.Id] = HiddenField,
        [GeneratedNameTaken.Id] = GeneratedNameTaken,
        [PayloadMismatch.Id] = PayloadMismatch,
        [WrapperDirection.Id] = WrapperDirection,
        [InvalidSockOptMethod.Id] = InvalidSockOptMethod,
        [WrapperWithoutCommand.Id] = WrapperWithoutCommand,
    };

    /// <summary>Everything <c>KernelStructAnalyzer</c> reports.</summary>
    public static readonly ImmutableArray<DiagnosticDescriptor> KernelStruct = ImmutableArray.Create(
        NotPartial,
        Generic,
        NotPlainStruct,
        ContainingTypeNotPartial,
        LanguageVersionTooOld,
        CSharpChar,
        Bool,
        UnsupportedFieldType,
        AutoLayout,
        ClrLayoutDiffers,
        RecursiveNesting,
        InvalidBitFields,
        CStringNotByteArray,
        InvalidArgument,
        EmptyStruct,
        TooLarge,
        InvalidAnonymousMember,
        DuplicateMemberName,
        HiddenField,
        GeneratedNameTaken,
        FlattenedOverlap,
        SizeMismatch,
        OffsetMismatch,
        AbiDependentLayout,
        ImplicitPadding,
        LayoutPicture);
}
