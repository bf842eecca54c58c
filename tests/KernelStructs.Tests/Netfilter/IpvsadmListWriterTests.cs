using System;
using System.IO;
using KernelStructs.Netfilter;
using KernelStructs.Samples.IpvsadmList;
using Xunit;

namespace KernelStructs.Tests.Netfilter;

/// <summary><see cref="IpvsadmListWriter"/> given answers that do not belong together: an argument error, nothing written.</summary>
public class IpvsadmListWriterTests
{
    [Theory]
    [InlineData(2, 1, "One array of real servers for each service is needed: 2 services, 1 arrays.")]
    [InlineData(1, 2, "One array of real servers for each service is needed: 1 services, 2 arrays.")]
    [InlineData(2, -1, "The real servers of service 1 are null")]
    public void Real_servers_that_do_not_match_the_services_are_an_argument_error(int services, int destinations, string message)
    {
        var dests = new IpVsDestEntry[destinations < 0 ? services : destinations][];
        for (int i = 0; i < dests.Length; i++)
        {
            dests[i] = destinations < 0 && i == dests.Length - 1 ? null! : [];
        }

        var output = new StringWriter();
        var e = Assert.Throws<ArgumentException>(() => new IpvsadmListWriter(output).Write(default, new IpVsServiceEntry[services], dests));
        Assert.Equal("destinations", e.ParamName);
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output.ToString());
    }
}
