"""A synthetic library: Vietnamese and English news of realistic length.

Articles come in *stories*: one event told by several outlets in their own
words. Every article of a story shares the story's names, places and key
terms, its section's vocabulary and the general vocabulary of its language,
drawn afresh for each article, so no two tellings share sentences. A few
articles are *syndicated*: the same text again on another site with a new
first and last paragraph, which the similarity engine must group as
near-duplicates, not list as similar.

The text is made of real Vietnamese and English words and syllables mixed
with generated ones for the long tail, with a Zipf-like frequency: close
enough to news for search, indexing and similarity costs to be realistic,
not meant to be read. Everything is deterministic for a given seed.

Two outputs per article: an ``ArticleRecord`` (the bulk path) and the text
dump a person would get by "select all, copy" on the page (the real capture
path, see ``text_dump``).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from core.models import ArticleRecord, ImageRecord, RelatedRecord

# --- Vocabulary -----------------------------------------------------------


def _listed(text: str) -> list[str]:
    """The words of a block of text: vocabulary lists stay readable."""
    return text.split()


_VI_SYLLABLES = _listed(
    """
an anh ba bài ban bản bảo bắc bằng bộ cải cán cao cấp chính chủ chức chương
có công cơ cục cuộc dân dịch doanh du dụng dựng đại đảm đảng đào đầu đất đề
địa điểm điều định đoàn đô đông đời đơn đức đường giá giải giao giáo giới hải
hàng hành hạ hệ hiện hình họ học hoạch hóa hội hợp hưởng khai khẩu khoa khu
kiểm kinh kỳ lao lãnh lập liên lịch luật lực lượng mạnh miền minh môi năng
nghiệp nghị nguyên ngành nhà nhân nhập nước phát pháp phần phí phó phòng phủ
quan quản quốc quy sách sản sinh sở sức tác tài tâm tầng tế thành thế thị
thông thuế thủ thực tỉnh tiến tiêu tín toàn tổ tổng trạng trình trung trường
tư tưởng vận văn vệ viện vụ xã xây xuất y yếu ý ánh ấn bình cảnh chất chiến
đạo động hiệu kết khách khỏe lãi lúa mại mưa ngân nông phẩm quả rừng sông
suất thao thiên thuật tranh trợ vốn xanh điện mạng số thép gạo cà phê biển
"""
)

_VI_WORDS_REAL = _listed(
    """
bầu_cử đại_biểu quốc_hội kinh_tế doanh_nghiệp thành_phố người_dân giáo_dục
học_sinh bóng_đá sức_khỏe bệnh_viện công_an giao_thông du_lịch thời_tiết
nông_dân xuất_khẩu chính_phủ thủ_tướng bộ_trưởng ngân_hàng lãi_suất
thị_trường chứng_khoán bất_động_sản đường_sắt cao_tốc sân_bay môi_trường
biến_đổi_khí_hậu năng_lượng điện_gió công_nghệ trí_tuệ_nhân_tạo đại_học
tuyển_sinh điểm_chuẩn bác_sĩ vắc_xin dịch_bệnh cảnh_sát tòa_án điều_tra
văn_hóa lễ_hội di_sản âm_nhạc điện_ảnh đội_tuyển huấn_luyện_viên cầu_thủ
"""
)

_VI_FUNCTION = _listed(
    """
và của các những được trong cho với là có này đã một không cũng để đến từ tại
theo về như khi thì mà sẽ đang còn ra vào lên ở ngày tháng năm nhiều rất hơn
bị bởi vì nếu sau trước trên dưới nào đó đây lại chỉ mới nhất thêm việc người
"""
)

_EN_WORDS = _listed(
    """
