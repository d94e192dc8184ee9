using Lake.LambdaEmulator;

var builder = WebApplication.CreateBuilder(args);
builder.AddLambdaEmulator();

var app = builder.Build();
app.MapLambdaEmulator();
app.Run();
