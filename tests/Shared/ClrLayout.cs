using System;
using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.InteropServices;

namespace KernelStructs.Testing;

/// <summary>
/// The layout the CLR gives a struct at run time: <c>sizeof(T)</c> and each field's byte offset, as the
/// JIT computes them (<c>sizeof</c> and <c>ldflda</c> on a local), not as the marshaller would.
/// </summary>
public static class ClrLayout
{
    private static readonly ConcurrentDictionary<Type, int> Sizes = new();
    private static readonly ConcurrentDictionary<FieldInfo, int> Offsets = new();

    /// <summary>The managed size of <paramref name="type"/> (what <c>Unsafe.SizeOf&lt;T&gt;()</c> returns).</summary>
    public static int SizeOf(Type type) => Sizes.GetOrAdd(type, static t =>
    {
        var method = new DynamicMethod("ks_sizeof_" + t.Name, typeof(int), Type.EmptyTypes, typeof(ClrLayout).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        il.Emit(OpCodes.Sizeof, t);
        il.Emit(OpCodes.Ret);
        return ((Func<int>)method.CreateDelegate(typeof(Func<int>)))();
    });

    /// <summary>The byte offset of an instance field in its declaring struct.</summary>
    public static int OffsetOf(FieldInfo field) => Offsets.GetOrAdd(field, static f =>
    {
        var owner = f.DeclaringType ?? throw new ArgumentException("Field without a declaring type.", nameof(field));
        var method = new DynamicMethod("ks_offsetof_" + owner.Name + "_" + f.Name, typeof(int), Type.EmptyTypes, typeof(ClrLayout).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        il.DeclareLocal(owner);
        il.Emit(OpCodes.Ldloca_S, (byte)0);
        il.Emit(OpCodes.Ldflda, f);
        il.Emit(OpCodes.Ldloca_S, (byte)0);
        il.Emit(OpCodes.Sub);
        il.Emit(OpCodes.Conv_I4);
        il.Emit(OpCodes.Ret);
        return ((Func<int>)method.CreateDelegate(typeof(Func<int>)))();
    });

    /// <summary>
    /// The byte offset of the instance field <paramref name="name"/> of <paramref name="type"/>, or of a field of a field
    /// when <paramref name="name"/> is a path (<c>u.s.ss_family</c>).
    /// </summary>
    public static int OffsetOf(Type type, string name)
    {
        var offset = 0;
        foreach (var part in name.Split('.'))
        {
            var field = type.GetField(part, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                ?? throw new ArgumentException($"{type} has no field {part}.", nameof(name));
            offset += OffsetOf(field);
            type = field.FieldType;
        }

        return offset;
    }

    /// <summary>The type of the field at <paramref name="path"/> (<c>u.s.ss_family</c>) from <paramref name="type"/>.</summary>
    public static Type FieldType(Type type, string path)
    {
        foreach (var part in path.Split('.'))
        {
            type = (type.GetField(part, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                ?? throw new ArgumentException($"{type} has no field {part}.", nameof(path))).FieldType;
        }

        return type;
    }

    /// <summary>The bytes of a boxed struct, in memory order.</summary>
    public static byte[] BytesOf(object boxed)
    {
        var size = SizeOf(boxed.GetType());
        var bytes = new byte[size];
        var copy = typeof(ClrLayout).GetMethod(nameof(CopyBytes), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(boxed.GetType());
        copy.Invoke(null, new[] { boxed, bytes });
        return bytes;
    }

    /// <summary>A boxed struct of type <paramref name="type"/> whose memory is <paramref name="bytes"/>.</summary>
    public static object FromBytes(Type type, byte[] bytes)
    {
        var read = typeof(ClrLayout).GetMethod(nameof(ReadBytes), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type);
        return read.Invoke(null, new object[] { bytes })!;
    }

    private static void CopyBytes<T>(object boxed, byte[] destination)
        where T : struct
    {
        var value = (T)boxed;
        MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(ref value, 1)).CopyTo(destination);
    }

    private static object ReadBytes<T>(byte[] bytes)
        where T : struct => MemoryMarshal.Read<T>(bytes);
}
