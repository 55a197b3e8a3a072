using CostSense.Core.Imports.Blobs;

namespace CostSense.Core.Imports.Exports;

/// <summary>
/// The export container as it is read now: the settings an Admin saved, or, while none are saved, the configuration
/// section <c>CostSense:Imports:Container</c> (<see cref="FromConfiguration"/>). <see cref="Options"/> holds the connection
/// string in clear for the reader only; pages show <see cref="HasConnectionString"/>. <see cref="Problem"/> says why
/// saved settings cannot be used (the connection string no longer decrypts), so the page says so and the schedule waits.
/// </summary>
public sealed record ExportContainerSetup(
    ExportContainerOptions Options,
    bool FromConfiguration,
    bool HasConnectionString,
    DateTimeOffset? UpdatedAt,
    string? UpdatedBy,
    string? Problem = null);
