/* Kamertracker: progressive enhancement only. Every action works without this file. */
(function () {
  "use strict";
  function toIso(text) {
    var m = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(text.trim());
    if (m) { return m[3] + "-" + ("0" + m[2]).slice(-2) + "-" + ("0" + m[1]).slice(-2); }
    return /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? text.trim() : "";
  }
  // One date field, with a small "Kalender" button that opens the browser's own date picker; picking writes
  // dd-mm-jjjj into the field. (The picker input itself stays out of sight: a second box per date wrapped
  // untidily and read as two fields.)
  document.querySelectorAll("input.date-input").forEach(function (input) {
    var picker = document.createElement("input");
    picker.type = "date";
    picker.className = "picker";
    picker.tabIndex = -1;
    picker.setAttribute("aria-hidden", "true");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary pick-date";
    button.textContent = "Kalender";
    button.setAttribute("aria-label", "Kalender: kies een datum voor " + (input.labels && input.labels[0] ? input.labels[0].textContent : "datum"));
    button.addEventListener("click", function () {
      picker.value = toIso(input.value);
      if (typeof picker.showPicker === "function") { picker.showPicker(); } else { picker.focus(); picker.click(); }
    });
    picker.addEventListener("change", function () {
      var p = picker.value.split("-");
      if (p.length === 3) { input.value = p[2] + "-" + p[1] + "-" + p[0]; input.dispatchEvent(new Event("input")); }
      input.focus();
    });
    input.insertAdjacentElement("afterend", button);
    button.insertAdjacentElement("afterend", picker);
  });
  // A link to one of the item page's action forms (the <summary> of a folded <details>) unfolds it: "gebruik
  // Uitstelbericht vastleggen".
  var unfold = function (id) {
    var target = id && document.getElementById(id);
    if (target && target.tagName === "SUMMARY" && target.parentElement.tagName === "DETAILS") {
      target.parentElement.open = true;
    }
  };
  document.querySelectorAll('a[href^="#"]').forEach(function (link) {
    link.addEventListener("click", function () { unfold(link.getAttribute("href").slice(1)); });
  });
  unfold(window.location.hash.slice(1));
  // "Alle items op deze pagina kiezen": the header box of a list's bulk form ticks or clears every row box of the
  // page, and shows whether all, some (indeterminate) or none are ticked. Without JavaScript it stays hidden.
  document.querySelectorAll("input[data-kies-alle]").forEach(function (all) {
    var name = all.getAttribute("data-kies-alle");
    var boxes = Array.prototype.filter.call(all.form ? all.form.elements : [], function (el) {
      return el.type === "checkbox" && el.name === name;
    });
    if (!boxes.length) { return; }
    var sync = function () {
      var ticked = boxes.filter(function (b) { return b.checked; }).length;
      all.checked = ticked === boxes.length;
      all.indeterminate = ticked > 0 && ticked < boxes.length;
    };
    all.addEventListener("change", function () {
      boxes.forEach(function (b) { b.checked = all.checked; });
      sync();
    });
    boxes.forEach(function (b) { b.addEventListener("change", sync); });
    all.hidden = false;
    if (all.labels && all.labels[0]) { all.labels[0].hidden = false; }
    sync();
  });
  // The new-item form: one soort's fields at a time. Without this script the soort is chosen by the links above the
  // form (?soort=…, drawn by the server); with it the select switches the fields in place: another soort's fields
  // are shown and switched on (a hidden field is disabled, so it is never sent), labels and hints follow the soort.
  var itemForm = document.querySelector("form.item-form");
  var kindSelect = document.getElementById("kind");
  var words = document.getElementById("soort-teksten");
  var showKind = function (kind) {
    var spec = words && JSON.parse(words.textContent)[kind];
    if (!spec) { return; }
    itemForm.setAttribute("data-soort", kind);
    itemForm.querySelectorAll(".soort-veld").forEach(function (box) {
      var name = box.getAttribute("data-veld");
      var on = spec.velden.indexOf(name) >= 0;
      box.hidden = !on;
      box.querySelectorAll("input, select, textarea, button").forEach(function (control) { control.disabled = !on; });
      var text = spec.teksten[name];
      if (on && text) {
        var label = box.querySelector("label");
        var hint = box.querySelector(".hint");
        if (label) { label.textContent = text[0]; }
        var pick = box.querySelector(".pick-date");
        if (pick) { pick.setAttribute("aria-label", "Kalender: kies een datum voor " + text[0]); }
        if (hint) { hint.textContent = text[1]; hint.hidden = !text[1]; }
      }
    });
    document.querySelectorAll(".soort-keuze a").forEach(function (link) {
      if (link.getAttribute("href").indexOf("soort=" + kind) >= 0) { link.setAttribute("aria-current", "page"); }
      else { link.removeAttribute("aria-current"); }
    });
  };
  if (itemForm && kindSelect && words) {
    var chooser = kindSelect.closest(".soort-kiezer");
    if (chooser) { chooser.hidden = false; }  // the select replaces the links
    document.querySelectorAll(".soort-keuze").forEach(function (nav) { nav.hidden = true; });
    kindSelect.addEventListener("change", function () {
      showKind(kindSelect.value);
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, "", window.location.pathname + "?soort=" + encodeURIComponent(kindSelect.value));
      }
    });
  }
  // Live preview of the deadline the item will get: the server computes it with the rules saving uses.
  var preview = document.getElementById("deadline-preview");
  if (itemForm && preview) {
    var byId = function (id) { return document.getElementById(id); };
    var timer = null;
    var line = function (className, text) {
      var p = document.createElement("p");
      p.className = className;
      p.textContent = text;
      preview.appendChild(p);
    };
    var value = function (id) {
      var el = byId(id);
      return el && !el.disabled ? el.value : "";
    };
    var update = function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var kind = kindSelect ? kindSelect.value : itemForm.getAttribute("data-soort");
        var q = new URLSearchParams({ soort: kind || "", kamer: value("chamber") || itemForm.getAttribute("data-kamer") || "TK",
                                      datum: value("start_date"), zin: value("deadline"), termijn: value("term") });
        if (itemForm.getAttribute("data-item")) { q.set("item", itemForm.getAttribute("data-item")); }
        fetch("/api/termijn?" + q.toString(), { credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (data) {
            preview.textContent = "";
            if (data.error) { line("note", "Let op: " + data.error); return; }
            line("preview", data.tekst);
            if (data.uitleg) { line("explanation", data.uitleg); }
            (data.waarschuwingen || []).forEach(function (w) { line("note", w); });
            if (data.toelichting) { line("muted", data.toelichting); }
          })
          .catch(function () { preview.textContent = ""; });
      }, 300);
    };
    ["kind", "chamber", "start_date", "deadline", "term"].forEach(function (id) {
      var el = byId(id);
      if (el) { el.addEventListener("input", update); el.addEventListener("change", update); }
    });
  }
})();
