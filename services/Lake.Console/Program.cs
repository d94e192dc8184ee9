using Lake.Console;

// The lake console: what the Aspire dashboard does not show of Lake (uploads, alerts, dead letters, pipeline, query).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddLakeConsole();

var app = builder.Build();
app.MapLakeConsole();
app.Run();
