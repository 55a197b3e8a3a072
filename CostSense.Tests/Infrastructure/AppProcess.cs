using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace CostSense.Tests.Infrastructure;

/// <summary>
/// The app in a process of its own, as a user or a container starts it: its own file system view (HOME), its own
/// memory, only the settings its environment gives it. Started either with the README's command (`dotnet run`) or
/// from its build output (`dotnet CostSense.Web.dll`), on a free loopback port read back from its log.
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private AppProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Everything the process wrote so far, stdout and stderr.</summary>
    public string Output { get { lock (_output) return string.Join('\n', _output); } }

    /// <summary>The repository root (where CostSense.sln is).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The build configuration the tests were built with; the app was built with the same.</summary>
    public static string Configuration { get; } =
        typeof(AppProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The README's run command, without building again (the test build built it), with these settings and variables.</summary>
    public static Task<AppProcess> RunReadmeCommandAsync(IReadOnlyDictionary<string, string?> environment) =>
        StartAsync(RepositoryRoot, ["run", "--project", "CostSense.Web", "--no-build", "-c", Configuration, "--", "--urls", "http://127.0.0.1:0"], environment);

    /// <summary>The built app, from its own output folder (its content root), as a container runs it.</summary>
    public static Task<AppProcess> RunBuiltAppAsync(IReadOnlyDictionary<string, string?> environment)
    {
        var output = Path.Combine(RepositoryRoot, "CostSense.Web", "bin", Configuration, "net10.0");
        return StartAsync(output, [Path.Combine(output, "CostSense.Web.dll"), "--urls", "http://127.0.0.1:0"], environment);
    }

    private static async Task<AppProcess> StartAsync(string workingDirectory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        // The test run's own variables (a CI flag, the servers' addresses) are not the app's business.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("COSTSENSE_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // Settings by their configuration keys, as environment variables name them (CostSense:Demo:Enabled, CostSense__Demo__Enabled).
        foreach (var (k, v) in environment) info.Environment[k.Replace(":", "__", StringComparison.Ordinal)] = v;

        var app = new AppProcess(Process.Start(info)!);
        await app.WaitUntilListeningAsync(TimeSpan.FromSeconds(90));
        return app;
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout)
    {
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(string? line)
        {
            if (line is null) return;
            lock (_output) _output.Add(line);
            if (ListeningLine().Match(line) is { Success: true } m) listening.TrySetResult(new Uri(m.Groups[1].Value));
        }
        _process.OutputDataReceived += (_, e) => Read(e.Data);
        _process.ErrorDataReceived += (_, e) => Read(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(timeout));
        if (first != listening.Task)
        {
            await DisposeAsync();
            throw new InvalidOperationException($"The app did not start listening ({(first == exited ? "it exited" : "timed out")}):\n{Output}");
        }
        BaseAddress = listening.Task.Result;
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CostSense.sln"))) return dir.FullName;
        throw new InvalidOperationException("The tests run outside the repository: CostSense.sln not found above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // `dotnet run` starts the app as a child: stop both.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
