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
        string? errorType = null,
        Exception? innerException = null)
        : base(Compose(serviceName, errorCode, errorMessage, requestId), innerException)
    {
        ServiceName = serviceName;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        StatusCode = statusCode;
        RequestId = requestId;
        ErrorType = errorType ?? errorCode;
    }

    /// <summary>The service's id, e.g. <c>SQS</c>.</summary>
    public string ServiceName { get; }

    /// <summary>
    /// The AWS error code, e.g. <c>EntityNotFoundException</c>. Services that moved from the Query protocol to JSON
    /// (SQS) report their historic Query code here, e.g. <c>AWS.SimpleQueueService.NonExistentQueue</c>, as the
    /// official SDKs do; the JSON error type is then in <see cref="ErrorType"/>.
    /// </summary>
    public string ErrorCode { get; }

    /// <summary>The error's shape name (<c>__type</c> without its namespace), e.g. <c>QueueDoesNotExist</c>; else the <see cref="ErrorCode"/>.</summary>
    public string ErrorType { get; }

    /// <summary>The message the service gave, without the code and request id.</summary>
    public string ErrorMessage { get; }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The request id AWS assigned, for support cases and log correlation; null when none came back.</summary>
    public string? RequestId { get; }

    /// <summary>Whether the error is <paramref name="code"/>, by its code or its type.</summary>
    public bool Is(string code) =>
        string.Equals(ErrorCode, code, StringComparison.Ordinal) || string.Equals(ErrorType, code, StringComparison.Ordinal);

    private static string Compose(string serviceName, string errorCode, string errorMessage, string? requestId)
    {
        var text = string.IsNullOrWhiteSpace(errorMessage) ? $"{serviceName} {errorCode}" : $"{serviceName} {errorCode}: {errorMessage}";
        return string.IsNullOrEmpty(requestId) ? text : $"{text} (request {requestId})";
    }
}
