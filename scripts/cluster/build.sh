#!/usr/bin/env bash
# Builds the Daybook test control plane from Go modules (no containers):
#   kube-apiserver, kube-controller-manager, kube-scheduler, etcd, kwok, helm (+ metrics-server, optional).
# Binaries are cached outside the repo, keyed by versions:
#   ${DAYBOOK_CACHE:-$HOME/.cache/daybook}/k8s/<k8s>-<etcd>-<kwok>-<helm>/bin
# A binary that already exists is not rebuilt. Prints the bin dir on the last line.
# Env overrides: K8S_VERSION ETCD_VERSION KWOK_VERSION HELM_VERSION METRICS_SERVER_VERSION DAYBOOK_CACHE
# Concurrent runs wait for each other (flock on the cache dir) instead of building twice.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.sh
source "$HERE/versions.sh"
WORK="$CLUSTER_BUILD_DIR"
BIN="$CLUSTER_BIN"
TIMES="$WORK/build-times.txt"
mkdir -p "$BIN"
exec 9>"$WORK/.build.lock"
flock 9

export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="${GOFLAGS:--buildvcs=false}"
log() { printf '[build] %s\n' "$*" >&2; }

ensure_apt_packages() {
  local missing=()
  command -v openssl >/dev/null || missing+=(openssl)
  command -v curl >/dev/null || missing+=(curl)
  command -v jq >/dev/null || missing+=(jq)
  command -v ss >/dev/null || missing+=(iproute2)
  command -v patch >/dev/null || missing+=(patch)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing apt packages: ${missing[*]}"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

command -v go >/dev/null || { log "go not found on PATH"; exit 1; }
ensure_apt_packages

# timed NAME CMD...: runs CMD, prints its duration.
timed() {
  local name="$1"; shift
  local start=$SECONDS
  "$@" || { log "$name FAILED after $((SECONDS - start))s"; return 1; }
  log "$name built in $((SECONDS - start))s"
  printf '%s %ss\n' "$name" "$((SECONDS - start))" >>"$TIMES"
}

staging_modules=(api apiextensions-apiserver apimachinery apiserver cli-runtime client-go
  cloud-provider cluster-bootstrap code-generator component-base component-helpers
  controller-manager cri-api cri-client cri-streaming csi-translation-lib
  dynamic-resource-allocation endpointslice externaljwt kms kube-aggregator
  kube-controller-manager kube-proxy kube-scheduler kubectl kubelet metrics mount-utils
  pod-security-admission sample-apiserver sample-cli-plugin sample-controller streaming)

build_kubernetes() {
  if [ -x "$BIN/kube-apiserver" ] && [ -x "$BIN/kube-controller-manager" ] && [ -x "$BIN/kube-scheduler" ]; then
    log "kube-apiserver, kube-controller-manager, kube-scheduler cached"; return
  fi
  local src="$WORK/src-k8s" staging="v0.${K8S_VERSION#v1.}"
  local minor="${K8S_VERSION#v1.}"; minor="${minor%%.*}"
  mkdir -p "$src"
  {
    printf 'module local.test/k8s-cp-bins\n\ngo 1.26.0\n\ngodebug default=go1.26\n\nrequire k8s.io/kubernetes %s\n\nreplace (\n' "$K8S_VERSION"
    for m in "${staging_modules[@]}"; do printf '\tk8s.io/%s => k8s.io/%s %s\n' "$m" "$m" "$staging"; done
    printf ')\n'
  } > "$src/go.mod"
  cat > "$src/tools.go" <<'GO'
//go:build tools

package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
)
GO
  timed "k8s go-mod-tidy" bash -c "cd '$src' && go mod tidy"
  local ldf="-s -w"
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldf+=" -X $p.gitVersion=$K8S_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor"
    # gitCommit: the module proxy does not tell the tag's commit; empty beats "$Format:%H$".
    ldf+=" -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z -X $p.gitCommit="
  done
  for cmd in kube-apiserver kube-controller-manager kube-scheduler; do
    [ -x "$BIN/$cmd" ] && { log "$cmd cached"; continue; }
    timed "$cmd" bash -c "cd '$src' && go build -trimpath -tags=selinux,notest -ldflags '$ldf' -o '$BIN/$cmd.tmp' k8s.io/kubernetes/cmd/$cmd && mv '$BIN/$cmd.tmp' '$BIN/$cmd'"
  done
}

