"""The metadata model has no field that can carry a payload, header or query value.

Every string field reachable from `MetadataBatch` must be on an allow-list saying what it
holds; adding a string or bytes field fails here until a reviewer classifies it.
"""

from __future__ import annotations

from google.protobuf.descriptor import Descriptor, FieldDescriptor

from protos.sieve.v1 import ingest_pb2

# field full name -> what it may hold
ALLOWED_STRINGS = {
    "sieve.v1.MetadataBatch.agent_id": "installation name from settings",
    "sieve.v1.MetadataBatch.cluster_name": "cluster name from settings",
    "sieve.v1.MetadataBatch.batch_id": "agent id / random instance id / sequence",
    "sieve.v1.PartitionRange.consumer_group": "Kafka consumer group name from settings",
    "sieve.v1.PartitionRange.topic": "Kafka topic name from settings",
    "sieve.v1.Workload.namespace": "Kubernetes namespace",
    "sieve.v1.Workload.name": "workload name, node name, or external host name / IP",
    "sieve.v1.EndpointReport.method": "HTTP method token",
    "sieve.v1.EndpointReport.path_template": "templated path",
    "sieve.v1.EndpointReport.query_parameter_names": "identifier parameter names",
    "sieve.v1.EndpointReport.entry_hosts": "Host authority name or IP literal",
    "sieve.v1.FieldSchema.json_path": "JSON path with value-like keys collapsed",
    "sieve.v1.Detection.custom_type": "id of a user-defined data type (configuration)",
}


def _string_fields(desc: Descriptor, seen: set[str]) -> set[str]:
    if desc.full_name in seen:
        return set()
    seen.add(desc.full_name)
    found: set[str] = set()
    for field in desc.fields:
        if field.type in (FieldDescriptor.TYPE_STRING, FieldDescriptor.TYPE_BYTES):
            found.add(field.full_name)
        elif field.type == FieldDescriptor.TYPE_MESSAGE and field.message_type:
            found |= _string_fields(field.message_type, seen)
    return found


def test_every_string_in_the_metadata_model_is_classified():
    found = _string_fields(ingest_pb2.MetadataBatch.DESCRIPTOR, set())
    assert found == set(ALLOWED_STRINGS)


def test_metadata_model_has_no_bytes_or_maps():
    seen: set[str] = set()
    _string_fields(ingest_pb2.MetadataBatch.DESCRIPTOR, seen)
    for name in seen:
        desc = ingest_pb2.DESCRIPTOR.pool.FindMessageTypeByName(name)
        for field in desc.fields:
            assert field.type != FieldDescriptor.TYPE_BYTES, field.full_name
            assert not (field.message_type and field.message_type.GetOptions().map_entry), (
                field.full_name
            )
