"""What a figure measures (`metric`), of whom (`subject`) and when (`period`).

Read from the grammar around the number, as ../shared/gold/README.md (schema 2) defines them:
- `metric`: the aspect (`về việc` / `về tiền`, or the unit: đồng → money, vụ việc → cases,
  bản án → judgments), the quantity (`tỷ lệ` → rate, `phải thi hành` → total, `có điều kiện`
  → enforceable, `thi hành xong` → done) and the comparison (`tăng`, `cao hơn`, `so với cùng
  kỳ` → `.change`; `vượt … chỉ tiêu` → `.vs_target`); one case's sums (`bồi thường`, `đã nộp`,
  `đấu giá`) are `case.owed`, `case.recovered`, `auction.price`. A comparison word governs the
  figures coordinated after it (`tăng 0,18% về việc và 1,96% về tiền`), inside brackets too.
- `subject`: a province or the nation named in the sentence before the figure, else the
  article's (its `Cục THADS tỉnh …`, its main province, `Tổng cục` / `toàn quốc`); for one
  case's sums, the nearest person or company.
- `period`: the nearest period expression of the sentence (then of the paragraph) that is not
  a comparison base (`so với cùng kỳ năm 2018`) or a starting point (`kể từ năm 2010`), else
  the period of the figures before; `05 tháng đầu năm 2022` → `2022:5m`, `Quý III/2020` →
  `2020-Q3`, `trong năm` → the THADS year (1 October – 30 September) last ended at the
  article's date.

Every search looks at a bounded window around one figure, so the pass is linear in the text.
The cue index is in cues.py, the metric grammar in metrics.py, period expressions in periods.py.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate

from .cues import END, START, index_cues
from .lexicon import ACRO_WORD, UPPER, trie_pattern
from .names import NOT_FIRST as _NOT_FIRST
from .metrics import PLANNED, Window, is_bound, metric_of
from .periods import YEAR, find_periods, reporting_months
from .spans import Blocker, Span

# A sentence ends at . ! ? … before a space, but not after an initial (`ông Trương Văn H. trả`).
_BOUNDARY = re.compile(r"[.!?…\n](?:(?<=\n)|(?=\s|$))")  # starts with a set: scanned fast
_INITIAL = re.compile(r"(?<!\w)(?:[A-ZĐ]|TP|Tp)$")  # (`TP. HCM`: the city's abbreviation, no stop)
_INITIAL_LAST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZĐp\n")  # what _INITIAL's window can end with
_WINDOW = 240  # characters of sentence looked at on each side of a figure

_CASE_TOTALS = ("tổng số", "hệ thống", "trên địa bàn", "trong tỉnh")  # (places and totals, no scope)
_COURT = re.compile(r"(?i)(?<!\w)(?:bị cáo|bị can|tuyên phạt|phạt tù|nguyên đơn|bị đơn|khởi kiện|kháng cáo)(?!\w)")
# A person named as a case (`các vụ án lớn như vụ Nguyễn Văn A`): an example a report cites,
# no party of the article.
_CASE_NAMED = re.compile(r"(?<!\w)[Vv]ụ(?:\s+án)?\s+$")
_BREAKDOWN = re.compile(r"\s*[Tt]rong đó\s*[,:]")
_KPI_WORDS = ("về việc", "về tiền", "tỷ lệ", "tỉ lệ")
_CASE_WORDS = ("bị cáo", "bị đơn", "người phải thi hành án", "bản án", "tuyên phạt", "đấu giá",
               "con nợ", "khởi tố", "bồi thường", "bị can", "truy tố")
_ACCUSED = re.compile(r"(?i)(?:bị cáo|bị án|bị can|bị đơn|người phải thi hành án|đối tượng)\s+$")
_CREDITOR = re.compile(r"(?i)(?:thi hành án cho|trả cho|trả lại cho|trả nợ cho|bồi thường cho|"
                       r"người được thi hành án|nguyên đơn|trả)\s+$")
_ROLE_BEFORE = re.compile(r"(?i)(?:giám đốc|chủ tịch|tổng giám đốc|kế toán trưởng|thủ quỹ|"
                         r"nhân viên|cán bộ|trưởng phòng|phó giám đốc)(?:\s+\w+){0,2}\s+$")
_LENDER = re.compile(r"Ngân hàng|Quỹ tín dụng|Công ty (?:Tài chính|Quản lý nợ|Quản lý tài sản)")
_AUCTIONEER = re.compile(r"Công ty (?:(?:TNHH|CP|Cổ phần|cổ phần)\s+)?(?:Đấu giá|đấu giá)|Trung tâm Dịch vụ đấu giá")
_PARTY_ROLE = re.compile(r"(?i)(?:(?:nguyên\s+|cựu\s+)?(?:phó\s+)?(?:tổng\s+)?giám đốc|chủ doanh nghiệp|"
                         r"(?:nguyên\s+|cựu\s+)?chủ tịch (?:HĐQT|HĐTV|hội đồng quản trị|hội đồng thành viên))"
                         r"(?:\s+(?:tổng công ty|công ty|doanh nghiệp|DNTN|tập đoàn|hợp tác xã|ngân hàng|kiêm)(?!\w).*)?")
_KPI_UNITS = frozenset({"percent", "VND", "USD", "case"})
# A sentence (`10 năm tù`, `22 tháng cải tạo không giam giữ`) is the one defendant's it is given
# to; the bounds of a range (`từ 30 tháng đến 7 năm tù`) and a trial's length are nobody's.
_PRISON_AFTER = re.compile(r"\s*(?:tù|cải tạo)(?!\w)")
_TRIAL_AFTER = re.compile(r"\s*(?:xét xử|nghị án|làm việc|đưa vụ án)(?!\w)")
_RANGE = re.compile(r"(?<!\w)từ\s+\d+\s*(?:năm|tháng)(?:\s+tù)?\s+(?:đến|tới)\s+\d+\s*(?:năm|tháng)"
                    r"(?:\s+tù|\s+cải tạo)")
# A prison term right after a name (`tuyên phạt Chi 15 năm tù, Sơn 10 năm tù`): that name is a
# defendant's, even when the word could start something else (Chi, Trung, Văn).
_TERM_AFTER = re.compile(r"\s+\d+\s+(?:năm|tháng)\s+tù(?!\w)")
# ... or a sum in a list of who took what (`ông Phi 30,6 triệu đồng, Trung 13,4 triệu đồng`).
_SUM_AFTER = re.compile(r"\s+\d[\d.,]*\s*(?:nghìn|ngàn|triệu|tỷ|tỉ)?\s*đồng(?!\w)")
# ... or an aspect marker or verb of acting after it (`Chi đã ký …`, `Sơn với vai trò là kế toán …`).
_ACTS_AFTER = re.compile(r"\s+(?:đã|đang|sẽ|bị|được|với vai trò|gây|chiếm đoạt|chiếm hưởng|nhận|ký|chỉ đạo|"
                         r"khai|thừa nhận)(?!\w)")
# A party governed by a preposition is where or with whom something happens, not whose figure
# it is: `ký 36 hợp đồng với Công ty X`, `góp vốn vào Công ty Y`, `các đơn vị thuộc Tập đoàn Z`.
_GOVERNED_RX = re.compile(r"(?<!\w)(?:với|vào|thuộc|tại|trong|mang tên|đứng tên|vụ án|"
                          r"đại diện cho|thay mặt(?:\s+cho)?|chỉ đạo của)\s+$")
# ... a nominee too (`tài khoản đứng tên bố đẻ là X`): the one who uses the name acts.
_NOMINEE = re.compile(r"đứng tên(?:\s+\w+){1,3}?\s+là\s+$")


def _governed(text: str, at: int) -> bool:
    """The party starting at `at` is governed by a preposition, or a nominee."""
    if _GOVERNED_RX.search(text, max(0, at - 14), at):
        return True
    lo = max(0, at - 40)
    return "đứng tên" in text[lo:at] and _NOMINEE.search(text, lo, at) is not None
# ... and so is one directed by another (`ông A chỉ đạo kế toán trưởng là ông B góp vốn …`):
# the one who directs acts.
# (a party forced, `lợi dụng chức vụ, buộc ông B phải chi …`, too; not one a court orders, `tuyên buộc`)
_DIRECTED = re.compile(r"(?i)(?<!\w)(?:chỉ đạo|giao cho|giao(?!\s+(?:hữu|dịch|thông|lưu|tiếp|nhận)(?!\w))|nhờ|thuê|ép buộc|ép|"
                       r"(?<!tuyên )(?<!toà )(?<!tòa )(?<!án )(?<!HĐXX )(?<!định )(?<!bắt )buộc)"
                       r"(?:\s+(?!(?:ông|bà|anh|chị)(?!\w))\w+){0,4}?"  # (`chỉ đạo thuộc cấp của mình là A`)
                       r"(?:\s+là)?\s+(?:(?:ông|bà|anh|chị)\s+)?$")
# An organisation in a person's apposition (`ông A - nguyên chủ tịch HĐQT Tập đoàn X`, `ông B
# (Phó Tổng giám đốc Ngân hàng Y)`) describes that person: the person is the party.
_APPOSITION = re.compile(r"\s*(?:\(|-|–|,)\s*(?:\(?SN\s+\d{4}[,;)]?\s*)?(?:nguyên|cựu|là|khi đó là)?\s*[^.;()\n]{0,80}?"
                         r"(?i:chủ tịch|giám đốc|trưởng|phó|kế toán|thành viên|cán bộ|nhân viên|chủ doanh nghiệp|"
                         r"chủ sở hữu|HĐQT|cổ đông)[^.;()\n]{0,90}?$")
# Who bought at auction (`X đã trở thành chủ nhân mới`, `X thắng cuộc`, `bán cho X`) is no
# party of the enforced case; the asset's owner is (`do công ty X làm chủ đầu tư`, `X thế chấp`).
_WINNER_AFTER = re.compile(r"(?:\s*\([^()\n]{0,60}\)|\s+[^\s.;,()]+){0,14}?\s+(?:trở thành chủ nhân mới|thắng cuộc|"
                           r"thắng phiên đấu giá|trúng đấu giá|(?<!người )mua trúng|(?<!người )mua được|(?<!người )mua đấu giá)(?!\w)")
_WINNER_BEFORE = re.compile(r"(?i)(?:người mua|người trúng đấu giá|bán cho|trúng đấu giá là|thuộc về)\s+$")
_OWNER_AFTER = re.compile(r"[^.;\n]{0,40}?(?<!\w)(?:làm chủ đầu tư|là chủ đầu tư|thế chấp|(?:là\s+)?chủ sở hữu|"
                          r"vay(?:\s+vốn)?\s+(?:của|tại))(?!\w)")
_OWNERS_JOINED = re.compile(r"\s*(?:,|và)\s*(?:(?:ông|bà|anh|chị)\s+)?")
# (land, with its address and lot between: `nhà, đất tại số 51-53 đường X (Q. 5) và khu đất lô số
# 7-7 A … (Q. Bình Tân) của Tổng công ty Y`; a district's abbreviation `Q.` ends no sentence)
_OWNER_BEFORE = re.compile(r"(?i)(?:(?:tài sản|khu đất|nhà máy|dự án|nhà xưởng|khách sạn|cổ phần|nợ|nợ xấu)\s+(?:\S+\s+){0,3}?của|"
                           r"(?:khu đất|nhà đất|lô đất|thửa đất)\s(?:[^.;\n]|(?<=[\s(][A-ZĐ])\.){0,100}?\s+của|"
                           r"chủ sở hữu là|chủ đầu tư là)\s+$")
# Whoever is quoted (`ông A cho biết`, `bà B nói:`) speaks for a party, and is one only when
# the sentence names no other.
_SAYS_AFTER = re.compile(r"(?:\s*\([^()\n]{0,80}\)|\s*-\s*(?:[^.;:\n]|(?<=TP)\.){0,80}?|\s*,\s*(?:[^.;:\n]|(?<=TP)\.){0,80}?,)?\s*"
                         r"(?:cũng\s+)?(?:cho biết|nói|cho hay|khẳng định|chia sẻ|thông tin|phát biểu)(?!\w)")
# What a party has (`vốn điều lệ của VNCB`, `tài sản của ngân hàng`): that party's figure, a
# lender's too.
_POSSESSED = re.compile(r"(?i)(?:vốn điều lệ|vốn|tài sản|doanh thu|lợi nhuận|cổ tức)\s+của\s+$")
_LOCAL_BRANCH = re.compile(r"[Nn]gành\s+(?!(?:và|với|của|các|cùng|có|đã|được|liên quan)(?!\w))\w+"
                           r"(?:\s+(?!và(?!\w))\w+)?\s+(?:tỉnh|thành phố|TP)(?!\w)")
# A clause of its own between a scope word and a figure: a semicolon, or a contrast.
_OTHER_CLAUSE = re.compile(r";|,\s*(?:trong khi|còn|nhưng|song|tuy nhiên)(?!\w)")
_TOTAL_NEAR = re.compile(r"(?<!\w)tổng(?!\w)")
# Several parties at once (`các bị cáo chi xài …`): the figure is none of them alone.
_PLURAL_ACTOR = re.compile(r"(?i)(?<!\w)(?:các|những|nhóm|hai|ba|\d+)\s+(?:bị cáo|bị can|bị án|đối tượng)(?!\w)")
_ROLE_AFTER = re.compile(r"(?i)\s*(?:,|-|–|\()\s*(?:nguyên\s+|cựu\s+)?(?:chủ tịch|giám đốc|tổng giám đốc|trưởng|phó|"
                         r"cục trưởng|chi cục trưởng|cán bộ|lãnh đạo|đại diện|người phát ngôn|chánh|viện trưởng|thẩm phán|"
                         r"kiểm sát viên|chấp hành viên|luật sư|thanh tra|bí thư|chủ nhiệm|thủ trưởng)(?!\w)")
# A claim (`X kiện Y đòi bồi thường …`, `ông A khởi kiện, yêu cầu bồi thường …`, `kháng cáo đề
# nghị Y bồi thường cho ông …`) is the claimant's figure: whoever sues or asks, not the payer.
_CLAIM = re.compile(r"(?<!\w)(?:đòi|yêu cầu|đề nghị)(?!\w)")
_SUES = re.compile(r"(?<!\w)(?:khởi\s+)?kiện(?!\w)")
_SUES_AFTER = re.compile(r"(?:\s*\((?:[^()\n]|\([^()\n]*\)){0,100}\))?(?:\s+(?:đại diện|thay mặt)(?:\s+cho)?\s+[^.;,()\n]{1,60}?)?"
                         r"\s+(?:khởi\s+)?kiện(?!\w)")
# Contracts are signed for a company: a count of `hợp đồng` after `ký` is the company whose
# director (or the company itself) signs (`ông A, Giám đốc Công ty X, ký 50 hợp đồng`).
# ... unless the clause calls the signing an offence (`ký 9 hợp đồng cho vay trái quy định`):
# criminal liability is the signer's own.
_UNLAWFUL = re.compile(r"(?<!\w)(?:trái|sai)\s+(?:quy định|pháp luật|thẩm quyền)|(?<!\w)(?:khống|giả mạo|vi phạm)(?!\w)")
_SIGNS = re.compile(r"(?<!\w)ký(?:\s+kết)?(?:\s+(?:tiếp|thêm|tổng cộng|được|mới))*\s+$")
# A breakdown (`5 hợp đồng, trong đó có 3 hợp đồng … và 2 hợp đồng …`) is the whole's; the
# value of counted things (`… có tổng giá trị hơn 61,6 tỷ đồng`) is theirs.
_OF_WHICH = re.compile(r"(?<!\w)trong đó(?:\s+có)?\s+$")
_VALUE_OF = re.compile(r"(?<!\w)(?:có\s+)?(?:tổng\s+)?(?:giá trị|trị giá)(?:\s+(?:là|khoảng|lên tới|lên đến))?\s+$")
# A sum a party has not got back (`còn lại 55,5 tỷ đến nay công ty X không thu hồi được`) is that party's.
_UNRECOVERED = re.compile(r"\s+(?:đến nay\s+|vẫn\s+|hiện\s+)?(?:không|chưa)\s+(?:thu hồi|đòi)(?!\w)")
# Possession written after the figure (`5,5 triệu cổ phiếu GTT thuộc sở hữu của bà A`, `… cổ phiếu
# của bà A`): the owner's.
_OWNED_AFTER = re.compile(r"(?:\s+(?!của(?!\w))[^\s,.;:()]+){0,3}?\s+(?:thuộc sở hữu của|(?:do|của))\s+(?:(?:ông|bà|anh|chị)\s+)?$")
_OF_DEFENDANT = re.compile(r"\s+(?:\w+\s+){0,2}?(?:do|của)\s+bị cáo(?!\s+[A-ZĐ])(?!\w)")
# A figure in brackets right after a party (`ngân hàng TMCP Đông Á (6%)`, `Ngân hàng X (VDB, …,
# đã giải ngân gần 590 tỷ)`): that party's, a lender's too.
_BRACKET_AFTER = re.compile(r"\s*\((?:[^()\n;]{0,80}?,\s*)?(?:[^\s()\n,;]+\s+){0,4}$")
# A count of people sentenced or tried (`phạt tù 6 người`, `truy tố 16 bị cáo`): several, none alone.
_PEOPLE_COUNTED = re.compile(r"(?<!\w)(?:phạt tù|xét xử|truy tố|khởi tố|tuyên án|bắt giữ|bắt)(?:\s+\S+){0,2}?\s+$")
_RESULT_NOUN = re.compile(r"(?i)(?<!\w)(?:doanh thu|doanh số|lợi nhuận|lãi ròng|lỗ|thua lỗ|kim ngạch|nộp ngân sách)(?!\w)")
_UNIT_OF = re.compile(r"(?:Sở [Gg]iao dịch|[Cc]hi nhánh|Hội sở|Phòng [Gg]iao dịch)\s+(?P<short>[A-ZĐ][A-Za-zĐ]+)(?!\w)")
_CLAUSE_END = re.compile(r";|\.(?!\d)")  # (`4.000 tấn`: a thousands mark, no stop)
# A public body's own wrong done (`lập chứng từ khống`, `chi sai mục đích`, `trích lại`, `hợp
# thức hoá`), right after its name; or the wrong found at it (`sai phạm tại UBND xã X`).
_AT_FAULT_AFTER = re.compile(r"\s+(?:(?:đã|cũng|còn|lại)\s+)*(?:lập (?:\d+ )?(?:chứng từ )?khống|lập (?:\d+ )?chứng từ khống"
                             r"|chi sai|sử dụng sai|trích lại|hợp thức ho[áa]|chiếm dụng|(?:để|làm) thất thoát|chi vượt|thu sai)(?!\w)")
_FAULT_WORDS = ("khống", "chi sai", "sử dụng sai", "trích lại", "hợp thức", "chiếm dụng", "thất thoát",
                "chi vượt", "thu sai", "sai phạm tại", "vi phạm tại", "sai phạm của", "vi phạm của")
_AT_FAULT_BEFORE = re.compile(r"(?:sai phạm|vi phạm|thất thoát|chi sai)\s+(?:tại|của)\s+$")
# A price or valuation (`giá bán`, `giá khởi điểm`, `thẩm định giá`, `định giá`), and a time
# adverbial fronted before its clause (`năm 2015, …`).
_PRICE_NOUN = re.compile(r"(?i)(?<!\w)(?:giá (?:bán|khởi điểm|trị|trúng|mua)|(?:thẩm )?định giá|duyệt giá)(?!\w)")
_FRONTED = re.compile(r"\s*,")
_TOTAL_BEFORE = re.compile(r"(?<!\w)(?:tổng cộng|tổng|chia nhau)\s+$")
# Whoever pays: the party right before the verb (`buộc ông Thăng bồi thường 600 tỉ đồng`,
# `để Sở Giao dịch MHB chuyển gần 5.000 tỉ đồng cho …`, a lender too,
# `tuyên Grab phải bồi thường cho Vinasun …`); `cho X` after the verb is the creditor.
_PAYS = re.compile(r"(?<!\w)(?:phải\s+)?(?:bồi thường|bồi hoàn|hoàn trả|trả lại|trả|thanh toán|"
                   r"(?:chuyển|giải ngân)(?=\s+(?:(?:gần|hơn|khoảng|trên|số tiền)\s+)?\d))(?!\w)")
_JOINED = re.compile(r"\s*(?:,|và|,\s*và)\s*")
_JOINED_AFTER = re.compile(r"(?:\s*\([^()\n]{0,80}\))?\s*(?:,|và|,\s*và)\s*(?:(?:ông|bà|anh|chị)\s+)?")
_GIVEN_AFTER = re.compile(r"(?<!\w)(?:[ôÔ]ng|[bB]à|[aA]nh|[cC]hị|bị cáo|bị can|bị án|[cC]ựu)\s+$")
_CAP_NEXT = re.compile(rf"\s+{UPPER}")
_CAP_BEFORE = re.compile(rf"{UPPER}\w*\s+$")
# A company's short name: the token in brackets after it (Sacombank), after a dash ending its
# name (`… GrabTaxi Việt Nam - Grab`), or the acronym a bank is named by (Ngân hàng BIDV).
_SHORT_DASH = re.compile(r"\s-\s(?:\S+\s)?(\S+)$")
_SHORT_ACRO = re.compile(rf"^(?:Ngân hàng|Tập đoàn|Công ty|Cty|Tổng công ty)\s+({ACRO_WORD})$")
_CASE_METRICS = ("case.owed", "case.recovered", "auction.price")
# One case told as an example in a report (`Điển hình, một vụ việc tại Chi cục …`): its figures
# are that case's, with no report period; a sentence singling out a part of the report's period.
# (opening with a set, CPython scans for it fast; a word character before a match is checked after)
_EXAMPLE = re.compile(r"[ĐđCcVvMmRrNn](?:iển hình|ơn cử|hẳng hạn|í dụ|ột vụ|iêng vụ|hư vụ|ột trường hợp)(?!\w)")


_ONE_CASE = re.compile(r"[MmRrNn](?:ột vụ|iêng vụ|hư vụ|ột trường hợp)(?!\w)")


def _one_case_example(text: str, s: int, pos: int) -> bool:
    """One case told as an example (`một vụ việc`, `riêng vụ`, `một trường hợp`) in text[s:pos]."""
    window = text[s:pos]  # (substring tests first: the set the pattern opens with is common)
    if not any(w in window for w in _ONE_CASE_WORDS):
        return False
    return any(not m.start() or not _is_word(text[m.start() - 1]) for m in _ONE_CASE.finditer(text, s, pos))


_ONE_CASE_WORDS = ("ột vụ", "iêng vụ", "hư vụ", "ột trường hợp")
_EXAMPLE_WORDS = ("iển hình", "ơn cử", "hẳng hạn", "í dụ") + _ONE_CASE_WORDS
_SYSTEM_WORDS = ("ác cơ quan", "ác cấp", "ả nước", "oàn quốc", "oàn ngành")


def _example(text: str, s: int, pos: int) -> bool:
    """An example cue (`điển hình`, `đơn cử`, `chẳng hạn`, `ví dụ`, `một/riêng/như vụ`, `một
    trường hợp`) in text[s:pos], as a word."""
    window = text[s:pos]  # (substring tests first: the set the pattern opens with is common)
    if not any(w in window for w in _EXAMPLE_WORDS):
        return False
    for m in _EXAMPLE.finditer(text, s, pos):
        if not m.start() or not _is_word(text[m.start() - 1]):
            return True
    return False
# ... and a clause of a list of cases (`…; vụ ngân hàng X thu hồi 1.000 tỉ; …`), opening with `vụ`.
_CASE_CLAUSE = re.compile(r"\s*[Vv]ụ(?!\s+(?:trưởng|phó)(?!\w))(?!\w)")
# Totals by agencies or the system (`các cơ quan điều tra đã thu hồi được 21.500 tỉ đồng`, `cơ
# quan điều tra các cấp đã khởi tố 589 vụ`, `cả nước đã …`): a report, whatever cases it cites.
_SYSTEM_TOTAL = re.compile(r"[CcTt](?:ác cơ quan|ác cấp|ả nước|oàn quốc|oàn ngành)(?!\w)"
                           r"[^.;\n]{0,60}?(?<!\w)(?:đã|được)\s[^.;\n]{0,40}?\d")
# what a figure must come to, a target (`100% doanh nghiệp … phải được cưỡng chế`)
_TARGET_AFTER = re.compile(r"[^.;:\n]{0,80}?(?<!\w)(?:phải|cần)\s+(?:được|bị)(?!\w)")
# A body's year under review (`hội nghị tổng kết công tác năm 2018 và triển khai nhiệm vụ năm
# 2019`) in the title or lead: an aggregate report, whatever cases it names or words it uses
_REVIEW = re.compile(r"(?:[Tt]ổng|[Ss]ơ) kết(?:\s+[^\s.,;:]+){0,4}?\s+(?:năm|\d+\s+tháng|quý)(?!\w)")
# ... and what else opens a report of results: a cut-off (`Tính đến ngày 15/12, thu NSNN đạt …`,
# opening its sentence, a result after it)
_REPORT_LEAD = re.compile(r"(?:^|\n|\.\s)Tính đến(?!\w)[^.\n]{0,120}?(?<!\w)đạt(?!\w)")
_SELLS = re.compile(r"\s+(?:(?:sẽ|vừa|đã|dự kiến|chuẩn bị|lên kế hoạch|tiếp tục)\s+)*(?:cho\s+)?(?:bán\s+)?đấu giá(?!\w)")
# (any body that puts up capital is a party of it: `Chính phủ Việt Nam góp 51% (…)`)
_CONTRIBUTES = re.compile(r"\s+(?:(?:đã|sẽ|cùng)\s+)?góp(?:\s+vốn)?\s+(?:\S+\s+)?\d")
_PASSIVE_AGENT = re.compile(r"(?<!\w)được\s+$")
_SHARED_AFTER = re.compile(r"\s+(?:được\s+)?(?:chia\s+đều|chia)\s+(?:cho\s+)?(?:các|những|mỗi|\d+)(?!\w)")
_SHARE_OF = re.compile(rf"(?<!\w)phần(?:\s+tiền)?\s+của\s+(?:(?:ông|bà|bị cáo|bị can)\s+)?"
                       rf"(?P<name>{UPPER}\w*(?:\s+{UPPER}\w*){{0,3}})\s+(?:là\s+)?$")
_YEARLY = re.compile(r"(?:19|20)\d\d(?::\d{1,2}m)?")  # (a report's period: a year or its first months)
_LIST_GAP = re.compile(r"(?:\s*\([^()\n]{0,160}\))?\s*(?:,|;|và|,\s*và)\s*(?:(?:[Tt]ỉnh|[Tt]hành phố|TP\.?)\s+)?")
_SINGLED_OUT = re.compile(r"\s*(?:Riêng|Chỉ riêng|Tính riêng)(?!\w)")
# A company's name after its head and legal form, for the later mentions that drop the form.
_LEGAL_NAME = re.compile(r"(?P<head>(?:[Tt]ổng\s+)?[Cc]ông\s+ty|[Nn]gân\s+hàng|[Tt]ập\s+đoàn)\s+"
                         r"(?:(?:TNHH|MTV|CP|TMCP|[Cc]ổ\s+phần|[Tt]rách\s+nhiệm\s+hữu\s+hạn|"
                         r"[Mm]ột\s+thành\s+viên|[Tt]hương\s+mại\s+cổ\s+phần)\s+)+(?P<name>[A-ZĐ]\w*(?:\s+\w+)*)")
_HEADS_ANY = {"ty": r"[Cc]ông\s+ty", "hàng": r"[Nn]gân\s+hàng", "đoàn": r"[Tt]ập\s+đoàn"}


class _Sentences:
    def __init__(self, text: str):
        self.text = text
        initial = _INITIAL.search
        # (an initial needs a capital, or a line break after one, right before the stop)
        self.stops = [m.end() for m in _BOUNDARY.finditer(text)
                      if m.group() == "\n" or text[m.start() - 1:m.start()] not in _INITIAL_LAST
                      or not initial(text, max(0, m.start() - 3), m.start())]
        self.lines = list(accumulate(len(line) + 1 for line in text.split("\n")))[:-1]  # after each "\n"

    def around(self, start: int, end: int) -> tuple[int, int]:
        s, e = self.bounds(start, end)
        return max(s, start - _WINDOW), min(e, end + _WINDOW)

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """The whole sentence's start and stop (`around` cuts them to a window)."""
        i = bisect_right(self.stops, start) - 1
        j = bisect_left(self.stops, end)
        return self.stops[i] if i >= 0 else 0, self.stops[j] if j < len(self.stops) else len(self.text)

    def paragraph_start(self, pos: int) -> int:
        i = bisect_right(self.lines, pos) - 1
        return max(self.lines[i] if i >= 0 else 0, pos - 3 * _WINDOW)


