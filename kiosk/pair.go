// Package kiosk is the lobby tablet side of Palaute: how a device is
// paired and what it needs to know to collect answers.
package kiosk

import "net/url"

// PairPath is the path a tablet opens once to be paired: it stores the
// device credential in a cookie and goes on to the kiosk's start page.
func PairPath(token string) string {
	return "/kiosk/pair?token=" + url.QueryEscape(token)
}
