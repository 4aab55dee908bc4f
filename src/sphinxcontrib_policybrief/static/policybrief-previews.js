/* sphinxcontrib-policybrief: a preview card for links to the brief's objects.

   Hovering or focusing a link to a claim, actor, event, paradox or source shows a small
   card with the object's kind, badges, title and summary, as the build wrote them in
   _static/policybrief-previews-data.js (a script, not a fetched file, so that file://
   works). The card follows the WAI-ARIA tooltip pattern: role="tooltip", referred to by
   the link's aria-describedby while it shows; it never takes focus, Escape dismisses it,
   and the pointer may move onto it. It is built with createElement and textContent only:
   no stored text is ever read as markup. */
(function () {
  "use strict";

  var SHOW_DELAY = 300; // ms of hovering before a card appears (moving across text is not asking)
  var HIDE_DELAY = 250; // ms to reach the card from its link before it goes
  var GAP = 6; // px between the link and its card
  var MARGIN = 8; // px the card keeps from the edges of the viewport
  var WORD = /^[a-z][a-z-]*$/; // tones and kinds become class names: nothing else passes
  var DATA_FILE = "policybrief-previews-data.js";

  var card = null;
  var current = null; // the link whose card shows
  var dismissed = null; // the link whose card Escape closed, until the reader leaves it
  var pointerOn = null; // the link under the pointer, or the card
  var showTimer = 0, hideTimer = 0;

  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function element(tag, className, words) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (words) node.textContent = words;
    return node;
  }

  function cards() {
    var found = window.policybriefPreviews;
    return found && typeof found === "object" ? found : null;
  }

  // The site's root: Sphinx's data-content_root, else the folder above the data file.
  function root() {
    var base = document.documentElement.getAttribute("data-content_root");
    try {
      if (base !== null) return new URL(base, location.href);
      var scripts = document.getElementsByTagName("script");
      for (var i = 0; i < scripts.length; i++) {
        var src = scripts[i].getAttribute("src") || "";
        if (src.split("?")[0].split("/").pop() === DATA_FILE) {
          return new URL("..", scripts[i].src);
        }
      }
      var options = window.DOCUMENTATION_OPTIONS;
      if (options && typeof options.URL_ROOT === "string") {
        return new URL(options.URL_ROOT, location.href);
      }
    } catch (e) {
      return null;
    }
    return null;
  }

  function decoded(text) {
    try {
      return decodeURIComponent(text);
    } catch (e) {
      return text;
    }
  }

  // The card data for a link: its target as a URL relative to the root (as the build
  // keys them: "context.html#gas-wars", "context/#gas-wars" in dirhtml).
  function entryFor(link) {
    var all = cards(), base = root();
    if (!all || !base || !link.hash) return null;
    var url;
    try {
      url = new URL(link.href);
    } catch (e) {
      return null;
    }
    if (url.protocol !== base.protocol || url.host !== base.host) return null;
    var path = decoded(url.pathname), top = decoded(base.pathname);
    if (path.indexOf(top) !== 0) return null;
    var page = path.slice(top.length), hash = decoded(url.hash);
    // singlehtml writes links to other documents' objects as "#document-<name>#<anchor>".
    if (hash.lastIndexOf("#") > 0) hash = hash.slice(hash.lastIndexOf("#"));
    var keys = [page + hash];
    if (page === "" || page.charAt(page.length - 1) === "/") keys.push(page + "index.html" + hash);
    if (/(^|\/)index\.html$/.test(page)) keys.push(page.slice(0, -"index.html".length) + hash);
    for (var i = 0; i < keys.length; i++) {
      if (own(all, keys[i]) && all[keys[i]] && typeof all[keys[i]] === "object") {
        return all[keys[i]];
      }
    }
    return null;
  }

  function linkIn(target) {
    if (!target || typeof target.closest !== "function") return null;
    var link = target.closest("a[href]");
    // HTML links only: the overview's and the argument map's SVG links have titles.
    if (!(link instanceof HTMLAnchorElement)) return null;
    if (link.classList.contains("headerlink") || (card && card.contains(link))) return null;
    return link;
  }

  function string(value) {
    return typeof value === "string" ? value : "";
  }

  function badge(words, tone, extra) {
    var span = element("span", "sd-badge pb-badge" + (extra ? " " + extra : ""), words);
    if (WORD.test(tone) && tone !== "plain") {
      span.classList.add("sd-bg-" + tone, "sd-bg-text-" + tone);
    }
    return span;
  }

  function fill(entry) {
    while (card.firstChild) card.removeChild(card.firstChild);
    var type = string(entry.type);
    card.className = "pb-preview" + (WORD.test(type) ? " pb-preview-" + type : "");
    var kicker = element("p", "pb-preview-kicker");
    kicker.appendChild(badge(string(entry.kind), "dark", "pb-kind"));
    (Array.isArray(entry.badges) ? entry.badges : []).forEach(function (item) {
      if (!Array.isArray(item) || !string(item[0])) return;
      kicker.appendChild(document.createTextNode(" "));
      kicker.appendChild(badge(string(item[0]), string(item[1])));
      if (string(item[2])) {
        kicker.appendChild(document.createTextNode(" "));
        kicker.appendChild(element("span", "pb-preview-note", string(item[2])));
      }
    });
    if (string(entry.date)) {
      kicker.appendChild(document.createTextNode(" "));
      kicker.appendChild(element("span", "pb-preview-date", string(entry.date)));
    }
    card.appendChild(kicker);
    card.appendChild(element("p", "pb-preview-title", string(entry.title)));
    if (string(entry.summary)) {
      card.appendChild(element("p", "pb-preview-summary", string(entry.summary)));
    }
  }

  function ensureCard() {
    if (card) return;
    card = element("div", "pb-preview");
    var id = "pb-preview-card", n = 1;
    while (document.getElementById(id)) id = "pb-preview-card-" + (++n);
    card.id = id;
    card.setAttribute("role", "tooltip");
    card.hidden = true;
    card.addEventListener("mouseenter", function () {
      pointerOn = card;
      clearTimeout(hideTimer);
    });
    card.addEventListener("mouseleave", function () {
      pointerOn = null;
      if (current && document.activeElement !== current) hideSoon();
    });
    document.body.appendChild(card);
  }

  function place() {
    if (!card || card.hidden || !current) return;
    var box = current.getBoundingClientRect();
    var width = document.documentElement.clientWidth || window.innerWidth;
    var height = document.documentElement.clientHeight || window.innerHeight;
    var w = card.offsetWidth, h = card.offsetHeight;
    var left = Math.max(MARGIN, Math.min(box.left, width - w - MARGIN));
    var top = box.bottom + GAP;
    if (top + h > height - MARGIN && box.top - GAP - h >= MARGIN) top = box.top - GAP - h;
    card.style.left = Math.round(left) + "px";
    card.style.top = Math.round(top) + "px";
  }

  function release() {
    if (!current) return;
    var ids = (current.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (id) {
      return id && id !== card.id;
    });
    if (ids.length) current.setAttribute("aria-describedby", ids.join(" "));
    else current.removeAttribute("aria-describedby");
    if (current.hasAttribute("data-pb-title")) {
      current.setAttribute("title", current.getAttribute("data-pb-title"));
      current.removeAttribute("data-pb-title");
    }
    current = null;
  }

  function show(link, entry) {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    ensureCard();
    if (current !== link) release();
    fill(entry);
    current = link;
    var ids = (link.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    if (ids.indexOf(card.id) < 0) link.setAttribute("aria-describedby", ids.concat(card.id).join(" "));
    // The browser's own tooltip (the link's title) would lie over the card.
    if (link.hasAttribute("title")) {
      link.setAttribute("data-pb-title", link.getAttribute("title"));
      link.removeAttribute("title");
    }
    card.style.left = "0px";
    card.style.top = "0px";
    card.hidden = false;
    place();
  }

  function hide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (card) card.hidden = true;
    release();
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, HIDE_DELAY);
  }

  function visible() {
    return card !== null && !card.hidden;
  }

  function onOver(event) {
    var link = linkIn(event.target);
    if (!link || link === pointerOn) return;
    pointerOn = link;
    if (link === dismissed) return;
    var entry = entryFor(link);
    if (!entry) return;
    clearTimeout(hideTimer);
    if (visible() && current === link) return;
    clearTimeout(showTimer);
    // Moving from one card's link to another's needs no second wait.
    if (visible()) show(link, entry);
    else showTimer = setTimeout(function () { show(link, entry); }, SHOW_DELAY);
  }

  function onOut(event) {
    var link = linkIn(event.target);
    if (!link || link.contains(event.relatedTarget)) return;
    if (pointerOn === link) pointerOn = null;
    if (dismissed === link) dismissed = null;
    clearTimeout(showTimer);
    if (current === link && document.activeElement !== link) hideSoon();
  }

  function onFocus(event) {
    var link = linkIn(event.target);
    if (!link || link === dismissed) return;
    var entry = entryFor(link);
    if (entry) show(link, entry);
    else if (visible() && pointerOn !== card) hide();
  }

  function onBlur(event) {
    var link = linkIn(event.target);
    if (!link) return;
    if (dismissed === link) dismissed = null;
    if (current === link && pointerOn !== link && pointerOn !== card) hide();
  }

  function onKey(event) {
    if ((event.key === "Escape" || event.key === "Esc") && visible()) {
      dismissed = current;
      hide();
    }
  }

  function init() {
    document.addEventListener("mouseover", onOver);
    document.addEventListener("mouseout", onOut);
    document.addEventListener("focusin", onFocus);
    document.addEventListener("focusout", onBlur);
    document.addEventListener("keydown", onKey);
    document.addEventListener("click", function () { if (visible()) hide(); });
    window.addEventListener("scroll", place, { passive: true });
    window.addEventListener("resize", place);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
