namespace KernelStructs.Testing;

/// <summary>
/// A consumer's program that sends its own module's GET command to setsockopt, and the same program after the
/// KS2001 code fix. The code-fix test checks that the fix turns <see cref="Before"/> into <see cref="After"/>; the
/// package test checks that, built against the packed .nupkg, the first fails and the second builds.
/// </summary>
internal static class SockOptMisuseConsumer
{
    /// <summary>The text the KS2001 diagnostic is reported on in <see cref="Before"/>.</summary>
    public const string Misused = "CtMod.CTMOD_SO_GET_PIN";

    public const string Before = """
        using KernelStructs;
        using Tmds.Linux;

        [KernelStruct("struct ctmod_pin")]
        public partial struct CtModPin
        {
            public uint mark;
            public uint timeout;
        }

        public static class CtMod
        {
            [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(CtModPin))]
            public const int CTMOD_SO_GET_PIN = 3200;

            [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(CtModPin))]
            public const int CTMOD_SO_SET_PIN = 3200;
        }

        public static unsafe class Program
        {
            public static int Main()
            {
                var pin = new CtModPin { mark = 1, timeout = 30 };
                return LibC.setsockopt(-1, (int)SocketLevel.IP, CtMod.CTMOD_SO_GET_PIN, &pin, sizeof(CtModPin)) == 0 ? 0 : 1;
            }
        }
        """;

    public const string After = """
        using KernelStructs;
        using Tmds.Linux;

        [KernelStruct("struct ctmod_pin")]
        public partial struct CtModPin
        {
            public uint mark;
            public uint timeout;
        }

        public static class CtMod
        {
            [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(CtModPin))]
            public const int CTMOD_SO_GET_PIN = 3200;

            [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(CtModPin))]
            public const int CTMOD_SO_SET_PIN = 3200;
        }

        public static unsafe class Program
        {
            public static int Main()
            {
                var pin = new CtModPin { mark = 1, timeout = 30 };
                return LibC.setsockopt(-1, (int)SocketLevel.IP, CtMod.CTMOD_SO_SET_PIN, &pin, sizeof(CtModPin)) == 0 ? 0 : 1;
            }
        }
        """;
}
