// Live preview for the Markdown editors (materials, NEB guides): posts the text to the page's Preview handler and shows
// the sanitised HTML it returns. Without this file the "Предпросмотр" button does the same by a
// full form submit.
(function () {
    "use strict";
    document.addEventListener("DOMContentLoaded", function () {
        var form = document.querySelector("[data-markdown-editor]");
        if (!form) { return; }
        var source = form.querySelector("[data-preview-source]");
        var target = form.querySelector("[data-preview-target]");
        var button = form.querySelector("[data-preview-button]");
        if (!source || !target || !button) { return; }
        var url = button.getAttribute("formaction") || (window.location.pathname + "?handler=Preview");
        var timer = null;
        var latest = 0;

        function refresh() {
            var ticket = ++latest;
            var data = new FormData(form);
            data.delete("Attachments");
            fetch(url, {
                method: "POST",
                body: data,
                credentials: "same-origin",
                headers: { "X-Preview-Fragment": "1" }
            }).then(function (response) {
                if (!response.ok) { throw new Error(String(response.status)); }
                return response.text();
            }).then(function (html) {
                // The server sanitises the HTML; only the answer to the latest request is shown.
                if (ticket === latest) { target.innerHTML = html; }
            }).catch(function () {
                if (ticket === latest) {
                    target.innerHTML = "<p class=\"field-error\">Не удалось обновить предпросмотр. Нажмите «Предпросмотр» ещё раз.</p>";
                }
            });
        }

        source.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(refresh, 400);
        });
        button.addEventListener("click", function (ev) {
            ev.preventDefault();
            refresh();
        });
        if (source.value.trim().length > 0) { refresh(); }
    });
})();

// On a phone the document filters start folded, so the list is the first thing a reader sees.
(function () {
    "use strict";
    document.addEventListener("DOMContentLoaded", function () {
        if (!window.matchMedia("(max-width: 48rem)").matches) { return; }
        document.querySelectorAll("details[data-collapse-on-phone='true']").forEach(function (d) {
            d.removeAttribute("open");
        });
    });
})();
