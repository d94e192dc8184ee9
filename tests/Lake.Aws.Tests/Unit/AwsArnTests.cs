namespace Lake.Aws.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class AwsArnTests
{
    [Theory]
    [InlineData("arn:aws:sqs:us-east-1:123456789012:lake-validate", "arn:aws:sns:us-east-1:123456789012:lake-alerts")]
    [InlineData("arn:aws-cn:sqs:cn-north-1:111122223333:q", "arn:aws-cn:sns:cn-north-1:111122223333:lake-alerts")]
    public void ASiblingSharesThePartitionRegionAndAccount(string queue, string topic) =>
        Assert.Equal(topic, AwsArn.Sibling(queue, "sns", "lake-alerts"));

    [Theory]
    [InlineData("")]
    [InlineData("lake-validate")]
    [InlineData("urn:aws:sqs:us-east-1:123456789012:q")]
    public void SomethingThatIsNotAnArnIsRefusedNamingIt(string notAnArn) =>
        Assert.Contains($"'{notAnArn}' is not an ARN", Assert.Throws<FormatException>(() => AwsArn.Sibling(notAnArn, "sns", "t")).Message);
}
