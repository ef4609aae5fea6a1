// Package conns hands the store's connections to its test package,
// storetest, and to nobody else: as an internal package it can be
// imported only from inside survey/store.
package conns

import "database/sql"

// Of returns the write connection and the read pool of a *store.DB; the
// store sets it when it is loaded.
var Of func(db any) (write, read *sql.DB)
