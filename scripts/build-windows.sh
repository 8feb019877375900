#!/usr/bin/env bash
# Cross-builds the Windows release from Linux (Debian/Ubuntu) and packs it as a zip:
#   dist/ocop-council-VERSION-windows/ (ocop-council.exe, demo session, user guide, licences) + .zip
# Needs: Debian's gcc-mingw-w64-x86-64 (installed if missing, as root) and the Rust target
# x86_64-pc-windows-gnu (added with rustup if missing). Linker settings: .cargo/config.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
target=x86_64-pc-windows-gnu

if ! command -v x86_64-w64-mingw32-gcc >/dev/null; then
  echo "Installing gcc-mingw-w64-x86-64 (Debian package)…"
  apt-get update -qq && apt-get install -y -qq gcc-mingw-w64-x86-64
fi
if ! rustup target list --installed | grep -qx "$target"; then
  rustup target add "$target"
fi

cargo build --release --locked --target "$target"
exe="target/$target/release/ocop-council.exe"

# The .exe must need nothing but DLLs that every Windows 10/11 has.
dlls=$(x86_64-w64-mingw32-objdump -p "$exe" | awk '/DLL Name:/ {print $3}' | sort -u)
allowed='^(KERNEL32|USER32|GDI32|ADVAPI32|SHELL32|OLE32|OLEAUT32|combase|COMCTL32|COMDLG32|IMM32|WS2_32|USERENV|BCRYPT|bcryptprimitives|ntdll|api-ms-win-[a-z0-9-]+|DWMAPI|UXTHEME|SHLWAPI|VERSION|WINMM|DBGHELP|CRYPT32|SECUR32|PROPSYS|DXGI|D3D11|D3D12|OPENGL32|SETUPAPI|HID|POWRPROF|msvcrt|ucrtbase)\.dll$'
bad=$(echo "$dlls" | grep -viE "$allowed" || true)
if [ -n "$bad" ]; then
  echo "The .exe imports DLLs that Windows does not ship: $bad" >&2
  exit 1
fi

version=$(cargo metadata --no-deps --format-version 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["packages"][0]["version"])')
name="ocop-council-$version-windows"
out="dist/$name"
rm -rf "$out" "dist/$name.zip"
mkdir -p "$out"
cp "$exe" "$out/ocop-council.exe"
cp assets/samples/y-yen-2023.json "$out/phien-hop-mau-y-yen-2023.json"
cp docs/huong-dan-su-dung.html "$out/Huong-dan-su-dung.html"
cp assets/fonts/OFL-NotoSans.txt assets/fonts/OFL-LiberationSerif.txt assets/fonts/LICENSE-OcopSymbols.txt "$out/"
cat > "$out/DOC-TRUOC.txt" <<TXT
ocop-council $version — Hội đồng đánh giá, phân hạng sản phẩm OCOP
Nhấp đúp ocop-council.exe để mở. Hướng dẫn: Huong-dan-su-dung.html
TXT
(cd dist && python3 -m zipfile -c "$name.zip" "$name")

size=$(stat -c %s "$out/ocop-council.exe")
echo "Built $out/ocop-council.exe ($((size / 1024 / 1024)) MB) and dist/$name.zip"
echo "DLLs imported:"
echo "$dlls" | sed 's/^/  /'
