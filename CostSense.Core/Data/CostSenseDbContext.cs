using CostSense.Core.Data.Entities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Data;

/// <summary>
/// One model for both providers (SQLite embedded, PostgreSQL through Npgsql). Each provider has a thin
/// derived context so that each keeps its own migrations; everything else uses this type. Identity's users and
/// roles live here too, so a user, their conversations and the audit trail share one database, and so does the
/// data-protection key ring that every instance of the app signs its cookies with.
/// </summary>
public abstract class CostSenseDbContext(DbContextOptions options) : IdentityDbContext<CostSenseUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<CostRecord> CostRecords => Set<CostRecord>();
    public DbSet<DailyCostRollup> DailyCostRollups => Set<DailyCostRollup>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<PeriodVersion> PeriodVersions => Set<PeriodVersion>();
    public DbSet<VirtualMachine> VirtualMachines => Set<VirtualMachine>();
    public DbSet<StorageAccount> StorageAccounts => Set<StorageAccount>();
    public DbSet<DailyMetric> DailyMetrics => Set<DailyMetric>();
    public DbSet<UtilizationRollup> UtilizationRollups => Set<UtilizationRollup>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<ConversationMessage> ConversationMessages => Set<ConversationMessage>();
    public DbSet<Recommendation> Recommendations => Set<Recommendation>();
    public DbSet<RecommendationEvent> RecommendationEvents => Set<RecommendationEvent>();
    public DbSet<RecommendationRun> RecommendationRuns => Set<RecommendationRun>();

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // Money is exact: FOCUS exports carry up to 10 decimals (e.g. 5.64902E-05), so keep them all.
        conventions.Properties<decimal>().HavePrecision(28, 10);
        conventions.Properties<string>().HaveMaxLength(512);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        model.Entity<CostRecord>(e =>
        {
            e.HasIndex(x => new { x.Source, x.ChargePeriodStart });
            e.HasIndex(x => x.ChargePeriodStart);
            e.Property(x => x.ResourceId).HasMaxLength(1024);
            e.Property(x => x.Tags).HasMaxLength(4000);
            e.Property(x => x.BillingCurrency).HasMaxLength(3);
        });
        model.Entity<DailyCostRollup>(e =>
        {
            e.HasIndex(x => x.Date);
            e.HasIndex(x => new { x.SubAccountId, x.Date });
            e.Property(x => x.BillingCurrency).HasMaxLength(3);
        });
        model.Entity<PeriodVersion>().HasKey(x => x.Month);
        model.Entity<VirtualMachine>(e =>
        {
            e.HasKey(x => x.ResourceId);
            e.Property(x => x.ResourceId).HasMaxLength(1024);
            e.Property(x => x.PowerState).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Tags).HasMaxLength(4000);
        });
        model.Entity<StorageAccount>(e =>
        {
            e.HasKey(x => x.ResourceId);
            e.Property(x => x.ResourceId).HasMaxLength(1024);
            e.Property(x => x.AccessTier).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Replication).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Tags).HasMaxLength(4000);
        });
        model.Entity<DailyMetric>(e =>
        {
            e.HasIndex(x => new { x.ResourceId, x.Date }).IsUnique();
            e.HasIndex(x => x.Date);
            e.Property(x => x.ResourceId).HasMaxLength(1024);
        });
        model.Entity<UtilizationRollup>().HasIndex(x => new { x.Date, x.SubscriptionId });
        model.Entity<AuditEntry>(e =>
        {
            e.HasIndex(x => x.Action);
            e.Property(x => x.Detail).HasMaxLength(2000);
        });
        model.Entity<Conversation>(e =>
        {
            e.HasIndex(x => x.OwnerId);
            e.HasOne<CostSenseUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Messages).WithOne().HasForeignKey(x => x.ConversationId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Recommendation>(e =>
        {
            e.Property(x => x.Id).HasMaxLength(32);
            e.Property(x => x.ResourceId).HasMaxLength(1024);
            e.Property(x => x.Tags).HasMaxLength(4000);
            e.Property(x => x.Rationale).HasMaxLength(2000);
            e.Property(x => x.Command).HasMaxLength(2000);
            e.Property(x => x.StatusReason).HasMaxLength(500);
            foreach (var p in new[] { nameof(Recommendation.Kind), nameof(Recommendation.Category), nameof(Recommendation.Action), nameof(Recommendation.Risk), nameof(Recommendation.Status) })
                e.Property(p).HasConversion<string>().HasMaxLength(32);
            e.HasIndex(x => new { x.Kind, x.IsActive, x.Status });
            e.HasIndex(x => x.ResourceId);
        });
        model.Entity<RecommendationEvent>(e =>
        {
            e.HasIndex(x => x.RecommendationId);
            e.Property(x => x.From).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.To).HasConversion<string>().HasMaxLength(32);
        });
        model.Entity<RecommendationRun>().Property(x => x.Id).ValueGeneratedNever();
        // A key's XML is a few KB: more than the 512 every other string gets.
        model.Entity<DataProtectionKey>().Property(x => x.Xml).HasMaxLength(32_000);
        model.Entity<ConversationMessage>(e =>
        {
            e.Property(x => x.Content).HasMaxLength(32_000);
            e.Property(x => x.ToolCalls).HasMaxLength(4000);
        });
    }
}
