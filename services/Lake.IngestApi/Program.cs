using Lake.IngestApi;

var builder = WebApplication.CreateBuilder(args);
builder.AddIngestApi();

var app = builder.Build();
app.MapIngestEndpoints();
app.Run();

/// <summary>Visible to the in-process test host.</summary>
public partial class Program;
