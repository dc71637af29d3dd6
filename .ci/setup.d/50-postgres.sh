# PostgreSQL for the collector's storage tests: Debian's server, a cluster of our own
# ("sieve", port 55432, loopback only) with a known test user and database. Idempotent:
# an existing cluster is reused and started when down. Exports SIEVE_TEST_POSTGRES_URL.
sieve_apt_install postgresql
SIEVE_PG_PORT="${SIEVE_PG_PORT:-55432}"
sieve_pg_version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "${sieve_pg_version}/sieve"; then
  pg_createcluster "$sieve_pg_version" sieve -p "$SIEVE_PG_PORT" >/dev/null
fi
# Loopback only; durability is irrelevant for a test database.
cat > "/etc/postgresql/${sieve_pg_version}/sieve/conf.d/sieve-test.conf" <<'PGCONF'
listen_addresses = '127.0.0.1'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
PGCONF
if ! pg_lsclusters -h | awk '$2=="sieve"{print $4}' | grep -q online; then
  pg_ctlcluster "$sieve_pg_version" sieve start
fi
for _ in $(seq 1 50); do
  pg_isready -q -h 127.0.0.1 -p "$SIEVE_PG_PORT" && break
  sleep 0.2
done
sieve_psql() { runuser -u postgres -- psql -q -p "$SIEVE_PG_PORT" -v ON_ERROR_STOP=1 "$@"; }
if [ "$(sieve_psql -tAc "SELECT 1 FROM pg_roles WHERE rolname='sieve'")" != "1" ]; then
  sieve_psql -c "CREATE ROLE sieve LOGIN PASSWORD 'sieve' CREATEDB"
fi
if [ "$(sieve_psql -tAc "SELECT 1 FROM pg_database WHERE datname='sieve_test'")" != "1" ]; then
  sieve_psql -c "CREATE DATABASE sieve_test OWNER sieve"
fi
export SIEVE_TEST_POSTGRES_URL="postgresql+psycopg://sieve:sieve@127.0.0.1:${SIEVE_PG_PORT}/sieve_test"
unset sieve_pg_version
