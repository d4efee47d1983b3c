# Sourced by the start scripts of JVM servers (Kafka, ElasticMQ): resolves a server's classpath from Maven Central
# once and caches it, re-resolving when a cached jar has disappeared. Needs the caller's say/die functions.
#
#   resolve_classpath <cache dir> <label> <dependency xml>    prints nothing; the classpath is in <cache dir>/cp.txt

resolve_classpath() {
  local dir=$1 label=$2 dependencies=$3
  mkdir -p "$dir"
  cat >"$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.whizbang.services</groupId><artifactId>$(basename "$dir")</artifactId><version>1</version>
  <dependencies>
$dependencies
  </dependencies>
</project>
POM
  if [ -s "$dir/cp.txt" ]; then
    local jar usable=true
    for jar in $(tr ':' ' ' <"$dir/cp.txt"); do [ -f "$jar" ] || usable=false; done
    [ "$usable" = true ] && return 0
  fi
  local root mvn
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
  if [ -x "$root/mvnw" ]; then mvn=$root/mvnw
  elif command -v mvn >/dev/null; then mvn=mvn
  else die "neither the project's mvnw nor mvn is available to download the $label jars"; fi
  say "resolving $label jars with Maven (the first run downloads them)"
  (cd "$dir" && timeout 600 "$mvn" -q -B -ntp dependency:build-classpath -Dmdep.outputFile=cp.txt >mvn.log 2>&1) \
    || { tail -30 "$dir/mvn.log" >&2; rm -f "$dir/cp.txt"; die "Maven could not resolve $dir/pom.xml"; }
}
