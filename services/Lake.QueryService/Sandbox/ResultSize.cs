namespace Lake.QueryService.Sandbox;

/// <summary>
/// What a buffered result row costs in managed memory, near enough to bound it (<c>Query:MaxResultBytes</c>): object
/// headers and references, strings at two bytes a character, byte arrays at their length.
/// </summary>
public static class ResultSize
{
    private const int ObjectOverhead = 24;

    public static long Row(int width) => ObjectOverhead + (8L * width);

    public static long Value(object? value) => value switch
    {
        null => 0,
        string text => ObjectOverhead + (2L * text.Length),
        byte[] bytes => ObjectOverhead + bytes.LongLength,
        _ => ObjectOverhead,
    };
}
