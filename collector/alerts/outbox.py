"""The durable outbox: alerts are written in the transaction that changes the violations.

`AlertRecorder.on_violations` is the store's hook: it runs inside the ingest (or policy
reload) transaction, so a violation and its alert commit together or not at all. De-duplication
is by the event key (violation, opening generation, state, reminder number), unique in
``alert_events``; ``alert_violations`` remembers whether a violation is open, so evaluating
the same violation again raises nothing new.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Connection, and_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from collector.alerts import metrics
from collector.alerts.config import AlertsConfig
from collector.alerts.events import Party, ViolationFacts, build_event, event_key, violation_key
from collector.alerts.tables import alert_deliveries, alert_events, alert_violations
from collector.policies import SENSITIVITY_NAMES, PolicySet
from collector.schema import endpoints, violations, workloads
from collector.stored_rows import iso, kind_name

log = logging.getLogger(__name__)

_HOUR_US = 3_600_000_000


@dataclass(frozen=True)
class _Row:
    """A violation as the recorder needs it (from the new values or the stored row)."""

    policy_key: str
    policy_name: str
    endpoint_id: int
    direction: str
    data_type: str
    sender_id: int
    receiver_id: int
    sensitivity: int
    message: str
    first_seen_us: int
    last_seen_us: int

    @property
    def key(self) -> str:
        return violation_key(self.policy_key, self.endpoint_id, self.direction, self.data_type)


class AlertRecorder:
    """Turns violation changes into outbox rows, one per alert and sink."""

    def __init__(self, config: AlertsConfig, notify: Callable[[], None] | None = None) -> None:
        self.config = config
        self._notify = notify or (lambda: None)
        # Per thread: the transaction that wrote alerts is the one whose commit announces them.
        self._local = threading.local()

    def committed(self) -> None:
        """The store's after-commit hook: wake the sinks when this thread's transaction just
        wrote alerts (not before the commit: they would not see the rows yet)."""
        if getattr(self._local, "dirty", False):
            self._local.dirty = False
            self._notify()

    # --- the store's hook ------------------------------------------------------------------

    def on_violations(
        self,
        conn: Connection,
        policies: PolicySet,
        opened: list[dict[str, Any]],
        resolved_ids: list[int],
        now_us: int,
    ) -> None:
        """Record ``opened`` (new violation rows) and ``resolved_ids`` (rows about to go)."""
        rows = [_Row(**{f: values[f] for f in _Row.__dataclass_fields__}) for values in opened]
        gone: list[_Row] = []
        if resolved_ids:
            query = select(*(violations.c[f] for f in _Row.__dataclass_fields__)).where(
                violations.c.id.in_(resolved_ids)
            )
            gone = [_Row(*r) for r in conn.execute(query)]
        if not rows and not gone:
            return
        context = _Context.load(conn, [*rows, *gone])
        added = 0
        for row in rows:
            severity = policies.severity(row.policy_key, row.sensitivity)
            added += self._open(conn, row, severity, context, now_us)
        for row in gone:
            added += self._resolve(conn, row, context, now_us)
        if added:
            self._local.dirty = True  # the store calls committed() after the commit

    def _open(self, conn: Connection, row: _Row, severity: str, ctx: _Context, now_us: int) -> int:
        vkey = row.key
        state = conn.execute(
            select(alert_violations).where(alert_violations.c.violation_key == vkey)
        ).first()
        if state is not None and state.is_open:
            return 0  # already alerted as open (e.g. the violation row was rewritten)
        generation = 1 if state is None else int(state.generation) + 1
        values = {
            "policy_name": row.policy_name,
            "severity": severity,
            "generation": generation,
            "is_open": 1,
            "opened_at_us": now_us,
            "reminders": 0,
            "last_alert_us": now_us,
        }
        if state is None:
            conn.execute(
                alert_violations.insert().values(
                    violation_key=vkey,
                    policy_key=row.policy_key,
                    endpoint_id=row.endpoint_id,
                    direction=row.direction,
                    data_type=row.data_type,
                    **values,
                )
            )
        else:
            conn.execute(
                update(alert_violations)
                .where(alert_violations.c.violation_key == vkey)
                .values(**values)
            )
        facts = ctx.facts(row, severity)
        key = event_key(vkey, generation, "opened")
        return self._enqueue(
            conn, key, state="opened", facts=facts, opened_us=now_us, now_us=now_us
        )

    def _resolve(self, conn: Connection, row: _Row, ctx: _Context, now_us: int) -> int:
        vkey = row.key
        state = conn.execute(
            select(alert_violations).where(alert_violations.c.violation_key == vkey)
        ).first()
        if state is None or not state.is_open:
            return 0  # opened before alerts were configured, or already resolved
        conn.execute(
            update(alert_violations)
            .where(alert_violations.c.violation_key == vkey)
            .values(is_open=0, last_alert_us=now_us)
        )
        facts = ctx.facts(row, str(state.severity))
        key = event_key(vkey, int(state.generation), "resolved")
        return self._enqueue(
            conn, key, state="resolved", facts=facts, opened_us=int(state.opened_at_us),
            now_us=now_us,
        )  # fmt: skip

    # --- reminders -------------------------------------------------------------------------

    def enqueue_reminders(self, conn: Connection, now_us: int) -> int:
        """A ``still_open`` alert for each violation open ``still_open_hours`` since its last
        alert; return how many were enqueued."""
        if self.config.still_open_hours <= 0:
            return 0
        due_before = now_us - int(self.config.still_open_hours * _HOUR_US)
        states = list(
            conn.execute(
                select(alert_violations).where(
                    and_(
                        alert_violations.c.is_open == 1,
                        alert_violations.c.last_alert_us <= due_before,
                    )
                )
            )
        )
        added = 0
        for state in states:
            current = self._current_row(conn, state)
            if current is None:
                continue
            row, context = current
            reminder = int(state.reminders) + 1
            conn.execute(
                update(alert_violations)
                .where(alert_violations.c.violation_key == state.violation_key)
                .values(reminders=reminder, last_alert_us=now_us)
            )
            key = event_key(str(state.violation_key), int(state.generation), "still_open", reminder)
            facts = context.facts(row, str(state.severity))
            added += self._enqueue(
                conn, key, state="still_open", facts=facts, opened_us=int(state.opened_at_us),
                now_us=now_us,
            )  # fmt: skip
        return added

    @staticmethod
    def _current_row(conn: Connection, state: Any) -> tuple[_Row, _Context] | None:
        found = conn.execute(
            select(*(violations.c[f] for f in _Row.__dataclass_fields__)).where(
                violations.c.policy_key == state.policy_key,
                violations.c.endpoint_id == state.endpoint_id,
                violations.c.direction == state.direction,
                violations.c.data_type == state.data_type,
            )
        ).first()
        if found is None:
            return None
        row = _Row(*found)
        return row, _Context.load(conn, [row])

    # --- outbox ----------------------------------------------------------------------------

    def _enqueue(
        self,
        conn: Connection,
        key: str,
        *,
        state: str,
        facts: ViolationFacts,
        opened_us: int,
        now_us: int,
    ) -> int:
        event = build_event(
            key=key, state=state, occurred_at=iso(now_us), opened_at=iso(opened_us), facts=facts
        )
        insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
        event_id = conn.execute(
            insert(alert_events)
            .values(
                event_key=key,
                violation_key=facts.key,
                state=state,
                severity=facts.severity,
                payload=orjson.dumps(event).decode(),
                created_at_us=now_us,
            )
            .on_conflict_do_nothing(index_elements=["event_key"])
            .returning(alert_events.c.id)
        ).scalar_one_or_none()
        if event_id is None:
            metrics.DUPLICATES.inc()
            return 0
        metrics.EVENTS.labels(facts.policy, facts.severity, state).inc()
        sinks = [s.name for s in self.config.sinks if s.wants(state, facts.severity)]
        for sink in sinks:
            conn.execute(
                alert_deliveries.insert().values(
                    event_id=event_id,
                    sink=sink,
                    status="pending",
                    attempts=0,
                    next_attempt_us=now_us,
                )
            )
        return len(sinks)


@dataclass(frozen=True)
class _Context:
    """Workloads and endpoints the rows refer to."""

    workloads: dict[int, Any]
    endpoints: dict[int, Any]

    @classmethod
    def load(cls, conn: Connection, rows: Iterable[_Row]) -> _Context:
        rows = list(rows)
        wids = {r.sender_id for r in rows} | {r.receiver_id for r in rows}
        eids = {r.endpoint_id for r in rows}
        return cls(
            workloads={
                w.id: w for w in conn.execute(select(workloads).where(workloads.c.id.in_(wids)))
            },
            endpoints={
                e.id: e for e in conn.execute(select(endpoints).where(endpoints.c.id.in_(eids)))
            },
        )

    def party(self, workload_id: int) -> Party:
        w = self.workloads[workload_id]
        return Party(kind=kind_name(w.kind), namespace=w.namespace, name=w.name, cluster=w.cluster)

    def facts(self, row: _Row, severity: str) -> ViolationFacts:
        end = self.endpoints[row.endpoint_id]
        return ViolationFacts(
            key=row.key,
            policy=row.policy_name,
            severity=severity,
            message=row.message,
            data_type=row.data_type,
            sensitivity=SENSITIVITY_NAMES.get(row.sensitivity, "unknown"),
            direction=row.direction,
            sender=self.party(row.sender_id),
            receiver=self.party(row.receiver_id),
            endpoint_id=row.endpoint_id,
            method=end.method,
            path_template=end.path_template,
            first_seen=iso(row.first_seen_us),
            last_seen=iso(row.last_seen_us),
        )
