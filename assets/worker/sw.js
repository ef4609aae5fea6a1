// Palaute kiosk service worker. The server puts `self.PALAUTE` above this
// file: {version, home, assets}. It keeps the kiosk page and its assets
// so the tablet works when the network drops. It never stores answers:
// those wait in the page's IndexedDB outbox, and submissions pass through
// untouched.
'use strict';

var conf = self.PALAUTE;
var CACHE = 'palaute-kiosk-' + conf.version;

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll([conf.home].concat(conf.assets));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) {
      return k.indexOf('palaute-kiosk-') === 0 && k !== CACHE;
    }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (event) {
  var req = event.request;
  if (req.method !== 'GET') return;
  var url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === conf.home) {
    // The page: the network first, so cards and settings stay current;
    // the last good copy when the network is down.
    event.respondWith(fetch(req).then(function (res) {
      if (res.ok && res.headers.get('X-Palaute-Kiosk') === 'app') {
        var copy = res.clone();
        caches.open(CACHE).then(function (cache) { cache.put(conf.home, copy); });
      }
      return res;
    }).catch(function () {
      return caches.match(conf.home);
    }));
    return;
  }
  if (conf.assets.indexOf(url.pathname) >= 0) {
    // Assets have checksummed names and never change.
    event.respondWith(caches.match(req).then(function (hit) { return hit || fetch(req); }));
  }
});
