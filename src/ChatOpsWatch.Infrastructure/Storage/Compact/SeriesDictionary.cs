using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage.Compact;

/// <summary>
/// The series dictionary (table <c>series</c>): a series key ("disk.used_pct{mount=/}") once, and an integer id in
/// every stored sample. Ids are only ever added, so this cache learns a key after the transaction that stored it
/// committed (<see cref="EnsureAsync"/>) and a reader that meets an id it does not know reloads the table.
/// </summary>
internal sealed class SeriesDictionary
{
    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, string> _keys = new();
    private readonly Lock _loading = new();

    public bool TryId(string key, out int id) => _ids.TryGetValue(key, out id);

    /// <summary>Registers the keys not yet known, in their own committed transaction (rare: a node's first poll, a new disk).</summary>
    public async Task EnsureAsync(SqliteDatabase db, IEnumerable<string> keys, CancellationToken ct)
    {
        var missing = keys.Where(k => !_ids.ContainsKey(k)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var added = await db.InTransactionAsync("registering series keys", async (c, tx) =>
        {
            var rows = new List<(string, int)>(missing.Count);
            foreach (var key in missing)
            {
                rows.Add((key, await IdOfAsync(c, tx, key, ct)));
            }

            return rows;
        }, ct);
        foreach (var (key, id) in added)
        {
            Learn(key, id);
        }
    }

    /// <summary>The id of <paramref name="key"/>, inserting it inside <paramref name="tx"/>; the caller learns it after commit.</summary>
    public static async Task<int> IdOfAsync(SqliteConnection c, DbTransaction tx, string key, CancellationToken ct)
    {
        await c.ExecuteAsync(new CommandDefinition("INSERT OR IGNORE INTO series (key) VALUES (@key);", new { key }, tx, cancellationToken: ct));
        return await c.ExecuteScalarAsync<int>(new CommandDefinition("SELECT id FROM series WHERE key = @key;", new { key }, tx, cancellationToken: ct));
    }

    public void Learn(string key, int id)
    {
        _ids[key] = id;
        _keys[id] = key;
    }

    /// <summary>The key of <paramref name="id"/>, reloading the table once when it is unknown; null if it is not there either.</summary>
    public string? KeyOf(SqliteConnection c, int id)
    {
        if (_keys.TryGetValue(id, out var key))
        {
            return key;
        }

        Load(c);
        return _keys.GetValueOrDefault(id);
    }

    public void Load(SqliteConnection c)
    {
        lock (_loading)
        {
            foreach (var (id, key) in c.Query<(long Id, string Key)>("SELECT id, key FROM series;"))
            {
                Learn(key, (int)id);
            }
        }
    }

    /// <summary>The values of a poll as (series id, value) by id; every key must be known (<see cref="EnsureAsync"/>).</summary>
    public List<(int Id, double Value)> Ids(IReadOnlyDictionary<string, double> values)
    {
        var list = new List<(int, double)>(values.Count);
        foreach (var (key, value) in values)
        {
            list.Add((_ids.TryGetValue(key, out var id) ? id : throw new InvalidOperationException($"series key '{key}' is not registered"), value));
        }

        list.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return list;
    }

    public Dictionary<string, double> Keys(SqliteConnection c, List<(int Id, double Value)> values)
    {
        var result = new Dictionary<string, double>(values.Count, StringComparer.Ordinal);
        foreach (var (id, value) in values)
        {
            result[KeyOf(c, id) ?? throw new InvalidDataException($"a stored sample names series id {id}, which the series table lacks")] = value;
        }

        return result;
    }
}
