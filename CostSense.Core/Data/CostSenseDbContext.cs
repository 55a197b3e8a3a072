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
    public DbSet<ExportRunImport> ExportRunImports => Set<ExportRunImport>();
    public DbSet<ExportContainerSettings> ExportContainerSettings => Set<ExportContainerSettings>();
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
    public DbSet<ReportSubscription> ReportSubscriptions => Set<ReportSubscription>();
    public DbSet<ReportDelivery> ReportDeliveries => Set<ReportDelivery>();
    public DbSet<AzureSyncRun> AzureSyncRuns => Set<AzureSyncRun>();
    public DbSet<AzureSyncStepRun> AzureSyncStepRuns => Set<AzureSyncStepRun>();
    public DbSet<AzureCostMonth> AzureCostMonths => Set<AzureCostMonth>();
    public DbSet<AdvisorRecommendation> AdvisorRecommendations => Set<AdvisorRecommendation>();
    public DbSet<RetailPrice> RetailPrices => Set<RetailPrice>();
    public DbSet<DailyTagRollup> DailyTagRollups => Set<DailyTagRollup>();
    public DbSet<DetectedAnomaly> Anomalies => Set<DetectedAnomaly>();
    public DbSet<Budget> Budgets => Set<Budget>();
    public DbSet<BudgetCrossing> BudgetCrossings => Set<BudgetCrossing>();
    public DbSet<AllocationRule> AllocationRules => Set<AllocationRule>();
    public DbSet<NotificationChannel> NotificationChannels => Set<NotificationChannel>();
    public DbSet<NotificationDelivery> NotificationDeliveries => Set<NotificationDelivery>();
    public DbSet<AlertCheckRun> AlertCheckRuns => Set<AlertCheckRun>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // Money is exact: each provider's context says how (SQLite: text, PostgreSQL: unconstrained numeric).
        conventions.Properties<string>().HaveMaxLength(512);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        // One IEntityTypeConfiguration per entity, in Data/Configurations.
        model.ApplyConfigurationsFromAssembly(typeof(CostSenseDbContext).Assembly);
    }
}
