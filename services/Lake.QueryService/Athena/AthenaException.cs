namespace Lake.QueryService.Athena;

/// <summary>
/// An error the Athena API answers with, in Athena's JSON error shape:
/// <c>{ "__type": "InvalidRequestException", "Message": "...", "AthenaErrorCode": "..." }</c> and its HTTP status.
/// </summary>
public sealed class AthenaException(int status, string errorType, string message, string? athenaErrorCode = null) : Exception(message)
{
    public int Status { get; } = status;

    /// <summary><c>InvalidRequestException</c>, <c>ResourceNotFoundException</c>, <c>InternalServerException</c>, ...</summary>
    public string ErrorType { get; } = errorType;

    public string? AthenaErrorCode { get; } = athenaErrorCode;

    public static AthenaException InvalidRequest(string message, string athenaErrorCode = "INVALID_INPUT") =>
        new(StatusCodes.Status400BadRequest, "InvalidRequestException", message, athenaErrorCode);

    public static AthenaException ResourceNotFound(string message) =>
        new(StatusCodes.Status400BadRequest, "ResourceNotFoundException", message);

    public static AthenaException Metadata(string message) =>
        new(StatusCodes.Status400BadRequest, "MetadataException", message);

    public static AthenaException TooManyRequests(string message) =>
        new(StatusCodes.Status400BadRequest, "TooManyRequestsException", message);

    public static AthenaException Internal(string message) =>
        new(StatusCodes.Status500InternalServerError, "InternalServerException", message);
}
