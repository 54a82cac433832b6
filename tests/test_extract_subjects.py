"""Whose figure it is in press stories about one case or one company (schema 2 `subject`):
company and bank names through their lowercase words, the party that pays a sum, the one
defendant a prison term is given to, and later mentions of a party (`ông Hòa`, a short name).

Sentences are written for these tests in press style (none is a corpus or seed sentence).
"""
from __future__ import annotations

from thads_tui.extract import extract


def facts(text, date="2024-07-10"):
    return {f.text: (f.metric, f.subject, f.period) for f in extract(text, date).figures}


def orgs(text):
    return [e.text for e in extract(text).entities if e.type == "ORG"]


def test_a_company_name_runs_through_its_lowercase_words():
    assert "Công ty Xổ số kiến thiết Bến Tre" in orgs(
        "Công ty Xổ số kiến thiết Bến Tre đã nộp đủ thuế năm 2023.")
    assert "Công ty CP Đầu tư hạ tầng kỹ thuật TP. HCM" in orgs(
        "Cổ đông lớn là Công ty CP Đầu tư hạ tầng kỹ thuật TP. HCM, nắm 12% vốn.")
    assert "Công ty TNHH MTV Đầu tư và phát triển nông nghiệp Hà Nội" in orgs(
        "Ông Tâm từng là giám đốc Công ty TNHH MTV Đầu tư và phát triển nông nghiệp Hà Nội (Hanofarm).")


def test_a_company_name_ends_at_a_verb_a_conjunction_or_another_body():
    found = orgs("Công ty Xổ số kiến thiết Bến Tre và Quỹ Đầu tư phát triển tỉnh Bến Tre sẽ bán "
                 "cổ phần; Công ty Du lịch Hòa Bình kiện Công ty TNHH Vận tải Sông Hồng.")
    assert "Công ty Xổ số kiến thiết Bến Tre" in found
    assert "Công ty Du lịch Hòa Bình" in found
    assert "Công ty TNHH Vận tải Sông Hồng" in found
    assert not any("kiện" in o or "Quỹ" in o for o in found)


def test_a_lowercase_head_with_a_legal_form_is_a_company():
    text = "Bị cáo nguyên là kế toán của công ty TNHH MTV Chè Tân Cương, bị tuyên 6 năm tù."
    x = extract(text)
    assert [e.canonical for e in x.entities if e.text.startswith("công ty")] == \
        ["Công ty TNHH MTV Chè Tân Cương"]
    assert orgs("Các công ty này đều ở Thái Nguyên.") == []


def test_the_province_level_in_a_company_name_is_one_company():
    x = extract("Công ty Xổ số kiến thiết tỉnh Bến Tre báo lãi. Công ty Xổ số kiến thiết Bến Tre "
                "nộp ngân sách 500 tỉ đồng.")
    assert {e.canonical for e in x.entities if e.text.startswith("Công ty")} == \
        {"Công ty Xổ số kiến thiết Bến Tre"}


def test_a_prison_term_is_the_defendant_s_it_is_given_to():
    f = facts("Xét xử vụ lừa đảo tại Công ty Hưng Phát\nTòa tuyên phạt bị cáo Đỗ Văn Hòa, nguyên "
              "giám đốc Công ty cổ phần Hưng Phát, 14 năm tù; Lý Thị Nga (kế toán) 4 năm tù. "
              "Các bị cáo còn lại lĩnh từ 18 tháng đến 3 năm tù.")
    assert f["14 năm"] == ("other", "Đỗ Văn Hòa", None)
    assert f["4 năm"] == ("other", "Lý Thị Nga", None)
    assert f["18 tháng"][1] is None and f["3 năm"][1] is None


def test_a_term_two_defendants_share_or_a_trial_s_length_is_nobody_s():
    f = facts("Tuyên án vụ sai phạm tại Công ty Hưng Phát\nSau 12 ngày xét xử, tòa tuyên bị cáo "
              "Đỗ Văn Hòa 8 năm tù, Lý Thị Nga 8 năm tù, buộc bồi thường 5 tỉ đồng.")
    assert f["12 ngày"][1] is None
    assert f["8 năm"][1] is None


def test_a_sum_is_whoever_the_sentence_says_pays_it():
    f = facts("Phúc thẩm vụ Công ty Hưng Phát\nBị cáo Đỗ Văn Hòa và Lý Thị Nga bị tuyên phạt tù. "
              "Về dân sự, tòa buộc ông Hòa bồi thường 40 tỉ đồng, bà Nga bồi thường 6 tỉ đồng.")
    assert f["40 tỉ đồng"][:2] == ("case.owed", "Đỗ Văn Hòa")
    assert f["6 tỉ đồng"][:2] == ("case.owed", "Lý Thị Nga")


def test_joint_payers_are_the_first_named():
    f = facts("Tuyên án vụ sai phạm tại Công ty Hưng Phát\nTòa tuyên bị cáo Đỗ Văn Hòa và Lý Thị "
              "Nga 7 năm tù. Về dân sự, bị cáo Hòa và Nga liên đới bồi thường hơn 9 tỉ đồng.")
    assert f["hơn 9 tỉ đồng"][1] == "Đỗ Văn Hòa"


