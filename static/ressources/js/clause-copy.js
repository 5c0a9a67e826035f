// "Copier la clause": progressive enhancement. Without JavaScript the button stays hidden and the
// clause text remains selectable; with it, one click copies the text and says so.
(function () {
  "use strict";

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function legacyCopy(element) {
    selectText(element);
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  document.querySelectorAll("[data-clause-copy]").forEach(function (section) {
    var button = section.querySelector("[data-copy-target]");
    var status = section.querySelector("[data-copy-status]");
    var done = section.querySelector("template[data-copy-done]");
    var failed = section.querySelector("template[data-copy-failed]");
    if (!button || !status) {
      return;
    }
    var source = document.getElementById(button.getAttribute("data-copy-target"));
    if (!source) {
      return;
    }
    function report(ok) {
      status.textContent = (ok ? done : failed).content.textContent.trim();
      status.classList.toggle("fr-message--valid", ok);
      status.classList.toggle("fr-message--error", !ok);
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = source.textContent;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(
          function () { report(true); },
          function () { report(legacyCopy(source)); }
        );
      } else {
        report(legacyCopy(source));
      }
    });
  });
})();
