/* sphinxcontrib-policybrief: optional filter chips over a timeline. The page is complete
   without this script; it only hides entries that do not match the chosen actor or tag. */
(function () {
  "use strict";
  function chipsFor(view) {
    var entries = Array.prototype.slice.call(view.querySelectorAll(".pb-tl-event"));
    if (entries.length < 4) return;
    var names = {};
    entries.forEach(function (entry) {
      entry.querySelectorAll("a[title^='Actor: ']").forEach(function (a) {
        var name = a.getAttribute("title").slice(7);
        entry.classList.forEach(function (cls) {
          if (cls.indexOf("pb-a-") === 0 && !names[cls]) names[cls] = name;
        });
      });
      entry.classList.forEach(function (cls) {
        if (cls.indexOf("pb-t-") === 0 && !names[cls]) names[cls] = "#" + cls.slice(5);
      });
    });
    var keys = Object.keys(names).sort(function (a, b) {
      return names[a].localeCompare(names[b]);
    });
    if (!keys.length) return;
    var bar = document.createElement("div");
    bar.className = "pb-chips";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Filter events");
    var active = null;
    keys.forEach(function (key) {
      var chip = document.createElement("button");
      chip.type = "button";
      chip.className = "pb-chip";
      chip.textContent = names[key];
      chip.setAttribute("aria-pressed", "false");
      chip.addEventListener("click", function () {
        active = active === key ? null : key;
        bar.querySelectorAll(".pb-chip").forEach(function (c) {
          c.setAttribute("aria-pressed", String(c === chip && active !== null));
        });
        entries.forEach(function (entry) {
          entry.classList.toggle("pb-hidden", active !== null && !entry.classList.contains(active));
        });
      });
      bar.appendChild(chip);
    });
    var list = view.querySelector(".pb-tl-jump, .pb-tl-year");
    view.insertBefore(bar, list || view.firstChild);
  }
  function init() {
    document.querySelectorAll(".pb-timeline").forEach(chipsFor);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
