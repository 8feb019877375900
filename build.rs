//! Windows builds only: compile the application icon and version information (assets/windows) with
//! MinGW's windres and link them into the .exe. Other targets: nothing to do.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=assets/windows");
    println!("cargo:rerun-if-env-changed=WINDRES");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let version = std::env::var("CARGO_PKG_VERSION").expect("cargo sets CARGO_PKG_VERSION");
    let numbers: Vec<&str> = version.split(['.', '-']).take(3).collect();
    let comma = format!("{},0", numbers.join(","));
    let icon = manifest.join("assets/windows/ocop-council.ico").display().to_string().replace('\\', "/");
    let rc = format!(
        r#"#pragma code_page(65001)
1 ICON "{icon}"
1 VERSIONINFO
FILEVERSION {comma}
PRODUCTVERSION {comma}
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "042a04b0"
    BEGIN
      VALUE "CompanyName", "ocop-council"
      VALUE "FileDescription", "Hội đồng đánh giá, phân hạng sản phẩm OCOP"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "ocop-council"
      VALUE "LegalCopyright", "MIT; phông chữ Noto Sans, Liberation Serif: SIL OFL 1.1"
      VALUE "OriginalFilename", "ocop-council.exe"
      VALUE "ProductName", "ocop-council"
      VALUE "ProductVersion", "{version}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x042a, 1200
  END
END
"#
    );
    let rc_path = out.join("app.rc");
    let res_path = out.join("app-resources.o");
    if std::fs::write(&rc_path, rc).is_err() {
        println!("cargo:warning=could not write {}", rc_path.display());
        return;
    }
    let windres = std::env::var("WINDRES").unwrap_or_else(|_| "x86_64-w64-mingw32-windres".into());
    let status = Command::new(&windres).arg("-O").arg("coff").arg("-i").arg(&rc_path).arg("-o").arg(&res_path).status();
    match status {
        Ok(s) if s.success() => println!("cargo:rustc-link-arg-bins={}", res_path.display()),
        _ => println!("cargo:warning={windres} failed or is missing: the .exe gets no icon or version information"),
    }
}
