using CostSense.Core.Access;
using CostSense.Core.Anomalies;
using CostSense.Core.Audit;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Anomalies;

/// <summary>
/// Stored anomalies: detection is idempotent (by fingerprint), triage survives it and is audited, only Analysts and Admins
/// triage, and what the data no longer shows goes unless someone triaged it.
/// </summary>
public sealed class AnomalyServiceTests(DemoTenantStore demo) : IClassFixture<DemoTenantStore>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private CoreHost Host => demo.Host;
    private IAnomalyService Service => Host.Get<IAnomalyService>();

    [Fact]
    public async Task DetectingTwice_AddsNothingTheSecondTime()
    {
        await Host.Get<IAnomalyDetection>().DetectAsync(Ct);
        var before = await Service.ListAsync(new AnomalyQuery(Take: 5_000), Ct);

        var again = await Host.Get<IAnomalyDetection>().DetectAsync(Ct);

        Assert.Equal((0, 0, before.Count), (again.Added, again.Removed, again.Total));
        var after = await Service.ListAsync(new AnomalyQuery(Take: 5_000), Ct);
        Assert.Equal(before.Select(a => (a.Id, a.Summary, a.DetectedAt)).Order(), after.Select(a => (a.Id, a.Summary, a.DetectedAt)).Order());
    }

    [Fact]
    public async Task Triage_SurvivesDetection_AndIsAudited()
    {
        var analyst = await Host.AddPersonAsync($"analyst-{Guid.NewGuid():N}@contoso.com", AppRoles.Analyst);
        var list = await Service.ListAsync(new AnomalyQuery(Take: 5_000), Ct);
        var (first, second) = (list[0], list[1]);

        await Service.AcknowledgeAsync(analyst, first.Id, Ct);
        await Service.MarkExpectedAsync(analyst, second.Id, "  The quarterly load test.  ", Ct);
        await Host.Get<IAnomalyDetection>().DetectAsync(Ct);

        var acknowledged = (await Service.GetAsync(first.Id, Ct))!.Anomaly;
        var expected = (await Service.GetAsync(second.Id, Ct))!.Anomaly;
        Assert.Equal((AnomalyStatus.Acknowledged, analyst.Name), (acknowledged.Status, acknowledged.TriagedBy));
        Assert.Equal((AnomalyStatus.Expected, "The quarterly load test."), (expected.Status, expected.Note));
        Assert.Contains(await Service.ListAsync(new AnomalyQuery(Status: AnomalyStatus.Expected), Ct), a => a.Id == second.Id);

        var reopened = await Service.ReopenAsync(analyst, first.Id, Ct);
        Assert.Equal((AnomalyStatus.New, null), (reopened.Status, reopened.TriagedBy));

        await using var db = await Host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        var audited = await db.AuditEntries.Where(e => e.ActorId == analyst.Id).ToListAsync(Ct);
        Assert.Equal([AuditActions.AnomalyAcknowledge, AuditActions.AnomalyExpected, AuditActions.AnomalyReopen], audited.OrderBy(e => e.Id).Select(e => e.Action));
        Assert.Contains("The quarterly load test.", audited.Single(e => e.Action == AuditActions.AnomalyExpected).Detail);
    }

    [Fact]
    public async Task AViewer_IsRefused_AndANoteIsRequired()
    {
        var viewer = await Host.AddPersonAsync($"viewer-{Guid.NewGuid():N}@contoso.com", AppRoles.Viewer);
        var analyst = await Host.AddPersonAsync($"analyst-{Guid.NewGuid():N}@contoso.com", AppRoles.Analyst);
        var anomaly = (await Service.ListAsync(new AnomalyQuery(), Ct))[^1];

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.AcknowledgeAsync(viewer, anomaly.Id, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.MarkExpectedAsync(viewer, anomaly.Id, "fine", Ct));
        var error = await Assert.ThrowsAsync<AnomalyException>(() => Service.MarkExpectedAsync(analyst, anomaly.Id, "  ", Ct));
        Assert.Contains("note is required", error.Message);
        await Assert.ThrowsAsync<AnomalyException>(() => Service.AcknowledgeAsync(analyst, -1, Ct));
        Assert.Equal(AnomalyStatus.New, (await Service.GetAsync(anomaly.Id, Ct))!.Anomaly.Status);
    }

    [Fact]
    public async Task WhatTheDataNoLongerShows_Goes_UnlessTriaged()
    {
        var latest = (await Service.ListAsync(new AnomalyQuery(), Ct)).Max(a => a.To);
        await using (var db = await Host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct))
        {
            db.Anomalies.AddRange(Ghost("ghost-new", AnomalyStatus.New, latest), Ghost("ghost-triaged", AnomalyStatus.Acknowledged, latest));
            await db.SaveChangesAsync(Ct);
        }

        var run = await Host.Get<IAnomalyDetection>().DetectAsync(Ct);

        Assert.Equal(1, run.Removed);
        var keys = (await Service.ListAsync(new AnomalyQuery(Take: 5_000), Ct)).Select(a => a.Scope.Key).ToList();
        Assert.DoesNotContain("ghost-new", keys);
        Assert.Contains("ghost-triaged", keys);
    }

    [Fact]
    public async Task OneAnomaly_ComesWithItsSeries_ExpectedBand_AndMarkedDays()
    {
        // A detected spike (with drivers), not a hand-made row another test of this class may have left in the shared store.
        var spike = (await Service.ListAsync(new AnomalyQuery(ScopeKind: CostScopeKind.Service), Ct)).First(a => a.Kind == AnomalyKind.Spike && a.Drivers.Count > 0);

        var detail = await Service.GetAsync(spike.Id, Ct);

        Assert.NotNull(detail);
        Assert.Equal(spike.From.AddDays(-30), detail.Series[0].Date);
        Assert.Equal(spike.Days, detail.Series.Count(p => p.Anomalous));
        Assert.All(detail.Series.Where(p => p.Anomalous), p => Assert.True(p.Actual > p.High, $"{p.Date}: {p.Actual} within {p.Low}..{p.High}"));
        Assert.Equal(spike.Actual, detail.Series.Where(p => p.Anomalous).Sum(p => p.Actual));
        // The chart's expected level is in cents, a day at a time.
        Assert.InRange(detail.Series.Where(p => p.Anomalous).Sum(p => p.Expected), spike.Expected - 0.01m * spike.Days, spike.Expected + 0.01m * spike.Days);
        Assert.True(detail.Series.Where(p => !p.Anomalous).Count(p => p.Actual >= p.Low && p.Actual <= p.High) > detail.Series.Count / 2);
        Assert.Null(await Service.GetAsync(-1, Ct));
    }

    private static DetectedAnomaly Ghost(string key, AnomalyStatus status, DateOnly day) => new()
    {
        Fingerprint = $"Spike|Service|{key}|{day:yyyy-MM-dd}", Kind = AnomalyKind.Spike, ScopeKind = CostScopeKind.Service, ScopeKey = key, ScopeName = key,
        From = day, To = day, Expected = 1, Actual = 100, Currency = "USD", Summary = "+$99.00", DriversJson = "[]", Status = status,
        DetectedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch,
    };
}
