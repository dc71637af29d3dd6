# Debian packages the tests use: iproute2 (network namespaces), curl (a real client in pods),
# gcc and libc6-dev (the interceptor modules compiled with mypyc, as in its image).
# Later steps may add their own; `apt-get update` runs once, only when something is missing.
SIEVE_APT_PACKAGES="${SIEVE_APT_PACKAGES:-} iproute2 curl nftables gcc libc6-dev"
sieve_apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ -z "${SIEVE_APT_UPDATED:-}" ]; then
      DEBIAN_FRONTEND=noninteractive apt-get update -qq
      SIEVE_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}
# shellcheck disable=SC2086
sieve_apt_install $SIEVE_APT_PACKAGES
