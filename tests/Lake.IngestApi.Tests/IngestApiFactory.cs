using Lake.IngestApi.Datasets;
using Lake.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lake.IngestApi.Tests;

/// <summary>The ingest API's real pipeline in process, over a provisioned lake in moto, with a known API key.</summary>
internal sealed class IngestApiFactory(TestLake lake) : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-key-1";

    public static readonly DatasetSummary Orders = new("orders", "Customer orders", 1_000_000, ["order_id", "order_date", "quantity"]);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("IngestApi:ApiKeys:0", ApiKey);
        builder.UseSetting("Lake:Buckets:Raw", lake.Options.Buckets.Raw);
        builder.UseSetting("Lake:StatusTable", lake.Options.StatusTable);
        builder.ConfigureServices(services =>
        {
            services.AddDefaultAWSOptions(lake.AwsOptions);
            services.AddSingleton<IDatasetCatalog>(new FixedCatalog([Orders]));
        });
    }

    private sealed class FixedCatalog(IReadOnlyCollection<DatasetSummary> all) : IDatasetCatalog
    {
        public IReadOnlyCollection<DatasetSummary> All => all;

        public DatasetSummary? Find(string name) => all.FirstOrDefault(d => d.Name == name);
    }
}
