using CostSense.Core;
using CostSense.Core.Access;
using CostSense.Core.Data;
using CostSense.Core.Imports;
using CostSense.Core.Imports.Exports;
using CostSense.Core.Imports.Manifests;
using CostSense.Web.Startup;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace CostSense.Web.Cli;

/// <summary>
/// <c>dotnet run --project CostSense.Web -- import &lt;file-or-folder&gt;...</c>: imports cost files and folders of export
/// runs into the app's own store (its configuration: appsettings, environment, user secrets), with the app's own
/// services, without starting the web server. A folder holding <c>manifest.json</c> files is read as the export container
/// is, by manifest (<see cref="ExportRunImporter"/>: the latest run per export and month, runs imported already skipped);
/// a folder without manifests imports each cost file in it, one by one; a file imports alone. Prints one line per file or
/// run (<see cref="ImportLines"/>). Exit code: 0 when everything was imported (or skipped as already there), 1 when
/// anything was refused, 2 for a usage or configuration error (nothing imported).
/// </summary>
public static class ImportCommand
{
    /// <summary>The verb that selects this command as the first argument.</summary>
    public const string Verb = "import";

    /// <summary>The file extensions a folder without manifests is searched for.</summary>
    public static readonly string[] CostFileExtensions = [".csv", ".csv.gz", ".gz", ".parquet"];

    public const int Imported = 0, Refused = 1, UsageError = 2;

    private const string Usage = """
        Usage: dotnet run --project CostSense.Web -- import <file-or-folder>...
               dotnet run --project CostSense.Web -- import --help

        Imports cost files into the store the app is configured with (ConnectionStrings:CostSense, or the SQLite file of
        CostSense:Store:SqlitePath), bringing its schema up to date first; the web server is not started.
          <file>    a cost file (.csv, .csv.gz, .gz, .parquet): FOCUS 1.0-1.2, Azure FocusCost, classic EA/MCA exports
          <folder>  with manifest.json files: export runs as azcopy copies a container, read by manifest (the latest run
                    per export and month; runs imported already are skipped)
                    without: every cost file in it and its subfolders, one by one
        Prints one line per file or run. Exit code 0: everything imported; 1: something was refused; 2: usage error.
        """;

    /// <summary>Whether <paramref name="args"/> ask for this command.</summary>
    public static bool IsInvoked(string[] args) => args.Length > 0 && string.Equals(args[0], Verb, StringComparison.OrdinalIgnoreCase);

    /// <summary>The entry point from Program: the console, and Ctrl+C cancels the import (nothing half-written stays).</summary>
    public static async Task<int> MainAsync(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var progress = Console.IsErrorRedirected ? null : new ConsoleProgress(Console.Error);
        return await RunAsync(args.Skip(1).ToArray(), Console.Out, Console.Error, null, progress, cancel.Token);
    }

    /// <summary>
    /// Runs the command on <paramref name="paths"/> (the arguments after <c>import</c>). <paramref name="configure"/> adds
    /// to the host before it is built (the tests' own store and settings).
    /// </summary>
    public static Task<int> RunAsync(string[] paths, TextWriter output, TextWriter error, Action<HostApplicationBuilder>? configure,
        CancellationToken ct) => RunAsync(paths, output, error, configure, null, ct);

    private static async Task<int> RunAsync(string[] paths, TextWriter output, TextWriter error, Action<HostApplicationBuilder>? configure,
        ConsoleProgress? progress, CancellationToken ct)
    {
        if (paths.Any(p => p is "--help" or "-h" or "-?" or "/?"))
        {
            await output.WriteLineAsync(Usage);
            return Imported;
        }
        if (paths.FirstOrDefault(p => p.StartsWith('-')) is { } option)
            return await UsageAsync(error, $"Unknown option {option}.");
        if (paths.Length == 0)
            return await UsageAsync(error, "Name at least one file or folder to import.");
        var missing = paths.Where(p => !File.Exists(Resolve(p)) && !Directory.Exists(Resolve(p))).ToList();
        if (missing.Count > 0)
            return await UsageAsync(error, string.Join(Environment.NewLine, missing.Select(m => $"Not found: {m} (looked for {Resolve(m)})")));

        using var host = Build(configure);
        try
        {
            host.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException e)
        {
            await error.WriteLineAsync("The configuration is not valid: " + string.Join(" ", e.Failures));
            return UsageError;
        }
        try
        {
            await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            await error.WriteLineAsync($"The store could not be opened or brought up to date ({StoreFailure.Reason(e)}). Check ConnectionStrings:CostSense or CostSense:Store:SqlitePath.");
            return Refused;
        }

        var actor = Actor.System with { Name = $"cli:{Environment.UserName}" };
        var refused = false;
        var printer = new Printer(output, progress);
        foreach (var path in paths)
            refused |= !await ImportPathAsync(host.Services, actor, Resolve(path), path, printer, ct);
        return refused ? Refused : Imported;
    }

