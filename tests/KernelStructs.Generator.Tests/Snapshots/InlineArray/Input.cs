using System.Runtime.CompilerServices;
using KernelStructs;

namespace Demo;

[InlineArray(16)]
public struct Bytes16
{
    private byte _element;
}

[InlineArray(2)]
public struct TwoCounters
{
    private Counters _element;
}

public struct Counters
{
    public ulong pcnt;
    public ulong bcnt;
}

[KernelStruct("struct with_arrays")]
public partial struct WithArrays
{
    [CString]
    public Bytes16 iniface;
    public TwoCounters counters;
    public byte proto;
}
