"""Sieve collector: the self-hosted cloud (gRPC ingest → SQLite/PostgreSQL → API, dashboard).

Public API, usable in one process (the ``sieve`` CLI embeds it):

- ``collector.store.Store(url)`` — ``sqlite:///path.db``, ``sqlite://`` (in memory) or
  ``postgresql+psycopg://…``; ``.migrate()``, ``.ingest_batch(batch) -> AckStatus`` (the
  code the gRPC servicer runs), ``.set_policies(policies)``, and the queries ``.workloads()``,
  ``.flows()``, ``.endpoints()``, ``.endpoint(id)``, ``.data_types()``, ``.violations()``,
  ``.summary()`` (each takes an optional ``collector.views.Filters``).
- ``collector.web.create_app(store, policies) -> FastAPI`` — JSON API and dashboard;
  ``collector.http_server.start_http(app, host, port)`` serves it in a thread.
- ``collector.policies.load_policies(path)`` / ``parse_policies(text)``.
- ``collector.grpc_server.serve(store, settings) -> grpc.Server`` (started);
  ``serve_with_port`` also returns the bound port.
"""
