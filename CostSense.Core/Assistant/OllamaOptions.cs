using System.ComponentModel.DataAnnotations;

namespace CostSense.Core.Assistant;

/// <summary>
/// Where the cost assistant finds its model (section <c>Ollama</c>). Bound and validated on start so a bad
/// URL fails fast.
/// </summary>
public sealed class OllamaOptions : IValidatableObject
{
    public const string Section = "Ollama";

    [Required] public Uri BaseUrl { get; set; } = new("http://localhost:11434");
    [Required, MinLength(1)] public string Model { get; set; } = "llama3.2";

    /// <summary>Low by default: a 3B model calls tools more reliably cold.</summary>
    [Range(0.0, 2.0)] public double Temperature { get; set; } = 0.1;
    [Range(1, 32_768)] public int MaxTokens { get; set; } = 2_000;

    /// <summary>
    /// How long to wait for the model's first output (Ollama sends nothing before it): minutes, not the 100 s
    /// HttpClient default, because a local model can take that long to load. The whole answer is bounded by Assistant:Timeout.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The URL to show users and logs: without the user name and password a proxy in front of Ollama may need.
    /// A method, not a property: validation reads every property.
    /// </summary>
    public string DisplayUrl() => BaseUrl.IsAbsoluteUri
        ? BaseUrl.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
        : BaseUrl.OriginalString;

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (!BaseUrl.IsAbsoluteUri || BaseUrl.Scheme is not ("http" or "https"))
            yield return new ValidationResult($"{Section}:BaseUrl must be an absolute http(s) URL (was {DisplayUrl()}).", [nameof(BaseUrl)]);
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromHours(1))
            yield return new ValidationResult($"{Section}:Timeout must be between 00:00:01 and 01:00:00 (was {Timeout}).", [nameof(Timeout)]);
    }
}
