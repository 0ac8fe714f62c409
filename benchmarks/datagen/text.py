"""The words of the benchmark data: names, titles, summaries and news articles, from templates.

Every sentence here was written for the generator (none is taken from a real article). The
templates are plain data; the functions only fill them in. Each takes the generator's
`random.Random`, so the same seed writes the same words. Arabic comes first, as in the registry;
English only where a record has an English field (titles, names).

A name is a pair (Arabic, English); `Names` bundles the ones a template may use.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

Pair = tuple[str, str]

# --- people ---------------------------------------------------------------------------------

ARAB_GIVEN: tuple[Pair, ...] = (
    ("محمد", "Mohammed"), ("أحمد", "Ahmed"), ("عبدالله", "Abdullah"), ("خالد", "Khalid"),
    ("فهد", "Fahd"), ("سعد", "Saad"), ("سلطان", "Sultan"), ("فيصل", "Faisal"), ("ناصر", "Nasser"),
    ("عبدالعزيز", "Abdulaziz"), ("تركي", "Turki"), ("بندر", "Bandar"), ("ماجد", "Majed"),
    ("يوسف", "Yousef"), ("إبراهيم", "Ibrahim"), ("علي", "Ali"), ("حسن", "Hassan"), ("عمر", "Omar"),
    ("طارق", "Tariq"), ("هشام", "Hisham"), ("وليد", "Waleed"), ("عادل", "Adel"), ("سامي", "Sami"),
    ("منصور", "Mansour"), ("راشد", "Rashid"), ("حمد", "Hamad"), ("جاسم", "Jassim"),
    ("مصطفى", "Mustafa"), ("كريم", "Karim"), ("نبيل", "Nabil"), ("زياد", "Ziad"), ("مازن", "Mazen"),
    ("أيمن", "Ayman"), ("عصام", "Essam"), ("ياسر", "Yasser"), ("سعيد", "Saeed"), ("مشعل", "Mishal"),
    ("نواف", "Nawaf"), ("بدر", "Badr"), ("عبدالرحمن", "Abdulrahman"), ("صالح", "Saleh"),
    ("حمزة", "Hamza"), ("أنور", "Anwar"), ("جمال", "Jamal"), ("رياض", "Riyadh"), ("غازي", "Ghazi"),
)  # fmt: skip
ARAB_GIVEN_WOMEN: tuple[Pair, ...] = (
    ("نورة", "Noura"), ("هند", "Hind"), ("ريم", "Reem"), ("سارة", "Sarah"), ("مريم", "Maryam"),
    ("لطيفة", "Latifa"), ("أمل", "Amal"), ("منى", "Mona"),
)  # fmt: skip
ARAB_FAMILY: tuple[Pair, ...] = (
    ("العتيبي", "Al-Otaibi"), ("القحطاني", "Al-Qahtani"), ("الشمري", "Al-Shammari"),
    ("الدوسري", "Al-Dosari"), ("الحربي", "Al-Harbi"), ("الغامدي", "Al-Ghamdi"),
    ("الزهراني", "Al-Zahrani"), ("المطيري", "Al-Mutairi"), ("السبيعي", "Al-Subaie"),
    ("الكعبي", "Al-Kaabi"), ("النعيمي", "Al-Nuaimi"), ("المنصوري", "Al-Mansouri"),
    ("الهاشمي", "Al-Hashimi"), ("الخالدي", "Al-Khalidi"), ("البلوشي", "Al-Balushi"),
    ("الحارثي", "Al-Harthi"), ("الرميثي", "Al-Romaithi"), ("المهيري", "Al-Muhairi"),
    ("السويدي", "Al-Suwaidi"), ("الأنصاري", "Al-Ansari"), ("الخطيب", "Al-Khatib"),
    ("النجار", "Al-Najjar"), ("الحسيني", "Al-Husseini"), ("العمري", "Al-Omari"),
    ("الطراونة", "Al-Tarawneh"), ("المجالي", "Al-Majali"), ("بلقاسم", "Belkacem"),
    ("بنعيسى", "Benaissa"), ("الإدريسي", "El Idrissi"), ("الفاسي", "El Fassi"), ("عثمان", "Osman"),
    ("الجبوري", "Al-Jubouri"), ("العبيدي", "Al-Obaidi"), ("الشامسي", "Al-Shamsi"),
    ("اليامي", "Al-Yami"), ("الكواري", "Al-Kuwari"), ("المري", "Al-Marri"), ("الرفاعي", "Al-Rifai"),
)  # fmt: skip
OTHER_GIVEN: tuple[Pair, ...] = (
    ("جون", "John"), ("ديفيد", "David"), ("مايكل", "Michael"), ("بيتر", "Peter"), ("جيمس", "James"),
    ("روبرت", "Robert"), ("توماس", "Thomas"), ("ماركو", "Marco"), ("لوكا", "Luca"), ("بيير", "Pierre"),
    ("جان", "Jean"), ("هانس", "Hans"), ("كلاوس", "Klaus"), ("أليكسي", "Alexei"), ("إيفان", "Ivan"),
    ("كارلوس", "Carlos"), ("خوسيه", "José"), ("راجيش", "Rajesh"), ("أميت", "Amit"), ("وي", "Wei"),
    ("كينجي", "Kenji"), ("مين جون", "Min-jun"), ("آنا", "Anna"), ("ماريا", "Maria"),
    ("إيلينا", "Elena"), ("صوفي", "Sophie"), ("عمران", "Imran"), ("أحمد", "Ahmad"), ("مراد", "Murat"),
    ("أندريه", "Andrei"), ("باولو", "Paulo"), ("ستيفان", "Stefan"), ("لارس", "Lars"), ("تيموثي", "Timothy"),
)  # fmt: skip
OTHER_FAMILY: tuple[Pair, ...] = (
    ("سميث", "Smith"), ("جونسون", "Johnson"), ("براون", "Brown"), ("مارتن", "Martin"),
    ("دوبوا", "Dubois"), ("مولر", "Müller"), ("شميت", "Schmidt"), ("روسي", "Rossi"),
    ("غارسيا", "García"), ("رودريغيز", "Rodríguez"), ("إيفانوف", "Ivanov"), ("بتروف", "Petrov"),
    ("كومار", "Kumar"), ("شارما", "Sharma"), ("خان", "Khan"), ("تشانغ", "Zhang"), ("وانغ", "Wang"),
    ("تاناكا", "Tanaka"), ("كيم", "Kim"), ("بارك", "Park"), ("يلماز", "Yılmaz"), ("كايا", "Kaya"),
    ("سانتوس", "Santos"), ("سيلفا", "Silva"), ("نوفاك", "Novak"), ("كوفالسكي", "Kowalski"),
    ("أندرسن", "Andersen"), ("يانسن", "Jansen"), ("حسين", "Hussain"), ("رحمن", "Rahman"),
    ("لوبيز", "López"), ("فيشر", "Fischer"), ("برنار", "Bernard"), ("ويليامز", "Williams"),
)  # fmt: skip


def person_name(rng: random.Random, *, arab: bool, women: bool = True) -> Pair:
    """A full name without rank: given, father's (for most Arab names) and family name. `women`:
    whether the name may be a woman's (not for a post named in the masculine, such as a minister)."""
    if arab:
        given = rng.choice(ARAB_GIVEN_WOMEN) if women and rng.random() < 0.06 else rng.choice(ARAB_GIVEN)
        family = rng.choice(ARAB_FAMILY)
        if rng.random() < 0.7:
            father = rng.choice(ARAB_GIVEN)
            return f"{given[0]} {father[0]} {family[0]}", f"{given[1]} {father[1]} {family[1]}"
        return f"{given[0]} {family[0]}", f"{given[1]} {family[1]}"
    given, family = rng.choice(OTHER_GIVEN), rng.choice(OTHER_FAMILY)
    return f"{given[0]} {family[0]}", f"{given[1]} {family[1]}"


