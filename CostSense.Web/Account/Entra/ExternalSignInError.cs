namespace CostSense.Web.Account.Entra;

/// <summary>
/// Why an external sign-in ended on the sign-in page. The page is sent a code, never text, so a crafted link
/// cannot put words of its own on it.
/// </summary>
public static class ExternalSignInError
{
    public const string Failed = "external-failed";
    public const string Expired = "external-expired";
    public const string UnknownProvider = "external-provider";
    public const string NoEmail = "external-no-email";
    public const string Locked = "external-locked";
    public const string NotAllowed = "external-not-allowed";
    public const string StoreDown = "external-store";

    public static string? Describe(string? code) => code switch
    {
        Failed => $"Signing in with {EntraOptions.DisplayName} did not complete. Try again; if it keeps failing, an Admin should check the {EntraOptions.Section} settings and the app registration.",
        Expired => "The external sign-in was cancelled or took too long. Try again.",
        UnknownProvider => "That sign-in provider is not set up here.",
        NoEmail => $"Your {EntraOptions.DisplayName} account has no e-mail address, so it cannot be matched to a CostSense account. Ask your directory admin to set one.",
        Locked => "This account is locked. Ask an Admin to unlock it.",
        NotAllowed => "This account may not sign in. Ask an Admin.",
        StoreDown => "Sign-in is unavailable: the store is not answering. Try again in a minute.",
        _ => null,
    };

    public static string LoginPath(string code) => "/Account/Login?error=" + Uri.EscapeDataString(code);
}
