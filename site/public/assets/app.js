// EZ360PM — progressive enhancement only. Every page works without this file.
//
// <form data-confirm="Delete this client?"> asks before submitting; a submit button may
// carry its own data-confirm instead. <span class="timer-elapsed" data-started-at="UNIX
// SECONDS"> (the running timer in the navigation bar) ticks the elapsed time; without
// JavaScript it shows the start time. Loaded with <script src="/assets/app.js" defer>;
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

    function pad(n) {
        return n < 10 ? "0" + n : String(n);
    }

    function tick() {
        var timers = document.querySelectorAll(".timer-elapsed[data-started-at]");
        var now = Math.floor(Date.now() / 1000);
        for (var i = 0; i < timers.length; i++) {
            var started = parseInt(timers[i].getAttribute("data-started-at"), 10);
            if (isNaN(started)) {
                continue;
            }
            var seconds = Math.max(0, now - started);
            var hours = Math.floor(seconds / 3600);
            timers[i].textContent = hours + ":" + pad(Math.floor(seconds / 60) % 60) + ":" + pad(seconds % 60);
        }
        if (timers.length > 0) {
            window.setTimeout(tick, 1000);
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", tick);
    } else {
        tick();
    }
})();