# --- agencies and positions -------------------------------------------------------------------


@dataclass(frozen=True)
class AgencyTemplate:
    ar: str
    en: str
    kind: str  # Agency.Kind
    abbreviation: str = ""


# A state's interior ministry, then the bodies under it (the first ones are the busiest).
STATE_ROOT = AgencyTemplate("وزارة الداخلية", "Ministry of Interior", "ministry", "MOI")
STATE_UNITS: tuple[AgencyTemplate, ...] = (
    AgencyTemplate("الإدارة العامة للتعاون الدولي", "General Department of International Cooperation", "directorate"),
    AgencyTemplate("المديرية العامة للجوازات", "General Directorate of Passports", "directorate"),
    AgencyTemplate("المديرية العامة لحرس الحدود", "General Directorate of Border Guard", "force"),
    AgencyTemplate("المديرية العامة لمكافحة المخدرات", "General Directorate of Narcotics Control", "directorate"),
    AgencyTemplate("الأمن العام", "Public Security", "force"),
    AgencyTemplate("الإدارة العامة لمكافحة الإرهاب", "General Department of Counter-Terrorism", "directorate"),
    AgencyTemplate("الإدارة العامة لمكافحة الجرائم المعلوماتية", "General Department of Cybercrime", "directorate"),
    AgencyTemplate("المديرية العامة للدفاع المدني", "General Directorate of Civil Defence", "force"),
    AgencyTemplate("الإدارة العامة للأدلة الجنائية", "General Department of Forensic Evidence", "directorate"),
    AgencyTemplate("المكتب الوطني للإنتربول", "INTERPOL National Central Bureau", "agency", "NCB"),
    AgencyTemplate("الإدارة العامة للمرور", "General Department of Traffic", "directorate"),
    AgencyTemplate("وكالة الأحوال المدنية", "Civil Affairs Agency", "agency"),
    AgencyTemplate("الإدارة العامة للتحريات والبحث الجنائي", "General Department of Criminal Investigation", "directorate"),
    AgencyTemplate("أكاديمية الشرطة", "Police Academy", "agency"),
    AgencyTemplate("قوات الأمن الخاصة", "Special Security Forces", "force"),
    AgencyTemplate("الإدارة العامة للأمن الدبلوماسي", "General Department of Diplomatic Security", "directorate"),
    AgencyTemplate("الإدارة العامة للهجرة", "General Department of Immigration", "directorate"),
    AgencyTemplate("المركز الوطني للعمليات الأمنية", "National Security Operations Centre", "agency"),
    AgencyTemplate("مركز إدارة الأزمات", "Crisis Management Centre", "agency"),
    AgencyTemplate("الإدارة العامة للشؤون القانونية", "General Department of Legal Affairs", "directorate"),
    AgencyTemplate("مركز المعلومات الوطني", "National Information Centre", "agency"),
    AgencyTemplate("الإدارة العامة للسجون", "General Department of Prisons", "directorate"),
    AgencyTemplate("إدارة الأمن البحري", "Maritime Security Department", "force"),
    AgencyTemplate("الإدارة العامة لمكافحة الاتجار بالأشخاص", "General Department against Human Trafficking", "directorate"),
    AgencyTemplate("معهد التدريب الأمني", "Security Training Institute", "agency"),
)  # fmt: skip
ORGANISATION_ROOT = AgencyTemplate("الأمانة العامة", "General Secretariat", "other")
ORGANISATION_UNITS: tuple[AgencyTemplate, ...] = (
    AgencyTemplate("إدارة الشؤون الأمنية", "Security Affairs Department", "directorate"),
    AgencyTemplate("المكتب الإقليمي", "Regional Bureau", "other"),
    AgencyTemplate("مركز التدريب", "Training Centre", "agency"),
    AgencyTemplate("وحدة مكافحة الإرهاب", "Counter-Terrorism Unit", "other"),
    AgencyTemplate("إدارة التعاون الشرطي", "Police Cooperation Department", "directorate"),
    AgencyTemplate("مكتب الاتصال", "Liaison Office", "other"),
)  # fmt: skip

