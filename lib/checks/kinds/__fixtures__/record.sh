#!/usr/bin/env bash
# Records the API objects the check-kind tests feed to evaluate(), from a real API server.
#
#   KUBECONFIG=/path/to/kubeconfig [HELM_BIN=…] bash lib/checks/kinds/__fixtures__/record.sh
#
# Works only in namespaces it creates (kindtests-*) and deletes them at the end. The one change outside
# them: a node is cordoned for a few seconds (the drain recording) and uncordoned again. On the local
# control plane pods are simulated by kwok (Running/Ready without containers), so exec, HTTP and log
# answers are not recorded here; the tests write those as the real programs print them.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../../.." && pwd)
# OUT: where the files go (default: next to this script)
cd "${OUT:-$(dirname "$0")}"
COURSE=$ROOT/course
NS=kindtests-rec
BARE=kindtests-bare
HELMNS=kindtests-helm
TERM_NS=kindtests-term
REGISTRY=registry.example.com/team-a
HELM=${HELM_BIN:-helm}

# Drop what no check reads and only makes the files long: managedFields and kubectl's last-applied copy.
trim() {
  jq 'walk(if type == "object" and (.metadata | type) == "object" then
        .metadata |= (del(.managedFields) | if .annotations then .annotations |= del(.["kubectl.kubernetes.io/last-applied-configuration"]) else . end)
      else . end)'
}
save() { local name=$1; shift; kubectl "$@" -o json | trim >"$name.json"; echo "recorded $name.json"; }
raw() { local name=$1; shift; kubectl get --raw "$@" | jq . >"$name.json"; echo "recorded $name.json"; }
# What the API server answered a failing request, as lib/k8s/rest.ts receives it: the HTTP status and the body.
status_body() {
  local name=$1; shift
  local log code body
  log=$(kubectl "$@" -v=8 2>&1 || true)
  code=$(printf '%s\n' "$log" | sed -n 's/.*Response Status: \([0-9]*\).*/\1/p' | tail -1)
  body=$(printf '%s\n' "$log" | awk '/"Response Body" body=</ {b = ""; on = 1; next} on && /^ >/ {on = 0; last = b; next} on {sub(/^\t/, ""); b = b (b == "" ? "" : "\n") $0} END {print last}')
  jq -n --argjson status "$code" --arg body "$body" '{status: $status, body: $body}' >"$name.json"
  echo "recorded $name.json ($code)"
}
course() { sed -e "s/namespace: ecommerce/namespace: $NS/" -e "s#image: ecommerce-\(backend\|frontend\):#image: $REGISTRY/ecommerce-\1:#" "$COURSE/$1"; }
until_true() { local what=$1; shift; for _ in $(seq 1 90); do if eval "$@" >/dev/null 2>&1; then return 0; fi; sleep 2; done; echo "timed out waiting for $what" >&2; return 1; }
rollout() { kubectl rollout status -n "$NS" "deployment/$1" --timeout=180s >/dev/null; }
cleanup() {
  if [ -n "${CORDONED:-}" ]; then kubectl uncordon "$CORDONED" || true; fi
  kubectl delete ns "$NS" "$BARE" "$HELMNS" --ignore-not-found --wait=false >/dev/null || true
  kubectl patch configmap hold -n "$TERM_NS" --type=merge -p '{"metadata":{"finalizers":null}}' >/dev/null 2>&1 || true
  kubectl delete ns "$TERM_NS" --ignore-not-found --wait=false >/dev/null || true
}
trap cleanup EXIT

# --- the cluster ---------------------------------------------------------------------------------------
raw version /version
save nodes get nodes
save storageclasses get storageclass
# No StorageClass may be created here (cluster-scoped), so the server's own answer to a dry-run create stands in.
kubectl create --dry-run=server -o json -f - <<'EOF' | trim >storageclass-default-dryrun.json
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
provisioner: rancher.io/local-path
volumeBindingMode: WaitForFirstConsumer
EOF
# What `kubectl api-resources` reads: every group's preferred version and its resources.
{
  echo '{'
  echo "\"v1\": $(kubectl get --raw /api/v1)"
  for gv in $(kubectl get --raw /apis | jq -r '.groups[].preferredVersion.groupVersion'); do echo ", \"$gv\": $(kubectl get --raw "/apis/$gv")"; done
  echo '}'
} | jq 'map_values({groupVersion, resources: [.resources[] | {name, kind, namespaced, verbs}]})' >discovery.json
echo "recorded discovery.json"
status_body discovery-vpa-404 get --raw /apis/autoscaling.k8s.io/v1

