"""The consultation form PDF, read back with pypdf: fields, fonts, pages, width, fallback."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pypdf
import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.printing import consultation_form as cf
from app.printing.consultation_form import (
    ConsultationForm,
    FormCustomer,
    FormSignature,
    choice_marks,
    render_blank_form,
    render_form,
)
from app.printing.fonts import BUILTIN_CID_FONT, FontChoice, cjk_font

NOTE_1 = "1、各相关人员在利用信息过程中,严格执行客户信息保密制度。"
NOTE_2 = "2、客户经理对信息利用过程中的保密工作进行监督检查。"
HASH = "9f2c6b1e4a7d3c5b8e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d"
PRINTED_AT = datetime(2026, 3, 3, 9, 30)


def customers(count: int) -> tuple[FormCustomer, ...]:
    names = ("张*丰", "李*", "欧阳*华", "涟源市**养殖专业合作社")
    return tuple(
        FormCustomer(
            archive_no=f"LY-GR-2026-{i:06d}",
            category="个人客户" if i % 4 else "单位客户",
            subtype="农户" if i % 4 else "农民专业合作社",
            tier=("普通", "机密", "绝密")[i % 3],
            masked_name=names[i % 4],
        )
        for i in range(1, count + 1)
    )


def signature(step: str, signer: str, fingerprint: str, **changes: Any) -> FormSignature:
    base = FormSignature(
        step=step,
        decision="同意",
        opinion="理由充分，手续齐全，同意。",
        signer=signer,
        signed_at=datetime(2026, 3, 2, 10, 15),
        fingerprint=fingerprint,
        valid=True,
    )
    return replace(base, **changes)


def make_form(**changes: Any) -> ConsultationForm:
    form = ConsultationForm(
        branch_name="涟源农村信用合作联社某某信用社",
        serial="CY-2026-000123",
        applied_on=date(2026, 3, 2),
        applicant_name="王晓明",
        department="信贷部",
        position="信贷员",
        phone="0738-4412345",
        customers=customers(8),
        purpose="春耕备耕农户小额信用贷款授信评级",
        reason="核对家庭成员、经营规模、历史贷款及还款记录，以评定信用等级。",
        mode="摘抄",
        period_start=date(2026, 3, 3),
        period_end=date(2026, 3, 17),
        state="已批准",
        manager_reviews=(
            signature("客户经理审核意见", "刘建国", "3F9A-11C2-7B0E-D4A8"),
            signature("客户经理审核意见", "陈芳", "9B21-0C7D-55E3-A1F0", opinion="同意。"),
        ),
        unit_head=signature(
            "单位负责人签批意见", "李主任", "C4D2-8E19-3A77-02BB", opinion="同意，注意保密。"
        ),
        content_hash=HASH,
        printed_by="打印员赵",
        printed_at=PRINTED_AT,
    )
    return replace(form, **changes)


def render(form: ConsultationForm, font: FontChoice | None = None) -> pypdf.PdfReader:
    buffer = io.BytesIO()
    render_form(form, buffer, font=font)
    buffer.seek(0)
    return pypdf.PdfReader(buffer)


def page_texts(reader: pypdf.PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def squash(text: str) -> str:
    """Without any whitespace: wrapped lines and no-break gaps compare equal."""
    return "".join(text.split())


def fonts_of(page: pypdf.PageObject) -> list[pypdf.generic.DictionaryObject]:
    resources = page["/Resources"].get_object()
    return [f.get_object() for f in resources["/Font"].get_object().values()]


def test_filled_form_contains_every_field() -> None:
    form = make_form()
    reader = render(form)
    text = "\n".join(page_texts(reader))
    flat = squash(text)
    ticked, unticked = choice_marks(cjk_font())
    expected = [
        cf.TITLE,
        form.branch_name,
        form.serial,
        "2026-03-02",
        form.applicant_name,
        form.department,
        form.position,
        form.phone,
        form.purpose,
        form.reason,
        "2026-03-03至2026-03-17",
        "状态：已批准",
        f"{ticked}摘抄",
        f"{unticked}阅览",
        f"{unticked}复制",
        NOTE_1,
        NOTE_2,
        HASH,
        "打印人：打印员赵",
        "打印时间：2026-03-03 09:30",
    ]
    for customer in form.customers:
        expected += [customer.archive_no, customer.masked_name]
    for sig in (*form.manager_reviews, form.unit_head):
        assert sig is not None
        expected += [f"签名：{sig.signer}", f"签名指纹{sig.fingerprint}", sig.opinion]
    expected += ["单位负责人签批意见", "客户经理审核意见", "校验：有效", "时间：2026-03-0210:15"]
    missing = [item for item in expected if squash(item) not in flat]
    assert not missing, missing
    pages = len(reader.pages)
    for number, page_text in enumerate(page_texts(reader), 1):
        assert f"第 {number} 页 共 {pages} 页" in page_text


def test_signature_states_are_printed() -> None:
    form = make_form(
        manager_reviews=(signature("客户经理审核意见", "刘建国", "3F9A-11C2", valid=False),),
        unit_head=None,
        state="审核中",
    )
    flat = squash("\n".join(page_texts(render(form))))
    assert "校验：无效" in flat
    assert "签名指纹无校验：未签" in flat  # the unit head has not signed yet
    assert "单位负责人签批意见" in flat
    assert "状态：审核中" in flat


def test_decision_ticks_follow_the_decision() -> None:
    ticked, unticked = choice_marks(cjk_font())
    review = signature(
        "客户经理审核意见", "刘建国", "3F9A", decision="不同意", opinion="理由不足。"
    )
    flat = squash("\n".join(page_texts(render(make_form(manager_reviews=(review,))))))
    assert squash(f"{unticked} 同意 {ticked} 不同意") in flat


def test_metadata_has_the_title_and_no_customer_data() -> None:
    form = make_form()
    metadata = render(form).metadata
    assert metadata is not None
    assert metadata.title == cf.TITLE
    values = " ".join(str(v) for v in metadata.values())
    secrets = [form.serial, form.applicant_name, form.branch_name, form.purpose, HASH]
    secrets += [c.archive_no for c in form.customers] + [c.masked_name for c in form.customers]
    assert not [s for s in secrets if s in values]


def test_truetype_font_is_embedded() -> None:
    font = cjk_font()
    if not font.embedded:
        pytest.skip(
            "cjk_font() fell back to the built-in STSong-Light CID font: no embeddable "
            "TrueType CJK font here (CI installs fonts-wqy-microhei)"
        )
    face = font.family.replace(" ", "")
    for page in render(make_form()).pages:
        cjk = [f for f in fonts_of(page) if face in str(f.get("/BaseFont", ""))]
        assert cjk, "the CJK font is not used on this page"
        for f in cjk:
            assert f["/Subtype"] == "/TrueType"
            assert "/FontFile2" in f["/FontDescriptor"].get_object()


def test_forty_customers_paginate_with_the_header_on_each_page() -> None:
    form = make_form(customers=customers(40))
    texts = page_texts(render(form))
    assert len(texts) >= 2
    table_pages = [t for t in texts if "LY-GR-2026-" in t]
    assert len(table_pages) >= 2
    for text in table_pages:
        for label in cf.CUSTOMER_COLUMNS:
            assert label in text
        assert "二、查阅对象" in text
    flat = squash("\n".join(texts))
    for customer in form.customers:
        assert flat.count(customer.archive_no) == 1
    assert f"第 {len(texts)} 页 共 {len(texts)} 页" in texts[-1]
    assert cf.TITLE + "（续）" in squash(texts[1])
    assert "编号：CY-2026-000123" in texts[1]


def text_outside_frame(reader: pypdf.PdfReader, font: FontChoice) -> list[tuple[float, str]]:
    """Text runs that start left of the left margin or end right of the right margin."""
    left_edge = cf.LEFT_MARGIN - 0.5
    right_edge = cf.PAGE_WIDTH - cf.RIGHT_MARGIN + 0.5
    outside: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        shown = text.rstrip("\n")
        if not shown.strip():
            return
        x = cm[4] + tm[4]
        end = x + stringWidth(shown, font.name, size)
        if x < left_edge or end > right_edge:
            outside.append((round(end, 1), shown[:20]))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return outside


def builtin_font(tmp_path: Path) -> FontChoice:
    not_a_font = tmp_path / "not-a-font.ttf"
    not_a_font.write_text("plain text, not a font\n", encoding="utf-8")
    return cjk_font(not_a_font)


def test_long_reason_wraps_inside_the_frame() -> None:
    font = cjk_font()
    reason = "因办理农户小额信用贷款集中授信工作需要核对客户信息。" * 12 + " " + "A" * 250 + " 完"
    reader = render(make_form(reason=reason), font=font)
    assert squash(reason) in squash("\n".join(page_texts(reader)))
    assert not text_outside_frame(reader, font)


@pytest.mark.parametrize("which", ["system", "builtin"])
def test_every_line_stays_inside_the_frame(which: str, tmp_path: Path) -> None:
    font = cjk_font() if which == "system" else builtin_font(tmp_path)
    filled = render(make_form(customers=customers(12)), font=font)
    assert not text_outside_frame(filled, font)
    buffer = io.BytesIO()
    render_blank_form(
        buffer,
        branch_name="涟源农村信用合作联社某某信用社",
        printed_by="打印员赵",
        printed_at=PRINTED_AT,
        font=font,
    )
    assert not text_outside_frame(pypdf.PdfReader(buffer), font)


@pytest.mark.parametrize("which", ["system", "builtin"])
def test_every_printed_character_has_a_glyph(which: str, tmp_path: Path) -> None:
    """No empty boxes: each character that reaches the page exists in the chosen font."""
    font = cjk_font() if which == "system" else builtin_font(tmp_path)
    texts = page_texts(render(make_form(unit_head=None), font=font))
    buffer = io.BytesIO()
    render_blank_form(
        buffer, branch_name="某某信用社", printed_by="甲", printed_at=PRINTED_AT, font=font
    )
    texts += page_texts(pypdf.PdfReader(buffer))
    missing = {c for c in "".join(texts) if c != "\n" and not font.covers(c)}
    assert not missing


def test_reason_longer_than_a_page_still_prints() -> None:
    reason = "非常长的理由。" * 1200
    reader = render(make_form(reason=reason))
    assert len(reader.pages) >= 3
    assert squash("\n".join(page_texts(reader))).count("非") == 1200


def test_qr_code_holds_serial_and_content_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real_widget = cf.QrCodeWidget

    def recording(value: str, **kwargs: Any) -> Any:
        seen.append(value)
        return real_widget(value, **kwargs)

    monkeypatch.setattr(cf, "QrCodeWidget", recording)
    render(make_form())
    assert seen == [f"CY|CY-2026-000123|{HASH}"]
    seen.clear()
    render_blank_form(
        io.BytesIO(), branch_name="某某信用社", printed_by="甲", printed_at=PRINTED_AT
    )
    assert seen == []


def test_blank_form_has_the_labels_and_no_serial(tmp_path: Path) -> None:
    out = tmp_path / "blank.pdf"
    render_blank_form(
        out,
        branch_name="涟源农村信用合作联社某某信用社",
        printed_by="打印员赵",
        printed_at=PRINTED_AT,
    )
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    flat = squash(text)
    labels = [
        cf.TITLE,
        "编号：",
        "申请日期：",
        "姓名",
        "部门",
        "职务",
        "联系电话",
        *cf.CUSTOMER_COLUMNS,
        "查阅目的",
        "查阅理由",
        "查阅方式",
        "查阅期限",
        "阅览",
        "摘抄",
        "复制",
        "客户经理审核意见",
        "单位负责人签批意见",
        "意见：",
        "签名：",
        "时间：",
        NOTE_1,
        NOTE_2,
        "第1页共1页",
        "打印人：打印员赵",
    ]
    assert not [label for label in labels if squash(label) not in flat]
    assert "CY-" not in text
    assert "内容摘要" not in text
    assert "状态：" not in text
    ticked, _ = choice_marks(cjk_font())
    assert ticked not in text
    assert squash("年月日至年月日") in flat


def test_blank_form_row_count() -> None:
    buffer = io.BytesIO()
    render_blank_form(
        buffer, branch_name="某某信用社", printed_by="甲", printed_at=PRINTED_AT, rows=30
    )
    texts = page_texts(pypdf.PdfReader(buffer))
    numbers = [line.strip() for text in texts for line in text.splitlines()]
    assert [n for n in numbers if n.isdigit()] == [str(i) for i in range(1, 31)]


def test_forced_fallback_uses_the_builtin_cid_font(tmp_path: Path) -> None:
    font = builtin_font(tmp_path)
    assert font.name == BUILTIN_CID_FONT
    assert choice_marks(font) == ("[√]", "[ ]")
    form = make_form()
    reader = render(form, font=font)
    base_fonts = [str(f.get("/BaseFont")) for page in reader.pages for f in fonts_of(page)]
    assert "/STSong-Light" in base_fonts
    for page in reader.pages:
        assert not [f for f in fonts_of(page) if "/FontDescriptor" in f]  # nothing embedded
    flat = squash("\n".join(page_texts(reader)))
    for item in (form.serial, form.applicant_name, form.customers[0].archive_no, NOTE_1):
        assert squash(item) in flat
