# Under .ci/run (SIEVE_GO_BUILDS_BACKGROUND=1, its default): every Go-built tool missing from
# $SIEVE_CACHE (.ci/go-builds.sh: buildah and the registry, Helm, promtool, kube-apiserver and
# etcd, the node's binaries with SIEVE_NODE_BUILD=1) starts building now in one background
# queue, while the next steps download; each step that needs a tool waits for it, and
# .ci/run waits for all of them before lint. Cached: nothing starts. Sourced alone: nothing
# happens here, the steps build in the foreground as before.
# shellcheck source=/dev/null
source .ci/go-builds.sh
if [ "${SIEVE_GO_BUILDS_BACKGROUND:-}" = 1 ]; then
  # cgo builds (buildah's and runc's seccomp) need libseccomp's headers and pkg-config.
  if [ "$(id -u)" = 0 ] || [ "${SIEVE_NODE_BUILD:-}" = 1 ]; then
    sieve_apt_install libseccomp-dev pkg-config
  fi
  sieve_go_builds_start
fi