government minister council report police court people city country market
prices workers company business economy inflation bank rates energy climate
water farmers school students teachers hospital doctors patients health
election voters campaign party leader president congress senate budget taxes
housing rents transport railway airport flights weather storms floods drought
science researchers study data technology software internet phones security
football match season players coach league cup victory defeat music film
festival museum artists history community village region border trade exports
imports deal talks agreement officials spokesperson statement investigation
evidence trial judge lawyers charges protest strike union wages jobs growth
plan policy law reform scheme funding support services crisis recovery
"""
)

_EN_FUNCTION = _listed(
    """
the a an and or of to in on at for with by from as is was were are be been has
have had it its that this which who but not he she they we his her their said
will would can could also more than after before about into over up out there
"""
)

_EN_SYLLABLES = _listed(
    "bra den ko mar vel tor lin sa ter mo ri cal ven dor ast pel qui ron fa lek"
    " sto ham bel gri nor pa tu win cos lor"
)

_VI_FAMILY = _listed("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý")
_VI_MIDDLE = _listed("Văn Thị Hữu Đức Minh Ngọc Thanh Quang Xuân Thu")
_VI_GIVEN = _listed(
    "An Anh Bình Châu Dũng Giang Hà Hải Hạnh Hùng Hương Khoa Lan Linh Long Mai Nam"
    " Nga Phong Phúc Quân Sơn Tâm Thảo Trang Tuấn Việt Yến"
)
_VI_PLACES = _listed(
    "Hà_Nội TP.HCM Đà_Nẵng Huế Hải_Phòng Cần_Thơ Nghệ_An Quảng_Ninh Lào_Cai"
    " Đắk_Lắk Bình_Dương Khánh_Hòa Thanh_Hóa Nam_Định Hà_Giang Cà_Mau"
)

_EN_FIRST = _listed("Claire James Maria David Sarah John Amina Peter Laura Omar Emma Lucas Grace")
_EN_LAST = _listed("Martin Smith Garcia Brown Nguyen Wilson Okafor Rossi Müller Dubois Kim Patel")
_EN_PLACES = _listed(
    "Paris London Berlin Madrid Washington Nairobi Jakarta Manila Sydney Lagos Lima Oslo"
)

_VI_SECTIONS = (
    "Thời sự",
    "Kinh tế",
    "Thế giới",
    "Giáo dục",
    "Sức khỏe",
    "Thể thao",
    "Văn hóa",
    "Pháp luật",
)
_EN_SECTIONS = ("World", "Politics", "Business", "Science", "Sport", "Culture", "Technology")
_VI_SITES = ("tuoitre.vn", "vnexpress.net", "thanhnien.vn", "dantri.com.vn", "tienphong.vn")
_EN_SITES = ("theguardian.com", "apnews.com", "bbc.co.uk", "reuters.com")
_VI_INITIALS = {
    "tuoitre.vn": "TTO",
    "vnexpress.net": "VNE",
    "thanhnien.vn": "TNO",
    "dantri.com.vn": "DT",
    "tienphong.vn": "TP",
}

START = datetime(2022, 1, 1, tzinfo=UTC)
DAYS = 3 * 365


def _words(spec: list[str]) -> list[str]:
    """Multi-syllable words are written with underscores in the lists above."""
    return [word.replace("_", " ") for word in spec]


@dataclass
class Lexicon:
    """One language's words, with cumulative Zipf weights for fast draws."""

    language: str
    general: list[str]
    function: list[str]
    sections: dict[str, list[str]]
    general_weights: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.general_weights = list(
            itertools.accumulate(1.0 / (rank + 5) for rank in range(len(self.general)))
        )


def _vi_lexicon(rng: random.Random) -> Lexicon:
    """Real Vietnamese words first (most frequent), then generated
    two-syllable words for the long tail."""
    general = _words(_VI_WORDS_REAL)
    seen = set(general)
    while len(general) < 6000:
        word = f"{rng.choice(_VI_SYLLABLES)} {rng.choice(_VI_SYLLABLES)}"
        if word not in seen:
            seen.add(word)
            general.append(word)
    rng.shuffle(general)
    sections = {section: rng.sample(general, 60) for section in _VI_SECTIONS}
    return Lexicon("vi", general, _VI_FUNCTION, sections)