class FactFinder:
    """Assigns metric/subject/period to an article's figures (spans with `extra`)."""

    def __init__(self, text: str, places: list[Span], orgs: list[Span], persons: list[Span],
                 dates: list[Span], date: str | None, home: str | None, provinces: set[str],
                 authors: set[tuple[int, int]] = frozenset()):
        self.text = text
        self.sentences = _Sentences(text)
        self.date = date
        self.provinces = [p for p in places if p.canonical in provinces]
        self.province_starts = [p.start for p in self.provinces]
        # A story about one case names its party: a person without a title or a company; an
        # article on a city's auctions or plans that names none is aggregate, whatever its words.
        # A court story stays one even when its defendant's name was not found (a foreign one).
        # (a public body whose own misspending the article is about is its party, as a company is)
        # A report of agencies' totals that cites cases as examples (`Điển hình như vụ ngân hàng X
        # …`, `Đơn cử vụ án …, Y tham ô 260 tỉ đồng`) names their parties there only: no court story.
        bodies = _bodies_at_fault(text, orgs) if orgs else []
        self.bodies = {b.canonical for b in bodies}
        self.citing = any(w in text for w in _SYSTEM_WORDS) and _example(text, 0, len(text)) and any(
            not m.start() or not _is_word(text[m.start() - 1]) for m in _SYSTEM_TOTAL.finditer(text))
        case_words = self._is_case_article()
        cited = self._cited(persons + orgs) if self.citing and case_words else set()
        self.case_article = case_words and (
            any(not p.role and (p.start, p.end) not in authors and p.canonical not in cited
                and not _CASE_NAMED.search(text, max(0, p.start - 8), p.start) for p in persons)
            or any(_is_company(o.canonical) and o.canonical not in cited for o in orgs)
            or _court_story(text[:6000])) and not (("ổng kết" in text[:1500] or "ơ kết" in text[:1500])
                                                  and _REVIEW.search(text, 0, 1500)) \
            or bool(bodies)
        # Officials (a title before the name) are no party, but in a court story a company's
        # director (`Giám đốc`, `nguyên Tổng giám đốc`) often is: the one who sues or is sued.
        self.people = sorted([p for p in persons if (not p.role or self.case_article and
                                                     _PARTY_ROLE.fullmatch(p.role))
                              and (p.start, p.end) not in authors]
                             + [Span(o.start, o.end, o.kind, o.canonical) for o in orgs
                                if _is_company(o.canonical) or _CONTRIBUTES.match(text, o.end)] + bodies,
                             key=lambda s: s.start)
        # Whoever a prison term is given to is a defendant, whatever title the article gives them
        # (`nữ kế toán Phạm Thị B bị tuyên 4 năm tù`): the titled ones, for `_sentenced` only.
        self.titled = [p for p in persons if p.role and (p.start, p.end) not in authors]
        self.roles = {p.canonical: p.role for p in self.titled}
        self.works_for: dict[str, str] = {}  # a person -> the company in their apposition
        self._add_mentions(persons, orgs)
        self.people_starts = [p.start for p in self.people]
        self.creditors = {p.canonical for p in self.people
                          if _CREDITOR.search(text, max(0, p.start - 24), p.start)}
        self.owners = {p.canonical for p in self.people if not _LENDER.match(p.canonical)  # (a bank is pledgee)
                       and (_OWNER_AFTER.match(text, p.end) or _OWNER_BEFORE.search(text, max(0, p.start - 130), p.start))}
        for a, b in zip(self.people, self.people[1:]):  # `ông A và bà B vay …`: both
            if b.canonical in self.owners and _OWNERS_JOINED.fullmatch(text, a.end, b.start):
                self.owners.add(a.canonical)
        # the buyer at an auction, unless the article also names it as an owner or a debtor
        self.creditors |= {p.canonical for p in self.people
                           if (_WINNER_AFTER.match(text, p.end) or _WINNER_BEFORE.search(text, max(0, p.start - 24), p.start))
                           and p.canonical not in self.owners}
        accused_all = {p.canonical for p in self.people if _ACCUSED.search(text, max(0, p.start - 14), p.start)
                       or _TERM_AFTER.match(text, p.end)}
        # (an official: titled somewhere, or a role in the words before the verb; a defendant or
        # a plaintiff who speaks is still the party)
        officials = {p.canonical for p in self.titled} | {
            p.canonical for p in self.people if p.kind == "PERSON" and _ROLE_AFTER.match(text, p.end)}
        # (a plaintiff is a party too: `ông A (…, Giám đốc DNTN X) kiện …`, `ông A đại diện cho X khởi kiện`)
        accused_all |= {p.canonical for p in self.people if p.kind == "PERSON" and _SUES_AFTER.match(text, p.end)}
        self.speakers = {p.canonical for p in self.people if p.kind == "PERSON" and _SAYS_AFTER.match(text, p.end)
                         and p.canonical in officials} - accused_all
        # a name alone on its line is a byline or a credit the name finder left (`Nguyễn Tiến`
        # above a photo caption), and an organisation in a person's apposition describes them
        self.describing = {(o.start, o.end) for o in self.people if o.kind == "ORG" and self._in_apposition(o, persons)}
        self.describing |= {(p.start, p.end) for p in self.people if p.kind == "PERSON" and self._alone_on_line(p)}
        # (and the short name in brackets right after such an organisation: `Tập đoàn X (PVN)`)
        ends = {e for _, e in self.describing}
        self.describing |= {(p.start, p.end) for p in self.people if p.kind == "ORG" and any(
            0 <= p.start - e <= 3 and "(" in text[e:p.start] for e in ends)}
        if self.describing:
            self.people = [p for p in self.people if (p.start, p.end) not in self.describing]
            self.people_starts = [p.start for p in self.people]
        accused = [p for p in persons if _ACCUSED.search(text, max(0, p.start - 14), p.start)]
        self.accused = accused[0].canonical if accused else None
        self.periods = find_periods(text, dates, date)
        self.period_starts = [p[0] for p in self.periods]
        self.orgs, self.home = orgs, home
        self._org_spans: list[tuple[int, int]] | None = None  # (built at the first question)

    def _province_between(self, s: int, pos: int) -> bool:
        i = bisect_left(self.province_starts, s)
        return i < len(self.provinces) and self.provinces[i].start < pos

    def _in_example(self, pos: int) -> bool:
        """`pos` is in a case a report cites: its sentence has an example cue before it
        (`Điển hình như vụ …`, `Đơn cử, …`) or its clause opens with `vụ` (`…; vụ X thu hồi …`)."""
        s, _ = self.sentences.bounds(pos, pos)
        return bool(_example(self.text, s, pos)
                    or _CASE_CLAUSE.match(self.text, max(s, self.text.rfind(";", s, pos) + 1)))

    def _cited(self, parties: list[Span]) -> set[str]:
        """The parties named in a cited case somewhere (`vụ án X`, an example's sentence)."""
        text = self.text
        return {p.canonical or text[p.start:p.end] for p in parties
                if _CASE_NAMED.search(text, max(0, p.start - 8), p.start) or self._in_example(p.start)}

    def _in_apposition(self, o: Span, persons: list[Span]) -> bool:
        text = self.text
        before = [p for p in persons if p.end <= o.start and o.start - p.end <= 120]
        if before and _APPOSITION.fullmatch(text, before[-1].end, o.start) is not None:
            self.works_for.setdefault(before[-1].canonical, o.canonical)
            return True
        return False

    def _alone_on_line(self, p: Span) -> bool:
        text = self.text
        a, b = text.rfind("\n", 0, p.start) + 1, text.find("\n", p.end)
        return a > 0 and not text[a:p.start].strip() and not text[p.end:b if b >= 0 else len(text)].strip()

    def _add_mentions(self, persons: list[Span], orgs: list[Span]) -> None:
        """Later mentions of a named party: `ông Thăng`, `bị cáo Quỳnh` (the given name of one
        person named in full), and a company's short name (BIDV, Grab, Sacombank). A company
        is named by its first full name (the engine's canonical); one whose full name is never
        written, by its short name when that is written more often than `Ngân hàng BIDV`."""
        text, extra = self.text, []
        self.lenders: set[str] = set()  # short names of lenders (`BIDV` for `Ngân hàng … (BIDV)`)
        given: dict[str, set[str]] = {}
        for p in self.people:
            if p.kind == "PERSON" and " " in p.canonical:
                given.setdefault(p.canonical.rsplit(" ", 1)[1], set()).add(p.canonical)
        blocked: list[Blocker] = []  # built at the first question: most articles ask none

        def free(a: int, b: int) -> bool:
            if not blocked:
                blocked.append(Blocker(persons + orgs))
            return not blocked[0].overlaps(a, b)
        given = {name: full for name, full in given.items() if len(full) == 1 and len(name) >= 2}
        for a, b, name in _words(given, text):
            (canonical,) = given[name]
            titled = _GIVEN_AFTER.search(text, max(0, a - 8), a)
            if (titled or name not in _NOT_FIRST or _TERM_AFTER.match(text, b) or _ACTS_AFTER.match(text, b)
                    or _SUM_AFTER.match(text, b)) and not _CAP_NEXT.match(text, b) and \
                    not (not titled and _CAP_BEFORE.search(text, max(0, a - 12), a)) and free(a, b):
                extra.append(Span(a, b, "PERSON", canonical))
        shorts: dict[str, str] = {}
        for o in self.people:
            if o.kind != "ORG":
                continue
            name = text[o.start:o.end]
            m = _SHORT_DASH.search(name) or _SHORT_ACRO.match(name)
            short = m.group(1) if m else (name if o.canonical != " ".join(name.split()) and
                                          " " not in name else None)
            if short and len(short) > 1:
                shorts.setdefault(short, o.canonical)
        found_by: dict[str, list[tuple[int, int, str]]] = {}
        names: dict[str, str] = {}  # short -> the name its company is given
        for a, b, name in _words(shorts, text):
            if free(a, b):
                found_by.setdefault(name, []).append((a, b))
        for short, full in shorts.items():
            found = found_by.get(short, [])
            uses = len(found) + sum(1 for o in self.people if o.kind == "ORG" and text[o.start:o.end] == short)
            fulls = sum(1 for o in self.people if o.kind == "ORG" and o.canonical == full
                        and text[o.start:o.end] != short)
            # (the full name as the engine joined it, the first the article writes; a head and
            # the short name, `Ngân hàng BIDV`, is no full name: then as the article mostly says)
            name = names[short] = short if uses > fulls and _SHORT_ACRO.match(full) else full
            if _LENDER.match(full):
                self.lenders.add(name)
            for o in self.people:
                if o.kind == "ORG" and o.canonical == full and name != full:
                    o.canonical = name  # (a copy: see __init__)
            extra += [Span(a, b, "ORG", name) for a, b in found]
        # a bank's unit named by the bank's short name (`Sở Giao dịch MHB`, `Chi nhánh BIDV Hà
        # Tĩnh`) acts for the bank
        for o in orgs:
            unit = _UNIT_OF.match(text, o.start, o.end)
            if unit and unit["short"] in names:
                extra.append(Span(o.start, o.end, "ORG", names[unit["short"]]))
        extra += self._bare_mentions(free)
        if extra:
            self.people = sorted(self.people + extra, key=lambda p: p.start)

    def _bare_mentions(self, free) -> list[Span]:
        """A company named with its legal form (`Công ty TNHH MTV Mía đường Tây Ninh`) is
        mentioned elsewhere without it, its head or name often lowercase (`công ty mía đường
        Tây Ninh`): those mentions, and the names recognised without the form, are that
        company. Only a name of two capitalised words or more (no `Công ty CP Đấu giá`), and
        only when one company with a legal form bears it."""
        text, out = self.text, []
        owners: dict[tuple[str, str], set[str]] = {}
        for o in self.people:
            if o.kind != "ORG":
                continue
            m = _LEGAL_NAME.match(text, o.start, o.end)
            if m is None or m.end() != o.end:
                continue
            name = " ".join(m["name"].split())
            if sum(w[:1].isupper() for w in name.split(" ")) < 2:
                continue
            head = m["head"].split()[-1].lower()  # `ty`, `hàng`, `đoàn`
            owners.setdefault((head, name), set()).add(o.canonical)
        for (head, name), canonicals in owners.items():
            if len(canonicals) > 1:
                continue  # `Công ty TNHH … X` and `Công ty Cổ phần X`: which one is meant?
            (canonical,) = canonicals
            first = name[0]
            rest = re.escape(name[1:]).replace(r"\ ", r"[^\S\n]+")
            # (a name of three words or more is the company's even without its head: `tổng số
            # nợ của Thuận Thảo Nam Sài Gòn`)
            bare = f"|{re.escape(first.upper())}{rest}" if name.count(" ") >= 2 else ""
            rx = re.compile(rf"(?<!\w)(?:(?:[Tt]ổng\s+)?{_HEADS_ANY[head]}\s+[{first.upper()}{first.lower()}]{rest}"
                            rf"{bare})(?!\w)")
            out += [Span(b.start(), b.end(), "ORG", canonical) for b in rx.finditer(text)
                    if free(b.start(), b.end())]
            for o in self.people:
                if o.kind == "ORG" and rx.fullmatch(text, o.start, o.end):
                    o.canonical = canonical  # (a copy: see __init__)
        return out

    def _article_subject(self, orgs: list[Span], home: str | None) -> str | None:
        title = self.text[:self.text.find("\n") if "\n" in self.text else len(self.text)]
        for p in self.provinces:
            if p.end <= len(title):
                return p.canonical
        if self.hits["national"].any(0, len(title)):
            return "toàn quốc"
        for o in orgs:
            name = self.text[o.start:o.end]
            if re.match(r"Cục (?:THADS|Thi hành án dân sự)", name):
                inside = [p for p in self.provinces if o.start <= p.start < o.end]
                if inside:
                    return inside[0].canonical
        if home and not (self.citing and all(self._in_example(p.start) for p in self.provinces if p.canonical == home)):
            return home  # (a province named in a cited case only is not the report's)
        if self.hits["national"].cues:
            return "toàn quốc"
        named = [p for p in self.provinces if not (self.citing and self._in_example(p.start))]
        if self._listed(named):
            # (`4/63 địa phương không hoàn thành dự toán gồm: Tỉnh A, tỉnh B, tỉnh C (…); tỉnh D`:
            # provinces counted in a list are parts of a report no one province dominates, whose
            # scope is above them, a province named elsewhere too)
            return "toàn quốc"
        return named[0].canonical if named else None

    def _listed(self, provinces: list[Span]) -> set[int]:
        """Starts of the provinces named in an enumeration of three or more (`Tỉnh A, tỉnh B
        (…); tỉnh C và thành phố D`)."""
        out: set[int] = set()
        run: list[Span] = []
        for p in provinces + [None]:
            if p is not None and run and _LIST_GAP.fullmatch(self.text, run[-1].end, p.start):
                run.append(p)
                continue
            if len({q.canonical for q in run}) >= 3:
                out.update(q.start for q in run)
            run = [p] if p is not None else []
        return out

    def _is_case_article(self) -> bool:
        text = self.text[:6000].lower()
        kpis = sum(text.count(w) for w in _KPI_WORDS)
        case = sum(text.count(w) for w in _CASE_WORDS)
        return case > kpis

    def assign(self, figures: list[Span]) -> None:
        if not figures:
            return
        self.hits = index_cues(self.text)
        self.opened: bool | None = None  # (see _report_opened)
        self.subject = self._article_subject(self.orgs, self.home)
        # a branch the article names by its province (`ngành thanh tra TP`, `ngành Tư pháp tỉnh`):
        # its `toàn ngành` is that branch
        self.local_branch = "gành" in self.text and any(
            not m.start() or not _is_word(self.text[m.start() - 1]) for m in _LOCAL_BRANCH.finditer(self.text))
        # a story of one auction (its headline says so): its figures are of what is sold, its owner's
        title_end = self.text.find("\n")
        title = self.text[:title_end if title_end >= 0 else len(self.text)].lower()
        self.auction_story = any(w in title for w in ("đấu giá", "rao bán", "phát mại"))
        # (a province that auctions its own land, `Đồng Nai sẽ đấu giá 39 thửa đất`, in a story
        # naming no other party than officials quoted: the seller, whose the land and prices are)
        self.seller = next((p.canonical for p in self.provinces if _SELLS.match(self.text, p.end)),
                           None) if self.auction_story and all(p.canonical in self.speakers for p in self.people) else None
        carried: str | None = None
        owns: list[tuple[str, int, int]] = []  # the body's aggregate figures' own periods
        undated: list[Span] = []  # aggregate figures left with no period
        previous: dict[tuple[int, str], str] = {}
        last: Span | None = None
        terms: dict[str, list[Span]] = {}
        done: list[Span] = []  # one case's figures with a subject, in order
        whole: set[int] = set()  # where the sentences giving assets recovered stop
        for f in figures:
            x = f.extra
            s, e = self.sentences.around(f.start, f.end)
            # (a quoted official is no party: `bà A cho biết, … đào tạo 146 công chức`)
            case_context = (self.case_article or any(p.canonical not in self.speakers
                                                      for p in self._people_in(s, e))) and not \
                self._aggregate(s, f.start)
            if x["unit"] == "duration" and not case_context and reporting_months(self.text, f.start, f.end):
                # `… 15.000 việc trong 9 tháng`: the report's period, no duration
                x.update(drop=True, metric="other", subject=None, period=None)
                continue
            if x["unit"] in _KPI_UNITS:
                w = Window(self.text, self.hits, s, f.start, f.end, e)
                aspect_key = (s, "money" if x["unit"] in ("VND", "USD") else "cases")
                near = last is not None and last.end >= s and f.start - last.end <= 30 and \
                    "," in self.text[last.end:f.start] and "(" not in self.text[last.end:f.start]
                m = metric_of(w, x["unit"], self.text[f.start:f.end], case_context, previous.get(aspect_key),
                              last.extra["unit"] if near and last.extra["unit"] != "percent" else None,
                              x.get("of") is not None, last.extra.get("metric") if near else None)
            else:  # counts, durations, areas: never a KPI of the results table
                aspect_key, m = None, "rank" if x["unit"] == "rank" else "other"
            last = f
            if m == "other" and whole and x["unit"] in ("VND", "USD") and self.hits["q"].last(s, f.start) is None:
                # `Tổng thu hồi … 3.791 tỷ đồng. Trong đó, án tham nhũng là 2.233 tỷ đồng`: the
                # parts of assets recovered the sentence before gives are assets recovered (the
                # parts of a caseload, `Trong đó, có 27 việc …`, are subsets no KPI defines)
                first, _ = self.sentences.bounds(f.start, f.end)
                if first in whole and _BREAKDOWN.match(self.text, first):
                    m = "assets.recovered"
            if aspect_key and m != "other" and not m.endswith(".change"):
                previous[aspect_key] = m
            if m == "assets.recovered":  # (where its sentence stops, and where the next starts)
                stop = self.sentences.bounds(f.start, f.end)[1]
                whole.update((stop, len(self.text[stop:stop + 3]) - len(self.text[stop:stop + 3].lstrip()) + stop))
            x["metric"] = m
            one_case = m in _CASE_METRICS or (m == "other" and case_context)
            # (a prison term is a person's or a statute's, never a province's: `phạt 12 năm tù`)
            if x["unit"] == "duration" and (one_case or _PRISON_AFTER.match(self.text, f.end)):
                x["subject"], x["period"] = self._sentenced(f), None
                if _PRISON_AFTER.match(self.text, f.end):
                    terms.setdefault(self.text[f.start:f.end], []).append(f)
                continue
            x["subject"] = (self._person(s, f.start, e, x["unit"] in ("VND", "USD"),
                                         m == "auction.price" or self.auction_story) if one_case
                            else self._place(s, f.start, national=m != "rank"))
            if not one_case and x["unit"] in ("VND", "USD") and x["subject"] == self.subject and \
                    _one_case_example(self.text, s, f.start) and not self._province_between(s, f.start):
                x["subject"] = None  # `Điển hình, một vụ việc …, tài sản định giá 4 tỉ đồng`: that case's, unnamed
            if one_case and x["subject"] is None and self.seller:
                x["subject"] = self.seller
            if one_case:
                whose = self._whole_of(f, s, done)
                if whose is not None:
                    x["subject"] = whose or None
                elif m == "other" and is_bound(self.text, f.start, f.end):
                    x["subject"] = None  # a class's bound (`từ 100 tỷ đồng trở lên`): nobody's
                done.append(f)
            if one_case:
                # (a company's yearly result dated in its own clause keeps that date: `năm 2016
                # doanh thu đạt 13 tỉ đồng, năm 2017 là 21 tỉ đồng`; one case's sums never do)
                x["period"] = self._dated_result(s, f) if m == "other" and x["unit"] != "duration" else None
                if x["period"] is None and x["unit"] != "duration" and (
                        x["subject"] in self.bodies or x["unit"] in ("VND", "USD") and m in ("other", "auction.price")):
                    x["period"] = self._dated_clause(s, f, x["subject"] in self.bodies)
                continue
            if m == "other" and is_bound(self.text, f.start, f.end):
                x["period"] = None  # a class of cases (`có giá trị trên 10 tỷ đồng`): no one time's
                continue
            own = self._period(s, f.start, f.end, e)
            if own is None and self.hits["tracked"].any(s, e):
                x["period"] = None  # a standing watch list (`thuộc diện … theo dõi`): no period
                continue
            if own is None:
                own = self._period(self.sentences.paragraph_start(f.start), f.start, f.end, f.start)
            if own and carried and YEAR.fullmatch(own) and carried.startswith(own + ":"):
                own = carried  # `năm 2023` in a report on `8 tháng đầu năm 2023`
            if own and m != "other" and own != carried and not self._part_or_plan(s, f.start):
                carried = own
            if own and f.start > title_end:
                owns.append((own, s, f.start))
            # (the report's period is every aggregate figure's, `other` counts included: `toàn
            # tỉnh có 35 Chấp hành viên`; not one case's told as an example, nor a plan's)
            if own is None and m == "other" and (done and done[-1].start >= s or _example(self.text, s, f.start)
                                                 or PLANNED.search(self.text, s, f.start)):
                x["period"] = None
                continue
            x["period"] = own or carried
            if x["period"] is None and x["unit"] != "duration":
                undated.append(f)
        # (a report of other agencies, opened as one (a year in review, a cut-off), counts `other`
        # figures only, so no KPI carries its period: a figure its text leaves undated (`Tính đến thời điểm hiện tại, … tăng 111,7%`, `dù tỉ
        # lệ đạt được chỉ trên 80%`) is of the period the body dates most of its figures; a target
        # (`100% doanh nghiệp … phải được cưỡng chế`) is of no time)
        if undated and owns and not any(f.extra.get("metric", "other") not in _CASE_METRICS + ("other", "rank")
                                        for f in figures) and self._report_opened():
            dated: dict[str, int] = {}
            for own, s, pos in owns:
                if not self._part_or_plan(s, pos):
                    dated[own] = dated.get(own, 0) + 1
            report = max(dated, key=dated.get) if dated else None  # (the first on a tie)
            if report is not None and _YEARLY.fullmatch(report):
                for f in undated:
                    if not _TARGET_AFTER.match(self.text, f.end):
                        f.extra["period"] = report
        for same in terms.values():  # `10 năm tù` given to two defendants is neither's
            if len({f.extra["subject"] for f in same} - {None}) > 1:
                for f in same:
                    f.extra["subject"] = None
        self._complete_title(figures)

    def _whole_of(self, f: Span, s: int, done: list[Span]) -> str | None:
        """Whose a figure is by the figures around it: a contract count after `ký` is the
        signer's company; a breakdown after `trong đó` (and what is joined to it) the whole's;
        the value of counted things theirs; a sum a party named after it has not got back
        (`còn lại 55,5 tỷ đến nay công ty X không thu hồi được`) that party's."""
        text, x = self.text, f.extra
        if x.get("unit_word") in ("người", "bị cáo", "bị can", "đối tượng") and \
                _PEOPLE_COUNTED.search(text, max(s, f.start - 40), f.start):
            return ""  # (no one's: see assign)
        owner = self._owner_after(f, s)
        if owner is not None:
            return owner
        if _SHARED_AFTER.match(text, f.end):
            return ""  # `… gần 500 triệu đồng chia đều cho các cá nhân trên`: several's, no one's alone
        share = _SHARE_OF.search(text, max(s, f.start - 60), f.start)
        if share is not None:  # `trong đó phần của Chi là trên 951 triệu đồng`: that one's
            name = share["name"]
            for p in self.people:
                if p.kind == "PERSON" and (p.canonical == name or p.canonical.endswith(" " + name)):
                    return p.canonical
        if (x.get("unit_word") or "").startswith("hợp đồng"):
            signs = _SIGNS.search(text, max(s, f.start - 30), f.start)
            stop = _CLAUSE_END.search(text, f.end, f.end + 160)
            if signs is not None and not _UNLAWFUL.search(text, f.end, stop.start() if stop else f.end + 160):
                signers = [p for p in self._people_in(s, signs.start()) if p.end <= signs.start()]
                if signers:
                    return self._company_of(signers[-1])
        before = [d for d in done if d.start >= s and d.extra.get("subject") is not None]
        before = [d for d in before if text.rfind("(", s, d.start) <= text.rfind(")", s, d.start)]  # (no aside)
        same = [d for d in before if d.extra["unit"] == x["unit"] and d.extra.get("unit_word") == x.get("unit_word")]
        if same:
            gap = text[same[-1].end:f.start]
            if _OF_WHICH.search(text, max(same[-1].end, f.start - 16), f.start) or (
                    same[-1].extra.get("part") and re.search(r"(?<!\w)và(?!\w)", gap) and not _CLAUSE_END.search(gap)):
                x["part"] = True
                return same[-1].extra["subject"]
        if x["unit"] in ("VND", "USD") and _VALUE_OF.search(text, max(s, f.start - 30), f.start):
            counted = [d for d in before if d.extra["unit"] == "count"]
            if counted and not _CLAUSE_END.search(text, counted[-1].end, f.start):
                return counted[-1].extra["subject"]
        end = text.find(",", f.end, f.end + 80)
        after = [p for p in self._people_in(f.end, f.end + 80) if end < 0 or p.start < end]
        if after and x["unit"] in ("VND", "USD") and _UNRECOVERED.match(text, after[0].end) \
                and not text[f.end:after[0].start].strip(" ,").count(" ") > 3:
            return after[0].canonical
        return None

    def _report_opened(self) -> bool:
        """An aggregate article opened as a report of results: a year in review, a cut-off."""
        if self.opened is None:
            lead = self.text[:1500]  # (substring tests first: most leads hold neither)
            self.opened = not self.case_article and bool(
                ("ổng kết" in lead or "ơ kết" in lead) and _REVIEW.search(lead) or "Tính đến" in lead and _REPORT_LEAD.search(lead))
        return self.opened

    def _part_or_plan(self, s: int, pos: int) -> bool:
        """A period that is no report's for the figures after it: a part of it singled out
        (`Riêng quý III/2025, …`) or a plan's (`phấn đấu đến hết năm 2025 …`)."""
        return bool(_SINGLED_OUT.match(self.text, s) or PLANNED.search(self.text, s, pos))

    def _dated_result(self, s: int, f: Span) -> str | None:
        """The period of a business result (`doanh thu`, `lợi nhuận`, `lỗ` …) named in the
        figure's clause before it (`năm 2016 doanh thu … đạt 13 tỉ đồng`, `lợi nhuận sau thuế
        4 tháng đầu năm 2018 là 2 tỉ đồng`), or before it in an elliptical clause after one
        (`…, năm 2017 là 21 tỉ đồng`)."""
        text = self.text
        if not _RESULT_NOUN.search(text, s, f.start):
            return None
        i = bisect_left(self.period_starts, f.start) - 1
        if i < 0:
            return None
        ps, pe, period = self.periods[i]
        between = text[pe:f.start]
        if not any(c.isdigit() for c in text[ps:pe]):
            return None  # (`cả năm`, `trong năm`: the report's year, not the company's)
        if ps < s or pe > f.start or len(between) > 60 or _CLAUSE_END.search(between) or "," in between \
                or not (_RESULT_NOUN.search(between) or _RESULT_NOUN.search(text, max(s, ps - 40), ps)
                        or re.fullmatch(r"\s*(?:là|đạt)\s*", between)):
            return None
        return period

    def _dated_clause(self, s: int, f: Span, accounts: bool) -> str | None:
        """The date of a price or valuation its clause opens with, the time adverbial fronted
        before a comma (`năm 2015, Sở Tài chính … duyệt giá bán là hơn 257 tỉ đồng`, `Năm 2013,
        TP duyệt giá khởi điểm … 35,7 tỉ đồng`, `Đến năm 2009, …, X thẩm định giá … 380 tỉ
        đồng`): the lead's decision C, in a case story too. A public body's accounts are dated
        so too, as a company's yearly results are (`năm 2018, UBND xã X lập khống chứng từ để
        rút … 12 triệu đồng`, `Từ năm 2016-2018, UBND xã đã trích lại 10% …`). Other case sums
        keep none (a person's sums taken over a span, a debt at a date: decision 2)."""
        text = self.text
        i = bisect_left(self.period_starts, f.start) - 1
        if i < 0:
            return None
        ps, pe, period = self.periods[i]
        if ps < s or pe > f.start or not any(c.isdigit() for c in text[ps:pe]) or not _FRONTED.match(text, pe):
            return None
        between = text[pe:f.start]
        if len(between) > 200 or _CLAUSE_END.search(between) or not (accounts or _PRICE_NOUN.search(between)):
            return None
        return period

    def _owner_after(self, f: Span, s: int) -> str | None:
        """`A (6%)`: the party the bracket follows; `N cổ phiếu thuộc sở hữu của bà A`: the owner."""
        text = self.text
        before = [p for p in self._people_in(max(s, f.start - 120), f.start) if p.end <= f.start]
        if before and _BRACKET_AFTER.fullmatch(text, before[-1].end, f.start):
            return before[-1].canonical
        if self.accused and _OF_DEFENDANT.match(text, f.end):
            return self.accused  # `29 công ty do bị cáo đứng sau`: the defendant's
        stop = _CLAUSE_END.search(text, f.end, f.end + 60)
        for p in self._people_in(f.end, stop.start() if stop else f.end + 60):
            if _OWNED_AFTER.fullmatch(text, f.end, p.start):
                return p.canonical
        return None

    def _company_of(self, p: Span) -> str:
        """A signer's company: the company itself, or the one its title names (`nguyên Tổng Giám
        đốc công ty TNHH MTV X`), else the signer."""
        if p.kind == "ORG":
            return p.canonical
        if p.canonical in self.works_for:
            return self.works_for[p.canonical]
        role = self.roles.get(p.canonical) or ""
        for o in self.people:
            if o.kind == "ORG" and self.text[o.start:o.end] in role:
                return o.canonical
        return p.canonical

    def _sentenced(self, f: Span) -> str | None:
        """A prison term's defendant: the person named last before it in its clause (`tuyên
        phạt bị cáo A, nguyên giám đốc …, 12 năm tù`; `B (23 năm tù)`), none for a range's
        bound, a total or a trial's length; another duration stays the case's."""
        text = self.text
        if _TRIAL_AFTER.match(text, f.end):
            return None
        s, e = self.sentences.around(f.start, f.end)
        if any(m.start() <= f.start < m.end() for m in _RANGE.finditer(text, s, e)):
            return None
        if not _PRISON_AFTER.match(text, f.end):
            return self._person(s, f.start, e)
        if _TOTAL_BEFORE.search(text, max(0, f.start - 12), f.start):
            return None
        s = max(s, text.rfind(";", s, f.start) + 1)
        people = sorted([p for p in self._people_in(s, f.start) if p.kind == "PERSON" and p.end <= f.start]
                        + [p for p in self.titled if s <= p.start and p.end <= f.start], key=lambda p: p.start)
        if len(people) > 1 and _JOINED.fullmatch(text, people[-2].end, people[-1].start) and \
                people[-2].canonical != people[-1].canonical:
            return None  # `Sang và Tâm mỗi bị cáo 2 năm tù`: shared, neither's alone
        return people[-1].canonical if people else None

    def _complete_title(self, figures: list[Span]) -> None:
        """A headline rarely names its year (`… hơn 15.000 việc trong 9 tháng`): a title figure
        without a period takes the body's, from the same figure text or the first KPI's."""
        title_end = self.text.find("\n")
        body = [f for f in figures if f.start > title_end and f.extra.get("period")
                and f.extra["metric"] not in _CASE_METRICS and f.extra["metric"] != "other"]
        named: dict[str, set] = {}  # a one-case figure of the title is the same as the body's
        for f in figures:
            if f.start > title_end >= 0 and f.extra.get("subject") is not None and f.extra["metric"] in _CASE_METRICS + ("other",):
                named.setdefault(self.text[f.start:f.end], set()).add(f.extra["subject"])
        for f in figures:
            if f.start > title_end >= 0 or title_end < 0:
                break
            x = f.extra
            if x["unit"] in _KPI_UNITS and self._report_opened():
                # (`… thụ lý 75.000 vụ việc trong năm qua` over `năm 2018, … thụ lý hơn 75.000
                # vụ việc`: the body's twin, its qualifier written, dates the headline's loose words)
                twin = next((b for b in figures if b.start > title_end and b.extra.get("period")
                             and b.extra["unit"] == x["unit"] and b.extra["value"] == x["value"]), None)
                if twin is not None:
                    x["period"] = twin.extra["period"]
            subjects = named.get(self.text[f.start:f.end], ())
            if len(subjects) == 1 and x["metric"] in _CASE_METRICS + ("other",) and x.get("subject") not in subjects:
                (x["subject"],) = subjects  # (a headline names loosely: `cựu sếp Tập đoàn X`)
            if x.get("period") or x["metric"] in _CASE_METRICS or x["metric"] == "other" and (
                    self.case_article or x.get("subject") is None) or not body:
                continue
            text = self.text[f.start:f.end]
            same = [b for b in body if self.text[b.start:b.end] == text]
            x["period"] = (same or body)[0].extra["period"]

    def _aggregate(self, s: int, pos: int) -> bool:
        """An aggregate cue (`các cơ quan`, `toàn tỉnh`, `tổng số`) before `pos` in the sentence;
        in a court case's article `tổng số tiền`, `tổng số nợ` are that case's sums, and `hệ
        thống` names a bank's branches, no aggregate."""
        if not self.case_article:
            return self.hits["aggregate"].any(s, pos)
        return any(not self.text[c[START]:c[END]].lower().startswith(_CASE_TOTALS)
                   and not (self.text[c[START]].islower() and self._in_org(c[START]))
                   for c in self.hits["aggregate"].between(s, pos))

    def _in_org(self, at: int) -> bool:
        """`Công ty Quản lý tài sản của các tổ chức tín dụng Việt Nam`: a cue inside a name."""
        if self._org_spans is None:
            self._org_spans = sorted((o.start, o.end) for o in self.orgs)
            self._org_starts = [a for a, _ in self._org_spans]
        i = bisect_right(self._org_starts, at) - 1
        return any(a <= at < b for a, b in self._org_spans[max(0, i - 3):i + 1])

    def _people_in(self, s: int, e: int) -> list[Span]:
        i, j = bisect_left(self.people_starts, s), bisect_left(self.people_starts, e)
        return self.people[i:j]

    def _person(self, s: int, pos: int, e: int, money: bool = False, auction: bool = False) -> str | None:
        """The defendant or company a case figure is about: for a sum, whoever the sentence
        says pays it (`buộc X bồi thường`); else in its sentence the nearest before it (one
        named as `bị cáo`/`bị án` first), else the nearest before it nearby, else the
        article's most mentioned; a creditor (`thi hành án cho X`) is never the subject."""
        c = self.text.rfind(";", s, pos) + 1
        if c and not self.case_article and _CASE_CLAUSE.match(self.text, c):
            # `…; vụ ngân hàng X thu hồi 1.000 tỉ; vụ đánh bạc … thu hồi hơn 1.000 tỉ`: one case
            # of a report's list, its own clause's party's or no one's (a court story's list of
            # counts, `…; vụ nhận hơn 2,4 tỉ đồng …`, is its defendant's)
            stop = self.text.find(";", pos, e)
            s, e = c, stop if stop >= 0 else e
            if not any(p.start < pos for p in self._people_in(s, e)):
                return None
        people = [p for p in self._people_in(s, e) if not self._creditor(p)]
        free, bound, directed = [], None, set()
        for p in people:  # (one joined to a governed or directed party is one too: `chỉ đạo A (…), B …`)
            if _DIRECTED.search(self.text, max(0, p.start - 40), p.start) or \
                    bound is not None and bound.start in directed and _JOINED_AFTER.fullmatch(self.text, bound.end, p.start):
                bound = p
                directed.add(p.start)  # (the one who directs acts: no party nearby either)
            elif _governed(self.text, p.start) or \
                    bound is not None and _JOINED_AFTER.fullmatch(self.text, bound.end, p.start):
                bound = p
            else:
                free.append(p)
        people = free  # (`góp vốn vào Công ty Y`, `… tại BIDV`: no party; read those nearby)
        self.agent = None
        payer = self._payer(s, pos) if money else None
        if payer is not None:
            people = [payer]
        elif self.agent is not None:  # (the payer of a sum received: no party of it)
            people = [p for p in people if p.start != self.agent]
        if auction or any(not self._lender(p) for p in people):  # (a bank's capital stays the bank's;
            # a bank selling a pledged asset is no owner of its price)
            people = [p for p in people if not self._lender(p)
                      or _POSSESSED.search(self.text, max(0, p.start - 24), p.start)]
        people = [p for p in people if p.canonical not in self.speakers]  # (read last, below)
        before = [p for p in people if p.start < pos]
        accused = [p for p in before if _ACCUSED.search(self.text, max(0, p.start - 14), p.start)]
        if not before and _PLURAL_ACTOR.search(self.text, s, pos if people else e):
            return None  # `các bị cáo chi xài … 111 triệu đồng`: several's, no one's alone
        if len({p.canonical for p in before}) >= 3 and _TOTAL_NEAR.search(self.text, max(s, pos - 40), pos):
            return None  # `A, B, C và D với tổng dư nợ hơn 7.000 tỷ đồng`: all of theirs
        if not before and auction and self.owners:
            near = self._nearest_owner(pos)  # (a party after a price is a buyer or a holder)
            if near is not None:
                return near
        if accused or before or people:
            chosen = (accused or before)[-1] if (accused or before) else people[0]
            if self.accused and _ROLE_BEFORE.search(self.text, max(0, chosen.start - 30), chosen.start):
                return self.accused  # `Nguyên giám đốc Công ty X bị buộc …`: the director, not X
            return chosen.canonical
        i = bisect_left(self.people_starts, pos) - 1
        nearby = []
        while i >= 0 and pos - self.people[i].start < 3 * _WINDOW:
            if not self._creditor(self.people[i]) and self.people[i].start not in directed:
                nearby.append(self.people[i])
            i -= 1
        if auction and self.owners:
            return self._nearest_owner(pos)  # a price is of what its owner loses
        debtors = [p for p in nearby if not self._lender(p) and p.canonical not in self.speakers]
        if debtors:  # (a lender alone nearby: the article's party is the debtor, read below)
            return debtors[0].canonical
        return self._most_mentioned()

    def _nearest_owner(self, pos: int) -> str | None:
        """The owner named nearest before `pos` (within a few sentences), else the article's."""
        i = bisect_left(self.people_starts, pos) - 1
        while i >= 0 and pos - self.people[i].start < 3 * _WINDOW:
            if self.people[i].canonical in self.owners:
                return self.people[i].canonical
            i -= 1
        return self._most_mentioned(self.owners)

    def _most_mentioned(self, among: set[str] | None = None) -> str | None:
        """The article's party: its most mentioned one (a lender counting less, the owner of what
        is sold or pledged more, a quoted speaker not at all), the first written on a tie."""
        counts: dict[str, float] = {}
        for p in self.people:
            if not self._creditor(p) and p.canonical not in self.speakers and (among is None or p.canonical in among):
                counts[p.canonical] = counts.get(p.canonical, 0) + 1 - 0.5 * self._lender(p)
        for owner in self.owners & counts.keys():
            counts[owner] += 1.5  # the owner of what is sold or pledged: the case is theirs
        return max(counts, key=counts.get) if counts else None

    def _payer(self, s: int, pos: int) -> Span | None:
        """`buộc ông Thăng bồi thường 600 tỉ đồng`, `tuyên BIDV phải hoàn trả lại cho …`: the
        party written right before the last payment verb before the sum, in its clause."""
        verb = None
        for m in _PAYS.finditer(self.text, max(s, pos - 120), pos + 24):  # (`chuyển` looks at the sum)
            if m.end() > pos:
                break
            verb = m
        if verb is None or re.search(r"[.;]", self.text[verb.end():pos]):
            return None
        claimant = self._claimant(s, verb.start())
        if claimant is not None:
            return claimant
        near = self._people_in(max(s, verb.start() - 80), verb.start())
        for i in range(len(near) - 1, -1, -1):
            p = near[i]
            if p.end <= verb.start() and verb.start() - p.end <= 40 and \
                    not re.search(r"[,;()]", self.text[p.end:verb.start()]):
                if _PASSIVE_AGENT.search(self.text, max(0, p.start - 8), p.start):
                    self.agent = p.start  # `VSP … được OceanBank trả lãi`: paid to the clause's subject
                    return None
                while i and _JOINED.fullmatch(self.text, near[i - 1].end, p.start):
                    i, p = i - 1, near[i - 1]  # `bị cáo Lạc và Danh liên đới bồi thường`: the first
                return p
        return None

    def _claimant(self, s: int, verb: int) -> Span | None:
        """`X kiện Y đòi bồi thường …`, `ông A khởi kiện, yêu cầu bồi thường …`: the party that
        sues or claims, written before the claim (the one before `kiện` when it is written)."""
        text = self.text
        claim = None
        for claim in _CLAIM.finditer(text, max(s, verb - 40), verb):
            pass
        if claim is None or re.search(r"(?<!\w)buộc(?!\w)", text[claim.end():verb]):
            return None
        anchor = claim.start()
        sues = None
        for sues in _SUES.finditer(text, max(s, anchor - 160), anchor):
            pass
        if sues is not None:
            anchor = sues.start()
        # (the claimant is the one to be paid: a creditor elsewhere in the article is no bar)
        before = [p for p in self._people_in(s, anchor) if p.end <= anchor
                  and not _governed(text, p.start)]
        return before[-1] if before else None

    def _lender(self, p: Span) -> bool:
        return bool(_LENDER.match(p.canonical)) or p.canonical in self.lenders

    def _creditor(self, p: Span) -> bool:
        """A creditor (`thi hành án cho X`), an auctioneer or a bank when a debtor is named."""
        return p.canonical in self.creditors or bool(_AUCTIONEER.match(p.canonical))

    def _place(self, s: int, pos: int, national: bool = True) -> str | None:
        """The province named in the sentence before `pos`, or the nation; a rank's subject is
        the unit ranked, never the scope (`xếp thứ 4/34 cả nước`)."""
        national = self.hits["national"].last(s, pos) if national else None
        if national and _OTHER_CLAUSE.search(self.text, national[START], pos):
            national = None  # `… của cả nước; …` / `…, trong khi toàn Cục chỉ có 412 …`: another clause's
        if national and self.local_branch and self.text.startswith(("toàn ngành", "Toàn ngành"), national[START]):
            national = None  # `ngành thanh tra TP … Tính chung toàn ngành`: the city's branch, all of it
        i = bisect_left(self.province_starts, pos) - 1
        place = self.provinces[i] if i >= 0 and self.provinces[i].start >= s else None
        if national and (place is None or national[START] > place.start):
            return "toàn quốc"
        if place is not None:
            return place.canonical
        return self.subject

    def _period(self, s: int, start: int, end: int, e: int) -> str | None:
        i, j = bisect_left(self.period_starts, s), bisect_left(self.period_starts, e)
        found_before = found_after = None
        for ps, pe, period in self.periods[i:j]:
            if ps < start and pe > start:
                continue
            if pe <= start:
                found_before = period
            elif ps >= end and found_after is None:
                found_after = period
        return found_before or found_after


