using System.Runtime.InteropServices;
using KernelStructs;

namespace Demo;

[KernelStruct("union nf_inet_addr", Header = "linux/netfilter.h")]
[StructLayout(LayoutKind.Explicit)]
public partial struct NfInetAddr
{
    [FieldOffset(0)] public unsafe fixed uint all[4];
    [FieldOffset(0)] public Be32 ip;
    [FieldOffset(0)] public unsafe fixed uint ip6[4];
}
