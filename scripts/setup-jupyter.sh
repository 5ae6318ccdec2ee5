#!/usr/bin/env bash
# Installs the Jupyter side of the kit when it is missing: Debian/Ubuntu packages, else pip.
# Usage: scripts/setup-jupyter.sh [--quiet] [--with-tests]
#   --with-tests  also the Jupyter kernel test suite (jupyter_kernel_test), used by `npm test`
#   --quiet       print nothing when everything is already there
set -euo pipefail

quiet=0
with_tests=0
for arg in "$@"; do
  case "$arg" in
    --quiet) quiet=1 ;;
    --with-tests) with_tests=1 ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) echo "setup-jupyter: unknown option $arg" >&2; exit 2 ;;
  esac
done

modules="nbclient nbconvert nbformat jupyter_client"
apt_packages="jupyter-nbconvert python3-nbclient jupyter-client jupyter-notebook"
pip_packages="nbclient nbconvert nbformat jupyter_client notebook"
if [ "$with_tests" = 1 ]; then
  modules="$modules jupyter_kernel_test"
  apt_packages="$apt_packages python3-jupyter-kernel-test"
  pip_packages="$pip_packages jupyter_kernel_test"
fi

# The python that has the Jupyter modules: Debian's first (a pyenv/venv python3 on PATH may lack them).
has_modules() {
  "$1" -c "import importlib.util, sys; sys.exit(any(importlib.util.find_spec(m) is None for m in sys.argv[1:]))" $modules 2>/dev/null
}
ready() {
  command -v jupyter >/dev/null 2>&1 || return 1
  for py in ${COURSE_PYTHON:-} /usr/bin/python3 python3; do
    if command -v "$py" >/dev/null 2>&1 && has_modules "$py"; then return 0; fi
  done
  return 1
}

if ready; then
  [ "$quiet" = 1 ] || echo "setup-jupyter: Jupyter is ready ($(jupyter --version 2>/dev/null | grep -E '^(nbclient|nbconvert|jupyter_client)' | tr -s ' ' | paste -sd, -))"
  exit 0
fi

sudo=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
fi

if command -v apt-get >/dev/null 2>&1 && { [ -z "$sudo" ] && [ "$(id -u)" = 0 ] || [ -n "$sudo" ]; }; then
  echo "setup-jupyter: installing Debian/Ubuntu packages: $apt_packages"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $apt_packages >/dev/null
  echo "setup-jupyter: installed $apt_packages"
elif command -v python3 >/dev/null 2>&1; then
  echo "setup-jupyter: no apt-get here; installing with pip --user: $pip_packages"
  python3 -m pip install --user --quiet $pip_packages
  echo "setup-jupyter: installed $pip_packages (python3 -m pip --user)"
else
  echo "setup-jupyter: Jupyter is missing and neither apt-get nor python3 is available." >&2
  echo "Install Jupyter (nbclient, nbconvert, jupyter_client) and run again." >&2
  exit 1
fi

if ! ready; then
  echo "setup-jupyter: Jupyter is still not usable after the install (missing one of: $modules, or the 'jupyter' command)." >&2
  exit 1
fi
