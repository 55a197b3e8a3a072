using CostSense.Web.Security;

// Beside WebRegistration's namespace, so its one call here needs no using.
namespace CostSense.Web;

public static class SecurityRegistration
{
    /// <summary>Security headers and the CSP nonce. Call first, so every response, errors included, passes through it.</summary>
    public static WebApplication UseCostSenseHardening(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        return app;
    }
}
