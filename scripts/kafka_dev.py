"""A real single-node Apache Kafka (KRaft) on 127.0.0.1 for development and tests.

Broker jars come from Maven Central through ``scripts/kafka/pom.xml`` and are cached
outside the repository (``$SIEVE_CACHE``, default ``~/.cache/sieve``). Usage::

    scripts/kafka-dev fetch              # download the jars once
    scripts/kafka-dev start [--port N]   # format storage, start, print bootstrap servers
    scripts/kafka-dev stop               # stop the broker started by `start`
"""

from __future__ import annotations

import argparse
import base64
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

KAFKA_VERSION = "4.1.1"
POM = Path(__file__).resolve().parent / "kafka" / "pom.xml"
CACHE = Path(os.environ.get("SIEVE_CACHE", Path.home() / ".cache" / "sieve"))
LIBS = CACHE / "kafka" / f"libs-{KAFKA_VERSION}"
STATE = CACHE / "kafka" / "dev"

LOG4J2 = """\
status = warn
appender.file.type = File
appender.file.name = file
appender.file.fileName = {log}
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.file.ref = file
logger.kafka.name = kafka
logger.kafka.level = warn
logger.apache.name = org.apache.kafka
logger.apache.level = warn
"""


def fetch() -> Path:
    """Download the broker jars (no-op when cached); return the libs directory."""
    marker = LIBS / ".complete"
    if marker.exists():
        return LIBS
    LIBS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "mvn",
            "-q",
            "-B",
            "-Dstyle.color=never",
            "-f",
            str(POM),
            "dependency:copy-dependencies",
            f"-DoutputDirectory={LIBS}",
            f"-Dkafka.version={KAFKA_VERSION}",
        ],
        check=True,
    )
    marker.touch()
    return LIBS


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Broker:
    """A running broker process and where it keeps its files."""

    process: subprocess.Popen[bytes]
    port: int
    workdir: Path

    @property
    def bootstrap(self) -> str:
        """The bootstrap servers string for clients."""
        return f"127.0.0.1:{self.port}"

    def stop(self, timeout: float = 30.0) -> None:
        """SIGTERM (controlled shutdown), then SIGKILL if it does not exit in time."""
        stop_process(self.process, timeout)


def stop_process(process: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    """Terminate ``process`` gently, then by force."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


def _java() -> str:
    java = shutil.which("java")
    if not java:
        raise RuntimeError("java not found: install a JDK 17+ (Kafka 4 needs it)")
    return java


def start(
    workdir: Path | None = None, port: int | None = None, heap: str = "512m", timeout: float = 90.0
) -> Broker:
    """Format KRaft storage in ``workdir`` and start a broker+controller; wait until it serves.

    Called again with the same ``workdir`` and ``port`` it restarts on the existing data
    (tests restart Kafka this way).
    """
    libs = fetch()
    workdir = workdir or Path(tempfile.mkdtemp(prefix="sieve-kafka-"))
    workdir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    props = workdir / "server.properties"
    data = workdir / "data"
    if not props.exists():
        controller = free_port()
        props.write_text(
            "\n".join(
                [
                    "process.roles=broker,controller",
                    "node.id=1",
                    f"controller.quorum.voters=1@127.0.0.1:{controller}",
                    f"listeners=PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller}",
                    f"advertised.listeners=PLAINTEXT://127.0.0.1:{port}",
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    f"log.dirs={data}",
                    "num.partitions=3",
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=3",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "auto.create.topics.enable=true",
                    "",
                ]
            )
        )
        (workdir / "log4j2.properties").write_text(LOG4J2.format(log=workdir / "kafka.log"))
    classpath = f"{libs}/*"
    jvm = [
        _java(),
        f"-Xmx{heap}",
        f"-Xms{heap}",
        "-XX:+UseG1GC",
        "-Djava.awt.headless=true",
        f"-Dlog4j2.configurationFile={workdir / 'log4j2.properties'}",
        "-cp",
        classpath,
    ]
    if not (data / "meta.properties").exists():
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).rstrip(b"=").decode()
        subprocess.run(
            [*jvm, "kafka.tools.StorageTool", "format", "-t", cluster_id, "-c", str(props)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    out = (workdir / "stdout.log").open("ab")
    process = subprocess.Popen(
        [*jvm, "kafka.Kafka", str(props)],
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    broker = Broker(process, port, workdir)
    _wait_ready(broker, timeout)
    return broker


def _wait_ready(broker: Broker, timeout: float) -> None:
    from confluent_kafka.admin import AdminClient

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:  # the port first, so the client logs no refusals
        if broker.process.poll() is not None:
            raise RuntimeError(
                f"Kafka exited with {broker.process.returncode}; see {broker.workdir}"
            )
        try:
            socket.create_connection(("127.0.0.1", broker.port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    admin = AdminClient({"bootstrap.servers": broker.bootstrap})
    while time.monotonic() < deadline:
        if broker.process.poll() is not None:
            raise RuntimeError(
                f"Kafka exited with {broker.process.returncode}; see {broker.workdir}"
            )
        try:
            md = admin.list_topics(timeout=2)
            if md.brokers:
                return
        except Exception:  # not up yet
            time.sleep(0.3)
    broker.stop()
    raise RuntimeError(f"Kafka did not become ready in {timeout:.0f}s; see {broker.workdir}")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Run Apache Kafka (KRaft) on 127.0.0.1.")
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("fetch", help="download and cache the broker jars")
    st = sub.add_parser("start", help="start a broker in the background")
    st.add_argument("--port", type=int, default=9092)
    sub.add_parser("stop", help="stop the broker started by `start`")
    args = parser.parse_args(argv)
    if args.cmd == "fetch":
        print(fetch())
        return 0
    pidfile = STATE / "pid"
    if args.cmd == "start":
        if STATE.exists():
            shutil.rmtree(STATE)
        broker = start(STATE, args.port)
        pidfile.write_text(str(broker.process.pid))
        print(broker.bootstrap)
        return 0
    if pidfile.exists():
        os.kill(int(pidfile.read_text()), signal.SIGTERM)
        pidfile.unlink()
        print("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
