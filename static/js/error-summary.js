// After a server-side form error, move the focus to the error summary, so a screen reader announces it and a
// keyboard user starts from the list of fields to fix. The summary also carries `autofocus`, which does the same
// without JavaScript; this covers browsers that ignore autofocus on a non-form element.
(function () {
    "use strict";
    function focusSummary() {
        var summary = document.querySelector(".error-summary[data-focus-on-load]");
        if (summary && document.activeElement !== summary && !summary.contains(document.activeElement)) {
            summary.focus();
        }
    }
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", focusSummary);
    } else {
        focusSummary();
    }
})();
