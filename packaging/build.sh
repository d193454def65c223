#!/usr/bin/env bash
# Build the jsswhatif one-folder desktop bundle with PyInstaller and pack it, with the icons,
# the .desktop file, the AppStream metainfo, the MIME type and install.sh, into
#     <dist>/jsswhatif-<version>-linux-<machine>.tar.gz
#
# Usage: packaging/build.sh [--dist DIR] [--work DIR] [--no-trim] [--no-archive] [--no-check]
#   --dist DIR     output folder (default packaging/dist; env JSSWHATIF_DIST_DIR)
#   --work DIR     PyInstaller work folder (default packaging/build; env JSSWHATIF_WORK_DIR)
#   --no-trim      keep every Qt module, plugin and translation, do not strip (for measuring)
#   --no-archive   stop after the bundle (<dist>/jsswhatif/)
#   --no-check     skip the bundle self-check (offscreen plot + PNG export) after the build
# The Python used is $PYTHON, else the repository's .venv, else python3; it must have the
# project's dependencies and PyInstaller (pip install -e '.[dev]').
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="${JSSWHATIF_DIST_DIR:-$ROOT/packaging/dist}"
WORK="${JSSWHATIF_WORK_DIR:-$ROOT/packaging/build}"
TRIM=1
ARCHIVE=1
CHECK=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --dist) DIST="$2"; shift 2 ;;
        --work) WORK="$2"; shift 2 ;;
        --no-trim) TRIM=0; shift ;;
        --no-archive) ARCHIVE=0; shift ;;
        --no-check) CHECK=0; shift ;;
        -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "build.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
mkdir -p "$DIST" "$WORK"
DIST="$(cd "$DIST" && pwd)"
WORK="$(cd "$WORK" && pwd)"

if [[ -n "${PYTHON:-}" ]]; then
    :
elif [[ -x "$ROOT/.venv/bin/python" ]]; then
    PYTHON="$ROOT/.venv/bin/python"
else
    PYTHON="$(command -v python3)"
fi
if ! "$PYTHON" -c 'import PyInstaller' 2>/dev/null; then
    echo "build.sh: PyInstaller is not installed for $PYTHON (pip install -e '.[dev]')" >&2
    exit 3
fi

VERSION="$("$PYTHON" -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' "$ROOT/pyproject.toml")"
MACHINE="$(uname -m)"
APP_ID="io.github.jsswhatif.JssWhatIf"
NAME="jsswhatif-$VERSION-linux-$MACHINE"
echo "build.sh: jsswhatif $VERSION for linux-$MACHINE with $("$PYTHON" -m PyInstaller --version) (trim=$TRIM)"

start=$(date +%s)
# The application's own Python package comes from this checkout, whatever is installed.
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
if [[ $TRIM == 0 ]]; then export JSSWHATIF_NO_TRIM=1; else unset JSSWHATIF_NO_TRIM; fi
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" "$ROOT/packaging/jsswhatif.spec"
BUNDLE="$DIST/jsswhatif"

if [[ $TRIM == 1 ]] && command -v strip >/dev/null; then
    # PyInstaller's own strip option is all or nothing, and stripping numpy's OpenBLAS (patched
    # by auditwheel) breaks it ("ELF load command address/offset not page-aligned").
    find "$BUNDLE" -type f -name '*.so*' ! -path '*/numpy.libs/*' ! -path '*.libs/*' -print0 |
        xargs -0 strip --strip-unneeded 2>/dev/null || true
fi

# Libraries the kept Qt plugins need but the build machine lacked are not in the bundle: say so.
missing="$(find "$BUNDLE/_internal" -name '*.so*' -type f -print0 |
    xargs -0 -n 20 ldd 2>/dev/null | grep 'not found' | sort -u || true)"
if [[ -n "$missing" ]]; then
    echo "build.sh: WARNING: libraries not found on this machine, not bundled:" >&2
    echo "$missing" >&2
fi

if [[ $CHECK == 1 ]]; then
    JSSWHATIF_BUNDLE_SELFCHECK="$WORK/selfcheck.png" QT_QPA_PLATFORM=offscreen \
        env -u PYTHONPATH "$BUNDLE/jsswhatif"
fi
built=$(date +%s)
echo "build.sh: bundle $BUNDLE: $(du -sh "$BUNDLE" | cut -f1) in $((built - start)) s"

[[ $ARCHIVE == 1 ]] || exit 0

STAGE="$WORK/stage/$NAME"
rm -rf "$WORK/stage"
mkdir -p "$STAGE/share/applications" "$STAGE/share/metainfo" "$STAGE/share/mime/packages" \
    "$STAGE/share/icons/hicolor/scalable/apps"
cp -a "$BUNDLE" "$STAGE/jsswhatif"
cp "$ROOT/packaging/install.sh" "$STAGE/install.sh"
chmod 755 "$STAGE/install.sh"
cp "$ROOT/resources/$APP_ID.desktop" "$STAGE/share/applications/"
cp "$ROOT/resources/$APP_ID.metainfo.xml" "$STAGE/share/metainfo/"
cp "$ROOT/resources/$APP_ID.mime.xml" "$STAGE/share/mime/packages/$APP_ID.xml"
cp "$ROOT/resources/icons/jsswhatif.svg" "$STAGE/share/icons/hicolor/scalable/apps/$APP_ID.svg"
cp -r "$ROOT/resources/icons/hicolor/." "$STAGE/share/icons/hicolor/"
[[ -f "$ROOT/LICENSE" ]] && cp "$ROOT/LICENSE" "$STAGE/"
cat > "$STAGE/README.txt" <<TXT
jsswhatif $VERSION for Linux ($MACHINE)

Run without installing:   ./jsswhatif/jsswhatif
Install for this user:    ./install.sh            (into \${XDG_DATA_HOME:-~/.local/share} and ~/.local/bin)
Uninstall:                ./install.sh --uninstall
TXT

ARCHIVE_PATH="$DIST/$NAME.tar.gz"
tar -C "$WORK/stage" -czf "$ARCHIVE_PATH" "$NAME"
rm -rf "$WORK/stage"
done_=$(date +%s)
echo "build.sh: archive $ARCHIVE_PATH: $(du -h "$ARCHIVE_PATH" | cut -f1), total $((done_ - start)) s"
