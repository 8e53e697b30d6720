#!/usr/bin/env bash
# Stand-in for copy-file.sh FILE [DEST_DIR]: copies FILE into the VM home ($TTL_FAKE_VM/home),
# or into DEST_DIR under it.
set -eu
file=${1:?usage: copy-file.sh FILE [DEST_DIR]}
dest="${TTL_FAKE_VM:?}/home/${2:-}"
mkdir -p -- "$dest"
cp -- "$file" "$dest/"
echo "copied $(basename -- "$file") to ~/${2:-}"
