using System.Diagnostics;
using System.Text.Json;

namespace ChatOpsWatch.Bench;

/// <summary>
/// The polling modes again, in a child process whose thread pool does not spin while it waits for
/// work. The setting is read once at start-up, so it needs its own process. Idle workers of the
/// .NET thread pool spin before they sleep; with a poll every few milliseconds that spinning is
/// CPU the monitor burns for nothing, and this shows how much.
/// </summary>
internal static class SpinOffVariant
{
    public const string Variable = "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit";

    /// <summary>The same setting in runtimeconfig.json (MSBuild: RuntimeHostConfigurationOption), as a service would set it.</summary>
    public const string ConfigProperty = "System.Threading.ThreadPool.UnfairSemaphoreSpinLimit";

    public const string Defaults = "runtime defaults";

    /// <summary>How the current process's thread pool is set, as the report names it.</summary>
    public static string CurrentRuntime =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } v ? $"{Variable}={v}"
        : AppContext.GetData(ConfigProperty) is { } c ? $"{ConfigProperty}={c}"
        : Defaults;

    public static async Task<IReadOnlyList<ModeResult>> RunChildAsync(IReadOnlyList<string> args)
    {
        var file = Path.GetTempFileName();
        try
        {
            var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable this process runs");
            var start = new ProcessStartInfo(self);
            if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            {
                start.ArgumentList.Add(typeof(SpinOffVariant).Assembly.Location);
            }

            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            start.ArgumentList.Add("--polls-only-to");
            start.ArgumentList.Add(file);
            start.Environment[Variable] = "0";
            Console.Error.WriteLine($"bench: polling again in a child process with {Variable}=0");
            using var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start {self}");
            await child.WaitForExitAsync();
            if (child.ExitCode is not (0 or 1))
            {
                throw new InvalidOperationException($"the {Variable}=0 child exited with code {child.ExitCode}; see its messages above");
            }

            return JsonSerializer.Deserialize<List<ModeResult>>(await File.ReadAllTextAsync(file), Report.JsonOptions)
                ?? throw new InvalidOperationException($"the {Variable}=0 child wrote no results");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
