#!/usr/bin/env python3
"""moto_server whose state survives a restart and which checks signatures as AWS does.

Serves moto's single endpoint like `moto_server -H HOST -p PORT`, behind a SigV4 gate (moto itself verifies no
signature): every request must be signed with a known key (--credentials ACCESS:SECRET, repeatable; default
test:test, or LAKE_MOTO_CREDENTIALS=ACCESS:SECRET,...), in the Authorization header or as a presigned URL; a bad
signature is 403 SignatureDoesNotMatch, an expired URL 403 AccessDenied "Request has expired", an unknown key 403
InvalidAccessKeyId, an unsigned request 403 AccessDenied, each in the service's error shape (S3's XML for S3).
Only GET/HEAD of /moto-api and of /lake/health (readiness: answered at once, without touching any backend, unlike
/moto-api/data.json, which dumps every backend) need no signature. With --state FILE, the backends of the services
Lake uses are loaded at start from one file per service next to FILE (moto-state.s3.pickle, ...), and a request that
changed a backend is answered only once the change is on disk (in rounds shared by concurrent requests), so a SIGKILL
loses no acknowledged change: objects, messages sent, in flight or deleted, subscriptions, bucket notifications, tables
and items survive it. SQS, SNS and Glue stay small and are written back whole (atomically); S3 and DynamoDB grow with
the lake (objects, serving-table items), so a request that changed them is appended to a journal
(moto-state.journal) instead and replayed in order at the next start, after which the journal is folded into their
files. SIGTERM or SIGINT saves everything and stops.
The AppHost starts it; nothing else depends on it.
"""

import argparse
import calendar
import copyreg
import hashlib
import hmac
import inspect
import io
import json
import os
import pickle
import re
import struct
import signal
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
import zlib
from xml.sax.saxutils import escape

import lake_policy

try:
    import moto
    from moto.backends import get_backend
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    from moto.dynamodb.models import dynamo_type
    from moto.s3 import notifications as s3_notifications
    from moto.s3.responses import S3Response
    from werkzeug.serving import BaseWSGIServer, make_server
except ImportError as error:  # pragma: no cover - reported to the AppHost
    print(f"moto is not installed for {sys.executable} ({error}): pip install \"moto[server]\"", file=sys.stderr)
    sys.exit(3)

# Connections waiting to be accepted (the kernel caps it at net.core.somaxconn).
LISTEN_BACKLOG = 1024
# The services Lake uses; their state is what survives.
SERVICES = ("s3", "sqs", "sns", "glue", "dynamodb")
FORMAT = 2


def _fresh(factory):
    return lambda _: (factory, ())


# Locks and conditions hold no state worth keeping; a restored object gets new ones.
_LOCKS = {
    type(threading.Lock()): _fresh(threading.Lock),
    type(threading.RLock()): _fresh(threading.RLock),
    threading.Condition: _fresh(threading.Condition),
    threading.Event: _fresh(threading.Event),
}


def _dumps(value):
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, **_LOCKS}
    pickler.dump(value)
    return buffer.getvalue()


def service_path(path, service):
    """Each service's backends live in a file of their own next to PATH: moto-state.pickle -> moto-state.s3.pickle."""
    root, ext = os.path.splitext(path)
    return f"{root}.{service}{ext}"


def save(path, services=SERVICES, journaled_up_to=0):
    """Writes the backends of SERVICES, each to its own file, atomically (a SIGKILL leaves the old file or the new),
    noting the last journal record their state includes."""
    size = 0
    with _SAVING:
        size = _save(path, services, journaled_up_to)
    return size


_SAVING = threading.Lock()


def _save(path, services, journaled_up_to):
    size = 0
    for service in services:
        backends = {}
        for account, regions in list(get_backend(service).items()):
            for region, backend in list(regions.items()):
                backends[(account, region)] = _dumps(backend)
        state = {"format": FORMAT, "moto": moto.__version__, "saved": time.time(), "service": service, "backends": backends,
                 "journaled_up_to": journaled_up_to}
        target = service_path(path, service)
        temporary = f"{target}.tmp"
        with open(temporary, "wb") as file:
            pickle.dump(state, file, protocol=pickle.HIGHEST_PROTOCOL)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
        size += sum(len(blob) for blob in backends.values())
    return size


def load(path):
    """Loads each service's file; returns what it restored and, per service, the last journal record its state holds."""
    restored, notes, newest, journaled = 0, [], None, {}
    for service in SERVICES:
        target = service_path(path, service)
        if not os.path.exists(target):
            continue
        try:
            with open(target, "rb") as file:
                state = pickle.load(file)
            if state.get("format") != FORMAT or state.get("moto") != moto.__version__:
                raise ValueError(f"format {state.get('format')} saved by moto {state.get('moto')}, this is moto {moto.__version__}")
            for (account, region), blob in state["backends"].items():
                dict.__setitem__(get_backend(service)[account], region, pickle.loads(blob))
            restored += len(state["backends"])
            journaled[service] = state.get("journaled_up_to", 0)
            newest = max(newest or 0, state["saved"])
        except Exception as error:  # a state we cannot read must not stop the emulator
            kept = f"{target}.unreadable"
            os.replace(target, kept)
            notes.append(f"{service} not restored ({error}); it starts empty, the old file is kept as {kept}")
    if newest is None and not notes:
        return "no saved state: starting empty", journaled
    saved = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(newest)) if newest else "never"
    return "; ".join([f"restored {restored} service backends saved up to {saved}", *notes]), journaled


