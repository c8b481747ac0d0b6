# Sourced by .ci/run and ./tk: puts Node 24 and pnpm on PATH, installing them from the
# npm registry into a cache folder when the machine does not have them, and installs redis-server and
# nats-server from Debian packages when they are missing.
TOOLCHAIN_DIR="${TIMEKEEPER_TOOLCHAIN_DIR:-$HOME/.cache/timekeeper/toolchain}"
NODE_MAJOR=24
export TURBO_TELEMETRY_DISABLED=1
PNPM_VERSION=10.28.2

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node_and_pnpm() {
  export PATH="$TOOLCHAIN_DIR/node_modules/.bin:$PATH"
  if [ "$(node_major)" != "$NODE_MAJOR" ] || ! pnpm --version 2>/dev/null | grep -qx "$PNPM_VERSION"; then
    echo "== installing node@$NODE_MAJOR and pnpm@$PNPM_VERSION into $TOOLCHAIN_DIR"
    mkdir -p "$TOOLCHAIN_DIR"
    npm install --prefix "$TOOLCHAIN_DIR" --no-audit --no-fund --loglevel=error \
      "node@$NODE_MAJOR" "pnpm@$PNPM_VERSION" >/dev/null
    hash -r
  fi
  if [ "$(node_major)" != "$NODE_MAJOR" ]; then
    echo "error: node $NODE_MAJOR is not available (got $(node --version 2>&1))" >&2
    return 1
  fi
}

ensure_servers() {
  local missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v nats-server >/dev/null 2>&1 || [ -x /usr/sbin/nats-server ] || missing+=(nats-server)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]} from Debian packages"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  export PATH="$PATH:/usr/sbin"
}

# promtool (Debian's prometheus package) checks the metrics every service exposes.
ensure_promtool() {
  command -v promtool >/dev/null 2>&1 && return 0
  echo "== installing prometheus (promtool) from Debian packages"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq prometheus >/dev/null
}


# LibreOffice (soffice) and poppler-utils (pdftoppm, pdftotext, pdfinfo) let the export tests open the PDF
# and DOCX files they make, as a reader would; DejaVu and Droid Sans Fallback give LibreOffice the fonts a
# reader's machine has for Latin, Greek, Cyrillic, Arabic and CJK names.
ensure_document_tools() {
  command -v soffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 &&
    [ -e /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ] && return 0
  echo "== installing libreoffice-writer-nogui, poppler-utils and fonts from Debian packages"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    libreoffice-writer-nogui poppler-utils fonts-dejavu-core fonts-droid-fallback >/dev/null
}

ensure_node_and_pnpm
