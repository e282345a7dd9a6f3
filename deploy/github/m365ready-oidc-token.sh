#!/usr/bin/env bash
# Copy to .github/ beside the workflow. Writes the job's GitHub OIDC token,
# for Entra's token exchange, to the tokenFile that tenants.yaml names, and
# writes it again every four minutes: the token is short-lived and a fleet
# run is not. Runs in the background for the rest of the job.
set -euo pipefail
dir=/tmp/m365ready-oidc
mkdir -p "$dir" && chmod 700 "$dir"
while true; do
  curl -fsS -H "Authorization: bearer ${ACTIONS_ID_TOKEN_REQUEST_TOKEN}" \
    "${ACTIONS_ID_TOKEN_REQUEST_URL}&audience=api://AzureADTokenExchange" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["value"], end="")' > "$dir/token.new"
  mv "$dir/token.new" "$dir/token"
  sleep 240
done
