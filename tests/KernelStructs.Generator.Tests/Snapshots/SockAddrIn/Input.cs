using KernelStructs;

namespace Demo;

[KernelStruct("struct sockaddr_in", Header = "linux/in.h", ExpectedSize = 16)]
public partial struct SockAddrIn
{
    public ushort sin_family;
    public Be16 sin_port;
    public Be32 sin_addr;
    public unsafe fixed byte __pad[8];
}