# Ranks by seniority band: the Arabic keys of the vocabulary (checked by the tests).
SENIOR_RANKS = ("فريق أول", "فريق", "لواء", "لواء ركن")
DIRECTOR_RANKS = ("لواء", "لواء", "عميد", "عميد ركن", "فريق")
OFFICER_RANKS = ("عقيد", "عقيد ركن", "مقدم", "مقدم ركن", "رائد", "نقيب", "ملازم أول")


def head_position(*, organisation: bool, order: int) -> tuple[str, str]:
    """(position, rank band) of a party's first people: its minister or secretary general, then
    the deputies. `order` is 0 for the head."""
    if organisation:
        return ("الأمين العام", "") if order == 0 else ("الأمين العام المساعد للشؤون الأمنية", "")
    return ("وزير الداخلية", "") if order == 0 else ("وكيل وزارة الداخلية", "senior")


UNIT_POSITIONS: tuple[tuple[str, str, float], ...] = (
    # (template, rank band, weight)
    ("مدير {unit}", "director", 3),
    ("نائب مدير {unit}", "director", 2),
    ("مساعد مدير {unit}", "officer", 2),
    ("رئيس قسم التعاون الدولي في {unit}", "officer", 3),
    ("ضابط اتصال في {unit}", "officer", 3),
    ("مستشار في {unit}", "", 1),
    ("خبير في {unit}", "", 1),
)


