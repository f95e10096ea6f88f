#!/usr/bin/env bash
# Fuzzes one target for a while, then merges what it found into the committed corpus.
#
#   ws-fuzz/fuzz.sh FramingTargetsTest#frameReader 5m
#
# 1. JAZZER_FUZZ=1 runs the @FuzzTest under libFuzzer for the duration (30s, 5m, 1h...). New
#    inputs go to ws-fuzz/.cifuzz-corpus/<class>/<method>/ (ignored by git); a finding stops the
#    run and is written as crash-<sha1> into the target's Inputs folder, where it stays a
#    regression input.
# 2. libFuzzer's -merge=1 (Jazzer's own command line) keeps, from the committed inputs and the new
#    ones, only those that add coverage features; they replace the committed inputs, except the
#    hand-written seed-* and the crash-* files, which are always kept.
# Run from the repository root. NICE (default 15) keeps a shared machine usable.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: ws-fuzz/fuzz.sh Class#method duration}
duration=${2:-5m}
simple=${target%%#*}
method=${target##*#}
source_file=$(find ws-fuzz/src/test/java -name "$simple.java" | head -1)
[ -n "$source_file" ] || { echo "no test class $simple under ws-fuzz/src/test/java" >&2; exit 2; }
package=$(sed -n 's/^package \(.*\);/\1/p' "$source_file")
class=$package.$simple
inputs=ws-fuzz/src/test/resources/${package//.//}/${simple}Inputs/$method
generated=ws-fuzz/.cifuzz-corpus/$class/$method
mkdir -p "$inputs"

status=0
JAZZER_FUZZ=1 nice -n "${NICE:-15}" mvn -B -ntp -q test -pl ws-fuzz -am -Dtest="$target" \
    -Djazzer.max_duration="$duration" -Dsurefire.failIfNoSpecifiedTests=false || status=$?

# The test class path, as Maven resolves it in the reactor.
classpath_file=$(mktemp)
trap 'rm -f "$classpath_file"' EXIT
mvn -B -ntp -q test-compile dependency:build-classpath -pl ws-fuzz -am -Dmdep.includeScope=test \
    -Dmdep.outputFile="$classpath_file" >/dev/null
# A JDK 21+ runs the merge (the classes are release 21): $JAVA, else the first one found.
java=${JAVA:-}
if [ -z "$java" ]; then
    for candidate in "${JAVA_HOME:-/nonexistent}/bin/java" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
        [ -x "$candidate" ] || continue
        major=$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
        if [ "${major:-0}" -ge 21 ] 2>/dev/null; then java=$candidate; break; fi
    done
fi
[ -n "$java" ] || { echo "no JDK 21+ found for the merge: set JAVA" >&2; exit 2; }
merged=$(mktemp -d)
nice -n "${NICE:-15}" "$java" -XX:+EnableDynamicAgentLoading \
    -cp "ws-fuzz/target/test-classes:$(cat "$classpath_file")" com.code_intelligence.jazzer.Jazzer \
    --target_class="$class" --target_method="$method" -merge=1 "$merged" "$inputs" "$generated" 2>&1 \
    | grep -a 'MERGE-OUTER: [0-9]* new files' || true
find "$inputs" -type f ! -name 'seed-*' ! -name 'crash-*' -delete
cp -n "$merged"/* "$inputs"/ 2>/dev/null || true
for kept in "$inputs"/seed-* "$inputs"/crash-*; do
    [ -f "$kept" ] && rm -f "$inputs/$(sha1sum < "$kept" | cut -d' ' -f1)"
done
rm -rf "$merged"
echo "$inputs: $(find "$inputs" -type f | wc -l) inputs, $(find "$inputs" -type f -exec cat {} + | wc -c) bytes"
exit $status
