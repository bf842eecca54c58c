using System;
using System.Collections.Generic;
using KernelStructs.Generator.Model;

namespace KernelStructs.Generator.Layout;

/// <summary>
/// The C layout rules, in one place: where gcc puts each member of a struct on a given ABI, and
/// where the CLR puts each field of the C# declaration. See <c>docs/layout.md</c>.
/// </summary>
/// <remarks>
/// C rules (gcc, for the ABIs in <see cref="Abi"/>):
/// <list type="bullet">
/// <item>A member's alignment is its type's alignment, raised by <c>aligned(n)</c> on the member.</item>
/// <item><c>__attribute__((packed))</c> lowers every member's alignment to 1, except that a member's own <c>aligned(n)</c> still applies.</item>
/// <item><c>#pragma pack(n)</c> caps every member's alignment at <c>n</c>, <c>aligned(n)</c> included.</item>
/// <item>Struct members follow each other at the next offset their alignment allows; union members all start at 0.</item>
/// <item>A flexible array member starts at the next offset its alignment allows and adds no size, but its alignment counts;
/// its <c>aligned(n)</c> may be the ABI's pointer alignment (<c>FlexibleArrayAttribute.PointerAlignment</c>).</item>
/// <item>The struct's alignment is the largest member alignment, raised by <c>aligned(n)</c> on the type; its size is rounded up to it.</item>
/// <item>A bitfield storage unit is laid out as a member of the unit's type.</item>
/// </list>
/// </remarks>
internal static class LayoutEngine
{
    /// <summary>Whether the struct's size and offsets fit in an <see cref="int"/> on every ABI (the engine's arithmetic is checked).</summary>
    public static bool FitsInInt(StructShape shape)
    {
        try
        {
            foreach (var abi in Abi.All)
            {
                Compute(shape, abi);
                ComputeClr(shape, abi);
            }

            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>
    /// The engines that laid out each shape so far, by shape object: the generator's layout check, its emitter and the
    /// analyzers ask for the same shape's layouts many times over (every ABI, C and CLR, the members C names), and a
    /// shape never changes. Dropped with the shape. An overflow is not remembered: it is thrown again on every call.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<StructShape, Engines> Known = new();

    /// <summary>Runs <paramref name="compute"/> on the shape's own engines, one caller at a time (the analyzers run concurrently).</summary>
    private static T OnEnginesOf<T>(StructShape shape, Func<Engines, T> compute)
    {
        var engines = Known.GetValue(shape, static _ => new Engines());
        lock (engines)
        {
            return compute(engines);
        }
    }

    /// <summary>The C layout of <paramref name="shape"/> on <paramref name="abi"/>.</summary>
    public static StructLayoutInfo Compute(StructShape shape, Abi abi) => OnEnginesOf(shape, engines => engines.C(abi).Struct(shape));

    /// <summary>
    /// Where the CLR puts the C# declaration's fields on a process with <paramref name="abi"/>'s pointer size,
    /// from its <c>[StructLayout]</c> and <c>[FieldOffset]</c> attributes. Equal to <see cref="Compute"/> when the
    /// declaration is a faithful mirror.
    /// </summary>
    public static StructLayoutInfo ComputeClr(StructShape shape, Abi abi) => OnEnginesOf(shape, engines => engines.Clr(abi).Struct(shape));

    /// <summary>
    /// The <c>[StructLayout(Size = n)]</c> the generator gives a struct whose layout it owns, or 0: C's size when C pads
    /// past the CLR's natural size (a flexible array member's alignment, an <c>aligned(n)</c> type) on some ABI and the
    /// C size is the same on every ABI. The CLR cannot follow an ABI-dependent padding; KS1005 reports those.
    /// </summary>
    public static int GeneratedClrSize(StructShape shape) => OnEnginesOf(shape, engines => engines.Clr(Abi.All[0]).GeneratedClrSize(shape));

    /// <summary>Size and alignment of a C type on <paramref name="abi"/>.</summary>
    public static (int Size, int Alignment) SizeAndAlignment(CType type, Abi abi) => new Engines().C(abi).Type(type);

    /// <summary>Rounds <paramref name="value"/> up to a multiple of <paramref name="alignment"/>.</summary>
    public static int AlignUp(int value, int alignment) => alignment <= 1 ? value : checked(value + alignment - 1) / alignment * alignment;

    /// <summary>A C engine and a CLR engine per ABI, created as needed, which share what they compute.</summary>
    private sealed class Engines
    {
        private readonly Engine?[] _c = new Engine?[Abi.All.Length];
        private readonly Engine?[] _clr = new Engine?[Abi.All.Length];

        public Engine C(Abi abi) => _c[Abi.All.IndexOf(abi)] ??= new Engine(abi, clr: false, this);

        public Engine Clr(Abi abi) => _clr[Abi.All.IndexOf(abi)] ??= new Engine(abi, clr: true, this);
    }

    private sealed class Engine
    {
        private readonly Abi _abi;
        private readonly bool _clr;
        private readonly Engines _family;

        // Keyed by the shape object: a model shares each nested shape, and hashing a shape by value walks everything it
        // nests, which made a long chain of nested structs quadratic (or worse) to lay out.
        private readonly Dictionary<StructShape, StructLayoutInfo> _structs = new(ReferenceComparer<StructShape>.Instance);
        private readonly Dictionary<StructShape, int> _generatedSizes = new(ReferenceComparer<StructShape>.Instance);

        public Engine(Abi abi, bool clr, Engines family)
        {
            _abi = abi;
            _clr = clr;
            _family = family;
        }

        /// <summary>See <see cref="LayoutEngine.GeneratedClrSize"/>; computed once per shape, with one C engine per ABI.</summary>
        public int GeneratedClrSize(StructShape shape)
        {
            if (!shape.Clr.GeneratorOwnsLayout || shape.Clr.Explicit)
            {
                return 0;
            }

            if (_generatedSizes.TryGetValue(shape, out var known))
            {
                return known;
            }

            var size = -1;
            var padsPastClr = false;
            var result = -1;
            for (var i = 0; i < Abi.All.Length && result < 0; i++)
            {
                var c = _family.C(Abi.All[i]).Struct(shape).Size;
                if (size >= 0 && c != size)
                {
                    result = 0;
                }

                size = c;
                padsPastClr |= c > _family.Clr(Abi.All[i]).NaturalClrSize(shape);
            }

            result = result == 0 || !padsPastClr ? 0 : size;
            _generatedSizes[shape] = result;
            return result;
        }

        public (int Size, int Alignment) Type(CType type)
        {
            switch (type.Kind)
            {
                case CTypeKind.Integer:
                case CTypeKind.ByteOrder:
                    return (type.Size, type.Size == 8 ? _abi.Int64Alignment : type.Size);
                case CTypeKind.Pointer:
                    return (_abi.PointerSize, _abi.PointerSize);
                case CTypeKind.Long:
                    return (_abi.LongSize, _abi.LongSize);
                case CTypeKind.Struct:
                    var nested = Struct(type.Struct!);
                    return (nested.Size, nested.Alignment);
                case CTypeKind.Array:
                    var (size, alignment) = Type(type.Element!);
                    return (checked(size * type.Length), alignment);
                default:
                    throw new ArgumentOutOfRangeException(nameof(type), type.Kind, "unknown C type kind");
            }
        }

        public StructLayoutInfo Struct(StructShape shape)
        {
            if (_structs.TryGetValue(shape, out var known))
            {
                return known;
            }

            // A struct from a referenced assembly shows no [StructLayout] in metadata: the CLR lays it out as C does, which
            // the analyzers checked where it was compiled.
            var result = _clr && !shape.Clr.FromMetadata ? ClrStruct(shape) : CStruct(shape);
            _structs[shape] = result;
            return result;
        }

        private int MemberAlignment(StructShape shape, int natural, int overridden)
        {
            var alignment = shape.Packed ? 1 : natural;
            if (overridden > 0)
            {
                alignment = shape.Packed ? overridden : Math.Max(alignment, overridden);
            }

            if (shape.Pack > 0)
            {
                alignment = Math.Min(alignment, shape.Pack);
            }

            return alignment;
        }

        private StructLayoutInfo CStruct(StructShape shape)
        {
            var fields = new List<FieldLayout>(shape.Fields.Count);
            int end = 0, structAlignment = 1;
            foreach (var field in shape.Fields)
            {
                var (size, natural) = Type(field.Type);
                var alignment = MemberAlignment(shape, natural, field.Alignment);
                var offset = shape.IsUnion ? 0 : AlignUp(end, alignment);
                end = Math.Max(end, checked(offset + size));
                structAlignment = Math.Max(structAlignment, alignment);
                fields.Add(new FieldLayout(field.Name, field.CName, offset, size, alignment));
            }

            int flexibleOffset = -1, flexibleSize = 0;
            if (shape.Flexible is { } flexible)
            {
                var (size, natural) = Type(flexible.Element);
                var overridden = flexible.Alignment == FlexibleArrayModel.PointerAlignment ? _abi.PointerSize : flexible.Alignment;
                var alignment = MemberAlignment(shape, natural, overridden);
                flexibleOffset = AlignUp(end, alignment);
                flexibleSize = size;
                end = Math.Max(end, flexibleOffset);
                structAlignment = Math.Max(structAlignment, alignment);
            }

            structAlignment = Math.Max(structAlignment, shape.Alignment);
            return new StructLayoutInfo(AlignUp(end, structAlignment), structAlignment, fields.ToEquatableArray(), flexibleOffset, flexibleSize);
        }

        public int NaturalClrSize(StructShape shape) => ClrStruct(shape, generatedSize: 0).Size;

        private StructLayoutInfo ClrStruct(StructShape shape) => ClrStruct(shape, GeneratedClrSize(shape));

        /// <summary>Compares shapes by reference (for caches), never walking them.</summary>
        private sealed class ReferenceComparer<T> : IEqualityComparer<T>
            where T : class
        {
            public static readonly ReferenceComparer<T> Instance = new();

            public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

            public int GetHashCode(T obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }

        private StructLayoutInfo ClrStruct(StructShape shape, int generatedSize)
        {
            // The CLR knows nothing of C's aligned(n) or packed attributes: it follows [StructLayout]
            // (Pack caps alignment; 0 means 8) and [FieldOffset], then rounds the size to the alignment
            // and to at least [StructLayout(Size)].
            var pack = shape.Clr.Pack == 0 ? 8 : shape.Clr.Pack;
            var fields = new List<FieldLayout>(shape.Fields.Count);
            int end = 0, structAlignment = 1;
            foreach (var field in shape.Fields)
            {
                var (size, natural) = Type(field.Type);
                var alignment = Math.Min(natural, pack);
                var offset = shape.Clr.Explicit ? Math.Max(field.ClrOffset, 0) : AlignUp(end, alignment);
                end = Math.Max(end, checked(offset + size));
                structAlignment = Math.Max(structAlignment, alignment);
                fields.Add(new FieldLayout(field.Name, field.CName, offset, size, alignment));
            }

            var total = Math.Max(AlignUp(end, structAlignment), Math.Max(shape.Clr.Size, generatedSize));
            return new StructLayoutInfo(Math.Max(total, 1), structAlignment, fields.ToEquatableArray(), -1, 0);
        }
    }
}
