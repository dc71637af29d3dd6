"""Values of each documented chart option, rendered by every chart test."""

from __future__ import annotations

from typing import Any

EXTERNAL_KAFKA_SASL_TLS: dict[str, Any] = {
    "kafka": {
        "enabled": False,
        "external": {
            "bootstrapServers": "b1.kafka.example:9093,b2.kafka.example:9093",
            "securityProtocol": "SASL_SSL",
            "sasl": {
                "mechanism": "SCRAM-SHA-512",
                "username": "sieve",
                "existingSecret": "kafka-credentials",
                "existingSecretPasswordKey": "sasl-password",
            },
            "tls": {
                "existingSecret": "kafka-tls",
                "caKey": "ca.pem",
                "certKey": "client.pem",
                "keyKey": "client-key.pem",
            },
        },
    }
}

EXTERNAL_KAFKA_PASSWORD: dict[str, Any] = {
    "kafka": {
        "enabled": False,
        "external": {
            "bootstrapServers": "kafka.example:9092",
            "securityProtocol": "SASL_PLAINTEXT",
            "sasl": {"mechanism": "PLAIN", "username": "sieve", "password": "s3cret"},
        },
    }
}

EXTERNAL_KAFKA_TLS_ONLY: dict[str, Any] = {
    "kafka": {
        "enabled": False,
        "external": {
            "bootstrapServers": "kafka.example:9093",
            "securityProtocol": "SSL",
            "tls": {"existingSecret": "kafka-ca"},
        },
    }
}

CLOUD_EXISTING_SECRET: dict[str, Any] = {
    "collector": {"enabled": False},
    "cloud": {
        "endpoint": "ingest.sieve.example:443",
        "existingSecret": "sieve-cloud",
        "existingSecretKey": "agent-token",
        "tls": {"caSecret": "sieve-cloud-ca", "caKey": "ca.crt"},
        "serverName": "ingest.sieve.example",
    },
}

CLOUD_TOKEN_VALUE: dict[str, Any] = {
    "collector": {"enabled": False},
    "cloud": {"endpoint": "10.0.0.10:8443", "token": "t0ken", "serverName": "ingest.example"},
}

COLLECTOR_EXISTING_SECRETS: dict[str, Any] = {
    "collector": {
        "auth": {"existingSecret": "collector-tokens", "existingSecretKey": "tokens"},
        "tls": {"existingSecret": "collector-tls"},
        "database": {"sqlite": {"persistence": {"existingClaim": "collector-data"}}},
    }
}

COLLECTOR_POSTGRES_URL: dict[str, Any] = {
    "collector": {
        "database": {
            "type": "postgresql",
            "postgresql": {"url": "postgresql+psycopg://sieve:pw@db.example:5432/sieve"},
        }
    }
}

COLLECTOR_POSTGRES_SECRET: dict[str, Any] = {
    "collector": {
        "database": {
            "type": "postgresql",
            "postgresql": {"existingSecret": "collector-db", "poolSize": 10},
        }
    }
}

COLLECTOR_UNAUTHENTICATED_EPHEMERAL: dict[str, Any] = {
    "collector": {
        "auth": {"allowUnauthenticated": True},
        "database": {"sqlite": {"persistence": {"enabled": False}}},
        "policies": "policies:\n  - name: no-card-data-to-analytics\n",
    }
}

CLOUD_AND_COLLECTOR: dict[str, Any] = {
    "cloud": {"endpoint": "ingest.sieve.example:443", "existingSecret": "sieve-cloud"},
}

NETWORK_POLICIES_OFF: dict[str, Any] = {"networkPolicy": {"enabled": False}}

TUNED: dict[str, Any] = {
    "clusterName": "prod-eu-1",
    "imageRegistry": "registry.example/sieve",
    "imagePullSecrets": ["regcred"],
    "kafka": {
        "persistence": {"enabled": True, "storageClass": "fast"},
        "clusterId": "MkU3OEVBNTcwNTJENDM2Qk",
    },
    "monitoring": {
        "namespacesInclude": ["shop", "payments"],
        "namespacesExclude": ["kube-system", "monitoring"],
        "excludedPaths": ["/health", "/metrics"],
        "excludedPorts": [9100, 15090],
        "maxBodyBytes": 262144,
        "sampling": {"enabled": False, "ratePerEndpoint": 2.5, "burst": 10, "minFactor": 0.1},
    },
    "interceptor": {
        "priorityClassName": "system-node-critical",
        "hostPID": False,
        "clusterCIDRs": ["10.244.0.0/16", "10.96.0.0/12"],
        "extraSettings": {"max_connections": 50000, "interfaces": {"eth9": ["10.1.0.5"]}},
        "image": {"digest": "sha256:" + "a" * 64},
    },
    "digger": {"windowSeconds": 30, "extraSettings": {"detector_batch_size": 32}},
    "detector": {
        "minConfidence": 0.7,
        "sensitivityOverrides": {"gender": "medium"},
        "extraSettings": {"max_documents": 128},
    },
    "collector": {"extraSettings": {"max_reports_per_batch": 5000}},
    "networkPolicy": {
        "nodeCIDRs": ["10.0.0.0/16", "192.168.10.0/24"],
        "metricsFrom": [{"namespaceSelector": {"matchLabels": {"name": "monitoring"}}}],
        "collectorIngestFrom": [{"ipBlock": {"cidr": "172.20.0.0/16"}}],
        "dashboardFrom": [{"namespaceSelector": {"matchLabels": {"name": "ops"}}}],
    },
}

#: Every documented option, by a readable id; "default" renders values.yaml alone.
SCENARIOS: dict[str, dict[str, Any]] = {
    "default": {},
    "external-kafka-sasl-tls": EXTERNAL_KAFKA_SASL_TLS,
    "external-kafka-password": EXTERNAL_KAFKA_PASSWORD,
    "external-kafka-tls-only": EXTERNAL_KAFKA_TLS_ONLY,
    "collector-off-cloud-existing-secret": CLOUD_EXISTING_SECRET,
    "collector-off-cloud-token": CLOUD_TOKEN_VALUE,
    "collector-existing-secrets": COLLECTOR_EXISTING_SECRETS,
    "collector-postgres-url": COLLECTOR_POSTGRES_URL,
    "collector-postgres-secret": COLLECTOR_POSTGRES_SECRET,
    "collector-unauthenticated-ephemeral": COLLECTOR_UNAUTHENTICATED_EPHEMERAL,
    "cloud-and-collector": CLOUD_AND_COLLECTOR,
    "network-policies-off": NETWORK_POLICIES_OFF,
    "tuned": TUNED,
}
