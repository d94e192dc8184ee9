using Lake.Aws;
using Lake.Aws.Glue;

namespace Lake.Provisioning;

internal sealed class CatalogProvisioner(GlueClient glue)
{
    public async Task EnsureDatabaseAsync(string name, string curatedBucket, ProvisioningReport report, CancellationToken cancellationToken)
    {
        var action = ProvisioningAction.Unchanged;
        try
        {
            await glue.GetDatabaseAsync(new GetDatabaseRequest { Name = name }, cancellationToken);
        }
        catch (AwsServiceException ex) when (ex.ErrorCode == "EntityNotFoundException")
        {
            try
            {
                await glue.CreateDatabaseAsync(new CreateDatabaseRequest
                {
                    DatabaseInput = new DatabaseInput
                    {
                        Name = name,
                        Description = "Lake's curated datasets: one table per dataset contract.",
                        LocationUri = $"s3://{curatedBucket}/",
                    },
                }, cancellationToken);
                action = ProvisioningAction.Created;
            }
            catch (AwsServiceException race) when (race.ErrorCode == "AlreadyExistsException")
            {
            }
        }

        report.Add(ResourceKinds.GlueDatabase, name, $"glue database {name}", action);
    }
}
