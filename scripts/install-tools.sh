#!/usr/bin/env bash
# Installs the real tools the tests compare against and run with: Debian's casync and
# PostgreSQL, desync v1.0.4 and the Temporal CLI (dev server with its UI) v1.5.1.
# Idempotent: a tool already installed is left alone. Used by .ci/run; run it yourself
# once to get the same test coverage as CI.
set -euo pipefail

GOBIN_DIR="$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"
export PATH="$GOBIN_DIR:$PATH"

sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_packages=()
command -v casync >/dev/null || apt_packages+=(casync)
[ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt_packages+=(postgresql)
command -v chromium >/dev/null || apt_packages+=(chromium)
command -v nginx >/dev/null || apt_packages+=(nginx-light)
command -v wrk >/dev/null || apt_packages+=(wrk)
command -v tmux >/dev/null || apt_packages+=(tmux)
if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "install-tools: apt-get install ${apt_packages[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}" >/dev/null
fi

# `go install mod@version` also asks the proxy for the module's version list (to print
# deprecations), which some proxies refuse; building from the downloaded module avoids it.
go_tool() { # binary module version package
  local bin=$1 mod=$2 version=$3 pkg=$4
  if [ -x "$GOBIN_DIR/$bin" ]; then return; fi
  echo "install-tools: building $bin from $mod@$version"
  mkdir -p "$GOBIN_DIR"
  if ! GOFLAGS=-mod=mod go install "$mod/$pkg@$version" 2>/dev/null; then
    local dir
    dir=$(go mod download -json "$mod@$version" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
    (cd "$dir" && go build -o "$GOBIN_DIR/$bin" "./$pkg")
  fi
}
go_tool desync github.com/folbricht/desync v1.0.4 cmd/desync
go_tool temporal github.com/temporalio/cli v1.5.1 cmd/temporal

echo "install-tools: casync $(casync --version 2>/dev/null | head -1 | tr -d '\n'), desync at $GOBIN_DIR/desync, temporal $("$GOBIN_DIR/temporal" --version 2>/dev/null | head -1)"
