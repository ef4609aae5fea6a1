package server_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"palaute/survey/browsertest"
)

const staffShots = "../../test-output/staff"

// selfSigned makes a certificate for 127.0.0.1.
func selfSigned(t *testing.T) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "palaute test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// listen serves the fixture's app on loopback, over TLS when asked, and
// returns its base URL.
func (f *fixture) listen(t *testing.T, useTLS bool) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	scheme := "http"
	if useTLS {
		ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{selfSigned(t)}})
		scheme = "https"
	}
	go f.app.Listener(ln)
	t.Cleanup(func() { f.app.ShutdownWithTimeout(2 * time.Second) })
	return scheme + "://" + ln.Addr().String()
}

func TestStaffInBrowser(t *testing.T) {
	for _, scheme := range []string{"http", "https"} {
		t.Run(scheme, func(t *testing.T) {
			f := newFixture(t)
			f.addUsers(t)
			base := f.listen(t, scheme == "https")
			ctx := browsertest.New(t, chromedp.Flag("ignore-certificate-errors", true))
			run := func(actions ...chromedp.Action) { t.Helper(); browsertest.Run(t, ctx, actions...) }
			// A protected page sends the browser to the login page.
			run(chromedp.Navigate(base+"/admin/users"), chromedp.WaitVisible("#login", chromedp.ByQuery))
			browsertest.Shot(t, ctx, staffShots, "01-login-"+scheme)
			run(chromedp.SendKeys("#name", "admin", chromedp.ByQuery), chromedp.SendKeys("#password", "admin-password-123", chromedp.ByQuery),
				chromedp.Submit("#login", chromedp.ByQuery), chromedp.WaitVisible("#add-user", chromedp.ByQuery))
			var cookies []*network.Cookie
			run(chromedp.ActionFunc(func(ctx context.Context) error {
				var err error
				cookies, err = network.GetCookies().Do(ctx)
				return err
			}))
			for _, c := range cookies {
				if c.Name == "palaute_session" && (!c.HTTPOnly || c.Secure != (scheme == "https") || c.SameSite != network.CookieSameSiteLax) {
					t.Errorf("session cookie over %s: HttpOnly %v, Secure %v, SameSite %v", scheme, c.HTTPOnly, c.Secure, c.SameSite)
				}
			}
			browsertest.Shot(t, ctx, staffShots, "02-users-"+scheme)
			// A CSRF-protected form post: change one's own password.
			run(chromedp.Navigate(base+"/account"), chromedp.WaitVisible("#password-form", chromedp.ByQuery),
				chromedp.SendKeys("#current", "admin-password-123", chromedp.ByQuery),
				chromedp.SendKeys("#new", "a new admin password", chromedp.ByQuery),
				chromedp.SendKeys("#again", "a new admin password", chromedp.ByQuery),
				chromedp.Submit("#password-form", chromedp.ByQuery), chromedp.WaitVisible("p.info", chromedp.ByQuery))
			browsertest.Shot(t, ctx, staffShots, "03-password-changed-"+scheme)
			if _, err := f.db.Authenticate(context.Background(), "admin", "a new admin password"); err != nil {
				t.Fatalf("password not changed through the form: %v", err)
			}
		})
	}
}

func TestForgedPostRejectedInBrowser(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	base := f.listen(t, false)
	// Another site, served on another port, with a form that posts to
	// Palaute as soon as it loads.
	evil := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><form id="f" method="post" action="%s/account/password">
<input name="current" value="entry-password-123"><input name="new" value="attacker password 1"><input name="again" value="attacker password 1">
<input name="_csrf" value="guessed"></form><script>document.getElementById('f').submit()</script>`, base)
	})}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go evil.Serve(ln)
	defer evil.Close()

	ctx := browsertest.New(t)
	browsertest.Run(t, ctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible("#login", chromedp.ByQuery),
		chromedp.SendKeys("#name", "entry", chromedp.ByQuery), chromedp.SendKeys("#password", "entry-password-123", chromedp.ByQuery),
		chromedp.Submit("#login", chromedp.ByQuery), chromedp.WaitVisible("#entry", chromedp.ByQuery))
	var status string
	browsertest.Run(t, ctx, chromedp.Navigate("http://"+ln.Addr().String()+"/"),
		chromedp.Poll(`location.pathname === '/account/password' || location.pathname === '/login'`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Text("body", &status, chromedp.ByQuery))
	browsertest.Shot(t, ctx, staffShots, "04-forged-post")
	if _, err := f.db.Authenticate(context.Background(), "entry", "entry-password-123"); err != nil {
		t.Fatalf("a forged post changed the password: %v", err)
	}
	if _, err := f.db.Authenticate(context.Background(), "entry", "attacker password 1"); err == nil {
		t.Fatal("the attacker's password works")
	}
	if !strings.Contains(status, "refused") && !strings.Contains(status, "torjuttiin") {
		t.Errorf("forged post answered %q", status)
	}
	log, _ := f.db.AuditLog(context.Background(), 20)
	for _, e := range log {
		if e.Action == "password.change" {
			t.Fatalf("audit log shows a password change: %+v", e)
		}
	}
}