# Actions that read and change nothing; every other request may change a backend.
READ_PREFIXES = ("Get", "List", "Describe", "Query", "Scan", "BatchGet", "Search", "Head")


def changed_services(environ):
    """The services whose backends a request may have changed (S3 and SNS deliver to SQS), or none for a read."""
    service = environ.get(SERVICE_MARK)
    if service not in SERVICES:
        return ()
    method = environ.get("REQUEST_METHOD", "GET")
    if service == "s3":
        return () if method in ("GET", "HEAD", "OPTIONS") else ("s3", "sqs", "sns")
    action = (environ.get("HTTP_X_AMZ_TARGET") or "").rpartition(".")[2]
    if action.startswith(READ_PREFIXES):
        return ()
    return (service, "sqs") if service == "sns" else (service,)


# Services whose changes are journaled rather than written back whole: their state grows with the lake.
JOURNALED = ("s3", "dynamodb")
# A journal longer than this is folded into the services' files (new changes to them wait meanwhile).
JOURNAL_LIMIT = 256 * 1024 * 1024
_RECORD_HEAD = struct.Struct(">QQI")  # the pickled request's length, the body's length, crc32 of the pickled request
_BODY_CRC = struct.Struct(">I")  # after the body: its crc32
_CHUNK = 1024 * 1024
_UPLOAD_ID = re.compile(rb"<UploadId>([^<]+)</UploadId>")


class Journal:
    """The requests that changed S3 or DynamoDB, in the order moto applied them, appended to FILE.journal.

    A record is the request as moto saw it (its CGI variables and body), numbered; each service's file notes the last
    record it already holds, so a record is applied once whatever the moment of a SIGKILL. Replayed through moto at
    the next start with S3's event notifications off (the messages they sent are in SQS's own file)."""

    def __init__(self, path):
        self.path = os.path.splitext(path)[0] + ".journal"
        self.lock = threading.Lock()  # held while moto applies a journaled request and it is appended: same order
        self.last = 0
        self.file = None

    @property
    def size(self):
        return self.file.tell() if self.file else 0

    def open(self):
        self.file = open(self.path, "ab")

    def append(self, service, variables, body, upload_id=None):
        """Under self.lock: one record, written but not yet synced (sync() does that for a round of them). VARIABLES
        are the request's CGI variables as moto received them; BODY is a seekable stream, copied a chunk at a time: a
        large object is never held in memory."""
        self.last += 1
        record = pickle.dumps((self.last, service, variables, upload_id), protocol=pickle.HIGHEST_PROTOCOL)
        body.seek(0, io.SEEK_END)
        length = body.tell()
        body.seek(0)
        self.file.write(_RECORD_HEAD.pack(len(record), length, zlib.crc32(record)) + record)
        crc = 0
        while chunk := body.read(_CHUNK):
            crc = zlib.crc32(chunk, crc)
            self.file.write(chunk)
        self.file.write(_BODY_CRC.pack(crc))

    def sync(self):
        with self.lock:
            self.file.flush()
        os.fsync(self.file.fileno())

    def truncate(self):
        """Under self.lock, once every journaled service's file holds self.last: starts the journal again empty."""
        self.file.close()
        with open(self.path, "wb") as file:
            os.fsync(file.fileno())
        self.open()

    def records(self):
        """The records on disk, in order, each with its body in a spooled file; a torn last record (a SIGKILL
        mid-write, never acknowledged) ends them."""
        if not os.path.exists(self.path):
            return
        with open(self.path, "rb") as file:
            while head := file.read(_RECORD_HEAD.size):
                if len(head) < _RECORD_HEAD.size:
                    return
                length, body_length, crc = _RECORD_HEAD.unpack(head)
                record = file.read(length)
                if len(record) < length or zlib.crc32(record) != crc:
                    return
                body, body_crc, remaining = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024), 0, body_length
                while remaining and (chunk := file.read(min(_CHUNK, remaining))):
                    body_crc = zlib.crc32(chunk, body_crc)
                    body.write(chunk)
                    remaining -= len(chunk)
                tail = file.read(_BODY_CRC.size)
                if remaining or len(tail) < _BODY_CRC.size or _BODY_CRC.unpack(tail)[0] != body_crc:
                    return
                body.seek(0)
                number, service, variables, upload_id = pickle.loads(record)
                yield number, service, variables, body, upload_id

    def replay(self, app, journaled):
        """Applies the records each service's file does not hold yet; returns how many."""
        applied, upload_ids = 0, {}
        sending = s3_notifications.send_event, s3_notifications.send_test_event
        s3_notifications.send_event = s3_notifications.send_test_event = lambda *args, **kwargs: None
        try:
            for number, service, variables, body, upload_id in self.records():
                self.last = max(self.last, number)
                if number <= journaled.get(service, 0):
                    body.close()
                    continue
                for old, new in upload_ids.items():  # a multipart upload gets a new id when its creation is replayed
                    for name in ("QUERY_STRING", "RAW_URI", "REQUEST_URI"):
                        if name in variables:
                            variables[name] = variables[name].replace(f"uploadId={old}", f"uploadId={new}")
                environ = {**variables, "wsgi.input": body, "wsgi.errors": sys.stderr, "wsgi.version": (1, 0),
                           "wsgi.multithread": False, "wsgi.multiprocess": False, "wsgi.run_once": False}
                with body:
                    answer = b"".join(app(environ, lambda status, headers, exc_info=None: None))
                if upload_id and (match := _UPLOAD_ID.search(answer)):
                    upload_ids[upload_id] = match.group(1).decode()
                applied += 1
        finally:
            s3_notifications.send_event, s3_notifications.send_test_event = sending
        self.last = max([self.last, *journaled.values()])
        return applied