# --- Day 1-2: namespace, quota, config ------------------------------------------------------------------
kubectl create ns "$NS" >/dev/null
kubectl label ns "$NS" app=ecommerce pod-security.kubernetes.io/enforce=baseline pod-security.kubernetes.io/warn=restricted >/dev/null
until_true "the default ServiceAccount" kubectl get sa default -n "$NS"
sed -n '/^kind: ResourceQuota/,$p' "$COURSE/k8s-manifests/01-namespace.yaml" | sed -e '1i apiVersion: v1' -e "s/namespace: ecommerce/namespace: $NS/" | kubectl apply -n "$NS" -f - >/dev/null
kubectl create secret generic ecommerce-database-secret -n "$NS" --from-literal=POSTGRES_PASSWORD="$(openssl rand -base64 24)" >/dev/null
kubectl create secret generic ecommerce-api-secret -n "$NS" --from-literal=JWT_SECRET_KEY="$(openssl rand -hex 32)" --from-literal=API_KEY="$(openssl rand -hex 16)" >/dev/null
kubectl label secret ecommerce-database-secret -n "$NS" app=ecommerce component=database >/dev/null
kubectl label secret ecommerce-api-secret -n "$NS" app=ecommerce component=backend >/dev/null
course k8s-manifests/02-configmaps.yaml | kubectl apply -n "$NS" -f - >/dev/null
save namespace get namespace "$NS"
save configmaps get configmaps -n "$NS"
save secrets get secrets -n "$NS"
save limitranges get limitranges -n "$NS"

# --- Day 3-5: the three tiers (the database stays Pending: its PVC has no StorageClass to bind to) -----
course k8s-manifests/04-deployments.yaml | kubectl apply -n "$NS" -f - >/dev/null
course k8s-manifests/05-services.yaml | kubectl apply -n "$NS" -f - >/dev/null
rollout ecommerce-backend-deployment
rollout ecommerce-frontend-deployment
until_true "the quota to count the pods" "[ \"\$(kubectl get resourcequota ecommerce-resource-quota -n $NS -o jsonpath='{.status.used.pods}')\" = 6 ]"
save quotas get resourcequotas -n "$NS"
save day03-deployments get deployments -n "$NS"
save day03-pods get pods -n "$NS"
save day03-replicasets get replicasets -n "$NS"
save services get services -n "$NS"

# --- Day 7: quota enforcement by server-side dry run ----------------------------------------------------
# The object planOverage() picks for the course quota (services.nodeports is 0) and what the server says.
status_body quota-nodeport-refused create --dry-run=server -n "$NS" -f - <<EOF
{"apiVersion":"v1","kind":"Service","metadata":{"name":"daybook-quota-probe","namespace":"$NS"},"spec":{"type":"NodePort","ports":[{"port":80}]}}
EOF
# An oversized pod: the LimitRange refuses it before the quota is consulted (the course's earlier mistake).
status_body quota-limitrange-refused create --dry-run=server -n "$NS" -f - <<EOF
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"daybook-quota-probe","namespace":"$NS"},"spec":{"containers":[{"name":"c0","image":"registry.k8s.io/pause:3.10","resources":{"requests":{"cpu":"9","memory":"64Mi"},"limits":{"cpu":"9","memory":"64Mi"}}}]}}
EOF

