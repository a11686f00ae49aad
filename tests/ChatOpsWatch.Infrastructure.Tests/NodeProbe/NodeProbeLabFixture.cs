using ChatOpsWatch.Testing.Lab;

namespace ChatOpsWatch.Infrastructure.Tests.NodeProbe;

/// <summary>
/// One real sshd node (lab net 235), plus a 64 MiB ext4 data disk on a loop device, mounted under
/// /tmp (the probe watches a loop device that carries a writable filesystem). This machine's kernel
/// has no device-mapper, so no dm-N stands in between. Lab nodes share this machine's PID space
/// and disks; the data disk is mounted in the node's own mount namespace (its sshd's), because
/// mounts made here do not propagate into it.
/// </summary>
public sealed class NodeProbeLabFixture : IAsyncLifetime
{
    private readonly string image = Path.Combine(Path.GetTempPath(), $"cowind-{Environment.ProcessId}.img");
    private string? loop;

    public LabNodes? Lab { get; private set; }

    /// <summary>Where the data disk is mounted.</summary>
    public string DataMount { get; } = Path.Combine(Path.GetTempPath(), $"cowind-data-{Environment.ProcessId}");

    /// <summary>The data disk's kernel name as /proc/diskstats shows it (loopN).</summary>
    public string DataDevice { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Lab = await LabNodes.StartAsync(1, "ind", 235);
        await Run("truncate", "-s", "64M", image);
        loop = (await Run("losetup", "-f", "--show", image)).Trim();
        await Run("mkfs.ext4", "-q", "-F", loop);
        Directory.CreateDirectory(DataMount);
        SshdPid = File.ReadAllText(Path.Combine(Lab.Directory, Lab.Nodes[0].Name, "sshd.pid")).Trim();
        await InNode("mount", loop, DataMount);
        DataDevice = Path.GetFileName(loop);
    }

    public async Task DisposeAsync()
    {
        if (Lab is not null)
        {
            await Lab.DisposeAsync();
        }

        await Try("nsenter", "-t", SshdPid, "-m", "--", "umount", DataMount);
        if (loop is not null)
        {
            await Try("losetup", "-d", loop);
        }

        File.Delete(image);
        if (Directory.Exists(DataMount))
        {
            Directory.Delete(DataMount, recursive: true);
        }
    }

    /// <summary>The node's sshd: its mount namespace is the node's view of the filesystem.</summary>
    public string SshdPid { get; private set; } = "0";

    public static Task<string> Run(string file, params string[] args) => ShellCommand.RunAsync(file, args);

    /// <summary>The command line that runs a program on the node: in its sshd's mount and network namespaces.</summary>
    public string[] NodeCommand(params string[] command) => ["nsenter", "-t", SshdPid, "-m", "-n", "--", .. command];

    public Task<string> InNode(params string[] command)
    {
        var line = NodeCommand(command);
        return Run(line[0], line[1..]);
    }

    private static async Task Try(string file, params string[] args)
    {
        try
        {
            await Run(file, args);
        }
        catch (InvalidOperationException)
        {
            // Cleanup of a half-made fixture: what was never made cannot be removed.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class NodeProbeLabGroup : ICollectionFixture<NodeProbeLabFixture>
{
    public const string Name = "node probe lab";
}
