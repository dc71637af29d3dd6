"""Settings of the detector service (environment variables prefixed ``SIEVE_DETECTOR_``)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator
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

    def sensitivity_of(self, type_id: str) -> Sensitivity:
        """The configured sensitivity of ``type_id``."""
        return self.sensitivity_overrides.get(type_id, DEFAULT_SENSITIVITY[type_id])
