#!/usr/bin/env bash
# health-check.sh [--namespace=ecommerce]
# Every workload available, pods Ready, backend healthy, PostgreSQL accepting
# connections. Same checks as the "health-check" suite in suites.yaml.
source "$(dirname "$0")/lib.sh"; parse_flags "$@"
echo "health check in namespace $NAMESPACE"
for d in backend frontend database; do check "$d available" available "ecommerce-$d-deployment"; done
check "backend pods ready (>=2)" ready_pods app=ecommerce,component=backend 2
check "frontend pods ready" ready_pods app=ecommerce,component=frontend 1
check "database pod ready" ready_pods app=ecommerce,component=database 1
check "backend /health" http ecommerce-backend-service 8000 /health
check "pg_isready" K exec deployment/ecommerce-database-deployment -- pg_isready -U postgres -d ecommerce
summary