def test_a_company_ordered_to_pay_is_the_subject_not_its_creditor():
    f = facts("Vụ kiện giữa hai hãng taxi\nTòa tuyên Công ty TNHH Xe Việt - Xevi phải bồi thường cho "
              "Công ty Cổ phần Mai Linh Xanh hơn 3,2 tỉ đồng. Giám đốc Xevi Trần Quốc Bảo cho biết "
              "sẽ kháng cáo.\nTheo bản án, Xevi phải trả thêm 200 triệu đồng án phí.")
    # (the short name after a dash is no part of the full one: the lead's convention, gold CHANGES.md)
    assert f["hơn 3,2 tỉ đồng"][:2] == ("case.owed", "Công ty TNHH Xe Việt")
    assert f["200 triệu đồng"][1] == "Công ty TNHH Xe Việt"


def test_a_bank_is_named_by_its_first_full_name_however_often_its_short_name_is_written():
    text = ("Eximland rao bán khu đất lần ba\nNgân hàng TMCP Phương Nam Xanh (Eximland) tiếp tục đấu "
            "giá khu đất ở Long An. Eximland đưa ra giá khởi điểm 1.200 tỷ đồng. Trước đó, Eximland "
            "từng rao 1.350 tỷ đồng.")
    f = facts(text)
    assert f["1.200 tỷ đồng"][1] == "Ngân hàng TMCP Phương Nam Xanh"
    x = extract(text)  # the entity itself has the same full canonical name
    assert {e.canonical for e in x.entities if e.text == "Eximland" and e.type == "ORG"} == \
        {"Ngân hàng TMCP Phương Nam Xanh"}


def test_a_company_mentioned_without_its_legal_form_is_that_company():
    # the name is written later without `TNHH MTV`, the head and the name in lower case
    text = ("Cựu lãnh đạo công ty chè Phú Bền bị truy tố\n\n"
            "Bị cáo Lê Văn Khải, nguyên Giám đốc Công ty TNHH MTV Chè Phú Bền, bị truy tố. "
            "Theo cáo trạng, bị cáo Khải đã ký 14 hợp đồng bán chè cho đối tác nước ngoài. "
            "Đến nay công ty chè Phú Bền chưa thu hồi được tiền hàng. "
            "Theo Sở Tài chính, 9 hợp đồng có tổng giá trị hơn 31 tỷ đồng.")
    subjects = {f.text: f.subject for f in extract(text, "2024-07-10").figures}
    assert subjects["9 hợp đồng"] == "Công ty TNHH MTV Chè Phú Bền"
    assert subjects["hơn 31 tỷ đồng"] == "Công ty TNHH MTV Chè Phú Bền"


def test_a_name_written_without_the_form_is_the_full_company():
    text = ("Công ty CP Gạch men Sông Đà vẫn nợ thuế\n\n"
            "Công ty CP Gạch men Sông Đà còn nợ hơn 12 tỷ đồng tiền thuế. Năm 2023, Công ty "
            "Gạch men Sông Đà đã nộp 3 tỷ đồng.")
    subjects = {f.text: f.subject for f in extract(text, "2024-07-10").figures}
    assert subjects["3 tỷ đồng"] == "Công ty CP Gạch men Sông Đà"


def test_a_director_who_sues_is_a_party_in_a_court_story():
    # an official's title keeps a person out of the parties, a company director's does not
    text = ("Giám đốc kiện cục hải quan đòi bồi thường 9 tỉ đồng\n\n"
            "TAND tỉnh Hà Tĩnh sẽ xử phúc thẩm vụ Giám đốc Công ty TNHH Gỗ Hưng Phát Hồ Đức Lâm "
            "kiện Cục Hải quan đòi bồi thường. Bản án sơ thẩm bác đơn khởi kiện, ông Lâm phải chịu án "
            "phí. Ông Lâm kháng cáo, vẫn đòi bồi thường hơn 9 tỉ đồng.")
    subjects = {f.text: f.subject for f in extract(text, "2024-07-10").figures}
    assert subjects["hơn 9 tỉ đồng"] == "Hồ Đức Lâm"


# Round 3 (EXTRACTOR_VERSION 6): rules from blind6's errors, each on sentences written here.

def roles(text):
    return {e.canonical: e.role for e in extract(text).entities if e.type == "PERSON"}


def test_a_title_does_not_run_back_across_the_previous_person_s_bracket():
    r = roles("Hai bị cáo gồm Trần Văn Khải (45 tuổi, nguyên Giám đốc Công ty Minh Phát), "
              "Lê Thị Hồng (38 tuổi, thủ quỹ) cùng hầu tòa.")
    assert r["Lê Thị Hồng"] is None
    assert roles("Giám đốc Sở Tư pháp Nguyễn Văn Hải phát biểu.")["Nguyễn Văn Hải"] == "Giám đốc Sở Tư pháp"


def test_a_given_name_in_a_sentencing_list_is_that_defendant():
    f = facts("Xử vụ tham ô ở Công ty Vĩnh Hưng\nCác bị cáo Hoàng Thị Kim Chi và Đỗ Quốc Trung bị truy tố. "
              "Kết thúc phiên xử, tòa tuyên phạt Chi 12 năm tù, Trung 3 năm tù về tội tham ô tài sản.")
    assert f["12 năm"] == ("other", "Hoàng Thị Kim Chi", None)
    assert f["3 năm"] == ("other", "Đỗ Quốc Trung", None)


def test_a_given_name_before_an_aspect_marker_is_that_person():
    f = facts("Xử vụ tham ô ở Công ty Vĩnh Hưng\nBị cáo Hoàng Thị Kim Chi bị truy tố. Cáo trạng cho biết "
              "Chi đã ký 40 hợp đồng khống với Công ty TNHH An Phú, gây thiệt hại 1,2 tỷ đồng.")
    assert f["40 hợp đồng"][1] == "Hoàng Thị Kim Chi"
    assert f["1,2 tỷ đồng"][1] == "Hoàng Thị Kim Chi"


