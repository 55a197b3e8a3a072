using System.Globalization;
using CostSense.Core.Access;
using CostSense.Core.Data.Entities;
using CostSense.Core.Imports;
using CostSense.Web.Account;
using CostSense.Web.Security;
using CostSense.Web.Startup;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace CostSense.Web.Components.Pages.Import;

/// <summary>
/// /import (Analyst, Admin): uploads cost files one after the other, each copied to a temporary file and imported on its
/// own, with progress in bytes and rows; then the import history with undo. The page only shows and asks: the importer
/// checks the permission again against the store and does all the work.
/// </summary>
public sealed partial class ImportPage
{
    /// <summary>Files one choice may hold; more are refused before any is read.</summary>
    public const int MaxFiles = 20;

    /// <summary>Imports listed in the history.</summary>
    public const int HistoryLength = 100;

    // A large file reports bytes every chunk (about 31 KB over the circuit): re-render at most this often.
    private static readonly TimeSpan RenderEvery = TimeSpan.FromMilliseconds(200);

    [Inject] private CostImporter Importer { get; set; } = default!;
    [Inject] private CurrentActor Me { get; set; } = default!;
    [Inject] private IOptions<RequestLimitsOptions> Limits { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private StoreStatus Store { get; set; } = default!;

    // Cancels the upload, the import and any load still running when the user leaves the page.
    private readonly CancellationTokenSource _lifetime = new();
    private List<UploadedFile> _uploads = [];
    private IReadOnlyList<ImportBatch>? _history;
    private string? _historyError;
    private string? _chooseError;
    private bool _busy;
    private long _lastRender;

    private long MaxUploadBytes => Limits.Value.MaxUploadBytes;

    protected override Task OnInitializedAsync() => LoadHistoryAsync();

    private async Task LoadHistoryAsync()
    {
        if (!Store.Ready)
        {
            _historyError = "The store is not available yet, so the import history cannot be shown.";
            return;
        }
        _historyError = null;
        try { _history = await Importer.HistoryAsync(await Me.GetAsync(), HistoryLength, _lifetime.Token); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _history = [];
            _historyError = ex is AccessDeniedException ? ex.Message : $"The import history could not be read. {StoreFailure.Describe(ex)}";
        }
    }

    private async Task ImportChosenAsync(InputFileChangeEventArgs e)
    {
        if (_busy) return;
        _chooseError = null;
        IReadOnlyList<IBrowserFile> files;
        try { files = e.GetMultipleFiles(MaxFiles); }
        catch (InvalidOperationException)
        {
            _chooseError = $"{e.FileCount} files were chosen; choose at most {MaxFiles} at once. Nothing was imported.";
            return;
        }

        _busy = true;
        _uploads = files.Select(f => new UploadedFile(f.Name, f.Size)).ToList();
        // Taken once: the whole upload stops when the user leaves the page.
        var ct = _lifetime.Token;
        try
        {
            var actor = await Me.GetAsync();
            for (var i = 0; i < files.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                await ImportOneAsync(actor, files[i], _uploads[i], ct);
                StateHasChanged();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;   // The user left the page; the importer wrote nothing for the file it was on.
        }
        finally
        {
            _busy = false;
        }
        var imported = _uploads.Count(u => u.Stage == UploadStage.Imported);
        var refused = _uploads.Count - imported;
        Snackbar.Add(refused == 0 ? $"Imported {Files(imported)}." : $"Imported {Files(imported)}; refused {Files(refused)}.",
            refused == 0 ? Severity.Success : Severity.Warning);
        await LoadHistoryAsync();
    }

    private static string Files(int n) => n == 1 ? "1 file" : $"{n} files";

    /// <summary>One file: copied to a temporary file, imported, and the temporary file deleted, whatever happens.</summary>
    private async Task ImportOneAsync(Actor actor, IBrowserFile file, UploadedFile upload, CancellationToken ct)
    {
        if (file.Size > MaxUploadBytes)
        {
            upload.Refused($"{file.Name} is {Bytes.Format(file.Size)}, more than the upload limit of {Bytes.Format(MaxUploadBytes)} " +
                           "(CostSense:Requests:MaxUploadBytes). Import it with the command line instead.");
            return;
        }
        string? temp = null;
        try
        {
            upload.Received(0);
            StateHasChanged();
            temp = await BrowserUpload.CopyToTempFileAsync(file, MaxUploadBytes, Path.GetTempPath(), bytes =>
            {
                upload.Received(bytes);
                RenderNowAndThen(bytes == file.Size);
            }, ct);

            // Reports come from the importer's thread; they are applied on the circuit's dispatcher.
            var progress = new CallbackProgress<ImportProgress>(p => _ = InvokeAsync(() =>
            {
                upload.Report(p);
                RenderNowAndThen(false);
            }));
            var toImport = ImportFile.FromPath(temp) with { Name = file.Name };
            // Off the circuit's dispatcher: reading and checking a large file must not hold up the page's rendering.
            var summary = await Task.Run(() => Importer.ImportFileAsync(actor, toImport, progress, ct), ct);
            upload.Imported(summary);
        }
        catch (ImportException ex)
        {
            upload.Refused(ex.Message);
        }
        catch (AccessDeniedException ex)
        {
            upload.Refused(ex.Message);
        }
        // A cancellation that is not the page's (a store timeout, a broken upload) fails this file only.
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            upload.Refused($"{file.Name} could not be imported. {StoreFailure.Describe(ex)}");
        }
        finally
        {
            if (temp is not null) TryDelete(temp);
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { /* The OS's temporary folder clean-up takes it; the file held nothing another user can read. */ }
        catch (UnauthorizedAccessException) { }
    }

    private void RenderNowAndThen(bool force)
    {
        if (!force && Time.GetElapsedTime(_lastRender) < RenderEvery) return;
        _lastRender = Time.GetTimestamp();
        StateHasChanged();
    }

    private async Task ConfirmAndUndoAsync(ImportBatch batch)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Undo this import?",
            $"Undo removes the {batch.RowCount.ToString("N0", CultureInfo.InvariantCulture)} rows that {batch.FileName} wrote for {batch.Source}, " +
            $"{ImportHistory.Period(batch)}. It does not bring back rows this import replaced: to restore those, import the earlier file again.",
            yesText: "Undo import", cancelText: "Cancel");
        if (confirmed != true) return;

        _busy = true;
        try
        {
            var undone = await Importer.UndoAsync(await Me.GetAsync(), batch.Id, _lifetime.Token);
            Snackbar.Add($"Import of {undone.FileName} ({ImportHistory.Period(undone)}) undone: its {undone.RowCount.ToString("N0", CultureInfo.InvariantCulture)} rows were removed.", Severity.Success);
        }
        catch (Exception ex) when (ex is AccessDeniedException or KeyNotFoundException or InvalidOperationException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Snackbar.Add($"The import could not be undone. {StoreFailure.Describe(ex)}", Severity.Error);
        }
        finally
        {
            _busy = false;
        }
        await LoadHistoryAsync();
    }

    // Cancelled, not disposed: an import still finishing on the thread pool, or a load resuming after the page left,
    // may read the token after this; a source without timers or links holds nothing to release.
    public void Dispose() => _lifetime.Cancel();
}
