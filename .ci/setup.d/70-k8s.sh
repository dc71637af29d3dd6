# A real kube-apiserver + etcd for tests/integration/test_k8s_*.py, built with the Go
# toolchain from the wrapper modules in scripts/k8s/ and cached under $SIEVE_CACHE/k8s/
# (see scripts/k8s_dev.py; under .ci/run it builds in the background from the start). A cold
# build took ~24 minutes on 2 busy shared cores (kube-apiserver 21.7, etcd 1.9); later runs
# reuse the cache at once.
# shellcheck source=/dev/null
source .ci/go-builds.sh
sieve_go_build k8s --defer >/dev/null