def rank_of(rng: random.Random, band: str, *, arab: bool) -> str:
    """A rank from the band, or none: civilians, and most officials of non-Arab parties (their
    own ranks do not map onto the Arabic ones)."""
    if not band or (not arab and rng.random() < 0.6):
        return ""
    ranks = {"senior": SENIOR_RANKS, "director": DIRECTOR_RANKS, "officer": OFFICER_RANKS}[band]
    return rng.choice(ranks)


# --- shared phrases ---------------------------------------------------------------------------

TOPICS = (
    "آليات تبادل المعلومات حول المطلوبين",
    "تطوير برامج التدريب المشترك",
    "تنسيق الجهود لمكافحة التهريب عبر الحدود",
    "متابعة تنفيذ مذكرة التفاهم الموقعة بين الجانبين",
    "تسهيل إجراءات السفر والإقامة",
    "تعزيز أمن المنافذ البرية والبحرية والجوية",
    "الاستفادة من التقنيات الحديثة في العمل الأمني",
    "إعداد خطة عمل مشتركة للعام المقبل",
    "تبادل الزيارات بين الأجهزة المختصة",
    "مكافحة الجرائم المالية وغسل الأموال",
    "حماية البنية التحتية الحيوية",
    "تبادل الخبرات في إدارة الحشود",
    "تطوير قدرات المختبرات الجنائية",
    "مكافحة الاتجار بالبشر",
    "تعزيز السلامة المرورية",
    "تحديث قواعد البيانات المشتركة",
    "رصد الشبكات الإجرامية العابرة للحدود",
    "التنسيق في مجال الإنذار المبكر",
    "تأمين المناسبات والفعاليات الكبرى",
    "تبادل التجارب في إعادة تأهيل النزلاء",
)
OUTCOMES = (
    "تشكيل فريق عمل مشترك",
    "عقد ورشة عمل متخصصة خلال الأشهر المقبلة",
    "تبادل ضباط الاتصال",
    "إعداد مسودة مذكرة تفاهم",
    "تنظيم دورة تدريبية لمنسوبي الأجهزة الأمنية",
    "إنشاء قناة اتصال مباشرة بين الجهات المختصة",
    "عقد الاجتماع القادم خلال العام المقبل",
    "تبادل التقارير الدورية",
    "تحديث خطة العمل المشتركة",
    "تنفيذ تمرين مشترك",
)
MEANS = ("تبادل المعلومات", "التدريب المشترك", "تبادل الخبرات", "تنسيق الإجراءات الميدانية",
         "تقديم المساعدة الفنية", "تبادل الزيارات")  # fmt: skip

MONTHS_AR = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
             "أكتوبر", "نوفمبر", "ديسمبر")  # fmt: skip
DAYS_AR = {1: "يوم واحد", 2: "يومين", 3: "ثلاثة أيام", 4: "أربعة أيام", 5: "خمسة أيام", 6: "ستة أيام",
           7: "سبعة أيام"}  # fmt: skip


def arabic_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS_AR[day.month - 1]} {day.year}"


def lower_first(text: str) -> str:
    """Lower-case the first letter: "Counter-terrorism" → "counter-terrorism" (an "AI" stays)."""
    return text[:1].lower() + text[1:]


def two_of(rng: random.Random, items: tuple[str, ...]) -> tuple[str, str]:
    first, second = rng.sample(items, 2)
    return first, second


@dataclass(frozen=True)
class Names:
    """What a template may name: the home party, the partner, the domain (each Arabic, English)."""

    home: Pair
    partner: Pair
    domain: Pair


# --- engagements ------------------------------------------------------------------------------

