namespace KernelStructs.Btf;

/// <summary>The kind of a BTF type (<c>BTF_KIND_*</c> in the kernel's <c>include/uapi/linux/btf.h</c>).</summary>
public enum BtfKind
{
    /// <summary>Type id 0: <c>void</c>.</summary>
    Void = 0,

    /// <summary><c>BTF_KIND_INT</c>: an integer, with its size, bit count, bit offset and encoding (signed, char, bool).</summary>
    Int = 1,

    /// <summary><c>BTF_KIND_PTR</c>: a pointer to <see cref="BtfType.Type"/>.</summary>
    Ptr = 2,

    /// <summary><c>BTF_KIND_ARRAY</c>: an array (<see cref="BtfType.Array"/>).</summary>
    Array = 3,

    /// <summary><c>BTF_KIND_STRUCT</c>: a struct and its members.</summary>
    Struct = 4,

    /// <summary><c>BTF_KIND_UNION</c>: a union and its members.</summary>
    Union = 5,

    /// <summary><c>BTF_KIND_ENUM</c>: an enum with 32-bit values (size 1, 2, 4 or 8).</summary>
    Enum = 6,

    /// <summary><c>BTF_KIND_FWD</c>: a forward declaration of a struct or, with the kind flag, a union.</summary>
    Fwd = 7,

    /// <summary><c>BTF_KIND_TYPEDEF</c>.</summary>
    Typedef = 8,

    /// <summary><c>BTF_KIND_VOLATILE</c>.</summary>
    Volatile = 9,

    /// <summary><c>BTF_KIND_CONST</c>.</summary>
    Const = 10,

    /// <summary><c>BTF_KIND_RESTRICT</c>.</summary>
    Restrict = 11,

    /// <summary><c>BTF_KIND_FUNC</c>: a function (not a type); its <see cref="BtfType.Type"/> is its prototype, <see cref="BtfType.Vlen"/> its linkage.</summary>
    Func = 12,

    /// <summary><c>BTF_KIND_FUNC_PROTO</c>: a function prototype, its parameters and return type.</summary>
    FuncProto = 13,

    /// <summary><c>BTF_KIND_VAR</c>: a variable and its linkage.</summary>
    Var = 14,

    /// <summary><c>BTF_KIND_DATASEC</c>: a section and the variables in it.</summary>
    DataSec = 15,

    /// <summary><c>BTF_KIND_FLOAT</c>.</summary>
    Float = 16,

    /// <summary><c>BTF_KIND_DECL_TAG</c>: a tag (<c>btf_decl_tag</c>) on a type, a member or parameter, a variable or a function.</summary>
    DeclTag = 17,

    /// <summary><c>BTF_KIND_TYPE_TAG</c>: a tag (<c>btf_type_tag</c>) on a type, usually what a pointer points to (<c>__user</c>, <c>__rcu</c>).</summary>
    TypeTag = 18,

    /// <summary><c>BTF_KIND_ENUM64</c>: an enum with 64-bit values.</summary>
    Enum64 = 19,
}
