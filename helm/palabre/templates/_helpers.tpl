{{/*
Helpers of the Palabre chart. Conventions:
- a per-service template ranges over .Values.services and gets the merged
  service with `include "palabre.service" (dict "root" $ "name" $name) | fromYaml`,
  bound to a variable named $svc (tools/helm/chart.spec.ts checks the paths read
  from it against serviceDefaults);
- helpers that need a service or component take a dict with "root" (the chart
  context) and "name".
*/}}

{{/* Chart name, 63 characters at most. */}}
{{- define "palabre.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Release full name: the release name alone when it already holds the chart name. */}}
{{- define "palabre.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Name of a component's resources: <fullname>-<name>. Takes (dict "root" $ "name" $name). */}}
{{- define "palabre.componentName" -}}
{{- printf "%s-%s" (include "palabre.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "palabre.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels. Takes (dict "root" $ "name" $componentOrEmpty). */}}
{{- define "palabre.selectorLabels" -}}
app.kubernetes.io/name: {{ include "palabre.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- with get . "name" }}
app.kubernetes.io/component: {{ . }}
{{- end }}
{{- end -}}

{{/* Common labels. Takes (dict "root" $ "name" $componentOrEmpty). */}}
{{- define "palabre.labels" -}}
helm.sh/chart: {{ include "palabre.chart" .root }}
{{ include "palabre.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: palabre
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "palabre.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "palabre.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
Merges the map (index . 1) into the map (index . 0), in place: maps merge key
by key, anything else (scalars, lists, false, 0, "") replaces. Written out
rather than sprig's merge/mergeOverwrite, whose handling of false/zero values
has varied across Helm versions (helm/helm#9591): `enabled: false` must win.
*/}}
{{- define "palabre.mergeInto" -}}
{{- $dst := index . 0 -}}
{{- range $key, $value := index . 1 -}}
{{- $current := get $dst $key -}}
{{- if and (kindIs "map" $value) (kindIs "map" $current) -}}
{{- include "palabre.mergeInto" (list $current $value) -}}
{{- else -}}
{{- $_ := set $dst $key $value -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
A service's effective values, as YAML: serviceDefaults overlaid with
services.<name>. Takes (dict "root" $ "name" $name); use with `| fromYaml`.
*/}}
{{- define "palabre.service" -}}
{{- $svc := deepCopy .root.Values.serviceDefaults -}}
{{- $entry := index .root.Values.services .name | default (dict) -}}
{{- include "palabre.mergeInto" (list $svc $entry) -}}
{{- toYaml $svc -}}
{{- end -}}

{{/* Image reference. Takes (dict "root" $ "image" $override); empty override fields fall back to .Values.image. */}}
{{- define "palabre.image" -}}
{{- $root := .root -}}
{{- $override := .image -}}
{{- $registry := $root.Values.global.imageRegistry | default $override.registry | default $root.Values.image.registry -}}
{{- $repository := $override.repository | default $root.Values.image.repository -}}
{{- $tag := $override.tag | default $root.Values.image.tag | default $root.Chart.AppVersion | toString -}}
{{- $digest := $override.digest | default $root.Values.image.digest -}}
{{- if $registry -}}{{ $registry }}/{{- end -}}
{{- $repository -}}
{{- if $digest -}}@{{ $digest }}{{- else -}}:{{ $tag }}{{- end -}}
{{- end -}}

{{/* Pull policy. Takes (dict "root" $ "image" $override). */}}
{{- define "palabre.imagePullPolicy" -}}
{{- .image.pullPolicy | default .root.Values.image.pullPolicy -}}
{{- end -}}

{{/* imagePullSecrets (strings or {name: ...}, as the Bitnami charts accept). */}}
{{- define "palabre.imagePullSecrets" -}}
{{- with .Values.global.imagePullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ if kindIs "string" . }}{{ . }}{{ else }}{{ .name }}{{ end }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Full name of a Bitnami subchart's resources, as the subchart computes it. Takes (dict "root" $ "name" "postgresql"). */}}
{{- define "palabre.dependencyFullname" -}}
{{- $values := index .root.Values .name -}}
{{- if $values.fullnameOverride -}}
{{- $values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains .name .root.Release.Name -}}
{{- .root.Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Kafka bootstrap brokers, comma-separated. */}}
{{- define "palabre.kafkaBrokers" -}}
{{- if .Values.kafka.enabled -}}
{{- printf "%s:9092" (include "palabre.dependencyFullname" (dict "root" . "name" "kafka")) -}}
{{- else -}}
{{- join "," .Values.kafka.external.brokers -}}
{{- end -}}
{{- end -}}

{{/*
DATABASE_URL (env entries). The password comes from a Secret into
PALABRE_DATABASE_PASSWORD, which the kubelet expands in $(...) in the URL.
*/}}
{{- define "palabre.env.database" -}}
{{- if .Values.postgresql.enabled }}
{{- $host := include "palabre.dependencyFullname" (dict "root" . "name" "postgresql") }}
- name: PALABRE_DATABASE_PASSWORD
  valueFrom:
    secretKeyRef:
      {{- if .Values.postgresql.auth.existingSecret }}
      name: {{ .Values.postgresql.auth.existingSecret }}
      key: {{ .Values.postgresql.auth.secretKeys.userPasswordKey }}
      {{- else }}
      name: {{ $host }}
      key: password
      {{- end }}
- name: DATABASE_URL
  value: {{ printf "postgresql://%s:$(PALABRE_DATABASE_PASSWORD)@%s:5432/%s" .Values.postgresql.auth.username $host .Values.postgresql.auth.database | quote }}
{{- else if .Values.postgresql.external.urlKey }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ required "postgresql.external.existingSecret is required with postgresql.external.urlKey" .Values.postgresql.external.existingSecret }}
      key: {{ .Values.postgresql.external.urlKey }}
{{- else }}
{{- $query := "" }}
{{- with .Values.postgresql.external.sslMode }}
{{- $query = printf "?sslmode=%s" . }}
{{- end }}
- name: PALABRE_DATABASE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ required "postgresql.external.existingSecret is required when postgresql.enabled is false" .Values.postgresql.external.existingSecret }}
      key: {{ .Values.postgresql.external.passwordKey }}
- name: DATABASE_URL
  value: {{ printf "postgresql://%s:$(PALABRE_DATABASE_PASSWORD)@%s:%d/%s%s" .Values.postgresql.external.username (required "postgresql.external.host is required when postgresql.enabled is false" .Values.postgresql.external.host) (.Values.postgresql.external.port | int) .Values.postgresql.external.database $query | quote }}
{{- end }}
{{- end -}}

{{/* REDIS_URL (env entries), like DATABASE_URL. */}}
{{- define "palabre.env.redis" -}}
{{- if .Values.redis.enabled }}
{{- $host := printf "%s-master" (include "palabre.dependencyFullname" (dict "root" . "name" "redis")) }}
{{- if .Values.redis.auth.enabled }}
- name: PALABRE_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      {{- if .Values.redis.auth.existingSecret }}
      name: {{ .Values.redis.auth.existingSecret }}
      key: {{ .Values.redis.auth.existingSecretPasswordKey | default "redis-password" }}
      {{- else }}
      name: {{ include "palabre.dependencyFullname" (dict "root" . "name" "redis") }}
      key: redis-password
      {{- end }}
- name: REDIS_URL
  value: {{ printf "redis://:$(PALABRE_REDIS_PASSWORD)@%s:6379/0" $host | quote }}
{{- else }}
- name: REDIS_URL
  value: {{ printf "redis://%s:6379/0" $host | quote }}
{{- end }}
{{- else if .Values.redis.external.urlKey }}
- name: REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ required "redis.external.existingSecret is required with redis.external.urlKey" .Values.redis.external.existingSecret }}
      key: {{ .Values.redis.external.urlKey }}
{{- else if .Values.redis.external.host }}
{{- $scheme := ternary "rediss" "redis" .Values.redis.external.tls }}
{{- $address := printf "%s:%d/%d" .Values.redis.external.host (.Values.redis.external.port | int) (.Values.redis.external.database | int) }}
{{- if .Values.redis.external.existingSecret }}
- name: PALABRE_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.redis.external.existingSecret }}
      key: {{ .Values.redis.external.passwordKey }}
- name: REDIS_URL
  value: {{ printf "%s://:$(PALABRE_REDIS_PASSWORD)@%s" $scheme $address | quote }}
{{- else }}
- name: REDIS_URL
  value: {{ printf "%s://%s" $scheme $address | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Secret-backed settings (env entries). Takes (dict "root" $ "name" $serviceName). */}}
{{- define "palabre.env.secrets" -}}
{{- $root := .root -}}
{{- $tokenSecret := required "config.internalToken.existingSecret is required: a Secret holding the identity token keys (npm run internal-token-keys)" $root.Values.config.internalToken.existingSecret }}
{{- if eq .name "gateway" }}
- name: GATEWAY_MODE
  value: distributed
- name: INTERNAL_TOKEN_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ $tokenSecret }}
      key: {{ $root.Values.config.internalToken.secretKey }}
{{- else }}
{{- /* Each service its own derived key, under its name (ADR 0030). Optional: the site
   checks no token; a service whose key is missing refuses to start, naming it. */}}
