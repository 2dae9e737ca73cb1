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
  // Live preview of what a deadline phrase resolves to.
  var deadline = document.getElementById("deadline");
  var preview = document.getElementById("deadline-preview");
  if (deadline && preview) {
    var start = document.getElementById("start_date");
    var chamber = document.getElementById("chamber");
    var timer = null;
    var update = function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (!deadline.value.trim()) { preview.textContent = ""; return; }
        var q = new URLSearchParams({ zin: deadline.value, datum: start ? start.value : "", kamer: chamber ? chamber.value : "TK" });
        fetch("/api/termijn?" + q.toString(), { credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (data) {
            if (data.error) { preview.textContent = "Let op: " + data.error; }
            else if (data.due) { preview.textContent = "Termijn: " + data.due.split("-").reverse().join("-") + " — " + data.uitleg; }
            else { preview.textContent = "Geen datum: " + (data.probleem || data.uitleg); }
          })
          .catch(function () { preview.textContent = ""; });
      }, 300);
    };
    [deadline, start, chamber].forEach(function (el) { if (el) { el.addEventListener("input", update); el.addEventListener("change", update); } });
  }
})();