class Recorder:
    """WSGI middleware between the SigV4 gate and moto: a request that may change S3 or DynamoDB is applied by moto
    and, if it succeeded, appended to the journal, both under the journal's lock so the journal's order is moto's."""

    def __init__(self, app, journal):
        self.app, self.journal = app, journal

    def __call__(self, environ, start_response):
        service = environ.get(SERVICE_MARK)
        if service not in JOURNALED or service not in changed_services(environ):
            return self.app(environ, start_response)
        body = environ["wsgi.input"]  # spooled by the gate (on disk past 8 MB); read again for the journal
        # As moto receives them: moto's S3 handler changes some while it works (a form-typed PUT's mark and type are
        # taken out and put back), and a replay must see what moto saw, or it stores a form-typed object empty.
        variables = {k: v for k, v in environ.items() if isinstance(v, str)}
        status = []

        def capture(line, headers, exc_info=None):
            status.append(line)
            return start_response(line, headers, exc_info)

        with self.journal.lock:
            answer = self.app(environ, capture)
            chunks = list(answer)
            if hasattr(answer, "close"):
                answer.close()
            if status and status[0].startswith("2"):
                creates_upload = service == "s3" and environ.get("REQUEST_METHOD") == "POST" and "uploads" in _query_keys(environ)
                upload_id = _UPLOAD_ID.search(b"".join(chunks)) if creates_upload else None
                self.journal.append(service, variables, body, upload_id.group(1).decode() if upload_id else None)
        return chunks


def _query_keys(environ):
    return {part.partition("=")[0] for part in environ.get("QUERY_STRING", "").split("&")}


_DELIVERED = threading.local()


def _note_deliveries():
    """An S3 write changes SQS or SNS only when a bucket notification delivers to them: noted per request thread, so a
    write to a bucket without notifications (the curated zone's objects) does not rewrite SQS's file, which a burst
    of queued messages makes large."""
    for name in ("_send_sqs_message", "_send_sns_message"):
        deliver = getattr(s3_notifications, name)

        def delivering(*args, _deliver=deliver, **kwargs):
            _DELIVERED.any = True
            return _deliver(*args, **kwargs)

        setattr(s3_notifications, name, delivering)


class Durability:
    """WSGI middleware that answers a request which changed state only once that state is on disk.

    Group commit: a saver thread syncs the journal and writes every other service changed since its last round, and
    each changed request waits for the first round that began after it finished. A SIGKILL therefore loses no
    acknowledged change (a message sent, received or deleted, an object put, an item written, a subscription or
    notification made); what it can lose is a request whose answer was never sent, which the client retries as it
    would against AWS."""

    def __init__(self, app, path, journal, timeout=60):
        self.app, self.path, self.journal, self.timeout = app, path, journal, timeout
        self.condition = threading.Condition()
        self.changed = 0  # sequence number of the last change
        self.saved = 0  # every change up to this sequence number is on disk
        self.dirty = set()
        self.stopping = False

    def __call__(self, environ, start_response):
        _DELIVERED.any = False
        body = self.app(environ, start_response)
        services = changed_services(environ)
        if environ.get(SERVICE_MARK) == "s3" and not _DELIVERED.any:
            services = tuple(s for s in services if s not in ("sqs", "sns"))
        if not services:
            return body
        chunks = list(body)  # moto has done the work; what it answers waits for the save
        if hasattr(body, "close"):
            body.close()
        with self.condition:
            self.changed += 1
            mine = self.changed
            self.dirty.update(s for s in services if s not in JOURNALED)
            self.condition.notify_all()
            if not self.condition.wait_for(lambda: self.saved >= mine or self.stopping, self.timeout):
                print(f"lake_moto: a change waited {self.timeout}s for its save", file=sys.stderr, flush=True)
        return chunks

    def run(self):
        """The saver thread: a round per batch of changes; a failed round (a backend changed mid-pickle) is retried."""
        while True:
            with self.condition:
                self.condition.wait_for(lambda: self.changed > self.saved or self.stopping)
                if self.stopping:
                    return
                target, services, self.dirty = self.changed, self.dirty, set()
            try:
                self.journal.sync()
                save(self.path, sorted(services))
                if self.journal.size > JOURNAL_LIMIT:
                    self.fold()
            except Exception as error:  # a request changed a backend while it was pickled: save it again
                with self.condition:
                    self.dirty.update(services)
                print(f"lake_moto: save retried ({type(error).__name__}: {error})", file=sys.stderr, flush=True)
                time.sleep(0.01)
                continue
            with self.condition:
                self.saved = max(self.saved, target)
                self.condition.notify_all()

    def fold(self):
        """Writes the journaled services whole and empties the journal; their changes wait meanwhile."""
        with self.journal.lock:
            save(self.path, JOURNALED, self.journal.last)
            self.journal.truncate()

    def stop(self):
        with self.condition:
            self.stopping = True
            self.condition.notify_all()


