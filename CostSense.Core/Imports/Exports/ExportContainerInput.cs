namespace CostSense.Core.Imports.Exports;

/// <summary>
/// What an Admin enters on the settings page. With <see cref="UseAccountUrl"/> the account URL is signed in with
/// <c>DefaultAzureCredential</c> and a saved connection string is dropped; without it a blank
/// <see cref="ConnectionString"/> keeps the saved one (it is never shown back) and a non-blank one replaces it.
/// </summary>
public sealed record ExportContainerInput(
    bool Enabled,
    bool UseAccountUrl,
    string? ConnectionString,
    string? AccountUrl,
    string Container,
    string? Folder,
    int ScheduleMinutes);