build_etcd() {
  [ -x "$BIN/etcd" ] && { log "etcd cached"; return; }
  local src="$WORK/src-etcd"
  mkdir -p "$src"
  printf 'module local.test/etcd-bin\n\ngo 1.26.0\n\nrequire go.etcd.io/etcd/server/v3 %s\n' "$ETCD_VERSION" > "$src/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "go.etcd.io/etcd/server/v3"\n' > "$src/tools.go"
  timed "etcd go-mod-tidy" bash -c "cd '$src' && go mod tidy"
  timed etcd bash -c "cd '$src' && go build -trimpath -ldflags '-s -w -X go.etcd.io/etcd/api/v3/version.GitSHA=daybook' -o '$BIN/etcd.tmp' go.etcd.io/etcd/server/v3 && mv '$BIN/etcd.tmp' '$BIN/etcd'"
}

# go install works for modules without replace directives (helm, metrics-server).
build_install() { # NAME PKG@VERSION LDFLAGS
  local name="$1" pkg="$2" extra="${3:-}"
  [ -x "$BIN/$name" ] && { log "$name cached"; return; }
  timed "$name" env GOBIN="$BIN" go install -trimpath -ldflags "-s -w $extra" "$pkg"
}

# metrics-server is optional: a failed build only disables `kubectl top` in up.sh.
build_metrics_server() {
  local version_ldflags="-X k8s.io/client-go/pkg/version.gitVersion=$METRICS_SERVER_VERSION"
  version_ldflags+=" -X k8s.io/component-base/version.gitVersion=$METRICS_SERVER_VERSION"
  build_install metrics-server "sigs.k8s.io/metrics-server/cmd/metrics-server@$METRICS_SERVER_VERSION" \
    "$version_ldflags" || log "WARNING: metrics-server build failed; the cluster will run without metrics"
}

# kwok is built from its module source with the patches in scripts/cluster/kwok/patches applied
# (exec-stdin-eof: kwok never closes the command's stdin, so `kubectl exec -i ... < file` hung).
# $BIN/kwok.patches records which patches the binary has; a changed patch set rebuilds it.
build_kwok() {
  local patches=("$HERE"/kwok/patches/*.patch) stamp
  stamp=$(cat "${patches[@]}" | sha256sum | cut -d' ' -f1)
  if [ -x "$BIN/kwok" ] && [ "$(cat "$BIN/kwok.patches" 2>/dev/null)" = "$stamp" ]; then log "kwok cached"; return; fi
  local dir src="$WORK/src-kwok"
  dir=$(cd "$WORK" && go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" | jq -r .Dir)
  rm -rf "$src" && cp -r "$dir" "$src" && chmod -R u+w "$src"
  local p; for p in "${patches[@]}"; do patch -s -p1 -d "$src" <"$p"; done
  timed kwok bash -c "cd '$src' && go build -trimpath -ldflags '-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION#v}' -o '$BIN/kwok.tmp' ./cmd/kwok && mv '$BIN/kwok.tmp' '$BIN/kwok'"
  echo "$stamp" >"$BIN/kwok.patches"
  rm -rf "$src"
}

# kwok needs stage definitions and, for podsim's per-pod rules, the CRDs of Logs, Exec and
# PortForward; they ship in the kwok module zip (nothing committed to the repo).
write_kwok_stages() {
  local out="$WORK/kwok-stages.yaml" metrics_out="$WORK/kwok-metrics.yaml" crds="$WORK/kwok-crds" crd
  [ -s "$out" ] && [ -s "$metrics_out" ] && [ -s "$crds/portforwards.yaml" ] && return
  local dir
  dir=$(cd "$WORK" && go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" | jq -r .Dir)
  mkdir -p "$crds"
  for crd in logs execs portforwards; do
    cp "$dir/kustomize/crd/bases/kwok.x-k8s.io_$crd.yaml" "$crds/$crd.yaml.tmp" && mv "$crds/$crd.yaml.tmp" "$crds/$crd.yaml"
  done
  { cat "$dir/kustomize/metrics/resource/metrics-resource.yaml"; printf -- '---\n'
    cat "$dir/kustomize/metrics/usage/usage-from-annotation.yaml"; } >"$metrics_out.tmp"
  mv "$metrics_out.tmp" "$metrics_out"
  local sep="" f
  for f in node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
           pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
    printf '%s' "$sep"; cat "$dir/kustomize/stage/$f"; sep=$'---\n'
  done >"$out.tmp"
  mv "$out.tmp" "$out"
}

total_start=$SECONDS
build_etcd
build_kwok
build_install helm "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" \
  "-X helm.sh/helm/v3/internal/version.version=$HELM_VERSION"
build_kubernetes
build_metrics_server
write_kwok_stages
log "all components ready in $((SECONDS - total_start))s"
echo "$BIN"
