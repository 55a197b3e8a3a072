using CostSense.Core;
using CostSense.Web;
using CostSense.Web.Cli;

// `import <file-or-folder>...`: the command line importer, with the app's services and settings but no web server.
if (ImportCommand.IsInvoked(args)) return await ImportCommand.MainAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddCostSenseCore();
builder.AddCostSenseWeb();

var app = builder.Build();
app.UseCostSenseWeb();
app.Run();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
