using System.Globalization;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;
using Lake.Configuration;
using Lake.Contracts;
using Lake.Transform.Conversion;
using Lake.Uploads;
using Microsoft.Extensions.Options;

namespace Lake.TransformService.Uploads;

/// <summary>Where an upload's outputs landed, as S3 URIs.</summary>
/// <param name="QuarantineUri">The quarantine object, or null when no row failed.</param>
public sealed record PublishedUpload(string CuratedPrefix, string? QuarantineUri);

/// <summary>
/// Uploads a conversion's outputs: the curated Parquet files, the quarantine file, the key file. A manifest per upload
/// lists the curated objects it wrote. It is written first with the previous attempt's objects and this one's
/// together, so a crash mid-way leaves nothing unaccounted; once this attempt's objects are all durable, the previous
/// attempt's objects it did not rewrite (DuckDB may split a partition differently) are deleted and the manifest
/// narrowed. A retry thus never leaves two copies of a row.
/// </summary>
public sealed class CuratedPublisher(IAmazonS3 s3, IOptions<LakeOptions> lake)
{
    private const int ParallelUploads = 16;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private BucketNames Buckets => lake.Value.Buckets;

    public async Task<PublishedUpload> PublishAsync(
        DatasetContract contract, UploadId uploadId, ConversionResult result, CancellationToken cancellationToken)
    {
        var dataset = contract.Dataset;
        var manifestKey = CuratedLayout.ManifestKey(dataset, uploadId);
        var previous = await ReadManifestAsync(manifestKey, cancellationToken);
        var files = result.Partitions.SelectMany(p => p.Files).ToDictionary(f => CuratedLayout.CuratedKey(dataset, f), f => Path.Combine(result.CuratedDirectory, f));
        await WriteManifestAsync(manifestKey, new UploadManifest(uploadId.Value, dataset, contract.Version, [.. previous.Union(files.Keys).Order(StringComparer.Ordinal)]), cancellationToken);

        var metadata = Metadata(contract, uploadId);
        // Every object of this attempt at once (small files: the time is round trips, not bytes).
        var quarantineKey = CuratedLayout.QuarantineKey(dataset, uploadId);
        var keyFileKey = CuratedLayout.KeyFileKey(dataset, uploadId);
        IEnumerable<(string Bucket, string Key, string? File)> objects =
        [
            .. files.Select(f => (Buckets.Curated, f.Key, (string?)f.Value)),
            (Buckets.Quarantine, quarantineKey, result.QuarantineFile),
            (Buckets.Curated, keyFileKey, result.KeyFile),
        ];
        using var transfer = new TransferUtility(s3);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = ParallelUploads, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(objects, parallel, (o, ct) => new ValueTask(PutOrDeleteAsync(transfer, o.Bucket, o.Key, o.File, metadata, ct)));

        // Only once all of them are durable: the previous attempt's files this one did not rewrite.
        await Parallel.ForEachAsync(previous.Except(files.Keys), parallel, async (stale, ct) => await s3.DeleteObjectAsync(Buckets.Curated, stale, ct));

        await WriteManifestAsync(manifestKey, new UploadManifest(uploadId.Value, dataset, contract.Version, [.. files.Keys.Order(StringComparer.Ordinal)]), cancellationToken);
        return new PublishedUpload(
            $"s3://{Buckets.Curated}/{dataset}/", result.QuarantineFile is null ? null : $"s3://{Buckets.Quarantine}/{quarantineKey}");
    }

    /// <summary>Only the key file, ahead of the rest: once it is durable, the uploads that commit next see its keys.</summary>
    public async Task PublishKeyFileAsync(DatasetContract contract, UploadId uploadId, string keyFile, CancellationToken cancellationToken)
    {
        using var transfer = new TransferUtility(s3);
        await UploadAsync(transfer, Buckets.Curated, CuratedLayout.KeyFileKey(contract.Dataset, uploadId), keyFile, Metadata(contract, uploadId), cancellationToken);
    }

    private static Dictionary<string, string> Metadata(DatasetContract contract, UploadId uploadId) => new()
    {
        [UploadMetadata.UploadId] = uploadId.Value,
        [UploadMetadata.Dataset] = contract.Dataset,
        ["contract-version"] = contract.Version.ToString(CultureInfo.InvariantCulture),
    };

    private async Task PutOrDeleteAsync(
        TransferUtility transfer, string bucket, string key, string? file, Dictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        if (file is not null)
        {
            await UploadAsync(transfer, bucket, key, file, metadata, cancellationToken);
        }
        else
        {
            // An earlier attempt (under an earlier contract) may have written one; this attempt has none.
            await s3.DeleteObjectAsync(bucket, key, cancellationToken);
        }
    }

    private static async Task UploadAsync(
        TransferUtility transfer, string bucket, string key, string file, Dictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var request = new TransferUtilityUploadRequest { BucketName = bucket, Key = key, FilePath = file, ContentType = "application/vnd.apache.parquet" };
        foreach (var (name, value) in metadata)
        {
            request.Metadata.Add(name, value);
        }

        await transfer.UploadAsync(request, cancellationToken);
    }

    private async Task<IReadOnlyList<string>> ReadManifestAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(Buckets.Curated, key, cancellationToken);
            var manifest = await JsonSerializer.DeserializeAsync<UploadManifest>(response.ResponseStream, Json, cancellationToken);
            return manifest?.Files ?? [];
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }
    }

    private Task WriteManifestAsync(string key, UploadManifest manifest, CancellationToken cancellationToken) =>
        s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Buckets.Curated,
            Key = key,
            ContentBody = JsonSerializer.Serialize(manifest, Json),
            ContentType = "application/json",
        }, cancellationToken);

    /// <summary>The curated objects an upload wrote (or, while it writes, may have written).</summary>
    private sealed record UploadManifest(string UploadId, string Dataset, int ContractVersion, IReadOnlyList<string> Files);
}
