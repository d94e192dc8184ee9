using System.Text;
using Lake.Functions.Validate.FileChecks;

namespace Lake.Functions.Validate.Tests;

[Trait("Category", "Unit")]
public sealed class FileValidatorTests
{
    private static readonly CsvFileRules Orders = new(["order_id", "order_date", "quantity"], MaxBytes: 10_000, MaxLineLength: 64);

    [Fact]
    public async Task AWellFormedFilePassesAndCountsItsRows()
    {
        var result = await ValidateAsync("order_id,order_date,quantity\n1,2024-06-01,3\n2,2024-06-02,4\n");

        Assert.True(result.Passed, result.Failure?.ToString());
        Assert.Equal(2, result.DataRows);
    }

    [Theory]
    [InlineData("", FileCheck.NotEmpty, 0)]
    [InlineData("\n \n", FileCheck.NotEmpty, 0)]
    [InlineData("order_id,order_date,quantity\n", FileCheck.NotHeaderOnly, 0)]
    [InlineData("order_id,order_date,quantity", FileCheck.NotHeaderOnly, 0)]
    [InlineData("order_id,date,quantity\n1,2024-06-01,3\n", FileCheck.HeaderMatches, 1)]
    [InlineData("order_id;order_date;quantity\n1;2024-06-01;3\n", FileCheck.Delimiter, 1)]
    [InlineData("order_id,order_date,quantity\n1,2024-06-01,3333333333333333333333333333333333333333333333333333333333333333333\n", FileCheck.MaxLineLength, 2)]
    public async Task EachFileLevelProblemIsNamedWithItsLine(string content, FileCheck check, long line)
    {
        var result = await ValidateAsync(content);

        Assert.Equal(check, result.Failure?.Check);
        Assert.Equal(line, result.Failure!.Line);
    }

    [Fact]
    public async Task AWrongHeaderSaysWhatIsMissingAndWhatIsUnexpected()
    {
        var result = await ValidateAsync("order_id,day,quantity\n1,2024-06-01,3\n");

        Assert.Equal("missing order_date; unexpected day", result.Failure!.Detail);
    }

    [Theory]
    [InlineData("order_id,order_date,quantity \n1,2024-06-01,3\n", "'quantity '")]
    [InlineData("order_id, order_date,quantity\r\n1,2024-06-01,3\r\n", "' order_date'")]
    public async Task AHeaderWithSpacesAroundANameIsRejectedHereNotInTheTransform(string content, string named)
    {
        var result = await ValidateAsync(content);

        Assert.Equal(FileCheck.HeaderMatches, result.Failure?.Check);
        Assert.Contains(named, result.Failure!.Detail);
    }

    [Theory]
    [InlineData("order_id,order_date,quantity\r\n1,2024-06-01,3\n2,2024-06-02,4\r\n", 2)]
    [InlineData("order_id,order_date,quantity\n1,2024-06-01,3\n2,2024-06-02,4\r\n", 3)]
    [InlineData("order_id,order_date,quantity\n1,2024-06-01,3\r2,2024-06-02,4\n", 2)]
    [InlineData("order_id,order_date,quantity\r1,2024-06-01,3\r", 1)]
    public async Task MixedLineEndingsOrALoneCarriageReturnAreRejectedNamingTheLine(string content, long line)
    {
        var result = await ValidateAsync(content);

        Assert.Equal(FileCheck.LineEndings, result.Failure?.Check);
        Assert.Equal(line, result.Failure!.Line);
    }

    [Fact]
    public async Task ALatinOneByteIsNotUtf8AndItsLineIsGiven()
    {
        var bytes = Encoding.UTF8.GetBytes("order_id,order_date,quantity\n1,2024-06-01,3\n2,2024-06-0").Concat(new byte[] { 0xE9 }).Concat("2,4\n"u8.ToArray()).ToArray();

        var result = await ValidateAsync(bytes);

        Assert.Equal(FileCheck.Utf8, result.Failure?.Check);
        Assert.Equal(3, result.Failure!.Line);
        Assert.Contains("0xE9", result.Failure.Detail);
    }

    [Fact]
    public async Task AByteOrderMarkIsTolerated()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat("order_id,order_date,quantity\r\n1,2024-06-01,3\r\n"u8.ToArray()).ToArray();

        Assert.True((await ValidateAsync(bytes)).Passed);
    }

    [Fact]
    public async Task MultiByteCharactersSplitAcrossChunksAreValid()
    {
        // 'é' is two bytes; enough rows that some land on the 64 KiB chunk boundary.
        var rules = Orders with { MaxBytes = 10_000_000 };
        var body = new StringBuilder("order_id,order_date,quantity\n");
        for (var i = 0; i < 20_000; i++)
        {
            body.Append(CultureInvariant($"{i}é,2024-06-01,{i % 7}\n"));
        }

        var result = await new FileValidator(rules).ValidateAsync(new MemoryStream(Encoding.UTF8.GetBytes(body.ToString())), CancellationToken.None);

        Assert.True(result.Passed, result.Failure?.ToString());
        Assert.Equal(20_000, result.DataRows);
    }

    [Fact]
    public async Task AFileOverTheSizeLimitIsRejectedWithoutReadingItAll()
    {
        var stream = new CountingStream(new RepeatingRowStream("order_id,order_date,quantity\n", "1,2024-06-01,3\n", rows: 10_000_000));

        var result = await new FileValidator(Orders).ValidateAsync(stream, CancellationToken.None);

        Assert.Equal(FileCheck.MaxBytes, result.Failure?.Check);
        Assert.True(stream.BytesRead < 200_000, $"read {stream.BytesRead} bytes");
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    private static Task<FileValidationResult> ValidateAsync(string content) => ValidateAsync(Encoding.UTF8.GetBytes(content));

    private static Task<FileValidationResult> ValidateAsync(byte[] content) =>
        new FileValidator(Orders).ValidateAsync(new MemoryStream(content), CancellationToken.None);
}
