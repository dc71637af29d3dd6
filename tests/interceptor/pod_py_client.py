"""Python http.client in a test pod, one keep-alive connection: ``python pod_py_client.py HOST``."""

from __future__ import annotations

import http.client
import json
import sys

conn = http.client.HTTPConnection(sys.argv[1], 8080, timeout=10)
calls = [
    ("GET", "/users/py1", None),
    ("POST", "/echo", json.dumps({"email": "py@example.org"}).encode()),
    ("DELETE", "/users/py2", None),
    ("GET", "/large", None),
    ("GET", "/page", None),
    ("GET", "/metrics", None),
    ("PUT", "/users/py3", json.dumps({"name": "x"}).encode()),
]
for method, path, body in calls:
    headers = {"Content-Type": "application/json"} if body else {}
    conn.request(method, path, body=body, headers=headers)
    resp = conn.getresponse()
    resp.read()
conn.close()
