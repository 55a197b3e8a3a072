using Npgsql;

namespace CostSense.Tests.Faults;

/// <summary>
/// What the database really holds, read around the proxy: the cost rows of a source and their rollups, and the
/// metrics and their fleet rollups. A half-written import shows as rows that disagree with their rollups, or as
/// totals that are neither the old data's nor the new.
/// </summary>
public sealed record StoreTotals(long CostRows, decimal Cost, long RollupRows, decimal RollupCost, long MetricRows, long UtilizationVmDays, long Imports)
{
    public static async Task<StoreTotals> ReadAsync(string connectionString, string source, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM "CostRecords" WHERE "Source" = @source),
                   (SELECT coalesce(sum("EffectiveCost"), 0) FROM "CostRecords" WHERE "Source" = @source),
                   (SELECT coalesce(sum("RowCount"), 0) FROM "DailyCostRollups"),
                   (SELECT coalesce(sum("EffectiveCost"), 0) FROM "DailyCostRollups"),
                   (SELECT count(*) FROM "DailyMetrics"),
                   (SELECT coalesce(sum("VmCount"), 0) FROM "UtilizationRollups"),
                   (SELECT count(*) FROM "ImportBatches" WHERE "Source" = @source)
            """, conn);
        cmd.Parameters.AddWithValue("source", source);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new StoreTotals(r.GetInt64(0), r.GetDecimal(1), Convert.ToInt64(r.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
            r.GetDecimal(3), r.GetInt64(4), Convert.ToInt64(r.GetValue(5), System.Globalization.CultureInfo.InvariantCulture), r.GetInt64(6));
    }

    /// <summary>Rollups that agree with the rows they sum: nothing was written half (only one source in these tests).</summary>
    public void AssertRollupsAgree()
    {
        Assert.Equal(CostRows, RollupRows);
        Assert.Equal(Cost, RollupCost);
        Assert.Equal(MetricRows, UtilizationVmDays);
    }

    /// <summary>
    /// Stops <paramref name="proxy"/> as soon as a write transaction holds <paramref name="table"/> (from its DELETE of the
    /// old rows until its COMMIT), watched on a connection of its own around the proxy.
    /// </summary>
    public static async Task CutWhileWritingAsync(string connectionString, string table, Infrastructure.FaultProxy proxy, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT count(*) FROM pg_locks
            WHERE database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND relation = to_regclass(@table) AND mode = 'RowExclusiveLock' AND granted AND pid <> pg_backend_pid()
            """, conn);
        cmd.Parameters.AddWithValue("table", $"\"{table}\"");
        while ((long)(await cmd.ExecuteScalarAsync(ct))! == 0) await Task.Delay(2, ct);
        proxy.Stop();
    }
}