# --- The SigV4 gate ------------------------------------------------------------------------------------------------

ALGORITHM = "AWS4-HMAC-SHA256"
MAX_SKEW = 15 * 60  # seconds a header-signed request's X-Amz-Date may be off, as S3 allows
MAX_PRESIGN = 7 * 24 * 3600  # S3's longest presigned URL
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
UNSIGNED = "UNSIGNED-PAYLOAD"
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


def _uri_encode(text, safe="-_.~"):
    return urllib.parse.quote(text, safe=safe)


def _canonical_path(raw_path, service):
    # AWS decodes the path, then signs it encoded once (S3) or twice (every other service).
    path = _uri_encode(urllib.parse.unquote(raw_path or "/"), safe="-_.~/")
    return path if service == "s3" else _uri_encode(path, safe="-_.~/")


def _query_pairs(raw_query):
    pairs = []
    for part in raw_query.split("&") if raw_query else []:
        name, _, value = part.partition("=")
        pairs.append((urllib.parse.unquote(name), urllib.parse.unquote(value)))
    return pairs


def _canonical_query(pairs):
    return "&".join(f"{_uri_encode(n, '-_.~')}={_uri_encode(v, '-_.~')}" for n, v in sorted(pairs))


def _header(environ, name):
    if name == "content-type":
        return environ.get("CONTENT_TYPE")
    if name == "content-length":
        return environ.get("CONTENT_LENGTH")
    return environ.get("HTTP_" + name.upper().replace("-", "_"))