def test_a_party_after_a_preposition_is_not_whose_figure_it_is():
    f = facts("Xử vụ lập hợp đồng khống\nTheo cáo trạng, Đào Văn Lực ký 12 hợp đồng với Công ty TNHH Hòa An và "
              "8 hợp đồng với Công ty CP Bình Minh, gây thiệt hại hơn 2 tỷ đồng.")
    assert f["8 hợp đồng"][1] == "Đào Văn Lực"
    assert f["hơn 2 tỷ đồng"][1] == "Đào Văn Lực"
    g = facts("Xử vụ góp vốn trái phép\nTheo cáo trạng, Mai Văn Tiến đã chỉ đạo các đơn vị thuộc Tập đoàn Dệt may "
              "Phương Nam góp vốn trái quy định, gây thiệt hại cho Nhà nước 15 tỷ đồng.")
    assert g["15 tỷ đồng"][1] == "Mai Văn Tiến"


def test_a_sentence_opening_with_tong_so_tien_is_the_case_s_sum():
    f = facts("Cựu giám đốc nhà máy hầu tòa\nBị cáo Trần Văn Khải bị truy tố. Tổng số tiền đã chi cho "
              "bị cáo Khải là gần 2,5 tỉ đồng nhưng không báo cáo UBND tỉnh Thái Bình.")
    assert f["gần 2,5 tỉ đồng"][:2] == ("other", "Trần Văn Khải")


def test_a_term_given_to_each_of_two_defendants_is_neither_s():
    f = facts("Xử vụ trộm cắp tài sản\nTòa tuyên phạt bị cáo Lê Văn An 4 năm tù, Lê Văn An và Phạm Văn Bình "
              "mỗi bị cáo 3 năm tù.")
    assert f["4 năm"][1] == "Lê Văn An"
    assert f["3 năm"][1] is None


def test_a_titled_defendant_is_given_the_term():
    text = ("Xử vụ tham ô ở nhà máy\nBị cáo Ngô Văn Tài lĩnh 9 năm tù. Giúp sức cho ông Tài, nữ kế toán "
            "Ngô Thị Hạnh bị tuyên 5 năm tù về tội tham ô tài sản.")
    assert roles(text)["Ngô Thị Hạnh"]  # (a title: officials are no party elsewhere)
    assert facts(text)["5 năm"][1] == "Ngô Thị Hạnh"


def test_a_headline_term_with_nobody_beside_it_is_the_body_s_defendant_s():
    # the headline restates the verdict the body reports: one figure, one defendant (gold rows
    # are one per figure text); two defendants with that term in the body leave it nobody's
    f = [x.subject for x in extract("Cựu giám đốc lĩnh 9 năm tù\n\nTòa tuyên phạt bị cáo "
                                    "Vũ Đình Long 9 năm tù về tội tham ô.").figures]
    assert f == ["Vũ Đình Long", "Vũ Đình Long"]
    f = [x.subject for x in extract("Hai cựu cán bộ lĩnh 9 năm tù\n\nTòa tuyên phạt bị cáo "
                                    "Vũ Đình Long 9 năm tù về tội tham ô. Bị cáo Lê Văn Hòa "
                                    "bị tuyên 9 năm tù.").figures]
    assert f[0] is None


def test_a_price_after_rounds_of_bidding_is_an_auction_price():
    f = facts("Bán đấu giá nhà máy bị kê biên\nSau 7 vòng trả giá, chỉ với 12 tỷ đồng, Công ty TNHH "
              "Hải Long đã mua được toàn bộ máy móc.")
    assert f["12 tỷ đồng"][0] == "auction.price"
    # a price paid elsewhere is no auction's (`bán lẻ với mức giá`, a taxi fare)
    g = facts("Giá vàng hôm nay\nCông ty Vàng bạc Phú Quý bán ra với mức giá 37,5 triệu đồng mỗi lượng.")
    assert g["37,5 triệu đồng"][0] == "other"


def test_a_sum_recovered_after_an_inspection_is_asset_recovery():
    f = facts("Kiên Giang thu hồi tiền sai phạm đất đai\nUBND tỉnh Kiên Giang đã thu hồi được 45 tỉ đồng "
              "theo kết luận của Thanh tra Chính phủ về quản lý đất đai.")
    assert f["45 tỉ đồng"][:2] == ("assets.recovered", "Kiên Giang")


def test_money_a_defendant_takes_is_no_recovery():
    f = facts("Cựu giám đốc nhà máy hầu tòa\nBị cáo Trần Văn Khải bị truy tố. Khi cấp dưới nộp lại tiền "
              "tạm ứng, ông Khải còn trực tiếp nhận số tiền 90 triệu đồng.")
    assert f["90 triệu đồng"][:2] == ("other", "Trần Văn Khải")


# Round 4 (issue #12): the buyer at an auction, a name on a document, a person's employer in
# apposition, the one who sues, the one who directs, a quoted speaker, a byline above a caption.

def test_the_buyer_at_an_auction_is_no_party_the_asset_s_owner_is():
    f = facts("Bán đấu giá xưởng gỗ bỏ hoang\nSau 9 vòng trả giá, Công ty TNHH Lâm sản Phú Sơn đã trở "
              "thành chủ nhân mới của xưởng gỗ với giá 46 tỷ đồng. Giá khởi điểm là 30 tỷ đồng. Xưởng gỗ "
              "do Công ty cổ phần Chế biến gỗ Đông Hà làm chủ đầu tư, bỏ hoang từ năm 2015.")
    assert f["46 tỷ đồng"][1] == "Công ty cổ phần Chế biến gỗ Đông Hà"
    assert f["30 tỷ đồng"][1] == "Công ty cổ phần Chế biến gỗ Đông Hà"


