using System.Reflection;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Lake.Serving.Tests;

/// <summary>
/// A DynamoDB that answers BatchWriteItem as a throttled table does: the first <see cref="Throttled"/> calls leave all
/// but the first of their items unprocessed. The emulator never throttles, so this is the only way to see the retries.
/// </summary>
public class ThrottlingDynamoDb : DispatchProxy
{
    public int Throttled { get; set; }

    public List<List<string>> Calls { get; } = [];

    public static ThrottlingDynamoDb Create(int throttled, out IAmazonDynamoDB client)
    {
        client = Create<IAmazonDynamoDB, ThrottlingDynamoDb>();
        var fake = (ThrottlingDynamoDb)(object)client;
        fake.Throttled = throttled;
        return fake;
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        if (method?.Name != nameof(IAmazonDynamoDB.BatchWriteItemAsync) || args?[0] is not BatchWriteItemRequest request)
        {
            throw new NotSupportedException(method?.Name);
        }

        var (table, writes) = request.RequestItems.Single();
        int calls;
        lock (Calls)
        {
            Calls.Add([.. writes.Select(w => w.PutRequest.Item["id"].S)]);
            calls = Calls.Count;
        }

        var unprocessed = calls <= Throttled ? writes.Skip(1).ToList() : [];
        return Task.FromResult(new BatchWriteItemResponse
        {
            UnprocessedItems = unprocessed.Count == 0 ? [] : new Dictionary<string, List<WriteRequest>> { [table] = unprocessed },
        });
    }
}
