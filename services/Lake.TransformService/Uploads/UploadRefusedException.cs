namespace Lake.TransformService.Uploads;

/// <summary>
/// An upload that cannot be transformed, however often it is retried: no contract for its dataset, a key that
/// names no upload, a contract the catalog's table cannot take. The upload is recorded Failed with
/// <see cref="Exception.Message"/> as its reason, an alert goes out, and its message goes to the dead-letter queue.
/// </summary>
public class UploadRefusedException(string message, Exception? innerException = null) : Exception(message, innerException);