def test_a_lender_alone_nearby_leaves_the_sum_to_the_borrower():
    f = facts("Bán đấu giá nhà xưởng thế chấp\nCông ty TNHH Cơ khí Thành Đạt vay vốn của Ngân hàng TMCP "
              "Nam Việt rồi mất khả năng trả nợ. " + "Chi cục đã nhiều lần làm việc với các bên. " * 20
              + "Ngân hàng TMCP Nam Việt đồng ý giảm giá. Giá khởi điểm lần này là 12 tỷ đồng.")
    assert f["12 tỷ đồng"][1] == "Công ty TNHH Cơ khí Thành Đạt"


def test_a_name_on_a_document_is_not_whose_sum_it_is():
    f = facts("Xét xử nguyên giám đốc quỹ tín dụng\nBị cáo Hoàng Văn Quyết đã lập khống hồ sơ vay "
              "mang tên Trịnh Thị Mơ, chiếm đoạt 450 triệu đồng.")
    assert f["450 triệu đồng"][1] == "Hoàng Văn Quyết"


def test_an_employer_in_a_person_s_apposition_describes_the_person():
    f = facts("Xét xử vụ cho vay sai\nÔng Đào Minh Khoa (nguyên Phó Tổng giám đốc Ngân hàng TMCP Phương "
              "Bắc) đã ký 9 hợp đồng cho vay trái quy định.")
    assert f["9 hợp đồng"][1] == "Đào Minh Khoa"


def test_a_claim_is_the_claimant_s_figure():
    f = facts("Tòa xử vụ kiện giữa hai hãng xe\nVụ Công ty cổ phần Vận tải Sao Mai kiện Công ty TNHH "
              "Xe công nghệ Bình Minh đòi bồi thường 18 tỷ đồng đã được đưa ra xét xử.")
    assert f["18 tỷ đồng"][1] == "Công ty cổ phần Vận tải Sao Mai"
    f = facts("Xử vụ đòi bồi thường\nTòa tuyên buộc Công ty TNHH Xe công nghệ Bình Minh bồi thường 3 tỷ "
              "đồng cho Công ty cổ phần Vận tải Sao Mai.")
    assert f["3 tỷ đồng"][1] == "Công ty TNHH Xe công nghệ Bình Minh"


def test_the_one_who_directs_is_whose_sum_it_is():
    f = facts("Xử vụ góp vốn sai quy định\nBị cáo Lương Văn Tâm chỉ đạo kế toán trưởng là ông Đỗ Quang Huy "
              "chuyển 7,5 tỷ đồng vào công ty bạn.")
    assert f["7,5 tỷ đồng"][1] == "Lương Văn Tâm"


def test_a_quoted_speaker_yields_to_the_company_the_figures_are_of():
    f = facts("Bán đấu giá cổ phần khách sạn\nCông ty cổ phần Du lịch Hồ Tiên là chủ sở hữu khách sạn "
              "Hồ Tiên. Ông Phan Văn Lộc, Giám đốc khách sạn, cho biết: \"Năm 2023 doanh thu khách sạn đạt 15 tỉ "
              "đồng\".")
    assert f["15 tỉ đồng"][1] == "Công ty cổ phần Du lịch Hồ Tiên"


def test_a_byline_above_a_photo_caption_is_nobody_s_party():
    f = facts("Hãng tàu đồng ý bồi thường\nChi phí sửa chữa cầu cảng lên tới khoảng 12 triệu USD.\n"
              "Trần Minh Hải\n\nCầu cảng bị hư hỏng sau vụ va chạm.")
    assert f["khoảng 12 triệu USD"][1] is None


def test_the_start_of_a_running_span_is_no_period():
    f = facts("Kết quả kiểm sát\nTừ tháng 3/2021 đến nay, Viện kiểm sát đã ban hành 57 kiến nghị.")
    assert f["57 kiến nghị"][2] is None


def test_a_month_placed_in_its_thads_year_keeps_the_month():
    f = facts("Cục THADS tỉnh Bình Thuận\nTrong tháng 10/2024, tháng đầu tiên của năm công tác 2025, "
              "Cục THADS tỉnh Bình Thuận đã thụ lý mới 1.234 việc.", "2024-11-05")
    assert f["1.234 việc"][2] == "2024-10"


# Round 5 (after blind7's first score): an article naming no party is aggregate, sums taken are
# no debts, a plan is no result, the several are nobody alone, a lender's short name is a lender.

def test_an_article_that_names_no_party_is_an_aggregate_report():
    f = facts("Đấu giá 60 ha đất năm 2025, Đà Nẵng dự kiến thu 4.000 tỉ đồng\nTheo kế hoạch, tổng diện "
              "tích đất đấu giá năm 2025 của thành phố Đà Nẵng là 60,5 ha. Trong năm 2024, Đà Nẵng đã có "
              "12 đơn vị tổ chức đấu giá, số tiền trúng đấu giá là 2.150 tỉ đồng.", "2025-02-10")
    assert f["60,5 ha"][1:] == ("Đà Nẵng", "2025")
    assert f["4.000 tỉ đồng"][0] == "other"  # a forecast, no result
    assert f["2.150 tỉ đồng"] == ("other", "Đà Nẵng", "2024")  # the sum of twelve units' auctions


