using System;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace KernelStructs.Tests;

/// <summary>
/// Runs code on a dedicated thread whose effective capability set lacks one capability, to see how the kernel
/// answers an unprivileged caller. Capabilities are per thread in Linux (<c>capset(2)</c> changes only the calling
/// thread), so the rest of the process keeps its privileges; the thread ends afterwards.
/// </summary>
public static unsafe class ThreadCapabilities
{
    /// <summary><c>CAP_NET_ADMIN</c> (12).</summary>
    public const int CAP_NET_ADMIN = 12;

    /// <summary><c>CAP_NET_RAW</c> (13).</summary>
    public const int CAP_NET_RAW = 13;

    private const uint LINUX_CAPABILITY_VERSION_3 = 0x20080522;

    /// <summary>
    /// Runs <paramref name="action"/> on a new thread (in namespace <paramref name="netns"/> when given) after
    /// dropping <paramref name="capability"/> from its effective set, and returns its result.
    /// </summary>
    public static T RunWithout<T>(int capability, Func<T> action, NetNs? netns = null)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                if (netns is not null)
                {
                    NetNs.EnterOnCurrentThread(netns.Name);
                }

                DropEffective(capability);
                result = action();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        })
        {
            IsBackground = true,
            Name = "without capability " + capability,
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    /// <summary>Whether the calling thread has <paramref name="capability"/> in its effective set.</summary>
    public static bool HasEffective(int capability)
    {
        CapHeader header = new() { Version = LINUX_CAPABILITY_VERSION_3, Pid = 0 };
        CapData* data = stackalloc CapData[2];
        if (capget(&header, data) != 0)
        {
            throw new IOException("capget failed: " + Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
        }

        return (data[capability / 32].Effective & (1u << (capability % 32))) != 0;
    }

    private static void DropEffective(int capability)
    {
        CapHeader header = new() { Version = LINUX_CAPABILITY_VERSION_3, Pid = 0 };
        CapData* data = stackalloc CapData[2];
        if (capget(&header, data) != 0)
        {
            throw new IOException("capget failed: " + Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
        }

        data[capability / 32].Effective &= ~(1u << (capability % 32));
        if (capset(&header, data) != 0)
        {
            throw new IOException("capset failed: " + Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
        }

        if (HasEffective(capability))
        {
            throw new InvalidOperationException($"capability {capability} is still effective after capset");
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct CapHeader
    {
        public uint Version;
        public int Pid;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct CapData
    {
        public uint Effective;
        public uint Permitted;
        public uint Inheritable;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int capget(CapHeader* header, CapData* data);

    [DllImport("libc", SetLastError = true)]
    private static extern int capset(CapHeader* header, CapData* data);
}
