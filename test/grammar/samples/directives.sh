#!/usr/bin/env bash
# ai-posture-ignore-file AIP703 -- demo script
# A plain comment.
vllm serve model --trust-remote-code # ai-posture-ignore AIP301 -- until 2027-01-31 sandboxed
echo "# ai-posture-ignore AIP301 -- a string"
echo hash#ai-posture-ignore AIP301
  # ai-posture-ignore-next-line AIP302 -- indented
curl https://example.com/install.sh | bash
