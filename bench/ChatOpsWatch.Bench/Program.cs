using System.Text.Json;
using ChatOpsWatch.Bench;
using ChatOpsWatch.Infrastructure.Ssh;

// Measures what polling K real sshd nodes costs the monitor: persistent sessions against a new
// connection per poll (again in a child process whose thread pool does not spin), then the
// handshake with SSH.NET's default key exchange against ours.
// Exit codes: 0 measured, 1 some polls failed (figures written, but suspect), 2 bad usage or lab.
if (args is ["print-probe-command"])
{
    // bench/PollCost runs exactly this command from Paramiko and OpenSSH, so every client runs the same probe.
    Console.Out.Write(ChatOpsWatch.Infrastructure.Probe.ProbeScript.RemoteCommand(TimeSpan.FromSeconds(10)));
    return 0;
}

if (args is ["storage", ..])
{
    return await StorageBench.RunAsync(args[1..]);
}

BenchOptions options;
Lab lab;
NodeCpu? nodeCpu;
try
{
    options = BenchOptions.Parse(args);
    lab = Lab.Read(options.LabDir, options.User);
    nodeCpu = options.NodeCgroup.Length > 0 ? NodeCpu.Open(options.NodeCgroup) : null;
}
catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException)
{
    Console.Error.WriteLine($"bench: {ex.Message}");
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

var started = TimeProvider.System.GetUtcNow();
var loadAtStart = Machine.LoadAverage();
if (nodeCpu is null)
{
    Console.Error.WriteLine("bench: no --node-cgroup: node CPU is left out");
}

string server;
try
{
    server = await PreflightAsync(lab);
}
catch (Exception ex)
{
    Console.Error.WriteLine($"bench: cannot reach the lab nodes, nothing measured: {ex.Message}");
    return 2;
}

// The storage measurement commits up to StoragePolls of the persistent mode's samples after StorageWarmup more.
const int StorageWarmup = 200;
const int StoragePolls = 1000;
var kept = new List<ChatOpsWatch.Domain.Samples.Sample>();
List<ModeResult> modes =
[
    await PollModes.PersistentAsync(lab, options, nodeCpu, kept, StorageWarmup + StoragePolls),
    await PollModes.ReconnectAsync(lab, options, nodeCpu),
];
if (options.PollsOnlyTo is { } childOut)
{
    await File.WriteAllTextAsync(childOut, JsonSerializer.Serialize(modes, Report.JsonOptions));
    return modes.Sum(m => m.Failures) > 0 ? 1 : 0;
}

try
{
    if (options.SpinOffVariant && SpinOffVariant.CurrentRuntime == SpinOffVariant.Defaults)
    {
        modes.AddRange(await SpinOffVariant.RunChildAsync(args));
    }
}
catch (Exception ex) when (ex is InvalidOperationException or IOException or JsonException)
{
    Console.Error.WriteLine($"bench: the spin-off variant is left out: {ex.Message}");
}

if (options.Handshakes > 0)
{
    modes.Add(await HandshakeMode.RunAsync(lab, options, nodeCpu, sshNetDefault: false));
    modes.Add(await HandshakeMode.RunAsync(lab, options, nodeCpu, sshNetDefault: true));
}

StorageResult? storage = null;
try
{
    Console.Error.WriteLine($"bench: storage: committing {kept.Count} polled samples to a fresh SQLite file");
    storage = await StorageMeasure.RunAsync(kept, Math.Min(StorageWarmup, kept.Count / 4));
}
catch (Exception ex) when (ex is InvalidOperationException or IOException or ChatOpsWatch.Domain.Ports.StorageException)
{
    Console.Error.WriteLine($"bench: the storage measurement is left out: {ex.Message}");
}

var report = Report.Build(Machine.Describe(started, server, loadAtStart), lab.Nodes.Count, options, modes, storage);
report.Write(options.OutDir);
Console.Write(report.Markdown());
Console.Error.WriteLine($"bench: wrote {Path.Combine(options.OutDir, "ssh-polling.md")} and ssh-polling.json");

var failures = modes.Sum(m => m.Failures);
if (failures > 0)
{
    Console.Error.WriteLine($"bench: {failures} polls failed; the figures are suspect (errors are in the results)");
    return 1;
}

return 0;

// One connection to every node before anything is measured: a lab that is down fails here, clearly.
static async Task<string> PreflightAsync(Lab lab)
{
    var server = "";
    foreach (var node in lab.Nodes)
    {
        using var client = SshConnectionFactory.Create(lab.Target(node), SshSettings.Default);
        await client.ConnectAsync(CancellationToken.None);
        server = client.ConnectionInfo.ServerVersion ?? "unknown";
        client.Disconnect();
    }

    return server;
}
