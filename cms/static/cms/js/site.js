// Progressive enhancement only: every page works without JavaScript.
(function () {
  "use strict";

  // Sign-up: narrow the long list of centres as the person types, and show the
  // "new centre" fields only when they say their centre is not on the list.
  function enhanceCentreSelect(select) {
    var filter = document.createElement("input");
    filter.type = "search";
    filter.id = select.id + "_filter";
    filter.setAttribute("aria-controls", select.id);
    filter.setAttribute("autocomplete", "off");
    var label = document.createElement("label");
    label.htmlFor = filter.id;
    label.textContent = select.dataset.filterLabel || "Szukaj ośrodka";
    var status = document.createElement("p");
    status.className = "helptext";
    status.setAttribute("aria-live", "polite");
    select.parentNode.insertBefore(label, select);
    select.parentNode.insertBefore(filter, select);
    select.parentNode.insertBefore(status, select);

    var options = Array.prototype.slice.call(select.querySelectorAll("optgroup option"));
    filter.addEventListener("input", function () {
      var q = filter.value.trim().toLocaleLowerCase("pl");
      var shown = 0;
      options.forEach(function (opt) {
        var match = !q || opt.textContent.toLocaleLowerCase("pl").indexOf(q) !== -1;
        opt.hidden = !match;
        opt.disabled = !match;
        if (match) { shown += 1; }
      });
      select.querySelectorAll("optgroup").forEach(function (group) {
        group.hidden = !group.querySelector("option:not([hidden])");
      });
      status.textContent = q ? (select.dataset.countLabel || "Pasujące ośrodki: ") + shown : "";
    });
  }

  function toggleProposal(select) {
    var fields = document.querySelectorAll("[data-field^='new_centre_']");
    function update() {
      var on = select.value === "new";
      fields.forEach(function (el) { el.hidden = !on; });
    }
    select.addEventListener("change", update);
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var select = document.querySelector("select[data-centre-select]");
    if (select) {
      enhanceCentreSelect(select);
      toggleProposal(select);
    }
  });
})();
