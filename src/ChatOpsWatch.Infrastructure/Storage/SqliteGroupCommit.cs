using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>How polls are committed: every <see cref="Tick"/> the polls that finished are written in one transaction.</summary>
public sealed record SqliteCommitOptions(TimeSpan Tick)
{
    /// <summary>No wait: each transaction takes whatever queued while the one before was written.</summary>
    public static SqliteCommitOptions Immediate { get; } = new(TimeSpan.Zero);

    /// <summary>What the monitor uses (Storage:CommitTick): 100 ms adds at most that to a message, and folds a fleet's polls.</summary>
    public static SqliteCommitOptions Default { get; } = new(TimeSpan.FromMilliseconds(100));
}

/// <summary>
/// Group commit (issue 10): one writer takes every poll queued during a tick and writes them in ONE transaction,
/// each poll inside its own savepoint, so a poll that fails rolls back alone and its caller gets the error while
/// the others commit. A caller's task completes only after the transaction is committed, synchronous=FULL when any
/// poll of the batch carries alert state, engine state or messages (so its messages are durable before the caller
/// wakes the outbox); a batch of samples only is committed with synchronous=NORMAL (WAL: it survives a crash of the
/// process, and a later FULL commit makes it durable too). A poll whose token is cancelled before its batch is
/// written is not written, and its task is cancelled.
/// </summary>
internal sealed class SqliteGroupCommit(SqliteDatabase db, SqliteCommitOptions options, TimeProvider time)
{
    /// <summary>A transaction is kept short even when a tick gathers a large backlog.</summary>
    private const int MaxBatch = 512;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private Task? _writer;
    private long _transactions;

    /// <summary>Transactions written so far (each holds one or more polls).</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    public Task CommitAsync(string operation, bool durable, Func<SqliteConnection, DbTransaction, Task> write, CancellationToken ct)
    {
        var pending = new Pending(operation, durable, write, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), ct);
        lock (_gate)
        {
            _writer ??= Task.Run(WriteLoopAsync, CancellationToken.None);
        }

        _queue.Writer.TryWrite(pending);
        return pending.Done.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            if (options.Tick > TimeSpan.Zero)
            {
                await Task.Delay(options.Tick, time);
            }

            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                if (next.Ct.IsCancellationRequested)
                {
                    next.Done.TrySetCanceled(next.Ct);
                }
                else
                {
                    batch.Add(next);
                }
            }

            if (batch.Count > 0)
            {
                await WriteBatchAsync(batch);
            }
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        var written = new List<Pending>(batch.Count);
        try
        {
            using var turn = await db.Turns.PollAsync();
            await db.RunAsync($"committing {batch.Count} poll(s)", async c =>
            {
                await using (var pragma = c.CreateCommand())
                {
                    pragma.CommandText = batch.Exists(p => p.Durable) ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;";
                    await pragma.ExecuteNonQueryAsync();
                }

                await using var tx = await c.BeginTransactionAsync();
                foreach (var pending in batch)
                {
                    await tx.SaveAsync("poll");
                    try
                    {
                        await pending.Write(c, tx);
                        await tx.ReleaseAsync("poll");
                        written.Add(pending);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        await tx.RollbackAsync("poll");
                        await tx.ReleaseAsync("poll");
                        pending.Done.TrySetException(ex is SqliteException or IOException ? db.Failure(pending.Operation, ex) : ex);
                    }
                }

                await tx.CommitAsync();
                Interlocked.Increment(ref _transactions);
                return 0;
            }, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The transaction as a whole failed (lock timeout, disk full, a savepoint that could not roll back):
            // nothing of the batch is stored, and every poll still waiting hears why.
            foreach (var pending in batch)
            {
                pending.Done.TrySetException(ex);
            }

            return;
        }

        foreach (var pending in written)
        {
            pending.Done.TrySetResult();
        }
    }

    private sealed record Pending(string Operation, bool Durable, Func<SqliteConnection, DbTransaction, Task> Write, TaskCompletionSource Done, CancellationToken Ct);
}
