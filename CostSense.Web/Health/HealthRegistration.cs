using CostSense.Web.Startup;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CostSense.Web.Health;

/// <summary>
/// How the app reports and rides out failures: /health/live (the process answers), /health/ready (the store, and
/// Redis and Ollama as Degraded when they are down), and the start-up's retry policy.
/// </summary>
public static class HealthRegistration
{
    private const string Ready = "ready";

    public static WebApplicationBuilder AddCostSenseHealth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StoreStartupOptions>().BindConfiguration(StoreStartupOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StoreProbe>();
        // No request logging: probes poll every few seconds, and a down Ollama would log a stack trace each time.
        services.AddHttpClient(OllamaHealthCheck.ClientName, c => c.Timeout = OllamaHealthCheck.Timeout).RemoveAllLoggers();

        // Each check keeps to its own short timeout; the registration's is a backstop so a report never hangs.
        var backstop = TimeSpan.FromSeconds(10);
        var checks = services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", HealthStatus.Unhealthy, [Ready], backstop)
            .AddCheck<OllamaHealthCheck>("ollama", HealthStatus.Degraded, [Ready], backstop);
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Redis")))
        {
            // A singleton, so its Redis connection lives as long as the app instead of one per report.
            services.AddSingleton<RedisHealthCheck>();
            checks.AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded, [Ready], backstop);
        }
        return builder;
    }

    /// <summary>
    /// Both endpoints answer anonymous callers: probes and load balancers do not sign in. So they say status words
    /// only, unless an Admin asks (<see cref="HealthResponse"/>).
    /// </summary>
    public static WebApplication MapCostSenseHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync })
            .AllowAnonymous();
        // 200 for Healthy and Degraded (the app works, maybe slower or without its assistant), 503 for Unhealthy.
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains(Ready), ResponseWriter = HealthResponse.WriteAsync })
            .AllowAnonymous();
        return app;
    }
}
