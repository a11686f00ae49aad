using System.Runtime.CompilerServices;

namespace ChatOpsWatch.Infrastructure.Ssh;

/// <summary>
/// One timer for the heartbeats of every session (issue 10): each <see cref="Tick"/> walks the sessions and lets each
/// send its heartbeat when due, judge an unanswered one, or start a banner check, without waiting on any of them. A
/// timer and a task per session woke the thread pool three times per heartbeat; this wakes it <see cref="Rate"/> times a
/// second for the whole fleet, and replies are handled on SSH.NET's receive threads. A session's heartbeat is thus sent
/// up to one tick late, and a missing reply is judged up to one tick late.
/// </summary>
public sealed class SshHeartbeatClock : IDisposable
{
    /// <summary>Ticks per second.</summary>
    public const int Rate = 4;

    private static readonly ConditionalWeakTable<TimeProvider, SshHeartbeatClock> Clocks = [];

    private readonly Lock _lock = new();
    private readonly ITimer _timer;
    private SshNodeSession[] _sessions = [];
    private int _ticking;

    private SshHeartbeatClock(TimeProvider time)
    {
        var period = TimeSpan.FromSeconds(1.0 / Rate);
        _timer = time.CreateTimer(_ => Tick(), null, period, period);
    }

    /// <summary>The clock of <paramref name="time"/>: one per time provider in the process, so one per process in production.</summary>
    public static SshHeartbeatClock For(TimeProvider time) => Clocks.GetValue(time, t => new SshHeartbeatClock(t));

    public int Sessions => Volatile.Read(ref _sessions).Length;

    internal void Add(SshNodeSession session)
    {
        lock (_lock)
        {
            if (!_sessions.Contains(session))
            {
                _sessions = [.. _sessions, session];
            }
        }
    }

    internal void Remove(SshNodeSession session)
    {
        lock (_lock)
        {
            _sessions = [.. _sessions.Where(s => s != session)];
        }
    }

    private void Tick()
    {
        // A tick that overran its period (a send blocked in the library) is not run twice at once; the next one catches up.
        if (Interlocked.Exchange(ref _ticking, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var session in Volatile.Read(ref _sessions))
            {
                session.Tick();
            }
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}
