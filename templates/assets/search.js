/* dossier search: works from file:// and under any web path, with no server and no framework.
 *
 * The index (src/search/mod.rs) is cut into script files that call DOSSIER_SEARCH.add(); they
 * are loaded with <script> tags when a query needs them, because pages opened from disk may not
 * fetch() files. search/meta.js lists the shards; a query loads the term shard of each word
 * (and for a phrase the position shard beside it, and where a word is too common to have
 * positions, the shards of its word pairs), then per result shown its head (title, date,
 * outlet; four to a file) and, on the results page, its text for the snippet. Indexed text is
 * only ever set as text, never as HTML.
 *
 * Words are normalised exactly as src/search/normalize.rs does; the browser test compares both.
 */
(function () {
  'use strict';

  var form = document.querySelector('form.search');
  if (!form) return;
  var root = form.getAttribute('data-root') || '';
  var input = form.querySelector('input[name="q"]');
  var list = form.querySelector('[role="listbox"]');
  var SUGGESTIONS = 8;
  var PAGE_SIZE = 10;
  // A phrase that positions and pairs cannot settle (a pair of two very common words) is checked
  // on the results' texts: at most this many per page of results, so that it cannot make a
  // query load the whole index.
  var PHRASE_BUDGET = 40;
  // Word pairs looked up for two adjacent phrase words; more (a short prefix) wait for letters.
  var PAIR_NAMES = 64;
  // A prefix whose terms fill more shards than this waits for another letter.
  var PREFIX_SHARDS = 2;
  var PREFIX_WEIGHT = 0.7;
  var TYPO_WEIGHT = 0.5;

  // The interface strings of the site's language come from assets/strings.js, a script loaded
  // before this one (a page opened from disk may not fetch data); without it, keys show.
  var tr = window.dossierTr || function (key) { return key; };

  var KIND = {
    article: tr('js_kind_article'), person: tr('js_kind_person'),
    organisation: tr('js_kind_organisation'), place: tr('js_kind_place'),
    event: tr('js_kind_event'), other: tr('js_kind_miscellaneous'), topic: tr('js_kind_topic')
  };
  input.placeholder = tr('js_search_placeholder');

  /* ---- Normalisation: the same steps as src/search/normalize.rs ---- */

  var FOLD = { 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'ħ': 'h', 'ı': 'i', 'æ': 'ae', 'œ': 'oe', 'þ': 'th' };
  var VOWEL = 'aeiouyäöü';

  // Snowball German, an exact port of rust-stemmers 1.2.0 (checked on 523,675 words). Every
  // cut is at the word's end, so the R1/R2 offsets stay valid throughout.
  function stemGerman(word) {
    // ß is expanded before the regions are marked, so it counts as two letters everywhere.
    // u/y between vowels act as consonants; upper-casing takes them out of the vowel class
    // until the final toLowerCase (the Rust code does the same with 'U'/'Y').
    var s = word.replace(/ß/g, 'ss').replace(/([aeiouyäöü])([uy])(?=[aeiouyäöü])/g,
      function (_, v, c) { return v + c.toUpperCase(); });

    // R1/R2 begin after the first non-vowel that follows a vowel; R2 searches on from where R1
    // was found, before R1 is pushed to the 4th letter at least.
    var re = /[aeiouyäöü][^aeiouyäöü]/g;
    var p1 = re.exec(s) ? re.lastIndex : s.length;
    var p2 = re.exec(s) ? re.lastIndex : s.length;
    p1 = Math.max(p1, 3);

    // Removes the suffix matched by r if it starts inside the region beginning at p.
    function drop(r, p) {
      var m = r.exec(s);
      if (m && m.index >= p) s = s.slice(0, m.index);
    }

    // Each step takes only the longest listed suffix; if that one fails its condition,
    // shorter ones are not tried (Snowball `among` semantics), hence match first, test after.
    var m = /(?:e(?:rn?|[mns])?|s)$/.exec(s);
    if (m && m.index >= p1 && (m[0] != 's' || /[bdfghklmnrt]s$/.test(s))) {
      s = s.slice(0, m.index);
      if (/^e[ns]?$/.test(m[0]) && /niss$/.test(s)) s = s.slice(0, -1);
    }

    m = /(?:e[nr]|e?st)$/.exec(s);
    // 'st' needs a valid st-ending before it, itself preceded by at least 3 letters.
    if (m && m.index >= p1 && (m[0] != 'st' || /.{3}[bdfghklmnt]st$/.test(s))) {
      s = s.slice(0, m.index);
    }

    m = /(?:end|ung|ig|ik|isch|lich|heit|keit)$/.exec(s);
    var t = m && m.index >= p2 && m[0];
    if (t && !(t.charAt(0) == 'i' && s.charAt(m.index - 1) == 'e')) {
      s = s.slice(0, m.index);
      if (t == 'end' || t == 'ung') {
        if (!/eig$/.test(s)) drop(/ig$/, p2);
      } else if (t == 'keit') {
        drop(/(?:ig|lich)$/, p2);
      } else if (t == 'lich' || t == 'heit') {
        drop(/e[rn]$/, p1);
      }
    }

    return s.toLowerCase().replace(/[äöü]/g, function (c) { return 'aou'.charAt('äöü'.indexOf(c)); });
  }

  // ae, oe, ue as ä, ö, ü, but not a u after q or after a vowel (Quelle, neue).
  function umlauts(word) {
    var out = '';
    for (var i = 0; i < word.length; i++) {
      var c = word[i];
      var before = i > 0 ? word[i - 1] : '';
      var keptU = c === 'u' && before !== '' && (before === 'q' || VOWEL.indexOf(before) >= 0);
      var u = c === 'a' ? 'ä' : c === 'o' ? 'ö' : c === 'u' && !keptU ? 'ü' : '';
      if (u && word[i + 1] === 'e') {
        out += u;
        i++;
      } else {
        out += c;
      }
    }
    return out;
  }

  var normalCache = new Map();
  function normalizeWord(word) {
    var cached = normalCache.get(word);
    if (cached !== undefined) return cached;
    var lower = word.toLowerCase().normalize('NFC').replace(/ß/g, 'ss');
    var stemmed = /^[a-zäöü]*$/.test(lower) ? stemGerman(umlauts(lower)) : lower;
    var normal = stemmed.normalize('NFD').replace(/\p{M}/gu, '').replace(/[øłđðħıæœþ]/g, function (c) {
      return FOLD[c];
    });
    normalCache.set(word, normal);
    return normal;
  }

  // Words with their parts and where they stand: runs of letters, digits and marks, joined into
  // one word by a hyphen between two of them (NATO-Gipfel).
  function words(text) {
    var out = [];
    var re = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
    var m;
    var last = null;
    while ((m = re.exec(text))) {
      if (last && m.index === last.end + 1 && /[-\u2010\u2011]/.test(text[last.end])) {
        last.parts.push(m[0]);
        last.end = m.index + m[0].length;
      } else {
        last = { parts: [m[0]], start: m.index, end: m.index + m[0].length };
        out.push(last);
      }
    }
    return out;
  }

  // The word as one term: a compound as its closed whole.
  function wordTerm(word) {
    return normalizeWord(word.parts.join(''));
  }

  // The terms of a text as the index stores them: every part, and every compound whole.
  function terms(text) {
    var out = [];
    words(text).forEach(function (word) {
      word.parts.forEach(function (part) { out.push(normalizeWord(part)); });
      if (word.parts.length > 1) out.push(wordTerm(word));
    });
    return out;
  }

  /* ---- Loading index scripts ---- */

  var store = { meta: {}, t: {}, p: {}, pairs: {}, q: {}, v: {}, h: {}, f: {}, entities: {} };
  var waiting = {};

  window.DOSSIER_SEARCH = {
    add: function (kind, key, data) {
      store[kind][key] = /^[tpq]$/.test(kind) ? parseShard(data) : kind === 'v' ? data.split(',') : data;
      (waiting[kind + key] || []).forEach(function (w) { w.resolve(); });
      delete waiting[kind + key];
    },
    terms: terms
  };

  function load(kind, key) {
    key = key || 0;
    if (store[kind][key] !== undefined) return Promise.resolve(store[kind][key]);
    var id = kind + key;
    return new Promise(function (resolve, reject) {
      if (!waiting[id]) {
        waiting[id] = [];
        var script = document.createElement('script');
        script.src = root + 'search/' + (kind.length > 1 ? kind : kind + '/' + key) + '.js';
        script.onerror = function () {
          (waiting[id] || []).forEach(function (w) { w.reject(new Error(script.src)); });
          delete waiting[id];
          script.remove();
        };
        document.head.appendChild(script);
      }
      waiting[id].push({ resolve: resolve, reject: reject });
    }).then(function () { return store[kind][key]; });
  }

  // A document's head: search/h/N.js holds those of meta.heads documents from N * meta.heads.
  function head(doc) {
    return load('meta').then(function (meta) {
      return load('h', Math.floor(doc / meta.heads)).then(function (heads) {
        return heads[doc % meta.heads];
      });
    });
  }

  function parseShard(data) {
    if (!data) return [];
    return data.split(',').map(function (entry) {
      var space = entry.indexOf(' ');
      return [entry.slice(0, space), entry.slice(space + 1)];
    });
  }

  var DIGITS = '0123456789abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ_~!*()';

  // The numbers of a code: five bits per digit, the upper half of the digits continuing.
  function numbers(code) {
    var out = [];
    var n = 0;
    for (var i = 0; i < code.length; i++) {
      var digit = DIGITS.indexOf(code[i]);
      n = n * 32 + (digit & 31);
      if (digit < 32) {
        out.push(n);
        n = 0;
      }
    }
    return out;
  }

  // Postings as {doc: score}; a filter term's postings carry documents only (score 0).
  function decode(term, code) {
    var filter = term[0] === '@';
    var postings = new Map();
    var doc = 0;
    var n = numbers(code);
    for (var i = 0; i < n.length; i += filter ? 1 : 2) {
      doc += n[i];
      postings.set(doc, filter ? 0 : n[i + 1]);
    }
    return postings;
  }

  // Adds a term's positions to {doc: [positions]}: per document its gap from the previous one,
  // the count, then the first position and the gaps between the others.
  function decodePositions(code, into) {
    var doc = 0;
    var n = numbers(code);
    for (var i = 0; i < n.length;) {
      doc += n[i];
      var count = n[i + 1];
      var list = into.get(doc) || [];
      into.set(doc, list);
      var at = 0;
      for (var k = 0; k < count; k++) {
        at += n[i + 2 + k];
        list.push(at);
      }
      i += 2 + count;
    }
  }

  // Index of the last shard whose first term is <= term (-1 for an empty index).
  function shardOf(firsts, term) {
    if (!firsts.length) return -1;
    var lo = 0;
    var hi = firsts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // Shards [from, to] of a kind, loaded.
  function loadRange(kind, from, to) {
    var loads = [];
    for (var i = Math.max(from, 0); i <= to; i++) loads.push(load(kind, i));
    return Promise.all(loads);
  }

  /* ---- Queries ---- */

  var QUOTES = /["„“”«»]/;

  // A query: its words (a phrase's words one per part), the phrases as lists of word numbers,
  // and whether the last word may still be growing.
  function parseQuery(text, asYouType) {
    var query = { words: [], phrases: [] };
    text.split(QUOTES).forEach(function (segment, i) {
      var found = words(segment);
      if (i % 2 === 1) {
        var phrase = [];
        found.forEach(function (w) {
          w.parts.forEach(function (p) {
            phrase.push(query.words.length);
            query.words.push({ term: normalizeWord(p), raw: p });
          });
        });
        if (phrase.length > 1) {
          query.phrases.push(phrase);
          phrase.forEach(function (k) { query.words[k].inPhrase = true; });
        }
      } else {
        found.forEach(function (w) {
          query.words.push({ term: wordTerm(w), raw: w.parts.join('') });
        });
      }
    });
    var last = query.words[query.words.length - 1];
    if (last && asYouType && !/\s$/.test(text) && last.term.length >= 3) {
      last.prefix = true;
    }
    return query;
  }

  // The documents of one word: {doc: score}, and the index terms that matched (for marking).
  function matchWord(meta, word) {
    var term = word.term;
    var firstShard = shardOf(meta.terms, term);
    var lastShard = word.prefix ? shardOf(meta.terms, term + '\uffff') : firstShard;
    if (lastShard - firstShard >= PREFIX_SHARDS) lastShard = firstShard;
    // A phrase's word needs its positions too: loaded alongside, not after.
    if (word.inPhrase) loadRange('p', firstShard, lastShard).catch(function () {});
    return loadRange('t', firstShard, lastShard).then(function (shards) {
      var found = { docs: new Map(), terms: new Set() };
      shards.forEach(function (shard) {
        shard.forEach(function (entry) {
          var exact = entry[0] === term;
          if (exact || (word.prefix && entry[0].lastIndexOf(term, 0) === 0)) {
            addPostings(found, entry, exact ? 1 : PREFIX_WEIGHT);
          }
        });
      });
      if (found.docs.size || word.filter || word.raw.length < meta.typo) return found;
      return typos(meta, term, word.raw).then(function (entries) {
        entries.forEach(function (entry) { addPostings(found, entry, TYPO_WEIGHT); });
        found.corrected = entries.length > 0;
        return found;
      });
    });
  }

  function addPostings(found, entry, weight) {
    found.terms.add(entry[0]);
    decode(entry[0], entry[1]).forEach(function (score, doc) {
      var s = score * weight;
      if (!(found.docs.get(doc) >= s)) found.docs.set(doc, s);
    });
  }

  // Terms of words one edit away (insertion, deletion, substitution, transposition): the stems
  // of the typed word's neighbours, and the neighbours of its stem (a typo can change which
  // suffix the stemmer cuts). In the first two letters only a swap or an extra second letter is
  // corrected: other edits there would need most of the vocabulary.
  function typos(meta, term, raw) {
    var ranges = [term.slice(0, 2), term[0] + term.slice(2, 3)];
    var wanted = new Set();
    neighbours(raw.toLowerCase()).forEach(function (w) { wanted.add(normalizeWord(w)); });
    var loads = ranges.map(function (prefix) {
      var from = shardOf(meta.vocabulary, prefix);
      return loadRange('v', from, shardOf(meta.vocabulary, prefix + '\uffff'));
    });
    return Promise.all(loads).then(function (groups) {
      var near = new Set();
      groups.forEach(function (shards) {
        shards.forEach(function (shard) {
          shard.forEach(function (t) { if (wanted.has(t) || oneEdit(term, t)) near.add(t); });
        });
      });
      return Promise.all(Array.from(near).map(function (t) {
        return loadRange('t', shardOf(meta.terms, t), shardOf(meta.terms, t)).then(function (shards) {
          var shard = shards[0] || [];
          return shard.filter(function (entry) { return entry[0] === t; })[0];
        });
      }));
    }).then(function (entries) { return entries.filter(Boolean); });
  }

  var LETTERS = 'abcdefghijklmnopqrstuvwxyzäöüß';

  // Words one edit from `word` from its third letter on, and with its second letter dropped or
  // swapped with the third.
  function neighbours(word) {
    var out = [word[0] + word.slice(2), word[0] + word[2] + word[1] + word.slice(3)];
    for (var i = 2; i <= word.length; i++) {
      var head = word.slice(0, i);
      if (i < word.length) out.push(head + word.slice(i + 1));
      if (i < word.length - 1) out.push(head + word[i + 1] + word[i] + word.slice(i + 2));
      for (var k = 0; k < LETTERS.length; k++) {
        out.push(head + LETTERS[k] + word.slice(i));
        if (i < word.length) out.push(head + LETTERS[k] + word.slice(i + 1));
      }
    }
    return out;
  }

  function oneEdit(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // Ranked documents for a query with filters: [{doc, score, check}], best first, each holding
  // every word and, by the positions, every phrase; `check` marks those whose phrase has a word
  // without positions and must be checked on the text (`unsure` counts them).
  function rank(query, filters) {
    return load('meta').then(function (meta) {
      var lookups = query.words.map(function (w) { return matchWord(meta, w); });
      var wordCount = query.words.length;
      Object.keys(filters).forEach(function (name) {
        lookups.push(matchWord(meta, { term: '@' + name[0] + ':' + filters[name], filter: true, raw: '' }));
      });
      return Promise.all(lookups).then(function (found) {
        var scores = null;
        var matched = new Set();
        found.forEach(function (f, i) {
          // Words of a phrase are marked where the phrase stands, not wherever they occur.
          if (i < wordCount && !query.words[i].inPhrase) f.terms.forEach(function (t) { matched.add(t); });
          if (scores === null) {
            scores = new Map(f.docs);
            return;
          }
          var both = new Map();
          scores.forEach(function (s, doc) {
            if (f.docs.has(doc)) both.set(doc, s + f.docs.get(doc));
          });
          scores = both;
        });
        // A phrase as the terms each of its words matched (a prefix's or a typo's too).
        var phrases = query.phrases.map(function (phrase) {
          return phrase.map(function (k) { return found[k].terms; });
        });
        return Promise.all(phrases.map(function (phrase) { return planPhrase(meta, phrase); })).then(function (plans) {
          var results = [];
          var unsure = 0;
          (scores || new Map()).forEach(function (score, doc) {
            var check = false;
            for (var k = 0; k < plans.length; k++) {
              var stands = phraseStands(plans[k], doc);
              if (stands === false) return;
              if (stands === null) check = true;
            }
            if (check) unsure++;
            results.push({ doc: doc, score: score, check: check });
          });
          // Equal scores: the newer article first (articles are numbered oldest first).
          results.sort(function (a, b) { return b.score - a.score || b.doc - a.doc; });
          return {
            results: results,
            unsure: unsure,
            matched: { terms: matched, phrases: phrases },
            corrected: found.some(function (f) { return f.corrected; })
          };
        });
      });
    });
  }

  // Where terms (or word pairs) stand, from the shards of `kind` cut at `firsts`: {at: {doc:
  // [positions]}, leftOut: names too common for the index to ship their positions ('?')}. A
  // name missing from its shard stands nowhere (a term that only occurs as a compound's whole,
  // which a phrase spells as parts; a pair that does not occur).
  function positionsIn(kind, firsts, names) {
    var shards = new Set();
    names.forEach(function (name) {
      var i = shardOf(firsts, name);
      if (i >= 0) shards.add(i);
    });
    return Promise.all(Array.from(shards).map(function (i) { return load(kind, i); })).then(function (loaded) {
      var codes = new Map();
      loaded.forEach(function (shard) { shard.forEach(function (entry) { codes.set(entry[0], entry[1]); }); });
      var found = { at: new Map(), leftOut: new Set() };
      names.forEach(function (name) {
        var code = codes.get(name);
        if (code === '?') found.leftOut.add(name); else if (code) decodePositions(code, found.at);
      });
      return found;
    });
  }

  // How to place a phrase (per word, the terms it matched): constraints {at, positions}, one
  // per word with positions and one per word pair around a word without (src/search/
  // positions.rs); `exact` when every word is covered by one, so positions settle the phrase.
  function planPhrase(meta, phrase) {
    return Promise.all(phrase.map(function (terms) {
      return positionsIn('p', meta.terms, Array.from(terms));
    })).then(function (placed) {
      var pairs = [];
      for (var i = 0; i + 1 < phrase.length; i++) {
        var left = placed[i].leftOut;
        var right = placed[i + 1].leftOut;
        if (!left.size && !right.size) continue;
        // The index holds the pairs with a left-out term only: where a word also matched terms
        // with positions (a prefix, a typo), a pair of two such terms would seem to stand
        // nowhere, so the pair cannot settle the phrase.
        var names = [];
        var indexed = true;
        phrase[i].forEach(function (a) {
          phrase[i + 1].forEach(function (b) {
            names.push(a + '+' + b);
            if (!left.has(a) && !right.has(b)) indexed = false;
          });
        });
        if (indexed && names.length <= PAIR_NAMES) pairs.push({ at: i, names: names });
      }
      return (pairs.length ? load('pairs') : Promise.resolve([])).then(function (firsts) {
        return Promise.all(pairs.map(function (pair) { return positionsIn('q', firsts, pair.names); }));
      }).then(function (pairPlaced) {
        var constraints = [];
        var covered = phrase.map(function () { return false; });
        placed.forEach(function (found, i) {
          if (found.leftOut.size) return;
          constraints.push({ at: i, positions: found.at });
          covered[i] = true;
        });
        pairPlaced.forEach(function (found, k) {
          if (found.leftOut.size) return;
          var at = pairs[k].at;
          constraints.push({ at: at, positions: found.at });
          covered[at] = covered[at + 1] = true;
        });
        return { constraints: constraints, exact: covered.every(Boolean) };
      });
    });
  }

  // Whether a phrase stands in `doc` by its plan: true or false, or null where only the text
  // can tell (what positions know fits, but a word is not covered).
  function phraseStands(plan, doc) {
    var c = plan.constraints;
    if (!c.length) return null;
    var lists = c.map(function (x) { return x.positions.get(doc) || []; });
    var rarest = 0;
    lists.forEach(function (list, i) { if (list.length < lists[rarest].length) rarest = i; });
    var fits = lists[rarest].some(function (at) {
      var start = at - c[rarest].at;
      return c.every(function (x, i) { return lists[i].indexOf(start + x.at) >= 0; });
    });
    if (!fits) return false;
    return plan.exact ? true : null;
  }

  // The heads of results[from..] (and their texts, where `withText` is set or a phrase must be
  // checked), skipping those where a phrase is missing, until `count` are found or `budget`
  // results were looked at. `next` is where to continue.
  function page(found, from, count, withText, budget) {
    var verified = [];
    var end = Math.min(found.results.length, from + (budget || Infinity));
    function step(start) {
      if (verified.length >= count || start >= end) {
        return Promise.resolve({ results: verified, next: start });
      }
      var batch = found.results.slice(start, Math.min(end, start + count - verified.length));
      return Promise.all(batch.map(function (r) {
        return Promise.all([head(r.doc), withText || r.check ? load('f', r.doc) : null]);
      })).then(function (loaded) {
        loaded.forEach(function (parts, i) {
          var head = parts[0];
          var text = parts[1];
          if (!batch[i].check || found.matched.phrases.every(function (phrase) { return hasPhrase(head, text, phrase); })) {
            verified.push({ doc: batch[i].doc, head: head, text: text });
          }
        });
        return step(start + batch.length);
      });
    }
    return step(from);
  }

  // Whether a phrase stands in a result's texts: the ones its positions count (src/search/mod.rs).
  function hasPhrase(head, text, phrase) {
    return [head.title, text.summary].concat(text.blocks.map(function (b) { return b[1]; })).some(function (t) {
      var parts = [];
      words(t).forEach(function (w) { w.parts.forEach(function (p) { parts.push(normalizeWord(p)); }); });
      return phraseStarts(parts, phrase).length > 0;
    });
  }

  // Where a phrase (per word, the terms it matched) stands in `terms`.
  function phraseStarts(terms, phrase) {
    var starts = [];
    outer: for (var i = 0; i + phrase.length <= terms.length; i++) {
      for (var j = 0; j < phrase.length; j++) if (!phrase[j].has(terms[i + j])) continue outer;
      starts.push(i);
    }
    return starts;
  }

  /* ---- Showing results ---- */

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function metaLine(f) {
    if (f.kind === 'article') return [f.date, f.outlet].filter(Boolean).join(' · ');
    return (KIND[f.kind] || KIND.other) + (f.articles ? ' · ' + tr('js_count_articles', { n: f.articles }) : '');
  }

  // The block (or the summary) with the most matched terms and phrases, and where they stand.
  function bestBlock(text, matched) {
    var best = null;
    text.blocks.concat([['', text.summary]]).forEach(function (block) {
      var spans = [];
      var distinct = new Set();
      var parts = [];
      words(block[1]).forEach(function (w) {
        var whole = wordTerm(w);
        var hit = matched.terms.has(whole) ? whole : null;
        w.parts.forEach(function (p) {
          var term = normalizeWord(p);
          if (!hit && matched.terms.has(term)) hit = term;
          parts.push({ term: term, word: w });
        });
        if (hit) {
          spans.push([w.start, w.end]);
          distinct.add(hit);
        }
      });
      var terms = parts.map(function (p) { return p.term; });
      matched.phrases.forEach(function (phrase, k) {
        phraseStarts(terms, phrase).forEach(function (i) {
          spans.push([parts[i].word.start, parts[i + phrase.length - 1].word.end]);
          distinct.add('"' + k);
        });
      });
      if (spans.length && (!best || distinct.size > best.distinct)) {
        spans.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
        var merged = [];
        spans.forEach(function (span) {
          var last = merged[merged.length - 1];
          if (last && span[0] < last[1]) last[1] = Math.max(last[1], span[1]); else merged.push(span.slice());
        });
        best = { anchor: block[0], text: block[1], spans: merged, distinct: distinct.size };
      }
    });
    return best;
  }

  // About 200 characters around the first match, matched words in <mark>, as DOM nodes.
  function snippet(text, matched) {
    var p = element('p', 'item-summary');
    var best = bestBlock(text, matched);
    if (!best) {
      p.textContent = text.summary || (text.blocks[0] || ['', ''])[1].slice(0, 220);
      return { node: p, anchor: '' };
    }
    var text = best.text;
    var start = Math.max(0, best.spans[0][0] - 60);
    if (start > 0) start = text.indexOf(' ', start) + 1 || start;
    var end = Math.min(text.length, start + 220);
    if (end < text.length) end = text.lastIndexOf(' ', end) > best.spans[0][1] ? text.lastIndexOf(' ', end) : end;
    var at = start;
    if (start > 0) p.appendChild(document.createTextNode('… '));
    // Marks are cut to the window: a phrase repeated over a paragraph is one long span.
    best.spans.forEach(function (span) {
      var from = Math.max(span[0], at);
      var to = Math.min(span[1], end);
      if (from >= to) return;
      p.appendChild(document.createTextNode(text.slice(at, from)));
      p.appendChild(element('mark', null, text.slice(from, to)));
      at = to;
    });
    p.appendChild(document.createTextNode(text.slice(at, end) + (end < text.length ? ' …' : '')));
    return { node: p, anchor: best.anchor };
  }

  function href(result, anchor) {
    return root + result.head.url + (anchor ? '#' + anchor : '');
  }

  function announce(query, started, count) {
    document.dispatchEvent(new CustomEvent('dossier-search', {
      detail: { query: query, ms: performance.now() - started, count: count }
    }));
  }

  /* ---- The search box: suggestions as you type ---- */

  var active = -1;
  var shown = [];
  var typed = 0;

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

  function suggest() {
    var text = input.value;
    var started = performance.now();
    var query = parseQuery(text, true);
    var seq = ++typed;
    if (!query.words.length) {
      open(false);
      return;
    }
    rank(query, {}).then(function (found) {
      if (seq !== typed) return null;
      return page(found, 0, SUGGESTIONS, false, SUGGESTIONS * 3).then(function (p) {
        if (seq !== typed) return;
        shown = p.results;
        list.textContent = '';
        active = -1;
        if (!shown.length) {
          showMessage(tr('js_no_results', { query: text.trim() }));
        } else {
          shown.forEach(function (result, i) {
            var anchor = result.text && bestBlock(result.text, found.matched);
            var li = element('li');
            li.id = 'search-option-' + i;
            li.setAttribute('role', 'option');
            li.setAttribute('aria-selected', 'false');
            li.setAttribute('data-url', href(result, anchor && anchor.anchor));
            li.appendChild(element('span', 's-title', result.head.title));
            li.appendChild(element('span', 's-meta', metaLine(result.head)));
            li.addEventListener('mousedown', function (event) {
              event.preventDefault();
              window.location.href = li.getAttribute('data-url');
            });
            list.appendChild(li);
          });
          open(true);
        }
        announce(text, started, shown.length);
      });
    }).catch(function () {
      showMessage(tr('js_index_failed'));
    });
  }

  input.addEventListener('input', suggest);
  input.addEventListener('focus', function () { load('meta').catch(function () {}); });
  input.addEventListener('blur', function () { open(false); });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (list.hidden) suggest();
      select(active + (event.key === 'ArrowDown' ? 1 : -1));
      event.preventDefault();
    } else if (event.key === 'Enter' && active >= 0 && shown[active]) {
      event.preventDefault();
      window.location.href = list.querySelectorAll('[data-url]')[active].getAttribute('data-url');
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

  /* ---- The results page: search.html?q=...&entity=...&topic=...&outlet=...&year=... ---- */

  var resultsPage = document.getElementById('search-page');
  if (!resultsPage) return;
  var status = document.getElementById('search-status');
  var resultList = document.getElementById('search-page-results');
  var more = document.getElementById('search-more');
  var filterForm = document.getElementById('search-filters');
  var FILTERS = ['entity', 'topic', 'outlet', 'year'];
  var params = new URLSearchParams(window.location.search);
  input.value = params.get('q') || '';
  var run = 0;

  function chosenFilters() {
    var chosen = {};
    FILTERS.forEach(function (name) {
      var value = params.get(name);
      if (value) chosen[name] = value;
    });
    return chosen;
  }

  function showResults() {
    var started = performance.now();
    var text = params.get('q') || '';
    var query = parseQuery(text, false);
    var filters = chosenFilters();
    var seq = ++run;
    resultList.textContent = '';
    more.hidden = true;
    if (!query.words.length && !Object.keys(filters).length) {
      status.textContent = tr('js_enter_query');
      return;
    }
    status.textContent = tr('js_searching');
    rank(query, filters).then(function (found) {
      var next = 0;
      function showPage() {
        var budget = found.unsure ? PHRASE_BUDGET : undefined;
        return page(found, next, PAGE_SIZE, true, budget).then(function (p) {
          if (seq !== run) return;
          next = p.next;
          p.results.forEach(function (result) { resultList.appendChild(resultItem(result, found.matched)); });
          var total = found.results.length;
          var shownCount = resultList.children.length;
          // A query with quotation marks of its own is shown as typed, any other one quoted.
          var query = !text ? '' : QUOTES.test(text) ? text : tr('js_quoted', { text: text });
          if (found.unsure && next < total) {
            status.textContent = tr(query ? 'js_results_at_least_for' : 'js_results_at_least', { n: shownCount, query: query }) +
              ' ' + tr('js_phrase_checked', { checked: next, total: total });
          } else {
            status.textContent = tr(query ? 'js_results_for' : 'js_results', { n: found.unsure ? shownCount : total, query: query });
          }
          if (found.corrected) status.textContent += ' ' + tr('js_typo_corrected');
          more.hidden = next >= total;
          announce(text, started, shownCount);
        });
      }
      more.onclick = function () { started = performance.now(); showPage(); };
      return showPage();
    }).catch(function () {
      status.textContent = tr('js_index_failed');
    });
  }

  function resultItem(result, matched) {
    var li = element('li');
    var shot = snippet(result.text, matched);
    li.appendChild(element('p', 'item-meta', metaLine(result.head)));
    var h = element('h2', 'item-title');
    var a = element('a', null, result.head.title);
    a.href = href(result, shot.anchor);
    h.appendChild(a);
    li.appendChild(h);
    li.appendChild(shot.node);
    return li;
  }

  function setParam(name, value) {
    if (value) params.set(name, value); else params.delete(name);
    try {
      history.replaceState(null, '', '?' + params.toString());
    } catch (e) {
      // Some browsers refuse history changes on file:// pages; the filters work all the same.
    }
    showResults();
  }

  function fillFilters(meta) {
    ['topic', 'outlet', 'year'].forEach(function (name) {
      var selectEl = filterForm.querySelector('[name="' + name + '"]');
      meta.filters[name].forEach(function (v) {
        var option = element('option', null, v.label);
        option.value = v.key;
        selectEl.appendChild(option);
      });
      selectEl.value = params.get(name) || '';
      selectEl.addEventListener('change', function () { setParam(name, selectEl.value); });
    });
    var entityInput = filterForm.querySelector('[name="entity"]');
    var datalist = document.getElementById(entityInput.getAttribute('list'));
    var entities = null;
    // The entity list can be long: it loads when the filter is used, or named in the URL.
    function withEntities() {
      return load('entities').then(function (all) {
        if (!entities) {
          entities = all;
          all.forEach(function (v) {
            var option = element('option');
            option.value = v.label;
            datalist.appendChild(option);
          });
        }
        return all;
      });
    }
    entityInput.addEventListener('focus', withEntities);
    entityInput.addEventListener('change', function () {
      withEntities().then(function (all) {
        var name = entityInput.value.trim();
        var chosen = all.filter(function (v) { return v.label === name; })[0];
        setParam('entity', chosen ? chosen.key : '');
      });
    });
    if (params.get('entity')) {
      withEntities().then(function (all) {
        var chosen = all.filter(function (v) { return v.key === params.get('entity'); })[0];
        entityInput.value = chosen ? chosen.label : params.get('entity');
      });
    }
    filterForm.hidden = false;
  }

  load('meta').then(fillFilters).catch(function () {});
  showResults();
})();
