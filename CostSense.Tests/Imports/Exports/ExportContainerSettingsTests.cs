using System.Net;
using CostSense.Core.Access;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Imports.Exports;
using CostSense.Tests.Imports.Blobs;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CostSense.Tests.Imports.Exports;

/// <summary>
/// The export container's settings: a saved connection string is stored only protected and never shown back, the page
/// is for Admins only, and the schedule reads the container on the app's clock.
/// </summary>
public sealed class ExportContainerSettingsTests
{
    // Azurite's well-known development account: a real account key, so the test can look for it in the store.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const string ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AccountKey +
        ";BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ExportContainerInput Input(string container, int minutes = 30, bool enabled = true, string? connectionString = ConnectionString) =>
        new(enabled, false, connectionString, null, container, null, minutes);

    [Fact]
    public async Task SavedConnectionString_IsStoredProtected_NeverShownBack_AndOnlyAdminsOpenThePage()
    {
        await using var azurite = await AzuriteContainer.CreateAsync(Ct);
        await using var app = await TestApp.StartAsync(new TestAppOptions { Users = [AppRoles.Viewer, AppRoles.Analyst, AppRoles.Admin] });
        var settings = app.Get<ExportContainerSettingsStore>();
        Assert.True((await settings.GetAsync(Ct)).FromConfiguration);

        var saved = await settings.SaveAsync(Actor.System, Input(azurite.Name), Ct);
        // Saved again with the field left empty: the stored connection string is kept.
        var kept = await settings.SaveAsync(Actor.System, Input(azurite.Name, minutes: 45, connectionString: ""), Ct);

        await using (var db = await app.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct))
        {
            var row = await db.ExportContainerSettings.SingleAsync(Ct);
            Assert.NotNull(row.ProtectedConnectionString);
            Assert.DoesNotContain(AccountKey, row.ProtectedConnectionString);
            Assert.DoesNotContain("devstoreaccount1", row.ProtectedConnectionString);
            Assert.Equal((azurite.Name, 45, true), (row.Container, row.ScheduleMinutes, row.Enabled));
            Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == ExportContainerSettingsStore.AuditAction, Ct));
        }
        Assert.False(saved.FromConfiguration);
        Assert.Equal(ConnectionString, kept.Options.ConnectionString);
        Assert.True(kept.HasConnectionString);
        var (ok, message) = await app.Get<ExportContainerReader>().TestAsync(kept.Options, Ct);
        Assert.True(ok, message);

        using var admin = await app.SignedInAsync(AppRoles.Admin);
        using var page = await admin.GetAsync("/settings/exports", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Connection string: set", html);
        Assert.Contains(azurite.Name, html);
        Assert.DoesNotContain(AccountKey, html);
        foreach (var role in new[] { AppRoles.Viewer, AppRoles.Analyst })
        {
            using var client = await app.SignedInAsync(role);
            using var refused = await client.GetAsync("/settings/exports", Ct);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.PathAndQuery);
        }
        var analyst = new Actor((await app.EnsureUserAsync(TestApp.EmailOf(AppRoles.Analyst), AppRoles.Analyst)).Id, "analyst", [AppRoles.Analyst]);
        await Assert.ThrowsAsync<AccessDeniedException>(() => settings.SaveAsync(analyst, Input(azurite.Name), Ct));
    }

    [Theory]
    [InlineData(4, "at least 5 minutes")]
    [InlineData(30, "is not a container name")]
    public async Task InvalidSettings_AreRefusedWithTheReason_AndNothingIsSaved(int minutes, string reason)
    {
        await using var app = await TestApp.StartAsync();
        var settings = app.Get<ExportContainerSettingsStore>();

        var e = await Assert.ThrowsAsync<System.ComponentModel.DataAnnotations.ValidationException>(() =>
            settings.SaveAsync(Actor.System, Input(minutes == 4 ? "exports" : "Not_A_Container", minutes), Ct));

        Assert.Contains(reason, e.Message);
        Assert.True((await settings.GetAsync(Ct)).FromConfiguration);
    }

    [Fact]
    public async Task TheSchedule_ReadsTheContainer_WhenItsIntervalHasPassed_OnTheAppsClock()
    {
        var runs = new ImportableRuns();
        runs.Run("daily", "run-b", "2026-10-21T06:00:00Z", lastDay: 20, parts: 3);
        await using var azurite = await AzuriteContainer.CreateAsync(Ct);
        await azurite.UploadAsync(runs.Files, Ct);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(new TestAppOptions { Services = s => s.AddSingleton<TimeProvider>(clock) });
        var schedule = app.Get<ExportContainerSchedule>();
        var factory = app.Get<IDbContextFactory<CostSenseDbContext>>();

        await app.Get<ExportContainerSettingsStore>().SaveAsync(Actor.System, Input(azurite.Name, minutes: 30), Ct);
        await Until(() => schedule.NextReadAt == clock.GetUtcNow().AddMinutes(30), "the schedule to wait 30 minutes after the save");
        clock.Advance(TimeSpan.FromMinutes(29));
        await Task.Delay(300, Ct);
        Assert.Empty((await StoreTotals.ReadAsync(factory)).Runs);

        clock.Advance(TimeSpan.FromMinutes(1));
        await Until(async () => (await StoreTotals.ReadAsync(factory)).Runs.Count > 0, "the scheduled read");

        var stored = await StoreTotals.ReadAsync(factory);
        var run = Assert.Single(stored.Runs);
        Assert.Equal(("run-b", ExportRunOutcome.Imported, ExportContainerSchedule.ProcessedBy), (run.RunId, run.Outcome, run.ProcessedBy));
        Assert.Equal(runs.Billed("run-b"), stored.Billed);
        await Until(() => schedule.NextReadAt == clock.GetUtcNow().AddMinutes(30), "the next read to be scheduled");
    }

    private static Task Until(Func<bool> condition, string what) => Until(() => Task.FromResult(condition()), what);

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for {what}.");
            await Task.Delay(50, Ct);
        }
    }
}
