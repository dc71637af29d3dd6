# Interceptor tests: Node.js runs a keep-alive HTTP client inside test pods (network
# namespaces); curl and iproute2 come from 10-debian.sh. dumpcap (wireshark-common) records
# the live HTTP/2 and gRPC captures and the real-stack tests' traffic.
sieve_apt_install wireshark-common
if ! command -v node >/dev/null 2>&1; then
  sieve_apt_install nodejs
fi
