"""Settings of the detector service (environment variables prefixed ``SIEVE_DETECTOR_``)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator, model_validator
from pydantic_settings import SettingsConfigDict

from common.settings import ServiceSettings
from detector.types import DEFAULT_SENSITIVITY, Sensitivity


class DetectorSettings(ServiceSettings):
    """Detector service and engine settings; every limit here bounds memory or CPU per request."""

    model_config = SettingsConfigDict(env_prefix="SIEVE_DETECTOR_", extra="ignore", frozen=True)

    http_host: str = Field("0.0.0.0", description="Address the detection API listens on.")
    http_port: int = Field(
        8080, ge=0, le=65535, description="Port of the detection API (POST /v1/detect)."
    )
    max_request_bytes: int = Field(
        8 * 1024 * 1024, gt=0, description="Largest /v1/detect request body; larger gets 413."
    )
    max_documents: int = Field(
        256, gt=0, description="Most documents in one /v1/detect request; more gets 413."
    )
    max_depth: int = Field(
        64,
        gt=0,
        le=500,
        description="Deepest JSON nesting accepted in a document; deeper gets 422.",
    )
    max_leaves: int = Field(
        20_000, gt=0, description="Most leaves walked in one document; more gets 422."
    )
    array_sample: int = Field(
        8, gt=0, description="Array elements inspected per array (first ones); all report as [*]."
    )
    max_value_chars: int = Field(
        4096, gt=0, description="Longer string values are skipped (no data type is that long)."
    )
    json_strings: bool = Field(
        True,
        description="Strings holding a JSON object or array are inspected as part of the "
        "document (found types reported at the string's path).",
    )
    max_key_chars: int = Field(
        128, gt=0, le=4096, description="Keys are cut to this many characters for the key model."
    )
    max_path_chars: int = Field(
        2048,
        ge=16,
        le=65_536,
        description="Leaves under a longer JSON path are not inspected (counted).",
    )
    document_cpu_seconds: float = Field(
        0.05,
        gt=0,
        le=60,
        description="CPU time scoring one document may take; its other leaves stay uninspected.",
    )
    request_cpu_seconds: float = Field(
        2.0,
        gt=0,
        le=600,
        description="CPU time scoring one request may take; later leaves stay uninspected.",
    )
    max_concurrent_requests: int = Field(
        2, gt=0, le=64, description="Requests parsed and scored at once; others wait their turn."
    )
    max_inflight_body_bytes: int = Field(
        64 * 1024 * 1024,
        gt=0,
        description="Request bytes held across all requests being read; past it 429.",
    )
    header_timeout_seconds: float = Field(
        10.0, gt=0, le=600, description="A connection must send complete request headers in this."
    )
    max_header_bytes: int = Field(
        65_536, ge=1024, description="Largest request head (line + headers); larger gets 431."
    )
    body_timeout_seconds: float = Field(
        30.0, gt=0, le=3600, description="A request body must arrive whole within this; else 408."
    )
    min_confidence: float = Field(
        0.5, ge=0.0, le=1.0, description="Detections below this model confidence are dropped."
    )
    key_cache_size: int = Field(
        100_000, gt=0, description="Distinct key contexts whose key-model output is cached."
    )
    model_path: Path | None = Field(
        None, description="Directory holding model.skops + model.json; empty = the bundled one."
    )
    sensitivity_overrides: dict[str, Sensitivity] = Field(
        default_factory=dict,
        description='JSON object type id → low|medium|high, e.g. {"gender":"medium"}.',
    )

    custom_types_file: Path | None = Field(
        None,
        description="YAML file of the user's own data types (detector/custom_types.py); "
        "a bad definition stops the detector at start.",
    )

    @field_validator("custom_types_file")
    @classmethod
    def _custom_types_load(cls, value: Path | None) -> Path | None:
        if value is not None:
            from detector.custom_types import load

            load(value)  # raises CustomTypeError (a ValueError) naming the type
        return value

    @field_validator("sensitivity_overrides")
    @classmethod
    def _known_types(cls, value: dict[str, Sensitivity]) -> dict[str, Sensitivity]:
        unknown = sorted(set(value) - set(DEFAULT_SENSITIVITY))
        if unknown:
            raise ValueError(
                f"unknown data type ids {unknown}; known: {sorted(DEFAULT_SENSITIVITY)}"
            )
        return value

    @model_validator(mode="after")
    def _one_request_fits(self) -> DetectorSettings:
        if self.max_inflight_body_bytes < self.max_request_bytes:
            raise ValueError(
                "max_inflight_body_bytes must be at least max_request_bytes "
                f"({self.max_inflight_body_bytes} < {self.max_request_bytes})"
            )
        return self

    def sensitivity_of(self, type_id: str) -> Sensitivity:
        """The configured sensitivity of ``type_id``."""
        return self.sensitivity_overrides.get(type_id, DEFAULT_SENSITIVITY[type_id])
