# The one builder of the package world's mkDerivation, in the spirit of nixpkgs' default-builder.sh.
# It reads its sources and patches (build-time only: their content is copied, never their paths) and
# makes every output; the first output refers to the runtime dependencies, the others to the first.
set -e
for o in $outputs; do
  eval "p=\$$o"
  mkdir -p "$p"
done
eval "main=\$$(echo $outputs | cut -d' ' -f1)"
for s in $src $srcs; do
  if [ -d "$s" ]; then find "$s" -type f | sort | xargs cat >> "$main/sources"; else cat "$s" >> "$main/sources"; fi
done
for p in $patches; do cat "$p" >> "$main/patches-applied"; done
for t in $nativeBuildInputs; do cat "$t/version" >> "$main/built-with" 2>/dev/null || true; done
echo "$name" > "$main/version"
echo "$runtimeDeps" > "$main/runtime-deps"
for o in $outputs; do
  eval "p=\$$o"
  if [ "$p" != "$main" ]; then echo "$main" > "$p/ref"; fi
done
