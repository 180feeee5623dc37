#!/usr/bin/env bash
# The vendor's side of Steward licenses (docs/license.md), with openssl:
#
#   scripts/license.sh keygen DIR                 writes DIR/license-private.pem and DIR/license-public.pem
#                                                 (give the public one to identity-service as STEWARD_LICENSE_PUBLIC_KEY)
#   scripts/license.sh sign PRIVATE.pem TERMS.json  prints a license file for TERMS.json, e.g.
#       {"app":"enterprise","users":20,"expires":"2038-01-19","name":"Enterprise Company","contact":"cto@enterprise"}
set -euo pipefail

case "${1:-}" in
  keygen)
    dir=${2:?usage: license.sh keygen DIR}
    mkdir -p "$dir"
    openssl genpkey -algorithm ed25519 -out "$dir/license-private.pem"
    openssl pkey -in "$dir/license-private.pem" -pubout -out "$dir/license-public.pem"
    echo "private key: $dir/license-private.pem (keep it with the vendor)" >&2
    echo "public key:  $dir/license-public.pem" >&2
    ;;
  sign)
    private=${2:?usage: license.sh sign PRIVATE.pem TERMS.json}
    terms=${3:?usage: license.sh sign PRIVATE.pem TERMS.json}
    signature=$(mktemp)
    trap 'rm -f "$signature"' EXIT
    openssl pkeyutl -sign -rawin -inkey "$private" -in "$terms" -out "$signature"
    echo "-----BEGIN STEWARD LICENSE-----"
    base64 -w 64 < "$terms"
    echo "-----END STEWARD LICENSE-----"
    echo "-----BEGIN STEWARD LICENSE SIGNATURE-----"
    base64 -w 64 < "$signature"
    echo "-----END STEWARD LICENSE SIGNATURE-----"
    ;;
  *)
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
