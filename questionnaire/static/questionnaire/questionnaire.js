/*
 * Questionnaire comfort: on each new question, move focus to its heading so screen readers read
 * the question first. Without JavaScript the page works the same; the site script already moves
 * focus to the error summary when there is one, so we leave focus alone then.
 */
(function () {
  "use strict";

  function focusHeading() {
    if (document.querySelector(".error-summary")) {
      return;
    }
    var heading = document.getElementById("vraag-titel");
    if (heading) {
      heading.focus({ preventScroll: false });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusHeading);
  } else {
    focusHeading();
  }
})();
