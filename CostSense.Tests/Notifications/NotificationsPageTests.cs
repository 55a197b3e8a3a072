using System.Reflection;
using Bunit;
using CostSense.Core.Access;
using CostSense.Core.Data.Entities;
using CostSense.Core.Notifications;
using CostSense.Tests.Components;
using CostSense.Tests.Infrastructure;
using CostSense.Web.Components.Pages.Admin;
using CostSense.Web.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Notifications;

/// <summary>
/// The notification settings page over the real channels service and store (SQLite) and a receiver in the process:
/// channels listed by their host only, the Test button showing the receiver's error and then "sent", the delivery log
/// showing each attempt, a draft's problem named, and the page for Admins only.
/// </summary>
public sealed class NotificationsPageTests : ComponentTestBase
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheTestButton_ShowsTheReceiversError_ThenSent_AndTheLogShowsBoth_WithoutTheUrl()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = n => n == 1 ? (500, "channel_is_archived") : (200, "ok");
        await using var host = await NotificationTestHost.StartAsync(StoreKind.Sqlite);
        var admin = await host.AddPersonAsync("ada@costsense.test", AppRoles.Admin);
        var url = receiver.Url();
        await host.Get<NotificationChannels>().CreateAsync(admin, new NotificationChannelDraft("FinOps Slack", NotificationChannelKind.Slack, url, MinAnomalyExcess: 250m), Ct);
        Services.AddSingleton(host.Get<NotificationChannels>());
        Authentication.SignInAs(admin);
        OnLiveCircuit();

        var cut = Render<NotificationsPage>();
        cut.WaitForAssertion(() => Assert.Equal("FinOps Slack", cut.Find("[data-testid=channel-name]").TextContent.Trim()));
        Assert.Equal(new Uri(receiver.BaseUrl).Authority, cut.Find("[data-testid=channel-target]").TextContent.Trim());
        Assert.Contains("250.00", cut.Find("[data-testid=notifications-channels]").TextContent);
        Assert.Contains("Nothing sent yet.", cut.Find("[data-testid=notifications-log]").TextContent);

        cut.Find("[data-testid=channel-test]").Click();
        cut.WaitForAssertion(() => Assert.Contains("The test to \"FinOps Slack\" failed: HTTP 500 Internal Server Error: channel_is_archived",
            cut.Find("[data-testid=notifications-error], [data-testid=notifications-notice]").TextContent));
        cut.WaitForAssertion(() => Assert.Contains("Failed", cut.Find("[data-testid=log-result]").TextContent));
        Assert.Contains("channel_is_archived", cut.Find("[data-testid=log-result]").TextContent);
        Assert.Equal("CostSense test notification", cut.Find("[data-testid=log-title]").TextContent.Trim());

        cut.Find("[data-testid=channel-test]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Test sent to \"FinOps Slack\"", cut.Find("[data-testid=notifications-notice]").TextContent));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=log-result]").Count));
        Assert.Contains("Sent", cut.FindAll("[data-testid=log-result]")[0].TextContent);   // newest first
        Assert.Equal(2, receiver.Received.Count);
        Assert.DoesNotContain("s3cr3tXyZtoken", cut.Markup);
        Assert.DoesNotContain("/hooks/", cut.Markup);
    }

    [Fact]
    public async Task AddingAChannelWithoutItsUrl_NamesTheField_AndSavesNothing_ThenSavesIt()
    {
        await using var host = await NotificationTestHost.StartAsync(StoreKind.Sqlite);
        var admin = await host.AddPersonAsync("ada@costsense.test", AppRoles.Admin);
        Services.AddSingleton(host.Get<NotificationChannels>());
        Authentication.SignInAs(admin);
        OnLiveCircuit();

        var cut = Render<NotificationsPage>();
        cut.WaitForAssertion(() => Assert.Contains("No channel yet", cut.Find("[data-testid=notifications-channels]").TextContent));
        Assert.Contains("CostSense:Smtp:Host", cut.Find("[data-testid=notifications-email-off]").TextContent);
        cut.Find("[data-testid=channel-add]").Click();
        Field(cut, "form-name").Change("Ops hook");
        cut.Find("[data-testid=form-save]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Webhook URL: give the address the channel's service gave you.",
            cut.Find("[data-testid=notifications-error]").TextContent.Trim()));
        Assert.Empty(await host.Get<NotificationChannels>().ListAsync(admin, Ct));

        Field(cut, "form-target").Change("https://hooks.example.com/services/T1/B2/abcsecret");
        cut.Find("[data-testid=form-save]").Click();
        cut.WaitForAssertion(() => Assert.Equal("hooks.example.com", cut.Find("[data-testid=channel-target]").TextContent.Trim()));
        Assert.DoesNotContain("abcsecret", cut.Markup);
        var saved = Assert.Single(await host.Get<NotificationChannels>().ListAsync(admin, Ct));
        Assert.Equal(("Ops hook", NotificationChannelKind.Webhook, "hooks.example.com"), (saved.Name, saved.Kind, saved.TargetHint));
    }

    // MudTextField puts the test id on its input or around it, depending on the field's shape.
    private static AngleSharp.Dom.IElement Field(IRenderedComponent<NotificationsPage> cut, string id) =>
        cut.Find($"input[data-testid={id}], [data-testid={id}] input");

    [Fact]
    public void ThePage_IsForAdminsOnly()
    {
        Assert.Contains(Policies.ManageSettings, typeof(NotificationsPage).GetCustomAttributes<AuthorizeAttribute>().Select(a => a.Policy));
        Assert.Contains("/settings/notifications", typeof(NotificationsPage).GetCustomAttributes<Microsoft.AspNetCore.Components.RouteAttribute>().Select(r => r.Template));
    }
}
