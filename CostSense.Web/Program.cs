using CostSense.Core;
using CostSense.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddCostSenseCore();
builder.AddCostSenseWeb();

var app = builder.Build();
app.UseCostSenseWeb();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
