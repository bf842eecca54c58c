namespace KernelStructs.Generator.Parsing;

/// <summary>Metadata names of the attributes the parsers and analyzers look for.</summary>
internal static class KnownNames
{
    public const string KernelStructAttribute = "KernelStructs.KernelStructAttribute";
    public const string CFieldAttribute = "KernelStructs.CFieldAttribute";
    public const string CStringAttribute = "KernelStructs.CStringAttribute";
    public const string BitFieldAttribute = "KernelStructs.BitFieldAttribute";
    public const string FlexibleArrayAttribute = "KernelStructs.FlexibleArrayAttribute";
    public const string StructLayoutAttribute = "System.Runtime.InteropServices.StructLayoutAttribute";
    public const string FieldOffsetAttribute = "System.Runtime.InteropServices.FieldOffsetAttribute";
    public const string InlineArrayAttribute = "System.Runtime.CompilerServices.InlineArrayAttribute";
    public const string GetSockOptAttribute = "KernelStructs.GetSockOptAttribute";
    public const string SetSockOptAttribute = "KernelStructs.SetSockOptAttribute";
    public const string SockOptCommandAttribute = "KernelStructs.SockOptCommandAttribute";
    public const string SockOptCallAttribute = "KernelStructs.SockOptCallAttribute";
    public const string SockOptArgumentAttribute = "KernelStructs.SockOptArgumentAttribute";
    public const string SockOptWrapperAttribute = "KernelStructs.SockOptWrapperAttribute";
}
