namespace KernelStructs.Fuzz.Cases;

/// <summary>What a user can type where a name, a string or a number goes: the ordinary and the hostile, as C# source text.</summary>
internal static class Pools
{
    /// <summary>Identifiers as written in C#: keywords with <c>@</c>, contextual keywords, generated-member names, unicode, case twins.</summary>
    public static readonly string[] Identifiers =
    [
        // Ordinary.
        "a", "b", "x1", "data", "Field", "flags", "sin_port", "len",
        // Keywords, escaped.
        "@class", "@event", "@int", "@struct", "@this", "@base", "@params", "@namespace", "@fixed", "@unsafe", "@default",
        "@operator", "@object", "@string", "@ref", "@out", "@in", "@is", "@new", "@true", "@null", "@void", "@sizeof",
        "@typeof", "@checked", "@delegate", "@public", "@static", "@const", "@readonly", "@return", "@byte", "@char", "@long",
        // Contextual keywords and names with a meaning somewhere.
        "var", "value", "dynamic", "nameof", "record", "file", "required", "scoped", "unmanaged", "notnull", "global",
        "partial", "async", "await", "yield", "when", "where", "get", "set", "init", "add", "remove", "args", "field",
        "nint", "nuint", "and", "or", "not", "with", "managed", "_", "__", "___", "@_", "@var", "@value", "@record",
        // What the generator writes into a kernel struct, and the names its code uses.
        "SizeOf", "AlignOf", "Offsets", "FromSpan", "FromReadOnlySpan", "Read", "WriteTo", "AsBytes", "AsReadOnlyBytes",
        "ToString", "SizeFor", "Equals", "GetHashCode", "GetType", "Layout", "text", "bytes", "destination", "buffer",
        "count", "GetName", "SetName", "GetData", "GetReadOnlyData", "_name", "__name", "name", "Name", "_data",
        // Type and namespace names the generated code spells.
        "System", "KernelStructs", "StructHelpers", "MemoryMarshal", "Span", "IntPtr", "BitConverter", "Microsoft",
        "Unsafe", "Be16", "Int32", "String", "Object", "StringBuilder", "CLong", "Text", "Runtime", "Diagnostics",
        // Unicode: letters, escapes, a formatting character, case folding that OrdinalIgnoreCase treats as equal.
        "été", "Ünïcödé", "ı", "I", "i", "ſ", "S", "s", "K", "\u212A", "\\u0061b", "a\\u0062", "名前", "a\u200Bb", "ǅ",
        // Case twins and long names.
        "Foo", "foo", "FOO", "A", new string('a', 300), "_" + new string('x', 200),
    ];

    /// <summary>Strings for C member names, bitfield names, flexible-array names: C identifiers and everything else.</summary>
    public static readonly string[] CNames =
    [
        "\"a\"", "\"x2\"", "\"sin_port\"", "\"_\"", "\"__\"", "\"_a\"", "\"A\"", "\"class\"", "\"event\"", "\"var\"", "\"value\"",
        "\"a b\"", "\"\"", "\" \"", "\"1a\"", "\"a\\\"b\"", "\"a\\0b\"", "\"a\\nb\"", "\"a\\rb\"", "\"a\\u0085b\"", "\"a\\u2028b\"",
        "\"a\\u2029b\"", "\"*/\"", "\"</c>\"", "\"&amp;\"", "\"a\\\\b\"", "\"\\t\"", "\"int\"", "\"struct\"", "\"a-b\"", "\"é\"",
        "\"a.b\"", "\"{0}\"", "\"SizeOf\"", "\"AlignOf\"", "\"Offsets\"", "\"ToString\"", "\"Read\"", "\"AsReadOnlyBytes\"",
        "\"AsBytes\"", "\"WriteTo\"", "\"FromSpan\"", "\"SizeFor\"", "\"Equals\"", "null", "\"a\\u200Bb\"", "\"\\uD800\"",
        "\"\\uFFFF\"", "@\"a\nb\"", "\"\"\"\n    raw\n    \"\"\"", "\"" + new string('n', 600) + "\"", "\"x\" + \"y\"",
        "nameof(System.Int32)", "\"a\\x1b\"", "\"a\\vb\"", "\"<!--\"", "\"]]>\"", "\"a'b\"", "\"#define\"", "\"a/*b\"", "\"//\"",
        "\"$\"", "\"a$b\"", "\"ℓ\"", "\"x\\u0301\"", "default", "\"Name\"", "\"name\"", "\"_name\"", "\"__name\"",
    ];

