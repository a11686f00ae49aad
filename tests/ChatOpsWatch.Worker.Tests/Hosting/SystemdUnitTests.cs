using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ChatOpsWatch.Testing.Lab;

namespace ChatOpsWatch.Worker.Tests.Hosting;

/// <summary>
/// The systemd units of scripts/ (issue 13), checked by systemd's own parser: <c>systemd-analyze verify</c> (unknown
/// keys, bad values, missing executables, broken dependencies) and the offline <c>systemd-analyze security</c> score.
/// Neither needs systemd as PID 1, so they run in a container too.
/// </summary>
public sealed partial class SystemdUnitTests : IDisposable
{
    private static readonly string[] Units = ["chatopswatch.service", "chatopswatch-health.service", "chatopswatch-health.timer"];
    private readonly string _dir = Directory.CreateTempSubdirectory("cow-units-").FullName;

    [SystemdAnalyzeFact]
    public async Task Units_VerifyWithoutAWarning()
    {
        Copy();

        var (exit, output) = await AnalyzeAsync(["verify", "--man=no", .. Units.Select(u => "./" + u)]);

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, output.Trim());
    }

    [SystemdAnalyzeFact]
    public async Task Verify_UnitWithATypo_IsCaught()
    {
        Copy();
        var unit = Path.Combine(_dir, "chatopswatch.service");
        File.WriteAllText(unit, File.ReadAllText(unit).Replace("ProtectSystem=strict", "ProtectSystm=strict", StringComparison.Ordinal));

        var (_, output) = await AnalyzeAsync(["verify", "--man=no", "./chatopswatch.service"]);

        Assert.Contains("Unknown key", output, StringComparison.Ordinal); // the check above would see a slip like this one
    }

    [SystemdAnalyzeFact]
    public async Task Service_Hardening_ExposureAtMostTwo()
    {
        Copy();

        var (exit, output) = await AnalyzeAsync(["security", "--offline=true", "./chatopswatch.service"]);

        Assert.Equal(0, exit);
        var level = Exposure().Match(output);
        Assert.True(level.Success, output);
        var score = double.Parse(level.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(score <= 2.0, $"exposure {score} (10 is unprotected):\n{output}");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [GeneratedRegex(@"Overall exposure level for chatopswatch\.service: ([0-9.]+)")]
    private static partial Regex Exposure();

    private void Copy()
    {
        foreach (var u in Units)
        {
            File.Copy(Path.Combine(Repo.Root, "scripts", u), Path.Combine(_dir, u));
        }
    }

    private async Task<(int Exit, string Output)> AnalyzeAsync(string[] args)
    {
        var info = new ProcessStartInfo("systemd-analyze") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _dir };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["SYSTEMD_COLORS"] = "0";
        info.Environment["SYSTEMD_PAGER"] = string.Empty;
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await stderr + await stdout);
    }
}

/// <summary>A fact skipped, saying why, where systemd-analyze is not installed.</summary>
public sealed class SystemdAnalyzeFactAttribute : FactAttribute
{
    public SystemdAnalyzeFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(d => File.Exists(Path.Combine(d, "systemd-analyze"))))
        {
            Skip = "systemd-analyze is not installed: scripts/install-deps.sh installs systemd (its files only; PID 1 stays)";
        }
    }
}
