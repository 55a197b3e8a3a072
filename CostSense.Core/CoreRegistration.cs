using CostSense.Core.Access;
using CostSense.Core.Assistant;
using CostSense.Core.Audit;
using CostSense.Core.Conversations;
using CostSense.Core.Caching;
using CostSense.Core.Catalog;
using CostSense.Core.Costs;
using CostSense.Core.Data;
using CostSense.Core.Inventory;
using CostSense.Core.Operations;
using CostSense.Core.Recommendations;
using CostSense.Core.Sources.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostSense.Core;

public static class CoreRegistration
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
        services.AddOptions<OllamaOptions>().BindConfiguration(OllamaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AssistantOptions>().BindConfiguration(AssistantOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // Store: PostgreSQL when ConnectionStrings:CostSense is set, an embedded SQLite file otherwise.
        var contentRoot = builder.Environment.ContentRootPath;
        services.AddSingleton<IDbContextFactory<CostSenseDbContext>>(sp => new StoreContextFactory(
            sp.GetRequiredService<IOptions<StoreOptions>>().Value, contentRoot,
            db => db.UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>())));
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<StoreOverviewService>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<CurrentPermissions>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<AssistantRateLimiter>();
        services.AddCostAssistant();

        // Recommendations: the rules, the engine that runs them over the store, and the service the pages use.
        services.AddOptions<RecommendationOptions>().BindConfiguration(RecommendationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IEnumerable<IVmRule>>(sp => RecommendationRules.Compute(sp.GetRequiredService<VmSizeCatalog>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IEnumerable<IStorageRule>>(sp => RecommendationRules.Storage(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<RecommendationEngine>();
        services.AddSingleton<IRecommendationService, RecommendationService>();

        // Cache: Redis when ConnectionStrings:Redis is set, process memory otherwise.
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

        // Costs and inventory.
        services.AddSingleton<CostStore>();
        services.AddSingleton<InventoryStore>();
        services.AddSingleton<IDashboardService, DashboardService>();
        services.AddSingleton<CostInsights>();

        // Demo tenant.
        services.AddSingleton<VmSizeCatalog>(_ => VmSizeCatalog.LoadEmbedded());
        services.AddSingleton<DemoTenantGenerator>();
        services.AddSingleton<IDemoTenantService, DemoTenantService>();
        return builder;
    }
}