# kind -> templates (Arabic, English); {h} home, {p} partner, {d} domain, capitals for English.
# A kind whose place matters has two keys: "_in" when the home party hosts, "_out" otherwise.
TITLES: dict[str, tuple[Pair, ...]] = {
    "visit_in": (
        ("زيارة وفد أمني من {p} إلى {h}", "Visit of a security delegation from {P} to {H}"),
        ("زيارة وفد {p} لبحث التعاون في مجال {d}", "Visit of a {P} delegation on {D}"),
    ),
    "visit_out": (
        ("زيارة وفد {h} إلى {p}", "Visit of a {H} delegation to {P}"),
        ("زيارة رسمية إلى {p} في مجال {d}", "Official visit to {P} on {D}"),
    ),
    "meeting": (
        ("اجتماع مع {p} بشأن {d}", "Meeting with {P} on {D}"),
        ("لقاء ثنائي مع {p}", "Bilateral meeting with {P}"),
        ("اجتماع تنسيقي مع {p} حول {d}", "Coordination meeting with {P} on {D}"),
    ),
    "workshop": (
        ("ورشة عمل مشتركة مع {p} حول {d}", "Joint workshop with {P} on {D}"),
        ("دورة تدريبية في {d} بالتعاون مع {p}", "Training course on {D} with {P}"),
    ),
    "conference_in": (
        ("مؤتمر دولي حول {d} في {h}", "International conference on {D} in {H}"),
        ("الاجتماع الإقليمي حول {d}", "Regional meeting on {D}"),
    ),
    "conference_out": (
        ("مؤتمر دولي حول {d}", "International conference on {D}"),
        ("اجتماع قادة الأجهزة الأمنية بدعوة من {p}", "Meeting of security chiefs convened by {P}"),
    ),
    "agreement_signing": (
        ("توقيع مذكرة تفاهم مع {p} في مجال {d}", "Signing of an MoU with {P} on {D}"),
        ("توقيع اتفاقية تعاون أمني مع {p}", "Signing of a security cooperation agreement with {P}"),
    ),
    "program": (("برنامج زيارات وفد {p} إلى {h}", "Programme of visits of a {P} delegation to {H}"),),
    "statement": (
        ("تصريح حول التعاون مع {p} في مجال {d}", "Statement on cooperation with {P} on {D}"),
        ("إعلان خطة التعاون مع {p}", "Announcement of the cooperation plan with {P}"),
    ),
}


def fill(template: Pair, names: Names) -> Pair:
    home, partner, domain = names.home, names.partner, names.domain
    arabic = template[0].format(h=home[0], p=partner[0], d=domain[0])
    english = template[1].format(H=home[1], P=partner[1], D=lower_first(domain[1]))
    return arabic, english


def engagement_title(rng: random.Random, key: str, names: Names) -> Pair:
    return fill(rng.choice(TITLES[key]), names)


def engagement_summary(rng: random.Random, names: Names) -> str:
    first, second = two_of(rng, TOPICS)
    summary = f"بحث الجانبان {first} وسبل تعزيز التعاون في مجال {names.domain[0]}."
    if rng.random() < 0.5:
        summary += f" وتناول اللقاء {second}."
    return summary


def engagement_outcomes(rng: random.Random) -> str:
    first, second = two_of(rng, OUTCOMES)
    return f"اتفق الجانبان على {first} و{second}."


# --- sources: news articles -------------------------------------------------------------------

HEADLINES: dict[str, tuple[str, ...]] = {
    "visit_in": (
        "بحث التعاون الأمني مع {p} في مجال {d}",
        "استقبال وفد أمني من {p} في {city}",
        "مباحثات أمنية مع {p} حول {d}",
    ),
    "visit_out": ("وفد أمني من {h} يزور {p}", "زيارة رسمية لوفد {h} إلى {p}"),
    "meeting": ("لقاء مع {p} لبحث {topic}", "اجتماع مع {p} حول {d}"),
    "workshop": ("انطلاق ورشة عمل حول {d} بمشاركة {p}", "اختتام دورة تدريبية في {d} بالتعاون مع {p}"),
    "conference_in": ("{city} تستضيف اجتماعاً أمنياً دولياً حول {d}", "انطلاق أعمال المؤتمر الدولي حول {d}"),
    "conference_out": ("مشاركة {h} في اجتماع دولي حول {d}", "{city} تستضيف اجتماعاً أمنياً حول {d}"),
    "agreement_signing": ("توقيع مذكرة تفاهم مع {p} في مجال {d}",),
    "program": ("برنامج زيارات لوفد من {p}",),
    "statement": ("تصريح حول التعاون مع {p} في مجال {d}",),
}

