using System.IO.Compression;
using System.Text;
using Bunit;
using CostSense.Core.Access;
using CostSense.Core.Imports;
using CostSense.Tests.Imports.Store;
using CostSense.Tests.Infrastructure;
using CostSense.Web.Components.Pages.Import;
using CostSense.Web.Security;
using CostSense.Web.Startup;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace CostSense.Tests.Components;

/// <summary>
/// The /import page over the real importer and a SQLite store of its own: files import one by one, a refused file shows
/// the importer's message and writes nothing while the others land, and undo asks first and then removes the batch.
/// </summary>
public sealed class ImportPageTests : ComponentTestBase
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan ImportTimeout = TimeSpan.FromSeconds(30);
    private const string Header = "ChargePeriodStart,BilledCost,EffectiveCost,ListCost,BillingCurrency,ProviderName,BillingAccountId\n";
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>One row a day for days [1, days] of October 2026 of one account, each day's amounts given by the day.</summary>
    private static (string Text, decimal Billed, decimal Effective) October(string account, int days)
    {
        var text = new StringBuilder(Header);
        decimal billed = 0, effective = 0;
        for (var day = 1; day <= days; day++)
        {
            var b = day * 1.0123456789m;
            var e = day * 0.5000000001m;
            text.Append($"2026-10-{day:00}T00:00:00Z,{b},{e},{b},EUR,Microsoft,{account}\n");
            (billed, effective) = (billed + b, effective + e);
        }
        return (text.ToString(), billed, effective);
    }

    private async Task<(CoreHost Host, Actor Analyst)> StartAsync(long? maxUploadBytes = null)
    {
        var host = await CoreHost.StartAsync(StoreKind.Sqlite, Now);
        var analyst = await host.AddPersonAsync("analyst@import.test", AppRoles.Analyst);
        Services.AddSingleton(host.Get<CostImporter>());
        Services.AddSingleton<TimeProvider>(host.Time);
        Services.AddSingleton(Options.Create(new RequestLimitsOptions { MaxUploadBytes = maxUploadBytes ?? new RequestLimitsOptions().MaxUploadBytes }));
        var status = new StoreStatus();
        status.MarkReady();
        Services.AddSingleton(status);
        Authentication.SignInAs(analyst);
        OnLiveCircuit();
        return (host, analyst);
    }

    private static InputFileContent File(string name, string text) => InputFileContent.CreateFromText(text, name);

    [Fact]
    public async Task ThreeFiles_TheBadOneInTheMiddle_IsRefusedWithItsLineAndWritesNothing_WhileTheOthersLand()
    {
        var (host, _) = await StartAsync();
        await using var _ = host;
        var a = October("ba-a", 10);
        var b = October("ba-b", 31);
        var bad = October("ba-bad", 5).Text.Replace("2026-10-03T00:00:00Z,3.0370370367", "2026-10-03T00:00:00Z,three", StringComparison.Ordinal);
        Assert.Contains(",three,", bad);
        var cut = Render<ImportPage>();

        cut.FindComponent<InputFile>().UploadFiles(File("a.csv", a.Text), File("bad.csv", bad), File("b.csv", b.Text));

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=import-result][data-stage=Imported], [data-testid=import-result][data-stage=Refused]").Count), ImportTimeout);
        var cards = cut.FindAll("[data-testid=import-result]");
        Assert.Equal(["a.csv", "bad.csv", "b.csv"], cards.Select(c => c.GetAttribute("data-file")));
        Assert.Equal(["Imported", "Refused", "Imported"], cards.Select(c => c.GetAttribute("data-stage")));

        string Field(int card, string testId) => cards[card].QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();
        Assert.Equal("10", Field(0, "summary-rows"));
        Assert.Equal(ExactMoney.Format(a.Billed, "EUR"), Field(0, "summary-billed-EUR"));
        Assert.Equal(ExactMoney.Format(a.Effective, "EUR"), Field(0, "summary-effective-EUR"));
        Assert.Equal("2026-10-01 to 2026-10-10", Field(0, "summary-period"));
        Assert.Equal("31", Field(2, "summary-rows"));
        Assert.Equal(ExactMoney.Format(b.Effective, "EUR"), Field(2, "summary-effective-EUR"));
        // The refusal is the importer's own message (file, line, column, value), and says nothing was imported.
        var error = Field(1, "import-error");
        Assert.Contains("bad.csv, line 4, column BilledCost, value 'three'", error);
        Assert.Contains("Nothing from this file was imported", error);
        Assert.Empty(cards[1].QuerySelectorAll("[data-testid=import-summary]"));

        var stored = await ImportedStore.ReadAsync(host);
        Assert.Equal((41, a.Billed + b.Billed, a.Effective + b.Effective), (stored.Rows, stored.Billed, stored.Effective));
        cut.WaitForAssertion(() => Assert.Equal(["b.csv", "a.csv"], cut.FindAll("[data-testid=history-file]").Select(f => f.TextContent.Trim())));
        Assert.All(cut.FindAll("[data-testid=history-who]"), w => Assert.Equal("analyst@import.test", w.TextContent.Trim()));
        Assert.Equal(ExactMoney.Format(a.Billed, "EUR"), cut.FindAll("[data-testid=history-billed]")[1].TextContent.Trim());
    }

    [Fact]
    public async Task GzippedCsv_IsImportedLikeTheCsvInside()
    {
        var (host, _) = await StartAsync();
        await using var _ = host;
        var october = October("ba-gz", 31);
        using var gz = new MemoryStream();
        await using (var zip = new GZipStream(gz, CompressionLevel.Optimal, leaveOpen: true)) await zip.WriteAsync(Encoding.UTF8.GetBytes(october.Text), Ct);
        var cut = Render<ImportPage>();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(gz.ToArray(), "october.csv.gz"));

        cut.WaitForAssertion(() => Assert.Equal("Imported", cut.Find("[data-testid=import-result]").GetAttribute("data-stage")), ImportTimeout);
        Assert.Equal("31", cut.Find("[data-testid=summary-rows]").TextContent.Trim());
        Assert.Equal(ExactMoney.Format(october.Billed, "EUR"), cut.Find("[data-testid=summary-billed-EUR]").TextContent.Trim());
        var stored = await ImportedStore.ReadAsync(host);
        Assert.Equal((31, october.Billed, october.Effective), (stored.Rows, stored.Billed, stored.Effective));
    }

    [Fact]
    public async Task HeaderOnlyFile_ImportsZeroRows_AndSaysSo()
    {
        var (host, _) = await StartAsync();
        await using var _ = host;
        var cut = Render<ImportPage>();

        cut.FindComponent<InputFile>().UploadFiles(File("empty.csv", Header));

        cut.WaitForAssertion(() => Assert.Equal("Imported", cut.Find("[data-testid=import-result]").GetAttribute("data-stage")), ImportTimeout);
        Assert.Equal("0", cut.Find("[data-testid=summary-rows]").TextContent.Trim());
        Assert.Contains("no rows, so nothing was imported", cut.Find("[data-testid=summary-period]").TextContent);
        Assert.Equal(0, (await ImportedStore.ReadAsync(host)).Rows);
    }

    [Fact]
    public async Task FileOverTheUploadLimit_IsRefusedBeforeItIsRead()
    {
        const long limit = 1024 * 1024;
        var (host, _) = await StartAsync(limit);
        await using var _ = host;
        var cut = Render<ImportPage>();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[limit + 1], "huge.csv"));

        cut.WaitForAssertion(() => Assert.Equal("Refused", cut.Find("[data-testid=import-result]").GetAttribute("data-stage")), ImportTimeout);
        Assert.Contains("more than the upload limit of 1 MB (CostSense:Requests:MaxUploadBytes)", cut.Find("[data-testid=import-error]").TextContent);
        Assert.Equal(0, (await ImportedStore.ReadAsync(host)).Rows);
    }

    [Fact]
    public async Task Undo_AsksFirst_SayingReplacedRowsDoNotComeBack_ThenRemovesTheImportsRows()
    {
        var (host, analyst) = await StartAsync();
        await using var _ = host;
        var october = October("ba-a", 31);
        await host.Get<CostImporter>().ImportFileAsync(analyst,
            new ImportFile("october.csv", _ => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(october.Text)))), Ct);
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ImportPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=history-undo]")));

        cut.Find("[data-testid=history-undo]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("does not bring back rows this import replaced", dialogs.Markup));
        Assert.Equal(31, (await ImportedStore.ReadAsync(host)).Rows);   // nothing happens before the answer
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Undo import").Click();

        cut.WaitForAssertion(() => Assert.Contains("by analyst@import.test", cut.Find("[data-testid=history-undone]").TextContent), ImportTimeout);
        Assert.Empty(cut.FindAll("[data-testid=history-undo]"));
        Assert.Equal(0, (await ImportedStore.ReadAsync(host)).Rows);
    }
}
