using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KernelStructs.Netfilter.Extensions;

// Mirrors of <linux/netfilter/xt_bpf.h> and <linux/netfilter/xt_cgroup.h>, the revisions whose members all have
// names. bpf revision 1 and cgroup revision 2 start with anonymous unions (path or program, path or class id).

/// <summary><c>struct sock_filter</c> (<c>linux/filter.h</c>): one classic BPF instruction.</summary>
[KernelStruct("struct sock_filter", Header = "linux/filter.h")]
public partial struct SockFilter
{
    /// <summary>The opcode.</summary>
    public ushort code;

    /// <summary>Jump if true.</summary>
    public byte jt;

    /// <summary>Jump if false.</summary>
    public byte jf;

    /// <summary>The operand.</summary>
    public uint k;
}

/// <summary><c>struct sock_filter bpf_program[XT_BPF_MAX_NUM_INSTR]</c>.</summary>
[InlineArray(XtBpf.XT_BPF_MAX_NUM_INSTR)]
public struct XtBpfProgram
{
    private SockFilter _element;
}

/// <summary><c>struct xt_bpf_info</c>: the <c>bpf</c> match, revision 0 (an inline classic BPF program).</summary>
[KernelStruct("struct xt_bpf_info", Header = "linux/netfilter/xt_bpf.h")]
[StructLayout(LayoutKind.Explicit, Size = 528)]
public partial struct XtBpfInfo
{
    /// <summary>Instructions used.</summary>
    [FieldOffset(0)] public ushort bpf_program_num_elem;

    /// <summary>The program.</summary>
    [FieldOffset(4)] public XtBpfProgram bpf_program;

    /// <summary><c>struct bpf_prog *filter</c>, the kernel's.</summary>
    [FieldOffset(520), CField(Alignment = 8)] public nint filter;
}

/// <summary><c>struct xt_cgroup_info_v0</c>: the <c>cgroup</c> match, revision 0 (net_cls class id).</summary>
[KernelStruct("struct xt_cgroup_info_v0", Header = "linux/netfilter/xt_cgroup.h")]
public partial struct XtCgroupInfoV0
{
    /// <summary>The class id.</summary>
    public uint id;

    /// <summary>Non-zero: invert.</summary>
    public uint invert;
}

/// <summary><c>struct xt_cgroup_info_v1</c>: the <c>cgroup</c> match, revision 1 (cgroup2 path or class id).</summary>
[KernelStruct("struct xt_cgroup_info_v1", Header = "linux/netfilter/xt_cgroup.h")]
public unsafe partial struct XtCgroupInfoV1
{
    /// <summary>Non-zero: match <c>path</c>.</summary>
    public byte has_path;

    /// <summary>Non-zero: match <c>classid</c>.</summary>
    public byte has_classid;

    /// <summary>Non-zero: invert the path test.</summary>
    public byte invert_path;

    /// <summary>Non-zero: invert the class id test.</summary>
    public byte invert_classid;

    /// <summary>The cgroup2 path (<c>char path[PATH_MAX]</c>).</summary>
    [CString] public fixed byte path[4096];

    /// <summary>The net_cls class id.</summary>
    public uint classid;

    /// <summary><c>void *priv</c>, the kernel's.</summary>
    [CField(Alignment = 8)] public nint priv;
}

/// <summary>Constants of <c>&lt;linux/netfilter/xt_bpf.h&gt;</c>.</summary>
public static class XtBpf
{
    /// <summary><c>XT_BPF_MAX_NUM_INSTR</c>.</summary>
    public const int XT_BPF_MAX_NUM_INSTR = 64;
}
