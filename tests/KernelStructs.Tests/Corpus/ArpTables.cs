using KernelStructs;

namespace KernelStructs.Tests.Corpus;

// linux/netfilter_arp/arp_tables.h

[KernelStruct("struct arpt_devaddr_info", Header = "linux/netfilter_arp/arp_tables.h")]
public unsafe partial struct ArptDevaddrInfo
{
    public fixed byte addr[16];
    public fixed byte mask[16];
}

[KernelStruct("struct arpt_arp", Header = "linux/netfilter_arp/arp_tables.h")]
public unsafe partial struct ArptArp
{
    public InAddr src;
    public InAddr tgt;
    public InAddr smsk;
    public InAddr tmsk;
    public byte arhln;
    public byte arhln_mask;
    public ArptDevaddrInfo src_devaddr;
    public ArptDevaddrInfo tgt_devaddr;
    public Be16 arpop;
    public Be16 arpop_mask;
    public Be16 arhrd;
    public Be16 arhrd_mask;
    public Be16 arpro;
    public Be16 arpro_mask;
    [CString] public fixed byte iniface[16];
    [CString] public fixed byte outiface[16];
    public fixed byte iniface_mask[16];
    public fixed byte outiface_mask[16];
    public byte flags;
    public ushort invflags;
}

[KernelStruct("struct arpt_entry", Header = "linux/netfilter_arp/arp_tables.h")]
[FlexibleArray(typeof(byte), "elems")]
public partial struct ArptEntry
{
    public ArptArp arp;
    public ushort target_offset;
    public ushort next_offset;
    public uint comefrom;
    public XtCounters counters;
}

[KernelStruct("struct arpt_getinfo", Header = "linux/netfilter_arp/arp_tables.h")]
public unsafe partial struct ArptGetinfo
{
    [CString] public fixed byte name[32];
    public uint valid_hooks;
    public fixed uint hook_entry[3];
    public fixed uint underflow[3];
    public uint num_entries;
    public uint size;
}
