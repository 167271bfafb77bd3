// The association's pages: print button, confirmations, unanimous vote, quick keyboard entry.
(function () {
    'use strict';

    document.querySelectorAll('[data-print]').forEach(function (button) {
        button.addEventListener('click', function () { window.print(); });
    });

    document.querySelectorAll('form[data-confirm]').forEach(function (form) {
        form.addEventListener('submit', function (event) {
            if (!window.confirm(form.getAttribute('data-confirm'))) {
                event.preventDefault();
            }
        });
    });

    // «Единогласно»: every member present voted for.
    document.querySelectorAll('[data-unanimous]').forEach(function (button) {
        button.addEventListener('click', function () {
            var i = button.getAttribute('data-unanimous');
            var present = document.getElementById('Input_AttendanceCount');
            var set = function (name, value) {
                var input = document.getElementById('Input_Items_' + i + '__' + name);
                if (input) { input.value = value; }
            };
            set('VotesFor', present ? present.value : '');
            set('VotesAgainst', '0');
            set('VotesAbstained', '0');
        });
    });

    // Ctrl+Enter in the protocol form saves a draft, so nothing typed during the meeting is lost.
    document.querySelectorAll('form[data-draft-shortcut]').forEach(function (form) {
        form.addEventListener('keydown', function (event) {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                var draft = form.querySelector('[data-draft-button]');
                if (draft) { draft.click(); }
            }
        });
    });

    // Daily delivery form: Enter moves to the next «received» field, Ctrl+Enter submits.
    document.querySelectorAll('form[data-delivery-form]').forEach(function (form) {
        var fields = Array.prototype.slice.call(form.querySelectorAll('input[data-received]'));
        if (fields.length && !document.querySelector('[autofocus]')) {
            fields[0].focus();
        }
        form.addEventListener('keydown', function (event) {
            if (event.key !== 'Enter' || event.target.tagName !== 'INPUT') { return; }
            if (event.ctrlKey || event.metaKey) {
                event.preventDefault();
                form.requestSubmit();
                return;
            }
            var index = fields.indexOf(event.target);
            if (index >= 0 && index < fields.length - 1) {
                event.preventDefault();
                fields[index + 1].focus();
                fields[index + 1].select();
            }
        });
    });
}());