- name: INTERNAL_TOKEN_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $tokenSecret }}
      key: {{ .name }}
      optional: true
{{- if has .name (list "antispam" "newsletter") }}
{{- /* The keys with which a service calls others as itself (ADR 0038; SERVICE_CALLERS):
   without them the newsletter could start but never send, the antispam service never
   score an account, so a Secret made before they existed
   stops the pod, naming the key, until the command is run again. */}}
- name: INTERNAL_CALLER_KEYS
  valueFrom:
    secretKeyRef:
      name: {{ $tokenSecret }}
      key: {{ .name }}-callers
{{- end }}
{{- end }}
{{- if or (eq .name "gateway") (eq .name "identity") }}
- name: SESSION_SEAL_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.config.identity.existingSecret }}
      key: {{ $root.Values.config.identity.sessionSealKey }}
      optional: true
{{- end }}
{{- if eq .name "identity" }}
- name: IDENTITY_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ required "config.identity.existingSecret is required: a Secret holding the identity HMAC key (32+ random bytes)" $root.Values.config.identity.existingSecret }}
      key: {{ $root.Values.config.identity.secretKey }}
{{- end }}
{{- if eq .name "newsletter" }}
{{- /* Seals the organizations' own SMTP passwords in its database; required outside embedded mode. */}}
- name: NEWSLETTER_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ required "config.newsletter.existingSecret is required: a Secret holding the newsletter's sealing key (32+ random characters)" $root.Values.config.newsletter.existingSecret }}
      key: {{ $root.Values.config.newsletter.secretKey }}
{{- end }}
{{- if and $root.Values.config.oidc.issuer $root.Values.config.oidc.existingSecret }}
- name: FC_CLIENT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.config.oidc.existingSecret }}
      key: {{ $root.Values.config.oidc.clientSecretKey }}
{{- end }}
{{- if and $root.Values.config.smtp.host $root.Values.config.smtp.existingSecret }}
- name: SMTP_USER
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.config.smtp.existingSecret }}
      key: {{ $root.Values.config.smtp.usernameKey }}
- name: SMTP_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.config.smtp.existingSecret }}
      key: {{ $root.Values.config.smtp.passwordKey }}
{{- end }}
{{- if and (eq $root.Values.config.events.transport "kafka") (not $root.Values.kafka.enabled) $root.Values.kafka.external.sasl.mechanism }}
- name: KAFKA_SASL_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ required "kafka.external.sasl.existingSecret is required with kafka.external.sasl.mechanism" $root.Values.kafka.external.sasl.existingSecret }}
      key: {{ $root.Values.kafka.external.sasl.usernameKey }}
- name: KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.kafka.external.sasl.existingSecret }}
      key: {{ $root.Values.kafka.external.sasl.passwordKey }}
{{- end }}
{{- end -}}

{{/* An HTTP probe on the container's operations port (`metrics`). Takes a probe block of serviceDefaults.probes. */}}
{{- define "palabre.probe" -}}
httpGet:
  path: {{ .path }}
  port: metrics
initialDelaySeconds: {{ .initialDelaySeconds | int }}
periodSeconds: {{ .periodSeconds | int }}
timeoutSeconds: {{ .timeoutSeconds | int }}
failureThreshold: {{ .failureThreshold | int }}
{{- end -}}
