//! `ocop-council register …`: the grammar of the register's commands (issue 18), apart from
//! args.rs so the session commands' grammar stays as it was.

use super::args::text;
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Debug, PartialEq, Subcommand)]
pub enum RegisterCommand {
    /// Enters a locked session's recognised products (once: again changes nothing).
    Add { file: PathBuf },
    /// Takes in the office's spreadsheet register, all rows or none.
    Import {
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    /// Every rating of one product, newest first.
    History {
        #[arg(value_name = "SẢN_PHẨM", value_parser = text(), allow_hyphen_values = true)]
        product: String,
        #[arg(long, value_parser = text(), allow_hyphen_values = true)]
        producer: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Products due for re-rating (or expired) on a day.
    Due {
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = text())]
        on: Option<String>,
        #[arg(long)]
        json: bool,
    },
    Stats {
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = text())]
        on: Option<String>,
        #[arg(long, value_name = "year|stars|group|commune", value_parser = text())]
        by: Option<String>,
        #[arg(long)]
        json: bool,
        #[arg(long, value_name = "X.xlsx")]
        xlsx: Option<PathBuf>,
        #[arg(long, value_name = "X.pdf")]
        pdf: Option<PathBuf>,
    },
    /// One certificate page per recognised product of a locked session with its decision.
    Certificates {
        file: PathBuf,
        #[arg(short = 'o', long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Revokes a product's recognition, with the reason.
    Revoke {
        #[arg(long, value_parser = text(), allow_hyphen_values = true)]
        product: String,
        #[arg(long, value_parser = text(), allow_hyphen_values = true)]
        producer: String,
        #[arg(long, value_name = "LÝ_DO", value_parser = text(), allow_hyphen_values = true)]
        reason: String,
    },
    /// A new re-rating session with the products due on a day as its dossiers.
    Rerate {
        #[arg(value_name = "NEW.ocop")]
        file: PathBuf,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = text())]
        on: Option<String>,
        #[arg(long, value_parser = text())]
        ruleset: Option<String>,
        /// Under QĐ 26/2026: members send written opinions; a meeting only where opinions diverge.
        #[arg(long)]
        written: bool,
        /// An earlier session whose council (and authority) the new session takes.
        #[arg(long, value_name = "FILE.ocop")]
        council: Option<PathBuf>,
    },
}
