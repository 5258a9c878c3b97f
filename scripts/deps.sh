# Shared by scripts/demo, scripts/test and .ci/run: install what a fresh Debian machine with the
# Swift toolchain lacks. Idempotent: installs nothing when everything is there.
sitcen_need_packages() {
    local missing=()
    for p in libncursesw5-dev libsqlite3-dev tmux sqlite3 python3-shapely openssl "$@"; do
        dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "sitcen: installing ${missing[*]}" >&2
        local sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
    fi
    export LANG=C.UTF-8 LC_ALL=C.UTF-8
}
