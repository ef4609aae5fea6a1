package store

import "fmt"

// Role is what a user or API token may do.
type Role string

// Roles, from most to least privileged.
const (
	RoleAdmin   Role = "admin"
	RoleQuality Role = "quality"
	RoleEntry   Role = "entry"
	// RoleWorker reads and prints only the cards linked to the login.
	RoleWorker Role = "worker"
)

// Roles lists every role, from most to least privileged.
var Roles = []Role{RoleAdmin, RoleQuality, RoleEntry, RoleWorker}

// ParseRole checks a role name.
func ParseRole(s string) (Role, error) {
	switch r := Role(s); r {
	case RoleAdmin, RoleQuality, RoleEntry, RoleWorker:
		return r, nil
	}
	return "", fmt.Errorf("%w: role %q must be admin, quality, entry or worker", ErrInvalid, s)
}
