namespace KernelStructs;

/// <summary>How much of a C struct a <see cref="KernelStructAttribute"/> mirror declares, which decides what verification expects.</summary>
public enum StructExtent
{
    /// <summary>Every member: the C type's size, alignment and members must be the mirror's.</summary>
    Complete = 0,

    /// <summary>
    /// The first members only, on purpose (a caller that reads the start of <c>struct tcp_info</c>): each declared member
    /// must be where the mirror puts it, and the C type may be larger.
    /// </summary>
    Prefix = 1,

    /// <summary>
    /// The whole struct as one kernel version has it, for a struct the kernel extends at its end (<c>struct tcp_info</c>,
    /// which <c>TCP_INFO</c> truncates to the caller's length): the members the header or the running kernel has must
    /// match; members it lacks must all lie past its end, and are reported as newer, not as errors.
    /// </summary>
    Growing = 2,
}
