namespace ChatOpsWatch.Worker.Configuration;

/// <summary>The configuration in force. Replaced whole on a valid reload; a broken edit keeps the old one.</summary>
public sealed class ConfigHolder(WatchConfig initial)
{
    private volatile WatchConfig _current = initial;

    public WatchConfig Current
    {
        get => _current;
        set => _current = value;
    }
}
