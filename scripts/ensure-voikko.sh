#!/bin/sh
# Finnish search needs Voikko's library and dictionary (Debian's libvoikko1 and voikko-fi; the Python
# binding comes from requirements.txt). Install them when we can (as root); otherwise stop with a message
# that says how. The build would stop too: search never silently gets worse.
ls /usr/lib/*/libvoikko.so.1 /usr/lib/libvoikko.so.1 2>/dev/null | grep -q . || need=1
[ -d /usr/lib/voikko ] || [ -d /usr/share/voikko ] || need=1
[ -z "$need" ] && exit 0
as_root=""
[ "$(id -u)" = "0" ] || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null && as_root="sudo -n"; }   # GitHub's runners
if { [ "$(id -u)" = "0" ] || [ -n "$as_root" ]; } && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Voikko (libvoikko1, voikko-fi) for Finnish search..."
  { $as_root apt-get update -qq && $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libvoikko1 voikko-fi >/dev/null; } && exit 0
  echo "error: could not install libvoikko1 and voikko-fi with apt-get." >&2
  exit 1
fi
echo "error: Finnish search needs Voikko." >&2
echo "       Install it with: sudo apt-get install libvoikko1 voikko-fi   (Debian/Ubuntu), then run make again." >&2
exit 1
