package store

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// backupPrefix and backupLayout name automatic backups, so that sorting
// the names sorts them by age.
const (
	backupPrefix = "palaute-"
	backupLayout = "20060102T150405.000Z"
)

// BackupSchedule writes a verified backup into Dir every Every and keeps
// the newest Keep of them.
type BackupSchedule struct {
	Dir   string
	Every time.Duration
	Keep  int
	Log   *slog.Logger
}

// Run backs up until ctx ends. The first backup is due Every after the
// newest one already in Dir, so restarts do not postpone backups forever.
func (s BackupSchedule) Run(ctx context.Context, db *DB) {
	for {
		var wait time.Duration // none yet: back up now
		if newest, ok := s.newest(); ok {
			wait = time.Until(newest.Add(s.Every))
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(max(wait, 0)):
		}
		path, err := s.Once(ctx, db)
		if err != nil {
			s.Log.Error("automatic backup failed; retrying after the interval", "dir", s.Dir, "err", err)
			select {
			case <-ctx.Done():
				return
			case <-time.After(s.Every):
			}
			continue
		}
		s.Log.Info("backup written", "file", path)
	}
}

// Once writes one backup now and removes the oldest beyond Keep.
func (s BackupSchedule) Once(ctx context.Context, db *DB) (string, error) {
	path := filepath.Join(s.Dir, backupPrefix+time.Now().UTC().Format(backupLayout)+".db")
	if err := db.Backup(ctx, path); err != nil {
		return "", err
	}
	names, err := s.backups()
	if err != nil {
		return path, err
	}
	for len(names) > s.Keep {
		if err := os.Remove(filepath.Join(s.Dir, names[0])); err != nil {
			return path, fmt.Errorf("remove old backup: %w", err)
		}
		names = names[1:]
	}
	return path, nil
}

// backups lists the automatic backups in Dir, oldest first.
func (s BackupSchedule) backups() ([]string, error) {
	entries, err := os.ReadDir(s.Dir)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, nil
		}
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if _, ok := backupTime(e.Name()); ok && e.Type().IsRegular() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

func (s BackupSchedule) newest() (time.Time, bool) {
	names, err := s.backups()
	if err != nil || len(names) == 0 {
		return time.Time{}, false
	}
	return backupTime(names[len(names)-1])
}

// backupTime reads the time from an automatic backup's name.
func backupTime(name string) (time.Time, bool) {
	stamp, ok := strings.CutPrefix(name, backupPrefix)
	if !ok {
		return time.Time{}, false
	}
	stamp, ok = strings.CutSuffix(stamp, ".db")
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse(backupLayout, stamp)
	return t, err == nil
}