def _signing_key(secret, date, region, service):
    key = ("AWS4" + secret).encode()
    for part in (date, region, service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key


def _amz_time(text):
    return calendar.timegm(time.strptime(text, "%Y%m%dT%H%M%SZ"))


class Refusal(Exception):
    """A request refused as AWS refuses it: status, code, message and the fields S3 adds to its error."""

    def __init__(self, status, code, message, **fields):
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields


class SignedRequest:
    """What a request's signature claims, from its Authorization header or its presigned query."""

    def __init__(self, environ):
        raw_uri = environ.get("RAW_URI") or environ.get("REQUEST_URI") or environ.get("PATH_INFO", "/")
        self.raw_path, _, self.raw_query = raw_uri.partition("?")
        self.pairs = _query_pairs(self.raw_query)
        query = dict(self.pairs)
        authorization = environ.get("HTTP_AUTHORIZATION", "")
        self.presigned = "X-Amz-Algorithm" in query
        if authorization.startswith(ALGORITHM + " "):
            fields = dict(f.strip().split("=", 1) for f in authorization[len(ALGORITHM) + 1:].split(",") if "=" in f)
            credential, signed, self.signature = fields.get("Credential"), fields.get("SignedHeaders"), fields.get("Signature")
            self.amz_date = _header(environ, "x-amz-date") or ""
        elif self.presigned:
            if query["X-Amz-Algorithm"] != ALGORITHM:
                raise Refusal(400, "AuthorizationQueryParametersError", f"X-Amz-Algorithm only supports \"{ALGORITHM}\"")
            credential, signed, self.signature = query.get("X-Amz-Credential"), query.get("X-Amz-SignedHeaders"), query.get("X-Amz-Signature")
            self.amz_date = query.get("X-Amz-Date", "")
            self.expires = query.get("X-Amz-Expires", "")
        elif authorization.startswith("AWS ") or "Signature" in query or "AWSAccessKeyId" in query:
            raise Refusal(400, "InvalidRequest", f"The authorization mechanism you have provided is not supported. Please use {ALGORITHM}.")
        else:
            raise Refusal(403, "AccessDenied", "Access Denied")
        if not (credential and signed and self.signature):
            raise Refusal(400, "AuthorizationHeaderMalformed" if not self.presigned else "AuthorizationQueryParametersError",
                          "The authorization is missing Credential, SignedHeaders or Signature.")
        scope = credential.split("/")
        if len(scope) != 5 or scope[4] != "aws4_request":
            raise Refusal(400, "AuthorizationHeaderMalformed", f"The credential '{credential}' is not ACCESS/DATE/REGION/SERVICE/aws4_request.")
        self.access_key, self.date, self.region, self.service = scope[:4]
        self.scope = "/".join(scope[1:])
        self.signed_headers = signed.split(";")


class SigV4Gate:
    """WSGI middleware: verifies each request's SigV4 signature before moto sees it (moto checks none)."""

    def __init__(self, app, credentials, clock=time.time, policies=None):
        self.app, self.credentials, self.clock = app, credentials, clock
        self.policies = policies or {}  # access key -> (principal, statements): least privilege (lake_policy)

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD", "GET")
        if environ.get("PATH_INFO", "").startswith("/moto-api") and method in ("GET", "HEAD"):
            return self.app(environ, start_response)
        try:
            request = SignedRequest(environ)
            self.verify(request, environ)
            if request.access_key in self.policies:
                self.authorize(request, environ)
        except Refusal as refusal:
            return self.refuse(environ, start_response, refusal)
        environ[SERVICE_MARK] = request.service
        if request.service == "s3" and method in ("PUT", "POST") and (environ.get("CONTENT_TYPE") or "").lower().startswith(FORM_TYPES):
            # S3 stores a PUT's body whatever its Content-Type; moto would parse a form type as a form and lose it.
            environ[FORM_MARK] = environ["CONTENT_TYPE"]
        return self.app(environ, start_response)

    def verify(self, request, environ):
        secret = self.credentials.get(request.access_key)
        if secret is None:
            raise Refusal(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.",
                          AWSAccessKeyId=request.access_key)
        try:
            signed_at = _amz_time(request.amz_date)
        except ValueError:
            raise Refusal(403, "AccessDenied", f"X-Amz-Date '{request.amz_date}' is not an ISO 8601 basic date (yyyyMMddTHHmmssZ).")
        if request.date != request.amz_date[:8]:
            raise Refusal(403, "SignatureDoesNotMatch", f"The credential's date {request.date} is not the day of X-Amz-Date {request.amz_date}.")
        now = self.clock()
        if request.presigned:
            if not request.expires.isdigit() or not 0 < int(request.expires) <= MAX_PRESIGN:
                raise Refusal(400, "AuthorizationQueryParametersError", "X-Amz-Expires must be more than 0 and at most 604800 seconds.")
            if now > signed_at + int(request.expires):
                raise Refusal(403, "AccessDenied", "Request has expired", **{
                    "X-Amz-Expires": request.expires,
                    "Expires": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(signed_at + int(request.expires))),
                    "ServerTime": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))})
            if signed_at > now + MAX_SKEW:
                raise Refusal(403, "AccessDenied", "Request is not valid yet")
        elif abs(now - signed_at) > MAX_SKEW:
            raise Refusal(403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.",
                          RequestTime=request.amz_date, ServerTime=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now)))

        payload = self.payload_hash(request, environ)
        headers = "".join(f"{name}:{' '.join((_header(environ, name) or '').split())}\n" for name in request.signed_headers)
        pairs = [(n, v) for n, v in request.pairs if not (request.presigned and n == "X-Amz-Signature")]
        canonical = "\n".join([environ.get("REQUEST_METHOD", "GET"), _canonical_path(request.raw_path, request.service),
                               _canonical_query(pairs), headers, ";".join(request.signed_headers), payload])
        to_sign = "\n".join([ALGORITHM, request.amz_date, request.scope, hashlib.sha256(canonical.encode()).hexdigest()])
        expected = hmac.new(_signing_key(secret, request.date, request.region, request.service), to_sign.encode(), hashlib.sha256).hexdigest()
        if "host" not in request.signed_headers or not hmac.compare_digest(expected, request.signature):
            raise Refusal(403, "SignatureDoesNotMatch",
                          "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
                          AWSAccessKeyId=request.access_key, StringToSign=to_sign, SignatureProvided=request.signature,
                          CanonicalRequest=canonical)

    def authorize(self, request, environ):
        principal, statements = self.policies[request.access_key]
        body = b""
        if request.service != "s3":
            body = environ["wsgi.input"].read()  # spooled by verify()
            environ["wsgi.input"].seek(0)
        for action, resource in lake_policy.request_actions(environ, request.service, request.region, body):
            if not lake_policy.allowed(statements, action, [resource]):
                print(f"lake_moto: denied {principal} {action} on {resource}", flush=True)
                raise Refusal(403, "AccessDenied", f"User: arn:aws:iam::{lake_policy.ACCOUNT}:user/{principal} is not authorized "
                                                   f"to perform: {action} on resource: {resource} because no identity-based policy allows the {action} action")

    def payload_hash(self, request, environ):
        declared = _header(environ, "x-amz-content-sha256")
        unsigned = request.presigned or (declared and (declared == UNSIGNED or declared.startswith("STREAMING-")))
        # Every body is read whole before moto sees it: one short of its Content-Length (a client that died or gave up
        # mid-PUT) is refused, as S3 refuses it, instead of being stored cut off under the checksum it declared.
        actual = self.buffer_body(environ, digest=not unsigned)
        if request.presigned:
            return UNSIGNED
        if unsigned:
            return declared  # the seed signature is checked; aws-chunked chunk signatures are not
        if declared and declared != actual:
            raise Refusal(400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.",
                          ClientComputedContentSHA256=declared, S3ComputedContentSHA256=actual)
        return declared or actual

    @staticmethod
    def buffer_body(environ, digest=True):
        """Reads the body once (hashing it unless DIGEST is false) into a spooled file that moto then reads in its
        place; refuses a body that ends before its Content-Length."""
        length = environ.get("CONTENT_LENGTH")
        stream = environ["wsgi.input"]
        remaining = int(length) if length and length.isdigit() else (None if environ.get("wsgi.input_terminated") else 0)
        spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
        hashed = hashlib.sha256()
        while remaining is None or remaining > 0:
            chunk = stream.read(65536 if remaining is None else min(65536, remaining))
            if not chunk:
                break
            if digest:
                hashed.update(chunk)
            spool.write(chunk)
            if remaining is not None:
                remaining -= len(chunk)
        if remaining:
            spool.close()
            raise Refusal(400, "IncompleteBody", "You did not provide the number of bytes specified by the Content-Length HTTP header.",
                          NumberBytesExpected=length, NumberBytesProvided=str(int(length) - remaining))
        environ["CONTENT_LENGTH"] = str(spool.tell())
        spool.seek(0)
        environ["wsgi.input"] = spool
        environ.pop("wsgi.input_terminated", None)
        return hashed.hexdigest()

    @staticmethod
    def refuse(environ, start_response, refusal):
        _drain(environ)
        request_id = uuid.uuid4().hex.upper()[:16]
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        content_type = (environ.get("CONTENT_TYPE") or "").lower()
        if target or content_type.startswith("application/x-amz-json"):
            # JSON protocols (DynamoDB, Glue, SQS): DynamoDB names a bad signature InvalidSignatureException, with 400.
            dynamo = target.startswith("DynamoDB")
            code = ("InvalidSignatureException" if dynamo and refusal.code == "SignatureDoesNotMatch"
                    else "AccessDeniedException" if refusal.code == "AccessDenied" and "is not authorized" in refusal.message
                    else refusal.code)
            status = 400 if (dynamo or code == "AccessDeniedException") and refusal.status == 403 else refusal.status
            body = json.dumps({"__type": code, "message": refusal.message}).encode()
            headers = [("Content-Type", "application/x-amz-json-1.0")]
        elif environ.get("REQUEST_METHOD") == "POST" and content_type.startswith("application/x-www-form-urlencoded"):
            # Query protocol (SNS, SQS's older clients).
            body = (f"<ErrorResponse><Error><Type>Sender</Type><Code>{refusal.code}</Code><Message>{escape(refusal.message)}</Message>"
                    f"</Error><RequestId>{request_id}</RequestId></ErrorResponse>").encode()
            status, headers = refusal.status, [("Content-Type", "text/xml")]
        else:
            fields = "".join(f"<{name}>{escape(str(value))}</{name}>" for name, value in refusal.fields.items())
            body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{refusal.code}</Code><Message>{escape(refusal.message)}</Message>'
                    f"{fields}<RequestId>{request_id}</RequestId><HostId>{request_id}</HostId></Error>").encode()
            status, headers = refusal.status, [("Content-Type", "application/xml")]
        reason = {400: "Bad Request", 403: "Forbidden"}.get(status, "Error")
        start_response(f"{status} {reason}", headers + [("Content-Length", str(len(body))), ("x-amz-request-id", request_id), ("Connection", "close")])
        return [body]


