using System.Runtime.InteropServices;
using KernelStructs;

namespace Demo;

// struct __kernel_sockaddr_storage { union { struct { __kernel_sa_family_t ss_family; char __data[126]; }; void *__align; }; };
[KernelStruct("struct __kernel_sockaddr_storage", Header = "linux/socket.h")]
public partial struct SockaddrStorage
{
    [CField(Anonymous = true)]
    public Storage u;

    [KernelStruct("union")]
    [StructLayout(LayoutKind.Explicit)]
    public partial struct Storage
    {
        [FieldOffset(0)]
        [CField(Anonymous = true)]
        public FamilyAndData s;

        [FieldOffset(0)]
        public nint __align;
    }

    [KernelStruct("struct")]
    public unsafe partial struct FamilyAndData
    {
        public ushort ss_family;
        public fixed byte __data[126];
    }
}

// struct tuple { __u32 src; struct { __u32 ip; union { __be16 all; struct { __u8 type, code; } icmp; } u; __u8 protonum; } dst; };
[KernelStruct("struct tuple", Header = "demo/tuple.h", Internal = true)]
public partial struct Tuple
{
    public uint src;
    public Dst dst;

    [KernelStruct("struct")]
    public partial struct Dst
    {
        public uint ip;
        public U u;
        public byte protonum;

        [KernelStruct("union")]
        [StructLayout(LayoutKind.Explicit)]
        public partial struct U
        {
            [FieldOffset(0)] public Be16 all;
            [FieldOffset(0)] public Icmp icmp;

            [KernelStruct("struct")]
            public partial struct Icmp
            {
                public byte type;
                public byte code;
            }
        }
    }
}
