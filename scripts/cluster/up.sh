#!/usr/bin/env bash
# Starts a real Kubernetes control plane for Daybook's integration tests:
#   etcd -> kube-apiserver -> kube-controller-manager + kube-scheduler -> kwok (3 fake Ready nodes)
#   -> podsim (scripts/cluster/podsim: plays the container runtime for the course's images, the
#      provisioner of the default StorageClass `standard`, and the ingress controller of IngressClass `nginx`).
# The VerticalPodAutoscaler CRD is installed too (podsim's recommender fills in recommendations).
# Binaries come from scripts/cluster/build.sh (built on demand when missing).
# Writes $RUN/kubeconfig and $RUN/env (KUBECONFIG=, HELM_BIN=, ...). RUN=${DAYBOOK_CLUSTER_RUN:-/tmp/daybook-cluster}.
# Ports via DAYBOOK_API_PORT (16443), DAYBOOK_ETCD_PORT (12379), DAYBOOK_ETCD_PEER_PORT (12380),
# DAYBOOK_KCM_PORT (20257), DAYBOOK_SCHEDULER_PORT (20259), DAYBOOK_KWOK_PORT (20250),
# DAYBOOK_METRICS_PORT (20443), DAYBOOK_INGRESS_PORT (18080). DAYBOOK_METRICS=off skips metrics-server; DAYBOOK_PODSIM_CNI=none makes
# podsim a CNI that does not enforce NetworkPolicy (see docs/control-plane.md). All traffic stays on 127.0.0.1.
# On failure: prints the tail of the failing component's log, stops what it started, exits 1.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.sh
source "$HERE/versions.sh"
# shellcheck source=lib.sh
source "$HERE/lib.sh"
# shellcheck source=podsim.sh
source "$HERE/podsim.sh"

PKI="$RUN/pki"
API="https://127.0.0.1:$API_PORT"
export NO_PROXY="127.0.0.1,localhost,::1${NO_PROXY:+,$NO_PROXY}" no_proxy="127.0.0.1,localhost,::1${no_proxy:+,$no_proxy}"

log() { printf '[up] %s\n' "$*" >&2; }
now_ms() { date +%s%3N; }
START_MS=$(now_ms)

curl_api() { curl -fsS --max-time 5 --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" "$@"; }

# One up.sh/down.sh at a time per run dir (parallel test runs on one machine share the cluster).
case "$RUN" in ""|/) log "refusing to use RUN=$RUN"; exit 1 ;; esac
mkdir -p "$(dirname "$RUN")"
exec 9>"$RUN.lock"
flock 9

