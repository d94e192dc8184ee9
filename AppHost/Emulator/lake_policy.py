"""Least privilege in the emulator, as IAM enforces it on AWS.

Each Lake service signs with its own key; a key bound to one of infra/template.yaml's AWS::IAM::ManagedPolicy
resources may do only what that policy allows (Allow/Deny statements, Action and Resource with * and ? wildcards,
explicit Deny first). Keys bound to no policy (the provisioner's, a developer's AWS CLI) are the account's
administrator, as moto's default credentials are. A refused request gets AWS's AccessDenied in the service's shape.

What a request does is read as IAM names it: S3 from its method, path (path-style) and sub-resource; JSON protocols
from X-Amz-Target; the Query protocol from its Action. Resources come from the bucket and key, QueueUrl or
QueueName, TableName (or a batch's tables), TopicArn, and Glue's catalog/database/table names.
"""

import fnmatch
import json
import re
import urllib.parse

import yaml

ACCOUNT = "123456789012"  # moto's account
PARTITION = "aws"

# X-Amz-Target prefixes and the credential scope's service names, as IAM names the services.
IAM_SERVICE = {"monitoring": "cloudwatch", "email": "ses", "states": "states"}


# --- The template's policies ----------------------------------------------------------------------------------------

class _Tag:
    def __init__(self, name, value):
        self.name, self.value = name, value


def _loader():
    class Loader(yaml.SafeLoader):
        pass

    def construct(loader, suffix, node):
        if isinstance(node, yaml.ScalarNode):
            value = loader.construct_scalar(node)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)
        return _Tag(suffix, value)

    Loader.add_multi_constructor("!", construct)
    return Loader


def load_policies(template_path, parameters, region):
    """The template's managed policies by logical id, with !Sub and !Ref resolved from the parameters."""
    with open(template_path, encoding="utf-8") as file:
        template = yaml.load(file, Loader=_loader())
    values = {name: str(spec.get("Default", "")) for name, spec in (template.get("Parameters") or {}).items()}
    values.update(parameters)
    values.update({"AWS::Region": region, "AWS::AccountId": ACCOUNT, "AWS::Partition": PARTITION})

    def resolve(node):
        if isinstance(node, _Tag):
            if node.name == "Sub" and isinstance(node.value, str):
                return re.sub(r"\$\{([^}]+)\}", lambda m: _value(values, m.group(1)), node.value)
            if node.name == "Ref" and isinstance(node.value, str):
                return _value(values, node.value)
            raise ValueError(f"lake_policy: !{node.name} is not supported in a policy document (use !Sub or !Ref)")
        if isinstance(node, list):
            return [resolve(item) for item in node]
        if isinstance(node, dict):
            return {key: resolve(item) for key, item in node.items()}
        return node

    policies = {}
    for logical_id, resource in (template.get("Resources") or {}).items():
        if resource.get("Type") == "AWS::IAM::ManagedPolicy":
            document = resolve(resource["Properties"]["PolicyDocument"])
            policies[logical_id] = [_statement(logical_id, s) for s in _listed(document.get("Statement"))]
    return policies


def _value(values, name):
    if name not in values:
        raise ValueError(f"lake_policy: ${{{name}}} is neither a parameter nor a pseudo parameter")
    return values[name]


def _listed(value):
    return value if isinstance(value, list) else [] if value is None else [value]


def _statement(policy, statement):
    if set(statement) - {"Sid", "Effect", "Action", "Resource"}:
        raise ValueError(f"lake_policy: {policy} uses {sorted(set(statement) - {'Sid', 'Effect', 'Action', 'Resource'})}; "
                         "the emulator enforces Effect, Action and Resource only")
    return {"Effect": statement["Effect"], "Action": [a.lower() for a in _listed(statement["Action"])],
            "Resource": _listed(statement["Resource"])}


def allowed(statements, action, resources):
    """IAM's evaluation for one principal: an explicit Deny wins, then every resource needs an Allow."""
    action = action.lower()

    def matches(statement, resource):
        return (any(fnmatch.fnmatchcase(action, pattern) for pattern in statement["Action"])
                and any(fnmatch.fnmatchcase(resource, pattern) for pattern in statement["Resource"]))

    for resource in resources:
        if any(s["Effect"] == "Deny" and matches(s, resource) for s in statements):
            return False
        if not any(s["Effect"] == "Allow" and matches(s, resource) for s in statements):
            return False
    return True


# --- What a request does, in IAM's words ---------------------------------------------------------------------------

S3_BUCKET_READS = {"location": "GetBucketLocation", "notification": "GetBucketNotification", "uploads": "ListBucketMultipartUploads",
                   "versioning": "GetBucketVersioning", "policy": "GetBucketPolicy", "acl": "GetBucketAcl", "tagging": "GetBucketTagging",
                   "cors": "GetBucketCORS", "lifecycle": "GetLifecycleConfiguration", "encryption": "GetEncryptionConfiguration"}
S3_BUCKET_WRITES = {"notification": "PutBucketNotification", "versioning": "PutBucketVersioning", "policy": "PutBucketPolicy",
                    "acl": "PutBucketAcl", "tagging": "PutBucketTagging", "cors": "PutBucketCORS",
                    "lifecycle": "PutLifecycleConfiguration", "encryption": "PutEncryptionConfiguration"}


