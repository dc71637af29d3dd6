"""The sensitive data types the detector knows, with their default sensitivities."""

from __future__ import annotations

from typing import Literal

Sensitivity = Literal["low", "medium", "high"]

#: Type id → default sensitivity. Ids match `DataType` in metadata.proto ("DATA_TYPE_" + upper).
DEFAULT_SENSITIVITY: dict[str, Sensitivity] = {
    "person_name": "medium",
    "email": "medium",
    "phone": "medium",
    "street_address": "medium",
    "date_of_birth": "medium",
    "gender": "low",
    "username": "low",
    "password": "high",
    "ip_address": "low",
    "mac_address": "low",
    "geo_location": "medium",
    "credit_card": "high",
    "iban": "high",
    "bank_account": "high",
    "us_ssn": "high",
    "national_id": "high",
    "passport_number": "high",
    "drivers_license": "high",
    "tax_id": "high",
    "jwt": "high",
    "secret_key": "high",
}

#: Every type id, in a fixed order (class index order of the models).
TYPE_IDS: tuple[str, ...] = tuple(DEFAULT_SENSITIVITY)

#: The model's label for "not sensitive".
NONE_LABEL = "none"
