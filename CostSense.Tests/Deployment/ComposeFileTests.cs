using System.Reflection;
using CostSense.Core.Data;
using Npgsql;
using YamlDotNet.RepresentationModel;

namespace CostSense.Tests.Deployment;

/// <summary>docker-compose.azure.yml cannot run here (no Docker engine); these tests keep it honest instead.</summary>
public class ComposeFileTests
{
    private static readonly Lazy<YamlMappingNode> Compose = new(() =>
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryRoot(), "docker-compose.azure.yml"))));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    });

    private static YamlMappingNode Services => (YamlMappingNode)Compose.Value["services"];
    private static YamlMappingNode Service(string name) => (YamlMappingNode)Services[name];

    [Fact]
    public void Compose_UsesTheContainerAndNetworkNamesUsersKnow()
    {
        Assert.Equal("costsense-azure-postgres", Service("postgres")["container_name"].ToString());
        Assert.Equal("costsense-azure-redis", Service("redis")["container_name"].ToString());
        Assert.Equal("costsense-azure-ollama", Service("ollama")["container_name"].ToString());
        var network = (YamlMappingNode)((YamlMappingNode)Compose.Value["networks"])["costsense-azure-network"];
        Assert.Equal("costsense-azure-network", network["name"].ToString());
    }

    [Fact]
    public void Compose_PullsLlama32Once_AndHealthChecksEveryLongRunningService()
    {
        var pull = Service("ollama-pull");
        Assert.Contains("llama3.2", ((YamlSequenceNode)pull["entrypoint"]).Select(n => n.ToString()));
        Assert.Equal("no", pull["restart"].ToString());
        foreach (var name in new[] { "postgres", "redis", "ollama", "web" })
            Assert.True(Service(name).Children.ContainsKey("healthcheck"), $"{name} has no health check");
    }

    [Fact]
    public void Compose_KeepsStateInNamedVolumesItDeclares()
    {
        var declared = ((YamlMappingNode)Compose.Value["volumes"]).Children.Keys.Select(k => k.ToString()).ToHashSet();
        var used = Services.Children.Values.OfType<YamlMappingNode>()
            .Where(s => s.Children.ContainsKey("volumes"))
            .SelectMany(s => ((YamlSequenceNode)s["volumes"]).Select(v => v.ToString().Split(':')[0]))
            .ToList();

        Assert.NotEmpty(used);
        Assert.All(used, v => Assert.Contains(v, declared));
    }

    [Fact]
    public void Compose_WiresTheWebAppOnlyThroughKeysTheAppReads()
    {
        var env = ((YamlMappingNode)Service("web")["environment"]).Children.ToDictionary(k => k.Key.ToString(), k => k.Value.ToString());
        var known = KnownConfigurationKeys();

        Assert.All(env.Keys.Where(k => !k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)),
            k => Assert.Contains(k.Replace("__", ":"), known));
        Assert.Contains("ConnectionStrings__CostSense", env.Keys);
        Assert.Contains("ConnectionStrings__Redis", env.Keys);
        Assert.Contains("Ollama__BaseUrl", env.Keys);
        var pg = new NpgsqlConnectionStringBuilder(env["ConnectionStrings__CostSense"].Replace("${POSTGRES_PASSWORD:-costsense}", "costsense"));
        Assert.Equal("postgres", pg.Host);
        Assert.Equal("costsense", pg.Database);
    }

    /// <summary>Every "Section:Property" of Core's and Web's options classes, and the connection strings the app reads.</summary>
    private static HashSet<string> KnownConfigurationKeys()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "ConnectionStrings:CostSense", "ConnectionStrings:Redis" };
        foreach (var type in typeof(StoreOptions).Assembly.GetTypes().Concat(typeof(Program).Assembly.GetTypes()))
        {
            if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() is not string section) continue;
            foreach (var p in type.GetProperties().Where(p => p.CanWrite)) keys.Add($"{section}:{p.Name}");
        }
        return keys;
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CostSense.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("CostSense.sln not found above the test output folder.");
    }
}