def s3_actions(method, raw_path, query, copy_source, region):
    """[(action, resource)] an S3 request needs: a copy needs s3:GetObject on its source too."""
    path = urllib.parse.unquote(raw_path or "/").lstrip("/")
    bucket, _, key = path.partition("/")
    if not bucket:
        return [("s3:ListAllMyBuckets", "*")]
    bucket_arn, object_arn = f"arn:{PARTITION}:s3:::{bucket}", f"arn:{PARTITION}:s3:::{bucket}/{key}"
    if not key:
        if method in ("GET", "HEAD"):
            sub = next((q for q in query if q in S3_BUCKET_READS), None)
            return [("s3:" + (S3_BUCKET_READS[sub] if sub else "ListBucket"), bucket_arn)]
        if method == "PUT":
            sub = next((q for q in query if q in S3_BUCKET_WRITES), None)
            return [("s3:" + (S3_BUCKET_WRITES[sub] if sub else "CreateBucket"), bucket_arn)]
        if method == "DELETE":
            return [("s3:DeleteBucket", bucket_arn)]
        if method == "POST" and "delete" in query:
            return [("s3:DeleteObject", f"{bucket_arn}/*")]
        return [(f"s3:{method.title()}Bucket", bucket_arn)]
    if method in ("GET", "HEAD"):
        action = "ListMultipartUploadParts" if "uploadId" in query else "GetObjectTagging" if "tagging" in query else "GetObject"
        return [("s3:" + action, object_arn)]
    if method == "DELETE":
        return [("s3:" + ("AbortMultipartUpload" if "uploadId" in query else "DeleteObject"), object_arn)]
    if method == "PUT" and "tagging" in query:
        return [("s3:PutObjectTagging", object_arn)]
    needed = [("s3:PutObject", object_arn)]
    if copy_source:
        source = urllib.parse.unquote(copy_source.split("?", 1)[0]).lstrip("/")
        needed.append(("s3:GetObject", f"arn:{PARTITION}:s3:::{source}"))
    return needed


def json_actions(service, operation, body, region):
    """[(action, resource)] of an AWS JSON protocol request (SQS, DynamoDB, Glue, ...)."""
    if service == "sqs" and operation.endswith("Batch"):
        operation = operation[:-len("Batch")]  # IAM authorizes SQS's batch calls as their single-message actions
    action = f"{IAM_SERVICE.get(service, service)}:{operation}"
    return [(action, resource) for resource in _json_resources(service, operation, body, region)]


def _json_resources(service, operation, body, region):
    if service == "sqs":
        if body.get("QueueUrl"):
            return [f"arn:{PARTITION}:sqs:{region}:{ACCOUNT}:{body['QueueUrl'].rstrip('/').rsplit('/', 1)[-1]}"]
        if body.get("QueueName"):
            return [f"arn:{PARTITION}:sqs:{region}:{ACCOUNT}:{body['QueueName']}"]
        return ["*"]
    if service == "dynamodb":
        tables = ([body["TableName"]] if body.get("TableName") else list((body.get("RequestItems") or {}).keys())
                  or [item.get(kind, {}).get("TableName") for item in body.get("TransactItems") or [] for kind in item])
        return [f"arn:{PARTITION}:dynamodb:{region}:{ACCOUNT}:table/{t}" for t in tables if t] or ["*"]
    if service == "glue":
        catalog = f"arn:{PARTITION}:glue:{region}:{ACCOUNT}:catalog"
        database = body.get("DatabaseName") or (body.get("DatabaseInput") or {}).get("Name")
        if "Database" in operation and not database:
            database = body.get("Name")
        table = (body.get("TableInput") or {}).get("Name") or body.get("TableName") or (body.get("Name") if "Table" in operation else None)
        resources = [catalog]
        if database:
            resources.append(f"arn:{PARTITION}:glue:{region}:{ACCOUNT}:database/{database}")
            if table:
                resources.append(f"arn:{PARTITION}:glue:{region}:{ACCOUNT}:table/{database}/{table}")
        return resources
    return ["*"]


def query_actions(service, params, region):
    """[(action, resource)] of a Query protocol request (SNS; SQS's older clients)."""
    action = f"{IAM_SERVICE.get(service, service)}:{params.get('Action', '')}"
    if params.get("TopicArn"):
        return [(action, params["TopicArn"])]
    if params.get("QueueUrl"):
        return [(action, f"arn:{PARTITION}:sqs:{region}:{ACCOUNT}:{params['QueueUrl'].rstrip('/').rsplit('/', 1)[-1]}")]
    return [(action, "*")]


def request_actions(environ, service, region, body):
    """What a verified request does, as [(action, resource)]; body is the request's bytes (or b"" for S3)."""
    method = environ.get("REQUEST_METHOD", "GET")
    raw_uri = environ.get("RAW_URI") or environ.get("REQUEST_URI") or environ.get("PATH_INFO", "/")
    raw_path, _, raw_query = raw_uri.partition("?")
    if service == "s3":
        query = [urllib.parse.unquote(part.partition("=")[0]) for part in raw_query.split("&") if part]
        return s3_actions(method, raw_path, query, environ.get("HTTP_X_AMZ_COPY_SOURCE"), region)
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    if target:
        try:
            parsed = json.loads(body or b"{}")
        except ValueError:
            parsed = {}
        return json_actions(service, target.rsplit(".", 1)[-1], parsed if isinstance(parsed, dict) else {}, region)
    params = dict(urllib.parse.parse_qsl(body.decode("utf-8", "replace") if body else ""))
    params.update(urllib.parse.parse_qsl(raw_query))
    return query_actions(service, params, region)
