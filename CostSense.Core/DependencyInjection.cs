using CostSense.Core.Access;
using CostSense.Core.Alerts;
using CostSense.Core.Anomalies;
using CostSense.Core.Assistant;
using CostSense.Core.Assistant.Routing;
using CostSense.Core.Assistant.Tools;
using CostSense.Core.Audit;
using CostSense.Core.Budgets;
using CostSense.Core.Caching;
using CostSense.Core.Catalog;
using CostSense.Core.Conversations;
using CostSense.Core.Costs;
using CostSense.Core.Data;
using CostSense.Core.Imports;
using CostSense.Core.Imports.Blobs;
using CostSense.Core.Imports.Containers;
using CostSense.Core.Imports.DerivedInventory;
using CostSense.Core.Imports.Exports;
using CostSense.Core.Inventory;
using CostSense.Core.Notifications;
using CostSense.Core.Operations;
using CostSense.Core.Leases;
using CostSense.Core.Recommendations;
using CostSense.Core.Recommendations.CostOnly;
using CostSense.Core.Reports;
using CostSense.Core.Reports.Delivery;
using CostSense.Core.Reports.Pdf;
using CostSense.Core.Showback;
using CostSense.Core.Sources.Azure;
using CostSense.Core.Sources.Azure.Costs;
using CostSense.Core.Sources.Azure.Inventory;
using CostSense.Core.Sources.Azure.Metrics;
using CostSense.Core.Sources.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostSense.Core;

/// <summary>Everything CostSense.Core registers, in one place, grouped by folder from the store up.</summary>
public static class DependencyInjection
{
    /// <summary>Store, cache, demo tenant and cost services, configured from the builder's configuration.</summary>
    public static IHostApplicationBuilder AddCostSenseCore(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddSingleton(TimeProvider.System);

        // Options, validated on start so a bad setting stops the app with its key named.
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section)
            .PostConfigure(o => o.PostgresConnectionString ??= config.GetConnectionString("CostSense"))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoTenantOptions>().BindConfiguration(DemoTenantOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // Data: PostgreSQL when ConnectionStrings:CostSense is set, an embedded SQLite file otherwise.
        var contentRoot = builder.Environment.ContentRootPath;
        services.AddSingleton<IDbContextFactory<CostSenseDbContext>>(sp => new StoreContextFactory(
            sp.GetRequiredService<IOptions<StoreOptions>>().Value, contentRoot,
            db => db.UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>())));
        services.AddSingleton<DatabaseInitializer>();

        // Caching: Redis when ConnectionStrings:Redis is set, process memory otherwise.
        var redis = config.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
            services.AddDistributedMemoryCache();
        else
            services.AddStackExchangeRedisCache(o =>
            {
                o.Configuration = redis;
                o.InstanceName = "costsense:";
                // Never block a page on a missing Redis: fail fast and retry the connection in the background.
                o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(redis);
                o.ConfigurationOptions.AbortOnConnectFail = false;
                o.ConfigurationOptions.ConnectTimeout = 2_000;
                o.ConfigurationOptions.SyncTimeout = 2_000;
                o.ConfigurationOptions.AsyncTimeout = 2_000;
            });
        services.AddSingleton<QueryCache>();

        // --- Several instances (issue 17): leases in the store, so background work (the alert check, the Azure sync, the
        // export container's schedule, the start-up seed) runs on one instance at a time however many share the store.
        services.AddSingleton<JobLeases>();
        // --- end of several instances.

        // Access, catalog and audit.
        services.AddSingleton<CurrentPermissions>();
        services.AddSingleton<VmSizeCatalog>(_ => VmSizeCatalog.LoadEmbedded());
        services.AddSingleton<AuditTrail>();

        // Costs and inventory.
        services.AddSingleton<CostStore>();
        services.AddSingleton<InventoryStore>();
        services.AddSingleton<IDashboardService, DashboardService>();
        services.AddSingleton<CostInsights>();
        services.AddSingleton<ScopeCosts>();

