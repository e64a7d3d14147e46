#!/usr/bin/env bash
# System packages the tests need on Debian/Ubuntu: Chromium for the real-browser UI test, a CJK font so
# that Chinese renders in screenshots and charts, and LibreOffice + poppler for the report-to-PDF check.
# Idempotent; needs root (CI runs as root).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || need+=(fonts-noto-cjk)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
# Calc recomputes the workbooks' formulas in the recalculation tests (test/helpers/libreoffice.ts)
dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  echo "安装系统软件包：${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
echo "系统依赖已就绪：$(chromium --version 2>/dev/null || echo '无 chromium')；$(soffice --version 2>/dev/null | head -1 || echo '无 LibreOffice')"
