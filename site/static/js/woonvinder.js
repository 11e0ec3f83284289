/*
 * Woonvinder: small comforts on top of pages that already work without JavaScript.
 * No framework, no inline handlers (the Content-Security-Policy forbids inline script).
 *
 * - An error summary (.error-summary) takes focus on load, so screen readers announce it.
 * - Buttons with [data-print] (rendered `hidden`) appear and print the page.
 * - Printing opens every <details>, so FAQ answers and explanations reach paper, and closes
 *   them again afterwards.
 * - Forms with [data-submit-once] disable their submit buttons after the first submit.
 * - Back from "Bewaren" at #woonlocatie-<id>: focus goes to that card's shortlist button and
 *   the status message is announced (a live region filled at load is often not read).
 * - The results page's filters (<details data-filters-toggle>, rendered open) fold away on
 *   narrow screens, unless they hold an error or the address points at them; on wide screens
 *   they are always open. Links to #filters open them.
 */
(function () {
  "use strict";

  function focusErrorSummary() {
    var summary = document.querySelector(".error-summary");
    if (summary) {
      if (!summary.hasAttribute("tabindex")) {
        summary.setAttribute("tabindex", "-1");
      }
      summary.focus();
    }
  }

  function enablePrintButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function (event) {
        event.preventDefault();
        window.print();
      });
    });
  }

  function openDetailsForPrint() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details:not([open])").forEach(function (details) {
        details.open = true;
        opened.push(details);
      });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (details) {
        details.open = false;
      });
      opened = [];
    });
  }

  function submitOnce() {
    document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
      form.addEventListener("submit", function () {
        form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) {
          window.setTimeout(function () {
            b.disabled = true;
          }, 0);
        });
      });
    });
  }

  function returnToSavedCard() {
    var match = /^#woonlocatie-\d+$/.exec(window.location.hash);
    var card = match && document.getElementById(window.location.hash.slice(1));
    var button = card && card.querySelector(".shortlist-form button");
    if (!button) {
      return;
    }
    button.focus();
    var status = document.querySelector(".messages[role=status]");
    if (status) {
      // Add the message once more (for screen readers only): an addition to a live region is
      // announced, while text already there at load often is not. What is shown stays put.
      var text = status.textContent.trim();
      window.setTimeout(function () {
        var echo = document.createElement("p");
        echo.className = "visually-hidden";
        echo.textContent = text;
        status.appendChild(echo);
      }, 100);
    }
  }

  function foldFiltersOnPhones() {
    var details = document.querySelector("details[data-filters-toggle]");
    if (!details || !window.matchMedia) {
      return;
    }
    var wide = window.matchMedia("(min-width: 62em)");
    var wanted = details.querySelector(".error-summary") || window.location.hash === "#filters";
    details.open = wide.matches || Boolean(wanted);
    var follow = function (event) {
      if (event.matches) {
        details.open = true;
      }
    };
    if (wide.addEventListener) {
      wide.addEventListener("change", follow);
    } else if (wide.addListener) {
      wide.addListener(follow);
    }
    document.querySelectorAll('a[href="#filters"]').forEach(function (link) {
      link.addEventListener("click", function () {
        details.open = true;
      });
    });
  }

  function start() {
    // After the browser's own jump to the #fragment, which would otherwise reset the focus.
    window.addEventListener("load", function () {
      window.setTimeout(returnToSavedCard, 0);
    });
    foldFiltersOnPhones();
    focusErrorSummary();
    enablePrintButtons();
    openDetailsForPrint();
    submitOnce();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