LEDES: dict[str, tuple[str, ...]] = {
    "visit_in": (
        "استقبل {host}، في {city} اليوم، {guest} والوفد المرافق له، وذلك في إطار زيارة رسمية "
        "إلى {h} تستغرق {days}.",
        "وصل إلى {city} وفد أمني من {p} برئاسة {guest} في زيارة رسمية تستغرق {days}، وكان في "
        "استقباله {host}.",
    ),
    "visit_out": (
        "وصل {guest} إلى {city} على رأس وفد أمني رفيع المستوى في زيارة رسمية إلى {p} تستغرق {days}.",
        "بدأ وفد من {h} برئاسة {guest} زيارة رسمية إلى {p}، التقى خلالها {host}.",
    ),
    "meeting": (
        "عقد {host} و{guest} اجتماعاً في {city} لبحث {topic}.",
        "التقى {host} في {city} {guest}، وجرى خلال اللقاء بحث {topic}.",
    ),
    "workshop": (
        "انطلقت في {city} أعمال ورشة عمل حول {d} ينظمها الجانبان بمشاركة عدد من المختصين من {h} و{p}.",
        "اختتمت في {city} دورة تدريبية في مجال {d} نظمت بالتعاون مع {p} على مدى {days}.",
    ),
    "conference_in": (
        "انطلقت في {city} أعمال الاجتماع الدولي حول {d} بحضور {host} ووفود من عدد من الدول والمنظمات، "
        "من بينها وفد من {p} برئاسة {guest}.",
    ),
    "conference_out": (
        "شارك وفد من {h} برئاسة {guest} في أعمال الاجتماع الذي عقد في {city} بمشاركة ممثلين عن "
        "عدد من الدول والمنظمات.",
    ),
    "agreement_signing": (
        "جرى في {city} توقيع مذكرة تفاهم بين {h} و{p} للتعاون في مجال {d}، وقعها {host} و{guest}.",
    ),
    "program": ("بدأ وفد من {p} برئاسة {guest} برنامج زيارات إلى عدد من الجهات الأمنية يستمر {days}.",),
    "statement": ("صرح {host} بأن التعاون مع {p} في مجال {d} يشهد تطوراً ملحوظاً، مشيراً إلى {topic}.",),
}

BODY = (
    "وجرى خلال اللقاء بحث سبل تعزيز التعاون الثنائي في مجال {d}، وتبادل وجهات النظر حول القضايا "
    "ذات الاهتمام المشترك.",
    "وناقش الجانبان {topic}.",
    "وأكد الجانبان أهمية مواصلة التنسيق وتبادل المعلومات والخبرات بما يخدم المصالح المشتركة.",
    "كما تم الاتفاق على {outcome}.",
    "وأشاد الجانب الضيف بمستوى التعاون القائم وما تحقق خلال المرحلة الماضية.",
    "وحضر اللقاء عدد من كبار المسؤولين من الجانبين.",
    "ويأتي ذلك في إطار متابعة تنفيذ ما اتفق عليه في الاجتماعات السابقة.",
    "واطلع الوفد على أحدث التقنيات المستخدمة في مجال {d}.",
    "وفي ختام الزيارة تبادل الجانبان الدروع التذكارية.",
)
QUOTE = "وقال {speaker}: «يمثل التعاون مع {p} ركيزة أساسية في جهودنا في مجال {d}»."


