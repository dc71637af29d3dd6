// Wrapper module: builds the etcd server from go.etcd.io/etcd/server/v3 (see scripts/k8s_dev.py).
module sieve.local/k8s/etcd

go 1.26.0

require go.etcd.io/etcd/server/v3 v3.6.16
