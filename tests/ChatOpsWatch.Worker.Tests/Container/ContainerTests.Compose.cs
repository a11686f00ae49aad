using System.Diagnostics;
using ChatOpsWatch.Testing.Lab;

namespace ChatOpsWatch.Worker.Tests.Container;

/// <summary>
/// compose.yaml as the README runs it (issue 13): <c>podman-compose up -d chatopswatch</c> in a directory holding the
/// file, its <c>./secrets/</c> and <c>./known_hosts</c>, on the image this run built (<c>CHATOPSWATCH_IMAGE</c>), with
/// podman's default bridge network and the published metrics port; then <c>podman-compose down</c>.
/// </summary>
public sealed partial class ContainerTests
{
    [PodmanFact]
    public async Task Compose_UpThenDown_HealthyNonRootReadOnlyWithSecretsAndMetricsPortThenStopsCleanly()
    {
        if (Podman.ComposeMissing is { } missing)
        {
            Assert.Fail(missing); // podman runs here, so the README's compose command must too
        }

        var project = Directory.CreateDirectory(Path.Combine(_dir, ComposeProject)).FullName;
        _composeStarted = true;
        File.Copy(Path.Combine(Repo.Root, "compose.yaml"), Path.Combine(project, "compose.yaml"));
        Directory.CreateDirectory(Path.Combine(project, "secrets"));
        await SecretFileAsync(Path.Combine(ComposeProject, "secrets", "telegram_token"), "123456:TEST-compose-token_0123456789abcdefgh");
        await SecretFileAsync(Path.Combine(ComposeProject, "secrets", "ssh_key"), File.ReadAllText(image.Lab.Ed25519Key));
        File.WriteAllText(Path.Combine(project, "known_hosts"), string.Empty);
        var container = $"{ComposeProject}_chatopswatch_1"; // podman-compose names it <project>_<service>_1
        var env = ComposeEnv();

        var up = await ComposeAsync(project, env, "up", "-d", "chatopswatch");
        await UntilAsync(async () => (await Podman.TryAsync("exec", container, "dotnet", "/app/chatopswatch.dll", "health")).Exit == 0, TimeSpan.FromSeconds(90), "healthy under compose", () => Podman.TryAsync("logs", container));
        var (healthExit, health) = await Podman.TryAsync("exec", container, "dotnet", "/app/chatopswatch.dll", "health");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var healthz = await http.GetAsync(new Uri("http://127.0.0.1:9464/healthz"));
        var uid = (await Podman.RunAsync("exec", container, "id", "-u")).Trim();
        var (writable, _) = await Podman.TryAsync("exec", container, "touch", "/app/x");
        var (tokenWritable, _) = await Podman.TryAsync("exec", container, "sh", "-c", "echo x >> /run/secrets/telegram_token");
        var (tokenReadable, _) = await Podman.TryAsync("exec", container, "test", "-r", "/run/secrets/telegram_token");
        var volume = (await Podman.RunAsync("volume", "inspect", "--format", "{{.Mountpoint}}", $"{ComposeProject}_data")).Trim();

        var stopping = Stopwatch.StartNew();
        await ComposeAsync(project, env, "down");
        var downTook = stopping.Elapsed;
        var (stillThere, _) = await Podman.TryAsync("container", "exists", container);
        var integrity = await ScalarAsync(Path.Combine(volume, "chatopswatch.db"), "PRAGMA integrity_check;");
        output.WriteLine($"compose up: {up.Trim().Split('\n')[^1]}; health:\n{health}\ndown took {downTook.TotalSeconds:0.0} s");

        Assert.Equal(0, healthExit);
        Assert.True(healthz.IsSuccessStatusCode, $"/healthz on the published port answered {healthz.StatusCode}");
        Assert.Equal("10001", uid);
        Assert.NotEqual(0, writable); // read_only: true
        Assert.NotEqual(0, tokenWritable); // the secret is mounted read-only
        Assert.Equal(0, tokenReadable);
        Assert.Equal(1, stillThere);
        Assert.Equal("ok", integrity);
        Assert.True(downTook < TimeSpan.FromSeconds(9), $"down took {downTook}: was the monitor killed after podman-compose's 10 s?");
    }

    private bool _composeStarted;

    /// <summary>The project's name, which podman-compose takes from the directory's.</summary>
    private static string ComposeProject => $"cowcompose{Environment.ProcessId}";

    /// <summary>
    /// podman-compose runs plain <c>podman</c>: the runtime comes from containers.conf, this machine's (../shared/FACTS.md,
    /// "Containers") plus runc as the runtime, so that the command is the README's word for word.
    /// </summary>
    private Dictionary<string, string> ComposeEnv()
    {
        var conf = Path.Combine(_dir, "containers.conf");
        File.WriteAllText(conf, File.ReadAllText(Podman.Conf).Replace("[engine]", "[engine]\nruntime = \"runc\"", StringComparison.Ordinal));
        return new() { ["CONTAINERS_CONF"] = conf, ["CHATOPSWATCH_IMAGE"] = ImageFixture.Image };
    }

    private static async Task<string> ComposeAsync(string project, Dictionary<string, string> env, params string[] args)
    {
        var info = new ProcessStartInfo("podman-compose") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = project };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env)
        {
            info.Environment[k] = v;
        }

        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(cts.Token);
        var text = await stdout + await stderr;
        return p.ExitCode == 0 ? text : throw new InvalidOperationException($"podman-compose {string.Join(' ', args)} exited {p.ExitCode}:\n{text}");
    }

    /// <summary>What <c>down</c> leaves: the project's volumes and network (and everything, when the test failed midway).</summary>
    private async Task ComposeCleanupAsync()
    {
        if (!_composeStarted)
        {
            return;
        }

        await Podman.TryAsync("rm", "-f", $"{ComposeProject}_chatopswatch_1");
        await Podman.TryAsync("volume", "rm", "-f", $"{ComposeProject}_data", $"{ComposeProject}_pgdata");
        await Podman.TryAsync("network", "rm", "-f", $"{ComposeProject}_default");
    }
}
