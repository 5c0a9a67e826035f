// DECP import page: polls the import's state and moves the progress bar; the text is announced
// politely (aria-live), and once the file is read shows a link to the result. Without JavaScript
// the « Actualiser » button does the same by hand.
(function () {
  "use strict";
  var box = document.getElementById("decp-progress");
  if (!box || !window.fetch) {
    return;
  }
  var bar = document.getElementById("decp-progress-bar");
  var text = document.getElementById("decp-progress-text");
  var url = box.getAttribute("data-status-url");
  var lastAnnounced = -1;

  function format(state) {
    return box
      .getAttribute("data-progress-label")
      .replace("{status}", state.status_label)
      .replace("{percent}", String(state.percent));
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (state) {
        if (!state) {
          window.setTimeout(poll, 5000);
          return;
        }
        bar.value = state.percent;
        bar.textContent = state.percent + " %";
        if (state.finished) {
          // No automatic reload (RGAA 13.1): the member follows the link when they choose.
          text.textContent = box.getAttribute("data-done-label");
          document.getElementById("decp-result-link").hidden = false;
          return;
        }
        // Announce every 10 % at most, so screen readers are not flooded.
        if (Math.floor(state.percent / 10) !== Math.floor(lastAnnounced / 10)) {
          lastAnnounced = state.percent;
          text.textContent = format(state);
        }
        window.setTimeout(poll, 1000);
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }
  window.setTimeout(poll, 1000);
})();
