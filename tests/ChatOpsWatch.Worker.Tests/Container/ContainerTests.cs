using System.Diagnostics;
using System.Globalization;
using System.Formats.Tar;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ChatOpsWatch.Testing.Lab;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ChatOpsWatch.Worker.Tests.Container;

/// <summary>
/// The image as an operator runs it (issue 13): podman with runc, a read-only root filesystem, a named data volume,
/// the SSH key mounted read-only, watching a real lab sshd node. One image build per test run (<see cref="ImageFixture"/>).
/// </summary>
public sealed partial class ContainerTests(ImageFixture image, ITestOutputHelper output) : IClassFixture<ImageFixture>, IAsyncLifetime
{
    private readonly string _name = $"cow-ctr-{Environment.ProcessId}";
    private readonly string _volume = $"cow-ctr-data-{Environment.ProcessId}";
    private readonly string _dir = Directory.CreateTempSubdirectory("cow-ctr-").FullName;
    private readonly int _metricsPort = FreePort();

    [PodmanFact]
    public async Task Image_RunsAgainstALabNode_NonRootHealthyWithMetrics_AndSurvivesSigtermOnItsVolume()
    {
        var node = image.Lab.Nodes[0];
        var started = Stopwatch.StartNew();
        await StartAsync(node);
        await UntilAsync(async () => (await Podman.TryAsync("healthcheck", "run", _name)).Exit == 0, TimeSpan.FromSeconds(90), "healthy", () => Podman.TryAsync("logs", _name));
        var healthyAfter = started.Elapsed;

        var dbFile = Path.Combine((await Podman.RunAsync("volume", "inspect", "--format", "{{.Mountpoint}}", _volume)).Trim(), "chatopswatch.db");
        await UntilAsync(async () => (await SamplesAsync(dbFile, node.Name)).Count >= 3, TimeSpan.FromSeconds(60), "3 samples stored");
        var uid = (await Podman.RunAsync("exec", _name, "id", "-u")).Trim();
        var metrics = await MetricsAsync();
        var (writable, _) = await Podman.TryAsync("exec", _name, "touch", "/app/x");
        var before = await SamplesAsync(dbFile, node.Name);

        // SIGTERM, a pause, the same volume again.
        var stopped = Stopwatch.StartNew();
        await Podman.RunAsync("stop", "--time", "30", _name);
        var stopTook = stopped.Elapsed;
        var exit = (await Podman.RunAsync("inspect", "--format", "{{.State.ExitCode}}", _name)).Trim();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var downFrom = DateTimeOffset.UtcNow;
        await Podman.RunAsync("start", _name);
        await UntilAsync(async () => (await SamplesAsync(dbFile, node.Name)).Count >= before.Count + 3, TimeSpan.FromSeconds(60), "samples after the restart");
        var after = await SamplesAsync(dbFile, node.Name);
        var gaps = after.Zip(after.Skip(1)).Select(p => p.Second - p.First).ToList();
        var downtime = downFrom - DateTimeOffset.FromUnixTimeMilliseconds(before[^1]) + stopTook;
        await Podman.RunAsync("stop", "--time", "30", _name);
        var integrity = await ScalarAsync(dbFile, "PRAGMA integrity_check;");
        var unsentRepeats = await ScalarAsync(dbFile, "SELECT COUNT(*) FROM outbox WHERE send_attempts > 1;");

        output.WriteLine($"image {image.ImageBytes / 1e6:0.0} MB, built in {image.BuildTime.TotalSeconds:0} s; healthy {healthyAfter.TotalSeconds:0.0} s after podman run; SIGTERM stop {stopTook.TotalSeconds:0.0} s");
        Directory.CreateDirectory(Path.Combine(Repo.Root, "TestResults"));
        File.WriteAllText(Path.Combine(Repo.Root, "TestResults", "container-figures.txt"), $"image_bytes {image.ImageBytes}\nbuild_seconds {image.BuildTime.TotalSeconds:0}\nhealthy_seconds {healthyAfter.TotalSeconds:0.0}\nstop_seconds {stopTook.TotalSeconds:0.0}\n");
        Assert.Equal("10001", uid);
        Assert.NotEqual(0, writable); // read-only root filesystem
        Assert.Contains("chatopswatch_poll_duration_seconds_bucket{role=\"core\"", metrics, StringComparison.Ordinal);
        Assert.Matches(@"chatopswatch_polls_total\{outcome=""succeeded""\} [1-9]", metrics);
        Assert.True(before.Count >= 2, $"{before.Count} samples stored before the stop");
        Assert.Equal("0", exit);
        Assert.True(stopTook < TimeSpan.FromSeconds(25), $"SIGTERM took {stopTook}: was it killed after the grace period?");
        Assert.Equal("ok", integrity);
        Assert.Equal("0", unsentRepeats);
        var longest = TimeSpan.FromMilliseconds(gaps.Max());
        Assert.True(longest < downtime + TimeSpan.FromSeconds(10), $"longest sample gap {longest} against a downtime of {downtime}");
    }

    [PodmanFact]
    public async Task Image_LayersHoldNoKeyTokenOrPassword()
    {
        var tar = Path.Combine(_dir, "image.tar");
        await Podman.RunAsync(TimeSpan.FromMinutes(5), "save", "--format", "docker-archive", "-o", tar, ImageFixture.Image);
        var found = new List<string>();
        await using (var archive = File.OpenRead(tar))
        {
            using var outer = new TarReader(archive);
            while (await outer.GetNextEntryAsync(copyData: true) is { } entry)
            {
                if (entry.Name.EndsWith(".tar", StringComparison.Ordinal) && entry.DataStream is { } layer)
                {
                    found.AddRange(await SecretsInLayerAsync(entry.Name, layer));
                }
            }
        }

        var config = await Podman.RunAsync("image", "inspect", "--format", "{{json .Config.Env}}", ImageFixture.Image);

        Assert.Empty(found);
        Assert.DoesNotMatch("(?i)token=|password=|passphrase=", config);
    }

