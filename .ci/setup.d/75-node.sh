# A real Kubernetes node for tests/node (scripts/k8s_node.py): containerd, runc, the CNI
# plugins, CoreDNS and, from k8s.io/kubernetes at the API server's version, the kubelet,
# kube-scheduler, kube-controller-manager, kube-proxy and kubectl, all built with the Go
# toolchain from the Go module proxy and cached under $SIEVE_CACHE/node/.
# Cold build times measured on this machine (2 shared, busy cores; the Kubernetes binaries
# reuse the Go build cache that 70-k8s.sh's kube-apiserver build fills):
#   CNI plugins 72 s, containerd 242 s, runc 38 s, CoreDNS 418 s, kubelet + kube-scheduler +
#   kube-controller-manager + kube-proxy + kubectl 406 s: about 20 minutes in all.
# That does not fit the 45-minute budget of a cold CI run next to kube-apiserver's build,
# so this step builds only with SIEVE_NODE_BUILD=1 (or run `scripts/k8s-dev node build`
# once); tests/node run whenever the cached binaries exist and skip, naming them, otherwise.
# Debian packages: libseccomp-dev (runc's seccomp, cgo), conntrack (kube-proxy),
# busybox-static (the node's smoke image), iptables (kube-proxy).
sieve_apt_install conntrack busybox-static iptables
if [ "${SIEVE_NODE_BUILD:-}" = 1 ]; then
  sieve_apt_install libseccomp-dev pkg-config
  # shellcheck source=/dev/null
  source .ci/go-builds.sh
  sieve_go_build node --defer >/dev/null # under .ci/run: the last of the background builds
fi
