using System.Net.Http.Json;
using System.Text.Json;
using Amazon.S3.Model;
using Lake.Configuration;
using Lake.Testing;
using Lake.Uploads;

namespace Lake.LocalStack.Tests;

/// <summary>
/// The pipeline against LocalStack instead of moto, as <c>--mode localstack</c> runs it: the provisioner, the validate
/// function under the Lambda emulator and the transform service as real processes, then the query service reading
/// what they wrote.
/// </summary>
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
public sealed class PipelineTests
{
    [SkippableFact]
    public async Task AFilePutIntoRawIsValidatedTransformedCatalogedAndQueryable()
    {
        await using var localStack = await LocalStackEmulator.StartAsync();
        var lake = TestLake.OptionsFor(TestNames.Unique("ls"));
        var aws = localStack.AwsEnvironment;
        var work = Directory.CreateTempSubdirectory("lake-localstack-test-");
        try
        {
            var provisioned = await ProcessRunner.RunAsync(
                "dotnet", [RepoPaths.BuiltAssembly("services/Lake.Provisioner")], ServiceEnvironment.For(aws, lake).ToDictionary(e => e.Key, e => (string?)e.Value));
            Assert.True(provisioned.ExitCode == 0, provisioned.Stdout + provisioned.Stderr);

            await using var validate = await ValidateFunctionHost.StartAsync(aws, lake);
            await using var transform = await ServiceProcess.StartAsync(
                "services/Lake.TransformService", ServiceEnvironment.For(aws, lake, ("Transform__TempDirectory", work.FullName)));
            using var clients = new LakeAwsClients(localStack.AwsOptions);
            var seed = RepoPaths.OrdersSeed("valid", "orders-2024-01.csv");
            var id = UploadId.New();

            var put = new PutObjectRequest { BucketName = lake.Buckets.Raw, Key = $"orders/ingest_date=2024-02-01/{id}.csv", FilePath = seed };
            put.Metadata.Add("original-name", "orders-2024-01.csv");
            await clients.S3.PutObjectAsync(put);

            var status = await FinalStatusAsync(new UploadStatusStore(clients.DynamoDb, lake.StatusTable), id, validate, transform);
            Assert.True(status.Stage == UploadStage.Cataloged, $"{status.Stage}: {string.Join(", ", status.Details)}");
            var curated = await clients.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = lake.Buckets.Curated, Prefix = "orders/" });
            Assert.Contains(curated.S3Objects ?? [], o => o.Key.Contains($"/part-{id}-", StringComparison.Ordinal));

            const string queryKey = "localstack-query-key-0123456789";
            await using var query = await ServiceProcess.StartAsync("services/Lake.QueryService", ServiceEnvironment.For(aws, lake,
                ("Query__CacheDirectory", Path.Combine(work.FullName, "query-cache")), ("Query__ApiKeys__0", queryKey)));
            using var http = new HttpClient { BaseAddress = query.BaseAddress };
            http.DefaultRequestHeaders.Add("x-api-key", queryKey);
            using var response = await http.PostAsJsonAsync("/v1/query", new { sql = $"SELECT count(*) FROM {lake.GlueDatabase}.orders" });
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(response.IsSuccessStatusCode, body.ToString());
            Assert.Equal(CsvOracle.Read(seed).Count, body.GetProperty("rows")[0][0].GetInt64());
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The upload's status once a stage has finished with it (cataloged, rejected or failed).</summary>
    private static async Task<UploadStatus> FinalStatusAsync(UploadStatusStore store, UploadId id, params ServiceProcess[] services)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            if (await store.GetAsync(id) is { } status && status.Stage.IsFinal())
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"upload {id} did not finish within 3 minutes:\n{string.Join('\n', services.SelectMany(s => s.Output.TakeLast(20)))}");
            await Task.Delay(500);
        }
    }
}
