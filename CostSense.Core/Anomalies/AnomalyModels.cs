using System.Text.Json;
using CostSense.Core.Costs;
using CostSense.Core.Data.Entities;

namespace CostSense.Core.Anomalies;

/// <summary>Which anomalies to list: by status, scope kind and last day, newest first.</summary>
public sealed record AnomalyQuery(AnomalyStatus? Status = null, CostScopeKind? ScopeKind = null, DateOnly? Since = null, int Take = 200);

/// <summary>
/// A resource (and meter) whose change makes up part of an anomaly's excess: what it usually cost over the days, what it
/// cost, and its share of the excess (0–100). <see cref="Detail"/> says what changed in its own units ("24 h instead of 8 h").
/// </summary>
public sealed record AnomalyDriver(
    string? ResourceId, string ResourceName, string? Meter, string ServiceName,
    decimal Expected, decimal Actual, decimal SharePercent, string? Detail)
{
    public decimal Excess => Actual - Expected;
}

/// <summary>An anomaly as the pages show it.</summary>
public sealed record AnomalyView(
    long Id, AnomalyKind Kind, CostScope Scope, DateOnly From, DateOnly To,
    decimal Expected, decimal Actual, string Currency, string Summary, IReadOnlyList<AnomalyDriver> Drivers,
    AnomalyStatus Status, string? Note, string? TriagedBy, DateTimeOffset? TriagedAt, DateTimeOffset DetectedAt)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public decimal Excess => Actual - Expected;
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>A stored anomaly as the pages, the assistant and the alerts read it (drivers read leniently: unreadable JSON names none).</summary>
    public static AnomalyView Of(DetectedAnomaly r) => new(
        r.Id, r.Kind, new CostScope(r.ScopeKind, r.ScopeKey, r.ScopeName), r.From, r.To, r.Expected, r.Actual, r.Currency, r.Summary,
        ReadDrivers(r.DriversJson), r.Status, r.Note, r.TriagedBy, r.TriagedAt, r.DetectedAt);

    /// <summary>The drivers as <see cref="DetectedAnomaly.DriversJson"/> keeps them.</summary>
    public static string DriversJson(IReadOnlyList<AnomalyDriver> drivers) => JsonSerializer.Serialize(drivers, Json);

    private static IReadOnlyList<AnomalyDriver> ReadDrivers(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<AnomalyDriver>>(json, Json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

/// <summary>One day of an anomaly's scope: its cost, the expected level and band, and whether the day is part of the anomaly.</summary>
public sealed record AnomalyBandPoint(DateOnly Date, decimal Actual, decimal Expected, decimal Low, decimal High, bool Anomalous);

public sealed record AnomalyDetail(AnomalyView Anomaly, IReadOnlyList<AnomalyBandPoint> Series);
