namespace ChatOpsWatch.Domain.Incidents;

/// <summary>
/// The incidents as /alerts, /history and the buttons read them. Every method throws <see cref="Ports.StorageException"/>
/// when the store cannot be read.
/// </summary>
public interface IIncidentLog
{
    /// <summary>The incident, or null when no incident has that id.</summary>
    Task<Incident?> GetAsync(long id, CancellationToken ct);

    /// <summary>Every open incident, worst first, then oldest first.</summary>
    Task<IReadOnlyList<Incident>> OpenAsync(CancellationToken ct);

    /// <summary>The node's incidents open at some time since <paramref name="since"/>, newest first.</summary>
    Task<IReadOnlyList<Incident>> HistoryAsync(string node, DateTimeOffset since, CancellationToken ct);
}

/// <summary>
/// What the buttons change on an incident, as <see cref="IncidentLifecycle.Ack"/> and <see cref="IncidentLifecycle.Mute"/>
/// decide it. Each change and the edit of the incident's message are one transaction;
/// both methods throw <see cref="Ports.StorageException"/> when it could not be written (then nothing changed).
/// </summary>
public interface IIncidentActions
{
    /// <summary>Marks the open incident acknowledged by <paramref name="by"/> (the first acknowledgement stays). Returns it after the change; null when unknown.</summary>
    Task<Incident?> AckAsync(long id, string by, DateTimeOffset at, CancellationToken ct);

    /// <summary>Marks the open incident muted until <paramref name="until"/> (a later mute extends it). Returns it after the change; null when unknown.</summary>
    Task<Incident?> MuteAsync(long id, DateTimeOffset until, string by, DateTimeOffset at, CancellationToken ct);
}

/// <summary>Both sides of the incidents, for the handlers that read and change them.</summary>
public interface IIncidentStore : IIncidentLog, IIncidentActions;
