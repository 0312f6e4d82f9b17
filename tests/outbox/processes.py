"""Real parts for the outbox tests that the shared fixtures do not give: a Celery worker in
its own process (so it can be killed), and a Redis of the test's own (so it can be stopped)."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from django.conf import settings

from tests.support import ROOT, free_port, wait_for


def database_url():
    """The database pytest-django created, for a process started by the test."""
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def process_env(smtp_port, **extra):
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_TIMEOUT": "5",
        "CONN_MAX_AGE": "0",
        **{name: str(value) for name, value in extra.items()},
    }


class WorkerProcess:
    """`celery -A klmeetings worker -B` as `make run` starts it, in its own process group."""

    def __init__(self, env, workdir, pool="solo"):
        self.env = env
        self.workdir = workdir
        self.pool = pool
        self.process = None

    def start(self):
        self.log = open(Path(self.workdir) / "worker.log", "ab")  # noqa: SIM115 - closed in stop
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "klmeetings",
                "worker",
                "-B",
                f"--pool={self.pool}",
                "--concurrency=2",
                "--loglevel=warning",
                "--hostname",
                f"outbox-test-{free_port()}@%h",
                "--schedule",
                str(Path(self.workdir) / "beat-schedule"),
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def kill(self):
        """SIGKILL, no goodbye: what a crash or the OOM killer does."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()

    def output(self):
        return (Path(self.workdir) / "worker.log").read_text(errors="replace")


def purge_mail_queue():
    """Drop the sweeps a stopped worker's beat left in the shared test Redis, so they do not
    run in a later test."""
    from klmeetings.celery import app

    with app.connection_for_write() as broker:
        broker.default_channel.queue_purge("mail")


class RedisServer:
    """A redis-server of the test's own on a free loopback port, to stop and start again."""

    def __init__(self):
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="outbox-redis-")
        self.process = None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.dir,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert wait_for(self._answers, 10), "redis-server did not start"

    def _answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class DatabaseGate:
    """A loopback TCP relay in front of the tests' PostgreSQL, for a process started by the
    test: `close()` is PostgreSQL stopped as that process sees it (every open connection cut,
    new ones refused), `open()` is PostgreSQL back on the same port. The test's own connection
    goes direct, so it can watch."""

    def __init__(self):
        db = settings.DATABASES["default"]
        self.target = (db["HOST"], int(db["PORT"]))
        self.port = free_port()
        self.listener = None
        self.sockets = []
        self.lock = threading.Lock()

    def database_url(self):
        return database_url().replace(f":{self.target[1]}/", f":{self.port}/")

    def open(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def close(self):
        listener, self.listener = self.listener, None
        if listener:
            # shutdown() wakes the thread blocked in accept(); close() alone would not, and
            # the port would go on accepting.
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        with self.lock:
            sockets, self.sockets = self.sockets, []
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
