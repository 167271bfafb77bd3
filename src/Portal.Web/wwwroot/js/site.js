// Progressive enhancements only: every page works without this file.
(function () {
    "use strict";
    var root = document.documentElement;
    var key = "portal.lowVision";
    try { if (localStorage.getItem(key) === "1") { root.classList.add("low-vision"); } } catch (e) { /* storage blocked */ }

    document.addEventListener("DOMContentLoaded", function () {
        var toggle = document.querySelector("[data-low-vision-toggle]");
        if (toggle) {
            var sync = function () {
                var on = root.classList.contains("low-vision");
                toggle.setAttribute("aria-pressed", on ? "true" : "false");
                toggle.textContent = on ? "Обычная версия" : "Версия для слабовидящих";
            };
            sync();
            toggle.addEventListener("click", function () {
                root.classList.toggle("low-vision");
                try { localStorage.setItem(key, root.classList.contains("low-vision") ? "1" : "0"); } catch (e) { /* ignore */ }
                sync();
            });
        }
        var navToggle = document.querySelector("[data-nav-toggle]");
        if (navToggle) {
            navToggle.addEventListener("click", function () {
                var list = document.getElementById(navToggle.getAttribute("aria-controls"));
                var open = list.classList.toggle("open");
                navToggle.setAttribute("aria-expanded", open ? "true" : "false");
            });
        }
        document.querySelectorAll("[data-print]").forEach(function (b) {
            b.addEventListener("click", function () { window.print(); });
        });
        document.querySelectorAll("[data-confirm]").forEach(function (el) {
            el.addEventListener("click", function (ev) {
                if (!window.confirm(el.getAttribute("data-confirm"))) { ev.preventDefault(); }
            });
        });
        // A file over the limit is refused before it is sent: a request larger than the server
        // accepts never reaches the page, and the text typed into the form would be lost with it.
        // (The forms carry novalidate, so the check also stops the submit itself.)
        document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
            var max = Number(input.getAttribute("data-max-bytes"));
            var label = input.getAttribute("data-max-label") || "";
            var error = input.parentElement ? input.parentElement.querySelector(".field-error") : null;
            var check = function () {
                var tooLarge = Array.prototype.filter.call(input.files || [], function (f) { return f.size > max; });
                var message = tooLarge.length === 0 ? "" :
                    "Файл «" + tooLarge[0].name + "» слишком большой: допустимо не более " + label + ". Выберите файл меньшего размера.";
                input.setCustomValidity(message);
                if (error) { error.textContent = message; }
                return message;
            };
            input.addEventListener("change", check);
            if (input.form) {
                input.form.addEventListener("submit", function (ev) {
                    if (check()) {
                        ev.preventDefault();
                        input.focus();
                        input.reportValidity();
                    }
                });
            }
        });
    });
})();
