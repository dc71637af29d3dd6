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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
                    *SINGLE_BROKER,
                    "auto.create.topics.enable=true",
                    "",
                ]
            )
        )
        (workdir / "log4j2.properties").write_text(LOG4J2.format(log=workdir / "kafka.log"))
    jvm = _jvm(libs, workdir, heap)
    _format(jvm, props, data)
    broker = Broker(_launch(jvm, props, workdir), port, workdir)
    _wait_ready(broker, timeout)
    return broker


#: Settings of a one-broker dev cluster (internal topics with one replica, no rebalance delay).
SINGLE_BROKER = (
    "num.partitions=3",
    "offsets.topic.replication.factor=1",
    "offsets.topic.num.partitions=3",
    "transaction.state.log.replication.factor=1",
    "transaction.state.log.min.isr=1",
    "share.coordinator.state.topic.replication.factor=1",
    "share.coordinator.state.topic.min.isr=1",
    "group.initial.rebalance.delay.ms=0",
)


def _jvm(libs: Path, workdir: Path, heap: str) -> list[str]:
    return [
        _java(),
        f"-Xmx{heap}",
        f"-Xms{heap}",
        "-XX:+UseG1GC",
        "-Djava.awt.headless=true",
        f"-Dlog4j2.configurationFile={workdir / 'log4j2.properties'}",
        "-cp",
        f"{libs}/*",
    ]


def new_cluster_id(draw: Callable[[], bytes] = lambda: uuid.uuid4().bytes) -> str:
    """A random KRaft cluster id (16 bytes, URL-safe base64) that never starts with '-': the
    storage tool would read such an id as an option and fail (1 id in 64), as Kafka's own
    random ids avoid."""
    while True:
        cluster_id = base64.urlsafe_b64encode(draw()).rstrip(b"=").decode()
        if not cluster_id.startswith("-"):
            return cluster_id


