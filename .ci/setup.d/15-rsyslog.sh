# rsyslog from Debian: a real syslog receiver for the collector's alert tests
# (tests/integration/test_collector_alerts_syslog.py runs its own rsyslogd on loopback, as the
# test user, with a config of its own; the system service is not used).
sieve_apt_install rsyslog
