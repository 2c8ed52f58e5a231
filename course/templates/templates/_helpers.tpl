{{/* Base name for every object: the release name, or release-chart when the release name does not contain the chart name. */}}
{{- define "ecommerce.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "ecommerce.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: ecommerce
{{- end -}}

{{/* Selector labels for one component: (dict "root" $ "component" "backend") */}}
{{- define "ecommerce.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Full image reference: (dict "root" $ "image" .Values.backend.image "teamBuilt" true). The registry prefixes team-built images, and public ones only with image.mirrorPublic (course/images.yaml). */}}
{{- define "ecommerce.image" -}}
{{- $registry := .root.Values.image.registry | default "" | trimSuffix "/" -}}
{{- if and $registry (or .teamBuilt .root.Values.image.mirrorPublic) -}}
{{- printf "%s/%s:%s" $registry .image.repository (toString .image.tag) -}}
{{- else -}}
{{- printf "%s:%s" .image.repository (toString .image.tag) -}}
{{- end -}}
{{- end -}}

{{/* A secret value: explicit value, else the one already stored in the release's Secret, else random. (dict "root" $ "secret" name "key" k "value" v "length" n) */}}
{{- define "ecommerce.secretValue" -}}
{{- $existing := lookup "v1" "Secret" .root.Release.Namespace .secret -}}
{{- if .value -}}
{{- .value | b64enc -}}
{{- else if and $existing $existing.data (hasKey $existing.data .key) -}}
{{- index $existing.data .key -}}
{{- else -}}
{{- randAlphaNum (int .length) | b64enc -}}
{{- end -}}
{{- end -}}

{{- define "ecommerce.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "ecommerce.containerSecurityContext" -}}
allowPrivilegeEscalation: false
capabilities:
  drop: ["ALL"]
{{- end -}}
