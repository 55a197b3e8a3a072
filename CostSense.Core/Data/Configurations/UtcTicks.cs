using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CostSense.Core.Data.Configurations;

/// <summary>
/// DateTimeOffset as UTC ticks (a 64-bit integer), for times compared in SQL on both providers: SQLite keeps a
/// DateTimeOffset as text it cannot compare, and an integer orders the same everywhere. Read back with offset zero.
/// </summary>
internal static class UtcTicks
{
    public static readonly ValueConverter<DateTimeOffset, long> Converter =
        new(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

}
