# The Go-built tools of the setup steps, each as a pair of functions:
#   sieve_<name>_cached   true when $SIEVE_CACHE already holds this exact build (cheap)
#   sieve_<name>_build    build it into $SIEVE_CACHE (slow when cold; CPU-bound)
# Sourced by the steps that need a tool (they build in the foreground when sourced alone) and
# by 12-go-builds.sh, which, under .ci/run, starts every missing build at once in one
# background queue so that the compiling overlaps the download-bound steps. Nothing starts
# when everything is cached. Sourcing this file twice is harmless.
#
#   sieve_go_build NAME [--defer]   in a step: the tool must be there. When the background
#       queue builds it, --defer leaves the wait to sieve_go_builds_wait_all (the tool is
#       needed by the tests only), otherwise it waits now; without a queue it builds here.
#   sieve_go_builds_wait_all        .ci/run, before lint and tests: every queued build done.
# A failed background build fails the run at its wait, printing the tail of its log; logs
# are kept under $SIEVE_CACHE/ci-logs/go-builds-<time>/ (the last 10 runs).

command -v go >/dev/null || export PATH="$PATH:/usr/local/go/bin"

SIEVE_HELM_VERSION="v3.22.0"
SIEVE_PROMTOOL_VERSION="${SIEVE_PROMTOOL_VERSION:-v0.316.0}"
# promtool without Prometheus's service discoveries (its own build tag, see plugins/*.go):
# every promtool command the chart tests use is there, and the build compiles 38% of the Go
# source of a full one (49.6 of 129 MB outside the standard library; 884 of 1,126 packages).
# A program of our own on Prometheus's packages (rulefmt, promql, rules, promqltest) would
# compile 20 MB, but `promtool test rules` lives in package main: it would re-implement the
# rule unit-test semantics the chart test relies on, so the test keeps the real promtool.
SIEVE_PROMTOOL_TAGS="remove_all_sd"

# The main module's version and the build tags recorded in a Go binary (`go version -m`).
sieve_go_binary_is() { # BINARY MODULE VERSION [TAGS...]: true when it is that build
  local binary="$1" module="$2" version="$3" info tags_line
  shift 3
  [ -x "$binary" ] || return 1
  info="$(go version -m "$binary" 2>/dev/null)" || return 1
  grep -Eq "^[[:space:]]+mod[[:space:]]+${module//./\\.}[[:space:]]+${version//./\\.}([[:space:]]|$)" \
    <<<"$info" || return 1
  tags_line="$(grep -E '^[[:space:]]+build[[:space:]]+-tags=' <<<"$info" | sed 's/.*-tags=//' || true)"
  local wanted
  for wanted in "$@"; do
    [ "$tags_line" = "$wanted" ] && return 0
  done
  return 1
}

sieve_helm_cached() {
  sieve_go_binary_is "$SIEVE_CACHE/bin/helm" helm.sh/helm/v3 "$SIEVE_HELM_VERSION" ""
}
sieve_helm_build() {
  mkdir -p "$SIEVE_CACHE/bin" &&
    CGO_ENABLED=0 GOFLAGS=-buildvcs=false GOBIN="$SIEVE_CACHE/bin" \
      go install -trimpath "helm.sh/helm/v3/cmd/helm@${SIEVE_HELM_VERSION}"
}

# A full promtool of the same version (no tags: every service discovery compiled in) is a
# superset of what the tests run, so an existing one is kept rather than rebuilt.
sieve_promtool_cached() {
  sieve_go_binary_is "$SIEVE_CACHE/bin/promtool" github.com/prometheus/prometheus \
    "$SIEVE_PROMTOOL_VERSION" "$SIEVE_PROMTOOL_TAGS" ""
}
sieve_promtool_build() {
  mkdir -p "$SIEVE_CACHE/bin" &&
    CGO_ENABLED=0 GOFLAGS=-buildvcs=false GOBIN="$SIEVE_CACHE/bin" \
      go install -trimpath -tags "$SIEVE_PROMTOOL_TAGS" \
      "github.com/prometheus/prometheus/cmd/promtool@${SIEVE_PROMTOOL_VERSION}"
}

# The builds that the Python scripts manage, checked by them: prints which of NAMES
# (k8s, images_tools, node; others are ignored) are not cached. The scripts use only the
# standard library, so the system python3 runs them before the virtualenv exists; one
# interpreter checks them all (its start-up is most of the cost).
sieve_py_missing() {
  python3 - "$@" <<'PY'
import os, sys
from scripts import images, k8s_dev, k8s_node
checks = {
    "k8s": lambda: bool(k8s_dev.missing_binaries()),
    "images_tools": lambda: not all(
        os.access(p, os.X_OK) for p in (images.BUILDAH, images.REGISTRY_BIN)
    ),
    "node": lambda: bool(k8s_node.missing_binaries()),
}
print(" ".join(name for name in sys.argv[1:] if name in checks and checks[name]()))
PY
}
sieve_py_cached() { # NAME: a check that fails counts as not cached (the build then says why)
  local missing
  missing="$(sieve_py_missing "$1")" || return 1
  [ -z "$missing" ]
}
sieve_k8s_cached() { sieve_py_cached k8s; }
sieve_k8s_build() { python3 -m scripts.k8s_dev build; }
sieve_images_tools_cached() { sieve_py_cached images_tools; }
sieve_images_tools_build() { python3 -m scripts.images tools; }
sieve_node_cached() { sieve_py_cached node; }
sieve_node_build() { python3 -m scripts.k8s_dev node build; }

