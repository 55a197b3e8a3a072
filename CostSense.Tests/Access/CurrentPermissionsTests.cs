using System.Collections.Concurrent;
using CostSense.Core.Access;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CostSense.Tests.Access;

/// <summary>
/// A person's permission is judged by their account as the store holds it now, in one query, on both stores;
/// the app itself and the shared guest, who have no account, by their claims.
/// </summary>
public abstract class CurrentPermissionsTests
{
    protected abstract StoreKind Kind { get; }
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private readonly AccountQueries _queries = new();

    private Task<CoreHost> StartAsync() =>
        CoreHost.StartAsync(Kind, Now, services: s => s.AddSingleton<ILoggerProvider>(_queries));

    [Fact]
    public async Task APerson_IsGivenTheRolesTheStoreHoldsNow_InOneQuery()
    {
        await using var host = await StartAsync();
        var viewer = await host.AddPersonAsync("promoted@app.test", AppRoles.Viewer);
        await host.SetRoleInStoreAsync(viewer, AppRoles.Analyst);

        _queries.Clear();
        var current = await host.Get<CurrentPermissions>().DemandAsync(viewer, Permission.ActOnRecommendations, Ct);

        Assert.Equal([AppRoles.Analyst], current.Roles);
        Assert.Equal((viewer.Id, viewer.Name), (current.Id, current.Name));
        Assert.Equal(1, _queries.Count);
    }

    [Fact]
    public async Task APersonDemoted_IsRefused_WithTheRoleTheChangeNeeds_AndKeepsWhatTheNewRoleAllows()
    {
        await using var host = await StartAsync();
        var admin = await host.AddPersonAsync("demoted.admin@app.test", AppRoles.Admin);
        await host.SetRoleInStoreAsync(admin, AppRoles.Analyst);
        var check = host.Get<CurrentPermissions>();

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => check.DemandAsync(admin, Permission.ManageUsers, Ct));

        Assert.Equal("demoted.admin@app.test may not do this: it needs the Admin role.", refused.Message);
        Assert.Equal(Permission.ManageUsers, refused.Permission);
        Assert.Equal([AppRoles.Analyst], (await check.DemandAsync(admin, Permission.ManageData, Ct)).Roles);
    }

    [Fact]
    public async Task ALockedPerson_IsRefused_UntilTheLockEnds()
    {
        await using var host = await StartAsync();
        var analyst = await host.AddPersonAsync("locked@app.test", AppRoles.Analyst);
        var check = host.Get<CurrentPermissions>();

        await host.LockInStoreAsync(analyst, Now.AddMinutes(30));
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => check.DemandAsync(analyst, Permission.ManageData, Ct));
        Assert.Contains("locked until 2026-11-20 09:30 UTC", refused.Message);

        host.Time.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal([AppRoles.Analyst], (await check.DemandAsync(analyst, Permission.ManageData, Ct)).Roles);

        // An Admin's lock has no end: it lasts until an Admin lifts it.
        await host.LockInStoreAsync(analyst, DateTimeOffset.MaxValue);
        refused = await Assert.ThrowsAsync<AccessDeniedException>(() => check.DemandAsync(analyst, Permission.ManageData, Ct));
        Assert.Contains("Ask an Admin to unlock it", refused.Message);
    }

    [Fact]
    public async Task APersonWhoseAccountIsGone_IsRefused()
    {
        await using var host = await StartAsync();
        var analyst = await host.AddPersonAsync("gone@app.test", AppRoles.Analyst);
        await host.RemoveFromStoreAsync(analyst);

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => host.Get<CurrentPermissions>().DemandAsync(analyst, Permission.ManageData, Ct));

        Assert.Contains("no longer exists", refused.Message);
    }

    [Fact]
    public async Task TheAppItself_AndTheSharedGuest_AreJudgedByTheirClaims_WithoutAQuery()
    {
        await using var host = await StartAsync();
        var check = host.Get<CurrentPermissions>();
        var guest = new Actor(Actor.AnonymousViewerId, "Guest (read-only)", [AppRoles.Viewer]);

        _queries.Clear();
        Assert.Same(Actor.System, await check.DemandAsync(Actor.System, Permission.ManageUsers, Ct));
        Assert.Same(guest, await check.DemandAsync(guest, Permission.Read, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => check.DemandAsync(guest, Permission.ActOnRecommendations, Ct));
        Assert.Contains("Sign in", (await Assert.ThrowsAsync<AccessDeniedException>(() => check.DemandAsync(Actor.Anonymous, Permission.Read, Ct))).Message);
        Assert.Equal(0, _queries.Count);
    }

    /// <summary>Counts the commands EF sends to Identity's tables (its logged SQL names them).</summary>
    private sealed class AccountQueries : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _commands = new();

        public int Count => _commands.Count(c => c.Contains("AspNet", StringComparison.Ordinal));
        public void Clear() => _commands.Clear();

        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == RelationalEventId.CommandExecuted.Id) _commands.Enqueue(formatter(state, exception));
        }

        public void Dispose() { }
    }
}

public sealed class SqliteCurrentPermissionsTests : CurrentPermissionsTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresCurrentPermissionsTests : CurrentPermissionsTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
