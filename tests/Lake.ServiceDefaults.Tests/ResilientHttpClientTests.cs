using System.Net;
using Lake.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lake.ServiceDefaults.Tests;

/// <summary>HttpClients from the factory, as a service gets them: retried on transient failures, and traced.</summary>
[Trait("Category", "Integration")]
public sealed class ResilientHttpClientTests
{
    [Fact]
    public async Task ATransientFailureIsRetriedAndEveryAttemptIsAClientSpan()
    {
        using var recorder = new OtlpRecorder();
        using var flaky = new FlakyServer(failures: 1, HttpStatusCode.ServiceUnavailable);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = recorder.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "resilience-under-test",
        });
        builder.AddServiceDefaults();

        HttpStatusCode status;
        using (var host = builder.Build())
        {
            await host.StartAsync();
            using var http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient();
            using (var response = await http.GetAsync(flaky.Url))
            {
                status = response.StatusCode;
            }

            await host.StopAsync();
        }

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, flaky.Requests);
        var exports = recorder.Traces("resilience-under-test", flaky.Url.Authority);
        Assert.NotEmpty(exports);
        Assert.Contains(exports, body => Count(body, flaky.Url.Authority) >= 2);
    }

    [Fact]
    public async Task ANonTransientFailureIsNotRetried()
    {
        using var flaky = new FlakyServer(failures: 5, HttpStatusCode.BadRequest);
        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults();
        using var host = builder.Build();
        using var http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient();

        using var response = await http.GetAsync(flaky.Url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, flaky.Requests);
    }

    private static int Count(byte[] body, string text)
    {
        var part = System.Text.Encoding.UTF8.GetBytes(text);
        var count = 0;
        for (var rest = body.AsSpan(); rest.IndexOf(part) is var at and >= 0; rest = rest[(at + part.Length)..])
        {
            count++;
        }

        return count;
    }
}
