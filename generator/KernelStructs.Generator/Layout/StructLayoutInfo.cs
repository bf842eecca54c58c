using KernelStructs.Generator.Model;

namespace KernelStructs.Generator.Layout;

/// <summary>Where one field sits.</summary>
/// <param name="Name">The C# field name.</param>
/// <param name="CName">The C member name.</param>
/// <param name="Offset">Offset in bytes.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Alignment">The alignment the member got (after packing and overrides).</param>
internal sealed record FieldLayout(string Name, string CName, int Offset, int Size, int Alignment);

/// <summary>A struct's layout on one ABI.</summary>
/// <param name="Size">The struct's size (<c>sizeof</c>).</param>
/// <param name="Alignment">The struct's alignment (<c>_Alignof</c>).</param>
/// <param name="Fields">The fields, in declaration order.</param>
/// <param name="FlexibleOffset">The flexible array member's offset, or -1.</param>
/// <param name="FlexibleElementSize">The flexible array member's element size, or 0.</param>
internal sealed record StructLayoutInfo(int Size, int Alignment, EquatableArray<FieldLayout> Fields, int FlexibleOffset, int FlexibleElementSize);
