/* dossier search: works from file:// and any web path, without a server.
 *
 * The index is a script (assets/search-index.js) that sets window.DOSSIER_SEARCH_INDEX; it is
 * loaded with a <script> tag the first time the search box is used, because pages opened from
 * disk may not fetch() files. Words are normalised exactly as the Rust indexer does (src/search.rs):
 * lowercase, accents dropped, ß → ss, split at anything that is not a letter or digit.
 */
(function () {
  'use strict';

  var form = document.querySelector('form.search');
  if (!form) return;
  var root = form.getAttribute('data-root') || '';
  var input = form.querySelector('input[name="q"]');
  var list = form.querySelector('[role="listbox"]');
  var MAX_SUGGESTIONS = 8;
  var waiting = [];
  var loading = false;
  var active = -1;
  var current = [];

  function words(text) {
    return text
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/ß/g, 'ss')
      .split(/[^\p{Alphabetic}\p{N}]+/u)
      .filter(Boolean);
  }

  function withIndex(callback) {
    if (window.DOSSIER_SEARCH_INDEX) {
      callback(window.DOSSIER_SEARCH_INDEX);
      return;
    }
    waiting.push(callback);
    if (loading) return;
    loading = true;
    var script = document.createElement('script');
    script.src = root + 'assets/search-index.js';
    script.onload = function () {
      var callbacks = waiting;
      waiting = [];
      callbacks.forEach(function (f) { f(window.DOSSIER_SEARCH_INDEX); });
    };
    script.onerror = function () {
      loading = false;
      showMessage('Der Suchindex konnte nicht geladen werden.');
    };
    document.head.appendChild(script);
  }

  // First position in the sorted term list whose term is >= word.
  function lowerBound(terms, word) {
    var lo = 0;
    var hi = terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (terms[mid][0] < word) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  // Documents holding every query word (as a word or, from two letters on, as a word's start),
  // best first. An exact word counts double a prefix match.
  function search(index, query) {
    var queryWords = words(query);
    if (!queryWords.length) return [];
    var scores = null;
    queryWords.forEach(function (word) {
      var found = new Map();
      var prefix = word.length >= 2;
      for (var i = lowerBound(index.terms, word); i < index.terms.length; i++) {
        var term = index.terms[i][0];
        var exact = term === word;
        if (!exact && !(prefix && term.lastIndexOf(word, 0) === 0)) break;
        var postings = index.terms[i][1];
        for (var j = 0; j < postings.length; j += 2) {
          var doc = postings[j];
          found.set(doc, (found.get(doc) || 0) + postings[j + 1] * (exact ? 2 : 1));
        }
      }
      if (scores === null) {
        scores = found;
      } else {
        var both = new Map();
        scores.forEach(function (score, doc) {
          if (found.has(doc)) both.set(doc, score + found.get(doc));
        });
        scores = both;
      }
    });
    var results = [];
    scores.forEach(function (score, doc) { results.push({ doc: index.docs[doc], score: score }); });
    results.sort(function (a, b) {
      return b.score - a.score || (a.doc.title < b.doc.title ? -1 : a.doc.title > b.doc.title ? 1 : 0);
    });
    return results;
  }

  var KIND = { article: 'Artikel', entity: 'Register', topic: 'Thema' };

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function showMessage(text) {
    list.textContent = '';
    var li = element('li', 's-empty', text);
    li.setAttribute('role', 'option');
    li.setAttribute('aria-disabled', 'true');
    list.appendChild(li);
    open(true);
  }

  function open(yes) {
    list.hidden = !yes;
    input.setAttribute('aria-expanded', yes ? 'true' : 'false');
    if (!yes) {
      active = -1;
      input.removeAttribute('aria-activedescendant');
    }
  }

  function select(position) {
    var options = list.querySelectorAll('[data-url]');
    if (!options.length) return;
    active = (position + options.length) % options.length;
    options.forEach(function (option, i) {
      option.setAttribute('aria-selected', i === active ? 'true' : 'false');
    });
    input.setAttribute('aria-activedescendant', options[active].id);
    options[active].scrollIntoView({ block: 'nearest' });
  }

  function go(url) {
    window.location.href = root + url;
  }

  function suggest() {
    var query = input.value;
    if (!words(query).length) {
      open(false);
      return;
    }
    withIndex(function (index) {
      if (input.value !== query) return;
      current = search(index, query).slice(0, MAX_SUGGESTIONS);
      list.textContent = '';
      active = -1;
      if (!current.length) {
        showMessage('Keine Treffer für „' + query + '“');
        return;
      }
      current.forEach(function (result, i) {
        var li = element('li');
        li.id = 'search-option-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.setAttribute('data-url', result.doc.url);
        li.appendChild(element('span', 's-title', result.doc.title));
        li.appendChild(element('span', 's-meta', KIND[result.doc.kind] + ' · ' + result.doc.meta));
        li.addEventListener('mousedown', function (event) {
          event.preventDefault();
          go(result.doc.url);
        });
        list.appendChild(li);
      });
      open(true);
    });
  }

  input.addEventListener('input', suggest);
  input.addEventListener('focus', function () { withIndex(function () {}); });
  input.addEventListener('blur', function () { open(false); });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (list.hidden) suggest();
      select(active + (event.key === 'ArrowDown' ? 1 : -1));
      event.preventDefault();
    } else if (event.key === 'Enter' && active >= 0 && current[active]) {
      event.preventDefault();
      go(current[active].doc.url);
    } else if (event.key === 'Escape') {
      open(false);
    }
  });

  // "/" focuses the search box, as on most sites with search, unless the reader is typing.
  document.addEventListener('keydown', function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
    }
  });

  // The results page: search.html?q=... can be bookmarked and shared, also as a file:// URL.
  var page = document.getElementById('search-page');
  if (page) {
    var status = document.getElementById('search-status');
    var results = document.getElementById('search-page-results');
    var query = new URLSearchParams(window.location.search).get('q') || '';
    input.value = query;
    if (words(query).length) {
      status.textContent = 'Suche läuft …';
      withIndex(function (index) {
        var found = search(index, query);
        status.textContent = found.length === 1
          ? '1 Treffer für „' + query + '“'
          : found.length + ' Treffer für „' + query + '“';
        found.forEach(function (result) {
          var li = element('li');
          li.appendChild(element('p', 'item-meta', KIND[result.doc.kind] + ' · ' + result.doc.meta));
          var h = element('h2', 'item-title');
          var a = element('a', null, result.doc.title);
          a.href = root + result.doc.url;
          h.appendChild(a);
          li.appendChild(h);
          if (result.doc.summary) li.appendChild(element('p', 'item-summary', result.doc.summary));
          results.appendChild(li);
        });
      });
    }
  }
})();
