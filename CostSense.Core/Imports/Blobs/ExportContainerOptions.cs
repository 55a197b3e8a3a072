using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace CostSense.Core.Imports.Blobs;

/// <summary>
/// Where Azure Cost Management writes the exports CostSense reads (section <c>CostSense:Imports:Container</c>):
/// a storage account given by <see cref="ConnectionString"/> (account key or SAS) or by <see cref="AccountUrl"/>
/// (signed in with <c>DefaultAzureCredential</c>: managed identity, workload identity, <c>az login</c>), never both;
/// the <see cref="Container"/>, and optionally a <see cref="Folder"/> inside it (the export's root folder path).
/// </summary>
public sealed partial class ExportContainerOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "CostSense:Imports:Container";

    /// <summary>Whether the container is read at all; when false the other settings are not checked.</summary>
    public bool Enabled { get; set; }

    /// <summary>A storage connection string (<c>AccountName=…;AccountKey=…</c>, a SAS, or <c>UseDevelopmentStorage=true</c>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The blob endpoint, e.g. <c>https://costs.blob.core.windows.net</c>, signed in with <c>DefaultAzureCredential</c>.</summary>
    public string? AccountUrl { get; set; }

    /// <summary>The container the exports are written to.</summary>
    public string Container { get; set; } = "";

    /// <summary>A folder inside the container to read under (e.g. the exports' <c>rootFolderPath</c>); empty reads it all.</summary>
    public string? Folder { get; set; }

    /// <summary>How often new runs are looked for. Default 6 hours: Azure delivers a daily export once a day.</summary>
    public TimeSpan ScheduleInterval { get; set; } = TimeSpan.FromHours(6);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        var hasString = !string.IsNullOrWhiteSpace(ConnectionString);
        var hasUrl = !string.IsNullOrWhiteSpace(AccountUrl);
        if (hasString == hasUrl)
            yield return new($"{Section}: set exactly one of ConnectionString (account key or SAS) and AccountUrl (signed in with DefaultAzureCredential).",
                [nameof(ConnectionString), nameof(AccountUrl)]);
        if (hasUrl && !(Uri.TryCreate(AccountUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)))
            yield return new($"{Section}:AccountUrl '{AccountUrl}' is not an http(s) URL such as https://<account>.blob.core.windows.net.", [nameof(AccountUrl)]);
        if (!ContainerName().IsMatch(Container) || Container.Contains("--", StringComparison.Ordinal))
            yield return new($"{Section}:Container '{Container}' is not a container name: 3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.",
                [nameof(Container)]);
        if (ScheduleInterval < TimeSpan.FromMinutes(5))
            yield return new($"{Section}:ScheduleInterval {ScheduleInterval} is too short: at least 5 minutes (Azure delivers exports at most daily).", [nameof(ScheduleInterval)]);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex ContainerName();
}
