namespace CostSense.Web.Startup;

/// <summary>Work that needs the store migrated (first admin, roles); run by start-up after the schema is ready.</summary>
public interface IStoreStartupStep
{
    Task RunAsync(CancellationToken ct);
}
