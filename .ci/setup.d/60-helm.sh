# Helm for the chart tests (tests/charts): built with the Go toolchain from the Go module
# proxy and cached as $SIEVE_CACHE/bin/helm (a cold build took 7 min at
# low priority on the 2 busy shared cores; an earlier note said ~3 min);
# rebuilt only when the cached binary is missing or another version (.ci/go-builds.sh; under
# .ci/run it builds in the background from the start). Puts it on PATH.
# shellcheck source=/dev/null
source .ci/go-builds.sh
sieve_go_build helm --defer
case ":$PATH:" in
  *":$SIEVE_CACHE/bin:"*) ;;
  *) export PATH="$SIEVE_CACHE/bin:$PATH" ;;
esac
export SIEVE_HELM="$SIEVE_CACHE/bin/helm"
