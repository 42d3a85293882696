// Shows the home page's "this copy may be out of date" notice when the copy is older than the policy
// allows. Computed here, from the build time written into the page, because a copy on a USB stick has
// no server to ask and usually no network.
(function () {
  "use strict";

  var DAY_MS = 24 * 60 * 60 * 1000;

  // Python writes microseconds ("14:05:00.123456+01:00"); browsers only promise to parse milliseconds.
  function parseBuildTime(text) {
    return Date.parse(String(text).replace(/(\.\d{3})\d+/, "$1"));
  }

  function showNoticeIfOld() {
    var stamp = document.querySelector(".build-stamp[data-built-at][data-max-age-days]");
    var notice = document.getElementById("copy-age-notice");
    if (!stamp || !notice) {
      return;
    }
    var builtAt = parseBuildTime(stamp.getAttribute("data-built-at"));
    var maxAgeDays = Number(stamp.getAttribute("data-max-age-days"));
    // An unreadable stamp says nothing about the age: better no notice than a false one.
    if (isNaN(builtAt) || !(maxAgeDays > 0)) {
      return;
    }
    notice.hidden = !(Date.now() - builtAt > maxAgeDays * DAY_MS);
  }

  // Material announces each page on document$ (also with instant navigation); without it, run once.
  if (typeof window.document$ !== "undefined" && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(showNoticeIfOld);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showNoticeIfOld);
  } else {
    showNoticeIfOld();
  }
})();
