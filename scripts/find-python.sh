#!/usr/bin/env bash
# Prints the path of a Python 3.13 (or 3.12) interpreter: python3.13 on PATH when it runs (a pyenv
# shim that is not set to 3.13 does not), else pyenv's 3.13, else python3.12.
set -u
works() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }
for candidate in python3.13; do
  if works "$candidate"; then command -v "$candidate"; exit 0; fi
done
if command -v pyenv >/dev/null 2>&1; then
  for candidate in $(ls -d "$(pyenv root)"/versions/3.13*/bin/python3.13 2>/dev/null | sort -V -r); do
    if works "$candidate"; then echo "$candidate"; exit 0; fi
  done
fi
if works python3.12; then command -v python3.12; exit 0; fi
echo "Python 3.13 was not found. Install it (apt install python3.13, or pyenv install 3.13) and try again." >&2
exit 1