    /// <summary>
    /// A relative path is the user's: relative to the shell's directory (PWD), not to the process's. <c>dotnet run
    /// --project</c> starts the app in the project's folder, so <c>import ../shared/data/x.csv</c> typed at the repository
    /// root would otherwise be looked for beside CostSense.Web.
    /// </summary>
    private static string Resolve(string path)
    {
        if (Path.IsPathRooted(path)) return Path.GetFullPath(path);
        var shell = Environment.GetEnvironmentVariable("PWD");
        return Path.GetFullPath(path, shell is { Length: > 0 } && Path.IsPathRooted(shell) && Directory.Exists(shell) ? shell : Environment.CurrentDirectory);
    }

    private static IHost Build(Action<HostApplicationBuilder>? configure)
    {
        // The web app's environment variable first, so the command reads the same appsettings.{Environment}.json it does.
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        RootDevelopmentSettings.AddTo(builder.Configuration, builder.Environment);
        // The summary lines are the output; the log says only warnings and errors, on standard error.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
        builder.AddCostSenseCore();
        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <returns>False when anything under the path was refused.</returns>
    private static async Task<bool> ImportPathAsync(IServiceProvider services, Actor actor, string full, string shown, Printer output, CancellationToken ct)
    {
        if (File.Exists(full)) return await ImportFileAsync(services, actor, full, shown, output, ct);

        var files = Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (files.Any(f => string.Equals(Path.GetFileName(f), ExportRunSelector.ManifestFileName, StringComparison.OrdinalIgnoreCase)))
        {
            try
            {
                var runs = await services.GetRequiredService<ExportRunImporter>().ImportAsync(actor, new FolderExportFiles(full), actor.Name, output.Progress, ct);
                foreach (var run in runs) await output.WriteLineAsync(ImportLines.Run(run));
                return runs.All(r => r.Outcome != Core.Data.Entities.ExportRunOutcome.Refused);
            }
            catch (ImportException e)
            {
                await output.WriteLineAsync(ImportLines.Refused(shown, e.Message));
                return false;
            }
        }

        var costFiles = files.Where(f => CostFileExtensions.Any(x => f.EndsWith(x, StringComparison.OrdinalIgnoreCase))).ToList();
        if (costFiles.Count == 0)
        {
            await output.WriteLineAsync(ImportLines.Refused(shown, $"no manifest.json and no cost file ({string.Join(", ", CostFileExtensions)}) in the folder"));
            return false;
        }
        var ok = true;
        foreach (var file in costFiles)
            ok &= await ImportFileAsync(services, actor, file, Path.Combine(shown, Path.GetRelativePath(full, file)), output, ct);
        return ok;
    }

    private static async Task<bool> ImportFileAsync(IServiceProvider services, Actor actor, string full, string shown, Printer output, CancellationToken ct)
    {
        try
        {
            var summary = await services.GetRequiredService<CostImporter>().ImportFileAsync(actor, ImportFile.FromPath(full), output.Progress, ct);
            await output.WriteLineAsync(ImportLines.File(shown, summary));
            return true;
        }
        catch (ImportException e)
        {
            await output.WriteLineAsync(ImportLines.Refused(shown, e.Message));
            return false;
        }
    }

    /// <summary>The summary lines, each after clearing the progress line if there is one.</summary>
    private sealed class Printer(TextWriter output, ConsoleProgress? progress)
    {
        public IProgress<ImportProgress>? Progress => progress;

        public async Task WriteLineAsync(string line)
        {
            progress?.Clear();
            await output.WriteLineAsync(line);
        }
    }

    private static async Task<int> UsageAsync(TextWriter error, string problem)
    {
        await error.WriteLineAsync(problem);
        await error.WriteLineAsync(Usage);
        return UsageError;
    }
}
