// The language switcher links to the same page in the other language; this carries the section
// (#anchor) along, so a reader lands where they were. Record anchors (#role-…, #faq-…) are the same
// in every language because they are made from ids, not from translated headings.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-handbook-language]") : null;
    if (link && window.location.hash && link.href.indexOf("#") === -1) {
      link.href = link.href + window.location.hash;
    }
  }, true);
})();
