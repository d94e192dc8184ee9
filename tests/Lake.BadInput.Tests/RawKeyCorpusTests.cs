using System.Security.Cryptography;
using System.Text;
using Lake.Uploads;

namespace Lake.BadInput.Tests;

/// <summary>
/// Objects written straight into the raw bucket (as <c>aws s3 cp</c> would), with odd keys and no upload metadata:
/// each becomes an upload of its own (its id derived from key and ETag) with a final stage, or is rejected with why.
/// </summary>
[Collection(BadInputCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RawKeyCorpusTests(BadInputLake lake)
{
    /// <summary>Id, what is odd, the key, the content (a CSV of two valid rows unless empty), expected stage, expected check.</summary>
    public static TheoryData<string, string, string, bool, string, string?> Cases => new()
    {
        { "R01", "an empty object under the dataset", "orders/manual/empty-{case}.csv", false, "Rejected", "NotEmpty" },
        { "R02", "a file at the bucket's root", "loose-{case}.csv", true, "Rejected", "Dataset" },
        { "R03", "a file under a dataset without a contract", "customers/{case}.csv", true, "Rejected", "Dataset" },
        { "R04", "a key with spaces, unicode and brackets", "orders/manual/my file ü (1) {case}.csv", true, "Cataloged", null },
        { "R05", "no metadata at all, a plain name", "orders/{case}.csv", true, "Cataloged", null },
        { "R06", "a name that is not .csv", "orders/manual/{case}.txt", true, "Cataloged", null },
        { "R07", "a key with '..' segments (a literal key in S3)", "orders/../orders/{case}.csv", true, "Cataloged", null },
        { "R08", "a key with a plus and a percent sign", "orders/manual/a+b%20c-{case}.csv", true, "Cataloged", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AnObjectWrittenStraightIntoRawBecomesAnUploadOfItsOwn(string id, string what, string keyTemplate, bool rows, string stage, string? check)
    {
        var key = keyTemplate.Replace("{case}", $"{id}-{Guid.NewGuid():N}", StringComparison.Ordinal);
        var content = rows ? Encoding.UTF8.GetBytes(FileCorpus.Csv($"BAD{id}-{Guid.NewGuid():N}"[..20], 2)) : [];
        var eTag = await lake.PutRawAsync(key, content);

        var status = await lake.FinalAsync(Derived(key, eTag));

        var said = $"{id} ({what}): {status.Stage} {string.Join(", ", status.Details)}";
        Assert.True(status.Stage.ToString() == stage, said);
        if (check is not null)
        {
            Assert.True(status.Details.GetValueOrDefault("check") == check, said);
        }

        Assert.Contains(key, await lake.KeysAsync(lake.Lake.Options.Buckets.Raw, key));
        lake.AssertAllRunning();
    }

    /// <summary>The id the validate function gives an object placed by hand (RawObjectKey): a hash of its key and ETag.</summary>
    private static UploadId Derived(string key, string eTag) =>
        UploadId.Parse(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{key}\n{eTag}")))[..32]);
}
