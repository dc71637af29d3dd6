# promtool for the chart's PrometheusRule tests (tests/charts/test_chart_alerts.py): built
# with the Go toolchain from the Go module proxy, without Prometheus's service discoveries
# (build tag remove_all_sd), and cached as $SIEVE_CACHE/bin/promtool; rebuilt only when the
# cached binary is another version or build (.ci/go-builds.sh; under .ci/run it builds in
# the background from the start). A full build (every service-discovery SDK, a 123 MB
# binary) compiled for ~45 minutes at low priority on this shared 2-core machine; see the
# README's CI section for this one's cold time.
# shellcheck source=/dev/null
source .ci/go-builds.sh
sieve_go_build promtool --defer