FORM_MARK = "lake.form_content_type"
SERVICE_MARK = "lake.service"


def _drain(environ, limit=64 * 1024 * 1024):
    """Reads what is left of a refused request's body (up to a bound), so the client gets the answer, not a reset."""
    length = environ.get("CONTENT_LENGTH")
    remaining = int(length) if length and length.isdigit() else 0
    stream = environ.get("wsgi.input")
    while stream is not None and 0 < remaining <= limit:
        chunk = stream.read(min(65536, remaining))
        if not chunk:
            break
        remaining -= len(chunk)


def _keep_form_bodies():
    """moto parses a form-typed S3 PUT as a form (storing 0 bytes, or hanging on binary): while moto reads the body,
    the request's Content-Type is octet-stream; the client's type is what moto stores (it copied the headers)."""
    original = S3Response.setup_class

    def setup_class(self, request, full_url, headers, *args, **kwargs):
        form_type = request.environ.pop(FORM_MARK, None)
        if form_type is None:
            return original(self, request, full_url, headers, *args, **kwargs)
        request.environ["CONTENT_TYPE"] = "application/octet-stream"
        request.__dict__.pop("_parsed_content_type", None)
        try:
            original(self, request, full_url, headers, *args, **kwargs)
        finally:
            request.environ["CONTENT_TYPE"] = form_type
            request.__dict__.pop("_parsed_content_type", None)

    S3Response.setup_class = setup_class


