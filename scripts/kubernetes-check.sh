#!/usr/bin/env bash
# Validates what `headroom export kubernetes` writes against the real contracts:
#  - every generated KEDA ScaledObject against the openAPIV3Schema of KEDA's ScaledObject CRD
#    (Tests/Fixtures/keda/keda.sh_scaledobjects.yaml, Apache-2.0) with jsonschema, including the
#    CRD's rule minReplicaCount <= maxReplicaCount;
#  - every generated HorizontalPodAutoscaler, and the manifests under deploy/ (Deployment, Service,
#    CronJobs), with
#    kubernetes-validate for Kubernetes 1.37 (strict: unknown fields fail).
# Exports every configured model and region of the example fleet in each form: external and
# metrics-api scalers, with and without a reactive Prometheus trigger, with TLS, and --format hpa.
#
#   scripts/kubernetes-check.sh [HEADROOM_BINARY]     (default .build/debug/headroom)
#
# The venv (.venv-kube: jsonschema, kubernetes-validate, PyYAML pinned) is made on first use.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
binary=${1:-.build/debug/headroom}
[[ -x $binary ]] || { echo "kubernetes-check: no headroom binary at $binary (build it first)" >&2; exit 2; }
venv=.venv-kube
pins=("jsonschema==4.26.0" "kubernetes-validate==1.37.0" "PyYAML==6.0.4")
if [[ ! -x $venv/bin/kubernetes-validate ]] || ! $venv/bin/pip freeze 2>/dev/null | grep -qx "kubernetes-validate==1.37.0"; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "${pins[@]}"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
reactive=(--reactive prometheus --server http://prometheus.monitoring:9090
          --query 'sum(vllm:num_requests_running{model_name="chat-8b"})' --threshold 24)
"$binary" export kubernetes --all --db "$work/none.sqlite" --namespace serving --output "$work/external.yaml" 2>/dev/null
"$binary" export kubernetes --all --db "$work/none.sqlite" --scaler metrics-api --output "$work/metrics-api.yaml" 2>/dev/null
"$binary" export kubernetes --all --db "$work/none.sqlite" "${reactive[@]}" --output "$work/reactive.yaml" 2>/dev/null
"$binary" export kubernetes --all --db "$work/none.sqlite" --format hpa --output "$work/hpa.yaml" 2>/dev/null
"$binary" export kubernetes --all --db "$work/none.sqlite" --scaler-tls --output "$work/tls.yaml" 2>/dev/null
"$venv/bin/python" - "$work" <<'PY'
import sys, yaml, jsonschema
work = sys.argv[1]
crd = yaml.safe_load(open("Tests/Fixtures/keda/keda.sh_scaledobjects.yaml"))
schema = crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]
checked = 0
for name in ["external", "metrics-api", "reactive", "tls"]:
    for doc in yaml.safe_load_all(open(f"{work}/{name}.yaml")):
        if doc is None or doc["kind"] != "ScaledObject":
            continue
        jsonschema.validate(doc, schema)
        spec = doc["spec"]
        assert spec.get("minReplicaCount", 0) <= spec.get("maxReplicaCount", 100), doc["metadata"]["name"]
        checked += 1
print(f"kubernetes-check: {checked} ScaledObjects valid against the CRD's openAPIV3Schema")
PY
"$venv/bin/kubernetes-validate" --strict --kubernetes-version 1.37.0 "$work/hpa.yaml" deploy/kubernetes-cronjob.yaml \
    deploy/kubernetes-service.yaml
echo "kubernetes-check: HPAs and deploy/ manifests valid for Kubernetes 1.37"
