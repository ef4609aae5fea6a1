package store

import "fmt"

// Role is what a user or API token may do.
type Role string

// Roles, from most to least privileged.
const (
	RoleAdmin   Role = "admin"
	RoleQuality Role = "quality"
	RoleEntry   Role = "entry"
)

// ParseRole checks a role name.
func ParseRole(s string) (Role, error) {
	switch r := Role(s); r {
	case RoleAdmin, RoleQuality, RoleEntry:
		return r, nil
	}
	return "", fmt.Errorf("%w: role %q must be admin, quality or entry", ErrInvalid, s)
}
