// Autocomplete for every input with data-autocomplete (the layout's header search, the home page, /search).
// An ARIA combobox: arrow keys move through suggestions, Enter picks one, Escape closes the list.
(function () {
    "use strict";
    var counter = 0;

    function attach(input) {
        if (input.dataset.autocompleteReady) { return; }
        input.dataset.autocompleteReady = "1";
        var url = input.getAttribute("data-autocomplete");
        var list = document.createElement("ul");
        var id = "search-suggest-" + (++counter);
        list.id = id;
        list.className = "search-suggest";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", "Подсказки");
        list.hidden = true;
        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", id);
        input.parentNode.classList.add("search-suggest-host");
        input.parentNode.appendChild(list);
        var active = -1, timer = null, lastQuery = "", controller = null;

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function choose(item) {
            if (item.dataset.url) { window.location.href = item.dataset.url; return; }
            input.value = item.dataset.text;
            close();
            if (input.form) { input.form.submit(); }
        }

        function render(items) {
            list.textContent = "";
            items.forEach(function (s, i) {
                var li = document.createElement("li");
                li.id = id + "-" + i;
                li.setAttribute("role", "option");
                li.className = "search-suggest-" + s.type;
                li.textContent = s.text;
                li.dataset.text = s.text;
                if (s.url) { li.dataset.url = s.url; }
                li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(li); });
                list.appendChild(li);
            });
            list.hidden = items.length === 0;
            input.setAttribute("aria-expanded", items.length ? "true" : "false");
            active = -1;
        }

        function highlight(index) {
            var items = list.querySelectorAll("li");
            if (!items.length) { return; }
            active = (index + items.length) % items.length;
            items.forEach(function (li, i) { li.setAttribute("aria-selected", i === active ? "true" : "false"); });
            input.setAttribute("aria-activedescendant", items[active].id);
        }

        input.addEventListener("input", function () {
            clearTimeout(timer);
            var q = input.value.trim();
            if (q.length < 2) { close(); return; }
            timer = setTimeout(function () {
                if (q === lastQuery) { return; }
                lastQuery = q;
                if (controller) { controller.abort(); }
                controller = new AbortController();
                fetch(url + "?q=" + encodeURIComponent(q), { signal: controller.signal, headers: { "Accept": "application/json" } })
                    .then(function (r) { return r.ok ? r.json() : []; })
                    .then(render)
                    .catch(function () { /* aborted or offline: keep typing */ });
            }, 120);
        });
        input.addEventListener("keydown", function (e) {
            if (list.hidden) { return; }
            if (e.key === "ArrowDown") { e.preventDefault(); highlight(active + 1); }
            else if (e.key === "ArrowUp") { e.preventDefault(); highlight(active - 1); }
            else if (e.key === "Enter" && active >= 0) { e.preventDefault(); choose(list.querySelectorAll("li")[active]); }
            else if (e.key === "Escape") { close(); }
        });
        input.addEventListener("blur", function () { setTimeout(close, 150); });
    }

    function init() {
        document.querySelectorAll("input[data-autocomplete]").forEach(attach);
    }
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
