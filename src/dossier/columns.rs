//! The columns of a dossier list, recognised whatever their case, accents, spacing or punctuation
//! ("Tên sản phẩm", "TEN SAN PHAM", "tên  sản-phẩm").

use crate::domain::text::search_key;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Number,
    Code,
    Product,
    Sheet,
    Producer,
    EntityType,
    Representative,
    Address,
    Phone,
    Kind,
    SelfScore,
}

impl Field {
    pub const REQUIRED: [Field; 3] = [Field::Product, Field::Sheet, Field::Producer];

    /// The header as the design names it, for messages.
    pub fn label(self) -> &'static str {
        match self {
            Field::Number => "STT",
            Field::Code => "Mã hồ sơ",
            Field::Product => "Tên sản phẩm",
            Field::Sheet => "Bộ sản phẩm",
            Field::Producer => "Chủ thể",
            Field::EntityType => "Loại hình chủ thể",
            Field::Representative => "Người đại diện",
            Field::Address => "Địa chỉ",
            Field::Phone => "Điện thoại",
            Field::Kind => "Hình thức",
            Field::SelfScore => "Điểm tự đánh giá",
        }
    }

    const ALL: [Field; 11] = [
        Field::Number,
        Field::Code,
        Field::Product,
        Field::Sheet,
        Field::Producer,
        Field::EntityType,
        Field::Representative,
        Field::Address,
        Field::Phone,
        Field::Kind,
        Field::SelfScore,
    ];

    /// Folded spellings people write for this column.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Number => &["stt", "so tt", "so thu tu", "tt"],
            Field::Code => &["ma ho so", "ma", "ma san pham", "ma hs"],
            Field::Product => &["ten san pham", "san pham"],
            Field::Sheet => &["bo san pham", "bo", "nhom san pham", "bo tieu chi"],
            Field::Producer => &["chu the", "ten chu the", "co so san xuat", "chu the san xuat"],
            Field::EntityType => &["loai hinh chu the", "loai hinh"],
            Field::Representative => &["nguoi dai dien", "dai dien"],
            Field::Address => &["dia chi"],
            Field::Phone => &["dien thoai", "so dien thoai", "sdt"],
            Field::Kind => &["hinh thuc", "hinh thuc danh gia"],
            Field::SelfScore => &["diem tu danh gia", "tu danh gia", "diem tu cham"],
        }
    }

    /// The field a header cell names, if any.
    pub fn recognise(header: &str) -> Option<Field> {
        let key = search_key(header);
        Field::ALL.into_iter().find(|f| f.aliases().contains(&key.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_whatever_their_case_accents_and_spacing() {
        for h in ["Tên sản phẩm", "TEN SAN PHAM", "tên  sản-phẩm", " Tên sản phẩm* "] {
            assert_eq!(Field::recognise(h), Some(Field::Product), "{h}");
        }
        assert_eq!(Field::recognise("Bộ sản phẩm"), Some(Field::Sheet));
        assert_eq!(Field::recognise("ĐIỂM TỰ ĐÁNH GIÁ"), Some(Field::SelfScore));
        assert_eq!(Field::recognise("Ghi chú"), None);
    }
}
