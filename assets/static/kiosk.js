// Palaute kiosk: the lobby tablet screen. Plain ES2017, no framework.
// Settings come from data-* attributes on <body>; instruments, cards and
// texts from the JSON block #kiosk-data. Answers live only in memory until
// sent to the outbox (IndexedDB), which is the one thing with answers in
// it that outlives a reset: a reset reloads the page in place, so no DOM,
// history entry or storage keeps anyone's answers. Beside the outbox, a
// second small database keeps the tablet's own state for its heartbeat:
// when it last sent answers, and its last error.
//
// The screen is never left blank: an uncaught error or a failed render
// shows a calm "Starting again…" screen and returns to the start, keeping
// the outbox and reporting the error with the next heartbeat.
(function () {
  'use strict';

  var body = document.body;
  var cfg = {
    idle: Number(body.dataset.idleSeconds) * 1000,
    countdown: Number(body.dataset.countdownSeconds),
    thanks: Number(body.dataset.thanksSeconds) * 1000,
    retryMax: Number(body.dataset.retryMaxMs),
    submit: body.dataset.submit,
    contact: body.dataset.contact,
    worker: body.dataset.worker,
    home: body.dataset.home,
    // web: a client's own phone, opened from a printed card's QR code. The
    // card is known, the page is not shared, and it sends with the card's
    // one-time token.
    web: body.dataset.mode === 'web',
    // preview: the survey editor's preview of a draft, which sends
    // nothing and keeps nothing.
    preview: body.dataset.preview === 'true',
    token: body.dataset.token || '',
    card: body.dataset.card || '',
    // lang is the language to start in: the phone's own on the web.
    lang: body.dataset.lang || 'fi',
    // A paired tablet reports its state to the server every so often, and
    // takes the server's commands in answer.
    version: body.dataset.version || '',
    heartbeat: body.dataset.heartbeat || '',
    heartbeatMs: Number(body.dataset.heartbeatSeconds) * 1000,
    unpair: body.dataset.unpair || ''
  };
  var data = null;
  var app = document.getElementById('app');
  var queueBadge = document.getElementById('queue');

  var state = freshState();
  var thanksTimer = null;

  // restartMs is how long the restarting screen stands before the start
  // screen returns.
  var restartMs = 3000;
  var recovering = false;

  function freshState() {
    return { lang: cfg.lang, survey: null, screen: 0, answers: {}, card: null, sent: false };
  }

  // ---- text -------------------------------------------------------------

  function t(key, vars) {
    var s = data ? data.text[state.lang][key] || data.text.fi[key] || key : key;
    Object.keys(vars || {}).forEach(function (k) { s = s.split('{' + k + '}').join(String(vars[k])); });
    return s;
  }

  function tx(text) { return text[state.lang] || text.fi; }

  // known reports whether the catalogue has a text for key.
  function known(key) { return !!(data && (data.text[state.lang][key] || data.text.fi[key])); }

  // h builds an element; text only ever goes in as text, never as HTML.
  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === 'class') el.className = v;
      // Styles go through the CSSOM: a Content-Security-Policy without
      // 'unsafe-inline' forbids style attributes, not this.
      else if (k === 'css') Object.keys(v).forEach(function (p) { el.style[p] = v[p]; });
      else if (k === 'text') el.textContent = v;
      else if (k.slice(0, 2) === 'on') el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : v);
    });
    (children || []).forEach(function (c) {
      if (c) el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return el;
  }

  // ---- screens ----------------------------------------------------------

  // screens lists the current survey's screens, each a list of item
  // keys: an item marked same_screen joins the one before it, and a
  // screen whose every item is a follow-up not asked now is left out.
  // The card survey asks first for the worker's card on a kiosk with
  // cards; a long survey ends with a review of the answers.
  function screens() {
    var inst = data.instruments[state.survey];
    var list = [];
    inst.items.forEach(function (it) {
      if (it.same_screen && list.length) list[list.length - 1].push(it.key);
      else list.push([it.key]);
    });
    list = list.filter(function (keys) { return keys.some(function (k) { return applies(item(k)); }); });
    // Without cards (a new installation, or none for this unit) there
    // is nothing to ask.
    if (state.survey === data.cardSurvey && !cfg.web && data.cards && data.cards.length) list.unshift(['card']);
    if (long()) list.push(['review']);
    return list;
  }

  // long says the survey has enough questions to show progress and end
  // with a review.
  function long() { return data.instruments[state.survey].items.length > 4; }

  // applies reports whether an item is asked, given the answers so far:
  // a follow-up only when the answer it follows meets its condition.
  function applies(it) {
    var c = it.show_if;
    if (!c) return true;
    if (!has(c.item) || state.answers[c.item] === 'cant_say') return false;
    var a = state.answers[c.item];
    if (c.in) return c.in.indexOf(String(a)) >= 0;
    return (c.min === undefined || a >= c.min) && (c.max === undefined || a <= c.max);
  }

  function item(key) {
    var items = data.instruments[state.survey].items;
    for (var i = 0; i < items.length; i++) if (items[i].key === key) return items[i];
    return null;
  }

  // render draws the current screen; a screen that fails to draw turns
  // into the restarting screen, never a blank one.
  function render() {
    if (recovering) return;
    try { draw(); } catch (err) { recover(err); }
  }

  function draw() {
    document.documentElement.lang = state.lang;
    showQueue(queued);
    app.textContent = '';
    var view;
    if (state.sent) view = thanksView();
    else if (!state.survey) view = startView();
    else view = questionView();
    app.appendChild(view);
    var heading = app.querySelector('h1');
    if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus(); }
  }

  var languages = [['fi', 'Suomi'], ['sv', 'Svenska'], ['en', 'English']];

  // langSwitch is the row of language buttons; small on the web's
  // question screens, where it sits beside the progress.
  function langSwitch(small) {
    return h('div', { class: 'langs' + (small ? ' small' : ''), role: 'group', 'aria-label': t('kiosk.choose_language') }, languages.map(function (l) {
      return h('button', {
        class: 'lang', type: 'button', lang: l[0], id: (small ? 'switch-' : 'lang-') + l[0], 'aria-pressed': String(state.lang === l[0]),
        onclick: function () { state.lang = l[0]; render(); }
      }, [l[1]]);
    }));
  }

  // cardBadge shows the web page's card: its colour, the colour's name
  // and its code, so the client sees whose card this is.
  function cardBadge() {
    var c = data.cards.filter(function (x) { return x.code === cfg.card; })[0];
    if (!c) return null;
    return h('p', { class: 'badge', id: 'card-badge' }, [
      h('span', { class: 'swatch', css: { backgroundColor: c.colour }, 'aria-hidden': 'true' }),
      h('span', { class: 'names' }, [
        h('span', { class: 'label', text: t('kiosk.your_card', { name: c.name[state.lang] || c.name.fi }) }),
        h('span', { class: 'code', text: c.code })])
    ]);
  }

  // startView offers the surveys of this screen, each by its own
  // invitation in the catalogue if it has one, else by its title.
  function startView() {
    var choices = data.surveys.map(function (key) {
      var inst = data.instruments[key];
      var label = known('kiosk.start_' + key) ? t('kiosk.start_' + key) : tx(inst.title);
      var hint = known('kiosk.start_' + key + '_hint') ? t('kiosk.start_' + key + '_hint') : t('kiosk.start_hint', { n: inst.items.length });
      return h('button', { class: 'choice big', id: 'start-' + key, type: 'button', onclick: function () { begin(key); } },
        [h('span', { class: 'label', text: label }), h('span', { class: 'hint', text: hint })]);
    });
    return h('section', { class: 'screen start', 'aria-labelledby': 'title' }, [
      langSwitch(cfg.web),
      h('h1', { id: 'title', text: t('kiosk.title') }),
      cfg.web ? cardBadge() : null,
      h('div', { class: 'choices' }, choices),
      h('p', { class: 'note', text: t('kiosk.anonymous') })
    ]);
  }

  function begin(survey) {
    state.survey = survey;
    state.screen = 0;
    if (cfg.web) state.card = cfg.card;
    render();
  }

  function questionView() {
    var list = screens();
    state.screen = Math.min(state.screen, list.length - 1);
    var keys = list[state.screen];
    var last = state.screen === list.length - 1;
    var parts = [];
    var top = [h('button', { class: 'quiet', type: 'button', id: 'cancel', onclick: reset, text: t('kiosk.cancel') })];
    if (long()) {
      var n = Math.min(state.screen + 1, list.length - 1);
      top.unshift(h('div', {
        class: 'progress', role: 'progressbar', 'aria-valuemin': '1', 'aria-valuemax': String(list.length - 1),
        'aria-valuenow': String(n), 'aria-valuetext': t('kiosk.progress', { n: n, total: list.length - 1 })
      }, [h('span', { class: 'bar', css: { width: Math.round(100 * n / (list.length - 1)) + '%' } }),
        h('span', { class: 'count', text: t('kiosk.progress', { n: n, total: list.length - 1 }) })]));
    }
    if (cfg.web) top.unshift(langSwitch(true));
    parts.push(h('div', { class: 'top' }, top));
    keys.filter(function (k) { return k === 'card' || k === 'review' || applies(item(k)); })
      .forEach(function (key, i) { parts.push(fieldView(key, i === 0)); });
    var msg = h('p', { class: 'error', id: 'error', role: 'alert' });
    parts.push(msg);
    var nav = [];
    if (state.screen > 0) nav.push(h('button', { class: 'secondary', type: 'button', id: 'back', onclick: function () { go(-1); }, text: t('kiosk.back') }));
    var answered = keys.some(function (k) { return k === 'card' ? state.card !== null : has(k); });
    if (last) {
      nav.push(h('button', { class: 'primary', type: 'button', id: 'send', onclick: function () { send(msg); }, text: t('kiosk.send') }));
    } else {
      nav.push(h('button', { class: 'primary', type: 'button', id: 'next', onclick: function () { go(1); },
        text: answered || keys[0] === 'review' ? t('kiosk.next') : t('kiosk.skip') }));
    }
    parts.push(h('div', { class: 'nav' }, nav));
    return h('section', { class: 'screen question' }, parts);
  }

  function has(key) { return Object.prototype.hasOwnProperty.call(state.answers, key); }

  function go(step) {
    var list = screens();
    state.screen = Math.max(0, Math.min(list.length - 1, state.screen + step));
    render();
  }

  // set records an answer, and drops the answers to follow-ups it no
  // longer leads to, which the server would refuse.
  function set(key, value) {
    if (value === null || value === '') delete state.answers[key];
    else state.answers[key] = value;
    data.instruments[state.survey].items.forEach(function (it) {
      if (has(it.key) && !applies(it)) delete state.answers[it.key];
    });
  }

  function fieldView(key, heading) {
    if (key === 'card') return cardView();
    if (key === 'review') return reviewView();
    var it = item(key);
    var id = 'q-' + key;
    var title = h(heading ? 'h1' : 'h2', { id: id, text: tx(it.text) });
    var inst = data.instruments[state.survey];
    var intro = inst.intro && scaled(it) ? h('p', { class: 'intro', text: tx(inst.intro) }) : null;
    var input;
    switch (it.type) {
      case 'choice': input = options(key, id, it.options.map(function (o) { return { value: o.key, label: tx(o.text) }; })); break;
      case 'likert5':
        input = options(key, id, scale('likert5'), 'likert');
        if (it.cant_say) input = h('div', { class: 'with-cant-say' }, [input, options(key, id, [{ value: 'cant_say', label: t('kiosk.cant_say') }], 'cant-say')]);
        break;
      case 'nps': input = npsScale(key, id); break;
      case 'rating5': input = options(key, id, scale('rating5'), 'faces'); break;
      case 'year': input = yearPicker(key, id); break;
      case 'months': input = monthsPicker(key, id); break;
      default: input = textInput(key, id);
    }
    return h('div', { class: 'field field-' + it.type }, [intro, title, input]);
  }

  // scaled says the item is answered on a scale, under the instrument's
  // introduction.
  function scaled(it) { return it.type === 'likert5' || it.type === 'rating5' || it.type === 'nps'; }

  // npsScale is eleven buttons, 0 to 10, between the scale's two end
  // labels.
  function npsScale(key, labelledBy) {
    var ends = data.instruments[state.survey].scales.nps;
    var opts = [];
    for (var v = 0; v <= 10; v++) opts.push({ value: v, label: String(v) });
    return h('div', { class: 'nps' }, [
      options(key, labelledBy, opts, 'nps'),
      h('div', { class: 'ends', 'aria-hidden': 'true' }, [h('span', { text: '0 = ' + tx(ends[0]) }), h('span', { text: '10 = ' + tx(ends[1]) })])
    ]);
  }

  function scale(type) {
    return data.instruments[state.survey].scales[type].map(function (label, i) { return { value: i + 1, label: tx(label) }; });
  }

  // options renders a radio group of large buttons.
  function options(key, labelledBy, opts, style) {
    var group = h('div', { class: 'options ' + (style || ''), role: 'radiogroup', 'aria-labelledby': labelledBy });
    opts.forEach(function (o) {
      var selected = state.answers[key] === o.value;
      var content = [];
      if (style === 'faces') content.push(face(o.value));
      if (style === 'likert') content.push(h('span', { class: 'num', 'aria-hidden': 'true', text: String(o.value) }));
      content.push(h('span', { class: style === 'nps' ? 'num' : 'label', text: o.label }));
      group.appendChild(h('button', {
        type: 'button', role: 'radio', 'aria-checked': String(selected), class: 'option', 'data-value': String(o.value),
        'aria-label': style === 'nps' ? o.label + ' / 10' : null,
        onclick: function () { set(key, selected ? null : o.value); render(); }
      }, content));
    });
    return group;
  }

  // face draws one of five faces, from a deep frown (1) to a wide smile (5).
  function face(n) {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 64 64');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('class', 'face face-' + n);
    var curve = [-10, -5, 0, 6, 12][n - 1];
    var shapes = [
      ['circle', { cx: 32, cy: 32, r: 29, class: 'head' }],
      ['circle', { cx: 22, cy: 25, r: 4, class: 'eye' }],
      ['circle', { cx: 42, cy: 25, r: 4, class: 'eye' }],
      ['path', { d: 'M18 ' + (44 - curve / 2) + ' Q32 ' + (44 + curve) + ' 46 ' + (44 - curve / 2), class: 'mouth' }]
    ];
    shapes.forEach(function (s) {
      var el = document.createElementNS(ns, s[0]);
      Object.keys(s[1]).forEach(function (k) { el.setAttribute(k, s[1][k]); });
      svg.appendChild(el);
    });
    return svg;
  }

  function cardView() {
    var group = h('div', { class: 'options cards', role: 'radiogroup', 'aria-labelledby': 'q-card' });
    data.cards.forEach(function (c) {
      var selected = state.card === c.code;
      group.appendChild(h('button', {
        type: 'button', role: 'radio', class: 'option card', 'aria-checked': String(selected), 'data-value': c.code,
        onclick: function () { state.card = selected ? null : c.code; render(); }
      }, [h('span', { class: 'swatch', css: { backgroundColor: c.colour }, 'aria-hidden': 'true' }),
        h('span', { class: 'names' }, [h('span', { class: 'label', text: c.name[state.lang] || c.name.fi }), h('span', { class: 'code', text: c.code })])]));
    });
    var unknown = state.card === '';
    group.appendChild(h('button', {
      type: 'button', role: 'radio', class: 'option card', 'aria-checked': String(unknown), 'data-value': '',
      onclick: function () { state.card = unknown ? null : ''; render(); }
    }, [h('span', { class: 'swatch unknown', 'aria-hidden': 'true', text: '?' }), h('span', { class: 'label', text: t('kiosk.card_unknown') })]));
    return h('div', { class: 'field' }, [h('h1', { id: 'q-card', text: t('kiosk.card_question') }), group]);
  }

  // yearPicker: a decade, then a year, with no keyboard.
  function yearPicker(key, labelledBy) {
    var now = new Date().getFullYear();
    var chosen = state.answers[key];
    var decade = state.decade !== undefined ? state.decade : (chosen ? chosen - chosen % 10 : null);
    var decades = h('div', { class: 'options decades', role: 'radiogroup', 'aria-label': t('kiosk.year_decade') });
    for (var d = 1920; d <= now; d += 10) {
      (function (d) {
        decades.appendChild(h('button', { type: 'button', role: 'radio', class: 'option', 'aria-checked': String(decade === d), 'data-value': String(d),
          onclick: function () { state.decade = d; render(); } }, [d + '–']));
      })(d);
    }
    var parts = [h('p', { class: 'hint', text: t('kiosk.year_decade') }), decades];
    if (decade !== null) {
      var years = h('div', { class: 'options years', role: 'radiogroup', 'aria-labelledby': labelledBy });
      for (var y = decade; y < decade + 10 && y <= now; y++) {
        (function (y) {
          years.appendChild(h('button', { type: 'button', role: 'radio', class: 'option', 'aria-checked': String(chosen === y), 'data-value': String(y),
            onclick: function () { set(key, chosen === y ? null : y); render(); } }, [String(y)]));
        })(y);
      }
      parts.push(h('p', { class: 'hint', text: t('kiosk.year_pick') }), years);
    }
    return h('div', { class: 'picker' }, parts);
  }

  // monthsPicker: years and months as two steppers.
  function monthsPicker(key, labelledBy) {
    var total = has(key) ? state.answers[key] : null;
    var y = total === null ? 0 : Math.floor(total / 12);
    var m = total === null ? 0 : total % 12;
    function stepper(id, value, unit, max, onChange) {
      return h('div', { class: 'stepper', role: 'group', 'aria-label': unit }, [
        h('button', { type: 'button', class: 'step', id: id + '-less', 'aria-label': t('kiosk.less') + ': ' + unit,
          onclick: function () { onChange(Math.max(0, value - 1)); } }, ['−']),
        h('output', { id: id, 'aria-live': 'polite', text: (total === null ? '–' : String(value)) + ' ' + unit }),
        h('button', { type: 'button', class: 'step', id: id + '-more', 'aria-label': t('kiosk.more') + ': ' + unit,
          onclick: function () { onChange(Math.min(max, value + 1)); } }, ['+'])
      ]);
    }
    return h('div', { class: 'picker months', 'aria-labelledby': labelledBy }, [
      stepper('years', y, t('kiosk.years'), 99, function (v) { set(key, v * 12 + m); render(); }),
      stepper('months', m, t('kiosk.months'), 11, function (v) { set(key, y * 12 + v); render(); })
    ]);
  }

  function textInput(key, labelledBy) {
    var left = h('p', { class: 'hint', 'aria-live': 'polite', text: t('kiosk.chars_left', { n: 2000 - (state.answers[key] || '').length }) });
    var area = h('textarea', { id: 'text-' + key, rows: '4', maxlength: '2000', 'aria-labelledby': labelledBy, placeholder: t('kiosk.text_hint'),
      oninput: function (e) { set(key, e.target.value.trim() === '' ? null : e.target.value); left.textContent = t('kiosk.chars_left', { n: 2000 - e.target.value.length }); } });
    area.value = state.answers[key] || '';
    return h('div', { class: 'text' }, [area, left]);
  }

  function reviewView() {
    var list = h('dl', { class: 'review' });
    var n = 0;
    screens().forEach(function (keys, i) {
      keys.forEach(function (key) {
        if (key === 'review' || key === 'card' || !applies(item(key))) return;
        var it = item(key);
        list.appendChild(h('dt', { text: (++n) + '. ' + tx(it.text) }));
        list.appendChild(h('dd', {}, [
          h('span', { text: has(it.key) ? describe(it, state.answers[it.key]) : t('kiosk.review_skipped') }),
          h('button', { type: 'button', class: 'quiet', onclick: function () { state.screen = i; render(); }, text: t('kiosk.change') })
        ]));
      });
    });
    return h('div', { class: 'field' }, [h('h1', { text: t('kiosk.review_title') }), list]);
  }

  function describe(it, value) {
    if (value === 'cant_say') return t('kiosk.cant_say');
    if (it.type === 'choice') return tx(it.options.filter(function (o) { return o.key === value; })[0].text);
    if (it.type === 'likert5' || it.type === 'rating5') return value + ' – ' + tx(data.instruments[state.survey].scales[it.type][value - 1]);
    if (it.type === 'months') return Math.floor(value / 12) + ' ' + t('kiosk.years') + ', ' + value % 12 + ' ' + t('kiosk.months');
    return String(value);
  }

  function thanksView() {
    return h('section', { class: 'screen thanks' }, [
      h('h1', { text: t('kiosk.thanks_title') }),
      h('p', { class: 'lead', text: t('kiosk.thanks_body') }),
      cfg.web ? null : h('button', { class: 'primary', type: 'button', id: 'done', onclick: reset, text: t('kiosk.done') }),
      // The card's token is spent once it has answered, so a phone has
      // nothing to send a contact with.
      cfg.web ? null : contactForm()
    ]);
  }

  // contactForm lets a client offer to join the client panel. It is sent
  // on its own, never with the answers, and nothing links the two.
  function contactForm() {
    var status = h('p', { class: 'hint', id: 'contact-status', role: 'status' });
    var name = h('input', { id: 'contact-name', autocomplete: 'off', maxlength: '200', 'aria-label': t('kiosk.contact_name'), placeholder: t('kiosk.contact_name') });
    var details = h('input', { id: 'contact-details', autocomplete: 'off', maxlength: '200', 'aria-label': t('kiosk.contact_details'), placeholder: t('kiosk.contact_details') });
    function hold() { clearTimeout(thanksTimer); state.contact = true; }
    name.addEventListener('focus', hold);
    details.addEventListener('focus', hold);
    var form = h('form', { class: 'contact', id: 'contact', onsubmit: function (e) {
      e.preventDefault();
      if (!details.value.trim()) { details.focus(); return; }
      fetch(cfg.contact, { method: 'POST', credentials: 'same-origin', headers: headers(),
        body: JSON.stringify({ lang: state.lang, name: name.value, contact: details.value }) }).then(function (res) {
        if (!res.ok) throw new Error('status ' + res.status);
        form.textContent = '';
        form.appendChild(h('p', { class: 'lead', id: 'contact-thanks', text: t('kiosk.contact_thanks') }));
        if (!cfg.web) thanksTimer = setTimeout(reset, cfg.thanks);
      }).catch(function () { status.textContent = t('kiosk.send_failed'); });
    } }, [
      h('h2', { text: t('kiosk.contact_title') }),
      h('p', { text: t('kiosk.contact_body') }),
      name, details,
      h('button', { class: 'secondary', type: 'submit', id: 'contact-send', text: t('kiosk.contact_send') }),
      status
    ]);
    return form;
  }

  // ---- sending ----------------------------------------------------------

  function uuid() {
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
  }

  function send(msg) {
    if (Object.keys(state.answers).length === 0) {
      msg.textContent = t('kiosk.need_answer');
      return;
    }
    if (cfg.preview) {
      state.sent = true;
      render();
      return;
    }
    var submission = { id: uuid(), survey: state.survey, lang: state.lang, answers: state.answers };
    if (state.survey === data.cardSurvey && state.card) submission.card = state.card;
    outbox.put({ id: submission.id, body: JSON.stringify(submission) }).then(function () {
      state.sent = true;
      render();
      if (!cfg.web) thanksTimer = setTimeout(reset, cfg.thanks);
      flush();
    }, function (err) {
      // No IndexedDB (e.g. a private window): send straight away instead.
      console.error('palaute: could not queue the answer', err);
      deliver({ id: submission.id, body: JSON.stringify(submission) }).then(function () {
        state.sent = true;
        render();
        if (!cfg.web) thanksTimer = setTimeout(reset, cfg.thanks);
      }, function () { msg.textContent = t('kiosk.send_failed'); });
    });
  }

  // records is one IndexedDB object store of records keyed by their
  // field key.
  function records(dbName, storeName, key) {
    var dbp = null;
    function open() {
      if (!dbp) {
        dbp = new Promise(function (resolve, reject) {
          var req = indexedDB.open(dbName, 1);
          req.onupgradeneeded = function () { req.result.createObjectStore(storeName, { keyPath: key }); };
          req.onsuccess = function () { resolve(req.result); };
          req.onerror = function () { reject(req.error); };
        });
      }
      return dbp;
    }
    function run(mode, fn) {
      return open().then(function (db) {
        return new Promise(function (resolve, reject) {
          var tx = db.transaction(storeName, mode);
          var result = fn(tx.objectStore(storeName));
          tx.oncomplete = function () { resolve(result && result.result); };
          tx.onerror = function () { reject(tx.error); };
        });
      });
    }
    return {
      put: function (item) { return run('readwrite', function (s) { s.put(item); }); },
      get: function (id) { return run('readonly', function (s) { return s.get(id); }); },
      remove: function (id) { return run('readwrite', function (s) { s.delete(id); }); },
      all: function () { return run('readonly', function (s) { return s.getAll(); }); },
      count: function () { return run('readonly', function (s) { return s.count(); }); },
      clear: function () { return run('readwrite', function (s) { s.clear(); }); }
    };
  }

  // outbox keeps answers in IndexedDB until the server has them.
  var outbox = records('palaute', 'outbox', 'id');

  // memo keeps the tablet's own state across resets: lastSent (the
  // minute answers last reached the server), failing (whether the last
  // answer sent failed to reach it) and error (the last error, until a
  // heartbeat has reported it). Never answers.
  var memo = (function () {
    var db = records('palaute-state', 'state', 'key');
    var mem = {};
    return {
      get: function (key) {
        return db.get(key).then(function (r) { return r ? r.value : mem[key]; }, function () { return mem[key]; });
      },
      set: function (key, value) {
        mem[key] = value;
        return db.put({ key: key, value: value }).catch(function () {});
      },
      clear: function () { mem = {}; return db.clear().catch(function () {}); }
    };
  })();

  var sending = false;
  var retryDelay = 1000;
  var retryTimer = null;

  function flush() {
    if (cfg.preview) return;
    if (sending) return;
    sending = true;
    clearTimeout(retryTimer);
    outbox.all().then(function (items) {
      showQueue(items.length);
      return items.reduce(function (p, item) {
        return p.then(function () { return deliver(item); });
      }, Promise.resolve());
    }).then(function () {
      retryDelay = 1000;
    }, function () {
      retryTimer = setTimeout(flush, retryDelay);
      retryDelay = Math.min(retryDelay * 2, cfg.retryMax);
    }).then(function () {
      sending = false;
      return outbox.count();
    }).then(function (n) {
      showQueue(n);
      // The server was last told of a backlog that is gone now: say so
      // at once rather than at the next heartbeat.
      if (n === 0 && reported > 0) heartbeat();
    }).catch(function (err) {
      sending = false;
      console.warn('palaute: the outbox cannot be read', err);
    });
  }

  // deliver sends one queued answer. It leaves the outbox after 201 or
  // 200 (stored), and after 409 or 422, which no resend can change.
  function deliver(item) {
    return fetch(cfg.submit, {
      method: 'POST', credentials: 'same-origin', cache: 'no-store', headers: headers(), body: item.body
    }).then(function (res) {
      // Whether answers get through outlives a reset, for the heartbeat.
      memo.set('failing', res.status >= 500);
      if (res.status === 201 || res.status === 200) {
        memo.set('lastSent', minuteNow());
        return outbox.remove(item.id).catch(function () {});
      }
      if (res.status === 409 || res.status === 422) {
        console.warn('palaute: the server refused queued answer ' + item.id + ' with ' + res.status + '; dropping it');
        return outbox.remove(item.id).catch(function () {});
      }
      if (res.status === 401) showRevoked();
      throw new Error('status ' + res.status);
    }, function (err) {
      memo.set('failing', true);
      throw err;
    });
  }

  // minuteNow is the time to the minute, which is all the server keeps.
  function minuteNow() {
    var d = new Date();
    d.setSeconds(0, 0);
    return d.toISOString().replace('.000Z', 'Z');
  }

  function headers() {
    var hs = { 'Content-Type': 'application/json' };
    if (cfg.token) hs.Authorization = 'Bearer ' + cfg.token;
    return hs;
  }

  var queued = 0;
  function showQueue(n) {
    queued = n;
    queueBadge.hidden = n === 0;
    queueBadge.textContent = n === 0 ? '' : t('kiosk.queued', { n: n });
  }

  function showRevoked() {
    var note = document.getElementById('revoked');
    note.textContent = t('kiosk.revoked');
    note.hidden = false;
  }

  // ---- idle and reset ---------------------------------------------------

  var lastTouch = Date.now();
  var overlay = null;

  ['pointerdown', 'keydown', 'input', 'touchstart'].forEach(function (ev) {
    document.addEventListener(ev, function () { lastTouch = Date.now(); }, { passive: true, capture: true });
  });

  setInterval(function () {
    if (recovering) return;
    if (pending && idleMoment()) act();
    var busy = !cfg.web && state.survey !== null && (!state.sent || state.contact);
    if (!busy || overlay) return;
    if (Date.now() - lastTouch >= cfg.idle) askStillThere();
  }, 500);

  // idleMoment: the start screen, untouched for the idle time; nobody is
  // answering, so the tablet may reload or unpair.
  function idleMoment() {
    return !cfg.web && state.survey === null && !state.sent && !overlay && Date.now() - lastTouch >= cfg.idle;
  }

  function askStillThere() {
    var left = cfg.countdown;
    var text = h('p', { id: 'idle-left', text: t('kiosk.idle_body', { n: left }) });
    overlay = h('div', { class: 'overlay', role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'idle-title', 'aria-describedby': 'idle-left' }, [
      h('div', { class: 'dialog' }, [
        h('h2', { id: 'idle-title', text: t('kiosk.idle_title') }), text,
        h('button', { class: 'primary', type: 'button', id: 'continue', onclick: keepGoing, text: t('kiosk.continue') })
      ])
    ]);
    document.body.appendChild(overlay);
    overlay.querySelector('button').focus();
    var timer = setInterval(function () {
      left -= 1;
      if (!overlay) { clearInterval(timer); return; }
      text.textContent = t('kiosk.idle_body', { n: Math.max(left, 0) });
      if (left <= 0) { clearInterval(timer); reset(); }
    }, 1000);
    function keepGoing() {
      clearInterval(timer);
      overlay.remove();
      overlay = null;
      lastTouch = Date.now();
    }
  }

  // reset wipes everything: memory by reloading, the DOM with it, and the
  // history entry by replacing it; the page never stores answers anywhere
  // but the outbox.
  function reset() {
    var lang = state.lang;
    state = freshState();
    app.textContent = '';
    try { sessionStorage.clear(); localStorage.clear(); } catch (e) { /* storage may be disabled */ }
    location.replace(cfg.web ? cfg.home + '?lang=' + lang : cfg.home);
  }

  // ---- heartbeat and commands --------------------------------------------

  // pending is what the server asked for, to be done at the next idle
  // moment: 'reload' (fetch the app again) or 'unpair'.
  var pending = null;
  var acting = false;
  var beating = null;
  // reported is the outbox depth the server last heard of.
  var reported = 0;

  // heartbeat tells the server how the tablet stands: its app version,
  // answers waiting, when answers last got through, whether they get
  // through now, and its last error. It never carries answers.
  function heartbeat() {
    if (cfg.web || !cfg.heartbeat) return Promise.resolve();
    if (beating) return beating;
    beating = Promise.all([outbox.count().catch(function () { return 0; }), memo.get('lastSent'), memo.get('error'), memo.get('failing')]).then(function (v) {
      // online: the last answer sent got through, as far as it knows.
      var report = { version: cfg.version, outbox: v[0], online: navigator.onLine && !v[3] };
      if (v[1]) report.last_sent = v[1];
      if (v[2]) report.error = v[2];
      return fetch(cfg.heartbeat, {
        method: 'POST', credentials: 'same-origin', cache: 'no-store', headers: headers(), body: JSON.stringify(report)
      }).then(function (res) {
        if (res.status === 401) showRevoked();
        if (!res.ok) throw new Error('status ' + res.status);
        reported = report.outbox;
        return res.json();
      }).then(function (answer) {
        obey(answer);
        // The error is reported; forget it unless another came since.
        if (report.error) {
          return memo.get('error').then(function (e) { if (e === report.error) return memo.set('error', ''); });
        }
      });
    }).catch(function () { /* offline: the next heartbeat tries again */ }).then(function () { beating = null; });
    return beating;
  }

  // obey takes the server's answer: a command, or a newer app version.
  function obey(answer) {
    if (answer.command === 'unpair') pending = 'unpair';
    else if (pending !== 'unpair' && (answer.command === 'reload' || (answer.version && answer.version !== cfg.version))) pending = 'reload';
  }

  // act carries out what the server asked for, at an idle moment.
  function act() {
    if (acting) return;
    acting = true;
    if (pending === 'reload') {
      update();
      return;
    }
    // Unpair only with an empty outbox, which sends itself: no answer is
    // left behind.
    outbox.count().then(function (n) {
      if (n > 0) throw new Error('answers are waiting');
      return fetch(cfg.unpair, { method: 'POST', credentials: 'same-origin', cache: 'no-store', headers: headers(), body: '{}' });
    }).then(function (res) {
      if (res.status === 409) pending = null;
      if (res.status !== 204 && res.status !== 401) throw new Error('status ' + res.status);
      return forget().then(function () { location.replace(cfg.home); });
    }).catch(function () { acting = false; });
  }

  // update fetches the app again: the service worker first, so it keeps
  // the new version for offline use, then the page. The outbox is in
  // IndexedDB, which neither touches.
  function update() {
    var sw = navigator.serviceWorker;
    var checked = sw && sw.getRegistration ? sw.getRegistration(cfg.home).then(function (reg) {
      return reg && reg.update();
    }).catch(function () {}) : Promise.resolve();
    var waited = new Promise(function (resolve) { setTimeout(resolve, 5000); });
    Promise.race([checked, waited]).then(function () { location.replace(cfg.home); });
  }

  // forget removes what pairing left on the tablet: the offline copy, the
  // service worker and the tablet's state. The outbox is empty by now.
  function forget() {
    var jobs = [memo.clear()];
    if (window.caches) {
      jobs.push(caches.keys().then(function (keys) {
        return Promise.all(keys.filter(function (k) { return k.indexOf('palaute-kiosk-') === 0; }).map(function (k) { return caches.delete(k); }));
      }));
    }
    if (navigator.serviceWorker && navigator.serviceWorker.getRegistrations) {
      jobs.push(navigator.serviceWorker.getRegistrations().then(function (regs) {
        return Promise.all(regs.map(function (r) { return r.unregister(); }));
      }));
    }
    return Promise.all(jobs.map(function (p) { return p.catch(function () {}); }));
  }

  // ---- recovery ---------------------------------------------------------

  // recover shows the restarting screen in the client's language instead
  // of whatever failed, notes the error for the next heartbeat and
  // returns to the start. The client's unsent answers go; the outbox
  // stays.
  function recover(err, where) {
    if (recovering) return;
    recovering = true;
    var message = errorText(err, where);
    var lang = state.lang;
    state = freshState();
    clearTimeout(thanksTimer);
    try {
      if (overlay) overlay.remove();
      app.textContent = '';
      app.hidden = true;
      var screen = document.getElementById('restarting');
      Array.prototype.forEach.call(screen.children, function (el) { el.hidden = el.lang !== lang; });
      screen.hidden = false;
      document.documentElement.lang = lang;
    } catch (e) { /* the reload below still comes */ }
    console.error('palaute: starting again after an error: ' + message);
    setTimeout(reset, restartMs);
    if (!cfg.web) memo.set('error', message).then(heartbeat);
  }

  // noteError keeps an error for the next heartbeat without interrupting
  // the client: one in the background, where the screen is still whole.
  function noteError(err) {
    if (cfg.web) return;
    var message = errorText(err);
    console.warn('palaute: ' + message);
    memo.set('error', message);
  }

  // errorText writes an error as one line of at most 200 characters, with
  // anything the client has typed or chosen taken out.
  function errorText(err, where) {
    var text;
    try {
      text = err && err.message ? (err.name ? err.name + ': ' : '') + err.message : String(err);
    } catch (e) {
      text = 'unknown error';
    }
    text = text.split('\n')[0] + (where ? ' (' + where + ')' : '');
    var typed = [];
    Object.keys(state.answers).forEach(function (k) { typed.push(String(state.answers[k])); });
    Array.prototype.forEach.call(document.querySelectorAll('textarea, input'), function (el) { typed.push(el.value); });
    typed.forEach(function (v) {
      v = v.trim();
      if (v.length >= 2) text = text.split(v).join('…');
    });
    return text.slice(0, 200);
  }

  window.addEventListener('error', function (e) {
    var file = (e.filename || '').split('/').pop();
    recover(e.error || e.message, file ? file + ':' + e.lineno : '');
  });
  window.addEventListener('unhandledrejection', function (e) { noteError(e.reason); });

  // ---- device -----------------------------------------------------------

  document.addEventListener('contextmenu', function (e) {
    if (e.target.tagName !== 'TEXTAREA') e.preventDefault();
  });

  var wakeLock = null;
  function keepAwake() {
    if (!('wakeLock' in navigator) || wakeLock) return;
    navigator.wakeLock.request('screen').then(function (lock) {
      wakeLock = lock;
      lock.addEventListener('release', function () { wakeLock = null; });
    }, function () { /* not allowed now; try again on the next touch */ });
  }
  document.addEventListener('pointerdown', keepAwake, { passive: true });
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'visible') keepAwake(); });

  if ('serviceWorker' in navigator && !cfg.web && !cfg.preview) {
    navigator.serviceWorker.register(cfg.worker, { scope: cfg.home }).catch(function (err) {
      console.warn('palaute: no offline support', err);
    });
  }
  // Back online: say how things stood first, then send what waited.
  window.addEventListener('online', function () { heartbeat().then(flush); });

  try {
    data = JSON.parse(document.getElementById('kiosk-data').textContent);
    data.cards = data.cards || [];
  } catch (err) {
    recover(err, 'kiosk-data');
  }
  render();
  flush();
  if (!cfg.web && cfg.heartbeatMs > 0) {
    heartbeat();
    setInterval(heartbeat, cfg.heartbeatMs);
  }
})();
