/* Title suggestions for search inputs (progressive enhancement: the form works without it).
   Applies to inputs with data-autocomplete-url, and to the header search input. */
(function () {
  "use strict";
  var DEFAULT_URL = "/recherche/autocomplete/";

  function enhance(input, url) {
    if (!input || input.dataset.autocompleteReady) return;
    input.dataset.autocompleteReady = "1";
    var list = document.createElement("datalist");
    list.id = (input.id || "search") + "-suggestions";
    input.parentNode.appendChild(list);
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      var value = input.value.trim();
      if (value.length < 2 || value === last) return;
      clearTimeout(timer);
      timer = setTimeout(function () {
        last = value;
        fetch(url + "?q=" + encodeURIComponent(value), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            while (list.firstChild) list.removeChild(list.firstChild);
            (data.results || []).forEach(function (item) {
              var option = document.createElement("option");
              option.value = item.title;
              list.appendChild(option);
            });
          })
          .catch(function () { /* suggestions are optional */ });
      }, 200);
    });
  }

  function init() {
    document.querySelectorAll("input[data-autocomplete-url]").forEach(function (input) {
      enhance(input, input.dataset.autocompleteUrl);
    });
    enhance(document.getElementById("header-search-input"), DEFAULT_URL);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
