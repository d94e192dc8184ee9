using Amazon.S3;
using Amazon.S3.Model;
using Lake.Configuration;

namespace Lake.Provisioning;

internal sealed class BucketProvisioner(IAmazonS3 s3, string region)
{
    public async Task EnsureAsync(BucketNames buckets, ProvisioningReport report, CancellationToken cancellationToken)
    {
        var existing = (await s3.ListBucketsAsync(new ListBucketsRequest(), cancellationToken)).Buckets?
            .Select(b => b.BucketName).ToHashSet(StringComparer.Ordinal) ?? [];

        foreach (var (_, name) in buckets.All)
        {
            var action = ProvisioningAction.Unchanged;
            if (!existing.Contains(name))
            {
                await CreateAsync(name, cancellationToken);
                action = ProvisioningAction.Created;
            }

            report.Add(ResourceKinds.Bucket, name, $"arn:aws:s3:::{name}", action);
        }
    }

    private async Task CreateAsync(string name, CancellationToken cancellationToken)
    {
        var request = new PutBucketRequest { BucketName = name };

        // us-east-1 is the one region that must not be named as a location constraint.
        if (region != "us-east-1")
        {
            request.BucketRegionName = region;
        }

        try
        {
            await s3.PutBucketAsync(request, cancellationToken);
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "BucketAlreadyOwnedByYou")
        {
            // Created by a concurrent run between the listing and now.
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "BucketAlreadyExists")
        {
            throw new ProvisioningException(
                $"S3 bucket '{name}' belongs to another account (bucket names are global): choose another name in Lake:Buckets.", ex);
        }
    }
}
