# A real Kubernetes node for tests/node (scripts/k8s_node.py): containerd, runc, the CNI
# plugins, CoreDNS and, from k8s.io/kubernetes at the API server's version, the kubelet,
# kube-scheduler, kube-controller-manager, kube-proxy and kubectl, all built with the Go
# toolchain from the Go module proxy and cached under $SIEVE_CACHE/node/.
# Cold build times measured on this machine (2 shared, busy cores; the Kubernetes binaries
# reuse the Go build cache that 70-k8s.sh's kube-apiserver build fills):
#   CNI plugins 72 s, containerd 242 s, runc 38 s, CoreDNS 418 s, kubelet + kube-scheduler +
#   kube-controller-manager + kube-proxy + kubectl 406 s: about 20 minutes in all.
# SIEVE_SKIP_NODE_BUILD=1 skips this step; tests/node then skip, saying what to build.
# Debian packages: libseccomp-dev (runc's seccomp, cgo), conntrack (kube-proxy),
# busybox-static (the node's smoke image), iptables (kube-proxy).
if [ -z "${SIEVE_SKIP_NODE_BUILD:-}" ]; then
  sieve_apt_install libseccomp-dev pkg-config conntrack busybox-static iptables
  command -v go >/dev/null || export PATH="$PATH:/usr/local/go/bin"
  python -m scripts.k8s_dev node build >/dev/null
fi