def _format(jvm: list[str], props: Path, data: Path, extra: list[str] | None = None) -> None:
    """Format KRaft storage once (``extra``: e.g. ``--add-scram`` credentials)."""
    if (data / "meta.properties").exists():
        return
    subprocess.run(
        [*jvm, "kafka.tools.StorageTool", "format", "-t", new_cluster_id(), "-c", str(props)]
        + (extra or []),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _launch(jvm: list[str], props: Path, workdir: Path) -> subprocess.Popen[bytes]:
    out = (workdir / "stdout.log").open("ab")
    return subprocess.Popen(
        [*jvm, "kafka.Kafka", str(props)],
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


# --------------------------------------------------------------------------- TLS + SASL broker

#: The broker's own SCRAM user: inter-broker traffic and super user (it sets the ACLs).
ADMIN_USER = "admin"


@dataclass(frozen=True)
class Pki:
    """A throw-away CA and what it signed, as PEM files (made with the openssl CLI)."""

    ca_cert: Path
    broker_keystore: Path  # the broker's PKCS#8 key followed by its certificate
    client_cert: Path  # for mutual TLS: subject CN=sieve-mtls-client
    client_key: Path


def _openssl(*args: str) -> None:
    subprocess.run(["openssl", *args], check=True, capture_output=True)


def make_pki(directory: Path, hosts: tuple[str, ...] = ("127.0.0.1", "localhost")) -> Pki:
    """A CA, a broker certificate valid for ``hosts`` and a client certificate, in ``directory``.

    EC P-256 keys (fast to make); keys are PKCS#8, the only unencrypted form Kafka's PEM
    key store reads.
    """
    if not shutil.which("openssl"):
        raise RuntimeError("openssl not found: it makes the test certificates")
    directory.mkdir(parents=True, exist_ok=True)
    d = directory
    curve = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes")
    _openssl(
        "req",
        "-x509",
        *curve,
        "-keyout",
        str(d / "ca.key"),
        "-out",
        str(d / "ca.crt"),
        "-days",
        "2",
        "-subj",
        "/CN=sieve-test-ca",
    )
    sans = ",".join((f"IP:{h}" if h.replace(".", "").isdigit() else f"DNS:{h}") for h in hosts)
    for name, subject, ext in (
        ("broker", "/CN=sieve-test-broker", f"subjectAltName={sans}"),
        ("client", "/CN=sieve-mtls-client", "extendedKeyUsage=clientAuth"),
    ):
        _openssl(
            "req",
            *curve,
            "-keyout",
            str(d / f"{name}.key"),
            "-out",
            str(d / f"{name}.csr"),
            "-subj",
            subject,
        )
        ext_file = d / f"{name}.ext"
        ext_file.write_text(ext + "\n")
        _openssl(
            "x509",
            "-req",
            "-in",
            str(d / f"{name}.csr"),
            "-CA",
            str(d / "ca.crt"),
            "-CAkey",
            str(d / "ca.key"),
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            str(ext_file),
            "-out",
            str(d / f"{name}.crt"),
        )
    keystore = d / "broker-keystore.pem"
    keystore.write_text((d / "broker.key").read_text() + (d / "broker.crt").read_text())
    return Pki(d / "ca.crt", keystore, d / "client.crt", d / "client.key")


@dataclass
class SecureBroker(Broker):
    """A broker with a SASL_SSL listener (SCRAM-SHA-512 and PLAIN) and an SSL listener that
    requires a client certificate; the StandardAuthorizer denies what no ACL allows."""

    ssl_port: int = 0
    pki: Pki | None = None
    users: dict[str, str] | None = None

    @property
    def ssl_bootstrap(self) -> str:
        """Bootstrap servers of the mutual-TLS listener."""
        return f"127.0.0.1:{self.ssl_port}"

    def client(
        self, user: str, mechanism: str = "SCRAM-SHA-512", password: str | None = None
    ) -> dict[str, Any]:
        """librdkafka settings for ``user`` over SASL_SSL (``password`` overrides the real one)."""
        assert self.pki is not None
        assert self.users is not None
        return {
            "bootstrap.servers": self.bootstrap,
            "security.protocol": "sasl_ssl",
            "sasl.mechanism": mechanism,
            "sasl.username": user,
            "sasl.password": self.users[user] if password is None else password,
            "ssl.ca.location": str(self.pki.ca_cert),
        }


def _jaas_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def start_secure(
    workdir: Path,
    users: dict[str, str],
    heap: str = "512m",
    timeout: float = 90.0,
) -> SecureBroker:
    """Start a broker whose clients must authenticate: SASL_SSL (SCRAM-SHA-512 or PLAIN, the
    ``users`` name → password, created at storage-format time) and SSL with client
    certificates. ``admin`` (added when missing) is the super user. Ports are free ones
    and every file is under ``workdir``, so it never collides with the plain dev broker.
    """
    libs = fetch()
    workdir.mkdir(parents=True, exist_ok=True)
    users = {ADMIN_USER: uuid.uuid4().hex, **users}
    for name, password in users.items():
        if not name.isidentifier() or any(c in password for c in ',[]="\\\n'):
            raise ValueError(f'user {name!r}: use a plain name and a password without ,[]="\\')
    pki = make_pki(workdir / "pki")
    port, ssl_port, controller = free_port(), free_port(), free_port()
    props = workdir / "server.properties"
    data = workdir / "data"
    admin_pw = _jaas_escape(users[ADMIN_USER])
    plain_users = " ".join(f'user_{n}="{_jaas_escape(p)}"' for n, p in users.items())
    props.write_text(
        "\n".join(
            [
                "process.roles=broker,controller",
                "node.id=1",
                f"controller.quorum.voters=1@127.0.0.1:{controller}",
                f"listeners=SASL_SSL://127.0.0.1:{port},SSL://127.0.0.1:{ssl_port},"
                f"CONTROLLER://127.0.0.1:{controller}",
                f"advertised.listeners=SASL_SSL://127.0.0.1:{port},SSL://127.0.0.1:{ssl_port}",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=SASL_SSL",
                # the controller listens on loopback only; its peer is this same process
                "listener.security.protocol.map=SASL_SSL:SASL_SSL,SSL:SSL,CONTROLLER:PLAINTEXT",
                "sasl.enabled.mechanisms=SCRAM-SHA-512,PLAIN",
                "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512",
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config="
                "org.apache.kafka.common.security.scram.ScramLoginModule required "
                f'username="{ADMIN_USER}" password="{admin_pw}";',
                "listener.name.sasl_ssl.plain.sasl.jaas.config="
                "org.apache.kafka.common.security.plain.PlainLoginModule required "
                f'username="{ADMIN_USER}" password="{admin_pw}" {plain_users};',
                "listener.name.ssl.ssl.client.auth=required",
                "ssl.keystore.type=PEM",
                f"ssl.keystore.location={pki.broker_keystore}",
                "ssl.truststore.type=PEM",
                f"ssl.truststore.location={pki.ca_cert}",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                # ANONYMOUS is only the loopback controller listener: clients always authenticate
                f"super.users=User:{ADMIN_USER};User:ANONYMOUS",
                "allow.everyone.if.no.acl.found=false",
                f"log.dirs={data}",
                *SINGLE_BROKER,
                "auto.create.topics.enable=false",
                "",
            ]
        )
    )
    (workdir / "log4j2.properties").write_text(LOG4J2.format(log=workdir / "kafka.log"))
    jvm = _jvm(libs, workdir, heap)
    scram = []
    for name, password in users.items():
        scram += ["--add-scram", f"SCRAM-SHA-512=[name={name},password={password}]"]
    _format(jvm, props, data, scram)
    broker = SecureBroker(
        _launch(jvm, props, workdir), port, workdir, ssl_port=ssl_port, pki=pki, users=users
    )
    _wait_ready(broker, timeout, broker.client(ADMIN_USER))
    return broker


def _wait_ready(broker: Broker, timeout: float, client: dict[str, str] | None = None) -> None:
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
    admin = AdminClient({"bootstrap.servers": broker.bootstrap, **(client or {})})
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
