"""Application numbers (domain-facts §4.1 check-digit table), patent numbers and publication /
grant numbers with kind codes (§4.2); property tests of the check digit."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.rules import numbers

# §4.1: (number as printed, type, filing year, valid) — 89103229.2 is the table's ✗ row
TABLE = [
    ("201080063196.9", "invention", 2010, True, True), ("202310104843.5", "invention", 2023, True, False),
    ("201810390462.7", "invention", 2018, True, False), ("202311356097.5", "invention", 2023, True, False),
    ("202411662208.X", "invention", 2024, True, False), ("201710117081.7", "invention", 2017, True, False),
    ("202011438186.0", "invention", 2020, True, False), ("200510113767.6", "invention", 2005, True, False),
    ("200310100002.X", "invention", 2003, True, False), ("201310699744.2", "invention", 2013, True, False),
    ("00814037.5", "invention", 2000, True, True), ("01800565.9", "invention", 2001, True, True),
    ("90101673.X", "invention", 1990, True, False), ("89103229.2", "invention", 1989, False, False),
]


@pytest.mark.parametrize("printed,kind,year,valid,pct", TABLE)
def test_check_digit_table_of_domain_facts(printed, kind, year, valid, pct):
    got = numbers.parse(printed)
    assert (got.valid, got.patent_type, got.filing_year, got.pct) == (valid, kind, year, pct)
    digits, check = printed.split(".")
    assert (numbers.check_char(digits) == check) is valid
    if valid:
        assert got.display == printed and got.normalized == digits + check


def test_the_x_row_and_the_typo_row_compute_as_documented():
    assert numbers.check_char("89103229") == "0"
    assert numbers.parse("89103229.2").problem == "check_mismatch"
    assert numbers.parse("89103229.0").valid


def test_prefixes_spaces_and_missing_check_digit():
    assert numbers.parse("CN201810390462.7").display == "201810390462.7"
    assert numbers.parse("ZL 2018 1039 0462.7").valid
    missing = numbers.parse("CN201910123456")
    # 2·2+0·3+1·4+9·5+1·6+0·7+1·8+2·9+3·2+4·3+5·4+6·5 = 153 ≡ 10 (mod 11) → X
    assert (missing.problem, missing.normalized) == ("check_missing", "201910123456X")
    assert numbers.parse("88100001").problem is None  # 1985-1988: no check digit
    assert numbers.parse("201840390462.7").problem == "format"  # type digit 4
    assert numbers.parse("abc").problem == "format"
    assert numbers.patent_number("CN201310699744.2") == "ZL201310699744.2"


@given(year=st.integers(2003, 2099), type_digit=st.sampled_from([1, 2, 3, 8, 9]),
       serial=st.integers(1, 9_999_999))
def test_made_numbers_parse_valid_and_any_single_digit_change_is_caught(year, type_digit, serial):
    made = numbers.make(year, type_digit, serial)
    parsed = numbers.parse(made)
    assert parsed.valid and parsed.normalized == made and parsed.filing_year == year
    assert parsed.patent_type == numbers.TYPE_BY_DIGIT[str(type_digit)]
    for pos in range(12):
        digit = (int(made[pos]) + 1) % 10
        changed = made[:pos] + str(digit) + made[pos + 1:]
        if numbers.parse(changed).problem != "format":
            assert not numbers.parse(changed).valid  # weights 2..9 are units mod 11


def test_display_prints_stored_numbers_with_the_dot_before_the_check_character():
    stored = ["2018103904627", "202411662208X", "90101673X", "008140375", "891032290"]
    assert [numbers.display(s) for s in stored] == [
        "201810390462.7", "202411662208.X", "90101673.X", "00814037.5", "89103229.0"]


def test_display_returns_what_is_not_a_stored_number_unchanged():
    odd = [None, "", "P5", "T00000001", "88100001",  # placeholders; 1985-1988 has no check
           "881000011",  # a 1985-1988 number never stores a check character
           "891032292", "2018103904621",  # wrong check character
           "201910123456", "2018403904627",  # check missing; type digit 4
           "201810390462.7", "CN2018103904627", "89103229.0"]  # not the storage form
    assert [numbers.display(s) for s in odd] == odd


@given(year=st.integers(2003, 2099), type_digit=st.sampled_from([1, 2, 3, 8, 9]),
       serial=st.integers(1, 9_999_999))
def test_display_of_a_made_number_parses_back_to_it(year, type_digit, serial):
    made = numbers.make(year, type_digit, serial)
    shown = numbers.display(made)
    assert shown == made[:12] + "." + made[12] and numbers.parse(shown).normalized == made


@given(st.text(alphabet="0123456789X", min_size=12, max_size=12))
def test_check_char_is_the_weighted_sum_mod_11(digits):
    if "X" in digits:
        return
    total = sum(int(d) * w for d, w in zip(digits, (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)))
    assert numbers.check_char(digits) == ("X" if total % 11 == 10 else str(total % 11))


PUBS = [  # (raw, normalized, type, is_grant, era, problem)
    ("CN108572939B", "CN108572939B", "invention", True, "current", None),
    ("CN102822194A", "CN102822194A", "invention", False, "current", None),
    ("CN 1340998 A", "CN1340998A", "invention", False, "old", None),
    ("CN2069429U", "CN2069429U", "utility", True, "old", None),
    ("CN3003022S", "CN3003022S", "design", True, "old", None),
    ("CN1003001B", "CN1003001B", "invention", False, "old", None),  # 1989 审定
    ("CN1756362", "CN1756362", "invention", None, "old", "kind_missing"),
    ("cn208572939u", "CN208572939U", "utility", True, "current", None),
    ("CN308572939S", "CN308572939S", "design", True, "current", None),
    ("CN108572939U", "CN108572939U", "invention", True, "current", "kind_mismatch"),
    ("CN1234567C1", "CN1234567C1", "invention", True, "old", None),
    ("CN108572939B9", "CN108572939B9", "invention", True, "current", None),
]


@pytest.mark.parametrize("raw,norm,kind,grant,era,problem", PUBS)
def test_publication_and_grant_numbers(raw, norm, kind, grant, era, problem):
    got = numbers.parse_pub(raw)
    assert (got.normalized, got.patent_type, got.is_grant, got.era, got.problem) == \
        (norm, kind, grant, era, problem)
    assert got.valid is (problem in (None, "kind_missing"))


def test_kind_meanings_and_bad_numbers():
    assert numbers.parse_pub("CN1003001B").kind_meaning == "发明专利申请审定（1985-1992）"
    assert numbers.parse_pub("CN108572939B").kind_meaning == "发明专利授权公告"
    assert numbers.parse_pub("CN1234567C3").kind_meaning == "部分无效宣告后的专利文件"
    assert numbers.parse_pub("CN408572939B").problem == "format"
    assert numbers.parse_pub("US12345678B2").problem == "format"


@pytest.mark.parametrize("raw, normalized, problem, kind", [
    ("CN 201810390462 A", "2018103904627", "check_missing", "A"),  # Lens
    ("CN201810390462-A", "2018103904627", "check_missing", "A"),  # Derwent
    ("CN201810390462A", "2018103904627", "check_missing", "A"),
    ("CN 201320717143 U", "2013207171435", "check_missing", "U"),
    ("cn2018103904627", "2018103904627", None, ""),
    ("CN 201810390462.7", "2018103904627", None, ""),
    ("2018-1039-0462.7", "2018103904627", None, ""),
    ("CN 85102431 A", "85102431", None, "A"),  # Lens, 1985: no check character
    ("CN 00814037 A", "008140375", "check_missing", "A"),
    ("CN201810390462.3A", "2018103904627", "check_mismatch", "A"),
])
def test_application_numbers_in_lens_and_derwent_forms(raw, normalized, problem, kind):
    got = numbers.parse(raw)
    assert (got.normalized, got.problem, got.kind, got.year_added) == (
        normalized, problem, kind, False)


@pytest.mark.parametrize("raw, year, normalized", [  # §4.1's real numbers, written the DII way
    ("CN10390462", 2018, "2018103904627"), ("CN10699744", 2013, "2013106997442"),
    ("CN11662208", 2024, "202411662208X"),
    ("CN10100002", 2003, "200310100002X"),  # 2003, not the 8-digit 03… of that year
])
def test_derwent_short_form_is_completed_with_the_filing_year(raw, year, normalized):
    got = numbers.parse(raw, year)
    assert (got.normalized, got.year_added, got.problem) == (normalized, True, "check_missing")
    assert numbers.parse(normalized).valid


@pytest.mark.parametrize("raw, year", [
    ("CN01800565", 2001), ("88100001", 1988), ("CN03100002", 2003), ("CN10733357", None),
    ("CN018005659", 2021),  # has its check character: an 8-digit number of 2001
])
def test_eight_digit_numbers_of_their_own_era_stay_as_they_are(raw, year):
    got = numbers.parse(raw, year)
    assert not got.year_added and len(got.digits) == 8


def test_documents_of_one_number_share_a_key():
    keys = {numbers.document_key(n) for n in ("CN108572939A", "CN-108572939-B", "CN 108572939 B",
                                              "CN108572939-A", "cn108572939b9")}
    assert keys == {"CN108572939"}
    assert numbers.document_numbers("CN108572939") == ("CN108572939", "CN108572939A",
                                                       "CN108572939B")
    assert numbers.document_numbers("CN209123456") == ("CN209123456", "CN209123456U")
    assert numbers.document_numbers("CN1340998") == ("CN1340998", "CN1340998A")
    assert numbers.document_key("US9254383B2") is None and numbers.document_key(None) is None


def test_a_nine_digit_document_number_is_not_an_application_number():
    for raw in ("CN108572939B", "CN 108572939 B", "CN108572939-A"):
        assert numbers.parse(raw).problem == "format"


@settings(deadline=None)
@given(st.one_of(st.text(alphabet="0123456789Xx", min_size=13, max_size=13),
                 st.builds(lambda year, digit, serial, check: f"{year}{digit}{serial:07d}{check}",
                           st.integers(1980, 2110), st.sampled_from("0123456789"),
                           st.integers(0, 9_999_999), st.sampled_from("0123456789X"))))
def test_display_of_any_13_characters_follows_its_definition(stored):
    """display's quick path for the usual storage form agrees with its definition: the dot
    before the last character exactly when parsing normalizes the text to itself."""
    defined = f"{stored[:12]}.{stored[12]}" if numbers.parse(stored).normalized == stored \
        else stored
    assert numbers.display(stored) == defined
