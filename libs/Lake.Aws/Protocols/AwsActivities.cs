using System.Diagnostics;

namespace Lake.Aws.Protocols;

/// <summary>
/// One client span per AWS call (OpenTelemetry's RPC conventions for AWS: <c>rpc.system=aws-api</c>),
/// from the <c>Lake.Aws</c> source that Lake's service defaults listen to.
/// </summary>
internal static class AwsActivities
{
    public static readonly ActivitySource Source = new("Lake.Aws");

    public static Activity? StartCall(AwsService service, string operation, string region)
    {
        var activity = Source.StartActivity($"{service.ServiceId}.{operation}", ActivityKind.Client);
        activity?.SetTag("rpc.system", "aws-api");
        activity?.SetTag("rpc.service", service.ServiceId);
        activity?.SetTag("rpc.method", operation);
        activity?.SetTag("cloud.region", region);
        return activity;
    }

    public static void RecordFailure(Activity activity, Exception exception)
    {
        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        if (exception is AwsServiceException aws)
        {
            activity.SetTag("aws.error_code", aws.ErrorCode);
            activity.SetTag("aws.request_id", aws.RequestId);
        }
    }
}
