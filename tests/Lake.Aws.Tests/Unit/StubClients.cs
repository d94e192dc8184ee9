using Amazon.Runtime;

namespace Lake.Aws.Tests.Unit;

/// <summary>Options for clients talking to a <see cref="StubHandler"/>, recording retry waits instead of sleeping.</summary>
internal sealed class StubClients
{
    public StubHandler Handler { get; } = new();

    public List<TimeSpan> Delays { get; } = [];

    public AwsClientOptions Options(int maxAttempts = 4, Func<TimeSpan, CancellationToken, Task>? delay = null) => new()
    {
        Region = "eu-west-1",
        ServiceUrl = new Uri("https://stub.example.test/"),
        Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        MaxAttempts = maxAttempts,
        RetryDelay = delay ?? ((wait, _) =>
        {
            Delays.Add(wait);
            return Task.CompletedTask;
        }),
    };

    public HttpClient Http(TimeSpan? timeout = null) => new(Handler) { Timeout = timeout ?? TimeSpan.FromSeconds(30) };
}
