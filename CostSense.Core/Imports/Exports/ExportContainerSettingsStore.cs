using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using CostSense.Core.Access;
using CostSense.Core.Audit;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Imports.Blobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CostSense.Core.Imports.Exports;

/// <summary>
/// The export container's settings: the one <see cref="ExportContainerSettings"/> row an Admin saved, else the
/// configuration section. The connection string can hold an account key, so it is stored only protected with the app's
/// data-protection key ring (purpose <see cref="Purpose"/>; the key ring lives in the store, so every instance over it
/// can read it) and never returned to a page. Saving checks the settings with <see cref="ExportContainerOptions"/>' own
/// validation, is audited, and wakes the schedule (<see cref="ChangeToken"/>) so a new interval applies at once.
/// </summary>
public sealed class ExportContainerSettingsStore(IDbContextFactory<CostSenseDbContext> dbFactory, IDataProtectionProvider protection,
    IOptions<ExportContainerOptions> configured, CurrentPermissions permissions, AuditTrail audit, TimeProvider time)
{
    /// <summary>The data-protection purpose of the stored connection string.</summary>
    public const string Purpose = "CostSense.ExportContainer";

    /// <summary>The audit action of a save.</summary>
    public const string AuditAction = "settings.export-container";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);
    private CancellationTokenSource _changed = new();

    /// <summary>Cancelled when settings are saved; a new token is handed out after.</summary>
    public CancellationToken ChangeToken => Volatile.Read(ref _changed).Token;

    /// <summary>The settings in force now.</summary>
    public async Task<ExportContainerSetup> GetAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.ExportContainerSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == 1, ct);
        if (row is null)
        {
            var c = configured.Value;
            return new ExportContainerSetup(Copy(c), true, !string.IsNullOrWhiteSpace(c.ConnectionString), null, null);
        }
        string? connectionString = null, problem = null;
        if (row.ProtectedConnectionString is { Length: > 0 } secret)
        {
            try { connectionString = _protector.Unprotect(secret); }
            catch (CryptographicException)
            {
                problem = "The saved connection string can no longer be decrypted (the app's data-protection keys changed). Enter it again and save.";
            }
        }
        var options = new ExportContainerOptions
        {
            Enabled = row.Enabled, ConnectionString = connectionString, AccountUrl = row.AccountUrl, Container = row.Container,
            Folder = row.Folder, ScheduleInterval = TimeSpan.FromMinutes(row.ScheduleMinutes),
        };
        return new ExportContainerSetup(options, false, row.ProtectedConnectionString is { Length: > 0 }, row.UpdatedAt, row.UpdatedBy, problem);
    }

    /// <summary>
    /// The options <paramref name="input"/> describes, with the saved connection string where the input keeps it, checked
    /// as if enabled (to test a connection before turning the schedule on, or to save).
    /// </summary>
    /// <exception cref="ValidationException">The settings are incomplete or malformed; the message says which.</exception>
    public async Task<ExportContainerOptions> ResolveAsync(ExportContainerInput input, CancellationToken ct)
    {
        string? connectionString = null;
        if (!input.UseAccountUrl)
            connectionString = !string.IsNullOrWhiteSpace(input.ConnectionString)
                ? input.ConnectionString.Trim()
                : (await GetAsync(ct)).Options.ConnectionString;
        var options = new ExportContainerOptions
        {
            Enabled = input.Enabled,
            ConnectionString = connectionString,
            AccountUrl = input.UseAccountUrl ? input.AccountUrl?.Trim() : null,
            Container = (input.Container ?? "").Trim(),
            Folder = string.IsNullOrWhiteSpace(input.Folder) ? null : input.Folder.Trim(),
            ScheduleInterval = TimeSpan.FromMinutes(input.ScheduleMinutes),
        };
        Check(options);
        return options;
    }

    /// <summary>Saves the settings for <paramref name="actor"/> (<see cref="Permission.ManageSettings"/>): from now on they, not configuration, are read.</summary>
    /// <exception cref="ValidationException">The settings are incomplete or malformed; nothing was saved.</exception>
    /// <exception cref="AccessDeniedException">The actor may not change settings.</exception>
    public async Task<ExportContainerSetup> SaveAsync(Actor actor, ExportContainerInput input, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageSettings, ct);
        var options = await ResolveAsync(input, ct);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var row = await db.ExportContainerSettings.SingleOrDefaultAsync(s => s.Id == 1, ct);
            if (row is null) db.ExportContainerSettings.Add(row = new ExportContainerSettings { Id = 1 });
            row.Enabled = options.Enabled;
            row.ProtectedConnectionString = options.ConnectionString is { Length: > 0 } cs ? _protector.Protect(cs) : null;
            row.AccountUrl = options.AccountUrl;
            row.Container = options.Container;
            row.Folder = options.Folder;
            row.ScheduleMinutes = input.ScheduleMinutes;
            row.UpdatedAt = time.GetUtcNow();
            row.UpdatedBy = actor.Name;
            db.AuditEntries.Add(audit.Entry(actor, AuditAction, options.Container,
                $"{(options.Enabled ? "enabled" : "disabled")}, {(options.AccountUrl is null ? "connection string" : "account URL " + options.AccountUrl)}, " +
                $"container {options.Container}, folder '{options.Folder}', every {input.ScheduleMinutes} min"));
            await db.SaveChangesAsync(ct);
        }
        var old = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
        // Cancelled, not disposed: the schedule may be linking to it right now, and a cancelled source holds nothing to free.
        await old.CancelAsync();
        return await GetAsync(ct);
    }

    /// <summary>Checks options with their own validation, as if enabled: a saved or tested container must be complete.</summary>
    /// <exception cref="ValidationException">What is wrong, every problem in one message.</exception>
    public static void Check(ExportContainerOptions options)
    {
        var enabled = Copy(options);
        enabled.Enabled = true;
        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(enabled, new ValidationContext(enabled), problems, validateAllProperties: true))
            throw new ValidationException(string.Join(" ", problems.Select(p => p.ErrorMessage)));
    }

    private static ExportContainerOptions Copy(ExportContainerOptions o) => new()
    {
        Enabled = o.Enabled, ConnectionString = o.ConnectionString, AccountUrl = o.AccountUrl, Container = o.Container, Folder = o.Folder,
        ScheduleInterval = o.ScheduleInterval,
    };
}