def _size_items_once():
    """moto checks an item's 400 KB limit on every attribute it sets, summing all the item's attributes each time: a
    new item of n attributes costs n²/2 size computations, most of a serving table's BatchWriteItem (11 attributes).
    The same limit, checked once on the whole new item."""
    item_class, limited, too_large, bytesize = dynamo_type.Item, dynamo_type.LimitedSizeDict, dynamo_type.ItemSizeTooLarge, dynamo_type.bytesize

    def __init__(self, hash_key, range_key, attrs):
        self.hash_key, self.range_key = hash_key, range_key
        values = {key: dynamo_type.DynamoType(value) for key, value in attrs.items()}
        if sum(bytesize(key) + value.size() for key, value in values.items()) > 405000:  # moto's own limit
            raise too_large
        self.attrs = limited()
        dict.update(self.attrs, values)

    item_class.__init__ = __init__


def _receive_in_linear_time():
    """moto's ReceiveMessage checks each message it returns against the queue's retention by computing every queue
    attribute, three of which count the queue's messages, each count asking the clock per message through two datetime
    conversions: a receive cost O(returned x queued), 0.4 s for 10 of 1,000 queued messages, 1.6 s with 3,000 (the
    1,000-file burst's slowdown). The same check from the queue's retention period, and the same clock read directly
    (moto's clock is the system's in server mode)."""
    from moto.sqs import models as sqs_models
    unix_time, unix_time_millis = sqs_models.unix_time, sqs_models.unix_time_millis

    def is_message_valid_based_on_retention_period(self, queue_name, message):
        retention = int(self.get_queue(queue_name).message_retention_period)
        return retention + message.sent_timestamp / 1000 > time.time()

    sqs_models.SQSBackend.is_message_valid_based_on_retention_period = is_message_valid_based_on_retention_period
    sqs_models.unix_time = lambda dt=None: time.time() if dt is None else unix_time(dt)
    sqs_models.unix_time_millis = lambda dt=None: time.time() * 1000.0 if dt is None else unix_time_millis(dt)


def _list_moto_modules_once():
    """moto's dispatcher asks whether a request's host is a moto module name by listing moto's package directory (a
    stat of each of its ~180 entries) on every request, about a fifth of a small S3 PUT's time here. The directory
    does not change while the server runs: listed once."""
    from moto import backends
    modules = tuple(backends.list_of_moto_modules())
    backends.list_of_moto_modules = lambda: modules


def _bucket_items_in_one_pass():
    """moto lists a bucket (every LIST, with or without a prefix) by iterating all its keys, calling two methods per key
    to find each one's newest version: a LIST of 1,000 key files in a bucket of 33,000 objects took 55 ms, and each
    upload's transform lists twice. The same pairs from one copy of the dict (moto copies it for concurrency too):
    8.5 ms."""
    from moto.s3.utils import _VersionedKeyStore

    def items(self):
        for key, versions in dict(self).items():
            yield key, versions[-1]

    _VersionedKeyStore.items = _VersionedKeyStore.iteritems = items


def _query_one_hash_key():
    """moto answers a Query on a table (not an index) by listing and sorting every item of the table, then keeping the
    hash key's: O(table) per Query. The status table holds ~8 items per upload, so every status read (the validate
    function's, the transform's, a user's) cost more as uploads accumulated; with 1,000 uploads a read took ~20 times
    what it did in an empty lake, which is what slowed the 1,000-file burst. The same query over the hash key's own
    items (moto keeps them together), sorted and filtered by moto's own code as before."""
    from moto.dynamodb.models.table import Table
    original = Table.query
    parameters = inspect.signature(original)

    class OneHashKey:
        """The table as the query sees it, its items those of one hash key."""

        def __init__(self, table, hash_key):
            self._table, self._hash_key = table, hash_key

        def __getattr__(self, name):
            return getattr(self._table, name)

        def all_items(self):
            found = dict.get(self._table.items, self._hash_key)
            if found is None:
                return []
            return list(found.values()) if self._table.range_key_attr else [found]

    def query(self, hash_key, *args, **kwargs):
        index_name = parameters.bind(self, hash_key, *args, **kwargs).arguments.get("index_name")
        if index_name or hash_key is None:
            return original(self, hash_key, *args, **kwargs)
        return original(OneHashKey(self, hash_key), hash_key, *args, **kwargs)

    Table.query = query


HEALTH_PATH = "/lake/health"
HEALTH_BODY = b'{"status":"ok"}'