def test_a_sum_taken_is_no_debt_even_after_a_word_of_paying():
    f = facts("Xử vụ tham ô ở bến xe\nCần tiền trả nợ, Lý Văn Khiêm chiếm đoạt 640 triệu đồng của bến xe. "
              "Tòa buộc bị cáo Khiêm bồi thường 240 triệu đồng. Sau đó, Khiêm trả thêm 100 triệu đồng.")
    assert f["640 triệu đồng"][:2] == ("other", "Lý Văn Khiêm")
    assert f["240 triệu đồng"][:2] == ("case.owed", "Lý Văn Khiêm")
    assert f["100 triệu đồng"][0] == "case.recovered"


def test_accused_of_is_no_order_to_pay_and_a_list_gives_each_his_sum():
    f = facts("Xử vụ tham ô ở trung tâm dạy nghề\nCác bị cáo Lâm Văn Tùng và Hà Minh Trung bị truy tố. "
              "Trong đó, ông Tùng bị cáo buộc chiếm dụng 40,5 triệu đồng, Trung 12,2 triệu đồng.")
    assert f["40,5 triệu đồng"] == ("other", "Lâm Văn Tùng", None)
    assert f["12,2 triệu đồng"][1] == "Hà Minh Trung"


def test_what_several_defendants_took_together_is_none_of_theirs_alone():
    f = facts("Xử vụ tham ô ở trung tâm dạy nghề\nBị cáo Lâm Văn Tùng lĩnh 3 năm tù. Cơ quan tố tụng "
              "xác định các bị cáo chi xài cá nhân trên 95 triệu đồng.")
    assert f["trên 95 triệu đồng"][1] is None


def test_a_bank_named_by_its_short_name_is_still_a_lender():
    f = facts("Rao bán khoản nợ của doanh nghiệp vận tải\nNgân hàng TMCP Công Thương Việt Nam (VietinBank) "
              "thông báo bán khoản nợ xấu của Công ty cổ phần Thép Sông Đà Xanh. Tổng dư nợ của "
              "Thép Sông Đà Xanh tại VietinBank là 512 tỷ đồng. VietinBank cho biết giá khởi điểm là 300 tỷ đồng.")
    assert f["512 tỷ đồng"][1] == "Công ty cổ phần Thép Sông Đà Xanh"
    assert f["300 tỷ đồng"][1] == "Công ty cổ phần Thép Sông Đà Xanh"


def test_a_bound_and_a_price_s_change_are_no_price():
    f = facts("Bán đấu giá khoản nợ của Công ty cổ phần Địa ốc Sông Tiền\nĐơn vị đấu giá phải có hợp đồng "
              "đã đấu giá thành công từ 50 tỷ đồng trở lên. Giá khởi điểm là 820 tỷ đồng, tăng thêm 120 tỷ "
              "đồng so với lần trước.")
    assert f["50 tỷ đồng"][0] == "other"
    assert f["820 tỷ đồng"][0] == "auction.price"
    assert f["120 tỷ đồng"][0] == "other"


def test_a_story_of_one_auction_gives_its_figures_to_the_owner_of_what_is_sold():
    f = facts("Bán đấu giá khu nghỉ dưỡng lớn nhất Quảng Bình\nKhu nghỉ dưỡng Biển Xanh rộng gần 8.000 m2 "
              "sẽ được bán đấu giá. Công ty CP Du lịch Biển Xanh (chủ sở hữu khu nghỉ dưỡng) do Công ty "
              "TNHH Đầu tư Minh Sơn nắm 60% vốn. Năm 2023 khu nghỉ dưỡng lãi 5 tỉ đồng.")
    assert f["gần 8.000 m2"][1] == "Công ty CP Du lịch Biển Xanh"
    assert f["5 tỉ đồng"][1] == "Công ty CP Du lịch Biển Xanh"


def test_a_bank_that_took_a_pledge_is_no_owner():
    f = facts("Bán đấu giá nhà xưởng thế chấp\nCông ty TNHH Cơ khí Thành Đạt vay vốn của Ngân hàng TMCP Nam "
              "Việt và thế chấp nhà xưởng. Ngân hàng TMCP Nam Việt khởi kiện. Giá khởi điểm là 12 tỷ đồng.")
    assert f["12 tỷ đồng"][1] == "Công ty TNHH Cơ khí Thành Đạt"


def test_a_party_only_named_after_a_preposition_leaves_the_figure_to_the_story_s_party():
    f = facts("Xử nguyên giám đốc công ty dệt\nBị cáo Trịnh Văn Lâm lĩnh 9 năm tù. Cơ quan điều tra tách vụ "
              "sử dụng sai mục đích 3 tỉ đồng tại Công ty Dệt Hòa Bình để xử lý sau.")
    assert f["3 tỉ đồng"][1] == "Trịnh Văn Lâm"


def test_a_given_name_before_a_verb_of_acting_is_that_person():
    f = facts("Xử vụ tham ô ở quỹ tín dụng\nCác bị cáo gồm Trần Văn Trung và Lê Thị Hoa. Trung gây thiệt "
              "hại hơn 120 triệu đồng, chiếm hưởng 40 triệu đồng.")
    assert f["hơn 120 triệu đồng"][1] == "Trần Văn Trung"
    assert f["40 triệu đồng"][1] == "Trần Văn Trung"


def test_a_rate_in_brackets_after_the_level_it_names_is_that_level():
    f = facts("Cục THADS tỉnh Bình Phước sơ kết\nTỷ lệ về tiền của tỉnh còn thấp hơn mức bình quân của "
              "cả nước (khoảng 28%).", "2025-07-01")
    assert f["khoảng 28%"][0] == "money.rate"


