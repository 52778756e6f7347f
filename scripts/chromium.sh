# Sourced by ./test: makes sure Chromium and chromedriver (Debian's chromium, chromium-driver) are installed for the
# dashboard's browser tests, installing them quietly where they are missing. Without them, the browser tests are
# skipped, except under CI (CI set), where they fail; so this fails clearly under CI when it cannot install them.

reactory_has_chromium() {
  [ -x "${REACTORY_CHROMIUM:-/usr/bin/chromium}" ] && [ -x "${REACTORY_CHROMEDRIVER:-/usr/bin/chromedriver}" ]
}

reactory_ensure_chromium() {
  reactory_has_chromium && return 0
  local sudo="" log
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo -n"
    fi
  fi
  log="$(mktemp -t reactory-chromium-install.XXXXXX)"
  echo "test: installing chromium and chromium-driver for the dashboard's browser tests (log: $log)..." >&2
  # the lock timeout lets two installs on a shared machine wait for each other instead of failing
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -q -y -o DPkg::Lock::Timeout=300)
  if { $sudo "${apt[@]}" install chromium chromium-driver \
        || { $sudo "${apt[@]}" update && $sudo "${apt[@]}" install chromium chromium-driver; }; } >"$log" 2>&1 \
      && reactory_has_chromium; then
    rm -f "$log"
    return 0
  fi
  echo "test: could not install chromium and chromium-driver (apt-get needs root or passwordless sudo); last lines of $log:" >&2
  tail -n 5 "$log" >&2 || true
  if [ -n "${CI:-}" ]; then
    echo "test: CI is set, so the browser tests cannot be skipped: install them (apt-get install -y chromium chromium-driver) and run again." >&2
    return 1
  fi
  echo "test: the dashboard's browser tests will be skipped on this machine." >&2
  return 0
}
