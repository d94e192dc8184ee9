using System.Net;

namespace Lake.Aws;

/// <summary>An error an AWS service (or whatever answered in its place) returned for a call.</summary>
public sealed class AwsServiceException : Exception
{
    public AwsServiceException(
        string serviceName,
        string errorCode,
        string errorMessage,
        HttpStatusCode statusCode,
        string? requestId,
        Exception? innerException = null)
        : base(Compose(serviceName, errorCode, errorMessage, requestId), innerException)
    {
        ServiceName = serviceName;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        StatusCode = statusCode;
        RequestId = requestId;
    }

    /// <summary>The service's id, e.g. <c>Glue</c>.</summary>
    public string ServiceName { get; }

    /// <summary>The AWS error code, e.g. <c>EntityNotFoundException</c> (a JSON error's <c>__type</c> without its namespace).</summary>
    public string ErrorCode { get; }

    /// <summary>The message the service gave, without the code and request id.</summary>
    public string ErrorMessage { get; }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The request id AWS assigned, for support cases and log correlation; null when none came back.</summary>
    public string? RequestId { get; }

    private static string Compose(string serviceName, string errorCode, string errorMessage, string? requestId)
    {
        var text = string.IsNullOrWhiteSpace(errorMessage) ? $"{serviceName} {errorCode}" : $"{serviceName} {errorCode}: {errorMessage}";
        return string.IsNullOrEmpty(requestId) ? text : $"{text} (request {requestId})";
    }
}
