using CostSense.Core.Imports;

namespace CostSense.Web.Components.Pages.Import;

/// <summary>
/// One file of an upload as the page shows it: bytes received, rows checked and written, and in the end either what the
/// importer did (<see cref="Summary"/>) or why the file was refused (<see cref="Error"/>). Lives on the circuit and is
/// changed only on its dispatcher.
/// </summary>
public sealed class UploadedFile(string name, long size)
{
    public string Name { get; } = name;
    public long Size { get; } = size;
    public UploadStage Stage { get; private set; } = UploadStage.Waiting;
    public long BytesReceived { get; private set; }
    public long RowsChecked { get; private set; }
    public long RowsWritten { get; private set; }
    public FileImportSummary? Summary { get; private set; }

    /// <summary>The importer's message (file, line, column, value, reason) or what else stopped the file.</summary>
    public string? Error { get; private set; }

    public bool Finished => Stage is UploadStage.Imported or UploadStage.Refused;

    public void Received(long bytes) => (Stage, BytesReceived) = (UploadStage.Uploading, bytes);

    /// <summary>
    /// The importer's progress. Reports are posted to the circuit and may arrive after the result: a finished file
    /// keeps its final state.
    /// </summary>
    public void Report(ImportProgress progress)
    {
        if (Finished) return;
        switch (progress.Phase)
        {
            case ImportPhase.Checking: (Stage, RowsChecked) = (UploadStage.Checking, progress.Rows); break;
            case ImportPhase.Writing: (Stage, RowsWritten) = (UploadStage.Writing, progress.Rows); break;
            default: (Stage, RowsWritten) = (UploadStage.Finishing, progress.Rows); break;
        }
    }

    public void Imported(FileImportSummary summary)
    {
        (Stage, Summary) = (UploadStage.Imported, summary);
        (RowsChecked, RowsWritten) = (summary.Rows, summary.Rows);
    }

    public void Refused(string message) => (Stage, Error) = (UploadStage.Refused, message);
}
