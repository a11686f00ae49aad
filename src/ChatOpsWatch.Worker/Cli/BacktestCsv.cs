using System.Globalization;

namespace ChatOpsWatch.Worker.Cli;

/// <summary>A bad input row: the message names the line and what is wrong with it.</summary>
internal sealed class BacktestInputException(string message) : Exception(message);

/// <summary>
/// Reads <c>timestamp,value</c> (or <c>timestamp,metricA,metricB,…</c>) CSV for the backtest. Timestamps are
/// <c>YYYY-MM-DD HH:MM:SS</c> or ISO 8601, UTC unless an offset is given. An empty cell or NaN is a missing
/// sample (the engine sees the gap); anything else that is not a number stops the run with its line number.
/// Real exports are messy: a row whose timestamp repeats the one before (a duplicate) or steps back (a DST-style
/// repeat, a merge of two exports) is skipped and counted, never fatal, because the replay is causal and cannot
/// take the past back; <see cref="Summary"/> says how many and where the first one was.
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

    /// <summary>Rows skipped because their timestamp equals the previous kept row's.</summary>
    public long Duplicates { get; private set; }

    /// <summary>Rows skipped because their timestamp is earlier than the previous kept row's.</summary>
    public long OutOfOrder { get; private set; }

    private long _firstDuplicateLine;
    private long _firstOutOfOrderLine;

    /// <summary>One line for stderr about the skipped rows, or null when every row was in order.</summary>
    public string? Summary =>
        Duplicates == 0 && OutOfOrder == 0
            ? null
            : $"skipped {OutOfOrder} out-of-order row(s){(OutOfOrder > 0 ? $" (first at line {_firstOutOfOrderLine})" : "")} and {Duplicates} duplicate timestamp(s){(Duplicates > 0 ? $" (first at line {_firstDuplicateLine})" : "")}; the first row of each timestamp was kept";

    public bool TryRead(out DateTimeOffset at, out double? value)
    {
        while (true)
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
            if (at > _previous)
            {
                _previous = at;
                return true;
            }

            Skip(at == _previous);
        }
    }

    private void Skip(bool duplicate)
    {
        if (duplicate)
        {
            _firstDuplicateLine = Duplicates++ == 0 ? Line : _firstDuplicateLine;
        }
        else
        {
            _firstOutOfOrderLine = OutOfOrder++ == 0 ? Line : _firstOutOfOrderLine;
        }
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
