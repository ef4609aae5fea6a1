package store

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
)

// newSecret returns a random bearer token and the hash kept in its place.
// Tokens carry 256 random bits, so a plain SHA-256 is enough to keep the
// stored form useless to whoever reads the database.
func newSecret() (token string, hash []byte) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashSecret(token)
}

// HashSecret is the stored form of a bearer token.
func HashSecret(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}
