// The handbook's search worker: Material for MkDocs' own search worker (lunr), loaded unchanged, with three
// additions so that search finds what stressed people type, from a web server and from a USB stick alike:
//
// 1. Folding. Every word in the index and in the query is folded the same way: lower case, accents and
//    umlauts dropped, ß to ss, ae/oe/ue to a/o/u, ss to s. So "Grossmann", "Grosmann" and "Großmann" all
//    meet at "grosman", "stoerung" and "Störung" at "storung", "Malmo" and "Malmö" at "malmo".
// 2. Stemming. The language's lunr stemmer (Material ships them) is kept in the pipeline, and the word as
//    written is indexed beside its stem, so "Störungen" finds "Störung" and a word typed in part still
//    finds it. Hyphenated words are indexed whole, joined and in parts ("E-Mail": email, mail).
// 3. Typo tolerance. Each word of the query is searched as typed (a prefix, as Material does) and, from
//    4 letters, also with one letter wrong, missing, extra or swapped (lunr's fuzzy match, `word~1`): so
//    "escalaton", "headst" still find. A 3-letter word is matched fuzzily only when no word in the index
//    starts with it: "vpm" finds "vpn", while "ivr" finds only itself. Words with digits (numbers, codes,
//    ids such as "112" or "level1") are never matched fuzzily: one digit off is another number.
//
// How: overrides/main.html names this file as the search worker, with Material's worker after the '#'.
// Material 9 has no hook to change its query or its lunr pipeline (custom search transforms were removed
// in 9.0), so this file loads Material's worker and wraps what it touches: the messages the page sends (the
// query is rewritten before Material reads it), lunr's index builder (the pipeline gets the folding) and
// lunr's query results (each matched place once). These are Material's message protocol and lunr's public
// API, which stay put across versions; the browser tests (tests/browser/test_search*.py) fail if an upgrade
// breaks them. Works under the iframe-worker shim too (file://), where this script runs in a hidden iframe
// and importScripts() returns a promise.
(function () {
  "use strict";

  // Material's message types (src/.../search/worker/message): the index to set up, and a query.
  var SETUP = 0;
  var QUERY = 2;
  // Words the query leaves as written: lunr's own syntax (+must -mustnot field: ~fuzzy ^boost * "phrase").
  var LUNR_SYNTAX = /["+~^*]|(^|\s)-/;
  // How much more a word as typed weighs than its fuzzy neighbours (lunr boosts are whole numbers).
  var EXACT_BOOST = 10;

  // Where this script was loaded from: a worker knows its location, a script in the shim's iframe its src.
  var here = typeof document !== "undefined" && document.currentScript
    ? document.currentScript.src : self.location.href;
  // The shim appends "?<time>" to the address, which then lands in the fragment.
  var material = decodeURIComponent((here.split("#")[1] || "").split("?")[0]);

  var search = {
    language: "en",
    // Set when the index is built: the index pipeline (folding included) and every term of the index.
    pipeline: null,
    terms: []
  };

  // -- Folding ---------------------------------------------------------------------------------------

  // Letters that Unicode does not decompose into a base letter and a mark.
  var LETTERS = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i" };

  function fold(word) {
    return word.toLowerCase()
      .replace(/[ßæœøłđðþı]/g, function (letter) { return LETTERS[letter]; })
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      // German gender forms written with a colon, star or underscore: Notfallbeauftragte:r, Kund*innen.
      .replace(/[:*_](?=(?:in|innen|r|n)$)/, "")
      // How German is written without umlauts: ae, oe, ue.
      .replace(/([aou])e/g, "$1")
      .replace(/s{2,}/g, "s");
  }

  // "e-mail" is found as "email" and as "mail"; each part of at least two letters is a word of its own.
  function compoundParts(word) {
    var parts = word.split(/[-\u2010\u2011]+/).filter(function (part) { return part.length > 0; });
    if (parts.length < 2) {
      return [word];
    }
    return [parts.join("")].concat(parts.filter(function (part) { return part.length > 1; }));
  }

  function splitCompounds(token) {
    var words = compoundParts(token.toString());
    return words.length === 1 ? token : words.map(function (word) {
      return token.clone(function () { return word; });
    });
  }

  function foldToken(token) {
    return token.update(fold);
  }

  // Words lunr's stop-word lists drop that mean something in a handbook: "IT" (the IT lead), and "who"
  // (Swedish "vem"), which people in a hurry type to find whom to call: "who do I call", "vem ringer jag".
  var NOT_STOP_WORDS = { it: true, who: true, vem: true };

  function stopWordFilterKeeping(stopWordFilter) {
    return function (token) {
      return NOT_STOP_WORDS[token.toString()] ? token : stopWordFilter(token);
    };
  }

  // The stem and, beside it, the word as written: a query typed in part or with a typo still meets the word.
  function stemmerKeepingWords(stemmer) {
    return function (token) {
      var stem = stemmer(token.clone());
      return stem.toString() === token.toString() ? token : [stem, token];
    };
  }

  // The language's own pipeline functions (Material loads lunr.de, lunr.sv, … before building the index).
  function languageFunctions(lunr) {
    return search.language === "en" ? lunr : lunr[search.language] || {};
  }

  // Called on the builder once, before the first document, when the language's pipeline is in place:
  // compounds are split first, the stop-word filter spares "it", the folding goes before the stemmer, and
  // the stemmer keeps the word beside its stem.
  function extendPipelines(builder, lunr) {
    var language = languageFunctions(lunr);
    var stemmer = language.stemmer;
    var keeping = null;
    if (stemmer) {
      keeping = stemmerKeepingWords(stemmer);
      lunr.Pipeline.registerFunction(keeping, "handbookStemmer");
    }
    var stopWordFilter = language.stopWordFilter;
    if (stopWordFilter && builder.pipeline._stack.indexOf(stopWordFilter) !== -1) {
      var filter = stopWordFilterKeeping(stopWordFilter);
      lunr.Pipeline.registerFunction(filter, "handbookStopWordFilter");
      builder.pipeline.after(stopWordFilter, filter);
      builder.pipeline.remove(stopWordFilter);
    }
    var stack = builder.pipeline._stack;
    if (stack.length) {
      builder.pipeline.before(stack[0], splitCompounds);
    } else {
      builder.pipeline.add(splitCompounds);
    }
    [builder.pipeline, builder.searchPipeline].forEach(function (pipeline) {
      if (keeping && pipeline._stack.indexOf(stemmer) !== -1) {
        pipeline.before(stemmer, foldToken);
        pipeline.after(stemmer, keeping);
        pipeline.remove(stemmer);
      } else {
        pipeline.add(foldToken);
      }
    });
  }

  function extendLunr() {
    var lunr = self.lunr;
    if (!lunr || lunr.Builder.prototype.handbookExtends) {
      return;
    }
    lunr.Pipeline.registerFunction(foldToken, "handbookFold");
    lunr.Pipeline.registerFunction(splitCompounds, "handbookCompounds");
    var add = lunr.Builder.prototype.add;
    var build = lunr.Builder.prototype.build;
    lunr.Builder.prototype.handbookExtends = true;
    lunr.Builder.prototype.add = function (doc, attributes) {
      if (!this.handbookExtended) {
        this.handbookExtended = true;
        extendPipelines(this, lunr);
      }
      return add.call(this, doc, attributes);
    };
    lunr.Builder.prototype.build = function () {
      var index = build.call(this);
      search.pipeline = this.pipeline;
      search.terms = Object.keys(index.invertedIndex).sort();
      return index;
    };
    var query = lunr.Index.prototype.query;
    lunr.Index.prototype.query = function (fn) {
      var results = query.call(this, fn);
      results.forEach(function (result) {
        eachPositionOnce(result.matchData.metadata);
      });
      return results;
    };
  }

  // A word and its stem, or a compound and its parts, stand at the same place in the text. When a query
  // matches two of them, Material would mark that place twice and garble the result's title ("ark>IT"):
  // each place is kept for the first term that matched it.
  function eachPositionOnce(metadata) {
    var seen = {};
    Object.keys(metadata).forEach(function (term) {
      Object.keys(metadata[term]).forEach(function (field) {
        var places = metadata[term][field].position;
        if (!places) {
          return;
        }
        seen[field] = seen[field] || {};
        metadata[term][field].position = places.filter(function (place) {
          var key = String(place);
          var first = !seen[field][key];
          seen[field][key] = true;
          return first;
        });
      });
    });
  }

  // -- The query -------------------------------------------------------------------------------------

  function hasTermStartingWith(prefix) {
    var terms = search.terms;
    var low = 0;
    var high = terms.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (terms[middle] < prefix) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low < terms.length && terms[low].indexOf(prefix) === 0;
  }

  // One word of the query as index terms: folded, stemmed, compounds in parts; none for a stop word.
  // A term that another term of the word begins (the stem "storung" of "storungen") covers it as a prefix.
  function termsOf(word) {
    var terms = search.pipeline.runString(word.toLowerCase()).filter(function (term, index, all) {
      return term.length > 0 && all.indexOf(term) === index;
    });
    return terms.filter(function (term) {
      return !terms.some(function (other) { return other !== term && term.indexOf(other) === 0; });
    });
  }

  // Words of letters only: a number, a code or an id one digit off is another one ("level1", "5601").
  function typoTolerant(term) {
    if (/\d/.test(term)) {
      return false;
    }
    return term.length >= 4 || (term.length === 3 && !hasTermStartingWith(term));
  }

  function rewrite(query) {
    if (!search.pipeline || LUNR_SYNTAX.test(query)) {
      return query;
    }
    var words = query.split(self.lunr.tokenizer.separator).filter(function (word) { return word.length > 0; });
    var clauses = [];
    words.forEach(function (word) {
      termsOf(word).forEach(function (term) {
        // The word as typed, as a prefix; then with one typo, from 4 letters on. A typo's neighbours are
        // often rarer words than the one meant ("lead" → "leave"), which lunr would rank higher: the word as
        // typed weighs more, so the fuzzy matches only lead where the word itself is not in the handbook.
        clauses.push(term + "*^" + EXACT_BOOST);
        if (typoTolerant(term)) {
          clauses.push(term + "~1");
        }
      });
    });
    // A query of stop words only ("the", "und") is left to Material as typed.
    return clauses.length ? clauses.join(" ") : query;
  }

  function prepare(message) {
    if (!message) {
      return message;
    }
    if (message.type === SETUP && message.data && message.data.config) {
      search.language = message.data.config.lang[0] || "en";
      extendLunr();
    } else if (message.type === QUERY && typeof message.data === "string") {
      return { type: QUERY, data: rewrite(message.data) };
    }
    return message;
  }

  // Material's worker listens with addEventListener("message", …) and reads only `event.data`.
  var listen = self.addEventListener;
  self.addEventListener = function (type, listener, options) {
    if (type === "message") {
      var handle = listener;
      listener = function (event) {
        return handle.call(this, { data: prepare(event.data) });
      };
    }
    return listen.call(self, type, listener, options);
  };

  importScripts(new URL(material, here).href);
})();