# --- Days 7, 11-14: budgets, monitoring, RBAC, policies, autoscaling ------------------------------------
course k8s-manifests/06-pod-disruption-budgets.yaml | kubectl apply -n "$NS" -f - >/dev/null
course k8s-manifests/09-rbac.yaml | kubectl apply -n "$NS" -f - >/dev/null
course k8s-manifests/10-network-policies.yaml | kubectl apply -n "$NS" -f - >/dev/null
course k8s-manifests/11-horizontal-pod-autoscaler.yaml | kubectl apply -n "$NS" -f - >/dev/null
for f in "$COURSE"/monitoring/*.yaml; do course "monitoring/$(basename "$f")" | kubectl apply -n "$NS" -f - >/dev/null; done
# No VPA CRD here: the API server refuses the course's VerticalPodAutoscaler, and a list of them is a 404.
status_body vpa-list-404 get --raw "/apis/autoscaling.k8s.io/v1/namespaces/$NS/verticalpodautoscalers"
for d in prometheus-deployment grafana-deployment alertmanager-deployment; do rollout "$d"; done
until_true "the PDBs to count pods" "[ \"\$(kubectl get pdb ecommerce-backend-pdb -n $NS -o jsonpath='{.status.currentHealthy}')\" = 3 ]"
save pdbs get pdb -n "$NS"
save networkpolicies get networkpolicies -n "$NS"
save serviceaccounts get serviceaccounts -n "$NS"
save roles get roles -n "$NS"
save rolebindings get rolebindings -n "$NS"
save monitoring-pods get pods -n "$NS" -l 'app in (prometheus,grafana,alertmanager)'
until_true "the HPA to read metrics" "kubectl get hpa ecommerce-backend-hpa -n $NS -o json | jq -e '.status.conditions[] | select(.type==\"ScalingActive\" and .status==\"True\")'"
save hpa-active get hpa ecommerce-backend-hpa -n "$NS"
for q in "get pods" "get secrets" "list pods"; do
  set -- $q
  kubectl create -o json -f - <<EOF | jq '{status}' >"sar-prometheus-$1-$2.json"
{"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","spec":{"user":"system:serviceaccount:$NS:prometheus","groups":["system:serviceaccounts","system:serviceaccounts:$NS","system:authenticated"],"resourceAttributes":{"namespace":"$NS","verb":"$1","resource":"$2"}}}
EOF
  echo "recorded sar-prometheus-$1-$2.json"
done
# Daybook's identity without rights: what the API server answers a ServiceAccount that may not list pods.
status_body forbidden-pods get pods -n "$NS" --as="system:serviceaccount:$NS:grafana"
status_body forbidden-sar create --raw /apis/authorization.k8s.io/v1/subjectaccessreviews -f - --as="system:serviceaccount:$NS:grafana" <<EOF
{"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","spec":{"user":"system:serviceaccount:$NS:prometheus","resourceAttributes":{"namespace":"$NS","verb":"get","resource":"pods"}}}
EOF

# --- metrics (metrics-server over kwok's simulated usage; a pod annotation sets a pod's usage) ----------
until_true "pod metrics" "kubectl get --raw /apis/metrics.k8s.io/v1beta1/namespaces/$NS/pods | jq -e '.items | length >= 8'"
raw metrics-pods "/apis/metrics.k8s.io/v1beta1/namespaces/$NS/pods"
raw metrics-nodes /apis/metrics.k8s.io/v1beta1/nodes
status_body metrics-group-404 get --raw "/apis/metrics.nosuch.k8s.io/v1beta1/namespaces/$NS/pods"
FRONT=$(kubectl get pods -n "$NS" -l component=frontend -o jsonpath='{.items[0].metadata.name}')
kubectl annotate pod "$FRONT" -n "$NS" kwok.x-k8s.io/usage-cpu=750m kwok.x-k8s.io/usage-memory=300Mi >/dev/null
until_true "the frontend pod's usage" "kubectl get --raw /apis/metrics.k8s.io/v1beta1/namespaces/$NS/pods/$FRONT | jq -e '.containers[0].usage.cpu | test(\"^7[0-9]{2}\")'"
raw metrics-pods-over "/apis/metrics.k8s.io/v1beta1/namespaces/$NS/pods"
save metrics-pods-over-pods get pods -n "$NS"

# --- Day 6: rolling update to v2.0.0, then rollout undo -------------------------------------------------
kubectl set image -n "$NS" deployment/ecommerce-backend-deployment "ecommerce-backend=$REGISTRY/ecommerce-backend:v2.0.0" >/dev/null
rollout ecommerce-backend-deployment
save rollout-v2-deployment get deployment ecommerce-backend-deployment -n "$NS"
save rollout-v2-replicasets get replicasets -n "$NS" -l app=ecommerce,component=backend
kubectl rollout undo -n "$NS" deployment/ecommerce-backend-deployment >/dev/null
rollout ecommerce-backend-deployment
save rollout-undone-deployment get deployment ecommerce-backend-deployment -n "$NS"
save rollout-undone-replicasets get replicasets -n "$NS" -l app=ecommerce,component=backend

# --- Day 7: a budget below minAvailable -----------------------------------------------------------------
kubectl scale -n "$NS" deployment/ecommerce-backend-deployment --replicas=1 >/dev/null
until_true "the budget to see one pod" "[ \"\$(kubectl get pdb ecommerce-backend-pdb -n $NS -o jsonpath='{.status.currentHealthy}')\" = 1 ]"
save pdbs-below get pdb -n "$NS"
kubectl scale -n "$NS" deployment/ecommerce-backend-deployment --replicas=3 >/dev/null
rollout ecommerce-backend-deployment
until_true "the budget to recover" "[ \"\$(kubectl get pdb ecommerce-backend-pdb -n $NS -o jsonpath='{.status.currentHealthy}')\" = 3 ]"

# --- Day 7: drain. Cordoned with the pods still there (what a drain that refused emptyDir pods leaves), ---
# --- then this namespace's pods evicted through the Eviction API (other namespaces are not touched). ----
CORDONED=$(kubectl get pods -n "$NS" -o jsonpath='{range .items[*]}{.spec.nodeName}{"\n"}{end}' | sort | uniq -c | sort -rn | awk 'NR==1{print $2}')
kubectl cordon "$CORDONED" >/dev/null
save drain-refused-nodes get nodes
save drain-refused-pods get pods -n "$NS"
for p in $(kubectl get pods -n "$NS" --field-selector "spec.nodeName=$CORDONED" -o name); do
  kubectl create --raw "/api/v1/namespaces/$NS/pods/${p#pod/}/eviction" -f - >/dev/null <<EOF || true
{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"${p#pod/}","namespace":"$NS"}}
EOF
done
until_true "the evicted pods to go" "[ -z \"\$(kubectl get pods -n $NS --field-selector spec.nodeName=$CORDONED -o name)\" ]"
until_true "the budgets to recover" "[ \"\$(kubectl get pdb ecommerce-backend-pdb -n $NS -o jsonpath='{.status.currentHealthy}')\" = 3 ] && [ \"\$(kubectl get pdb ecommerce-frontend-pdb -n $NS -o jsonpath='{.status.currentHealthy}')\" = 2 ]"
save drained-nodes get nodes
save drained-pods get pods -n "$NS"
save drained-pdbs get pdb -n "$NS"
kubectl uncordon "$CORDONED" >/dev/null
CORDONED=

# --- Day 8: the sidecar, then the init container --------------------------------------------------------
course k8s-manifests/07-multi-container-pods.yaml | kubectl apply -n "$NS" -f - >/dev/null
rollout ecommerce-backend-deployment
until_true "the old pods to go" "[ \"\$(kubectl get pods -n $NS -l app=ecommerce,component=backend -o name | wc -l)\" = 3 ]"
save day08-sidecar-deployment get deployment ecommerce-backend-deployment -n "$NS"
save day08-sidecar-pods get pods -n "$NS" -l app=ecommerce,component=backend
# init-db waits until PostgreSQL answers (where a kubelet runs it), so the database needs a volume it can have:
# this namespace's PVC cannot bind (no StorageClass), so the database gets an emptyDir instead.
kubectl patch deployment ecommerce-database-deployment -n "$NS" --type=json -p '[{"op":"replace","path":"/spec/template/spec/volumes/0","value":{"name":"data","emptyDir":{}}}]' >/dev/null
rollout ecommerce-database-deployment
course k8s-manifests/08-init-containers.yaml | kubectl apply -n "$NS" -f - >/dev/null
rollout ecommerce-backend-deployment
until_true "the old pods to go" "[ \"\$(kubectl get pods -n $NS -l app=ecommerce,component=backend -o name | wc -l)\" = 3 ]"
save day08-init-deployment get deployment ecommerce-backend-deployment -n "$NS"
save day08-init-pods get pods -n "$NS" -l app=ecommerce,component=backend

# --- Day 9: labels and selectors ------------------------------------------------------------------------
kubectl label pods --all -n "$NS" environment=production >/dev/null
kubectl label services --all -n "$NS" tier=application >/dev/null
save day09-pods get pods -n "$NS"
save day09-services get services -n "$NS"
save day09-pods-environment get pods -n "$NS" -l environment=production
save day09-set-selector get pods -n "$NS" -l 'app in (ecommerce),component in (backend,frontend)'
save day09-app-pods get pods -n "$NS" -l app=ecommerce
save day09-app-services get services -n "$NS" -l app=ecommerce
save day09-app-deployments get deployments -n "$NS" -l app=ecommerce
# Pods the frontend's scale-up creates carry only the template's labels, not environment=production.
kubectl scale -n "$NS" deployment/ecommerce-frontend-deployment --replicas=3 >/dev/null
rollout ecommerce-frontend-deployment
save day09-pods-after-scale get pods -n "$NS"
save day09-pods-environment-after-scale get pods -n "$NS" -l environment=production
kubectl scale -n "$NS" deployment/ecommerce-frontend-deployment --replicas=0 >/dev/null
until_true "the frontend pods to go" "[ -z \"\$(kubectl get pods -n $NS -l component=frontend -o name)\" ]"
save day09-set-selector-backend-only get pods -n "$NS" -l 'app in (ecommerce),component in (backend,frontend)'

# --- a namespace without LimitRange or quota: a pod without resources, an HPA that cannot read metrics ---
kubectl create ns "$BARE" >/dev/null
until_true "the default ServiceAccount" kubectl get sa default -n "$BARE"
kubectl create deployment web -n "$BARE" --image=nginx:1.27 --replicas=2 >/dev/null
kubectl rollout status -n "$BARE" deployment/web --timeout=120s >/dev/null
kubectl autoscale deployment web -n "$BARE" --cpu-percent=70 --min=2 --max=4 >/dev/null
until_true "the HPA's verdict" "kubectl get hpa web -n $BARE -o json | jq -e '.status.conditions[] | select(.type==\"ScalingActive\" and .reason==\"FailedGetResourceMetric\")'"
save bare-pods get pods -n "$BARE"
save bare-hpa-no-requests get hpa web -n "$BARE"
# The course's LimitRange (no pod may ask for more than 4 CPUs) next to a quota with room for 1000.
sed -n '/^kind: LimitRange/,$p' "$COURSE/k8s-manifests/01-namespace.yaml" | sed -e '1i apiVersion: v1' -e "s/namespace: ecommerce/namespace: $BARE/" | kubectl apply -n "$BARE" -f - >/dev/null
kubectl create quota roomy -n "$BARE" --hard=pods=100,requests.cpu=1000,requests.memory=1000Gi >/dev/null
until_true "the quota to be observed" "kubectl get resourcequota roomy -n $BARE -o jsonpath='{.status.used.pods}' | grep -q 2"
save bare-quotas get resourcequotas -n "$BARE"
save bare-limitranges get limitranges -n "$BARE"

# --- Day 16: a Helm release (its Secrets hold the release, gzipped: the test proves none of it leaks) ----
kubectl create ns "$HELMNS" >/dev/null
until_true "the default ServiceAccount" kubectl get sa default -n "$HELMNS"
"$HELM" install ecommerce-prod "$COURSE/templates" -n "$HELMNS" --set ingress.enabled=false >/dev/null
save helm-secrets-deployed get secrets -n "$HELMNS" -l owner=helm,name=ecommerce-prod
# An upgrade the API server refuses (an invalid quantity) leaves revision 2 "failed".
"$HELM" upgrade ecommerce-prod "$COURSE/templates" -n "$HELMNS" --set ingress.enabled=false --set 'backend.resources.requests.cpu=bad' >/dev/null 2>&1 || true
save helm-secrets-failed get secrets -n "$HELMNS" -l owner=helm,name=ecommerce-prod

# --- a namespace being deleted (a finalizer on a ConfigMap holds it in Terminating) ---------------------
kubectl create ns "$TERM_NS" >/dev/null
kubectl create configmap hold -n "$TERM_NS" >/dev/null
kubectl patch configmap hold -n "$TERM_NS" --type=merge -p '{"metadata":{"finalizers":["daybook.test/hold"]}}' >/dev/null
kubectl delete ns "$TERM_NS" --wait=false >/dev/null
until_true "the namespace to be Terminating" "[ \"\$(kubectl get ns $TERM_NS -o jsonpath='{.status.phase}')\" = Terminating ]"
save namespace-terminating get namespace "$TERM_NS"

echo "done"