# The queue's order: buildah and the registry first (the images step waits for them and then
# overlaps its own work with the rest), the node last (it reuses kube-apiserver's Go build
# cache: the same GOCACHE, the same -trimpath).
sieve_go_builds_wanted() {
  if [ "$(id -u)" = 0 ]; then echo images_tools; fi
  echo helm promtool k8s
  if [ "${SIEVE_NODE_BUILD:-}" = 1 ]; then echo node; fi
}

sieve_go_builds_start() {
  local name queue=() wanted py_missing
  wanted="$(sieve_go_builds_wanted)"
  # shellcheck disable=SC2086
  py_missing=" $(sieve_py_missing $wanted) " # a failed check stops the run here, loudly
  for name in $wanted; do
    case "$name" in
      k8s | images_tools | node) [[ "$py_missing" != *" $name "* ]] || queue+=("$name") ;;
      *) "sieve_${name}_cached" || queue+=("$name") ;;
    esac
  done
  [ ${#queue[@]} -gt 0 ] || return 0
  local logs="$SIEVE_CACHE/ci-logs"
  SIEVE_GO_BUILDS_DIR="$logs/go-builds-$(date -u +%Y%m%dT%H%M%SZ)-$$"
  mkdir -p "$SIEVE_GO_BUILDS_DIR"
  # shellcheck disable=SC2012
  ls -1d "$logs"/go-builds-* 2>/dev/null | sort | head -n -10 | xargs -r rm -rf
  SIEVE_GO_BUILDS_QUEUE=" ${queue[*]} "
  echo "::: background Go builds: ${queue[*]} (logs in $SIEVE_GO_BUILDS_DIR)"
  # A process group of its own (set -m), so that sieve_go_builds_stop ends all of it.
  set -m
  (
    set +e
    failed=""
    for name in "${queue[@]}"; do
      if [ -n "$failed" ]; then
        echo "not built: $failed failed before it" >"$SIEVE_GO_BUILDS_DIR/$name.log"
        echo 1 >"$SIEVE_GO_BUILDS_DIR/$name.rc"
        continue
      fi
      t0=$(date +%s)
      (set -e; "sieve_${name}_build") </dev/null >"$SIEVE_GO_BUILDS_DIR/$name.log" 2>&1
      rc=$?
      echo "::: built $name in $(( $(date +%s) - t0 ))s, exit $rc" >>"$SIEVE_GO_BUILDS_DIR/$name.log"
      echo "$(( $(date +%s) - t0 ))" >"$SIEVE_GO_BUILDS_DIR/$name.seconds"
      echo "$rc" >"$SIEVE_GO_BUILDS_DIR/$name.rc"
      [ "$rc" = 0 ] || failed="$name"
    done
  ) &
  SIEVE_GO_BUILDS_PID=$!
  set +m
}

sieve_go_build_wait() { # NAME: returns when the queue built it; fails the run if it failed
  local name="$1" rc log="$SIEVE_GO_BUILDS_DIR/$1.log" t0
  t0=$(date +%s)
  [ -f "$SIEVE_GO_BUILDS_DIR/$name.rc" ] || echo "::: waiting for the background build of $name"
  while [ ! -f "$SIEVE_GO_BUILDS_DIR/$name.rc" ]; do
    if ! kill -0 "$SIEVE_GO_BUILDS_PID" 2>/dev/null && [ ! -f "$SIEVE_GO_BUILDS_DIR/$name.rc" ]; then
      echo "::: the background Go builds stopped before $name was built; $log ends with:" >&2
      tail -n 40 "$log" >&2 2>/dev/null || true
      return 1
    fi
    sleep 2
  done
  rc="$(cat "$SIEVE_GO_BUILDS_DIR/$name.rc")"
  if [ "$rc" != 0 ]; then
    echo "::: background build of $name failed (exit $rc); $log ends with:" >&2
    tail -n 40 "$log" >&2
    return 1
  fi
  echo "::: $name built in the background in $(cat "$SIEVE_GO_BUILDS_DIR/$name.seconds")s" \
    "(waited $(( $(date +%s) - t0 ))s)"
}

sieve_go_build() { # NAME [--defer]
  local name="$1"
  if [[ "${SIEVE_GO_BUILDS_QUEUE:-}" == *" $name "* ]]; then
    [ "${2:-}" = --defer ] || sieve_go_build_wait "$name"
    return
  fi
  "sieve_${name}_cached" || "sieve_${name}_build"
}

sieve_go_builds_wait_all() {
  local name
  for name in ${SIEVE_GO_BUILDS_QUEUE:-}; do
    sieve_go_build_wait "$name"
  done
}

sieve_go_builds_stop() { # the EXIT trap of .ci/run: no build outlives the run
  if [ -n "${SIEVE_GO_BUILDS_PID:-}" ] && kill -0 "$SIEVE_GO_BUILDS_PID" 2>/dev/null; then
    kill -- "-$SIEVE_GO_BUILDS_PID" 2>/dev/null || true
  fi
}
