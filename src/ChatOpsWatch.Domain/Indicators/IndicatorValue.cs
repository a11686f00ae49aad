using System.Globalization;

namespace ChatOpsWatch.Domain.Indicators;

/// <summary>An indicator's value as /status writes it, by its <see cref="IndicatorDisplay.Format"/>. Units are the same in every language.</summary>
public static class IndicatorValue
{
    private static readonly string[] Sizes = ["B", "KiB", "MiB", "GiB", "TiB"];

    public static string Format(ValueFormat format, double value) => format switch
    {
        ValueFormat.Pct => value.ToString("0", CultureInfo.InvariantCulture) + " %",
        ValueFormat.Ms => value.ToString("0.#", CultureInfo.InvariantCulture) + " ms",
        ValueFormat.Size => Size(value),
        _ => value.ToString("0.##", CultureInfo.InvariantCulture),
    };

    private static string Size(double bytes)
    {
        var unit = 0;
        while (Math.Abs(bytes) >= 1024 && unit < Sizes.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }

        return bytes.ToString(unit == 0 ? "0" : "0.#", CultureInfo.InvariantCulture) + " " + Sizes[unit];
    }
}