def test_the_city_s_abbreviation_ends_no_sentence():
    f = facts("Bán đấu giá cổ phần khách sạn Sông Hàn\nCổ đông nhỏ là Công ty CP Đầu tư Hạ tầng TP. HCM chỉ góp "
              "2,5% vốn. Khách sạn do Công ty CP Du lịch Sông Hàn làm chủ đầu tư.")
    assert f["2,5%"][1] == "Công ty CP Đầu tư Hạ tầng TP. HCM"


def test_a_court_story_whose_defendant_is_not_found_stays_a_court_story():
    f = facts("Xử kẻ lừa đảo nhà đầu tư ở Đà Nẵng\nTòa án tuyên phạt bị cáo Maria Gonzalez 12 năm tù "
              "vì lừa đảo 2 triệu USD của các nhà đầu tư.")
    assert f["12 năm"][1] is None  # whose the text does not say: no place is the defendant


def test_the_start_of_an_open_span_is_no_period():
    f = facts("Cục THADS tỉnh Hà Tĩnh\nCác Chi cục đã thi hành xong 45 vụ việc kéo dài từ năm 2012.", "2016-10-20")
    assert f["45 vụ việc"][2] != "2012"


def test_a_quoted_official_is_no_party_of_the_province_s_figures():
    f = facts("Cục THADS tỉnh Yên Bái đẩy mạnh chuyển đổi số\nTheo bà Lò Thị Hiền, Trưởng Thi hành án dân sự tỉnh, "
              "năm nay đơn vị đã số hóa toàn bộ hồ sơ.\nBà Lò Thị Hiền cho biết, trong quý IV/2025, Thi hành án dân "
              "sự tỉnh sẽ đầu tư 1,2 tỷ đồng nâng cấp mạng, đào tạo 80 công chức.", "2025-09-20")
    assert f["1,2 tỷ đồng"][1:] == ("Yên Bái", "2025-Q4")
    assert f["80 công chức"][1:] == ("Yên Bái", "2025-Q4")


def test_a_bound_of_a_class_of_cases_is_no_quantity_and_no_period():
    f = facts("Cục THADS tỉnh Yên Bái sơ kết 9 tháng\nNăm 2025, Cục THADS tỉnh Yên Bái thi hành xong 1.200 việc.\n"
              "Dịp này, Cục trưởng Lò Văn Sỹ cho biết đơn vị đã phân công 12 Chấp hành viên tổ chức thi hành các "
              "vụ việc có giá trị phải thi hành trên 5 tỷ đồng; đồng thời đề nghị Bộ Tư pháp sớm hướng dẫn.",
              "2025-09-20")
    assert f["trên 5 tỷ đồng"][0] == "other" and f["trên 5 tỷ đồng"][2] is None


def test_a_plaintiff_who_speaks_is_still_the_party_an_official_is_not():
    f = facts("Tài xế kiện công ty taxi đòi tiền tăng ca\nÔng Lê Văn Sáu, 59 tuổi, khẳng định ông đã làm thêm "
              "3.000 giờ. Trong đơn kiện, ông Sáu đòi bồi thường 400 triệu đồng.")
    assert f["400 triệu đồng"][1] == "Lê Văn Sáu"
    f = facts("Xử vụ kiện thuế ở Quảng Bình\nBà Đinh Thị Hoa, Chánh tòa Hành chính TAND tỉnh Quảng Bình, cho biết "
              "cấp phúc thẩm sẽ xem xét phần án phí (khoảng 90 triệu đồng). Ông Trần Văn Sơn kiện Chi cục Thuế.")
    assert f["khoảng 90 triệu đồng"][1] != "Đinh Thị Hoa"


def test_a_scope_word_in_another_clause_is_not_the_figure_s_scope():
    f = facts("Cục THADS TP Cần Thơ sơ kết\nLượng án của Cần Thơ chiếm 5% tổng lượng án của cả nước, trong khi "
              "toàn Cục chỉ có 96 Chấp hành viên.", "2025-04-10")
    assert f["96 Chấp hành viên"][1] == "Cần Thơ"
    f = facts("Hội nghị THADS tỉnh Sóc Trăng\nTham dự có ông Lê Văn Nam, Phó Tổng cục trưởng Tổng cục THADS; "
              "ông Trần Văn Hai, Phó Chủ tịch UBND tỉnh Sóc Trăng cùng hơn 150 đại biểu.", "2025-04-10")
    assert f["hơn 150 đại biểu"][1] == "Sóc Trăng"


def test_a_parent_company_is_not_the_group_it_belongs_to():
    f = facts("Xử cựu lãnh đạo tổng công ty chè\nBị cáo Đỗ Văn Tâm lĩnh 8 năm tù. Theo cáo trạng, Tổng công ty Chè "
              "Việt Nam là công ty mẹ trong Tập đoàn Nông nghiệp quốc gia Việt Nam do Nhà nước sở hữu 100% vốn.")
    assert f["100%"][1] == "Tổng công ty Chè Việt Nam"


def test_a_debt_put_up_for_sale_is_its_debtor_s_story():
    f = facts("Doanh nghiệp vận tải ở Bình Định bị rao bán khoản nợ 900 tỷ đồng\nNgân hàng TMCP Công Thương Việt "
              "Nam (VietinBank) thông báo bán đấu giá khoản nợ xấu của Công ty cổ phần Thép Sông Đà Xanh. Giám đốc công ty "
              "là bà Hồ Thị Lệ, người nắm 2 triệu cổ phiếu.\nTài sản bảo đảm gồm một nhà xưởng rộng 5.400 m2 ở Quy Nhơn.")
    assert f["5.400 m2"][1] == "Công ty cổ phần Thép Sông Đà Xanh"


