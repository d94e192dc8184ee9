namespace Lake.Uploads.Tests;

[Trait("Category", "Unit")]
public sealed class UploadIdTests
{
    [Fact]
    public void NewIdsAreDistinctAndParseBack()
    {
        var a = UploadId.New();
        var b = UploadId.New();

        Assert.NotEqual(a, b);
        Assert.Equal(a, UploadId.Parse(a.Value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../../etc/passwd")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0")]
    [InlineData("0123456789abcdef-123456789abcdef")]
    public void AnythingButThirtyTwoLowerCaseHexDigitsIsRefused(string text)
    {
        Assert.False(UploadId.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => UploadId.Parse(text));
        Assert.Contains("32 lower-case hex digits", error.Message);
    }
}
