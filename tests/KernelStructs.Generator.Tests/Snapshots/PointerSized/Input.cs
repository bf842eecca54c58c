using System.Runtime.InteropServices;
using KernelStructs;

namespace Demo;

[KernelStruct("struct timeval", Header = "linux/time.h")]
public partial struct TimeVal
{
    public CLong tv_sec;
    public CLong tv_usec;
}

[KernelStruct("struct xt_counters_ptr")]
public partial struct CountersPointer
{
    public uint num_counters;
    public nint counters;
}
