#!/usr/bin/env bash
# Puts Node 24 LTS first on PATH when the machine's own Node is older than Second Look supports.
# Node 24 comes from the npm registry's binary package (node-linux-<arch>@24), which also
# brings the C headers node-gyp needs to build better-sqlite3 against it. Source this file.
if node "$(dirname "${BASH_SOURCE[0]}")/../bin/check-node.js" 2>/dev/null; then return 0; fi
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "no Node 24 package for $(uname -m)" >&2; return 1 ;;
esac
NODE24_HOME="${NODE24_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/second-look/node24}"
if [ ! -x "$NODE24_HOME/bin/node" ]; then
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-$arch@24" >/dev/null && tar xzf node-linux-"$arch"-*.tgz)
  mkdir -p "$NODE24_HOME"
  cp -a "$tmp/package/." "$NODE24_HOME/"
  rm -rf "$tmp"
fi
export PATH="$NODE24_HOME/bin:$PATH"
# node-gyp builds native modules against the headers of the Node that will load them.
export npm_config_nodedir="$NODE24_HOME"
echo "using Node $(node -v) from $NODE24_HOME"
