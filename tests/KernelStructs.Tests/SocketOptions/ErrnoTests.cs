using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace KernelStructs.Tests.SocketOptions;

public class ErrnoTests
{
    [GccFact]
    public void Every_name_has_the_number_the_C_headers_give_it()
    {
        List<(int Number, string Name)> known = Enumerable.Range(1, 200)
            .Select(n => (n, Errno.NameOf(n)))
            .Where(x => x.Item2 is not null)
            .Select(x => (x.n, x.Item2!))
            .ToList();

        long[] fromC = CCompiler.Evaluate("#include <errno.h>", known.Select(k => k.Name).ToArray());

        Assert.Equal(known.Select(k => (long)k.Number), fromC);
        Assert.True(known.Count > 120);
    }

    [Fact]
    public void Names_messages_and_formatting()
    {
        Assert.Equal("ENOENT", Errno.ENOENT.Name);
        Assert.Equal("No such file or directory", Errno.ENOENT.Message);
        Assert.Equal("ENOPROTOOPT (92)", Errno.ENOPROTOOPT.ToString());
        Assert.Equal("ENOTSUPP", new Errno(524).Name);
        Assert.Equal("errno 9999", new Errno(9999).Name);
        Assert.False(Errno.None.IsError);
        Assert.True(Errno.EPERM.IsError);
    }

    [Fact]
    public void Constructing_and_naming_allocates_nothing()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        int sum = 0;
        for (int i = 0; i < 1000; i++)
        {
            var e = new Errno(i % 134);
            sum += e.Number + (Errno.NameOf(e.Number)?.Length ?? 0);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sum > 0);
    }
}
