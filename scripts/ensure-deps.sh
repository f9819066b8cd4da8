#!/usr/bin/env bash
# Installs what the tests need when it is missing: Debian's chromium, Japanese fonts (fonts-noto-cjk for the
# screen; Morisawa's BIZ UD Mincho and Gothic, TrueType, for the print edition and PDF) and poppler-utils
# (pdftotext, pdffonts) for the browser and PDF tests; exiftool for the image tests; Node.js and npm for the JavaScript tests and the npm
# tools (Pagefind, vnu.jar); a Java runtime (default-jre-headless) for the HTML checker.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fonts=$(fc-list 2>/dev/null || true)
grep -qi "Noto Sans CJK" <<<"$fonts" || need+=(fonts-noto-cjk)
grep -qi "BIZ UDPMincho" <<<"$fonts" || need+=(fonts-morisawa-bizud-mincho)
grep -qi "BIZ UDPGothic" <<<"$fonts" || need+=(fonts-morisawa-bizud-gothic)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
# exiftool: the image tests confirm with it that a published photo carries no GPS, camera or owner tags.
command -v exiftool >/dev/null 2>&1 || need+=(libimage-exiftool-perl)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  # Another session's apt-get holds the dpkg lock: wait for it rather than fail.
  while pgrep -x apt-get >/dev/null || pgrep -x dpkg >/dev/null; do sleep 5; done
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
