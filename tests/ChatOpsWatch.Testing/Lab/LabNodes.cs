namespace ChatOpsWatch.Testing.Lab;

/// <summary>One sshd node of the lab: its own network namespace and address.</summary>
public sealed record LabNode(string Name, string Address, int Port);

/// <summary>
/// Real OpenSSH sshd nodes in network namespaces, driven through scripts/lab.sh. Each lab has its
/// own prefix, subnet and directory, so several can run side by side; Dispose tears it down.
/// </summary>
public sealed class LabNodes : IAsyncDisposable
{
    private readonly Dictionary<string, string> _env;

    private readonly string[] _upArgs;

    private LabNodes(string dir, IReadOnlyList<LabNode> nodes, string[] upArgs)
    {
        _upArgs = upArgs;
        Directory = dir;
        Nodes = nodes;
        _env = new Dictionary<string, string> { ["COW_LAB_DIR"] = dir };
    }

    public string Directory { get; }

    public IReadOnlyList<LabNode> Nodes { get; }

    public string Ed25519Key => Path.Combine(Directory, "id_ed25519");

    public string RsaKey => Path.Combine(Directory, "id_rsa");

    public string CowlabPassword => File.ReadAllText(Path.Combine(Directory, "cowlab.password")).Trim();

    public static string Script => Path.Combine(Repo.Root, "scripts", "lab.sh");

    public static async Task<LabNodes> StartAsync(int count, string prefix, int net)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"cowlab-{prefix}-{Environment.ProcessId}");
        var env = new Dictionary<string, string> { ["COW_LAB_DIR"] = dir };
        string[] upArgs = ["up", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--prefix", prefix, "--net", net.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var output = await ShellCommand.RunAsync("bash", [Script, .. upArgs], env);
        var nodes = output.Split('\n')
            .Select(l => l.Split(' '))
            .Where(f => f.Length == 4 && f[0] == "node")
            .Select(f => new LabNode(f[1], f[2], int.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        if (nodes.Count != count)
        {
            throw new InvalidOperationException($"lab.sh up printed {nodes.Count} nodes, expected {count}:\n{output}");
        }

        return new LabNodes(dir, nodes, upArgs);
    }

    /// <summary>Lifts every fault (stopped, frozen, blackholed, dropping) so a test starts from healthy nodes; keys stay.</summary>
    public Task ResetAsync() => RunAsync(_upArgs);

    public Task<string> RunAsync(params string[] args) => ShellCommand.RunAsync("bash", [Script, .. args], _env);

    public Task StopSshdAsync(LabNode node) => RunAsync("stop-sshd", node.Name);

    public Task StartSshdAsync(LabNode node) => RunAsync("start-sshd", node.Name);

    public Task RekeyAsync(LabNode node) => RunAsync("rekey", node.Name);

    public Task FreezeAsync(LabNode node) => RunAsync("freeze", node.Name);

    public Task ThawAsync(LabNode node) => RunAsync("thaw", node.Name);

    public Task BlackholeAsync(LabNode node) => RunAsync("blackhole", node.Name);

    public Task UnblackholeAsync(LabNode node) => RunAsync("unblackhole", node.Name);

    public string LogPath(LabNode node) => Path.Combine(Directory, node.Name, "sshd.log");

    public async ValueTask DisposeAsync()
    {
        await ShellCommand.RunAsync("bash", [Script, "down"], _env);
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
