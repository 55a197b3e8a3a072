using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace CostSense.Core.Recommendations;

/// <summary>
/// Saves a computation on PostgreSQL in four statements instead of one per recommendation: the computed rows are copied
/// (binary COPY) into a temporary table, upserted into the recommendations by id — the numbers and words refreshed, the
/// state (status, reason, snooze, who and when, realized saving) left as it is — and the active ones not computed again are
/// retired. Change tracking of tens of thousands of rows took most of a large tenant's recompute; this takes a second.
/// </summary>
internal static class RecommendationBulkSave
{
    private const string Staging = "recommendations_computed";

    /// <summary>What a user sets (or the first computation, for a new row): never overwritten by a computation.</summary>
    private static readonly HashSet<string> Lifecycle =
    [
        nameof(Recommendation.Id), nameof(Recommendation.ResourceId), nameof(Recommendation.Status), nameof(Recommendation.StatusReason),
        nameof(Recommendation.SnoozedUntil), nameof(Recommendation.StatusChangedBy), nameof(Recommendation.StatusChangedAt),
        nameof(Recommendation.RealizedMonthlySavings),
    ];

    /// <summary>Writes <paramref name="computed"/> inside the caller's transaction; returns how many were new and how many retired.</summary>
    public static async Task<(int Added, int Retired)> SaveAsync(CostSenseDbContext db, IReadOnlyCollection<Recommendation> computed, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(Recommendation))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Select(p => new Column(p, table)).ToArray();
        var target = Quote(table.Name);
        var list = string.Join(", ", columns.Select(c => c.Quoted));

        // Names from the EF model, not from input: the statements are built, not parameterized.
        var create = $"CREATE TEMP TABLE {Staging} (LIKE {target}) ON COMMIT DROP";
        await db.Database.ExecuteSqlRawAsync(create, ct);
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var copy = await conn.BeginBinaryImportAsync($"COPY {Staging} ({list}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var rec in computed)
            {
                await copy.StartRowAsync(ct);
                foreach (var c in columns)
                {
                    if (c.Read(rec) is { } value) await copy.WriteAsync(value, c.StoreType, ct);
                    else await copy.WriteNullAsync(ct);
                }
            }
            await copy.CompleteAsync(ct);
        }

        var id = Quote(entity.FindProperty(nameof(Recommendation.Id))!.GetColumnName(table)!);
        // New ones counted in the store before the upsert: reading every stored id into a set took longer than the count.
        var count = $"SELECT count(*)::int AS \"Value\" FROM {Staging} AS c WHERE NOT EXISTS (SELECT 1 FROM {target} AS r WHERE r.{id} = c.{id})";
        var added = await db.Database.SqlQueryRaw<int>(count).SingleAsync(ct);
        var refreshed = string.Join(", ", columns.Where(c => !Lifecycle.Contains(c.Property)).Select(c => $"{c.Quoted} = EXCLUDED.{c.Quoted}"));
        var active = Quote(entity.FindProperty(nameof(Recommendation.IsActive))!.GetColumnName(table)!);
        var upsert = $"INSERT INTO {target} ({list}) SELECT {list} FROM {Staging} ON CONFLICT ({id}) DO UPDATE SET {refreshed}";
        await db.Database.ExecuteSqlRawAsync(upsert, ct);
        var retire = $"UPDATE {target} AS r SET {active} = FALSE WHERE r.{active} AND NOT EXISTS (SELECT 1 FROM {Staging} AS c WHERE c.{id} = r.{id})";
        var retired = await db.Database.ExecuteSqlRawAsync(retire, ct);
        await db.Database.ExecuteSqlRawAsync($"DROP TABLE {Staging}", ct);
        return (added, retired);
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    /// <summary>A column as the EF model maps it (name, store type, conversion), so the copied rows read back as EF writes them.</summary>
    private sealed class Column(IProperty p, StoreObjectIdentifier table)
    {
        public string Property { get; } = p.Name;
        public string Quoted { get; } = Quote(p.GetColumnName(table)!);
        public string StoreType { get; } = p.GetColumnType().Split('(')[0];

        private readonly System.Reflection.PropertyInfo _info = p.PropertyInfo!;
        private readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? _converter = p.GetTypeMapping().Converter;

        public object? Read(Recommendation rec)
        {
            var value = _info.GetValue(rec);
            return value is null || _converter is null ? value : _converter.ConvertToProvider(value);
        }
    }
}
