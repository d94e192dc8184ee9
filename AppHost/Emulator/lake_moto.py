"""moto_server whose state survives a restart.

Serves moto's single endpoint like `moto_server -H HOST -p PORT`. With --state FILE, the backends of the services
Lake uses are loaded from FILE at start and written back (atomically) when the server stops on SIGTERM or SIGINT,
and every --autosave seconds while requests keep coming, so even a crash of this process loses little.
The AppHost starts it; nothing else depends on it.
"""

import argparse
import copyreg
import io
import os
import pickle
import signal
import sys
import threading
import time

try:
    import moto
    from moto.backends import get_backend
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    from werkzeug.serving import make_server
except ImportError as error:  # pragma: no cover - reported to the AppHost
    print(f"moto is not installed for {sys.executable} ({error}): pip install \"moto[server]\"", file=sys.stderr)
    sys.exit(3)

# The services Lake uses; their state is what survives.
SERVICES = ("s3", "sqs", "sns", "glue", "dynamodb")
FORMAT = 1


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


def save(path):
    backends = {}
    for service in SERVICES:
        for account, regions in list(get_backend(service).items()):
            for region, backend in list(regions.items()):
                backends[(service, account, region)] = _dumps(backend)
    state = {"format": FORMAT, "moto": moto.__version__, "saved": time.time(), "backends": backends}
    temporary = f"{path}.tmp"
    with open(temporary, "wb") as file:
        pickle.dump(state, file, protocol=pickle.HIGHEST_PROTOCOL)
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)
    return sum(len(blob) for blob in backends.values())


def load(path):
    if not os.path.exists(path):
        return "no saved state: starting empty"
    try:
        with open(path, "rb") as file:
            state = pickle.load(file)
        if state.get("format") != FORMAT or state.get("moto") != moto.__version__:
            raise ValueError(f"saved by moto {state.get('moto')}, this is moto {moto.__version__}")
        for (service, account, region), blob in state["backends"].items():
            dict.__setitem__(get_backend(service)[account], region, pickle.loads(blob))
    except Exception as error:  # a state we cannot read must not stop the emulator
        kept = f"{path}.unreadable"
        os.replace(path, kept)
        return f"saved state not restored ({error}); starting empty, the old file is kept as {kept}"
    saved = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(state["saved"]))
    return f"restored {len(state['backends'])} service backends saved {saved}"


class ChangeTracker:
    """WSGI middleware noting that requests arrived since the last save."""

    def __init__(self, app):
        self.app = app
        self.dirty = False

    def __call__(self, environ, start_response):
        if not environ.get("PATH_INFO", "").startswith("/moto-api"):
            self.dirty = True
        return self.app(environ, start_response)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=4566)
    parser.add_argument("--state", help="file the state is loaded from and saved to")
    parser.add_argument("--autosave", type=float, default=30, help="seconds between saves while requests arrive")
    args = parser.parse_args()
    os.environ.setdefault("MOTO_PORT", str(args.port))

    if args.state:
        os.makedirs(os.path.dirname(os.path.abspath(args.state)), exist_ok=True)
        print(f"lake_moto: {load(args.state)}", flush=True)

    app = ChangeTracker(DomainDispatcherApplication(create_backend_app))
    server = make_server(args.host, args.port, app, threaded=True)
    stopping = threading.Event()

    def stop(signum, frame):
        stopping.set()
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    def autosave():
        while not stopping.wait(args.autosave):
            if app.dirty:
                app.dirty = False
                try:
                    save(args.state)
                except Exception as error:  # a request changed a backend mid-save: the next round catches up
                    app.dirty = True
                    print(f"lake_moto: autosave skipped ({error})", file=sys.stderr, flush=True)

    if args.state and args.autosave > 0:
        threading.Thread(target=autosave, daemon=True).start()

    print(f"lake_moto: moto {moto.__version__} listening on http://{args.host}:{args.port}", flush=True)
    server.serve_forever()
    if args.state:
        size = save(args.state)
        print(f"lake_moto: state saved to {args.state} ({size} bytes)", flush=True)


if __name__ == "__main__":
    main()
