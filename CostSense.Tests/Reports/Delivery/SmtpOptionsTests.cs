using CostSense.Core.Reports.Delivery;
using CostSense.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CostSense.Tests.Reports.Delivery;

/// <summary>
/// SMTP settings are checked when the app starts, naming the key: with a host, the sender must be an address and the
/// port in range; without a host e-mail is simply off. The password never appears in the options' text.
/// </summary>
public sealed class SmtpOptionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<Dictionary<string, string?>, string> Invalid => new()
    {
        { new() { ["CostSense:Smtp:Host"] = "smtp.example.com" }, "CostSense:Smtp:From" },
        { new() { ["CostSense:Smtp:Host"] = "smtp.example.com", ["CostSense:Smtp:From"] = "not an address" }, "CostSense:Smtp:From" },
        { new() { ["CostSense:Smtp:Host"] = "smtp.example.com", ["CostSense:Smtp:From"] = "a@example.com", ["CostSense:Smtp:Port"] = "70000" }, "Port" },
        { new() { ["CostSense:Smtp:Host"] = "smtp.example.com", ["CostSense:Smtp:From"] = "a@example.com", ["CostSense:Smtp:Port"] = "0" }, "Port" },
        { new() { ["CostSense:Reports:SendHourUtc"] = "24" }, "SendHourUtc" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Start_WithAnInvalidSmtpSetting_FailsNamingIt(Dictionary<string, string?> settings, string named)
    {
        using var host = CoreHost.Builder(Path.GetTempPath(), settings).Build();
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));
        Assert.Contains(named, ex.Message);
    }

    [Fact]
    public void WithoutAHost_EmailIsOff_AndTheDefaultsAreStartTlsOn587()
    {
        using var host = CoreHost.Builder(Path.GetTempPath()).Build();
        var smtp = host.Services.GetRequiredService<IOptions<SmtpOptions>>().Value;
        var reports = host.Services.GetRequiredService<IOptions<ReportDeliveryOptions>>().Value;
        Assert.False(smtp.IsConfigured);
        Assert.Equal((587, SmtpSecurity.StartTls), (smtp.Port, smtp.Security));
        Assert.Equal((6, 60), (reports.SendHourUtc, reports.PollSeconds));
        Assert.Contains("CostSense:Smtp:Host", smtp.OffReason);
    }

    [Fact]
    public void ANamedSender_IsValid_AndThePasswordIsNeverInTheOptionsText()
    {
        var options = new SmtpOptions { Host = "smtp.example.com", From = "CostSense <reports@example.com>", UserName = "reports", Password = "s3cret-P@ss" };
        Assert.True(new SmtpOptionsValidator().Validate(null, options).Succeeded);
        Assert.True(SmtpOptionsValidator.TryParseSender(options.From, out var from));
        Assert.Equal(("CostSense", "reports@example.com"), (from.Name, from.Address));
        Assert.DoesNotContain("s3cret", options.ToString());
        Assert.Null(options.OffReason);
    }

    [Theory]
    [InlineData("cfo@example.com", true)]
    [InlineData("first.last+tag@sub.example.co.uk", true)]
    [InlineData("not-an-address", false)]
    [InlineData("a@localhost", false)]
    [InlineData("Name <a@example.com>", false)]
    [InlineData("a b@example.com", false)]
    [InlineData("", false)]
    public void Recipients_AreBareAddressesWithADomain(string address, bool valid) => Assert.Equal(valid, MailAddresses.IsValid(address));
}
