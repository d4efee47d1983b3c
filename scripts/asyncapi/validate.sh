#!/usr/bin/env bash
# Validates AsyncAPI documents with the AsyncAPI reference parser, @asyncapi/parser from the npm registry (installed
# once into the cache; needs Node.js 20 or newer). Each document's relative $refs, the message schemas beside it,
# are resolved and checked too. Prints every diagnostic; exits 0 when all are valid, 1 when one is not.
#
#   scripts/asyncapi/validate.sh target/classes/META-INF/whizbang/asyncapi.json...
#
# The processor's tests run it on the documents the processor generates (AsyncApiValidationTest).
#
# Environment (all optional):
#   ASYNCAPI_PARSER_VERSION  npm version, default 3.6.6
#   WHIZBANG_CACHE_DIR       kept between runs (npm install), default ~/.cache/whizbang
set -euo pipefail

VERSION=${ASYNCAPI_PARSER_VERSION:-3.6.6}
CACHE=${WHIZBANG_CACHE_DIR:-${HOME:-/tmp}/.cache/whizbang}
APP=$CACHE/asyncapi-parser-$VERSION
HERE=$(cd "$(dirname "$0")" && pwd)
TAG=asyncapi-validate
# For npm_package (and say/die): the same cached npm install the test servers use.
. "$HERE/../services/lib/detached-server.sh"

[ $# -gt 0 ] || die "usage: $0 <asyncapi.json>..."
npm_package "$APP" @asyncapi/parser "$VERSION" '{"private":true,"type":"module"}' "the AsyncAPI parser" >&2
# Beside its node_modules, so that its import of @asyncapi/parser resolves there.
cp "$HERE/validate.mjs" "$APP/validate.mjs"
exec node "$APP/validate.mjs" "$@"
