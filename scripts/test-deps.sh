#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages, when it is missing:
# PostgreSQL (a second database for the tests), Debian's Chromium (for Playwright), poppler-utils (the
# PDF report's tests) and the tools the local Kubernetes control plane uses. Needs root (or sudo) for apt-get.
set -euo pipefail
# Go itself is not installed here: the control plane needs a newer Go (1.26) than Debian ships; these machines have it in /usr/local/go.
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
for tool in openssl curl jq; do command -v "$tool" >/dev/null || need+=("$tool"); done
command -v ss >/dev/null || need+=(iproute2)
# The closure report's PDF is rendered to PNG (pdftoppm) and read back as text (pdftotext) in the tests.
command -v pdftoppm >/dev/null || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
echo "[test-deps] installing: ${need[*]}"
sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
