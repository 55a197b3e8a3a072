using System.Globalization;

namespace CostSense.Web.Components.Pages.Import;

/// <summary>File sizes for people: "812 B", "40.6 KB", "1.2 GB" (powers of 1024, invariant culture).</summary>
public static class Bytes
{
    private static readonly string[] Units = ["B", "KB", "MB", "GB", "TB"];

    public static string Format(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < Units.Length - 1) (value, unit) = (value / 1024, unit + 1);
        return unit == 0 ? $"{bytes.ToString(CultureInfo.InvariantCulture)} B" : $"{value.ToString("0.#", CultureInfo.InvariantCulture)} {Units[unit]}";
    }
}
