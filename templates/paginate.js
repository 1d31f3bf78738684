/* Pagination for print. Every flow element is a multiple of the line pitch, so page breaks
   are predictable: this walks the flow as Chromium will fragment it, pushes headings that
   would be stranded at a page foot, and sizes a spacer that puts the colophon (报尾) at the
   bottom of the last page, or of a fresh page when it does not fit. Runs before printing
   (window "beforeprint", or called by bulletin's printer) and is undone after. */
(function () {
  'use strict';
  function px(value) {
    var probe = document.createElement('div');
    probe.style.position = 'absolute';
    probe.style.height = value;
    document.body.appendChild(probe);
    var h = probe.getBoundingClientRect().height;
    probe.remove();
    return h;
  }
  function undo() {
    undoLayout();
    var tight = document.querySelectorAll('[data-tightened]');
    for (var t = 0; t < tight.length; t++) {
      tight[t].style.letterSpacing = '';
      tight[t].removeAttribute('data-tightened');
    }
  }
  /* What one layout pass sets; tightened paragraphs stay for the next pass. */
  function undoLayout() {
    var spacers = document.querySelectorAll('.bulletin-spacer');
    for (var i = 0; i < spacers.length; i++) spacers[i].remove();
    var snapped = document.querySelectorAll('[data-snapped]');
    for (var f = 0; f < snapped.length; f++) {
      snapped[f].style.height = '';
      snapped[f].removeAttribute('data-snapped');
    }
    var pushed = document.querySelectorAll('[data-pushed]');
    for (var j = 0; j < pushed.length; j++) {
      pushed[j].style.breakBefore = '';
      pushed[j].removeAttribute('data-pushed');
    }
    var widowed = document.querySelectorAll('[data-widows]');
    for (var w = 0; w < widowed.length; w++) {
      widowed[w].style.widows = '';
      widowed[w].removeAttribute('data-widows');
    }
  }
  /* The lines of a block of n lines on each page it spans: `room` on this one, `full` on each after. */
  function fragments(n, room, full) {
    var out = [Math.min(n, room)];
    for (var left = n - out[0]; left > 0; left -= full) out.push(Math.min(left, full));
    return out;
  }
  function layout() {
    undoLayout();
    var sheet = document.querySelector('.sheet');
    var H = px('var(--block-h)');
    var P = px('var(--p)');
    // The printer may lay the page out zoomed (finer than whole CSS pixels, for the baseline
    // grid): measurements come zoomed, lengths set in style are zoomed again, so they are set
    // divided by Z, and the layout is returned in unzoomed CSS pixels.
    var Z = px('100px') / 100 || 1;
    var eps = 0.5;
    // Lines of the grid a page holds (22).
    var full = Math.max(1, Math.floor((H + eps) / P));
    // Figures are rounded up to whole lines so the text after them stays on the grid.
    var figures = document.querySelectorAll('figure[data-flow]');
    for (var g = 0; g < figures.length; g++) {
      var fh = figures[g].getBoundingClientRect().height;
      figures[g].style.height = (Math.ceil(fh / P - 0.01) * P) / Z + 'px';
      figures[g].setAttribute('data-snapped', '');
    }
    var items = Array.prototype.slice.call(document.querySelectorAll('[data-flow]'));
    var colophon = null;
    var page = 0;
    var y = 0;
    var prevBottom = null;
    var articles = [];
    var drift = 0;
    // Body lines on the current page, and whether anything but paragraph lines is on it.
    var pageLines = 0;
    var pageMixed = false;
    function newPage() { page++; y = 0; pageLines = 0; pageMixed = false; }
    function push(el) {
      el.style.breakBefore = 'page';
      el.setAttribute('data-pushed', '');
      newPage();
    }
    for (var i = 0; i < items.length; i++) {
      var el = items[i];
      var kind = el.getAttribute('data-flow');
      if (kind === 'colophon') { colophon = el; continue; }
      var r = el.getBoundingClientRect();
      if (prevBottom !== null) {
        var gap = r.top - prevBottom;
        if (gap > eps) {
          y += gap;
          if (y > H + eps) newPage();
        }
      }
      prevBottom = r.bottom;
      var h = r.height;
      if (kind === 'lines') {
        var n = Math.max(1, Math.round(h / P));
        drift = Math.max(drift, Math.abs(h - n * P));
        var fits = Math.floor((H + eps - y) / P);
        if (fits <= 0) {
          newPage();
          fits = full;
        }
        var frags = fragments(n, fits, full);
        // No line of a paragraph alone at a page's foot (orphans 2): the paragraph goes over whole.
        if (frags.length > 1 && frags[0] < 2 && y > 0) {
          push(el);
          frags = fragments(n, full, full);
        }
        // Nor alone at the top of the next (widows 2): one more line goes over (Chromium's
        // widows, set on this block only), or the whole paragraph when that leaves one behind.
        if (frags.length > 1 && frags[frags.length - 1] < 2) {
          if (frags.length > 2 || frags[0] - 1 >= 2) {
            frags[frags.length - 2] -= 1;
            frags[frags.length - 1] += 1;
            el.style.widows = '2';
            el.setAttribute('data-widows', '');
          } else if (y > 0) {
            push(el);
            frags = fragments(n, full, full);
          }
        }
        for (var f = 0; f < frags.length; f++) {
          if (f > 0) newPage();
          y += frags[f] * P;
          pageLines += frags[f];
        }
      } else {
        var need = h;
        // Keep with what follows: its first line, or its first two when it is a paragraph of
        // several lines (which would not leave one line alone under the heading).
        if (kind === 'keep') {
          var next = items[i + 1];
          var nextLines = next && next.getAttribute('data-flow') === 'lines' ? Math.round(next.getBoundingClientRect().height / P) : 1;
          need += (nextLines >= 2 ? 2 : 1) * P;
        }
        if (y > 0 && y + need > H + eps && need <= H) push(el);
        if (h > H) { page += Math.floor((y + h) / H); y = (y + h) % H; } else { y += h; }
        pageMixed = true;
      }
      var a = el.getAttribute('data-article');
      if (a) articles.push({ index: Number(a), page: page, top: (y - h) / Z });
    }
    var pages = page + 1;
    // The last page holds a single line of body text and nothing else of the body.
    var lonely = page > 0 && pageLines === 1 && !pageMixed;
    var foot = null;
    if (colophon) {
      var c = colophon.getBoundingClientRect().height;
      var spacer = document.createElement('div');
      spacer.className = 'bulletin-spacer';
      var room = H - y;
      var height;
      if (c + 1 <= room) {
        height = room - c - 1;
      } else {
        spacer.style.breakBefore = 'page';
        height = H - c - 1;
        pages++;
      }
      spacer.style.height = Math.max(0, height) / Z + 'px';
      colophon.parentNode.insertBefore(spacer, colophon);
      foot = { space: Math.max(0, height) / Z, height: c / Z, freshPage: !(c + 1 <= room) };
    }
    return { pages: pages, lonely: lonely, colophon: foot, articles: articles, tightened: tightened(), pitch: P / Z, blockHeight: H / Z, drift: drift / Z, width: sheet ? sheet.getBoundingClientRect().width / Z : 0 };
  }
  /* The body's paragraphs, in order: those the pull-back may tighten. */
  function paragraphs() {
    return Array.prototype.filter.call(document.querySelectorAll('.sheet p[data-flow="lines"]'), function (el) { return !el.closest('.colophon'); });
  }
  /* The paragraphs set tighter: their place among paragraphs(), their text, and the
     letter-spacing added (CSS px), for the Word edition to set them alike. */
  function tightened() {
    var out = [];
    var paras = paragraphs();
    for (var i = 0; i < paras.length; i++) {
      var el = paras[i];
      if (!el.hasAttribute('data-tightened')) continue;
      out.push({ index: i, text: el.textContent || '', letterSpacing: parseFloat(el.style.letterSpacing) - parseFloat(el.getAttribute('data-tightened')) });
    }
    return out;
  }
  /* Paragraphs that can set in one line fewer with a little less letter-spacing (never a
     smaller type; at most MAX_EM more per character), the last first: a line gained near the
     end of the issue moves the fewest lines. */
  var MAX_EM = 0.04;
  function tightenable() {
    var Z = px('100px') / 100 || 1;
    var P = px('var(--p)');
    var out = [];
    var paras = paragraphs();
    for (var i = 0; i < paras.length; i++) {
      var el = paras[i];
      var n = Math.round(el.getBoundingClientRect().height / P);
      if (n < 2) continue;
      var range = document.createRange();
      range.selectNodeContents(el);
      var rects = range.getClientRects();
      var last = -Infinity;
      for (var r = 0; r < rects.length; r++) last = Math.max(last, rects[r].top);
      // The last line's extent (the range gives boxes of its elements and of its text).
      var left = Infinity;
      var right = -Infinity;
      for (var q = 0; q < rects.length; q++) {
        if (Math.abs(rects[q].top - last) >= P / 2) continue;
        left = Math.min(left, rects[q].left);
        right = Math.max(right, rects[q].right);
      }
      var style = getComputedStyle(el);
      var em = parseFloat(style.fontSize);
      var lastChars = (right - left) / Z / em;
      var before = Array.from(el.textContent || '').length - Math.round(lastChars);
      if (before <= 0) continue;
      var cost = (right - left) / Z / before;
      if (cost / em <= MAX_EM) out.push({ el: el, n: n, cost: cost, max: MAX_EM * em, spacing: parseFloat(style.letterSpacing) || 0 });
    }
    return out.reverse();
  }
  /* Sets one paragraph in one line fewer, if the tightening it is allowed does it. */
  function tighten(cand) {
    var P = px('var(--p)');
    var tries = [cand.cost * 1.02 + 0.01, Math.min(cand.max, cand.cost * 1.3)];
    for (var t = 0; t < tries.length; t++) {
      cand.el.style.letterSpacing = (cand.spacing - tries[t]) + 'px';
      if (Math.round(cand.el.getBoundingClientRect().height / P) === cand.n - 1) {
        // The letter-spacing it had, so that what was added can be told (tightened()).
        cand.el.setAttribute('data-tightened', String(cand.spacing));
        return true;
      }
    }
    cand.el.style.letterSpacing = '';
    return false;
  }
  function paginate() {
    undo();
    var result = layout();
    if (!result.lonely) return result;
    // A last page holding one line of body text: paragraphs are tightened, from the end,
    // until that line goes back to the page before: with the colophon too when enough lines
    // can be gained for both (a page fewer), else with the colophon alone on the last page.
    var pages = result.pages;
    var goals = [
      function (r) { return r.pages < pages; },
      function (r) { return !r.lonely; },
    ];
    for (var g = 0; g < goals.length; g++) {
      var candidates = tightenable();
      for (var k = 0; k < candidates.length; k++) {
        if (!tighten(candidates[k])) continue;
        var again = layout();
        if (goals[g](again)) return again;
      }
      undo();
    }
    return layout();
  }
  window.bulletinPaginate = paginate;
  window.addEventListener('beforeprint', paginate);
  window.addEventListener('afterprint', undo);
})();
