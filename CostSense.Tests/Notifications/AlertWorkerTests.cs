using System.Net;
using CostSense.Core.Access;
using CostSense.Core.Alerts;
using CostSense.Core.Notifications;
using CostSense.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CostSense.Tests.Notifications;

/// <summary>
/// The worker runs the check at start, again after each CheckInterval on the app's clock, and at once when a page asks;
/// the options are checked on start; the web app hosts the worker (it checks once started) and serves the settings page
/// to Admins only.
/// </summary>
public sealed class AlertWorkerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheWorker_ChecksAtStart_EveryInterval_AndWhenAsked()
    {
        var budgets = new CountingBudgets();
        await using var host = await NotificationTestHost.StartAsync(StoreKind.Sqlite, budgets: budgets);
        var worker = host.Get<AlertWorker>();
        var interval = host.Get<IOptions<NotificationOptions>>().Value.CheckInterval;
        Assert.Equal(TimeSpan.FromMinutes(1), interval);

        await worker.StartAsync(Ct);
        try
        {
            await Until(() => budgets.Runs >= 1);   // at start, before any time passed
            var before = budgets.Runs;
            // The clock moves only when the test moves it: each minute that passes brings a check.
            await Until(() =>
            {
                host.Time.Advance(interval);
                return budgets.Runs > before;
            });
            var afterTick = budgets.Runs;
            host.Get<AlertCheckRequests>().RequestRun();   // no time passes: only the request can bring this one
            await Until(() => budgets.Runs > afterTick);
        }
        finally
        {
            await worker.StopAsync(Ct);
        }
    }

    [Theory]
    [InlineData("MaxAttempts", "0")]
    [InlineData("BackOffFactor", "0.5")]
    [InlineData("RequestTimeoutSeconds", "0")]
    [InlineData("AlertRecentDays", "-1")]
    [InlineData("CheckIntervalSeconds", "1")]
    [InlineData("AppUrl", "not a url")]
    public async Task Start_WithAnInvalidNotificationSetting_FailsNamingIt(string key, string value)
    {
        using var host = CoreHost.Builder(Path.GetTempPath(), new Dictionary<string, string?> { [$"{NotificationOptions.Section}:{key}"] = value }).Build();
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));
        Assert.Contains(key, ex.Message);
    }

    [Fact]
    public void TheDefaults_AreSixAttempts_BackingOffFromAMinuteByFour_CheckedEveryMinute()
    {
        using var host = CoreHost.Builder(Path.GetTempPath()).Build();
        var o = host.Services.GetRequiredService<IOptions<NotificationOptions>>().Value;
        Assert.Equal((6, 15, 7, 60), (o.MaxAttempts, o.RequestTimeoutSeconds, o.AlertRecentDays, o.CheckIntervalSeconds));
        Assert.Equal([1, 4, 16, 64, 256], Enumerable.Range(1, 5).Select(a => (int)o.BackOff(a).TotalMinutes));
        Assert.Equal(TimeSpan.FromHours(6), o.BackOff(6));   // capped at MaxRetryMinutes
        Assert.Null(o.AbsoluteLink("budgets"));
    }

    [Fact]
    public async Task TheWebApp_HostsTheWorker_AndServesTheSettingsPageToAdminsOnly()
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions { Users = [AppRoles.Admin, AppRoles.Analyst] });
        await Until(async () => await app.Get<AlertCheck>().LastRunAsync(Ct) is not null);

        using var admin = await app.SignedInAsync(AppRoles.Admin);
        using var page = await admin.GetAsync("/settings/notifications", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Delivery log", await page.Content.ReadAsStringAsync(Ct));

        using var analyst = await app.SignedInAsync(AppRoles.Analyst);
        using var refused = await analyst.GetAsync("/settings/notifications", Ct);
        Assert.DoesNotContain("Delivery log", await refused.Content.ReadAsStringAsync(Ct));
    }

    private static Task Until(Func<bool> condition) => Until(() => Task.FromResult(condition()));

    /// <summary>Polls until the condition holds (the worker runs on its own task); fails after a generous while.</summary>
    private static async Task Until(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 1500; i++)
        {
            if (await condition()) return;
            await Task.Delay(20, Ct);
        }
        Assert.Fail("The condition did not come true.");
    }
}
