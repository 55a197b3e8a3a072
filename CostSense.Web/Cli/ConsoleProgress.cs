using CostSense.Core.Imports;

namespace CostSense.Web.Cli;

/// <summary>
/// Rows checked and written so far, on one line of the terminal's standard error that is rewritten in place, so a large
/// file shows it is moving; only when standard error is a terminal, so redirected output stays the summary lines alone.
/// Reported synchronously (not <see cref="Progress{T}"/>, which posts to the thread pool and can print out of order).
/// </summary>
internal sealed class ConsoleProgress(TextWriter error) : IProgress<ImportProgress>
{
    public void Report(ImportProgress value) =>
        error.Write($"\r{value.FileName}: {value.Phase switch
        {
            ImportPhase.Checking => "checked",
            ImportPhase.Writing => "written",
            _ => "finishing (rollups, inventory) after",
        }} {value.Rows:N0} rows\u001b[K");

    /// <summary>Clears the progress line before a summary line is printed.</summary>
    public void Clear() => error.Write("\r\u001b[K");
}
