# Shared by build.sh, up.sh and down.sh (sourced, not executed).
# Versions, cache location and run-dir/port settings of the Daybook test control plane.
K8S_VERSION="${K8S_VERSION:-v1.36.3}"
ETCD_VERSION="${ETCD_VERSION:-v3.6.14}"
KWOK_VERSION="${KWOK_VERSION:-v0.8.0}"
HELM_VERSION="${HELM_VERSION:-v3.22.0}"
METRICS_SERVER_VERSION="${METRICS_SERVER_VERSION:-v0.9.0}"   # optional component (kubectl top)

DAYBOOK_CACHE="${DAYBOOK_CACHE:-$HOME/.cache/daybook}"
CLUSTER_BUILD_DIR="$DAYBOOK_CACHE/k8s/${K8S_VERSION}-${ETCD_VERSION}-${KWOK_VERSION}-${HELM_VERSION}"
CLUSTER_BIN="$CLUSTER_BUILD_DIR/bin"
CLUSTER_COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok helm)

RUN="${DAYBOOK_CLUSTER_RUN:-/tmp/daybook-cluster}"
API_PORT="${DAYBOOK_API_PORT:-16443}"
ETCD_PORT="${DAYBOOK_ETCD_PORT:-12379}"
ETCD_PEER_PORT="${DAYBOOK_ETCD_PEER_PORT:-12380}"
KCM_PORT="${DAYBOOK_KCM_PORT:-20257}"
SCHED_PORT="${DAYBOOK_SCHEDULER_PORT:-20259}"
KWOK_PORT="${DAYBOOK_KWOK_PORT:-20250}"
METRICS_PORT="${DAYBOOK_METRICS_PORT:-20443}"
INGRESS_PORT="${DAYBOOK_INGRESS_PORT:-18080}"   # podsim's ingress controller (plain HTTP)
