"""Alert delivery: policy violations to webhooks, chat, PagerDuty, syslog, JSON lines.

The store calls `outbox.AlertRecorder` inside the transaction that changes the violations, so
an alert is written to the database's outbox exactly when its violation opens or resolves (a
crash loses neither). `worker.DeliveryWorker` sends what the outbox holds, per sink, in order,
with retries and capped exponential backoff, and marks each delivery done only after the
receiver accepted it.
"""
