# Helm for the chart tests (tests/charts): built with the Go toolchain from the Go module
# proxy and cached as $SIEVE_CACHE/bin/helm (a cold build takes ~3 minutes on 2 cores);
# rebuilt only when the cached binary is missing or another version. Puts it on PATH.
SIEVE_HELM_VERSION="v3.22.0"
sieve_helm="$SIEVE_CACHE/bin/helm"
command -v go >/dev/null || export PATH="$PATH:/usr/local/go/bin"
# The module version recorded in the binary (`helm version` shows only the minor).
sieve_helm_built="$( [ -x "$sieve_helm" ] && go version -m "$sieve_helm" 2>/dev/null || true)"
if ! grep -Eq "^[[:space:]]+mod[[:space:]]+helm\.sh/helm/v3[[:space:]]+${SIEVE_HELM_VERSION}([[:space:]]|$)" \
  <<<"$sieve_helm_built"; then
  mkdir -p "$SIEVE_CACHE/bin"
  CGO_ENABLED=0 GOFLAGS=-buildvcs=false GOBIN="$SIEVE_CACHE/bin" \
    go install "helm.sh/helm/v3/cmd/helm@${SIEVE_HELM_VERSION}"
fi
case ":$PATH:" in
  *":$SIEVE_CACHE/bin:"*) ;;
  *) export PATH="$SIEVE_CACHE/bin:$PATH" ;;
esac
export SIEVE_HELM="$sieve_helm"
unset sieve_helm sieve_helm_built
