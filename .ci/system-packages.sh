#!/usr/bin/env bash
# Debian packages the connector tests need: a real Samba server (smbd, smbpasswd), Tesseract with
# Dutch language data for OCR, antiword for old Word .doc files and acl (setfacl) to give test
# files POSIX ACLs; chromium (headless) and fonts-dejavu-core for the report.html tests. (Scanned
# PDF pages are rendered by pypdfium2 from PyPI.)
# Idempotent and quiet: does nothing (and touches no network) when everything is already installed.
set -euo pipefail

PACKAGES=(samba smbclient tesseract-ocr tesseract-ocr-nld antiword acl chromium fonts-dejavu-core)

missing=()
for pkg in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

echo "system-packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