def test_a_group_s_total_debt_is_none_of_its_members_alone():
    f = facts("Bán đấu giá tòa nhà để xử lý nợ\nVAMC đã mua nợ của nhóm khách hàng gồm Công ty cổ phần Địa ốc Nam "
              "Hải, Công ty cổ phần Đầu tư Bình An, Công ty cổ phần Xây dựng Phú Quý với tổng dư nợ hơn 2.000 tỷ đồng.")
    assert f["hơn 2.000 tỷ đồng"][1] is None


def test_several_defendants_named_after_the_figure_still_share_it():
    f = facts("Xử vụ tham ô ở trung tâm dạy nghề\nBị cáo Lâm Văn Tùng lĩnh 3 năm tù. Gần 8 năm điều tra, cơ quan "
              "tố tụng xác định các bị cáo đã chiếm đoạt tiền.")
    assert f["Gần 8 năm"][1] is None


def test_a_statute_s_prison_term_is_no_province_s_figure():
    f = facts("Các nước trừng phạt tội phạm lừa đảo ra sao?\nTheo luật của nhiều nước, kẻ lừa đảo trên 1 triệu USD "
              "sẽ nhận mức phạt 15 năm tù. Ở Việt Nam, Bộ luật Hình sự cũng quy định như vậy trên cả nước.")
    assert f["15 năm"][1] is None


# Round 5 (EXTRACTOR_VERSION 8, issue #12): a company is named by its first full name (the
# lead's convention, benchmarks/gold/CHANGES.md), names the org grammar missed or cut, and
# whose figure it is by the figures around it. Sentences written here, in press style.

def org_canonicals(text):
    return {e.text: e.canonical for e in extract(text).entities if e.type == "ORG"}


def test_a_company_s_short_names_and_spellings_take_its_first_full_name():
    text = ("Xét xử vụ án tại ngân hàng KBH\nÔng Võ Thanh Tùng (nguyên Tổng giám đốc Ngân hàng TMCP Kỹ thương "
            "Bắc Hà (KBH)) bị truy tố. KBH đã cho Công ty CP Danang River Tower vay 900 tỷ đồng. Công ty cổ "
            "phần Đà Nẵng River Tower chưa trả nợ. Ngân hàng KBH đề nghị phát mại tài sản.")
    names = org_canonicals(text)
    assert names["KBH"] == names["Ngân hàng KBH"] == "Ngân hàng TMCP Kỹ thương Bắc Hà"
    # (the spellings differ in the legal form's spelling, tones, case and spaces only)
    assert names["Công ty cổ phần Đà Nẵng River Tower"] == "Công ty CP Danang River Tower"


def test_a_short_name_after_a_dash_or_a_trailing_acronym_is_no_part_of_the_full_name():
    names = org_canonicals("Cổ đông gồm Công ty TNHH Vận tải Biển Xanh - Bixaco (40%) và công ty CP Vàng bạc "
                           "đá quý Kim Long KLJ (5%).")
    assert set(names.values()) == {"Công ty TNHH Vận tải Biển Xanh", "Công ty CP Vàng bạc đá quý Kim Long"}
    # ... but a one-word name before a dash, or an acronym that is the name, stays whole
    assert set(org_canonicals("Tập đoàn E - United và Công ty CP Chứng khoán KBS ký hợp đồng.").values()) == \
        {"Tập đoàn E - United", "Công ty CP Chứng khoán KBS"}


def test_company_names_the_org_grammar_used_to_cut_or_miss():
    found = orgs("Các cổ đông: công ty TNHH Chứng khoán Ngân hàng Sao Việt (10%), công ty TNHH MTV đầu tư và "
                 "phát triển kho vận Hòa Bình (8%). Hãng hàng không Sao Mai bồi thường cho khách. Giám đốc "
                 "Doanh nghiệp tư nhân (DNTN) Hoàng Long kiện Cục Thuế. Vụ việc ở trung tâm Phát triển quỹ đất "
                 "(TTPTQĐ) tỉnh Bình Phước.")
    assert "công ty TNHH Chứng khoán Ngân hàng Sao Việt" in found
    assert "công ty TNHH MTV đầu tư và phát triển kho vận Hòa Bình" in found
    assert "Hãng hàng không Sao Mai" in found
    assert "Doanh nghiệp tư nhân (DNTN) Hoàng Long" in found
    assert "trung tâm Phát triển quỹ đất (TTPTQĐ) tỉnh Bình Phước" in found


def test_a_country_s_maker_and_a_city_centre_are_no_organisations():
    found = orgs("Hãng xe Nhật giảm giá. Dự án nằm tại trung tâm TP. HCM. Các DN Việt Nam chịu thiệt.")
    assert not [o for o in found if o.startswith(("Hãng", "trung tâm", "DN"))]


def test_a_business_s_figures_and_its_mentions_by_dn():
    f = facts("Doanh nghiệp kiện chi cục thuế\nÔng Lê Văn Tư (Giám đốc Doanh nghiệp tư nhân (DNTN) Hoàng Long) "
              "kiện Chi cục Thuế huyện Yên Thành. Tòa xác định DN Hoàng Long còn nợ thuế hơn 80 triệu đồng. "
              "Ông Tư cho biết ông đại diện cho DN tư nhân Hoàng Long khởi kiện, yêu cầu bồi thường 5 tỉ đồng.")
    assert f["hơn 80 triệu đồng"][1] == "Doanh nghiệp tư nhân Hoàng Long"
    assert f["5 tỉ đồng"][1] == "Lê Văn Tư"  # (a plaintiff who speaks is still the party)


