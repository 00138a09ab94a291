#!/usr/bin/env bash
# The Debian package (cmake/Packaging.cmake): built from this build with cpack into a temporary
# directory, it must hold the programs, the systemd unit, the conffiles and the maintainer
# scripts, depend on the libraries the programs link, and its unit must pass systemd-analyze
# verify. Installing it is scripts/package-install-test's job (CI runs it as root).
# Usage: package_test.sh BUILD_DIR
set -euo pipefail
BUILD=$(cd "$1" && pwd)
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

(cd "$BUILD" && cpack -G DEB -B "$tmp" >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log"; fail "cpack -G DEB"; }
deb=$(ls "$tmp"/registry_*_*.deb)
[ -f "$deb" ] || fail "no registry_*.deb in $tmp"

files=$(dpkg-deb -c "$deb" | awk '{print $6}')
for want in ./usr/bin/registryd ./usr/bin/registryctl ./usr/lib/systemd/system/registryd.service \
            ./etc/registry/registry.properties ./etc/logrotate.d/registry ./usr/share/doc/registry/operations.md; do
  grep -qx "$want" <<< "$files" || fail "$want is not in the package: $files"
done
# Nothing of the build or the tests leaks in.
if grep -E '^\./usr/bin/.*(test|bench|fuzz)|\.a$|\.h$' <<< "$files"; then fail "build or test files in the package"; fi

depends=$(dpkg-deb -f "$deb" Depends)
for lib in adduser libpocofoundation libmysqlcppconn libsqlite3 libssl3; do
  grep -q "$lib" <<< "$depends" || fail "Depends lacks $lib: $depends"
done
dpkg-deb -e "$deb" "$tmp/control"
for f in postinst prerm postrm; do [ -x "$tmp/control/$f" ] || fail "no executable $f"; done
grep -qx /etc/registry/registry.properties "$tmp/control/conffiles" || fail "the configuration is not a conffile"
grep -qx /etc/logrotate.d/registry "$tmp/control/conffiles" || fail "the logrotate stanza is not a conffile"

# The unit, as installed, with the binary it starts pointed at this build's (verify checks that
# ExecStart exists). Hardening that issue 18 asks for must be there.
dpkg-deb -x "$deb" "$tmp/root"
unit="$tmp/root/usr/lib/systemd/system/registryd.service"
for want in '^User=registry$' '^ProtectSystem=strict$' '^NoNewPrivileges=yes$' '^StateDirectory=registry$' \
            '^ExecStart=/usr/bin/registryd --config=/etc/registry/registry.properties$'; do
  grep -qE "$want" "$unit" || fail "the unit lacks $want"
done
sed "s#/usr/bin/registryd#$BUILD/bin/registryd#" "$unit" > "$tmp/registryd.service"
if command -v systemd-analyze >/dev/null; then
  systemd-analyze verify "$tmp/registryd.service" || fail "systemd-analyze verify"
else
  fail "systemd-analyze is missing (scripts/install-deps installs systemd)"
fi
# The packaged configuration is one registryd accepts (no unknown key, every value valid).
"$BUILD/bin/registryd" --config="$tmp/root/etc/registry/registry.properties" --print-config >"$tmp/config" ||
  fail "registryd refuses the packaged configuration: $(cat "$tmp/config")"
grep -q '^storage = sqlite:/var/lib/registry/registry.db' "$tmp/config" || fail "packaged storage: $(cat "$tmp/config")"
echo "package ok: $(basename "$deb"), $(wc -l <<< "$files") entries"
