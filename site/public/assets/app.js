// EZ360PM — progressive enhancement only. Every page works without this file.
//
// <form data-confirm="Delete this client?"> asks before submitting; a submit button may
// carry its own data-confirm instead. Loaded with <script src="/assets/app.js" defer>;
// no inline script anywhere (the CSP forbids it).
(function () {
    "use strict";

    document.addEventListener("submit", function (event) {
        var form = event.target;
        if (!(form instanceof HTMLFormElement)) {
            return;
        }
        var submitter = event.submitter;
        var message = (submitter && submitter.getAttribute("data-confirm")) ||
            form.getAttribute("data-confirm");
        if (message && !window.confirm(message)) {
            event.preventDefault();
        }
    });
})();
