using Lake.QueryService;

// Content and web root next to the binaries, so `dotnet Lake.QueryService.dll` serves the console from anywhere.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddQueryService();

var app = builder.Build();
app.MapQueryService();
app.Run();
