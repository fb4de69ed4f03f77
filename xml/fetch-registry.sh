#!/bin/sh
# Downloads the IANA Service Name and Transport Protocol Port Number Registry
# into xml/, where the build looks for it first.  The file is never
# committed (.gitignore); the build also accepts -DPORTREG_REGISTRY_XML=path.
set -eu

url="https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xml"
dir=$(cd "$(dirname "$0")" && pwd)
out="$dir/service-names-port-numbers.xml"
tmp="$out.part"

if command -v curl >/dev/null 2>&1; then
    curl --fail --location --silent --show-error --output "$tmp" "$url"
elif command -v wget >/dev/null 2>&1; then
    wget --quiet --output-document="$tmp" "$url"
else
    echo "fetch-registry.sh: needs curl or wget" >&2
    exit 1
fi

# A registry is XML whose root is <registry id="service-names-port-numbers">.
if ! grep -q '<registry[^>]*id="service-names-port-numbers"' "$tmp"; then
    echo "fetch-registry.sh: $url did not return the registry XML" >&2
    rm -f "$tmp"
    exit 1
fi
mv "$tmp" "$out"
echo "fetched $(grep -c '<record' "$out") records, updated $(sed -n 's:.*<updated>\(....-..-..\)</updated>.*:\1:p' "$out" | head -n 1), into $out"
