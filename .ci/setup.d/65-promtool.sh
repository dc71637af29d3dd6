# promtool for the chart's PrometheusRule tests (tests/charts/test_chart_alerts.py): built
# with the Go toolchain from the Go module proxy and cached as $SIEVE_CACHE/bin/promtool;
# rebuilt only when the cached binary is missing or another version. A cold build downloads
# Prometheus's dependencies (every service-discovery SDK) and compiled for ~45 minutes at
# low priority on this shared 2-core machine (a 123 MB binary); later runs reuse the cache.
SIEVE_PROMTOOL_VERSION="${SIEVE_PROMTOOL_VERSION:-v0.316.0}"
sieve_promtool="$SIEVE_CACHE/bin/promtool"
command -v go >/dev/null || export PATH="$PATH:/usr/local/go/bin"
sieve_promtool_built="$( [ -x "$sieve_promtool" ] && go version -m "$sieve_promtool" 2>/dev/null || true)"
if ! grep -Eq "^[[:space:]]+mod[[:space:]]+github\.com/prometheus/prometheus[[:space:]]+${SIEVE_PROMTOOL_VERSION}([[:space:]]|$)" \
  <<<"$sieve_promtool_built"; then
  mkdir -p "$SIEVE_CACHE/bin"
  CGO_ENABLED=0 GOFLAGS=-buildvcs=false GOBIN="$SIEVE_CACHE/bin" \
    go install "github.com/prometheus/prometheus/cmd/promtool@${SIEVE_PROMTOOL_VERSION}"
fi
unset sieve_promtool sieve_promtool_built
