#!/usr/bin/env bash
# Installs the Neurorack module firmware on a Jetson Nano: the neurorack-run executable (or a
# launcher that runs it in a container), the systemd unit, the udev rules, the polkit rule for
# the menu's power-off/reboot, the user and its device groups. Idempotent: run it again after
# building a new binary; files that did not change are left alone. See docs/MODULE.md.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
unit_name=neurorack-module.service
groups=(i2c spi gpio audio)

usage() {
    cat << 'EOF'
usage: deploy/install.sh (--binary FILE | --container IMAGE) [--user NAME] [--root DIR] [--no-start]

Installs the Neurorack module firmware (docs/MODULE.md, "Deployment").
  --binary FILE      the aarch64 neurorack-run executable to install as /usr/local/bin/neurorack-run
  --container IMAGE  instead, install /usr/local/bin/neurorack-run as a launcher that runs
                     `neurorack-run` inside the Docker image IMAGE with /dev/i2c-*, /dev/spidev*,
                     /dev/gpiochip* and /dev/snd passed through (the user joins the docker group)
  --user NAME        the system user the firmware runs as (default: neurorack; created if missing)
  --root DIR         install into DIR instead of / (a staging tree: no user, group, udev or
                     systemd changes are made, they are printed instead)
  --no-start         enable the service but do not (re)start it
  -h, --help         show this help
Installed: /usr/local/bin/neurorack-run, /etc/systemd/system/neurorack-module.service,
/etc/udev/rules.d/99-neurorack.rules, /etc/polkit-1/localauthority/50-local.d/50-neurorack-power.pkla,
/etc/default/neurorack-module (only if absent: your settings are kept),
/usr/local/share/doc/neurorack/MODULE.md.
EOF
}

fail() {
    echo "install.sh: $*" >&2
    exit 1
}

binary=""
image=""
user=neurorack
root=""
start=1
while [ $# -gt 0 ]; do
    case "$1" in
        --binary) binary="${2:?--binary needs a file}"; shift 2 ;;
        --container) image="${2:?--container needs an image name}"; shift 2 ;;
        --user) user="${2:?--user needs a name}"; shift 2 ;;
        --root) root="${2:?--root needs a directory}"; shift 2 ;;
        --no-start) start=0; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; fail "unknown argument '$1'" ;;
    esac
done

# ---- checks ----
if [ -n "$binary" ] && [ -n "$image" ]; then fail "give either --binary or --container, not both"; fi
if [ -z "$binary" ] && [ -z "$image" ]; then usage >&2; fail "give --binary FILE or --container IMAGE"; fi
case "$user" in
    [a-z_]*) ;;
    *) fail "--user '$user' is not a valid user name (expected lower-case letters, digits, '-', '_')" ;;
esac
for file in "$unit_name" 99-neurorack.rules 50-neurorack-power.pkla; do
    [ -r "$here/$file" ] || fail "missing $here/$file (run the script from a checkout of the repository)"
done
live=1
if [ -n "$root" ]; then
    live=0
    mkdir -p "$root" || fail "cannot create the staging directory '$root'"
    root=$(cd "$root" && pwd)
else
    [ "$(id -u)" = 0 ] || fail "run as root (sudo deploy/install.sh ...), or stage into a directory with --root DIR"
    [ "$(uname -m)" = aarch64 ] || fail "this machine is $(uname -m): the module firmware installs on the Jetson Nano (aarch64); stage elsewhere with --root DIR"
    command -v systemctl > /dev/null || fail "systemctl not found: this script installs a systemd service"
fi

# The ELF machine of FILE: aarch64, x86-64 or other (bytes 18-19 of the header, little-endian).
elf_machine() {
    local magic machine
    magic=$(head -c 4 "$1" | od -An -tx1 | tr -d ' \n')
    [ "$magic" = 7f454c46 ] || { echo "not-elf"; return; }
    machine=$(od -An -tu2 -j 18 -N 2 "$1" | tr -d ' \n')
    case "$machine" in
        183) echo aarch64 ;;
        62) echo x86_64 ;;
        *) echo "machine-$machine" ;;
    esac
}

if [ -n "$binary" ]; then
    [ -f "$binary" ] && [ -x "$binary" ] || fail "--binary '$binary' is not an executable file"
    arch=$(elf_machine "$binary")
    [ "$arch" != not-elf ] || fail "--binary '$binary' is not an ELF executable"
    if [ "$live" = 1 ] && [ "$arch" != "$(uname -m)" ]; then
        fail "--binary '$binary' is built for $arch but this machine is $(uname -m) (docs/MODULE.md, \"Building for aarch64\")"
    fi
    [ "$arch" = aarch64 ] || echo "note: '$binary' is built for $arch, not aarch64 (the Jetson Nano)"
else
    if [ "$live" = 1 ]; then command -v docker > /dev/null || fail "--container needs docker (JetPack ships it)"; fi
fi

