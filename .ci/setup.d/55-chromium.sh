# Headless Chromium (Debian's) and playwright-core (npm) for the collector's dashboard
# browser test. playwright-core is installed under $SIEVE_CACHE/node (outside the repo);
# it drives the system Chromium, it never downloads a browser. Exports SIEVE_CHROMIUM and
# SIEVE_PLAYWRIGHT_NODE_PATH for the test.
sieve_apt_install chromium
# Node.js may come from elsewhere than Debian (with its own npm): install only when absent.
command -v npm >/dev/null || sieve_apt_install nodejs npm
SIEVE_PLAYWRIGHT_VERSION="1.65.1"
sieve_node_dir="$SIEVE_CACHE/node"
if [ ! -f "$sieve_node_dir/node_modules/playwright-core/package.json" ] \
  || ! grep -q "\"version\": \"$SIEVE_PLAYWRIGHT_VERSION\"" \
    "$sieve_node_dir/node_modules/playwright-core/package.json"; then
  mkdir -p "$sieve_node_dir"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --silent --no-audit --no-fund \
    --prefix "$sieve_node_dir" "playwright-core@$SIEVE_PLAYWRIGHT_VERSION" >/dev/null
fi
export SIEVE_CHROMIUM="${SIEVE_CHROMIUM:-$(command -v chromium)}"
export SIEVE_PLAYWRIGHT_NODE_PATH="$sieve_node_dir/node_modules"
unset sieve_node_dir