def test_contracts_are_signed_for_the_company_the_signer_directs():
    f = facts("Xử cựu lãnh đạo công ty lương thực\nBà Lê Thị Hoa (nguyên Giám đốc Công ty TNHH MTV Lương thực "
              "Hậu Giang) đã ký 20 hợp đồng xuất khẩu gạo. Bà Hoa ký tiếp 6 hợp đồng, trong đó có 4 hợp đồng "
              "(bán 1.200 tấn gạo) cho đối tác A và 2 hợp đồng với đối tác B có tổng giá trị hơn 30 tỷ đồng. "
              "Đối tác trả 2 tỷ, còn lại 12 tỷ đến nay công ty Lương thực Hậu Giang không thu hồi được.")
    company = "Công ty TNHH MTV Lương thực Hậu Giang"
    for figure in ("20 hợp đồng", "6 hợp đồng", "4 hợp đồng", "2 hợp đồng", "hơn 30 tỷ đồng", "12 tỷ"):
        assert f[figure][1] == company, figure


def test_a_breakdown_joined_by_va_needs_its_whole():
    f = facts("Xử vụ tham ô\nBị cáo Lý Văn Tâm chiếm đoạt 7 tỷ đồng và bị cáo Phan Văn Bé chiếm đoạt 3 tỷ đồng.")
    assert f["3 tỷ đồng"][1] == "Phan Văn Bé"


def test_a_figure_in_brackets_after_a_party_or_owned_by_one_is_theirs():
    f = facts("Dự án Sông Xanh Tower bị đấu giá\nChủ đầu tư gồm các cổ đông: Công ty CP Địa ốc Sông Xanh (60%), "
              "ngân hàng TMCP Bắc Á (25%), Công ty TNHH Quản lý quỹ An Phát (15%). Ngoài ra còn 3 triệu cổ "
              "phiếu SXT thuộc sở hữu của ông Trần Văn Khải được rao bán.")
    assert f["25%"][1] == "Ngân hàng TMCP Bắc Á"
    assert f["15%"][1] == "Công ty TNHH Quản lý quỹ An Phát"
    assert f["3 triệu cổ phiếu"][1] == "Trần Văn Khải"


def test_people_counted_and_a_class_s_bound_are_no_one_s():
    f = facts("Xử vụ tham ô\nTAND tỉnh Bạc Liêu xét xử và phạt tù 5 người. Bị cáo Lưu Văn Tài lĩnh 6 năm tù. "
              "Luật yêu cầu kê khai các hợp đồng từ 50 tỷ đồng trở lên.")
    assert f["5 người"][1] is None
    assert f["50 tỷ đồng"][1] is None


def test_a_party_anonymised_by_initials():
    x = extract("Công ty bị buộc bồi thường\nTòa tuyên buộc Công ty TNHH Giáo dục Ánh Sao phải bồi thường cho "
                "bà T.T.M. 500 triệu đồng. Bà M. kháng cáo, đề nghị công ty bồi thường cho bà 1,2 tỉ đồng.")
    assert "T.T.M." in {e.text for e in x.entities if e.type == "PERSON"}
    assert {f.text: f.subject for f in x.figures}["1,2 tỉ đồng"] == "T.T.M."


def test_a_company_s_result_dated_in_its_clause_keeps_the_date_a_case_sum_does_not():
    f = facts("Xử vụ lừa đảo tại khách sạn\nBị cáo Lê Văn Phát bị truy tố. Theo báo cáo, năm 2019 doanh thu "
              "khách sạn đạt 40 tỉ đồng, năm 2020 là 55 tỉ đồng. Lợi nhuận sáu tháng đầu năm 2021 là 3 tỉ "
              "đồng. Năm 2019, bị cáo Phát chiếm đoạt 2 tỉ đồng.", "2022-03-01")
    assert f["40 tỉ đồng"][2] == "2019"
    assert f["55 tỉ đồng"][2] == "2020"
    assert f["3 tỉ đồng"][2] == "2021:6m"
    assert f["2 tỉ đồng"][2] is None


def test_a_closed_span_of_years_is_their_interval_not_its_first_year():
    f = facts("Tin Gia Lai\nTừ năm 2012 đến 2015, Cục THADS tỉnh Gia Lai đã thi hành xong 5.000 việc. "
              "Kể từ năm 2016 đến nay, Cục đã thi hành xong 900 việc trong năm 2019.", "2020-01-01")
    assert f["5.000 việc"][2] == "2012/2015"
    assert f["900 việc"][2] == "2019"  # (a span still running is no period)


def test_a_yearless_start_of_an_interval_is_in_its_end_s_year():
    f = facts("Công ty báo lãi\nLợi nhuận sau thuế của riêng Quý 4 (từ 01/07 – 30/09/2016) đã là 87,4 tỷ đồng.",
              "2024-05-15")
    assert f["87,4 tỷ đồng"][2] == "2016-07-01/2016-09-30"  # (not 2023-07-01, the article's year's)


def test_a_bank_s_unit_named_by_its_short_name_acts_for_the_bank_and_a_transfer_is_the_sender_s():
    f = facts("Xử vụ sai phạm tại ngân hàng PAB\nÔng Lê Văn Định (nguyên chủ tịch Ngân hàng TMCP Phú An (PAB)) "
              "bị truy tố. Theo cáo trạng, ông Định và ông Trần Quốc Hưng đã thống nhất để Sở Giao dịch PAB "
              "chuyển gần 2.000 tỉ đồng cho Công ty CP Chứng khoán Phú An.")
    assert f["gần 2.000 tỉ đồng"][1] == "Ngân hàng TMCP Phú An"