    /// <summary>Strings for the C type of a <c>[KernelStruct]</c>.</summary>
    public static readonly string[] CTypeNames =
    [
        "\"struct a\"", "\"union a\"", "\"struct\"", "\"union\"", "\"struct x-y\"", "\"struct  x\"", "\" struct x \"", "\"enum x\"",
        "\"struct x\\n\"", "\"struct int\"", "\"struct 1x\"", "\"\"", "null", "\"x\"", "\"struct x y\"", "\"struct\\tx\"",
        "\"struct é\"", "\"struct \\u2028\"", "\"struct x\\u0085\"", "\"struct class\"", "\"union *\"", "\"struct x\\0\"",
        "\"STRUCT x\"", "\"struct struct\"", "\"struct _\"", "\"struct __kernel\"", "\"union u\"", "\"struct a\\u2029b\"",
        "\"struct */\"", "\"struct </c>\"", "\"struct a&b\"", "\"struct \\\"a\\\"\"", "\"struct a\\\\b\"", "\"struct\\n\"",
        "\"struct x\\u200B\"", "\"union \"", "\"struct\\u00A0x\"", "\"struct " + new string('n', 500) + "\"", "default",
    ];

    /// <summary>Strings for header names, includes and defines.</summary>
    public static readonly string[] HeaderNames =
    [
        "\"linux/in.h\"", "\"sys/types.h\"", "\"\"", "\"a b.h\"", "\"a\\nb.h\"", "\"a\\u2028.h\"", "\"x.h\\u0085\"", "\"<x.h>\"",
        "\"\\\"x.h\\\"\"", "\"*/x.h\"", "\"../x.h\"", "\"/abs/x.h\"", "\"x\\\\y.h\"", "\"x.h\\0\"", "null", "\"x&y.h\"", "\"é.h\"",
        "\"--></c>\"", "\"_GNU_SOURCE\"", "\"NAME=1\"", "\"NAME=a b\"", "\"=1\"", "\"A=\\n\"", "\"A=\\u2028\"", "\"1A\"",
        "\"A\\\\\"", "\"A=\\\"x\\\"\"", "\"A=*/\"",
    ];

    /// <summary>Integers for sizes, offsets, widths, alignments, lengths.</summary>
    public static readonly string[] Integers =
    [
        "0", "1", "-1", "-2", "2", "3", "4", "5", "7", "8", "12", "16", "24", "32", "63", "64", "65", "128", "255", "256",
        "4096", "int.MaxValue", "int.MinValue", "1 << 30", "1 << 20", "-4096", "(int)'a'", "0x7fff", "sizeof(int)",
    ];

    /// <summary>Field types beyond the valid ones: what a user might put in a mirror by mistake.</summary>
    public static readonly string[] OddFieldTypes =
    [
        "char", "bool", "float", "double", "decimal", "string", "object", "int?", "(int, int)", "dynamic", "int[]",
        "System.Guid", "System.Int128", "System.UInt128", "System.Half", "System.DateTime", "System.Span<byte>",
        "System.IntPtr", "System.UIntPtr", "delegate*<void>", "delegate* unmanaged<int, int>", "void*", "int**",
        "System.ValueTuple<int>", "global::KernelStructs.Be32", "System.Runtime.InteropServices.CLong", "CULong",
        "System.ConsoleKey", "System.Net.Sockets.SocketFlags", "System.TypeCode", "System.Collections.Generic.KeyValuePair<int, int>",
        "System.Nullable<byte>", "System.ReadOnlyMemory<byte>", "System.Threading.CancellationToken", "System.Text.Rune",
        "Missing", "global::Missing.Type", "KernelStructs.Errno", "System.Action", "System.Exception", "nint*", "Be16*",
    ];

    /// <summary>Valid integer and byte-order field types, with their sizes.</summary>
    public static readonly (string Type, int Size, bool Signed)[] Scalars =
    [
        ("byte", 1, false), ("sbyte", 1, true), ("ushort", 2, false), ("short", 2, true), ("uint", 4, false),
        ("int", 4, true), ("ulong", 8, false), ("long", 8, true), ("nint", 8, true), ("nuint", 8, false),
        ("CLong", 8, true), ("CULong", 8, false), ("Be16", 2, false), ("Be32", 4, false), ("Be64", 8, false),
        ("Le16", 2, false), ("Le32", 4, false), ("Le64", 8, false),
    ];

    /// <summary>Integer types that can hold bitfields, with their widths in bits.</summary>
    public static readonly (string Type, int Bits)[] BitFieldUnits =
    [
        ("byte", 8), ("sbyte", 8), ("ushort", 16), ("short", 16), ("uint", 32), ("int", 32), ("ulong", 64), ("long", 64),
    ];

    /// <summary>Enum underlying types.</summary>
    public static readonly string[] EnumBases = ["byte", "sbyte", "ushort", "short", "uint", "int", "ulong", "long"];
}
