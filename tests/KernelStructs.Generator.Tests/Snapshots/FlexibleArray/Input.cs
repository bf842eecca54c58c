using KernelStructs;

namespace Demo;

[KernelStruct("struct ipt_get_entries", Header = "linux/netfilter_ipv4/ip_tables.h")]
[FlexibleArray(typeof(byte), "entrytable", Alignment = 8)]
public partial struct IptGetEntries
{
    [CString]
    public unsafe fixed byte name[32];
    public uint size;
}