_WORD_ONLY = re.compile(r"\w+")


def _words(names, text: str) -> list[tuple[int, int, str]]:
    """Whole-word occurrences (start, end, name) of any of `names` (single tokens), in text
    order. Names of word characters only are found by `str.find` (an occurrence with no word
    character on either side is a whole word run, so two never overlap): no regex to compile
    per article. Others go through one trie regex, as before."""
    if not names:
        return []
    if not all(_WORD_ONLY.fullmatch(n) for n in names):
        return [(m.start(), m.end(), m.group())
                for m in re.finditer(rf"(?<!\w){trie_pattern(names)}(?!\w)", text)]
    out = []
    size = len(text)
    for name in names:
        n = len(name)
        i = text.find(name)
        while i >= 0:
            j = i + n
            if (not i or not _is_word(text[i - 1])) and (j == size or not _is_word(text[j])):
                out.append((i, j, name))
            i = text.find(name, i + 1)
    out.sort()
    return out


def _is_word(ch: str) -> bool:
    """What `\\w` matches in a str pattern: an alphanumeric character or the underscore."""
    return ch.isalnum() or ch == "_"


# Suspects or defendants counted (`2.875 bị can`, `21% số bị can`, `vài chục bị can`): a report's.
_COUNTED_BEFORE = re.compile(r"(?i)(?:\d|(?<!\w)(?:số|lượng|lớn|nhiều|các|những|chục|trăm|nghìn|ngàn))\s+$")