def _en_lexicon(rng: random.Random) -> Lexicon:
    """Real English words, then generated ones (two or three syllables)."""
    general = list(_EN_WORDS)
    seen = set(general)
    while len(general) < 6000:
        word = "".join(rng.choice(_EN_SYLLABLES) for _ in range(rng.choice((2, 2, 3))))
        if word not in seen:
            seen.add(word)
            general.append(word)
    sections = {section: rng.sample(general, 60) for section in _EN_SECTIONS}
    return Lexicon("en", general, _EN_FUNCTION, sections)


# --- Stories and articles -------------------------------------------------


@dataclass
class Story:
    """One event, told by ``size`` articles."""

    id: int
    language: str
    section: str
    people: list[str]
    places: list[str]
    terms: list[str]
    day: datetime
    size: int
    tags: list[str]


@dataclass
class GeneratedArticle:
    """An article and what the quality benchmark needs to know about it."""

    record: ArticleRecord
    story: int
    copy_of: int | None = None
    """Index (in generation order) of the article this one syndicates."""


class Corpus:
    """Generates stories and their articles, deterministically from a seed."""

    def __init__(self, seed: int = 6) -> None:
        self.rng = random.Random(seed)
        self.lexicons = {"vi": _vi_lexicon(self.rng), "en": _en_lexicon(self.rng)}
        self._titles: dict[str, list[tuple[str, str]]] = {}
        self._count = 0
        self._story_ids = itertools.count(1)

    # -- stories -------------------------------------------------------

    def _person(self, language: str) -> str:
        rng = self.rng
        if language == "vi":
            return f"{rng.choice(_VI_FAMILY)} {rng.choice(_VI_MIDDLE)} {rng.choice(_VI_GIVEN)}"
        return f"{rng.choice(_EN_FIRST)} {rng.choice(_EN_LAST)}"

    def story(self, language: str | None = None, size: int | None = None) -> Story:
        """A new story: its people, places, key terms, date and tags."""
        rng = self.rng
        language = language or ("vi" if rng.random() < 0.6 else "en")
        lexicon = self.lexicons[language]
        section = rng.choice(list(lexicon.sections))
        places = _words(_VI_PLACES) if language == "vi" else _EN_PLACES
        # Key terms come from the long tail: rarer words name what happened.
        tail = lexicon.general[len(lexicon.general) // 3 :]
        terms = rng.sample(tail, 6) + rng.sample(lexicon.sections[section], 2)
        tags = [section] if rng.random() < 0.5 else []
        if rng.random() < 0.2:
            tags.append(terms[0].title())
        return Story(
            id=next(self._story_ids),
            language=language,
            section=section,
            people=[self._person(language) for _ in range(3)],
            places=rng.sample(places, 2),
            terms=terms,
            day=START + timedelta(days=rng.uniform(0, DAYS)),
            size=size or min(1 + int(rng.expovariate(0.45)), 10),
            tags=tags,
        )

    def sibling(self, story: Story) -> Story:
        """Another event on the same subject: same section, one shared place
        and two shared key terms (a follow-up, or the same issue elsewhere)."""
        other = self.story(story.language, size=story.size)
        other.section = story.section
        other.places = [story.places[0], other.places[1]]
        other.terms = story.terms[:2] + other.terms[2:]
        return other

    def _telling(self, story: Story) -> Story:
        """The story as one outlet tells it: five of its eight key terms and
        two of its three people, so tellings differ in what they mention."""
        rng = self.rng
        return replace(story, terms=rng.sample(story.terms, 5), people=rng.sample(story.people, 2))

    # -- text ----------------------------------------------------------

    def _sentence(self, story: Story, length: int, focus: float) -> str:
        """One sentence: general words and function words, with the story's
        names and terms at rate ``focus`` and its section's words."""
        rng = self.rng
        lexicon = self.lexicons[story.language]
        general = rng.choices(lexicon.general, cum_weights=lexicon.general_weights, k=length)
        words: list[str] = []
        for word in general:
            roll = rng.random()
            if roll < focus:
                words.append(rng.choice(story.terms))
            elif roll < focus * 1.4:
                words.append(rng.choice(story.people if rng.random() < 0.5 else story.places))
            elif roll < focus * 1.4 + 0.12:
                words.append(rng.choice(lexicon.sections[story.section]))
            elif roll < focus * 1.4 + 0.45:
                words.append(rng.choice(lexicon.function))
            else:
                words.append(word)
        text = " ".join(words)
        return text[0].upper() + text[1:] + rng.choice(".....?")

    def _paragraph(self, story: Story, focus: float) -> str:
        count = self.rng.randint(2, 5)
        return " ".join(
            self._sentence(story, self.rng.randint(12, 28), focus) for _ in range(count)
        )

    def _title(self, story: Story) -> str:
        rng = self.rng
        parts = [rng.choice(story.terms), rng.choice(story.places), rng.choice(story.terms)]
        filler = self._sentence(story, rng.randint(4, 8), 0.1).rstrip(".?")
        text = f"{parts[0]} {parts[1]}: {filler.lower()} {parts[2]}"
        return text[0].upper() + text[1:]

    # -- articles ------------------------------------------------------

    def _site(self, story: Story) -> str:
        return self.rng.choice(_VI_SITES if story.language == "vi" else _EN_SITES)

    def _images(self, story: Story) -> list[ImageRecord]:
        rng = self.rng
        credit_person = self._person(story.language)
        return [
            ImageRecord(
                src=f"https://img.example/{self._count}/{position}.jpg",
                alt="",
                caption=self._sentence(story, rng.randint(8, 16), 0.2),
                credit=credit_person,
            )
            for position in range(rng.choice((0, 1, 1, 2, 2, 3)))
        ]

    def _related(self, story: Story, title: str, url: str) -> list[RelatedRecord]:
        """Three to six earlier stories of the same section, as a page's
        "read more" list; most of them are saved too (their URL resolves)."""
        pool = self._titles.setdefault(f"{story.language}:{story.section}", [])
        chosen = self.rng.sample(pool, min(len(pool), self.rng.randint(3, 6)))
        pool.append((title, url))
        if len(pool) > 200:
            del pool[:100]
        return [
            RelatedRecord(kind="listed", title=title, url=link, section=story.section)
            for title, link in chosen
        ]

    def article(self, story: Story, day_offset: float = 0.0) -> ArticleRecord:
        """One telling of a story, about 450 to 900 words."""
        rng = self.rng
        self._count += 1
        story = self._telling(story)
        site = self._site(story)
        title = self._title(story)
        published = story.day + timedelta(days=day_offset, minutes=rng.randint(0, 1440))
        url = f"https://{site}/{self._slug(story.section)}/a{self._count}.html"
        paragraphs = [self._paragraph(story, 0.1) for _ in range(rng.randint(6, 11))]
        return ArticleRecord(
            title=title,
            url=url,
            byline=self._person(story.language),
            site=site,
            section=story.section,
            published=published.isoformat(timespec="minutes"),
            lead=self._sentence(story, rng.randint(25, 40), 0.2),
            body_text="\n\n".join(paragraphs),
            reader_html="".join(f"<p>{paragraph}</p>" for paragraph in paragraphs),
            language=story.language,
            tags=list(story.tags),
            images=self._images(story),
            related=self._related(story, title, url),
            arrived_by="web",
        )

    def syndicated(self, original: ArticleRecord, story: Story) -> ArticleRecord:
        """The same text on another site: new URL and title, the first and
        last paragraphs rewritten, everything else as it was."""
        self._count += 1
        site = self._site(story)
        paragraphs = original.body_text.split("\n\n")
        paragraphs[0] = self._paragraph(story, 0.1)
        paragraphs[-1] = self._paragraph(story, 0.1)
        url = f"https://{site}/{self._slug(story.section)}/a{self._count}.html"
        return ArticleRecord(
            title=self._title(story),
            url=url,
            byline=original.byline,
            site=site,
            section=story.section,
            published=original.published,
            lead=original.lead,
            body_text="\n\n".join(paragraphs),
            reader_html="".join(f"<p>{paragraph}</p>" for paragraph in paragraphs),
            language=story.language,
            tags=list(story.tags),
            images=list(original.images),
            related=[],
            arrived_by="web",
        )

    @staticmethod
    def _slug(text: str) -> str:
        return "-".join(text.lower().split())

    def story_articles(self, story: Story, syndicate: float = 0.05) -> list[GeneratedArticle]:
        """Every telling of a story, with the odd syndicated copy."""
        made: list[GeneratedArticle] = []
        for _ in range(story.size):
            record = self.article(story, self.rng.uniform(0, 4))
            made.append(GeneratedArticle(record, story.id))
            if self.rng.random() < syndicate:
                copy = self.syndicated(record, story)
                made.append(GeneratedArticle(copy, story.id, copy_of=len(made) - 1))
        return made

    def articles(self, count: int) -> Iterator[GeneratedArticle]:
        """``count`` articles, story after story; ``copy_of`` counts from the
        first article this call yields."""
        made = 0
        while made < count:
            first = made
            for generated in self.story_articles(self.story()):
                if made == count:
                    return
                if generated.copy_of is not None:
                    generated.copy_of += first
                made += 1
                yield generated


# --- Text dumps -----------------------------------------------------------

_VI_WEEKDAY_FREE = "%d/%m/%Y %H:%M"
_EN_DATE = "%a %d %b %Y %H.%M GMT"


def text_dump(record: ArticleRecord) -> str:
    """The page as "select all, copy" gives it, in the outlet's language:
    breadcrumb, title, date line, lead, pictures with captions, body, author
    and a "read more" list (see capture.textdump for the shapes)."""
    if record.language == "vi":
        return _vi_dump(record)
    return _en_dump(record)


def _published(record: ArticleRecord) -> datetime:
    return datetime.fromisoformat(record.published or START.isoformat())


def _vi_dump(record: ArticleRecord) -> str:
    initials = _VI_INITIALS.get(record.site or "", "PV")
    lines = [
        record.section or "Tin tức",
        "",
        record.title,
        "",
        f"{record.section} {_published(record).strftime(_VI_WEEKDAY_FREE)}",
        "aa",
        f"{initials} - {record.lead}",
    ]
    for image in record.images:
        lines += [image.caption, f"{image.caption} (Ảnh: {image.credit})", ""]
    lines += ["", *_blank_separated(record.body_text.split("\n\n")), "", record.byline or "", ""]
    if record.tags:
        lines += [f"Từ khóa: {', '.join(record.tags)}", ""]
    if record.related:
        lines += ["Đọc thêm", ""]
        for story in record.related:
            lines += [f"{story.title} {story.section}", "", story.title, ""]
    return "\n".join(lines) + "\n"


def _en_dump(record: ArticleRecord) -> str:
    lines = [
        f"Home › {record.section}",
        "",
        record.title,
        "",
        record.lead or "",
        "",
        f"By {record.byline}",
        _published(record).strftime(_EN_DATE),
        "",
        "Share",
        "",
    ]
    for image in record.images:
        lines += [f"{image.caption} Photograph: {image.credit}/AFP", ""]
    lines += _blank_separated(record.body_text.split("\n\n"))
    if record.tags:
        lines += ["", f"Topics: {', '.join(record.tags)}"]
    if record.related:
        lines += ["", "More on this story"]
        lines += [story.title for story in record.related]
    return "\n".join(lines) + "\n"


def _blank_separated(paragraphs: Sequence[str]) -> list[str]:
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += [paragraph, ""]
    return lines
