using CostSense.Core.Assistant;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CostSense.Web.Assistant;

internal static class AssistantTracing
{
    /// <summary>
    /// Traces of model and tool calls (the chat client's own OpenTelemetry spans) go to an OTLP collector when
    /// <c>Assistant:OtlpEndpoint</c> is set; without it nothing listens and the spans cost nothing.
    /// </summary>
    public static WebApplicationBuilder AddAssistantTracing(this WebApplicationBuilder builder)
    {
        var endpoint = builder.Configuration[$"{AssistantOptions.Section}:{nameof(AssistantOptions.OtlpEndpoint)}"];
        if (string.IsNullOrWhiteSpace(endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)) return builder;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("CostSense"))
            .WithTracing(t => t
                .AddSource(OllamaConnection.TraceSource)
                .AddOtlpExporter(o => o.Endpoint = uri));
        return builder;
    }
}
