#!/usr/bin/env bash
# Makes throw-away certificates for the TLS tests, in DIR (created if needed), with openssl:
#   ca.pem, ca.key                 a test certificate authority
#   server.pem, server.key         the broker's, for localhost, 127.0.0.1 and ::1, signed by the CA
#   client.pem, client.key         a client's, CN=alice, signed by the CA
#   rogue-ca.pem                   another CA, that nothing here trusts
#   rogue-client.pem, .key         a client's, CN=mallory, signed by the rogue CA
# Keys are EC P-256 in PKCS#8 PEM ("BEGIN PRIVATE KEY"), what Netty reads with or without OpenSSL.
# Nothing here is ever committed: the tests make their certificates anew each run.
#
#   make-test-certs.sh DIR
set -euo pipefail
dir=${1:?usage: make-test-certs.sh DIR}
mkdir -p "$dir"
cd "$dir"

key() { openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null \
          || openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }

ca() { # NAME CN
  key "$1.key"
  openssl req -x509 -new -key "$1.key" -sha256 -days 30 -subj "/O=Tern tests/CN=$2" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "$1.pem" 2>/dev/null
}

leaf() { # NAME CN CA EXTENSIONS
  key "$1.key"
  openssl req -new -key "$1.key" -subj "/O=Tern tests/CN=$2" -out "$1.csr" 2>/dev/null
  printf '%s\n' "$4" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" -CAcreateserial -sha256 -days 30 \
    -extfile "$1.ext" -out "$1.pem" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
}

ca ca "Tern test CA"
ca rogue-ca "Rogue test CA"
leaf server localhost ca \
  "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1
extendedKeyUsage=serverAuth"
leaf client alice ca "extendedKeyUsage=clientAuth"
leaf rogue-client mallory rogue-ca "extendedKeyUsage=clientAuth"
rm -f ./*.srl
