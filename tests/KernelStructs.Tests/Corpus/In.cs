using KernelStructs;

namespace KernelStructs.Tests.Corpus;

// linux/in.h

[KernelStruct("struct in_addr", Header = "linux/in.h")]
public partial struct InAddr
{
    public Be32 s_addr;
}

[KernelStruct("struct sockaddr_in", Header = "linux/in.h")]
public unsafe partial struct SockAddrIn
{
    public ushort sin_family;
    public Be16 sin_port;
    public InAddr sin_addr;
    public fixed byte __pad[8];
}

[KernelStruct("struct ip_mreq", Header = "linux/in.h")]
public partial struct IpMreq
{
    public InAddr imr_multiaddr;
    public InAddr imr_interface;
}

[KernelStruct("struct ip_mreqn", Header = "linux/in.h")]
public partial struct IpMreqn
{
    public InAddr imr_multiaddr;
    public InAddr imr_address;
    public int imr_ifindex;
}

[KernelStruct("struct ip_mreq_source", Header = "linux/in.h")]
public partial struct IpMreqSource
{
    public Be32 imr_multiaddr;
    public Be32 imr_interface;
    public Be32 imr_sourceaddr;
}

[KernelStruct("struct in_pktinfo", Header = "linux/in.h")]
public partial struct InPktinfo
{
    public int ipi_ifindex;
    public InAddr ipi_spec_dst;
    public InAddr ipi_addr;
}