    /// <summary>
    /// Files that look like secrets, and key material: the lab key the container used, a PEM private-key block with its
    /// base64 body outside the OS's libraries, a Telegram bot token, the lab's password.
    /// </summary>
    private async Task<List<string>> SecretsInLayerAsync(string name, Stream layer)
    {
        var found = new List<string>();
        var password = image.Lab.CowlabPassword;
        var labKey = File.ReadAllLines(image.Lab.Ed25519Key)[1]; // the first line of the lab key's base64 body
        using var reader = new TarReader(layer);
        while (await reader.GetNextEntryAsync(copyData: false) is { } file)
        {
            var path = file.Name.TrimStart('.', '/'); // an imported base names its entries ./usr/...
            if (Regex.IsMatch(path, @"(^|/)(id_(rsa|ed25519|ecdsa)|appsettings\.json|known_hosts)$|/secrets/"))
            {
                found.Add($"{name}: {path}");
            }

            if (file.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || file.DataStream is null || file.Length > 64 << 20)
            {
                continue;
            }

            using var buffer = new MemoryStream();
            await file.DataStream.CopyToAsync(buffer);
            var text = System.Text.Encoding.Latin1.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            // Debian's libraries embed self-test keys (GnuTLS does): a PEM block counts outside the OS's own files.
            var osFile = path.StartsWith("usr/lib/", StringComparison.Ordinal) || path.StartsWith("usr/share/", StringComparison.Ordinal);
            if ((!osFile && PrivateKeyBlock().IsMatch(text)) || BotToken().IsMatch(text) || text.Contains(password, StringComparison.Ordinal) || text.Contains(labKey, StringComparison.Ordinal))
            {
                found.Add($"{name}: {path} holds key material, a token or the lab password");
            }
        }

        return found;
    }

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----\r?\n[A-Za-z0-9+/=]{40,}")]
    private static partial Regex PrivateKeyBlock();

    [GeneratedRegex(@"\b[0-9]{8,10}:AA[A-Za-z0-9_-]{33}\b")]
    private static partial Regex BotToken();

    /// <summary><paramref name="extra"/>: more <c>podman run</c> arguments (environment, mounts) before the image.</summary>
    private async Task StartAsync(LabNode node, params string[] extra)
    {
        // The key as a secret mount: readable by the container's user only, and read-only.
        var key = await SecretFileAsync("ssh_key", File.ReadAllText(image.Lab.Ed25519Key));
        await Podman.RunAsync("volume", "create", _volume);
        string[] env =
        [
            "ChatOpsWatch__Local__Enabled=false",
            $"ChatOpsWatch__Nodes__0__Name={node.Name}",
            $"ChatOpsWatch__Nodes__0__Host={node.Address}",
            $"ChatOpsWatch__Nodes__0__Port={node.Port}",
            "ChatOpsWatch__Nodes__0__KeyFile=/run/secrets/ssh_key",
            "ChatOpsWatch__Nodes__0__Interval=2s",
            "ChatOpsWatch__Reports__DailyAt=off",
            $"ChatOpsWatch__Metrics__Listen=127.0.0.1:{_metricsPort}",
        ];
        await Podman.RunAsync(
        [
            "run", "-d", "--name", _name, "--network", "host", "--read-only", "--tmpfs", "/tmp",
            "-v", $"{_volume}:/data", "-v", $"{key}:/run/secrets/ssh_key:ro",
            .. env.SelectMany(e => new[] { "-e", e }),
            .. extra,
            ImageFixture.Image,
        ]);
    }

    /// <summary>A file only the container's user (uid 10001) can read, as a secret mount takes it.</summary>
    private async Task<string> SecretFileAsync(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        await File.WriteAllTextAsync(path, content);
        await ShellCommand.RunAsync("chown", ["10001:10001", path]);
        await ShellCommand.RunAsync("chmod", ["0400", path]);
        return path;
    }

    private async Task<string> MetricsAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{_metricsPort}/metrics"));
        var file = Path.Combine(_dir, "metrics.txt");
        await File.WriteAllTextAsync(file, text);
        await ShellCommand.RunAsync("sh", ["-c", $"promtool check metrics < '{file}'"]);
        return text;
    }

    private static async Task<List<long>> SamplesAsync(string db, string node)
    {
        if (!File.Exists(db))
        {
            return [];
        }

        try
        {
            await using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
            await c.OpenAsync();
            await using var command = c.CreateCommand();
            command.CommandText = "SELECT at FROM sample_rows WHERE node = $node ORDER BY at;";
            command.Parameters.AddWithValue("$node", node);
            var result = new List<long>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                result.Add(reader.GetInt64(0));
            }

            return result;
        }
        catch (SqliteException)
        {
            return []; // the monitor is still creating its schema
        }
    }

    private static async Task<string> ScalarAsync(string db, string sql)
    {
        await using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        await c.OpenAsync();
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture)!;
    }

    private async Task UntilAsync(Func<Task<bool>> condition, TimeSpan within, string what, Func<Task<(int, string)>>? logs = null)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > within)
            {
                var (_, text) = await (logs ?? (() => Podman.TryAsync("logs", _name)))();
                throw new TimeoutException($"not {what} within {within}; the container's log:\n{text}");
            }

            await Task.Delay(500);
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (Podman.Missing is null)
        {
            await Podman.TryAsync("rm", "-f", _name);
            await Podman.TryAsync("volume", "rm", "-f", _volume);
            await ComposeCleanupAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }
}
