#!/usr/bin/env bash
# run-tests.sh [--namespace=ecommerce] [--type=smoke|core|monitoring|security|all]
#              [--environment=course|production] [--final]
# The full validation of Days 10, 15, 18 and 20; same groups as the
# "run-tests" suite in suites.yaml.
HERE="$(dirname "$0")"
source "$HERE/lib.sh"; parse_flags "$@"
in_type() { for t in "$@"; do [ "$TYPE" = "$t" ] && return 0; done; return 1; }
echo "run-tests: namespace=$NAMESPACE type=$TYPE environment=$ENVIRONMENT final=$FINAL"
rc=0
if in_type smoke core all; then "$HERE/smoke-tests.sh" --namespace="$NAMESPACE" || rc=1; fi
if in_type core all; then
  "$HERE/health-check.sh" --namespace="$NAMESPACE" || rc=1
  check "resource quota" K get resourcequota ecommerce-resource-quota
  check "limit range" K get limitrange ecommerce-limit-range
  check "backend config" K get configmap ecommerce-backend-config
  check "database secret" K get secret ecommerce-database-secret
  check "backend PDB" K get pdb ecommerce-backend-pdb
  check "sidecar /health" K exec deployment/ecommerce-backend-deployment -c sidecar -- curl -fsS localhost:8080/health
fi
if in_type monitoring all; then
  for a in prometheus grafana alertmanager; do check "$a ready" ready_pods "app=$a" 1; done
  check "prometheus scrapes backend" http prometheus-service 9090 /api/v1/targets '"job":"ecommerce-backend"'
  check "alert rules loaded" http prometheus-service 9090 /api/v1/rules HighErrorRate
  check "grafana health" http grafana-service 3000 /api/health
  check "alertmanager ready" http alertmanager-service 9093 /-/ready
fi
if in_type security all; then
  check "prometheus can get pods" bash -c "[ \"\$(kubectl auth can-i get pods -n $NAMESPACE --as=system:serviceaccount:$NAMESPACE:prometheus)\" = yes ]"
  check "prometheus cannot get secrets" bash -c "[ \"\$(kubectl auth can-i get secrets -n $NAMESPACE --as=system:serviceaccount:$NAMESPACE:prometheus)\" = no ]"
  check "network policies (>=5)" bash -c "[ \$(kubectl get networkpolicy -n $NAMESPACE -o name | wc -l) -ge 5 ]"
  check "frontend -> backend allowed" K exec deployment/ecommerce-frontend-deployment -- curl -fsS --max-time 5 ecommerce-backend-service:8000/health
  check_fails "frontend -> prometheus blocked" K exec deployment/ecommerce-frontend-deployment -- curl -sS --max-time 5 prometheus-service:9090/-/healthy
fi
if in_type all; then check "HPA" K get hpa ecommerce-backend-hpa; fi
if [ "$ENVIRONMENT" = production ]; then
  check "helm release deployed" bash -c "helm status ecommerce-prod -n $NAMESPACE -o json | grep -q '\"status\":\"deployed\"'"
  for d in backend frontend database; do check "prod $d available" available "ecommerce-prod-$d"; done
  check "prod backend /health" http ecommerce-prod-backend 8000 /health
  check "prod ingress" K get ingress ecommerce-prod
fi
if [ "$FINAL" = true ]; then
  check "no unready pods" bash -c "! kubectl get pods -n $NAMESPACE --no-headers | awk '{split(\$2,a,\"/\"); if (a[1]!=a[2] && \$3!=\"Completed\") print}' | grep -q ."
fi
summary || rc=1
exit $rc
