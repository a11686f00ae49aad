using ChatOpsWatch.Testing.Lab;

namespace ChatOpsWatch.Infrastructure.Tests.Ssh;

/// <summary>Four real sshd nodes: 1 stays healthy, 2 is stopped and started, 3 is re-keyed, 4 is frozen and blackholed.</summary>
public sealed class SshLabFixture : IAsyncLifetime
{
    public LabNodes Lab { get; private set; } = null!;

    public async Task InitializeAsync() => Lab = await LabNodes.StartAsync(4, "sshx", 232);

    public async Task DisposeAsync() => await Lab.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SshLabGroup : ICollectionFixture<SshLabFixture>
{
    public const string Name = "ssh lab";
}