def _court_story(text: str) -> bool:
    """A word of a court case (`bị cáo`, `tuyên phạt`, `kháng cáo` …), not counted."""
    return any(not _COUNTED_BEFORE.search(text, max(0, m.start() - 8), m.start()) for m in _COURT.finditer(text))


def _bodies_at_fault(text: str, orgs: list[Span]) -> list[Span]:
    """Mentions of a public body the article's case is about: one that did the wrong itself
    (`UBND xã Hà Tây lập chứng từ khống`, `UBND xã đã trích lại 10% kinh phí`, `sai phạm tại
    UBND xã X`), named by its entity's canonical; a bare later mention (`UBND xã`) is the one
    named body it begins. A body with no name of its own (`UBND xã` alone) is none."""
    if not any(w in text for w in _FAULT_WORDS):
        return []  # (most articles: no name to look at)
    def at_fault(o: Span) -> bool:
        if _AT_FAULT_AFTER.match(text, o.end):
            return True
        near = text[max(0, o.start - 6):o.start]  # (`tại`/`của` first: the search is the dearer)
        return ("tại" in near or "của" in near) and _AT_FAULT_BEFORE.search(text, max(0, o.start - 24), o.start) is not None
    faulty = {o.canonical for o in orgs if at_fault(o) and not _is_company(o.canonical)}
    if not faulty:
        return []
    names = sorted({o.canonical for o in orgs})

    def full(c: str) -> str | None:  # (the one longer name it begins, by bisection: no scan)
        i = bisect_left(names, c + " ")
        j = bisect_left(names, c + "!", i)  # (`!` sorts right after the space)
        return c if i == j else names[i] if j - i == 1 else None
    parties = {n for n in map(full, faulty) if n and n.rsplit(" ", 1)[-1][:1].isupper()}
    return [Span(o.start, o.end, "ORG", c) for o in orgs
            if (c := o.canonical if o.canonical in parties else full(o.canonical)) in parties]


def _is_company(name: str) -> bool:
    return bool(_COMPANY.match(name))


_COMPANY = re.compile(r"(?i)(?:Công ty|Cty|Tập đoàn|Ngân hàng|Tổng công ty|Doanh nghiệp|Hợp tác xã|Liên doanh|DNTN|Hãng(?! tin| thông tấn))")
