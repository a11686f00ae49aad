using ChatOpsWatch.Worker.Cli;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace ChatOpsWatch.Worker.Tests.Cli;

/// <summary>
/// The configuration files are watched by their time stamp, not by inotify on their directory tree, in which the
/// database lives by default (issue 10); an edit still reloads the running configuration.
/// </summary>
public sealed class CommandLineWatchTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cow-watch-").FullName;

    [Fact]
    public void BuildConfiguration_ConfigFile_IsWatchedByPollingItsTimeStamp()
    {
        var file = Path.Combine(_dir, "config.json");
        File.WriteAllText(file, """{"ChatOpsWatch":{"Storage":{"Path":"data/a.db"}}}""");

        var root = (IConfigurationRoot)CommandLine.BuildConfiguration(["--config", file], out _);

        var sources = root.Providers.OfType<Microsoft.Extensions.Configuration.Json.JsonConfigurationProvider>().Select(p => p.Source).ToList();
        Assert.Equal(2, sources.Count); // ./appsettings.json (optional) and the --config file
        // Once watching, the provider reports UsePollingFileWatcher false whatever it was given; its token shows how it watches.
        Assert.All(sources, s => Assert.True(s.FileProvider is PhysicalFileProvider { UseActivePolling: true }, s.Path));
        Assert.All(sources, s => Assert.Contains(
            ((CompositeChangeToken)s.FileProvider!.Watch(s.Path!)).ChangeTokens, t => t is Microsoft.Extensions.FileProviders.Physical.PollingFileChangeToken));
    }

    [Fact]
    public async Task BuildConfiguration_ConfigFileEdited_ReloadsWithinSeconds()
    {
        var file = Path.Combine(_dir, "config.json");
        await File.WriteAllTextAsync(file, """{"ChatOpsWatch":{"Storage":{"Path":"data/a.db"}}}""");
        var root = (IConfigurationRoot)CommandLine.BuildConfiguration(["--config", file], out _);
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watch = ChangeToken.OnChange(root.GetReloadToken, () => reloaded.TrySetResult());

        // A writes in the data directory below the file no longer wakes anything; the edit of the file does.
        Directory.CreateDirectory(Path.Combine(_dir, "data"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "data", "a.db-wal"), "x");
        await Task.Delay(1100); // time stamps of a second's resolution on some filesystems
        await File.WriteAllTextAsync(file, """{"ChatOpsWatch":{"Storage":{"Path":"data/b.db"}}}""");

        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal("data/b.db", root["ChatOpsWatch:Storage:Path"]);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
