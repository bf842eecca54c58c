// The types netstandard2.0 lacks that the C# compiler needs for the language features these projects use: `init`
// accessors and records (IsExternalInit) and `^n` indexes (Index). Compiled into the generator; the analyzers and the
// code fixes use them through InternalsVisibleTo, as the compiler finds a well-known type in any accessible reference. PolySharp would generate them, but it adds its files in an order that changes from
// one compiler process to the next, so two builds of the same source gave different assemblies; these few are stated
// here so that Release builds are reproducible. Add a type here when a new language feature asks for it.

namespace System.Runtime.CompilerServices
{
    /// <summary>Marks <c>init</c> accessors (the compiler's well-known type).</summary>
    internal static class IsExternalInit
    {
    }
}

namespace System
{
    /// <summary>An index from the start or from the end of a sequence (<c>^1</c>), as the compiler lowers it.</summary>
    internal readonly struct Index : IEquatable<Index>
    {
        // From the end: the bitwise complement of the value (so ^0 is -1).
        private readonly int _value;

        /// <summary>An index <paramref name="value"/> from the start, or from the end.</summary>
        public Index(int value, bool fromEnd = false)
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), "An index must not be negative.");
            }

            _value = fromEnd ? ~value : value;
        }

        /// <summary>The index's distance from its end.</summary>
        public int Value => _value < 0 ? ~_value : _value;

        /// <summary>Whether it counts from the end.</summary>
        public bool IsFromEnd => _value < 0;

        /// <summary>An index from the start.</summary>
        public static implicit operator Index(int value) => new(value);

        /// <summary>The offset from the start in a sequence of <paramref name="length"/> elements.</summary>
        public int GetOffset(int length) => IsFromEnd ? length - Value : Value;

        /// <inheritdoc/>
        public bool Equals(Index other) => _value == other._value;

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is Index other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() => _value;

        /// <inheritdoc/>
        public override string ToString() => IsFromEnd ? "^" + Value.ToString(Globalization.CultureInfo.InvariantCulture) : Value.ToString(Globalization.CultureInfo.InvariantCulture);
    }
}
