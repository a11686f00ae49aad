using System.Globalization;

namespace ChatOpsWatch.Worker.Cli;

/// <summary>A bad input row: the message names the line and what is wrong with it.</summary>
internal sealed class BacktestInputException(string message) : Exception(message);

/// <summary>
/// Reads <c>timestamp,value</c> (or <c>timestamp,metricA,metricB,…</c>) CSV for the backtest. Timestamps are
/// <c>YYYY-MM-DD HH:MM:SS</c> or ISO 8601, UTC unless an offset is given. An empty cell or NaN is a missing
/// sample (the engine sees the gap); anything else that is not a number stops the run with its line number.
/// </summary>
internal sealed class BacktestCsv
{
    private readonly TextReader _reader;
    private readonly int _column;
    private readonly int _columns;
    private readonly string _metric;
    private DateTimeOffset _previous = DateTimeOffset.MinValue;

    public BacktestCsv(TextReader reader, string metric)
    {
        _reader = reader;
        _metric = metric;
        var header = reader.ReadLine() ?? throw new BacktestInputException("line 1: the file is empty; expected a header 'timestamp,value'");
        var names = header.Split(',').Select(n => n.Trim()).ToArray();
        if (names.Length < 2 || !names[0].Equals("timestamp", StringComparison.OrdinalIgnoreCase))
        {
            throw new BacktestInputException($"line 1: expected a header 'timestamp,value' or 'timestamp,<metric>,…', got '{header}'");
        }

        _columns = names.Length;
        _column = names.Length == 2 && names[1].Equals("value", StringComparison.OrdinalIgnoreCase)
            ? 1
            : Array.FindIndex(names, 1, n => n.Equals(metric, StringComparison.Ordinal));
        if (_column < 1)
        {
            throw new BacktestInputException($"line 1: no column named '{metric}'; the columns are {string.Join(", ", names[1..])}");
        }
    }

    public long Line { get; private set; } = 1;

    public bool TryRead(out DateTimeOffset at, out double? value)
    {
        string? line;
        do
        {
            line = _reader.ReadLine();
            Line++;
        }
        while (line is not null && line.Length == 0);

        if (line is null)
        {
            (at, value) = (default, null);
            return false;
        }

        (at, value) = Parse(line);
        if (at < _previous)
        {
            throw new BacktestInputException($"line {Line}: timestamp {at:O} is earlier than the row before ({_previous:O}); sort the input by time");
        }

        _previous = at;
        return true;
    }

    private (DateTimeOffset, double?) Parse(string line)
    {
        var span = line.AsSpan();
        Span<Range> cells = stackalloc Range[Math.Min(_columns + 1, 64)];
        var count = span.Split(cells, ',');
        if (count != _columns)
        {
            throw new BacktestInputException($"line {Line}: expected {_columns} comma-separated cells, got {count}: '{Clip(line)}'");
        }

        var stamp = span[cells[0]].Trim();
        if (!TryParseTimestamp(stamp, out var at))
        {
            throw new BacktestInputException($"line {Line}: '{Clip(stamp.ToString())}' is not a timestamp (use YYYY-MM-DD HH:MM:SS or ISO 8601)");
        }

        var cell = span[cells[_column]].Trim();
        if (cell.IsEmpty || cell.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            return (at, null);
        }

        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsInfinity(value))
        {
            throw new BacktestInputException($"line {Line}: '{Clip(cell.ToString())}' in column '{_metric}' is not a number");
        }

        return (at, value);
    }

    /// <summary>Fast path for the fixed <c>YYYY-MM-DD HH:MM:SS</c> shape, ISO 8601 otherwise.</summary>
    internal static bool TryParseTimestamp(ReadOnlySpan<char> s, out DateTimeOffset at)
    {
        if (s.Length == 19 && s[4] == '-' && s[7] == '-' && s[10] == ' ' && s[13] == ':' && s[16] == ':'
            && TryDigits(s[..4], out var y) && TryDigits(s.Slice(5, 2), out var mo) && TryDigits(s.Slice(8, 2), out var d)
            && TryDigits(s.Slice(11, 2), out var h) && TryDigits(s.Slice(14, 2), out var mi) && TryDigits(s.Slice(17, 2), out var sec)
            && mo is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, mo) && h < 24 && mi < 60 && sec < 60 && y >= 1)
        {
            at = new DateTimeOffset(y, mo, d, h, mi, sec, TimeSpan.Zero);
            return true;
        }

        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at)
            && s.Length >= 10 && s[4] == '-';
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private static string Clip(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