def source_article(
    rng: random.Random,
    key: str,
    names: Names,
    *,
    city: str,
    day: dt.date,
    days: int,
    host: str,
    guest: str,
    speaker: str,
    serial: int,
) -> tuple[str, str]:
    """(title, text) of a news article about an engagement. `host` and `guest` describe people
    ("اللواء ...، مدير ..."); `serial` makes every article's text, and so its hash, unique."""
    topic, other_topic = two_of(rng, TOPICS)
    values = {
        "h": names.home[0],
        "p": names.partner[0],
        "d": names.domain[0],
        "city": city or names.partner[0],
        "days": DAYS_AR.get(days, DAYS_AR[3]),
        "host": host,
        "guest": guest,
        "topic": topic,
        "outcome": rng.choice(OUTCOMES),
        "speaker": speaker,
    }
    title = rng.choice(HEADLINES[key]).format(**values)
    sentences = [rng.choice(LEDES[key]).format(**values)]
    values["topic"] = other_topic
    for sentence in rng.sample(BODY, rng.randint(2, 4)):
        sentences.append(sentence.format(**values))
    if rng.random() < 0.35:
        sentences.append(QUOTE.format(**values))
    dateline = f"{city or names.partner[0]} — {arabic_date(day)}:"
    text = f"{dateline} {' '.join(sentences)}\nالمصدر: المركز الإعلامي، الخبر رقم {serial}."
    return title, text


def describe(rank: str, name: str, position: str) -> str:
    """How an article names someone: rank, name, and the position after a comma."""
    named = f"{rank} {name}" if rank else name
    return f"{named}، {position}" if position else named


# --- understandings, committees, action items -------------------------------------------------

UNDERSTANDING_TITLES: dict[str, Pair] = {
    "mou": ("مذكرة تفاهم بين {h} و{p} للتعاون في مجال {d}", "Memorandum of understanding between {H} and {P} on {D}"),
    "agreement": ("اتفاقية تعاون أمني بين {h} و{p}", "Security cooperation agreement between {H} and {P}"),
    "protocol": ("بروتوكول تعاون بين {h} و{p} في مجال {d}", "Protocol between {H} and {P} on {D}"),
    "understandings": ("تفاهمات بين {h} و{p} بشأن {d}", "Understandings between {H} and {P} on {D}"),
}  # fmt: skip


def understanding_title(kind: str, names: Names) -> Pair:
    return fill(UNDERSTANDING_TITLES[kind], names)


def understanding_summary(rng: random.Random, names: Names) -> str:
    first, second = two_of(rng, MEANS)
    return f"تهدف إلى تعزيز التعاون في مجال {names.domain[0]} من خلال {first} و{second}."


STATUS_REASONS = {
    "negotiation": "بدء التفاوض على النص بين الجانبين",
    "draft": "إعادة المسودة للمراجعة الداخلية",
    "signed": "التوقيع خلال زيارة رسمية",
    "in_force": "استكمال الإجراءات النظامية ودخولها حيز النفاذ",
    "expiring": "اقتراب موعد انتهاء المدة",
    "expired": "انتهاء المدة المحددة",
    "renewed": "تجديد المدة باتفاق الجانبين",
    "terminated": "إنهاء العمل بها بإشعار من أحد الجانبين",
}

COMMITTEE_NAMES: tuple[Pair, ...] = (
    ("اللجنة الأمنية المشتركة بين {h} و{p}", "Joint security committee of {H} and {P}"),
    ("اللجنة المشتركة في مجال {d} بين {h} و{p}", "Joint committee on {D} of {H} and {P}"),
    ("فريق المتابعة المشترك بين {h} و{p}", "Joint follow-up team of {H} and {P}"),
)


def committee_name(rng: random.Random, names: Names) -> Pair:
    return fill(rng.choice(COMMITTEE_NAMES), names)


def committee_mandate(understanding_title_ar: str) -> str:
    return f"متابعة تنفيذ {understanding_title_ar}، ورفع تقارير دورية إلى القيادات المعنية في الجانبين."


ACTION_ITEMS = (
    "إعداد خطة تدريب مشتركة في مجال {d}",
    "تسمية ضباط اتصال من الجانبين",
    "تبادل قوائم المطلوبين وفق الإجراءات المتبعة",
    "تنظيم زيارة ميدانية للمنافذ الحدودية",
    "إعداد تقرير عن مستوى التعاون في مجال {d}",
    "عقد ورشة عمل حول {d}",
    "تحديث آلية تبادل المعلومات",
    "تزويد الجانب الآخر بالأنظمة واللوائح ذات الصلة",
    "ترشيح متدربين للدورة القادمة في مجال {d}",
    "إعداد مسودة بروتوكول تنفيذي",
    "تحديد موعد الاجتماع القادم للجنة",
    "دراسة إنشاء قاعدة بيانات مشتركة",
)


