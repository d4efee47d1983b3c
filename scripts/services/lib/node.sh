# Sourced by the scripts that run Node.js tools (fauxqs, the Service Bus test server, the AsyncAPI parser):
# use_node puts Node.js 20 or newer and npm on the PATH. The machine's own when it has them; otherwise Node.js
# 20.20.2 from the npm registry (the node-linux-<arch> package carries the official binary) and npm 10.9.9 from the
# registry too, each checked against the digest pinned below and kept under the cache directory. Debian 12 ships
# Node.js 18, which these tools do not support, and nodejs.org need not be reachable: the npm registry is, since the
# tools come from it. The download needs only the JDK (Fetch.java), and tar.
# The caller defines say and die (lib/detached-server.sh).

WHIZBANG_NODE_VERSION=20.20.2
WHIZBANG_NPM_VERSION=10.9.9

use_node() {
  local major
  if command -v node >/dev/null && command -v npm >/dev/null; then
    major=$(node -p 'process.versions.node.split(".")[0]')
    [ "$major" -ge 20 ] && return 0
    say "found Node.js $(node --version), older than 20: using Node.js $WHIZBANG_NODE_VERSION from the npm registry"
  fi
  local cache=${WHIZBANG_CACHE_DIR:-${HOME:-/tmp}/.cache/whizbang}
  local home=$cache/node-$WHIZBANG_NODE_VERSION
  if [ ! -x "$home/bin/npm" ]; then
    local arch integrity
    case "$(uname -m)" in
      x86_64|amd64)
        arch=x64
        integrity=sha512-PeHQM8wAdmHtZA1mBocygZxs5LiUWtsJezQTkBd0iY987KpGrD1O2tVEydvMZiuXceRanxt7rjTnDEBwOPujoQ== ;;
      aarch64|arm64)
        arch=arm64
        integrity=sha512-LCXJnNTFiyGuYBw2gZSI5OBFMbkjAPt8sqD/NKrWoE2QmDgSubTqFng6GaNJ9EJ8HpxBMGcWWpbbcs4Vo+CnGg== ;;
      *) die "no Node.js 20 on the PATH, and none to download for $(uname -m): install Node.js 20 or newer" ;;
    esac
    command -v java >/dev/null || die "java not found: it downloads Node.js (lib/Fetch.java)"
    local fetch
    fetch=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/Fetch.java
    say "downloading Node.js $WHIZBANG_NODE_VERSION and npm $WHIZBANG_NPM_VERSION from the npm registry (once)"
    rm -rf "$home.part" && mkdir -p "$home.part/lib/npm"
    java "$fetch" "https://registry.npmjs.org/node-linux-$arch/-/node-linux-$arch-$WHIZBANG_NODE_VERSION.tgz" \
        "$home.part/node.tgz" "$integrity" \
      && java "$fetch" "https://registry.npmjs.org/npm/-/npm-$WHIZBANG_NPM_VERSION.tgz" "$home.part/npm.tgz" \
        sha512-1g+6jLQvaIuB4zwvHL7yrXuXcWZwDsCtBX8bbWDqbvJSSr9nPiDDWTHNgwXR27iIcTTW7v3A57hDW9RYv2W4Yg== \
      || die "downloading Node.js from the npm registry failed"
    tar -xzf "$home.part/node.tgz" -C "$home.part" --strip-components=1 package/bin/node \
      && tar -xzf "$home.part/npm.tgz" -C "$home.part/lib/npm" --strip-components=1 \
      || die "unpacking Node.js failed"
    rm -f "$home.part/node.tgz" "$home.part/npm.tgz"
    # npm runs as a script of the node beside it, as the official distribution's bin/npm does.
    printf '#!/bin/sh\nexec "$(dirname "$0")/node" "$(dirname "$0")/../lib/npm/bin/npm-cli.js" "$@"\n' \
      >"$home.part/bin/npm"
    chmod +x "$home.part/bin/npm" "$home.part/bin/node"
    rm -rf "$home" && mv "$home.part" "$home"
  fi
  PATH=$home/bin:$PATH
  export PATH
  # Trust the system's certificates as Debian's own Node.js does (a proxy's CA added with update-ca-certificates).
  if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -r /etc/ssl/certs/ca-certificates.crt ]; then
    export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
  fi
}
