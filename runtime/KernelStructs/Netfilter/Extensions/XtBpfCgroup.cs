using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KernelStructs.Netfilter.Extensions;

// Mirrors of <linux/netfilter/xt_bpf.h> and <linux/netfilter/xt_cgroup.h>. bpf revision 1 and cgroup revision 2 hold
// an anonymous union (program or pinned path, path or class id), whose members C reaches as the struct's own.

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

/// <summary>
/// <c>struct xt_bpf_info_v1</c>: the <c>bpf</c> match, revision 1: an inline classic BPF program
/// (<c>XT_BPF_MODE_BYTECODE</c>) or the path of a pinned eBPF program (<c>XT_BPF_MODE_FD_PINNED</c>), in an
/// anonymous union.
/// </summary>
[KernelStruct("struct xt_bpf_info_v1", Header = "linux/netfilter/xt_bpf.h")]
[StructLayout(LayoutKind.Explicit, Size = 528)]
public partial struct XtBpfInfoV1
{
    /// <summary><c>XT_BPF_MODE_*</c>.</summary>
    [FieldOffset(0)] public ushort mode;

    /// <summary>Instructions used (bytecode mode).</summary>
    [FieldOffset(2)] public ushort bpf_program_num_elem;

    /// <summary>The program's file descriptor, as user space passed it (pinned and ELF modes).</summary>
    [FieldOffset(4)] public int fd;

    /// <summary>The anonymous union: <c>bpf_program</c> or <c>path</c>.</summary>
    [FieldOffset(8), CField(Anonymous = true)] public ProgramOrPath u;

    /// <summary><c>struct bpf_prog *filter</c>, the kernel's.</summary>
    [FieldOffset(520), CField(Alignment = 8)] public nint filter;

    /// <summary>The unnamed union of <c>bpf_program</c> and <c>path</c>.</summary>
    [KernelStruct("union")]
    [StructLayout(LayoutKind.Explicit)]
    public unsafe partial struct ProgramOrPath
    {
        /// <summary>The program (bytecode mode).</summary>
        [FieldOffset(0)] public XtBpfProgram bpf_program;

        /// <summary>The pinned program's path (<c>char path[XT_BPF_PATH_MAX]</c>).</summary>
        [FieldOffset(0), CString] public fixed byte path[XtBpf.XT_BPF_PATH_MAX];
    }
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

/// <summary>
/// <c>struct xt_cgroup_info_v2</c>: the <c>cgroup</c> match, revision 2: as revision 1 with a shorter path, which
/// shares an anonymous union with the class id.
/// </summary>
[KernelStruct("struct xt_cgroup_info_v2", Header = "linux/netfilter/xt_cgroup.h")]
[StructLayout(LayoutKind.Explicit, Size = 528)]
public partial struct XtCgroupInfoV2
{
    /// <summary>Non-zero: match <c>path</c>.</summary>
    [FieldOffset(0)] public byte has_path;

    /// <summary>Non-zero: match <c>classid</c>.</summary>
    [FieldOffset(1)] public byte has_classid;

    /// <summary>Non-zero: invert the path test.</summary>
    [FieldOffset(2)] public byte invert_path;

    /// <summary>Non-zero: invert the class id test.</summary>
    [FieldOffset(3)] public byte invert_classid;

    /// <summary>The anonymous union: <c>path</c> or <c>classid</c>.</summary>
    [FieldOffset(4), CField(Anonymous = true)] public PathOrClassid u;

    /// <summary><c>void *priv</c>, the kernel's.</summary>
    [FieldOffset(520), CField(Alignment = 8)] public nint priv;

    /// <summary>The unnamed union of <c>path</c> and <c>classid</c>.</summary>
    [KernelStruct("union")]
    [StructLayout(LayoutKind.Explicit)]
    public unsafe partial struct PathOrClassid
    {
        /// <summary>The cgroup2 path (<c>char path[XT_CGROUP_PATH_MAX]</c>).</summary>
        [FieldOffset(0), CString] public fixed byte path[XtCgroup.XT_CGROUP_PATH_MAX];

        /// <summary>The net_cls class id.</summary>
        [FieldOffset(0)] public uint classid;
    }
}

/// <summary>Constants of <c>&lt;linux/netfilter/xt_cgroup.h&gt;</c>.</summary>
public static class XtCgroup
{
    /// <summary><c>XT_CGROUP_PATH_MAX</c>: the path length of revision 2.</summary>
    public const int XT_CGROUP_PATH_MAX = 512;
}

/// <summary>Constants of <c>&lt;linux/netfilter/xt_bpf.h&gt;</c>.</summary>
public static class XtBpf
{
    /// <summary><c>XT_BPF_MAX_NUM_INSTR</c>.</summary>
    public const int XT_BPF_MAX_NUM_INSTR = 64;

    /// <summary><c>XT_BPF_PATH_MAX</c>: <c>XT_BPF_MAX_NUM_INSTR * sizeof(struct sock_filter)</c>.</summary>
    public const int XT_BPF_PATH_MAX = 512;

    /// <summary><c>XT_BPF_MODE_BYTECODE</c>: an inline classic BPF program.</summary>
    public const ushort XT_BPF_MODE_BYTECODE = 0;

    /// <summary><c>XT_BPF_MODE_FD_PINNED</c> (<c>XT_BPF_MODE_PATH_PINNED</c>): an eBPF program pinned in bpffs, by path.</summary>
    public const ushort XT_BPF_MODE_FD_PINNED = 1;

    /// <summary><c>XT_BPF_MODE_FD_ELF</c>: an eBPF program by file descriptor.</summary>
    public const ushort XT_BPF_MODE_FD_ELF = 2;
}
