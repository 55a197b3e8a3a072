using System.ComponentModel.DataAnnotations;

namespace CostSense.Web.Security;

/// <summary>How much a single HTTP request may send. The app's own forms are small; uploads get their own, larger limit.</summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "CostSense:Requests";

    /// <summary>Kestrel's limit for any request body (sign-in and other forms need a few KB).</summary>
    [Range(16 * 1024, 1L << 30)] public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Largest cost file one upload may carry. The /import page uploads over the circuit and reads each file with
    /// <c>IBrowserFile.OpenReadStream(MaxUploadBytes)</c>, refusing a larger one before reading it (the bytes travel in
    /// chunks under the hub's receive limit, so that limit need not grow). An endpoint that posts a multipart form
    /// instead raises its body limit to this (<c>[RequestSizeLimit]</c> or <c>IHttpMaxRequestBodySizeFeature</c>):
    /// <c>FormOptions.MultipartBodyLengthLimit</c> is already set to it.
    /// </summary>
    [Range(1024 * 1024, 10L << 30)] public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;
}
