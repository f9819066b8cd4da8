// Small enhancements only: the site works without JavaScript.
// Keep the header search box in step with ?q= on the search page.
const params = new URLSearchParams(location.search);
const q = params.get("q");
const header = document.getElementById("header-q");
if (header && q) header.value = q;
