using ChatOpsWatch.Domain.Network;

namespace ChatOpsWatch.Domain.Tests.Network;

public sealed class AddressChangeTests
{
    [Fact]
    public void Changed_FirstResolution_IsNotAChange() =>
        Assert.False(AddressChange.Changed(null, ["203.0.113.5"]));

    [Fact]
    public void Changed_SameAddressesInAnotherOrder_IsNotAChange() =>
        Assert.False(AddressChange.Changed(["203.0.113.5", "203.0.113.6"], ["203.0.113.6", "203.0.113.5"]));

    [Fact]
    public void Changed_NewAddress_IsAChange() =>
        Assert.True(AddressChange.Changed(["203.0.113.5"], ["198.51.100.7"]));
}