if [ "$live" = 1 ]; then
    for device in /dev/i2c-1 /dev/spidev0.0 /dev/gpiochip0 /dev/snd; do
        [ -e "$device" ] || echo "warning: $device is missing; enable I2C, SPI and I2S with jetson-io (docs/MODULE.md)"
    done
fi

# ---- files ----
changed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# install_file SOURCE DESTINATION MODE: installs SOURCE unless DESTINATION already has its content.
install_file() {
    local source=$1 destination="$root$2" mode=$3
    if [ -f "$destination" ] && cmp -s "$source" "$destination"; then
        echo "unchanged  $2"
        return
    fi
    install -D -m "$mode" "$source" "$destination"
    echo "installed  $2"
    changed=1
}

unit_groups="${groups[*]}"
[ -z "$image" ] || unit_groups="$unit_groups docker"
sed -e "s/^User=neurorack$/User=$user/" -e "s/^Group=neurorack$/Group=$user/" \
    -e "s/^SupplementaryGroups=.*/SupplementaryGroups=$unit_groups/" "$here/$unit_name" > "$work/unit"
sed -e "s/^Identity=unix-user:neurorack$/Identity=unix-user:$user/" "$here/50-neurorack-power.pkla" > "$work/pkla"

if [ -n "$binary" ]; then
    install_file "$binary" /usr/local/bin/neurorack-run 0755
else
    cat > "$work/launcher" << EOF
#!/bin/sh
# neurorack-run inside the container image $image (written by deploy/install.sh).
# Passes the module's devices, the host's device-group ids, real-time limits and the state directory.
set -e
devices=""
for node in /dev/i2c-* /dev/spidev* /dev/gpiochip* /dev/snd; do
    if [ -e "\$node" ]; then devices="\$devices --device \$node"; fi
done
group_ids=""
for group in ${groups[*]}; do
    gid=\$(getent group "\$group" | cut -d: -f3)
    if [ -n "\$gid" ]; then group_ids="\$group_ids --group-add \$gid"; fi
done
mkdir -p /var/lib/neurorack 2> /dev/null || true
# shellcheck disable=SC2086 # the device and group lists are meant to split into arguments
exec docker run --rm --init --network none \$devices \$group_ids \\
    --ulimit rtprio=95 --ulimit memlock=-1 --cap-add SYS_NICE \\
    --user "\$(id -u):\$(id -g)" -v /var/lib/neurorack:/var/lib/neurorack -w /var/lib/neurorack \\
    -v /sys/class/thermal:/sys/class/thermal:ro \\
    "$image" neurorack-run "\$@"
EOF
    install_file "$work/launcher" /usr/local/bin/neurorack-run 0755
fi
install_file "$work/unit" "/etc/systemd/system/$unit_name" 0644
install_file "$here/99-neurorack.rules" /etc/udev/rules.d/99-neurorack.rules 0644
install_file "$work/pkla" /etc/polkit-1/localauthority/50-local.d/50-neurorack-power.pkla 0644
if [ -r "$here/../docs/MODULE.md" ]; then
    install_file "$here/../docs/MODULE.md" /usr/local/share/doc/neurorack/MODULE.md 0644
fi
if [ -e "$root/etc/default/neurorack-module" ]; then
    echo "kept       /etc/default/neurorack-module (your settings)"
else
    cat > "$work/defaults" << 'EOF'
# Settings of neurorack-module.service (read at every start; see docs/MODULE.md).
#NEURORACK_I2C_BUS=/dev/i2c-1
#NEURORACK_SPI_DEVICE=/dev/spidev0.0
#NEURORACK_GPIO_CHIP=/dev/gpiochip0
#NEURORACK_AUDIO_DEVICE=hw:tegrasndt210ref,0
#NEURORACK_OPTIONS=
EOF
    install_file "$work/defaults" /etc/default/neurorack-module 0644
fi

# ---- user, groups, udev, systemd ----
# run COMMAND...: runs it on a live install; prints it when staging with --root.
run() {
    if [ "$live" = 1 ]; then "$@"; else echo "would run: $*"; fi
}

for group in "${groups[@]}"; do
    if [ "$live" = 0 ] || ! getent group "$group" > /dev/null; then run groupadd --system "$group"; fi
done
if [ "$live" = 0 ] || ! id "$user" > /dev/null 2>&1; then
    run useradd --system --user-group --home-dir /var/lib/neurorack --no-create-home --shell /usr/sbin/nologin "$user"
fi
member_groups=$(IFS=,; echo "${groups[*]}")
[ -z "$image" ] || member_groups="$member_groups,docker"
run usermod -a -G "$member_groups" "$user"
run udevadm control --reload-rules
run udevadm trigger --subsystem-match=i2c-dev --subsystem-match=spidev --subsystem-match=gpio
run systemctl daemon-reload
run systemctl enable "$unit_name"
if [ "$start" = 1 ]; then
    if [ "$changed" = 1 ]; then run systemctl restart "$unit_name"; else run systemctl start "$unit_name"; fi
    echo "status: systemctl status $unit_name; log: journalctl -u $unit_name -f"
fi
