#!/usr/bin/env bash
# smoke-tests.sh [--namespace=ecommerce]
# Day 5 end-to-end smoke test: three tiers available, backend /health and
# /api/products, frontend HTML, a database query. Same checks as the
# "smoke-tests" suite in suites.yaml.
source "$(dirname "$0")/lib.sh"; parse_flags "$@"
echo "smoke tests in namespace $NAMESPACE"
for d in backend frontend database; do check "$d available" available "ecommerce-$d-deployment"; done
check "backend /health" http ecommerce-backend-service 8000 /health
check "backend /api/products" http ecommerce-backend-service 8000 /api/products Laptop
check "frontend /" http ecommerce-frontend-service 3000 / "<html"
check "database query" K exec deployment/ecommerce-database-deployment -- psql -U postgres -d ecommerce -tAc "SELECT count(*) FROM products;"
summary
