#!/bin/sh
# Install (or uninstall) the jsswhatif bundle for the current user, following the XDG folders:
#   ${XDG_DATA_HOME:-~/.local/share}/jsswhatif/bundle/   the application (this archive's jsswhatif/)
#   ${XDG_BIN_HOME:-~/.local/bin}/jsswhatif              a symbolic link to it
#   $DATA/applications/io.github.jsswhatif.JssWhatIf.desktop
#   $DATA/metainfo/io.github.jsswhatif.JssWhatIf.metainfo.xml
#   $DATA/icons/hicolor/*/apps/io.github.jsswhatif.JssWhatIf.{png,svg}
#   $DATA/mime/packages/io.github.jsswhatif.JssWhatIf.xml   (*.jsswhatif documents)
#
# Usage: ./install.sh [--uninstall] [--help]
# Run it from the unpacked archive. No root needed; nothing outside those folders is touched.
set -eu

APP_ID="io.github.jsswhatif.JssWhatIf"
HERE="$(cd "$(dirname "$0")" && pwd)"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
BIN="${XDG_BIN_HOME:-$HOME/.local/bin}"
# A sub-folder, so that the application's own data folder (platformdirs' user_data_dir,
# ~/.local/share/jsswhatif) is never replaced or deleted by an upgrade or an uninstall.
APPDIR="$DATA/jsswhatif/bundle"
MARKER=".jsswhatif-bundle"
SIZES="16 32 48 64 128 256 512"

say() { printf 'install.sh: %s\n' "$*"; }

refresh_caches() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$DATA/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -d "$DATA/icons/hicolor" ]; then
        gtk-update-icon-cache -q -t -f "$DATA/icons/hicolor" 2>/dev/null || true
    fi
    if command -v update-mime-database >/dev/null 2>&1 && [ -d "$DATA/mime/packages" ]; then
        update-mime-database "$DATA/mime" 2>/dev/null || true
    fi
}

remove_app_dir() {
    # Only ever delete a folder that this script installed (it carries the marker file).
    if [ -d "$APPDIR" ]; then
        if [ -f "$APPDIR/$MARKER" ]; then
            rm -rf "$APPDIR"
        else
            say "refusing to remove $APPDIR: it was not installed by this script" >&2
            exit 1
        fi
    fi
}

uninstall() {
    remove_app_dir
    if [ -L "$BIN/jsswhatif" ]; then
        case "$(readlink "$BIN/jsswhatif")" in
            "$APPDIR"/*) rm -f "$BIN/jsswhatif" ;;
        esac
    fi
    rm -f "$DATA/applications/$APP_ID.desktop" \
        "$DATA/metainfo/$APP_ID.metainfo.xml" \
        "$DATA/mime/packages/$APP_ID.xml" \
        "$DATA/icons/hicolor/scalable/apps/$APP_ID.svg"
    for n in $SIZES; do
        rm -f "$DATA/icons/hicolor/${n}x${n}/apps/$APP_ID.png"
    done
    rmdir "$DATA/jsswhatif" 2>/dev/null || true  # only if the application left nothing there
    refresh_caches
    say "removed jsswhatif from $DATA and $BIN"
}

install() {
    if [ ! -x "$HERE/jsswhatif/jsswhatif" ]; then
        say "no bundle at $HERE/jsswhatif/jsswhatif: run this script from the unpacked archive" >&2
        exit 1
    fi
    remove_app_dir
    mkdir -p "$DATA/jsswhatif" "$BIN" "$DATA/applications" "$DATA/metainfo" "$DATA/mime/packages" \
        "$DATA/icons/hicolor/scalable/apps"
    # copy to a temporary name first, so an interrupted copy never looks like an installation
    rm -rf "$APPDIR.partial"
    cp -R "$HERE/jsswhatif" "$APPDIR.partial"
    : > "$APPDIR.partial/$MARKER"
    mv "$APPDIR.partial" "$APPDIR"
    ln -sfn "$APPDIR/jsswhatif" "$BIN/jsswhatif"

    # Exec with the full path: ~/.local/bin is not on every desktop session's PATH.
    sed -e "s|^Exec=jsswhatif|Exec=$APPDIR/jsswhatif|" \
        -e "s|^TryExec=jsswhatif|TryExec=$APPDIR/jsswhatif|" \
        "$HERE/share/applications/$APP_ID.desktop" > "$DATA/applications/$APP_ID.desktop"
    cp "$HERE/share/metainfo/$APP_ID.metainfo.xml" "$DATA/metainfo/"
    cp "$HERE/share/mime/packages/$APP_ID.xml" "$DATA/mime/packages/"
    cp "$HERE/share/icons/hicolor/scalable/apps/$APP_ID.svg" "$DATA/icons/hicolor/scalable/apps/"
    for n in $SIZES; do
        mkdir -p "$DATA/icons/hicolor/${n}x${n}/apps"
        cp "$HERE/share/icons/hicolor/${n}x${n}/apps/$APP_ID.png" "$DATA/icons/hicolor/${n}x${n}/apps/"
    done
    refresh_caches
    say "installed jsswhatif into $APPDIR"
    case ":$PATH:" in
        *":$BIN:"*) say "run it with: jsswhatif" ;;
        *) say "run it with: $BIN/jsswhatif  ($BIN is not on your PATH)" ;;
    esac
}

case "${1:-}" in
    "") install ;;
    --uninstall) uninstall ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' ;;
    *) say "unknown option $1 (use --uninstall or --help)" >&2; exit 2 ;;
esac