# ---- already running? ----
if [ -d "$RUN/pids" ] && ls "$RUN/pids"/*.pid >/dev/null 2>&1; then
  alive=0 dead=0
  for name in etcd kube-apiserver kube-controller-manager kube-scheduler kwok podsim; do
    if pid_alive "$name"; then alive=$((alive + 1)); else dead=$((dead + 1)); fi
  done
  if [ "$dead" = 0 ] && curl_api "$API/readyz" >/dev/null 2>&1; then
    log "cluster already running"
    echo "KUBECONFIG=$RUN/kubeconfig"
    exit 0
  fi
  if [ "$dead" = 1 ] && ! pid_alive podsim && curl_api "$API/readyz" >/dev/null 2>&1; then
    cni="${DAYBOOK_PODSIM_CNI:-$(sed -n 's/^DAYBOOK_PODSIM_CNI=//p' "$RUN/env" 2>/dev/null)}"
    log "podsim is not running; starting it (CNI ${cni:-enforcing})"
    start_podsim "${cni:-enforcing}" || { log "podsim needs node and the project's node_modules (run npm ci first)"; exit 1; }
    deadline=$((SECONDS + 60))
    until podsim_healthy; do
      pid_alive podsim && [ $SECONDS -lt $deadline ] || { log "podsim did not start; see $RUN/logs/podsim.log"; exit 1; }
      sleep 0.2
    done
    sed -i "s#^DAYBOOK_PODSIM_URL=.*#DAYBOOK_PODSIM_URL=$(cat "$RUN/podsim/url")#" "$RUN/env"
    echo "KUBECONFIG=$RUN/kubeconfig"
    exit 0
  fi
  if [ "$alive" -gt 0 ]; then
    log "$RUN holds a partly running cluster; run scripts/cluster/down.sh first"
    exit 1
  fi
  log "stale run dir $RUN (no component alive); starting afresh"
elif [ -d "$RUN" ] && [ -n "$(ls -A "$RUN")" ] && [ ! -f "$RUN/kubeconfig" ]; then
  log "$RUN exists and does not look like a Daybook run dir; refusing to delete it"
  exit 1
fi

for c in "${CLUSTER_COMPONENTS[@]}"; do
  [ -x "$CLUSTER_BIN/$c" ] && [ -s "$CLUSTER_BUILD_DIR/kwok-stages.yaml" ] && [ -s "$CLUSTER_BUILD_DIR/kwok-metrics.yaml" ] \
    && [ -s "$CLUSTER_BUILD_DIR/kwok-crds/portforwards.yaml" ] && [ -s "$CLUSTER_BIN/kwok.patches" ] \
    || { log "missing $c; running build.sh"; bash "$HERE/build.sh" >/dev/null; break; }
done
podsim_check_prerequisites || { log "podsim needs node and the project's node_modules (run npm ci first)"; exit 1; }
for tool in openssl curl jq; do
  command -v "$tool" >/dev/null || { log "$tool is required (bash scripts/cluster/build.sh installs it)"; exit 1; }
done

rm -rf "$RUN"
mkdir -p "$RUN"/{pids,logs,pki,etcd,kwok-home,exec-bin,exec-workdir,podsim/bin}

STARTED=()
FAILED=""
on_exit() {
  local rc=$?
  if [ "$rc" -ne 0 ] && [ "${#STARTED[@]}" -gt 0 ]; then
    if [ -n "$FAILED" ] && [ -f "$RUN/logs/$FAILED.log" ]; then
      log "---- last 40 lines of $RUN/logs/$FAILED.log ----"
      tail -n 40 "$RUN/logs/$FAILED.log" >&2
    fi
    if [ "${DAYBOOK_KEEP_ON_FAILURE:-0}" != 1 ]; then
      log "stopping the components started so far (set DAYBOOK_KEEP_ON_FAILURE=1 to keep them)"
      DAYBOOK_CLUSTER_LOCK_HELD=1 bash "$HERE/down.sh" >&2 || true
    fi
  fi
}
trap on_exit EXIT

# start NAME BINARY ARGS...: runs BINARY detached (lib.sh) and remembers it for the cleanup on failure.
start() {
  start_recorded "$@"
  STARTED+=("$1")
}

# wait_until NAME TIMEOUT_S CMD...: polls CMD until success; prints the time taken.
wait_until() {
  local name="$1" timeout_s="$2"; shift 2
  local begin; begin=$(now_ms)
  local deadline=$((begin + timeout_s * 1000))
  until "$@" >/dev/null 2>&1; do
    if [ -f "$RUN/pids/$name.pid" ] && ! pid_alive "$name"; then
      FAILED="$name"; log "$name exited during start-up"; exit 1
    fi
    if [ "$(now_ms)" -gt "$deadline" ]; then
      FAILED="$name"; log "$name not ready after ${timeout_s}s"; exit 1
    fi
    sleep 0.2
  done
  local took=$(( $(now_ms) - begin ))
  printf '[up] %-24s ready in %d.%03ds\n' "$name" $((took / 1000)) $((took % 1000)) >&2
}

# ---- PKI: one CA, one admin cert (system:masters; also the serving cert), one SA key ----
pki_begin=$(now_ms)
ADVERTISE_IP="${DAYBOOK_ADVERTISE_IP:-$(ip -4 route get 1.1.1.1 2>/dev/null | awk '{for(i=1;i<=NF;i++) if($i=="src") print $(i+1)}' || true)}"
[ -n "$ADVERTISE_IP" ] || ADVERTISE_IP=$(hostname -I 2>/dev/null | awk '{print $1}' || true)
[ -n "$ADVERTISE_IP" ] || ADVERTISE_IP=127.0.0.1
(
  cd "$PKI"
  openssl genrsa -traditional -out ca.key 2048 2>/dev/null
  openssl req -x509 -new -key ca.key -sha256 -days 3650 -subj "/CN=daybook-test-ca" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign" -out ca.crt
  openssl genrsa -traditional -out admin.key 2048 2>/dev/null
  openssl req -new -key admin.key -subj "/O=system:masters/CN=daybook-admin" -out admin.csr
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=serverAuth,clientAuth"
    echo "subjectAltName=DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,DNS:localhost,IP:127.0.0.1,IP:::1,IP:10.0.0.1,IP:$ADVERTISE_IP"
  } >admin.ext
  openssl x509 -req -in admin.csr -CA ca.crt -CAkey ca.key -CAcreateserial -sha256 -days 3650 \
    -extfile admin.ext -out admin.crt 2>/dev/null
  openssl genrsa -traditional -out sa.key 2048 2>/dev/null
) || { log "openssl failed"; exit 1; }
b64() { base64 -w0 "$1"; }
cat >"$RUN/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: daybook-test
  cluster:
    server: $API
    certificate-authority-data: $(b64 "$PKI/ca.crt")
users:
- name: daybook-admin
  user:
    client-certificate-data: $(b64 "$PKI/admin.crt")
    client-key-data: $(b64 "$PKI/admin.key")
contexts:
- name: daybook-test
  context:
    cluster: daybook-test
    user: daybook-admin
current-context: daybook-test
EOF
chmod 600 "$RUN/kubeconfig" "$PKI"/*.key
log "pki + kubeconfig in $(( $(now_ms) - pki_begin ))ms (advertise address $ADVERTISE_IP)"
echo "$ADVERTISE_IP" >"$RUN/advertise-ip"

# The API server's connections to nodes, pods and Services (kubelet logs/exec/port-forward, the
# service proxy, aggregated APIs) go through podsim's CONNECT proxy, which only reaches 127.0.0.0/8
# and podsim's own pod listeners: nothing it proxies can leave the host.
cat >"$RUN/egress-selector.yaml" <<EOF
apiVersion: apiserver.k8s.io/v1beta1
kind: EgressSelectorConfiguration
egressSelections:
- name: cluster
  connection:
    proxyProtocol: HTTPConnect
    transport:
      uds:
        udsName: $RUN/podsim/egress.sock
EOF

# ---- etcd ----
start etcd "$CLUSTER_BIN/etcd" --name=daybook --data-dir="$RUN/etcd" \
  --listen-client-urls="http://127.0.0.1:$ETCD_PORT" --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster="daybook=http://127.0.0.1:$ETCD_PEER_PORT" --listen-metrics-urls="" \
  --auto-compaction-retention=1 --quota-backend-bytes=2147483648 --unsafe-no-fsync=true --log-level=warn
wait_until etcd 60 sh -c "curl -fsS --max-time 2 http://127.0.0.1:$ETCD_PORT/health | grep -q '\"health\":\"true\"'"

# ---- kube-apiserver (RBAC; default admission plugins incl. ResourceQuota, LimitRanger, ServiceAccount) ----
start kube-apiserver "$CLUSTER_BIN/kube-apiserver" \
  --etcd-servers="http://127.0.0.1:$ETCD_PORT" --etcd-prefix=/registry \
  --bind-address=127.0.0.1 --secure-port="$API_PORT" --advertise-address="$ADVERTISE_IP" \
  --authorization-mode=Node,RBAC --allow-privileged=true \
  --tls-cert-file="$PKI/admin.crt" --tls-private-key-file="$PKI/admin.key" --client-ca-file="$PKI/ca.crt" \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$PKI/sa.key" --service-account-signing-key-file="$PKI/sa.key" \
  --proxy-client-cert-file="$PKI/admin.crt" --proxy-client-key-file="$PKI/admin.key" \
  --requestheader-client-ca-file="$PKI/ca.crt" --requestheader-allowed-names=daybook-admin \
  --requestheader-username-headers=X-Remote-User --requestheader-group-headers=X-Remote-Group \
  --requestheader-extra-headers-prefix=X-Remote-Extra- \
  --service-cluster-ip-range=10.0.0.0/24 --profiling=false --egress-selector-config-file="$RUN/egress-selector.yaml"
wait_until kube-apiserver 120 curl_api "$API/readyz"

# ---- kwok's per-pod rule kinds (Logs, Exec, PortForward): podsim writes one of each per pod ----
for crd in logs execs portforwards; do
  curl_api -X POST -H 'Content-Type: application/yaml' --data-binary "@$CLUSTER_BUILD_DIR/kwok-crds/$crd.yaml" \
    "$API/apis/apiextensions.k8s.io/v1/customresourcedefinitions" >/dev/null \
    || { FAILED=kube-apiserver; log "installing the kwok CRD $crd failed"; exit 1; }
done
kwok_crds_established() {
  local crd
  for crd in logs execs portforwards; do
    curl_api "$API/apis/apiextensions.k8s.io/v1/customresourcedefinitions/$crd.kwok.x-k8s.io" \
      | jq -e 'any(.status.conditions[]?; .type == "Established" and .status == "True")' || return 1
  done
}
wait_until kwok-crds 30 kwok_crds_established

# ---- what a course cluster comes with: default storage, an ingress controller's class, VPA ----
# The StorageClass' provisioner and the IngressClass' controller are podsim; the CRD is posted as is,
# so its x-kubernetes-preserve-unknown-fields stay (a typed client would drop them).
post_json() {
  curl_api -X POST -H 'Content-Type: application/json' "$API/$1" -d "$2" >/dev/null \
    || { FAILED=kube-apiserver; log "creating $3 failed"; exit 1; }
}
post_json apis/storage.k8s.io/v1/storageclasses '{"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
  "metadata": {"name": "standard", "annotations": {"storageclass.kubernetes.io/is-default-class": "true"}},
  "provisioner": "daybook.local/podsim", "reclaimPolicy": "Delete", "volumeBindingMode": "Immediate"}' "StorageClass standard"
post_json api/v1/namespaces '{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "ingress-nginx",
  "labels": {"app.kubernetes.io/name": "ingress-nginx"}}}' "namespace ingress-nginx"
post_json apis/networking.k8s.io/v1/ingressclasses '{"apiVersion": "networking.k8s.io/v1", "kind": "IngressClass",
  "metadata": {"name": "nginx", "labels": {"app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller"},
    "annotations": {"ingressclass.kubernetes.io/is-default-class": "true"}},
  "spec": {"controller": "k8s.io/ingress-nginx"}}' "IngressClass nginx"
curl_api -X POST -H 'Content-Type: application/yaml' --data-binary "@$HERE/../../tests/integration/fixtures/vpa-crd.yaml" \
  "$API/apis/apiextensions.k8s.io/v1/customresourcedefinitions" >/dev/null \
  || { FAILED=kube-apiserver; log "installing the VerticalPodAutoscaler CRD failed"; exit 1; }
vpa_crd_established() {
  curl_api "$API/apis/apiextensions.k8s.io/v1/customresourcedefinitions/verticalpodautoscalers.autoscaling.k8s.io" \
    | jq -e 'any(.status.conditions[]?; .type == "Established" and .status == "True")'
}
wait_until vpa-crd 30 vpa_crd_established

# ---- controller manager + scheduler ----
start kube-controller-manager "$CLUSTER_BIN/kube-controller-manager" --kubeconfig="$RUN/kubeconfig" \
  --authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics \
  --bind-address=127.0.0.1 --secure-port="$KCM_PORT" --leader-elect=false \
  --root-ca-file="$PKI/ca.crt" --service-account-private-key-file="$PKI/sa.key" \
  --use-service-account-credentials=false --node-monitor-grace-period=3m20s --profiling=false
start kube-scheduler "$CLUSTER_BIN/kube-scheduler" --kubeconfig="$RUN/kubeconfig" \
  --authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics \
  --bind-address=127.0.0.1 --secure-port="$SCHED_PORT" --leader-elect=false --profiling=false
wait_until kube-controller-manager 60 curl -fsSk --max-time 2 "https://127.0.0.1:$KCM_PORT/healthz"
wait_until kube-scheduler 60 curl -fsSk --max-time 2 "https://127.0.0.1:$SCHED_PORT/healthz"

# ---- kwok: stages + logs/exec/port-forward rules (+ kubelet-style resource metrics for metrics-server) ----
# Per-pod Logs/Exec/PortForward objects come from podsim; the ClusterLogs/ClusterExec below are the
# fallback for pods podsim does not know (kwok prefers a pod's own rule).
METRICS_ENABLED=0
if [ "${DAYBOOK_METRICS:-auto}" != off ] && [ -x "$CLUSTER_BIN/metrics-server" ]; then METRICS_ENABLED=1; fi
STAGES="$CLUSTER_BUILD_DIR/kwok-stages.yaml"
FAKE_LOG="$RUN/kwok-pod.log"
cp "$HERE/kwok/pod.log" "$FAKE_LOG"
install -m 0755 "$HERE/kwok/fake-psql.sh" "$RUN/exec-bin/psql"
# A pod becomes Running+Ready only once podsim has started its containers (PODSIM_STARTED_ANNOTATION,
# podsim.sh), as a kubelet reports Running only after the runtime started them.
gate_pod_ready() {
  awk -v key="$PODSIM_STARTED_ANNOTATION" '
    /^  name: / { in_pod_ready = ($2 == "pod-ready") }
    { print }
    in_pod_ready && /^    matchExpressions:/ {
      printf "    - key: %c.metadata.annotations[\"%s\"]%c\n      operator: %cExists%c\n", 39, key, 39, 39, 39
      in_pod_ready = 0
    }' "$1"
}
{
  gate_pod_ready "$STAGES"
  cat <<EOF
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterLogs
metadata:
  name: daybook-all-pods
spec:
  selector: {}
  logs:
  - logsFile: $FAKE_LOG
    follow: true
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterExec
metadata:
  name: daybook-all-pods
spec:
  selector: {}
  execs:
  - local:
      workDir: $RUN/exec-workdir
      envs:
      - name: PATH
        value: $RUN/exec-bin:/usr/local/bin:/usr/bin:/bin
      - name: DAYBOOK_FAKE_POD
        value: "1"
EOF
  if [ "$METRICS_ENABLED" = 1 ]; then
    printf -- '---\n'
    cat "$CLUSTER_BUILD_DIR/kwok-metrics.yaml"
  fi
} >"$RUN/kwok.yaml"

# Pod IPs: kwok allocates them from POD_CIDR. They are names only: no route, nothing listens on them,
# and podsim maps every in-cluster connection to its own listeners on 127.0.0.1.
POD_CIDR="${DAYBOOK_POD_CIDR:-10.222.0.0/16}"
PODSIM_CNI="${DAYBOOK_PODSIM_CNI:-enforcing}"
podsim_valid_cni "$PODSIM_CNI" || { log "DAYBOOK_PODSIM_CNI must be enforcing or none (got $PODSIM_CNI)"; exit 1; }
# kwok resolves the exec'd command with its own PATH, so the fake tools come first there too.
HOME="$RUN/kwok-home" PATH="$RUN/podsim/bin:$RUN/exec-bin:$PATH" start kwok "$CLUSTER_BIN/kwok" \
  --kubeconfig="$RUN/kubeconfig" --config="$RUN/kwok.yaml" --enable-crds=Logs,Exec,PortForward \
  --manage-all-nodes=false --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
  --tls-cert-file="$PKI/admin.crt" --tls-private-key-file="$PKI/admin.key" \
  --node-ip=127.0.0.1 --node-name=localhost --node-port="$KWOK_PORT" \
  --server-address="127.0.0.1:$KWOK_PORT" --node-lease-duration-seconds=40 --cidr="$POD_CIDR"
wait_until kwok 60 curl -fsS --max-time 2 "http://127.0.0.1:$KWOK_PORT/healthz"

# ---- podsim: the workload simulator (listeners, logs, exec tools, NetworkPolicy, storage, ingress) on 127.0.0.1 ----
echo "$POD_CIDR" >"$RUN/pod-cidr"
echo "$INGRESS_PORT" >"$RUN/ingress-port"
start_podsim "$PODSIM_CNI"
STARTED+=(podsim)
wait_until podsim 60 podsim_healthy

# ---- 3 fake nodes (no taint: there is no kubelet, pods only become Running through kwok) ----
for i in 0 1 2; do
  node_json=$(jq -cn --arg name "kwok-node-$i" '{
    apiVersion: "v1", kind: "Node",
    metadata: {name: $name,
      annotations: {"kwok.x-k8s.io/node": "fake", "node.alpha.kubernetes.io/ttl": "0",
        "metrics.k8s.io/resource-metrics-path": "/metrics/nodes/\($name)/metrics/resource"},
      labels: {"beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64", "kubernetes.io/os": "linux", "kubernetes.io/hostname": $name,
        "kubernetes.io/role": "agent", "node-role.kubernetes.io/agent": "", type: "kwok"}},
    status: {allocatable: {cpu: "32", memory: "256Gi", pods: "110"},
             capacity: {cpu: "32", memory: "256Gi", pods: "110"}}}')
  curl_api -X POST -H 'Content-Type: application/json' "$API/api/v1/nodes" -d "$node_json" >/dev/null \
    || { FAILED=kube-apiserver; log "creating node kwok-node-$i failed"; exit 1; }
done
three_nodes_ready() {
  curl_api "$API/api/v1/nodes" | jq -e '[.items[]
    | select(any(.status.conditions[]?; .type == "Ready" and .status == "True"))
    | select(all(.spec.taints[]?; .key != "node.kubernetes.io/not-ready"))] | length == 3'
}
wait_until nodes 120 three_nodes_ready
FAILED=kube-controller-manager
wait_until default-serviceaccount 60 curl_api "$API/api/v1/namespaces/default/serviceaccounts/default"
FAILED=""

# ---- metrics-server (kubectl top): an APIService behind an ExternalName Service -> 127.0.0.1 ----
if [ "$METRICS_ENABLED" = 1 ]; then
  start metrics-server "$CLUSTER_BIN/metrics-server" \
    --kubeconfig="$RUN/kubeconfig" --authentication-kubeconfig="$RUN/kubeconfig" \
    --authorization-kubeconfig="$RUN/kubeconfig" \
    --bind-address=127.0.0.1 --secure-port="$METRICS_PORT" \
    --tls-cert-file="$PKI/admin.crt" --tls-private-key-file="$PKI/admin.key" \
    --kubelet-preferred-address-types=InternalIP --kubelet-use-node-status-port --kubelet-insecure-tls \
    --metric-resolution=10s --kubelet-request-timeout=5s
  metrics_service=$(jq -cn --argjson port "$METRICS_PORT" '{apiVersion: "v1", kind: "Service",
    metadata: {name: "metrics-server", namespace: "kube-system"},
    spec: {type: "ExternalName", externalName: "127.0.0.1", ports: [{name: "https", port: $port, targetPort: $port}]}}')
  metrics_apiservice=$(jq -cn --argjson port "$METRICS_PORT" '{apiVersion: "apiregistration.k8s.io/v1", kind: "APIService",
    metadata: {name: "v1beta1.metrics.k8s.io"},
    spec: {service: {name: "metrics-server", namespace: "kube-system", port: $port}, group: "metrics.k8s.io",
      version: "v1beta1", insecureSkipTLSVerify: true, groupPriorityMinimum: 100, versionPriority: 100}}')
  FAILED=kube-apiserver
  curl_api -X POST -H 'Content-Type: application/json' "$API/api/v1/namespaces/kube-system/services" \
    -d "$metrics_service" >/dev/null
  curl_api -X POST -H 'Content-Type: application/json' "$API/apis/apiregistration.k8s.io/v1/apiservices" \
    -d "$metrics_apiservice" >/dev/null
  FAILED=""
  metrics_api_available() {
    curl_api "$API/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.metrics.k8s.io" \
      | jq -e 'any(.status.conditions[]?; .type == "Available" and .status == "True")'
  }
  wait_until metrics-server 90 metrics_api_available
fi

cat >"$RUN/env" <<EOF
KUBECONFIG=$RUN/kubeconfig
HELM_BIN=$CLUSTER_BIN/helm
DAYBOOK_CLUSTER_BIN=$CLUSTER_BIN
DAYBOOK_K8S_VERSION=$K8S_VERSION
DAYBOOK_CLUSTER_RUN=$RUN
DAYBOOK_POD_CIDR=$POD_CIDR
DAYBOOK_PODSIM_URL=$(cat "$RUN/podsim/url")
DAYBOOK_PODSIM_CNI=$PODSIM_CNI
DAYBOOK_INGRESS_URL=http://127.0.0.1:$INGRESS_PORT
DAYBOOK_METRICS_ENABLED=$METRICS_ENABLED
EOF

total=$(( $(now_ms) - START_MS ))
printf '[up] cluster ready in %d.%03ds\n' $((total / 1000)) $((total % 1000)) >&2
for name in etcd kube-apiserver kube-controller-manager kube-scheduler kwok podsim metrics-server; do
  [ -f "$RUN/pids/$name.pid" ] || continue
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$(cat "$RUN/pids/$name.pid")/status" 2>/dev/null || echo 0)
  printf '[up] rss %-24s %6d MiB\n' "$name" $((rss / 1024)) >&2
done
echo "KUBECONFIG=$RUN/kubeconfig"