def action_item(rng: random.Random, domain_ar: str) -> tuple[str, str]:
    title = rng.choice(ACTION_ITEMS).format(d=domain_ar)
    description = "يتابع الجانب المسؤول التنفيذ ويرفع تقريراً إلى اللجنة قبل موعد الاستحقاق."
    if rng.random() < 0.5:
        description += f" ويشمل ذلك {rng.choice(TOPICS)}."
    return title, description


UPDATE_COMMENTS = {
    "in_progress": "بدأ التنفيذ وجرى التواصل مع الجهة المختصة.",
    "done": "اكتمل التنفيذ وأبلغ الجانب الآخر.",
    "blocked": "التنفيذ متوقف بانتظار رد الجانب الآخر.",
    "cancelled": "ألغي البند باتفاق الجانبين.",
}


# --- training and knowledge -------------------------------------------------------------------

TRAINING_TITLES: tuple[Pair, ...] = (
    ("دورة تدريبية في {d}", "Training course on {D}"),
    ("برنامج تدريبي متقدم في {d}", "Advanced training programme on {D}"),
    ("ورشة بناء قدرات في {d}", "Capacity-building workshop on {D}"),
    ("دورة إعداد مدربين في {d}", "Train-the-trainers course on {D}"),
)


def training_title(rng: random.Random, names: Names) -> Pair:
    return fill(rng.choice(TRAINING_TITLES), names)


def training_description(rng: random.Random, provider_ar: str, recipient_ar: str) -> str:
    return (
        f"برنامج يقدمه {provider_ar} لمنسوبي الأجهزة الأمنية في {recipient_ar}، ويتناول {rng.choice(TOPICS)}."
    )


KNOWLEDGE: dict[str, tuple[tuple[str, str, str], ...]] = {
    # kind -> (Arabic title, English title, Arabic text)
    "best_practice": (
        ("إرسال جدول الأعمال قبل الاجتماع بوقت كاف", "Send the agenda well before the meeting",
         "إرسال جدول الأعمال ومسودات الوثائق قبل أسبوعين على الأقل يتيح للجانب الآخر إعداد ردوده "
         "ويختصر وقت الاجتماع."),
        ("تسمية منسق دائم لكل لجنة", "Name a standing coordinator for each committee",
         "وجود منسق دائم من كل جانب يضمن متابعة البنود بين الاجتماعات ويحفظ الذاكرة المؤسسية."),
        ("توثيق المحاضر باللغتين", "Minute meetings in both languages",
         "اعتماد محضر واحد باللغتين في ختام الاجتماع يمنع اختلاف التفسير لاحقاً."),
        ("ربط التدريب بخطة العمل", "Tie training to the action plan",
         "اختيار موضوعات التدريب من بنود خطة العمل المشتركة يجعل أثرها قابلاً للقياس."),
    ),
    "lesson": (
        ("تأخر الردود الرسمية", "Late official replies",
         "تأخر الرد على المراسلات الرسمية أخر تنفيذ عدد من البنود، ويوصى بتحديد مهلة للرد في محضر الاجتماع."),
        ("تغير المسؤولين", "Changes of officials",
         "تغير رؤساء الوفود بين الاجتماعات أضعف المتابعة، ويوصى بتسليم ملف كامل لكل مسؤول جديد."),
        ("الترجمة الفورية", "Simultaneous interpretation",
         "غياب الترجمة الفورية في بعض الجلسات أطال النقاش، ويوصى بالتنسيق المسبق بشأنها."),
        ("المتطلبات الفنية للأنظمة", "Technical requirements of systems",
         "اختلاف الأنظمة التقنية بين الجانبين أخر ربط قواعد البيانات، ويوصى بدراسة فنية مبكرة."),
    ),
}  # fmt: skip


def knowledge_item(rng: random.Random, kind: str, names: Names) -> tuple[str, str, str]:
    title_ar, title_en, body = rng.choice(KNOWLEDGE[kind])
    body += f" (من التعاون مع {names.partner[0]} في مجال {names.domain[0]}.)"
    return f"{title_ar} في مجال {names.domain[0]}", f"{title_en} ({lower_first(names.domain[1])})", body
