namespace KernelStructs.Netfilter.Extensions;

// Mirrors of <linux/netfilter/xt_comment.h>.

/// <summary><c>struct xt_comment_info</c>: the <c>comment</c> match (revision 0).</summary>
[KernelStruct("struct xt_comment_info", Header = "linux/netfilter/xt_comment.h")]
public unsafe partial struct XtCommentInfo
{
    /// <summary>The comment, NUL-terminated (<c>char comment[XT_MAX_COMMENT_LEN]</c>).</summary>
    [CString] public fixed byte comment[XtComment.XT_MAX_COMMENT_LEN];
}

/// <summary>Constants of <c>&lt;linux/netfilter/xt_comment.h&gt;</c>.</summary>
public static class XtComment
{
    /// <summary><c>XT_MAX_COMMENT_LEN</c>: size of the comment buffer, NUL included.</summary>
    public const int XT_MAX_COMMENT_LEN = 256;
}
