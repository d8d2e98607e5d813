#!/bin/sh
# The browser tests need Debian's chromium at /usr/bin/chromium. Install it when we can (as root);
# otherwise stop with a message that says how. Never skip the browser tests silently.
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && exit 0
  echo "error: could not install chromium with apt-get." >&2
  exit 1
fi
echo "error: the browser tests need Chromium at /usr/bin/chromium." >&2
echo "       Install it with: sudo apt-get install chromium   (Debian/Ubuntu), then run make test again." >&2
exit 1
