#!/usr/bin/env bash
# Serves the fine-tuned support model for local development.
set -euo pipefail
MODEL="${MODEL:-contoso/support-llama-3.1-8b}"
vllm serve "$MODEL" \
  --host 127.0.0.1 \
  --port 8001 \
  --trust-remote-code \
  --max-model-len 8192
