using System.Diagnostics.CodeAnalysis;

namespace Lake.Uploads;

/// <summary>
/// An upload's id: 32 lower-case hex digits. Every object an upload produces is named from it (DESIGN §5),
/// so it is checked wherever it enters from outside (a URL, an object key, a message).
/// </summary>
public readonly record struct UploadId
{
    private UploadId(string value) => Value = value;

    public string Value { get; }

    public static UploadId New() => new(Guid.NewGuid().ToString("N"));

    public static bool TryParse([NotNullWhen(true)] string? text, out UploadId id)
    {
        id = default;
        if (text is not { Length: 32 } || !text.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        id = new UploadId(text);
        return true;
    }

    /// <exception cref="FormatException">Not 32 lower-case hex digits.</exception>
    public static UploadId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not an upload id (32 lower-case hex digits).");

    public override string ToString() => Value;
}
