//! Postings: the ids of the documents holding a word, as a string of URL-safe base-64 varints.

/// The digits of the postings strings: URL-safe base 64, so a JSON string holds them unescaped.
const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends `v` in 5-bit groups, lowest first, one base-64 digit each; the digit's 6th bit says
/// another group follows. A gap below 16 between two ids is then one byte instead of JSON's two
/// to three.
fn put_varint(out: &mut String, mut v: u64) {
    loop {
        let low = (v & 31) as usize;
        v >>= 5;
        if v == 0 {
            out.push(char::from(B64[low]));
            return;
        }
        out.push(char::from(B64[low | 32]));
    }
}

/// Runs shorter than this are written id by id: a run costs two numbers.
const MIN_RUN: usize = 3;

/// One postings list as a string of varints: for each id (or run of consecutive ids), `2·(gap−1)`
/// from the previous id (the first from −1), plus 1 when a run follows, then the run's length
/// minus one. Common bigrams (`บา`, a month name, a method) are in nearly every record, and a run
/// of thousands of ids is a few bytes.
pub(crate) fn encode_postings(ids: &[u32]) -> String {
    let mut out = String::with_capacity(ids.len());
    let mut prev: i64 = -1;
    let mut i = 0;
    while i < ids.len() {
        let mut j = i + 1;
        while j < ids.len() && ids[j] == ids[j - 1] + 1 {
            j += 1;
        }
        let gap = (i64::from(ids[i]) - prev - 1) as u64;
        if j - i >= MIN_RUN {
            put_varint(&mut out, gap * 2 + 1);
            put_varint(&mut out, (j - i - 1) as u64);
            prev = i64::from(ids[j - 1]);
            i = j;
        } else {
            put_varint(&mut out, gap * 2);
            prev = i64::from(ids[i]);
            i += 1;
        }
    }
    out
}

/// The inverse of [`encode_postings`]; `None` for a string it did not write.
pub(crate) fn decode_postings(s: &str) -> Option<Vec<u32>> {
    let mut digits = s.bytes().map(|b| B64.iter().position(|&d| d == b));
    let mut next = || -> Option<Option<u64>> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let Some(d) = digits.next() else {
                return if shift == 0 { Some(None) } else { None };
            };
            let d = d? as u64;
            v |= (d & 31).checked_shl(shift)?;
            shift += 5;
            if d & 32 == 0 {
                return Some(Some(v));
            }
            if shift > 35 {
                return None;
            }
        }
    };
    let mut ids = Vec::new();
    let mut prev: i64 = -1;
    while let Some(x) = next()? {
        let id = prev + 1 + (x / 2) as i64;
        let run = if x % 2 == 1 { next()?? } else { 0 };
        for k in 0..=run as i64 {
            ids.push(u32::try_from(id + k).ok()?);
        }
        prev = id + run as i64;
    }
    Some(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_round_trip_through_the_varint_string() {
        for ids in [
            vec![],
            vec![0],
            vec![0, 1],
            vec![0, 1, 2],
            vec![5, 6, 7, 8, 20, 21, 40],
            (0..5000).collect::<Vec<u32>>(),
            vec![15, 16, 17, 1 << 20, u32::MAX - 2, u32::MAX - 1, u32::MAX],
        ] {
            assert_eq!(decode_postings(&encode_postings(&ids)), Some(ids));
        }
        // A long run is a couple of digits, a sparse list about one digit per small gap.
        assert_eq!(encode_postings(&(0..5000).collect::<Vec<u32>>()).len(), 4);
        assert_eq!(encode_postings(&[0, 2, 4, 6]), "ACCC");
        assert_eq!(decode_postings("A!"), None);
        assert_eq!(decode_postings("g"), None);
    }

    proptest::proptest! {
        #[test]
        fn postings_round_trip(mut ids in proptest::collection::vec(0u32..3000, 0..400)) {
            ids.sort_unstable();
            ids.dedup();
            proptest::prop_assert_eq!(decode_postings(&encode_postings(&ids)), Some(ids));
        }
    }
}
