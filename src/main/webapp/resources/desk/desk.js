/*
 * A field the last refusal marked stops being marked as soon as the clerk changes it; once no
 * marked field is left in its form, the refusal at the top of the page has said all it had to say
 * and goes too, so a corrected form does not still look refused. The server checks again on submit.
 */
(function () {
  function corrected(event) {
    var input = event.target;
    if (!input.classList || !input.classList.contains('desk-invalid')) {
      return;
    }
    input.classList.remove('desk-invalid');
    input.setAttribute('aria-invalid', 'false');
    var field = input.closest('.desk-field');
    var note = field && field.querySelector('.desk-field-error');
    if (note) {
      note.remove();
    }
    if (input.form && !input.form.querySelector('.desk-invalid')) {
      var banner = document.getElementById('messages');
      if (banner) {
        banner.replaceChildren();
      }
    }
  }
  document.addEventListener('input', corrected, true);
  document.addEventListener('change', corrected, true);
})();

/*
 * On a narrow screen the menu folds behind the header's button; the page's body carries the state
 * so the stylesheet alone decides what shows.
 */
(function () {
  document.addEventListener('click', function (event) {
    var toggle = event.target.closest && event.target.closest('.desk-menu-toggle');
    if (!toggle) {
      return;
    }
    var open = document.body.classList.toggle('desk-menu-open');
    toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
  });
})();

/*
 * What PrimeFaces draws is mended for screen readers as it is drawn, also after partial updates:
 * - it marks each message line role="alert", which leaves its list without list items; the
 *   messages region is already announced (aria-live), so the lines stay list items;
 * - an upload's progress bar has role="progressbar" and no name, so only a bare percentage would
 *   be announced; it is named with the header's words for it and the file it uploads.
 */
(function () {
  function tidyMessages() {
    document.querySelectorAll('.ui-messages li[role="alert"]').forEach(function (line) {
      line.removeAttribute('role');
      line.removeAttribute('aria-atomic');
    });
  }
  function nameProgressBars() {
    var words = document.querySelector('[data-progress-label]');
    if (!words) {
      return;
    }
    document.querySelectorAll('[role="progressbar"]:not([aria-label]):not([aria-labelledby])').forEach(function (bar) {
      var row = bar.closest('.ui-fileupload-row');
      var file = row ? row.querySelector('.ui-fileupload-filename') : null;
      var name = file ? file.textContent.trim() : '';
      bar.setAttribute('aria-label', name ? words.dataset.progressFile.replace('{0}', name) : words.dataset.progressLabel);
    });
  }
  function mend() {
    tidyMessages();
    nameProgressBars();
  }
  function watch() {
    mend();
    new MutationObserver(mend).observe(document.body, {childList: true, subtree: true});
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', watch);
  } else {
    watch();
  }
})();

/*
 * The header's search hint names every number it finds; a phone's header has room for a shorter
 * one, which is swapped in while the screen is narrow rather than cut off mid-word.
 */
(function () {
  function fit() {
    var box = document.getElementById('header-q');
    if (!box || !box.dataset.shortPlaceholder) {
      return;
    }
    if (!box.dataset.longPlaceholder) {
      box.dataset.longPlaceholder = box.getAttribute('placeholder');
    }
    var narrow = window.matchMedia('(max-width: 760px)').matches;
    box.setAttribute('placeholder', narrow ? box.dataset.shortPlaceholder : box.dataset.longPlaceholder);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', fit);
  } else {
    fit();
  }
  window.matchMedia('(max-width: 760px)').addEventListener('change', fit);
})();