class Health:
    """WSGI middleware: GET/HEAD /lake/health answers 200 as soon as the server serves, touching no backend (the
    AppHost's health check; /moto-api/data.json would serialise every backend on each probe)."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD", "GET")
        if environ.get("PATH_INFO", "") != HEALTH_PATH or method not in ("GET", "HEAD"):
            return self.app(environ, start_response)
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(HEALTH_BODY))), ("Cache-Control", "no-store")])
        return [b"" if method == "HEAD" else HEALTH_BODY]


class LakeDispatcher(DomainDispatcherApplication):
    """moto's dispatcher reads a form-typed body to find an Action=; on a binary body it fails to decode it and leaves
    the stream consumed, so moto then waits for bytes that never come. A signed S3 PUT is no query-protocol call."""

    def _get_body(self, environ):
        return None if FORM_MARK in environ else super()._get_body(environ)


def parse_principals(values, template, parameters, region, credentials):
    """--principal ACCESS:SECRET:POLICY binds a key to one of the template's managed policies (and accepts it)."""
    if not values:
        return {}
    if not template:
        raise SystemExit("lake_moto: --principal needs --template (the CloudFormation template declaring the policies)")
    policies = lake_policy.load_policies(template, dict(p.split("=", 1) for p in parameters), region)
    bound = {}
    for value in values:
        access, secret, policy = (value.split(":", 2) + ["", ""])[:3]
        if not access or not secret or policy not in policies:
            raise SystemExit(f"lake_moto: --principal must be ACCESS:SECRET:POLICY with POLICY one of {sorted(policies)}, got '{access}:...:{policy}'")
        credentials[access] = secret
        bound[access] = (access, policies[policy])
    return bound


def parse_credentials(values):
    credentials = {}
    for value in values:
        for pair in filter(None, (p.strip() for p in value.split(","))):
            access, _, secret = pair.partition(":")
            if not access or not secret:
                raise SystemExit(f"lake_moto: credentials must be ACCESS:SECRET, got '{pair}'")
            credentials[access] = secret
    return credentials


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=4566)
    parser.add_argument("--state", help="file the state is loaded from and saved to")
    parser.add_argument("--credentials", action="append", default=[],
                        help="ACCESS:SECRET accepted as a signing key (repeatable, or comma-separated); default test:test")
    parser.add_argument("--principal", action="append", default=[],
                        help="ACCESS:SECRET:POLICY: a key that may do only what the template's managed policy POLICY allows")
    parser.add_argument("--template", help="CloudFormation template whose AWS::IAM::ManagedPolicy resources --principal names")
    parser.add_argument("--parameter", action="append", default=[], help="NAME=VALUE for the template's parameters (repeatable)")
    parser.add_argument("--region", default=os.environ.get("AWS_REGION") or "us-east-1", help="region in the policies' ARNs")
    args = parser.parse_args()
    os.environ.setdefault("MOTO_PORT", str(args.port))

    credentials = parse_credentials(args.credentials or [os.environ.get("LAKE_MOTO_CREDENTIALS") or "test:test"])
    policies = parse_principals(args.principal, args.template, args.parameter, args.region, credentials)
    _keep_form_bodies()
    _size_items_once()
    _receive_in_linear_time()
    _list_moto_modules_once()
    _bucket_items_in_one_pass()
    _query_one_hash_key()
    _note_deliveries()
    moto_app = LakeDispatcher(create_backend_app)
    durability = None
    if args.state:
        os.makedirs(os.path.dirname(os.path.abspath(args.state)), exist_ok=True)
        loaded, journaled = load(args.state)
        journal = Journal(args.state)
        replayed = journal.replay(moto_app, journaled)
        if replayed:
            save(args.state, JOURNALED, journal.last)  # folded in: the journal starts empty
        journal.open()
        journal.truncate()
        print(f"lake_moto: {loaded}" + (f"; {replayed} journaled changes replayed" if replayed else ""), flush=True)
        durability = Durability(SigV4Gate(Recorder(moto_app, journal), credentials, policies=policies), args.state, journal)
    app = durability or SigV4Gate(moto_app, credentials, policies=policies)
    # werkzeug listens with a backlog of 128: a burst of a thousand uploads' connections at once overflowed it and
    # had some reset ("response ended prematurely"), which AWS does not do.
    BaseWSGIServer.request_queue_size = LISTEN_BACKLOG
    server = make_server(args.host, args.port, Health(app), threaded=True)

    def stop(signum, frame):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if durability:
        threading.Thread(target=durability.run, daemon=True, name="saver").start()
    sampler = None
    if os.environ.get("LAKE_MOTO_SAMPLE"):  # diagnostics: where the threads spend their time (lake_sampler.py)
        import lake_sampler
        sampler = lake_sampler.Sampler(os.environ["LAKE_MOTO_SAMPLE"]).start()

    print(f"lake_moto: moto {moto.__version__} listening on http://{args.host}:{args.port}, "
          f"SigV4 checked for {len(credentials)} key(s), {len(policies)} with least privilege"
          f"{', every change saved before it is answered' if args.state else ''}", flush=True)
    server.serve_forever()
    if sampler:
        sampler.stop()
    if durability:
        durability.stop()
        size = save(args.state, journaled_up_to=durability.journal.last)
        durability.journal.truncate()
        print(f"lake_moto: state saved to {args.state} ({size} bytes)", flush=True)


if __name__ == "__main__":
    main()
