using Microsoft.Extensions.Configuration.Json;

namespace CostSense.Web.Startup;

/// <summary>
/// The repository keeps its developer settings in appsettings.Development.json at the root, beside the solution; in
/// Development the app reads it after its own appsettings files.
/// </summary>
public static class RootDevelopmentSettings
{
    public static void AddTo(IConfigurationBuilder configuration, IHostEnvironment environment)
    {
        if (!environment.IsDevelopment()) return;
        for (var dir = new DirectoryInfo(environment.ContentRootPath); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, "appsettings.Development.json");
            if (!File.Exists(Path.Combine(dir.FullName, "CostSense.sln")) || !File.Exists(file)) continue;
            // Right after the app's own appsettings files, so environment variables and the command line still win.
            var sources = configuration.Sources;
            var index = sources.ToList().FindLastIndex(x => x is JsonConfigurationSource { Path: { } p } && p.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase));
            var source = new JsonConfigurationSource { Path = file, Optional = true, ReloadOnChange = false };
            source.ResolveFileProvider();
            sources.Insert(index + 1, source);
            return;
        }
    }
}
