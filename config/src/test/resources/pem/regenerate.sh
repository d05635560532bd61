#!/bin/sh
# Regenerates the PEM fixtures of PemFixturesTest with OpenSSL 3, so the reader is checked against
# files written by another implementation. Throwaway test keys: they protect nothing.
# Each *.key has a *.pub (SubjectPublicKeyInfo) that the test verifies signatures with.
set -eu
cd "$(dirname "$0")"
pub() { openssl pkey -in "$1" -pubout -out "${1%.key}.pub"; }

openssl genrsa -traditional -out rsa-pkcs1.key 2048 2>/dev/null && pub rsa-pkcs1.key
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa-pkcs8.key && pub rsa-pkcs8.key
openssl genpkey -quiet -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out rsa-pss-pkcs8.key && pub rsa-pss-pkcs8.key
# `openssl ecparam -genkey` writes an EC PARAMETERS block before the SEC1 key.
openssl ecparam -name prime256v1 -genkey -out ec-p256-ecparam-sec1.key && pub ec-p256-ecparam-sec1.key
openssl ecparam -name secp384r1 -genkey -noout -out ec-p384-sec1.key && pub ec-p384-sec1.key
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -out ec-p521-pkcs8.key && pub ec-p521-pkcs8.key
openssl genpkey -algorithm ED25519 -out ed25519-pkcs8.key && pub ed25519-pkcs8.key
openssl genpkey -algorithm ED448 -out ed448-pkcs8.key && pub ed448-pkcs8.key

# Keys the reader must refuse with a clear message.
openssl genrsa -traditional -aes128 -passout pass:fixture -out rsa-pkcs1-encrypted.key 2048 2>/dev/null
openssl ecparam -name prime256v1 -genkey -noout | openssl ec -aes128 -passout pass:fixture -out ec-sec1-encrypted.key 2>/dev/null
openssl genpkey -algorithm ED25519 | openssl pkcs8 -topk8 -v2 aes256 -passout pass:fixture -out pkcs8-encrypted.key
openssl genpkey -algorithm X25519 -out x25519-pkcs8.key
openssl ecparam -name secp256k1 -genkey -noout -out ec-secp256k1-sec1.key
openssl ecparam -name prime256v1 -genkey -noout | openssl ec -param_enc explicit -out ec-explicit-parameters-sec1.key 2>/dev/null
openssl dsaparam -quiet -genkey 2048 2>/dev/null | openssl dsa -out dsa.key 2>/dev/null
