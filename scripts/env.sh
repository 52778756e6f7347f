# Sourced by the launchers at the repository root: selects a JDK >= 21 and sets up Maven.
# The machine's default java may be 17, which cannot build Reactory (--release 21).

reactory_java_major() {
  # prints the major version of the JDK at $1, or nothing
  local home="$1"
  [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release"
  else
    "$home/bin/javac" -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p'
  fi
}

reactory_select_jdk() {
  local candidates=() home major
  [ -n "${REACTORY_JAVA_HOME:-}" ] && candidates+=("$REACTORY_JAVA_HOME")
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for home in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/*21* /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -d "$home" ] && candidates+=("$home")
  done
  for home in "${candidates[@]}"; do
    major=$(reactory_java_major "$home")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$home"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "reactory: no JDK 21 or newer found (looked at \$REACTORY_JAVA_HOME, \$JAVA_HOME and /usr/lib/jvm)." >&2
  echo "reactory: install one (for example Temurin 25) or point REACTORY_JAVA_HOME at it." >&2
  return 1
}

reactory_require_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "reactory: Maven (mvn) is needed to build; install it (Debian: apt-get install -y maven)." >&2
    return 1
  fi
}

reactory_select_jdk || exit 1
reactory_require_maven || exit 1
# JDK 25 warns about Maven's own use of sun.misc.Unsafe; the flag is not valid on older JDKs, so it is set here.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
