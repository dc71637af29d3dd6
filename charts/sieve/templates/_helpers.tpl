{{/*
Names, labels, images and the shared pieces of the Sieve chart.
Every resource is named "<fullname>-<component>" and labelled with app.kubernetes.io/*
plus app.kubernetes.io/component (interceptor, kafka, digger, detector, collector, test).
*/}}

{{/* The chart name (nameOverride wins). */}}
{{- define "sieve.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The release-qualified name; truncated to 63 - 12 characters so that "<fullname>-<component>"
(the longest component is "interceptor") stays a valid DNS label.
*/}}
{{- define "sieve.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 51 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 51 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 51 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Name of one component's resources: sieve.componentName (dict "context" $ "component" "digger"). */}}
{{- define "sieve.componentName" -}}
{{- printf "%s-%s" (include "sieve.fullname" .context) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Chart name and version as used by the helm.sh/chart label. */}}
{{- define "sieve.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selector labels of the whole release. */}}
{{- define "sieve.selectorLabels" -}}
app.kubernetes.io/name: {{ include "sieve.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Common labels of the whole release (release-wide resources such as Secrets). */}}
{{- define "sieve.labels" -}}
helm.sh/chart: {{ include "sieve.chart" . }}
{{ include "sieve.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: sieve
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Selector labels of one component: (dict "context" $ "component" "digger"). */}}
{{- define "sieve.componentSelectorLabels" -}}
{{ include "sieve.selectorLabels" .context }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Labels of one component's resources: (dict "context" $ "component" "digger"). */}}
{{- define "sieve.componentLabels" -}}
{{ include "sieve.labels" .context }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Service account of the digger (the only component that talks to the Kubernetes API). */}}
{{- define "sieve.digger.serviceAccountName" -}}
{{- if .Values.digger.serviceAccount.create }}
{{- default (include "sieve.componentName" (dict "context" . "component" "digger")) .Values.digger.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.digger.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Service account of the components that need none of the Kubernetes API (interceptor, Kafka,
detector, collector): one per release, with its token never mounted.
*/}}
{{- define "sieve.workloadServiceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "sieve.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
An image reference: (dict "image" .Values.digger.image "context" $).
registry/repository:tag, or @digest when a digest is set; the tag defaults to the appVersion.
*/}}
{{- define "sieve.image" -}}
{{- $registry := .image.registry | default .context.Values.imageRegistry -}}
{{- $ref := .image.repository -}}
{{- if $registry }}{{ $ref = printf "%s/%s" $registry .image.repository }}{{ end -}}
{{- if .image.digest -}}
{{- printf "%s@%s" $ref .image.digest -}}
{{- else -}}
{{- printf "%s:%s" $ref (.image.tag | default .context.Chart.AppVersion | toString) -}}
{{- end -}}
{{- end }}

{{/* imagePullSecrets of every pod. */}}
{{- define "sieve.imagePullSecrets" -}}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Pod securityContext of a hardened (non-interceptor) component: the release-wide default merged
with the component's own: (dict "context" $ "values" .Values.digger).
*/}}
{{- define "sieve.podSecurityContext" -}}
{{- toYaml (mergeOverwrite (deepCopy .context.Values.podSecurityContext) (.values.podSecurityContext | default dict)) }}
{{- end }}

{{/* Container securityContext of a hardened component: (dict "context" $ "values" .Values.digger). */}}
{{- define "sieve.containerSecurityContext" -}}
{{- toYaml (mergeOverwrite (deepCopy .context.Values.containerSecurityContext) (.values.containerSecurityContext | default dict)) }}
{{- end }}

{{/* ---------------------------------------------------------------- Kafka connection */}}

{{/* Bootstrap servers the interceptors and the digger use. */}}
{{- define "sieve.kafka.bootstrapServers" -}}
{{- if .Values.kafka.enabled -}}
{{- printf "%s.%s.svc.%s:%d" (include "sieve.componentName" (dict "context" . "component" "kafka")) .Release.Namespace .Values.clusterDomain (int .Values.kafka.port) -}}
{{- else -}}
{{- required "kafka.external.bootstrapServers is required when kafka.enabled=false" .Values.kafka.external.bootstrapServers -}}
{{- end -}}
{{- end }}

{{/* Name of the Secret holding the external Kafka's SASL password. */}}
{{- define "sieve.kafka.saslSecretName" -}}
{{- .Values.kafka.external.sasl.existingSecret | default (printf "%s-kafka-sasl" (include "sieve.fullname" .)) -}}
{{- end }}

{{/* True ("true") when the external Kafka uses SASL. */}}
{{- define "sieve.kafka.sasl" -}}
{{- if and (not .Values.kafka.enabled) (hasPrefix "SASL_" .Values.kafka.external.securityProtocol) }}true{{ end -}}
{{- end }}

{{/* True ("true") when the bundled broker requires TLS, SCRAM and ACLs. */}}
{{- define "sieve.kafka.secure" -}}
{{- if and .Values.kafka.enabled .Values.kafka.security.enabled }}true{{ end -}}
{{- end }}

{{/* Secret holding only the bundled broker's CA certificate (ca.crt). */}}
{{- define "sieve.kafka.caSecretName" -}}
{{- printf "%s-kafka-ca" (include "sieve.fullname" .) -}}
{{- end }}

{{/* Secret holding the bundled broker's password of a user: (dict "context" $ "user" "digger"). */}}
{{- define "sieve.kafka.userSecretName" -}}
{{- printf "%s-kafka-%s" (include "sieve.fullname" .context) .user -}}
{{- end }}

{{/* True ("true") when a Kafka TLS Secret is mounted into the interceptors and the digger. */}}
{{- define "sieve.kafka.tlsMounted" -}}
{{- if or (include "sieve.kafka.secure" .) (and (not .Values.kafka.enabled) .Values.kafka.external.tls.existingSecret) }}true{{ end -}}
{{- end }}

{{/*
Kafka client env vars for a service: (dict "context" $ "prefix" "SIEVE_DIGGER_" "user" "digger").
Names are the KafkaSettingsMixin fields (common/kafka_config.py) under the service's prefix;
"user" is the service's user on the bundled broker.
*/}}
{{- define "sieve.kafka.env" -}}
{{- $ := .context -}}
{{- $p := .prefix -}}
- name: {{ $p }}KAFKA_BOOTSTRAP_SERVERS
  value: {{ include "sieve.kafka.bootstrapServers" $ | quote }}
{{- if include "sieve.kafka.secure" $ }}
- name: {{ $p }}KAFKA_SECURITY_PROTOCOL
  value: "SASL_SSL"
- name: {{ $p }}KAFKA_SASL_MECHANISM
  value: "SCRAM-SHA-512"
- name: {{ $p }}KAFKA_SASL_USERNAME
  value: {{ .user | quote }}
- name: {{ $p }}KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "sieve.kafka.userSecretName" (dict "context" $ "user" .user) }}
      key: password
- name: {{ $p }}KAFKA_SSL_CA_LOCATION
  value: "/etc/sieve/kafka-tls/ca.crt"
{{- end }}
{{- if not $.Values.kafka.enabled }}
- name: {{ $p }}KAFKA_SECURITY_PROTOCOL
  value: {{ $.Values.kafka.external.securityProtocol | quote }}
{{- if include "sieve.kafka.sasl" $ }}
- name: {{ $p }}KAFKA_SASL_MECHANISM
  value: {{ required "kafka.external.sasl.mechanism is required with a SASL_* securityProtocol" $.Values.kafka.external.sasl.mechanism | quote }}
- name: {{ $p }}KAFKA_SASL_USERNAME
  value: {{ required "kafka.external.sasl.username is required with a SASL_* securityProtocol" $.Values.kafka.external.sasl.username | quote }}
- name: {{ $p }}KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "sieve.kafka.saslSecretName" $ }}
      key: {{ $.Values.kafka.external.sasl.existingSecretPasswordKey }}
{{- end }}
{{- if include "sieve.kafka.tlsMounted" $ }}
{{- with $.Values.kafka.external.tls }}
{{- if .caKey }}
- name: {{ $p }}KAFKA_SSL_CA_LOCATION
  value: {{ printf "/etc/sieve/kafka-tls/%s" .caKey | quote }}
{{- end }}
{{- if .certKey }}
- name: {{ $p }}KAFKA_SSL_CERTIFICATE_LOCATION
  value: {{ printf "/etc/sieve/kafka-tls/%s" .certKey | quote }}
{{- end }}
{{- if .keyKey }}
- name: {{ $p }}KAFKA_SSL_KEY_LOCATION
  value: {{ printf "/etc/sieve/kafka-tls/%s" .keyKey | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
- name: {{ $p }}KAFKA_EXCHANGES_TOPIC
  value: {{ $.Values.kafka.topics.exchanges | quote }}
- name: {{ $p }}KAFKA_PODS_TOPIC
  value: {{ $.Values.kafka.topics.pods | quote }}
{{- end }}

{{/* Volume mount of the Kafka TLS Secret (empty unless mounted). */}}
{{- define "sieve.kafka.tlsVolumeMount" -}}
{{- if include "sieve.kafka.tlsMounted" . }}
- name: kafka-tls
  mountPath: /etc/sieve/kafka-tls
  readOnly: true
{{- end }}
{{- end }}

{{/* Volume of the Kafka TLS Secret (empty unless mounted). */}}
{{- define "sieve.kafka.tlsVolume" -}}
{{- if include "sieve.kafka.tlsMounted" . }}
- name: kafka-tls
  secret:
    {{- if include "sieve.kafka.secure" . }}
    secretName: {{ include "sieve.kafka.caSecretName" . }}
    {{- else }}
    secretName: {{ .Values.kafka.external.tls.existingSecret }}
    {{- end }}
    defaultMode: 0440
{{- end }}
{{- end }}

{{/* ---------------------------------------------------------------- Settings passthrough */}}

{{/*
Extra settings of a service as env vars:
(dict "prefix" "SIEVE_DIGGER_" "settings" .Values.digger.extraSettings "env" $env).
Keys are settings field names (snake_case); lists and maps are passed as JSON. A setting the
chart already sets from other values (it is in "env") fails, naming the variable.
*/}}
{{- define "sieve.extraSettingsEnv" -}}
{{- $p := .prefix -}}
{{- $env := .env | default "" -}}
{{- range $key, $value := .settings }}
{{- $name := printf "%s%s" $p ($key | upper) }}
{{- if regexMatch (printf "(?m)^\\s*- name: %s$" $name) $env }}
{{- fail (printf "extraSettings.%s: the chart sets %s from its own values; set it there" $key $name) }}
{{- end }}
- name: {{ $name }}
  value: {{ if or (kindIs "slice" $value) (kindIs "map" $value) }}{{ toJson $value | quote }}{{ else }}{{ $value | toString | quote }}{{ end }}
{{- end }}
{{- end }}

{{/* ---------------------------------------------------------------- Ingest (cloud) */}}

{{/* True ("true") when the digger reports to the bundled collector. */}}
{{- define "sieve.ingest.bundled" -}}
{{- if not .Values.cloud.endpoint }}
{{- if not .Values.collector.enabled }}
{{- fail "set cloud.endpoint (the hosted cloud's host:port) or collector.enabled=true" }}
{{- end }}true
{{- end }}
{{- end }}

{{/* Agent id of this installation's digger: what its batches carry (clusterName). */}}
{{- define "sieve.agentId" -}}
{{- .Values.clusterName | default .Release.Name -}}
{{- end }}

{{/*
Secret with the bearer token(s) of the ingest stream. For the bundled collector one Secret
serves both sides: the collector reads key "token" as its tokens file, the digger sends the
first field of its first line (so a generated "TOKEN,AGENT_ID" line binds the token to it).
*/}}
{{- define "sieve.ingest.tokenSecretName" -}}
{{- if include "sieve.ingest.bundled" . -}}
{{- .Values.collector.auth.existingSecret | default (printf "%s-ingest-token" (include "sieve.fullname" .)) -}}
{{- else -}}
{{- .Values.cloud.existingSecret | default (printf "%s-cloud-token" (include "sieve.fullname" .)) -}}
{{- end -}}
{{- end }}

{{/* Key of the token in that Secret. */}}
{{- define "sieve.ingest.tokenSecretKey" -}}
{{- if include "sieve.ingest.bundled" . -}}
{{- .Values.collector.auth.existingSecretKey -}}
{{- else -}}
{{- .Values.cloud.existingSecretKey -}}
{{- end -}}
{{- end }}

{{/* True ("true") when the digger sends a bearer token. */}}
{{- define "sieve.ingest.hasToken" -}}
{{- if include "sieve.ingest.bundled" . -}}
{{- if not .Values.collector.auth.allowUnauthenticated }}true{{ end -}}
{{- else if or .Values.cloud.token .Values.cloud.existingSecret }}true
{{- end -}}
{{- end }}

{{/* ---------------------------------------------------------------- Probes */}}

{{/* Liveness and readiness probes on a service's ops port: (dict "probes" .Values.digger.probes). */}}
{{- define "sieve.opsProbes" -}}
livenessProbe:
  httpGet:
    path: /healthz
    port: ops
  {{- toYaml .probes.liveness | nindent 2 }}
readinessProbe:
  httpGet:
    path: /readyz
    port: ops
  {{- toYaml .probes.readiness | nindent 2 }}
{{- end }}

{{/* Secret holding the collector's PostgreSQL URL. */}}
{{- define "sieve.collector.databaseSecretName" -}}
{{- .Values.collector.database.postgresql.existingSecret | default (printf "%s-collector-db" (include "sieve.fullname" .)) -}}
{{- end }}

{{/* host:port of the bundled collector's gRPC ingest (its Service). */}}
{{- define "sieve.collector.ingestTarget" -}}
{{- printf "%s.%s.svc:%d" (include "sieve.componentName" (dict "context" . "component" "collector")) .Release.Namespace (int .Values.collector.service.grpcPort) -}}
{{- end }}

{{/* Non-empty when the collector delivers alerts (an alerts file from values or a Secret). */}}
{{- define "sieve.collector.alerts" -}}
{{- if and .Values.collector.enabled (or .Values.collector.alerts.config .Values.collector.alerts.existingSecret) -}}
true
{{- end -}}
{{- end }}

{{/* The alerting rule groups (also rendered alone for promtool: see tests/charts). */}}
{{- define "sieve.collector.ruleGroups" -}}
- name: sieve.policies
  rules:
    - alert: SievePolicyViolation
      expr: sum by (policy, severity, data_type) (sieve_policy_violations{severity=~"{{ .severities }}"}) > 0
      for: {{ .for }}
      labels:
        severity: '{{`{{ $labels.severity }}`}}'
      annotations:
        summary: 'Sieve policy "{{`{{ $labels.policy }}`}}" is violated ({{`{{ $labels.data_type }}`}})'
        description: '{{`{{ $value }}`}} open violation(s) of policy "{{`{{ $labels.policy }}`}}" carrying {{`{{ $labels.data_type }}`}}; see the Sieve dashboard.'
    - alert: SieveAlertDeliveryStuck
      expr: max by (sink) (sieve_alert_outbox_pending) > 0
      for: {{ .backlogFor }}
      labels:
        severity: warning
      annotations:
        summary: 'Sieve alerts to sink {{`{{ $labels.sink }}`}} are not being delivered'
        description: '{{`{{ $value }}`}} alert(s) have waited in the outbox for {{ .backlogFor }}; check the collector log for the sink.'
    - alert: SieveAlertsExpired
      expr: increase(sieve_alert_deliveries_total{outcome="expired"}[1h]) > 0
      labels:
        severity: warning
      annotations:
        summary: 'Sieve gave up delivering alerts to sink {{`{{ $labels.sink }}`}}'
        description: 'Alerts older than the give-up age were expired without delivery.'
{{- end }}

{{/*
An env entry NAME set to the pod's IP (downward API), or to 0.0.0.0 when listenOnPodIP is
off. Listeners reached only through Services and probes bind the pod's IP: for the
host-network interceptor that keeps /metrics off the node's other interfaces.
*/}}
{{- define "sieve.listenAddressEnv" -}}
- name: {{ .name }}
{{- if .context.Values.listenOnPodIP }}
  valueFrom:
    fieldRef:
      fieldPath: status.podIP
{{- else }}
  value: "0.0.0.0"
{{- end }}
{{- end }}

{{/*
How the collector's dashboard and API authenticate: collector.dashboardAuth.mode, or when it
is empty, basic as soon as the collector is exposed beyond the cluster (an Ingress, a
LoadBalancer or NodePort Service), none otherwise.
*/}}
{{- define "sieve.collector.dashboardAuthMode" -}}
{{- $c := .Values.collector }}
{{- if $c.dashboardAuth.mode }}
{{- $c.dashboardAuth.mode }}
{{- else if or $c.ingress.enabled (has $c.service.type (list "LoadBalancer" "NodePort")) }}
{{- "basic" }}
{{- else }}
{{- "none" }}
{{- end }}
{{- end }}

{{/* Secret with the dashboard's credentials (basic or token mode). */}}
{{- define "sieve.collector.dashboardAuthSecretName" -}}
{{- .Values.collector.dashboardAuth.existingSecret | default (printf "%s-dashboard-auth" (include "sieve.fullname" .)) }}
{{- end }}
