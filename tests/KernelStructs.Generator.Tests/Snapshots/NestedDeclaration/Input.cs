using KernelStructs;

namespace Demo;

public static partial class Conntrack
{
    public partial class Tuples
    {
        [KernelStruct("struct in_addr", Header = "linux/in.h")]
        public partial struct InAddr
        {
            public Be32 s_addr;
        }

        [KernelStruct("struct tuple_src")]
        public partial struct TupleSource
        {
            public InAddr addr;
            [CField("port")]
            public Be16 sourcePort;
            public ushort @checked;
        }
    }
}
