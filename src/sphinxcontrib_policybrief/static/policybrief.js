/* sphinxcontrib-policybrief: filters over a timeline, kept in the page's address.

   The page is complete without this script: every event is listed, and per-actor
   timelines exist as pages. With it, a timeline of four or more events gets chips for its
   actors and tags; choosing one hides the events, years, jump links and overview marks
   that do not match, says how many events are shown, and writes the filter into the
   address ("#filter=actor:belarus,tag:energy") so that the filtered view can be shared.

   Nothing the page or its address holds is ever inserted as markup: the controls are
   made with createElement and filled with textContent only. An address is read against
   the actors and tags the page's events carry; anything else in it is ignored. */
(function () {
  "use strict";

  var PREFIX = { actor: "pb-a-", tag: "pb-t-" };
  var KINDS = ["actor", "tag"];
  var HASH = "#filter=";
  // At fewer events a filter is more trouble than help; the list is short enough to read.
  var MIN_EVENTS = 4;
  var ENGLISH = {
    lang: "en",
    count: { one: "{shown} of {total} event", other: "{shown} of {total} events" },
    actors: "Actors",
    tags: "Tags",
    actorGroup: "Show only the events of one actor",
    tagGroup: "Show only the events with one tag",
    filter: "Filter the timeline",
    showAll: "Show all",
    names: {}
  };

  var timelines = [];
  var state = { actor: null, tag: null };

  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function text(tag, className, words) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (words) element.textContent = words;
    return element;
  }

  // The build's words for this timeline (see render/views.py); English if they are missing.
  function messages(view) {
    var found = {};
    try {
      found = JSON.parse(view.getAttribute("data-pb-filter") || "{}") || {};
    } catch (e) {
      found = {};
    }
    var out = {};
    Object.keys(ENGLISH).forEach(function (key) {
      var wanted = typeof ENGLISH[key];
      out[key] = own(found, key) && typeof found[key] === wanted && found[key] !== null
        ? found[key] : ENGLISH[key];
    });
    return out;
  }

  function pluralCategory(lang, n) {
    try {
      return new Intl.PluralRules(lang).select(n);
    } catch (e) {
      return n === 1 ? "one" : "other";
    }
  }

  function countText(words, shown, total) {
    var forms = words.count;
    var category = pluralCategory(words.lang, total);
    var form = typeof forms[category] === "string" ? forms[category]
      : typeof forms.other === "string" ? forms.other : ENGLISH.count.other;
    return form.split("{shown}").join(String(shown)).split("{total}").join(String(total));
  }

  function valueOf(cls, kind) {
    return cls.indexOf(PREFIX[kind]) === 0 ? cls.slice(PREFIX[kind].length) : null;
  }

  function matches(element, wanted) {
    return KINDS.every(function (kind) {
      return wanted[kind] === null || element.classList.contains(PREFIX[kind] + wanted[kind]);
    });
  }

  // -- one timeline ----------------------------------------------------------------------

  function Timeline(view) {
    var self = this;
    this.view = view;
    this.words = messages(view);
    this.entries = Array.prototype.slice.call(view.querySelectorAll(".pb-tl-event"));
    this.counts = { actor: {}, tag: {} };
    this.entries.forEach(function (entry) {
      entry.classList.forEach(function (cls) {
        KINDS.forEach(function (kind) {
          var value = valueOf(cls, kind);
          if (value) self.counts[kind][value] = (self.counts[kind][value] || 0) + 1;
        });
      });
    });
    this.years = Array.prototype.slice.call(view.querySelectorAll(".pb-tl-year"));
    this.jump = view.querySelector(".pb-tl-jump");
    this.chips = { actor: {}, tag: {} };
    this.rows = {};
    this.build();
  }

  Timeline.prototype.knows = function (kind, value) {
    return own(this.counts[kind], value);
  };

  Timeline.prototype.label = function (kind, value) {
    if (kind === "tag") return "#" + value;
    if (own(this.words.names, value) && typeof this.words.names[value] === "string") {
      return this.words.names[value];
    }
    for (var i = 0; i < timelines.length; i++) {
      var names = timelines[i].words.names;
      if (own(names, value) && typeof names[value] === "string") return names[value];
    }
    return value;
  };

  Timeline.prototype.build = function () {
    var self = this, words = this.words;
    var box = text("div", "pb-filter");
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", words.filter);
    KINDS.forEach(function (kind) {
      var row = text("div", "pb-chips");
      row.setAttribute("role", "group");
      row.setAttribute("aria-label", kind === "actor" ? words.actorGroup : words.tagGroup);
      row.appendChild(text("span", "pb-chips-label", kind === "actor" ? words.actors : words.tags));
      self.rows[kind] = row;
      box.appendChild(row);
      // A chip that selects a single event is noise: those shared by two or more.
      Object.keys(self.counts[kind]).forEach(function (value) {
        if (self.counts[kind][value] >= 2) self.chip(kind, value);
      });
      row.hidden = !Object.keys(self.chips[kind]).length;
    });
    var status = text("p", "pb-filter-status");
    this.count = text("span", "pb-filter-count");
    this.count.setAttribute("role", "status");
    this.count.setAttribute("aria-live", "polite");
    this.clear = text("button", "pb-filter-clear", words.showAll);
    this.clear.type = "button";
    this.clear.addEventListener("click", function () {
      choose({ actor: null, tag: null });
      var first = box.querySelector(".pb-chip");
      if (first) first.focus();
    });
    status.appendChild(this.count);
    status.appendChild(document.createTextNode(" "));
    status.appendChild(this.clear);
    box.appendChild(status);
    // The jump bar's " · " between links: spans, so that they hide with their link.
    if (this.jump) {
      Array.prototype.slice.call(this.jump.childNodes).forEach(function (node) {
        if (node.nodeType !== 3 || !node.nodeValue.trim()) return;
        var sep = text("span", "pb-tl-sep", node.nodeValue);
        sep.setAttribute("aria-hidden", "true");
        self.jump.replaceChild(sep, node);
      });
    }
    var anchor = this.view.querySelector(".pb-tl-jump, .pb-tl-year");
    this.view.insertBefore(box, anchor || null);
  };

  // The chip for one value, made when first needed, in the row's alphabetical order.
  Timeline.prototype.chip = function (kind, value) {
    if (own(this.chips[kind], value)) return this.chips[kind][value];
    var label = this.label(kind, value);
    var chip = text("button", "pb-chip", label);
    chip.type = "button";
    chip.setAttribute("aria-pressed", "false");
    chip.addEventListener("click", function () {
      var wanted = { actor: state.actor, tag: state.tag };
      wanted[kind] = state[kind] === value ? null : value;
      choose(wanted);
    });
    var row = this.rows[kind], lang = this.words.lang, before = null;
    var others = Array.prototype.slice.call(row.querySelectorAll(".pb-chip"));
    for (var i = 0; i < others.length && !before; i++) {
      if (others[i].textContent.localeCompare(label, lang) > 0) before = others[i];
    }
    row.insertBefore(chip, before);
    row.hidden = false;
    this.chips[kind][value] = chip;
    return chip;
  };

  Timeline.prototype.apply = function (wanted) {
    var self = this, shown = 0, shownAnchors = Object.create(null);
    var knownAnchors = Object.create(null);
    KINDS.forEach(function (kind) {
      // A value chosen elsewhere (the address, another timeline) gets its chip here too.
      if (wanted[kind] !== null) self.chip(kind, wanted[kind]);
      Object.keys(self.chips[kind]).forEach(function (value) {
        self.chips[kind][value].setAttribute("aria-pressed", String(wanted[kind] === value));
      });
    });
    this.entries.forEach(function (entry) {
      var visible = matches(entry, wanted);
      var anchor = entry.getAttribute("data-pb-event");
      entry.classList.toggle("pb-hidden", !visible);
      if (anchor) {
        knownAnchors[anchor] = true;
        if (visible) shownAnchors[anchor] = true;
      }
      if (visible) shown += 1;
    });
    var hiddenYears = Object.create(null);
    this.years.forEach(function (year) {
      var parts = [], node = year.nextElementSibling;
      while (node && !node.classList.contains("pb-tl-year")) {
        parts.push(node);
        node = node.nextElementSibling;
      }
      var empty = !parts.some(function (part) {
        return part.querySelector(".pb-tl-event:not(.pb-hidden)") !== null;
      });
      year.classList.toggle("pb-hidden", empty);
      parts.forEach(function (part) {
        if (part.classList.contains("pb-tl-list")) part.classList.toggle("pb-hidden", empty);
      });
      if (year.id && empty) hiddenYears[year.id] = true;
    });
    if (this.jump) {
      var previous = false;
      Array.prototype.slice.call(this.jump.children).forEach(function (node) {
        if (node.classList.contains("pb-tl-sep")) {
          node.classList.add("pb-hidden"); // shown again below, before a shown link
          return;
        }
        var target = decodeHash(node.getAttribute("href") || "");
        var hide = target !== null && own(hiddenYears, target);
        node.classList.toggle("pb-hidden", hide);
        if (!hide) {
          var sep = node.previousElementSibling;
          if (previous && sep && sep.classList.contains("pb-tl-sep")) {
            sep.classList.remove("pb-hidden");
          }
          previous = true;
        }
      });
    }
    // Overview marks name their events ("data-pb-events"); a mark whose events are all
    // unknown here is judged by the classes it carries. A cluster whose events are all
    // listed here counts the ones shown.
    var lang = this.words.lang;
    this.view.querySelectorAll(".pb-tl-overview [data-pb-events]").forEach(function (mark) {
      var anchors = (mark.getAttribute("data-pb-events") || "").split(/\s+/);
      var known = anchors.filter(function (a) { return own(knownAnchors, a); });
      var shownHere = known.filter(function (a) { return own(shownAnchors, a); });
      var visible = known.length ? shownHere.length > 0 : matches(mark, wanted);
      mark.classList.toggle("pb-hidden", !visible);
      var all = known.length === anchors.length && shownHere.length === anchors.length;
      recount(mark, lang, visible && !all && known.length === anchors.length
        ? shownHere : null);
    });
    var active = wanted.actor !== null || wanted.tag !== null;
    this.count.textContent = countText(this.words, shown, this.entries.length);
    this.clear.hidden = !active;
  };

  // A cluster's number, label and tooltip as drawn ("3", "3 events, 2015" and its three
  // events), or for the anchors of its events that are *shown* (null: as drawn). The
  // label's forms ("data-pb-forms", from the build) are the text around the number in
  // each plural category; the tooltip's ("data-pb-tooltip") hold its heading and its
  // "and N more" line so, and each event's line. Without them, a text stays as drawn.
  function recount(mark, lang, shown) {
    var count = shown === null ? null : shown.length;
    var number = mark.querySelector(".pb-tl-count");
    var label = mark.querySelector(".pb-tl-label[data-pb-forms]");
    var tooltip = mark.querySelector(":scope > title[data-pb-tooltip]");
    [number, label, tooltip].forEach(function (element) {
      if (element && !own(element, "pbDrawn")) element.pbDrawn = element.textContent;
    });
    if (number) number.textContent = count === null ? number.pbDrawn : String(count);
    if (label) {
      var text = count === null ? null : counted(parsed(label, "data-pb-forms"), lang, count);
      label.textContent = text === null ? label.pbDrawn : text;
    }
    if (tooltip) {
      var lines = count === null ? null : tooltipLines(parsed(tooltip, "data-pb-tooltip"),
        lang, shown);
      tooltip.textContent = lines === null ? tooltip.pbDrawn : lines.join("\n");
    }
  }

  function parsed(element, name) {
    try {
      var found = JSON.parse(element.getAttribute(name) || "{}");
      return found !== null && typeof found === "object" ? found : {};
    } catch (e) {
      return {};
    }
  }

  // *count* put into the text of its plural category among *forms* (null: none usable).
  function counted(forms, lang, count) {
    var category = pluralCategory(lang, count);
    var parts = own(forms, category) ? forms[category] : own(forms, "other") ? forms.other : null;
    var usable = Array.isArray(parts) && (parts.length === 1 || parts.length === 2) &&
      parts.every(function (part) { return typeof part === "string"; });
    if (!usable) return null;
    return parts.length === 2 ? parts[0] + String(count) + parts[1] : parts[0];
  }

  // A cluster's tooltip for the *shown* anchors of its events, as the build writes it:
  // the heading, then each shown event's line, the rest counted past *max* (null: the
  // forms are not usable).
  function tooltipLines(forms, lang, shown) {
    var wanted = Object.create(null);
    shown.forEach(function (anchor) { wanted[anchor] = true; });
    var max = forms.max;
    if (!Array.isArray(forms.lines) || typeof max !== "number" || max < 1) return null;
    var lines = forms.lines.filter(function (line) {
      return Array.isArray(line) && typeof line[0] === "string" && typeof line[1] === "string" &&
        own(wanted, line[0]);
    }).map(function (line) { return line[1]; });
    var head = counted(forms.head || {}, lang, lines.length);
    if (head === null) return null;
    if (lines.length > max + 1) {
      var more = counted(forms.more || {}, lang, lines.length - max);
      if (more === null) return null;
      lines = lines.slice(0, max).concat([more]);
    }
    return [head].concat(lines);
  }

  function decodeHash(href) {
    if (href.charAt(0) !== "#") return null;
    try {
      return decodeURIComponent(href.slice(1));
    } catch (e) {
      return null;
    }
  }

  // -- the page's filter ------------------------------------------------------------------

  function known(kind, value) {
    return timelines.some(function (t) { return t.knows(kind, value); });
  }

  // "#filter=actor:<id>,tag:<tag>" -> the values the page knows; null for another address.
  function parse(hash) {
    if (hash.indexOf(HASH) !== 0) return null;
    var wanted = { actor: null, tag: null };
    hash.slice(HASH.length).split(",").forEach(function (part) {
      var colon = part.indexOf(":");
      if (colon < 1) return;
      var kind = part.slice(0, colon), value;
      if (!own(PREFIX, kind) || wanted[kind] !== null) return;
      try {
        value = decodeURIComponent(part.slice(colon + 1));
      } catch (e) {
        return;
      }
      if (value && known(kind, value)) wanted[kind] = value;
    });
    return wanted;
  }

  function address(wanted) {
    var parts = [];
    KINDS.forEach(function (kind) {
      if (wanted[kind] !== null) parts.push(kind + ":" + encodeURIComponent(wanted[kind]));
    });
    return parts.length ? HASH + parts.join(",") : "";
  }

  function remember(wanted) {
    var hash = address(wanted);
    // A link to a heading or an object stays as it is while nothing is filtered.
    if (!hash && location.hash.indexOf(HASH) !== 0) return;
    try {
      history.replaceState(history.state, "", location.pathname + location.search + hash);
    } catch (e) {
      // Some browsers refuse it for file:// pages; the filter works all the same.
    }
  }

  function show(wanted) {
    state = { actor: wanted.actor, tag: wanted.tag };
    timelines.forEach(function (t) { t.apply(state); });
  }

  function choose(wanted) {
    show(wanted);
    remember(state);
  }

  function init() {
    document.querySelectorAll(".pb-timeline").forEach(function (view) {
      if (view.querySelectorAll(".pb-tl-event").length >= MIN_EVENTS) {
        timelines.push(new Timeline(view));
      }
    });
    if (!timelines.length) return;
    show(parse(location.hash) || state);
    window.addEventListener("hashchange", function () {
      var wanted = parse(location.hash);
      if (wanted !== null) show(wanted);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