        // Imports: limits on what a file may inflate to, the opener every cost file goes through, and the importer.
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ContainerOpener>();
        services.AddSingleton<TabularFileOpener>();
        services.AddSingleton<CostImporter>();

        // Imports, export runs by manifest (a folder or the storage container): where the container is when no Admin saved
        // settings, and the importer of runs. The container's settings, reader and schedule need data protection: WebRegistration.
        services.AddOptions<ExportContainerOptions>().BindConfiguration(ExportContainerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ExportRunImporter>();

        // Recommendations: the rules, the engine that runs them over the store, and the service the pages use.
        services.AddOptions<RecommendationOptions>().BindConfiguration(RecommendationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IEnumerable<IVmRule>>(sp => RecommendationRules.Compute(sp.GetRequiredService<VmSizeCatalog>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IEnumerable<IStorageRule>>(sp => RecommendationRules.Storage(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<RecommendationEngine>();
        services.AddSingleton<IRecommendationService, RecommendationService>();

        // Recommendations from imported cost rows alone (issue 12): the inventory they derive, and what the grids say it rests on.
        services.AddSingleton<ImportedInventory>();
        services.AddSingleton<DataBasisReader>();

        // Reports: the executive summary, filled by the dashboard's and the savings page's services and laid out as a PDF.
        services.AddSingleton<SummaryReportBuilder>();
        services.AddSingleton<SummaryPdfWriter>();
        services.AddSingleton<SummaryDocuments>();

        // --- Reports delivered by e-mail (issue 13): SMTP settings (off without a host), the schedule's options, the MailKit
        // transport, the sender that claims occurrences and deliveries in the store, and the subscriptions the page manages.
        // The worker that ticks the sender is a hosted service registered by the web app (WebRegistration).
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        services.AddOptions<ReportDeliveryOptions>().BindConfiguration(ReportDeliveryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IMailTransport, MailKitTransport>();
        services.AddSingleton<ReportDeliverySender>();
        services.AddSingleton<ReportSubscriptions>();
        services.AddSingleton<ReportDeliveryWorker>();
        // --- end of reports delivered by e-mail.

        // Conversations, the operator's store overview and the demo tenant.
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<StoreOverviewService>();
        services.AddSingleton<DemoTenantGenerator>();
        services.AddSingleton<IDemoTenantService, DemoTenantService>();
        services.AddSingleton<DemoStepAside>();

        // --- Anomalies (issue 15): the detector's thresholds, and the service that detects at every scope, names drivers, keeps
        // anomalies by fingerprint (triage survives) and serves the page, the dashboard card, the alerts and the assistant.
        services.AddOptions<AnomalyOptions>().BindConfiguration(AnomalyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AnomalyService>();
        services.AddSingleton<IAnomalyService>(sp => sp.GetRequiredService<AnomalyService>());
        services.AddSingleton<IAnomalyDetection>(sp => sp.GetRequiredService<AnomalyService>());
        // --- end of anomalies.

        // --- Budgets (issue 15): the figures (the dashboard's arithmetic on a scope's daily totals), the service the page, the
        // dashboard card and the assistant use, and the evaluation that stores each threshold crossing once (the alert check calls it).
        services.AddSingleton<BudgetFigures>();
        services.AddSingleton<BudgetService>();
        services.AddSingleton<IBudgetEvaluation, BudgetEvaluation>();
        // --- end of budgets.

        // --- Showback (issue 15): cost by any tag key with allocation rules applied (the chargeback table and its CSV), and
        // the rules the /showback page manages.
        services.AddSingleton<ShowbackService>();
        services.AddSingleton<AllocationRules>();
        // --- end of showback.

        // --- Notifications and alerts (issue 15): options (validated on start), the named HttpClient webhooks are posted with
        // (a timeout, no redirects, no request logging: a webhook's URL is a credential), the targets' protection (data
        // protection: the web app's key ring in the store), the outbox, the sender and the channels the settings page manages;
        // the alert check (detection when the data or the day changed, budgets, alerts, delivery), the requests pages make for
        // one soon, and the worker, a hosted service registered by the web app (WebRegistration).
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(NotificationSender.ClientName)
            .ConfigureHttpClient((sp, c) => c.Timeout = sp.GetRequiredService<IOptions<NotificationOptions>>().Value.RequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => new System.Net.Http.SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .RemoveAllLoggers();
        services.AddSingleton<NotificationTargets>();
        services.AddSingleton<NotificationOutbox>();
        services.AddSingleton<NotificationSender>();
        services.AddSingleton<NotificationChannels>();
        services.AddSingleton<AlertCheckRequests>();
        services.AddSingleton<AlertCheck>();
        services.AddSingleton<AlertWorker>();
        // --- end of notifications and alerts.

        // --- Live Azure (issue 14): off until CostSense:Azure:Enabled. The connection (credential, ArmClient, REST pipelines),
        // the scope, the steps of a sync, the one-at-a-time lock and the sync itself. The worker that runs it on a schedule is
        // a hosted service registered by the web app (WebRegistration).
        services.AddOptions<AzureOptions>().BindConfiguration(AzureOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AzureOptions>, AzureOptionsValidator>();
        services.AddSingleton<AzureConnection>();
        services.AddSingleton<AzureScope>();
        services.AddSingleton<AzureSyncLock>();
        services.AddSingleton<AzureSync>();
        services.AddSingleton<AzureSyncWorker>();
        services.AddSingleton<IAzureSyncStep, Sources.Azure.Prices.AzurePricesStep>();
        // Costs: the tenant's Cost Management budget (one per app), the throttling-aware client, Query and cost details.
        services.AddSingleton<CostQueryBudget>();
        services.AddSingleton<CostManagementClient>();
        services.AddSingleton<CostQueryReader>();
        services.AddSingleton<CostDetailsReport>();
        services.AddSingleton<QueryCostSync>();
        services.AddSingleton<CostDetailsSync>();
        services.AddSingleton<IAzureSyncStep, AzureCostsStep>();
        services.AddSingleton<AzureVmReader>();
        services.AddSingleton<AzureStorageReader>();
        services.AddSingleton<IAzureSyncStep, AzureInventoryStep>();
        services.AddSingleton<AzureMetricsReader>();
        services.AddSingleton<IAzureSyncStep, AzureMetricsStep>();
        // Advisor's cost recommendations, kept beside CostSense's (Recommendations/Advisor compares them).
        services.AddSingleton<IAzureSyncStep, CostSense.Core.Sources.Azure.Advisor.AdvisorStep>();
        // --- end of live Azure.

        // The cost assistant: one Ollama connection and its status, the specialists' tools, the limits and queue in front
        // of the model, and the orchestrator with its collaborators (conversations, router, answer turn, failure wording).
        services.AddOptions<OllamaOptions>().BindConfiguration(OllamaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AssistantOptions>().BindConfiguration(AssistantOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OllamaConnection>();
        services.AddSingleton<OllamaStatusProbe>();
        services.AddSingleton<RecommendationRows>();
        services.AddSingleton<CostAnalystTools>();
        services.AddSingleton<ComputeOptimizerTools>();
        services.AddSingleton<StorageOptimizerTools>();
        services.AddSingleton<FinOpsAdvisorTools>();
        services.AddSingleton<SpecialistCatalog>();
        services.AddSingleton<QuickAnswers>();
        services.AddSingleton<AssistantRateLimiter>();
        services.AddSingleton<AssistantQueue>();
        services.AddSingleton<AnswerLimits>();
        services.AddSingleton<AssistantConversations>();
        services.AddSingleton(_ => new QuestionRouter());
        services.AddSingleton<SpecialistRouter>();
        services.AddSingleton<AnswerTurn>();
        services.AddSingleton<AnswerFailures>();
        services.AddSingleton<ICostAssistant, CostAssistant>();
        return builder;
    }
}
