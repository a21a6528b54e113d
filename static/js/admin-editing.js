/* Markdown preview in the admin's change forms (techniekpact.admin.EditingMixin).
   An external file, because the Content-Security-Policy allows no inline script. The HTML comes
   from the server, rendered and sanitised by the same code as the site (techniekpact.markup). */
"use strict";
(function () {
  function setup() {
    var settings = document.getElementById("markdown-preview-settings");
    if (!settings) {
      return;
    }
    var form = settings.closest("form");
    var token = form ? form.querySelector("input[name=csrfmiddlewaretoken]") : null;
    document.querySelectorAll("textarea[data-markdown-preview]").forEach(function (textarea) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button markdown-preview-button";
      button.textContent = settings.dataset.button;
      button.setAttribute("aria-controls", textarea.id + "-preview");
      var output = document.createElement("div");
      output.id = textarea.id + "-preview";
      output.className = "markdown-preview";
      output.setAttribute("aria-live", "polite");
      output.hidden = true;
      output.lang = textarea.lang;
      textarea.insertAdjacentElement("afterend", output);
      textarea.insertAdjacentElement("afterend", button);
      button.addEventListener("click", function () {
        var body = new FormData();
        body.append("text", textarea.value);
        fetch(settings.dataset.url, {
          method: "POST",
          body: body,
          credentials: "same-origin",
          headers: { "X-CSRFToken": token ? token.value : "" },
        })
          .then(function (response) {
            if (!response.ok) {
              throw new Error(response.status);
            }
            return response.text();
          })
          .then(function (html) {
            output.innerHTML = html;
          })
          .catch(function () {
            output.textContent = settings.dataset.failed;
          })
          .finally(function () {
            output.hidden = false;
          });
      });
    });
  }
  /* Change lists on a phone are shown as cards (static/css/admin.css): each cell gets its
     column's name, read from the table head, to show before its value. */
  function labelCells() {
    var table = document.getElementById("result_list");
    if (!table) {
      return;
    }
    var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, index) {
        if (names[index]) {
          cell.dataset.label = names[index];
        }
      });
    });
  }
  /* A tabular inline wider than a phone scrolls sideways in its box: make that box reachable
     and named for keyboard users (WCAG 2.1.1). */
  function focusableScrollBoxes() {
    document.querySelectorAll(".inline-group .tabular .wrapper").forEach(function (box) {
      var heading = box.closest(".inline-group").querySelector("h2");
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      if (heading) {
        box.setAttribute("aria-label", heading.textContent.trim());
      }
    });
  }
  function start() {
    setup();
    labelCells();
    focusableScrollBoxes();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
