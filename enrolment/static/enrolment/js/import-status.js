// The status page of a background schedule import. Every few seconds it asks for the job's
// progress (?format=json) and moves the progress bar; when the job's state changes it swaps in
// the page's new status (the report, once the job is done) and announces the new state to
// screen readers. Without JavaScript the page offers a link to refresh it.
(function () {
  "use strict";
  var box = document.getElementById("import-status");
  if (!box || !window.fetch) return;
  var EVERY_MS = 3000;
  var state = box.dataset.state;

  function progressText(done, total) {
    return box.dataset.progressText.replace("{done}", done).replace("{total}", total);
  }

  function swap() {
    return fetch(window.location.pathname, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("import-status");
        if (!fresh) return;
        box.innerHTML = fresh.innerHTML;
        box.dataset.state = fresh.dataset.state;
        var sentence = box.querySelector("[data-state-text]");
        var announce = document.getElementById("import-announce");
        if (sentence && announce) announce.textContent = sentence.textContent.trim();
      });
  }

  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (job) {
        if (!job) return false;
        if (job.state !== state) {
          state = job.state;
          return swap().then(function () { return job.finished; });
        }
        var bar = box.querySelector("progress");
        if (bar) { bar.max = job.rows_total; bar.value = job.rows_done; }
        var text = box.querySelector("label[data-progress-text]");
        if (text) text.textContent = progressText(job.rows_done, job.rows_total);
        return job.finished;
      })
      .catch(function () { return false; })  // a network hiccup: ask again later
      .then(function (finished) { if (!finished) window.setTimeout(poll, EVERY_MS); });
  }

  if (state !== "done" && state !== "failed") window.setTimeout(poll, EVERY_MS);
})();
