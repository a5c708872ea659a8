// Full-text search for a calcbook site: ranks the lessons and sections of
// window.calcbookSearchIndex (search-index.js, written by `calcbook build`) for the words
// of ?q=, and lists them with the words highlighted. Plain browser JavaScript, no library:
// the index is small (one entry per section) and a linear scan answers in milliseconds.
(function () {
  "use strict";

  var MAX_LESSONS = 50;
  var MAX_SECTIONS = 3;
  var SNIPPET_BEFORE = 60;
  var SNIPPET_LENGTH = 220;

  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  var input = document.getElementById("search-query");
  if (!status || !results || !input) return;

  var index = window.calcbookSearchIndex;
  if (!Array.isArray(index)) {
    status.textContent = "The search index (search-index.js) could not be loaded.";
    return;
  }

  // Lower-cased copies, made once.
  var lessons = index.map(function (lesson, order) {
    return {
      lesson: lesson,
      order: order,
      title: lesson.title.toLowerCase(),
      words: (lesson.words || "").toLowerCase(),
      sections: lesson.sections.map(function (section) {
        return {
          section: section,
          heading: (section.heading || "").toLowerCase(),
          text: section.text.toLowerCase()
        };
      })
    };
  });

  /** The query's words: lower case, split at anything that is not a letter or a digit. */
  function termsOf(query) {
    var seen = {};
    return query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (term) {
      if (!term || seen[term]) return false;
      seen[term] = true;
      return true;
    });
  }

  /** How often `term` occurs in `text`, up to `limit`. */
  function count(text, term, limit) {
    var n = 0;
    var at = text.indexOf(term);
    while (at !== -1 && n < limit) {
      n += 1;
      at = text.indexOf(term, at + term.length);
    }
    return n;
  }

  /**
   * Lessons that hold every term (in the title, any section, or the words a large site's
   * index keeps beyond each section's excerpt), best first. A term in the title counts 20, in
   * a section's heading 8, in its text 1 + log2(occurrences) (so a lesson that names a word
   * often does not outrank the lesson about it), among the lesson's other words 1.
   */
  function search(terms) {
    var found = [];
    lessons.forEach(function (entry) {
      var score = 0;
      var missing = terms.length;
      var present = terms.map(function (term) {
        var inTitle = entry.title.indexOf(term) !== -1;
        if (inTitle) score += 20;
        return inTitle;
      });
      var sections = [];
      entry.sections.forEach(function (section) {
        var sectionScore = 0;
        terms.forEach(function (term, i) {
          var here = 0;
          if (section.heading.indexOf(term) !== -1) here += 8;
          var n = count(section.text, term, 64);
          if (n > 0) here += 1 + Math.log2(n);
          if (here > 0) present[i] = true;
          sectionScore += here;
        });
        if (sectionScore > 0) sections.push({ section: section.section, score: sectionScore });
      });
      terms.forEach(function (term, i) {
        if (entry.words && entry.words.indexOf(term) !== -1) {
          present[i] = true;
          score += 1;
        }
      });
      present.forEach(function (isPresent) { if (isPresent) missing -= 1; });
      if (missing > 0) return;
      sections.forEach(function (section) { score += section.score; });
      sections.sort(function (a, b) { return b.score - a.score; });
      found.push({ entry: entry, score: score, sections: sections });
    });
    found.sort(function (a, b) { return b.score - a.score || a.entry.order - b.entry.order; });
    return found;
  }

  /** `text` into `element`, with every occurrence of a term in a <mark>. */
  function appendHighlighted(element, text, terms) {
    var lower = text.toLowerCase();
    // Lower-casing can change a string's length (rarely); then no highlighting.
    if (lower.length !== text.length) {
      element.appendChild(document.createTextNode(text));
      return;
    }
    var at = 0;
    while (at < text.length) {
      var next = -1;
      var length = 0;
      terms.forEach(function (term) {
        var i = lower.indexOf(term, at);
        if (i !== -1 && (next === -1 || i < next || (i === next && term.length > length))) {
          next = i;
          length = term.length;
        }
      });
      if (next === -1) break;
      if (next > at) element.appendChild(document.createTextNode(text.slice(at, next)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(next, next + length);
      element.appendChild(mark);
      at = next + length;
    }
    if (at < text.length) element.appendChild(document.createTextNode(text.slice(at)));
  }

  /** Part of a section's text around the first term found, cut at spaces. */
  function snippet(text, terms) {
    var lower = text.toLowerCase();
    var first = -1;
    terms.forEach(function (term) {
      var i = lower.indexOf(term);
      if (i !== -1 && (first === -1 || i < first)) first = i;
    });
    var start = Math.max(0, first - SNIPPET_BEFORE);
    if (start > 0) {
      var space = text.indexOf(" ", start);
      if (space !== -1 && space < first) start = space + 1;
    }
    var end = Math.min(text.length, start + SNIPPET_LENGTH);
    if (end < text.length) {
      var lastSpace = text.lastIndexOf(" ", end);
      if (lastSpace > first) end = lastSpace;
    }
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  function link(href, text, terms, className) {
    var a = document.createElement("a");
    a.href = href;
    a.className = className;
    appendHighlighted(a, text, terms);
    return a;
  }

  function show(query) {
    var started = performance.now();
    var terms = termsOf(query);
    results.textContent = "";
    if (terms.length === 0) {
      status.textContent = "Type words to search the lessons.";
      results.removeAttribute("data-search-ms");
      return;
    }
    var found = search(terms);
    found.slice(0, MAX_LESSONS).forEach(function (match) {
      var lesson = match.entry.lesson;
      var item = document.createElement("li");
      item.className = "search-result";
      item.setAttribute("data-url", lesson.url);
      item.appendChild(link(lesson.url, lesson.title, terms, "search-result-title"));
      var list = document.createElement("ul");
      list.className = "search-sections";
      match.sections.slice(0, MAX_SECTIONS).forEach(function (hit) {
        var section = hit.section;
        var entry = document.createElement("li");
        var href = lesson.url + (section.anchor ? "#" + section.anchor : "");
        entry.appendChild(link(href, section.heading || lesson.title, terms, "search-section-title"));
        var text = document.createElement("p");
        text.className = "search-snippet";
        appendHighlighted(text, snippet(section.text, terms), terms);
        entry.appendChild(text);
        list.appendChild(entry);
      });
      if (list.firstChild) item.appendChild(list);
      results.appendChild(item);
    });
    var quoted = "\u201c" + query.trim() + "\u201d";
    if (found.length === 0) {
      status.textContent = "No lesson matches " + quoted + ".";
    } else {
      status.textContent = (found.length === 1 ? "1 lesson matches " : found.length + " lessons match ") + quoted +
        (found.length > MAX_LESSONS ? "; the best " + MAX_LESSONS + " are listed." : ".");
    }
    // How long this search took, and how long since the page began to load (reading the
    // index included), for the browser tests and measurements; not shown.
    var now = performance.now();
    results.setAttribute("data-search-ms", (now - started).toFixed(2));
    results.setAttribute("data-ready-ms", now.toFixed(1));
  }

  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  show(query);

  // Results as you type; the address keeps the query so a search can be shared or reloaded.
  input.addEventListener("input", function () {
    show(input.value);
    try {
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value);
      window.history.replaceState(null, "", url.href);
    } catch (e) {
      // Some browsers refuse to change the address of a file:// page; searching still works.
    }
  });
})();
