use prongsai_model::{Date, Grouped, Money, YearMonth, to_thai_digits};

/// How numbers and dates are shown: `site.yaml`'s `thai_digits` decides the digits, everything
/// else is fixed by Thai government usage (`1,234,567.00`, `15 ต.ค. 2567`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fmt {
    pub thai_digits: bool,
}

impl Fmt {
    pub fn digits(&self, s: String) -> String {
        if self.thai_digits {
            to_thai_digits(&s)
        } else {
            s
        }
    }

    pub fn money(&self, m: Money) -> String {
        self.digits(m.to_string())
    }

    pub fn money_opt(&self, m: Option<Money>) -> String {
        m.map(|m| self.money(m)).unwrap_or_else(|| "-".to_owned())
    }

    pub fn int(&self, n: impl Into<i64>) -> String {
        self.digits(Grouped::int(n.into()).as_str().to_owned())
    }

    pub fn percent(&self, p: f64) -> String {
        self.digits(format!("{p:.2}%"))
    }

    pub fn date(&self, d: Date) -> String {
        self.digits(d.thai_short())
    }

    pub fn date_opt(&self, d: Option<Date>) -> String {
        d.map(|d| self.date(d)).unwrap_or_else(|| "-".to_owned())
    }

    pub fn month(&self, ym: YearMonth) -> String {
        self.digits(ym.thai_long())
    }

    pub fn month_short(&self, ym: YearMonth) -> String {
        self.digits(ym.thai_short())
    }

    pub fn year(&self, fy: i32) -> String {
        self.digits(fy.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_digits_when_asked() {
        let f = Fmt { thai_digits: true };
        assert_eq!(f.money(Money::from_baht(1234)), "๑,๒๓๔.๐๐");
        assert_eq!(f.int(1234567), "๑,๒๓๔,๕๖๗");
        let a = Fmt::default();
        assert_eq!(a.int(-1234), "-1,234");
        assert_eq!(a.date(Date::from_be(2567, 10, 15).unwrap()), "15 ต.ค. 2567");
    }
}
