namespace Lake.Serving;

/// <summary>DynamoDB kept refusing some of a serving table's items (throttling) after every retry.</summary>
public sealed class ServingWriteException(string table, int itemsLeft, int attempts)
    : Exception($"DynamoDB table '{table}' still had {itemsLeft} unprocessed items after {attempts} attempts")
{
    public string Table { get; } = table;

    public int ItemsLeft { get; } = itemsLeft;
}
