package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Contact is a client who offered to help develop the services.
type Contact struct {
	ID      string // random, hex
	Month   string // YYYY-MM
	Lang    string
	Name    string
	Contact string // phone number or e-mail address
	Note    string
}

// MaxContactField is the longest a contact field may be, in characters.
const MaxContactField = 200

// AddContact stores a panel contact apart from every answer.
func (db *DB) AddContact(ctx context.Context, c Contact) error {
	c.Name, c.Contact, c.Note = strings.TrimSpace(c.Name), strings.TrimSpace(c.Contact), strings.TrimSpace(c.Note)
	if c.Contact == "" {
		return fmt.Errorf("%w: contact details are empty", ErrInvalid)
	}
	for _, f := range []string{c.Name, c.Contact, c.Note} {
		if utf8.RuneCountInString(f) > MaxContactField {
			return fmt.Errorf("%w: a contact field is longer than %d characters", ErrInvalid, MaxContactField)
		}
	}
	id := make([]byte, 16)
	if _, err := rand.Read(id); err != nil {
		return err
	}
	_, err := db.write.ExecContext(ctx, "INSERT INTO panel_contacts (id, month, lang, name, contact, note) VALUES (?, ?, ?, ?, ?, ?)",
		id, db.now().Format("2006-01"), c.Lang, c.Name, c.Contact, c.Note)
	if err != nil {
		return fmt.Errorf("insert contact: %w", err)
	}
	return nil
}

// Contacts lists every contact, by month and name.
func (db *DB) Contacts(ctx context.Context) ([]Contact, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT id, month, lang, name, contact, note FROM panel_contacts ORDER BY month, name")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Contact
	for rows.Next() {
		var c Contact
		var id []byte
		if err := rows.Scan(&id, &c.Month, &c.Lang, &c.Name, &c.Contact, &c.Note); err != nil {
			return nil, err
		}
		c.ID = hex.EncodeToString(id)
		out = append(out, c)
	}
	return out, rows.Err()
}

// DeleteContact removes one contact.
func (db *DB) DeleteContact(ctx context.Context, id string) error {
	raw, err := hex.DecodeString(id)
	if err != nil {
		return fmt.Errorf("contact %q: %w", id, ErrNotFound)
	}
	res, err := db.write.ExecContext(ctx, "DELETE FROM panel_contacts WHERE id = ?", raw)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("contact %q: %w", id, ErrNotFound)
	}
	return db.scrub(ctx)
}
