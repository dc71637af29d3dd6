"""Why the interceptor dropped something: the one list of reasons.

Each value is a ``reason`` label of ``sieve_interceptor_dropped_total`` and a key of
`Core.dropped`; code counts with these names, never with bare strings.
"""

from __future__ import annotations

from typing import Final


class Drop:
    """Drop reasons (string constants, so that counters and labels stay plain text)."""

    # frames
    NOT_TCP: Final = "not_tcp"
    MALFORMED: Final = "malformed"
    NOT_LOCAL: Final = "not_local"
    OTHER_CAPTURE_POINT: Final = "other_capture_point"
    EXCLUDED_PORT: Final = "excluded_port"
    INTERNAL_ERROR: Final = "internal_error"
    AFTER_END: Final = "after_end"  # a late copy of a packet of a connection that ended
    # connections
    CONNECTION_LIMIT: Final = "connection_limit"
    IDLE_TIMEOUT: Final = "idle_timeout"
    # lost bytes: counted once per gap, then per message the gap may have touched
    GAP: Final = "gap"
    GAP_REQUEST: Final = "gap_request"
    GAP_RESPONSE: Final = "gap_response"
    UNALIGNED_REQUEST: Final = "unaligned_request"
    UNALIGNED_RESPONSE: Final = "unaligned_response"
    INCOMPLETE_REQUEST: Final = "incomplete_request"
    # HTTP
    PARSE_ERROR: Final = "parse_error"
    HEADER_LIMIT: Final = "header_limit"
    UPGRADE: Final = "upgrade"
    PIPELINE_LIMIT: Final = "pipeline_limit"
    UNPAIRED_RESPONSE: Final = "unpaired_response"
    UNANSWERED_REQUEST: Final = "unanswered_request"
    EXCLUDED_PATH: Final = "excluded_path"
    NOT_JSON: Final = "not_json"
    BODY_TRUNCATED: Final = "body_truncated"
    BODY_BUDGET: Final = "body_budget"
    # HTTP/2 and gRPC (`interceptor.h2`)
    H2_STREAM_LIMIT: Final = "h2_stream_limit"
    H2_FRAME_LIMIT: Final = "h2_frame_limit"
    H2_STREAM_RESET: Final = "h2_stream_reset"
    H2_INCOMPLETE_STREAM: Final = "h2_incomplete_stream"
    H2_PUSH: Final = "h2_push"
    H2_TABLE_LOST: Final = "h2_table_lost"
    H2_HEADER_UNKNOWN: Final = "h2_header_unknown"
    GRPC_UNDECODABLE: Final = "grpc_undecodable"


ALL: Final = tuple(
    value for name, value in vars(Drop).items() if name.isupper() and isinstance(value, str)
)
"""Every reason, for tests and for metrics that show zeros."""
