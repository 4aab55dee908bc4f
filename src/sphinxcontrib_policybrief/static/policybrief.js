/* sphinxcontrib-policybrief: optional filter chips over a timeline. The page is complete
   without this script (per-actor timelines exist as pages); it only hides entries that do
   not match the chosen actor or tag. */
(function () {
  "use strict";

  function collect(entries) {
    // Names come from the actor links themselves: each link's fragment is the actor id.
    var actors = {}, tags = {}, counts = {};
    entries.forEach(function (entry) {
      entry.querySelectorAll("a[title^='Actor: ']").forEach(function (a) {
        var id = (a.getAttribute("href") || "").split("#")[1];
        if (id) actors["pb-a-" + decodeURIComponent(id)] = a.getAttribute("title").slice(7);
      });
      entry.classList.forEach(function (cls) {
        if (cls.indexOf("pb-t-") === 0) tags[cls] = "#" + cls.slice(5);
        if (cls.indexOf("pb-a-") === 0 || cls.indexOf("pb-t-") === 0) {
          counts[cls] = (counts[cls] || 0) + 1;
        }
      });
    });
    // A chip that selects a single event is noise: keep those shared by two or more.
    function shared(names) {
      return Object.keys(names).filter(function (k) { return counts[k] >= 2; })
        .sort(function (a, b) { return names[a].localeCompare(names[b]); })
        .map(function (k) { return [k, names[k]]; });
    }
    return { actors: shared(actors), tags: shared(tags) };
  }

  function chipsFor(view) {
    var entries = Array.prototype.slice.call(view.querySelectorAll(".pb-tl-event"));
    if (entries.length < 4) return;
    var found = collect(entries);
    var active = null, chips = [];
    function apply() {
      chips.forEach(function (c) {
        c.setAttribute("aria-pressed", String(c.dataset.key === active));
      });
      entries.forEach(function (entry) {
        entry.classList.toggle("pb-hidden", active !== null && !entry.classList.contains(active));
      });
    }
    function row(label, items) {
      if (!items.length) return null;
      var bar = document.createElement("div");
      bar.className = "pb-chips";
      bar.setAttribute("role", "group");
      bar.setAttribute("aria-label", "Show only events of one " + label.toLowerCase());
      var caption = document.createElement("span");
      caption.className = "pb-chips-label";
      caption.textContent = label;
      bar.appendChild(caption);
      items.forEach(function (item) {
        var chip = document.createElement("button");
        chip.type = "button";
        chip.className = "pb-chip";
        chip.dataset.key = item[0];
        chip.textContent = item[1];
        chip.addEventListener("click", function () {
          active = active === item[0] ? null : item[0];
          apply();
        });
        chips.push(chip);
        bar.appendChild(chip);
      });
      return bar;
    }
    var anchor = view.querySelector(".pb-tl-jump, .pb-tl-year");
    [row("Actor", found.actors), row("Tag", found.tags)].forEach(function (bar) {
      if (bar) view.insertBefore(bar, anchor || null);
    });
    apply();
  }

  function init() {
    document.querySelectorAll(".pb-timeline").forEach(chipsFor);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
