/*
 * Woonvinder: small comforts on top of pages that already work without JavaScript.
 * No framework, no inline handlers (the Content-Security-Policy forbids inline script).
 *
 * - An error summary (.error-summary) takes focus on load, so screen readers announce it.
 * - Buttons with [data-print] (rendered `hidden`) appear and print the page.
 * - Printing opens every <details>, so FAQ answers and explanations reach paper, and closes
 *   them again afterwards.
 * - Forms with [data-submit-once] disable their submit buttons after the first submit.
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

  function start() {
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
