namespace CostSense.Core.Data.Entities;

/// <summary>
/// The export container as an Admin set it on the settings page (one row): a connection string, or an account URL
/// signed in with <c>DefaultAzureCredential</c>; the container and folder; whether and how often it is read. The
/// connection string is kept only encrypted with the app's data-protection key ring (it can hold an account key).
/// </summary>
public sealed class ExportContainerSettings
{
    public int Id { get; set; }
    public bool Enabled { get; set; }

    /// <summary>The connection string, protected by ASP.NET Core data protection; null when the account URL is used.</summary>
    public string? ProtectedConnectionString { get; set; }

    public string? AccountUrl { get; set; }
    public string Container { get; set; } = "";
    public string? Folder { get; set; }
    public int ScheduleMinutes { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}
