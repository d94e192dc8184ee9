using Lake.ServiceDefaults;
using Lake.TransformService.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddTransformService();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
