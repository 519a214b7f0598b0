#!/usr/bin/env python3
"""Build the newsgraph data tables under data/ from the shared lexicons.

Usage (from the repository root):

    python3 data/scripts/build_tables.py ../shared/datasets/lexicons

The lexicon directory argument is optional (default: ../shared/datasets/lexicons, relative to the
current directory). The GUM news examples are read from <lexicons>/../gum_news/train.jsonl,
extra organisations with Wikidata ids from <lexicons>/../knowledgenet/train.jsonl (train split only).
Output is deterministic: rows sorted, UTF-8, "\n" line endings, RFC 4180 quoting (csv module),
multi-values joined with "|".

Requires Python 3 standard library + PyYAML (for rigour/stopwords.yml and symbols.yml).

Hand-curated content is kept in clearly marked CURATED_* constants in this file, in
data/scripts/extra_given_names.txt, and in two tables that people edit: data/cues/verbs.csv (read
back, every row kept; the build only adds the missing forms of its lemmas) and
data/gazetteer/words.csv (closed word classes; this script does not touch it). Everything else is
derived from the lexicon files.
"""

import csv
import json
import os
import re
import sys
import unicodedata
from collections import Counter, OrderedDict, defaultdict

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)  # data/

# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(relpath, header, rows):
    path = os.path.join(DATA, relpath)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        for r in rows:
            w.writerow(r)
    print(f"wrote {relpath}: {len(rows)} rows")
    return len(rows)


def write_text(relpath, text):
    path = os.path.join(DATA, relpath)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def split_multi(s):
    return [x.strip() for x in (s or "").split("|") if x.strip()]


def join_multi(xs):
    return "|".join(xs)


def uniq(xs):
    """Order-preserving de-duplication."""
    seen = set()
    out = []
    for x in xs:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def is_latin(s):
    """True when every letter of s is a Latin-script letter (combining marks allowed)."""
    for ch in s:
        if ch.isalpha():
            try:
                if "LATIN" not in unicodedata.name(ch):
                    return False
            except ValueError:
                return False
    return True


def slug(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii").lower()
    s = s.replace("&", " and ").replace("'", "")
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


# --------------------------------------------------------------------------------------------
# 1. countries
# --------------------------------------------------------------------------------------------

# CURATED: aliases dropped from countries.csv in addition to the rules (lower-case initial,
# non-Latin, > 60 chars, bare 2-letter codes except US/UK).
CURATED_COUNTRY_ALIAS_DROP = {
    "CAR",  # Central African Republic: collides with the word "car" in all-caps headlines
    "Hk Sar",  # odd casing, not a news form
    "Jèrriais",  # the language of Jersey, not the territory
    "Nederlands",  # Dutch language/adjective, not the country
    "Suid -Afrika",  # malformed spacing
    "Island",  # English word (Icelandic name of Iceland), if present
}
# CURATED: demonym fixes/additions (demonyms may be shared between rows).
CURATED_DEMONYM_FIXES = {
    "DJ": ["Djiboutian"],
    "GI": ["Gibraltarian"],
    "KN": ["Kittitian", "Nevisian"],
}
CURATED_DEMONYM_ADD = {
    "KZ": ["Kazakh"],
    "KG": ["Kyrgyz"],
    "TJ": ["Tajik"],
    "UZ": ["Uzbek"],
    "CV": ["Cape Verdean"],
    "MV": ["Maldivian"],
    "EC": ["Ecuadorian"],
    "SI": ["Slovenian"],
    "IS": ["Icelandic"],
}


def build_countries(lex):
    rows = read_csv(os.path.join(lex, "countries.csv"))
    dropped = []
    out = []
    for r in rows:
        name = r["name"]
        aliases = []
        for a in split_multi(r["aliases"]):
            reason = None
            if a in CURATED_COUNTRY_ALIAS_DROP:
                reason = "curated drop"
            elif not is_latin(a):
                reason = "non-Latin"
            elif a[0].islower() or a == a.lower():
                reason = "lower-case"
            elif len(a) > 60:
                reason = "too long"
            elif re.fullmatch(r"[A-Z]{2}", a) and a not in ("US", "UK"):
                reason = "bare 2-letter code"
            elif a == name:
                reason = "same as name"
            if reason:
                dropped.append((r["iso2"] or name, a, reason))
            else:
                aliases.append(a)
        dem = split_multi(r["demonyms"])
        if r["iso2"] in CURATED_DEMONYM_FIXES:
            dem = CURATED_DEMONYM_FIXES[r["iso2"]]
        dem = uniq(dem + CURATED_DEMONYM_ADD.get(r["iso2"], []))
        out.append([r["qid"], r["iso2"], r["iso3"], name, uniq(aliases), dem,
                    split_multi(r["capital"]), r["status"]])
    # uniqueness of names/aliases across rows (demonyms may be shared)
    owner = defaultdict(set)
    for i, o in enumerate(out):
        for s in [o[3]] + o[4]:
            owner[s].add(i)
    shared = {s for s, ids in owner.items() if len(ids) > 1}
    for s in sorted(shared):
        print(f"  countries: surface form {s!r} shared by {len(owner[s])} rows -> removed from aliases")
    for o in out:
        o[4] = [a for a in o[4] if a not in shared]
        assert o[3] not in shared, o[3]
    print(f"  countries: {len(dropped)} aliases dropped: " + "; ".join(f"{c}:{a} ({why})" for c, a, why in dropped))
    rowsout = [[o[0], o[1], o[2], o[3], join_multi(o[4]), join_multi(o[5]), join_multi(o[6]), o[7]]
               for o in out]
    rowsout.sort(key=lambda x: (x[1] == "", x[1], x[3]))
    return write_csv("gazetteer/countries.csv",
                     ["qid", "iso2", "iso3", "name", "aliases", "demonyms", "capitals", "status"],
                     rowsout), out


# --------------------------------------------------------------------------------------------
# 2. organisations
# --------------------------------------------------------------------------------------------

# CURATED: famous acronyms -> the organisation (name) that keeps the acronym when it is shared.
FAMOUS_ACRONYMS = {"IOC": "International Olympic Committee"}
# The brief's famous list (UN, EU, NATO, WHO, IAEA, IMF, OPEC, WTO, OSCE, ASEAN, AU, OAS, UNESCO,
# UNICEF, UNHCR, WFP, ICC, ILO, FAO, OECD, G7, G20) is unique in the data; the build asserts it.
FAMOUS_UNIQUE = ["UN", "EU", "NATO", "WHO", "IAEA", "IMF", "OPEC", "WTO", "OSCE", "ASEAN", "AU",
                 "OAS", "UNESCO", "UNICEF", "UNHCR", "WFP", "ICC", "ILO", "FAO", "OECD", "G7", "G20"]
# CURATED: acronyms never used (too ambiguous or generic).
CURATED_ACRONYM_DROP = {"WB", "ERIC", "EP"}  # WB = West Bank too; ERIC = generic EU legal form;
#                                               EP = also a legal form / "extended play"
# CURATED: extra English surface forms for SupraVerden rows, keyed by QID.
CURATED_IGO_EXTRA = {
    "Q1065": {"acronyms": ["U.N."], "aliases": []},  # United Nations
    "Q458": {"acronyms": ["E.U."], "aliases": []},  # European Union
    "Q7184": {"acronyms": [], "aliases": ["North Atlantic Treaty Organization"]},  # NATO
    "Q5987345": {"acronyms": [], "aliases": ["Red Cross", "International Red Cross"]},  # ICRC
    "Q8475": {"acronyms": [], "aliases": ["Interpol"]},
    "Q37470": {"acronyms": [], "aliases": ["Security Council"]},  # UN Security Council
    "Q7164": {"acronyms": [], "aliases": []},  # World Bank (WB dropped)
}

# CURATED: well-known organisations frequently seen in world news (not in SupraVerden).
# key, name, kind, acronyms, aliases, qid (only where certain), country_iso2
CURATED_ORGS = [
    # --- media ---
    ("reuters", "Reuters", "media", "", "", "Q130879", "GB"),
    ("associated-press", "Associated Press", "media", "AP", "The Associated Press", "Q40469", "US"),
    ("afp", "Agence France-Presse", "media", "AFP", "Agence France Presse|France-Presse", "Q40464", "FR"),
    ("bbc", "BBC", "media", "", "British Broadcasting Corporation|BBC News", "Q9531", "GB"),
    ("cnn", "CNN", "media", "", "Cable News Network", "Q48340", "US"),
    ("al-jazeera", "Al Jazeera", "media", "", "Al-Jazeera|Al Jazeera English", "", "QA"),
    ("xinhua", "Xinhua", "media", "", "Xinhua News Agency", "", "CN"),
    ("tass", "TASS", "media", "", "Tass", "", "RU"),
    ("interfax", "Interfax", "media", "", "", "", "RU"),
    ("ria-novosti", "RIA Novosti", "media", "", "", "", "RU"),
    ("bloomberg", "Bloomberg", "media", "", "Bloomberg News", "", "US"),
    ("new-york-times", "The New York Times", "media", "NYT", "New York Times", "", "US"),
    ("washington-post", "The Washington Post", "media", "", "Washington Post", "", "US"),
    ("the-guardian", "The Guardian", "media", "", "", "", "GB"),
    ("financial-times", "Financial Times", "media", "FT", "", "", "GB"),
    ("wall-street-journal", "The Wall Street Journal", "media", "WSJ", "Wall Street Journal", "", "US"),
    ("fox-news", "Fox News", "media", "", "", "", "US"),
    ("kyodo", "Kyodo News", "media", "", "Kyodo", "", "JP"),
    ("yonhap", "Yonhap", "media", "", "Yonhap News Agency", "", "KR"),
    ("kcna", "Korean Central News Agency", "media", "KCNA", "", "", "KP"),
    ("dpa", "Deutsche Presse-Agentur", "media", "DPA", "", "", "DE"),
    # --- companies ---
    ("apple", "Apple", "company", "", "Apple Inc.", "Q312", "US"),
    ("google", "Google", "company", "", "", "Q95", "US"),
    ("microsoft", "Microsoft", "company", "", "Microsoft Corporation", "Q2283", "US"),
    ("amazon", "Amazon", "company", "", "Amazon.com", "Q3884", "US"),
    ("meta", "Meta", "company", "", "Meta Platforms|Facebook", "", "US"),
    ("twitter", "Twitter", "company", "", "", "", "US"),
    ("openai", "OpenAI", "company", "", "", "", "US"),
    ("nvidia", "Nvidia", "company", "", "", "", "US"),
    ("boeing", "Boeing", "company", "", "", "Q66", "US"),
    ("airbus", "Airbus", "company", "", "", "Q67", "FR"),
    ("toyota", "Toyota", "company", "", "Toyota Motor Corporation", "Q53268", "JP"),
    ("volkswagen", "Volkswagen", "company", "VW", "", "", "DE"),
    ("gazprom", "Gazprom", "company", "", "", "Q102673", "RU"),
    ("rosneft", "Rosneft", "company", "", "", "", "RU"),
    ("saudi-aramco", "Saudi Aramco", "company", "", "Aramco", "", "SA"),
    ("shell", "Shell", "company", "", "Royal Dutch Shell|Shell plc", "", "GB"),
    ("bp", "BP", "company", "", "British Petroleum", "", "GB"),
    ("exxonmobil", "ExxonMobil", "company", "", "Exxon Mobil|Exxon", "", "US"),
    ("tesla", "Tesla", "company", "", "Tesla Inc.|Tesla Motors", "Q478214", "US"),
    ("spacex", "SpaceX", "company", "", "", "", "US"),
    ("samsung-electronics", "Samsung Electronics", "company", "", "Samsung", "Q20718", "KR"),
    ("huawei", "Huawei", "company", "", "Huawei Technologies", "", "CN"),
    # --- government bodies (national) ---
    ("fbi", "Federal Bureau of Investigation", "government", "FBI", "", "Q8333", "US"),
    ("cia", "Central Intelligence Agency", "government", "CIA", "", "Q37230", "US"),
    ("nsa", "National Security Agency", "government", "NSA", "", "", "US"),
    ("pentagon", "Pentagon", "government", "", "The Pentagon|US Department of Defense|Department of Defense|Defense Department", "", "US"),
    ("white-house", "White House", "government", "", "The White House", "", "US"),
    ("us-state-department", "US State Department", "government", "", "State Department|U.S. State Department|Department of State", "", "US"),
    ("us-justice-department", "US Justice Department", "government", "DOJ", "Justice Department|Department of Justice|U.S. Justice Department", "", "US"),
    ("us-congress", "United States Congress", "government", "", "US Congress|U.S. Congress", "", "US"),
    ("federal-reserve", "Federal Reserve", "government", "", "US Federal Reserve", "", "US"),
    ("kremlin", "Kremlin", "government", "", "The Kremlin", "", "RU"),
    ("state-duma", "State Duma", "government", "", "Duma", "", "RU"),
    ("fsb", "Federal Security Service", "government", "FSB", "", "", "RU"),
    ("downing-street", "Downing Street", "government", "", "10 Downing Street|Number 10", "", "GB"),
    ("home-office", "Home Office", "government", "", "", "", "GB"),
    ("foreign-office", "Foreign Office", "government", "FCDO", "Foreign, Commonwealth and Development Office|Foreign and Commonwealth Office", "", "GB"),
    ("bank-of-england", "Bank of England", "government", "", "", "", "GB"),
    ("elysee", "Élysée Palace", "government", "", "Elysee Palace|Élysée|Elysee", "", "FR"),
    ("bundestag", "Bundestag", "government", "", "German Bundestag", "", "DE"),
    ("knesset", "Knesset", "government", "", "", "", "IL"),
    ("mossad", "Mossad", "government", "", "", "", "IL"),
    # --- military ---
    ("idf", "Israel Defense Forces", "military", "IDF", "Israeli Defense Forces", "", "IL"),
    ("pla", "People's Liberation Army", "military", "PLA", "", "", "CN"),
    ("irgc", "Islamic Revolutionary Guard Corps", "military", "IRGC", "Revolutionary Guards", "", "IR"),
    ("hamas", "Hamas", "military", "", "", "Q38799", "PS"),
    ("hezbollah", "Hezbollah", "military", "", "Hizbollah|Hizbullah", "Q41053", "LB"),
    ("taliban", "Taliban", "military", "", "The Taliban", "Q42418", "AF"),
    ("islamic-state", "Islamic State", "military", "ISIS|ISIL", "Islamic State of Iraq and the Levant|Daesh", "", ""),
    ("al-qaeda", "al-Qaeda", "military", "", "Al-Qaeda|Al Qaeda|al-Qaida", "", ""),
    ("wagner-group", "Wagner Group", "military", "", "Wagner", "", "RU"),
    # --- parties ---
    ("communist-party-of-china", "Communist Party of China", "party", "CPC|CCP", "Chinese Communist Party", "", "CN"),
    ("us-democratic-party", "Democratic Party", "party", "", "", "", "US"),
    ("us-republican-party", "Republican Party", "party", "GOP", "", "", "US"),
    ("uk-conservative-party", "Conservative Party", "party", "", "Tories", "", "GB"),
    ("uk-labour-party", "Labour Party", "party", "", "", "", "GB"),
    # --- NGOs / sport bodies ---
    ("amnesty-international", "Amnesty International", "ngo", "", "Amnesty", "Q42970", ""),
    ("human-rights-watch", "Human Rights Watch", "ngo", "HRW", "", "Q187052", ""),
    ("greenpeace", "Greenpeace", "ngo", "", "", "Q81307", ""),
    ("msf", "Médecins Sans Frontières", "ngo", "MSF", "Medecins Sans Frontieres|Doctors Without Borders", "", ""),
    ("oxfam", "Oxfam", "ngo", "", "", "", ""),
    ("save-the-children", "Save the Children", "ngo", "", "", "", ""),
    ("reporters-without-borders", "Reporters Without Borders", "ngo", "RSF", "Reporters Sans Frontières", "", ""),
    ("transparency-international", "Transparency International", "ngo", "", "", "", ""),
    ("ioc", "International Olympic Committee", "ngo", "IOC", "", "", ""),
    ("fifa", "FIFA", "ngo", "", "Fédération Internationale de Football Association", "", ""),
    # --- informal intergovernmental groups (not in SupraVerden) ---
    ("g7", "Group of Seven", "igo", "G7", "G-7", "", ""),
    ("g20", "Group of Twenty", "igo", "G20", "G-20", "", ""),
    ("brics", "BRICS", "igo", "", "", "", ""),
]

ORG_KINDS = {"igo", "media", "company", "government", "party", "ngo", "military"}
ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&.\-]*$")


def looks_like_acronym(s):
    return " " not in s and bool(ACRONYM_RE.match(s)) and sum(c.isupper() for c in s) >= 2


# --- organisations from KnowledgeNet (train split only) ---------------------------------------

# Only the train split is read (dev and the held-out test fold are never used for the tables).
KN_MIN_DOCS = 2  # a QID is kept when it is linked in at least this many distinct documents
# Pronouns and relative words that KnowledgeNet links as organisation mentions ("It", "where").
KN_JUNK = {"it", "its", "they", "them", "their", "he", "she", "his", "her", "we", "our", "which",
           "where", "who", "whom", "whose", "that", "this", "these", "those", "there", "here"}
# CURATED: names that many organisations share worldwide; a KnowledgeNet row never gets them
# (KnowledgeNet's "Communist Party" is the Norwegian one; in world news it is mostly China's).
CURATED_KN_GENERIC_NAMES = {
    "Communist Party", "Socialist Party", "Liberal Party", "Conservative Party", "Labour Party",
    "Labor Party", "Green Party", "Progress Party", "National Party", "People's Party",
    "Centre Party", "Center Party", "Social Democratic Party", "Christian Democratic Party",
    "Democratic Party", "Republican Party",
}
# CURATED: surface forms dropped for another reason than the rules.
CURATED_KN_SURFACE_DROP = {
    "Cambridge": "the city",  # Cambridge University's short form
}
# CURATED: kinds the rules below cannot see (no company word, no party/education signal).
CURATED_KN_KIND = {
    "Q744149": "company",  # Wells Fargo
    "Q491748": "company",  # Deloitte
    "Q23548": "government",  # NASA
    "Q43250": "government",  # Gestapo
}
KN_EDUCATION_WORDS = ("University", "College", "Institute of Technology", "School", "Conservatory")
KN_COMPANY_WORDS = {"Company", "Corporation", "Bank", "Financial", "Petroleum", "Motor", "Motors",
                    "Holdings", "Industries", "Technologies", "Airlines", "Airways"}
# The kind vocabulary of organisations.csv has no "education" or generic "organisation" kind:
# universities, academies, churches and other non-state bodies are written as "ngo".
KN_KIND_MAP = {"education": "ngo", "party": "party", "company": "company", "organisation": "ngo"}


def kn_acronym(s):
    """An all-caps surface of 2-6 letters ("MIT", "M.I.T.", "BJP")."""
    letters = s.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper() and letters.isascii()


def kn_junk_reason(s, person_names):
    if s.lower() in KN_JUNK:
        return "pronoun/relative word"
    if len(s) < 2 or not s[0].isupper():
        return "not a capitalised name"
    if not is_latin(s) or not re.fullmatch(r"[^\W\d_][\w .,'&\-]*", s):
        return "not a plain name"  # "Lockheed/Martin"
    if s in CURATED_KN_SURFACE_DROP:
        return f"curated drop ({CURATED_KN_SURFACE_DROP[s]})"
    last = s.split()[-1]
    heads = {h for h in CURATED_ORG_HEADS if " " not in h}
    plural = {h[:-1] + "ies" if h.endswith("y") else h + "s" for h in heads}
    if last in plural and last not in heads:
        return "plural head (coordination)"  # "Yale Universities"
    if " " not in s and not kn_acronym(s) and s in person_names:
        return "also a person name"  # "Ford", "Stanford"
    return None


def kn_kind(surfaces, labels):
    words = set(re.findall(r"[\w.]+", " ".join(surfaces)))
    text = " ".join(surfaces)
    if "Party" in words or labels["POLITICAL_AFFILIATION.object"] * 2 >= sum(labels.values()):
        return "party"
    if any(w in text for w in KN_EDUCATION_WORDS):
        return "education"
    legal = set(CURATED_LEGAL_FORMS) | {"Inc", "Ltd", "Corp", "Co", "LLC", "plc", "PLC"}
    if words & KN_COMPANY_WORDS or any(w.strip(",") in legal for w in text.split()):
        return "company"
    return "organisation"


def add_knowledgenet(orgs, lex, country_forms, demonyms, person_names):
    """Organisations linked to Wikidata in KnowledgeNet's train split, appended to `orgs`.

    Existing rows win: a QID already in the table, or a name/alias already in it, adds nothing
    (a curated row with an empty qid whose name KnowledgeNet links unambiguously gets the QID)."""
    path = os.path.join(os.path.dirname(os.path.normpath(lex)), "knowledgenet", "train.jsonl")
    docs = defaultdict(set)
    surfaces = defaultdict(Counter)
    labels = defaultdict(Counter)
    surface_qids = defaultdict(set)  # every linked entity, any type
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            for e in d["entities"]:
                m = re.fullmatch(r"(?:https?://)?(?:www\.)?wikidata\.org/entity/(Q\d+)", e.get("uri") or "")
                if not m:
                    continue
                qid = m.group(1)
                surface_qids[e["text"]].add(qid)
                if e["type"] == "ORG":
                    docs[qid].add(d["id"])
                    surfaces[qid][e["text"]] += 1
                    labels[qid][e["label"]] += 1
    table_qids = {o["qid"] for o in orgs if o["qid"]}
    table_forms = {}
    for o in orgs:
        for s in [o["name"]] + o["aliases"] + o["acronyms"]:
            table_forms.setdefault(s.lower(), o)
    added, dropped, filled = [], [], []
    kept = sorted((q for q in docs if len(docs[q]) >= KN_MIN_DOCS), key=lambda q: int(q[1:]))
    for qid in kept:
        forms = surfaces[qid]
        if qid in table_qids:
            dropped.append(f"{qid} already in the table")
            continue
        good, why = [], []
        for s in sorted(forms):
            reason = kn_junk_reason(s, person_names)
            if reason is None and len(surface_qids[s]) > 1:
                reason = "shared with " + "/".join(sorted(surface_qids[s] - {qid}, key=lambda q: int(q[1:])))
            if reason is None and (s in country_forms or s in demonyms):
                reason = "a country name/alias/demonym"
            if reason is None and " " not in s and (s + " Party").lower() in {x.lower() for x in forms}:
                reason = "party adjective"  # "Democratic"
            if reason:
                why.append(f"{s!r} ({reason})")
            else:
                good.append(s)
        # a name or alias already in the table: that row's organisation, or a namesake
        clash = [s for s in sorted(forms) if not kn_acronym(s) and s.lower() in table_forms
                 and kn_junk_reason(s, person_names) is None]
        if clash:
            o = table_forms[clash[0].lower()]
            # a generic name ("Democratic Party": the US one in KnowledgeNet, Hong Kong's in our
            # examples) gets no QID: a wrong owl:sameAs is worse than none
            if (o["key"] and not o["qid"] and o["kind"] != "igo" and o["name"] in good
                    and o["name"] == clash[0] and o["name"] not in CURATED_KN_GENERIC_NAMES):
                o["qid"] = qid
                table_qids.add(qid)
                filled.append(f"{o['key']} <- {qid}")
            else:
                dropped.append(f"{qid} {clash[0]!r} is already the table's {o['key'] or o['name']!r}"
                               + ("" if o["name"] in good else " (ambiguous here)"))
            continue
        generic = [s for s in good if s in CURATED_KN_GENERIC_NAMES]
        why += [f"{s!r} (generic name)" for s in generic]
        good = [s for s in good if s not in generic]
        taken = [s for s in good if s.lower() in table_forms]  # acronyms owned by other rows
        why += [f"{s!r} (already the table's {table_forms[s.lower()]['key'] or table_forms[s.lower()]['name']!r})"
                for s in taken]
        good = [s for s in good if s not in taken]
        if why:
            print(f"  organisations: knowledgenet {qid}: dropped " + "; ".join(why))
        if not good:
            dropped.append(f"{qid} nothing specific left")
            continue
        names = [s for s in good if not kn_acronym(s)] or good
        name = min(names, key=lambda s: (-forms[s], -len(s), s))
        acronyms = sorted((s for s in good if kn_acronym(s) and s != name), key=lambda s: (-forms[s], s))
        aliases = sorted(s for s in good if not kn_acronym(s) and s != name)
        kind = CURATED_KN_KIND.get(qid) or KN_KIND_MAP[kn_kind(good, labels[qid])]
        o = dict(name=name, kind=kind, qid=qid, country="", key=None, acronyms=acronyms, aliases=aliases)
        orgs.append(o)
        table_qids.add(qid)
        for s in good:
            table_forms.setdefault(s.lower(), o)
        added.append(f"{name} ({qid}, {kind})")
    print(f"  organisations: knowledgenet train: {len(kept)} QIDs linked in >= {KN_MIN_DOCS} documents; "
          f"{len(added)} added, {len(filled)} qids filled, {len(dropped)} skipped")
    print("  organisations: knowledgenet added: " + "; ".join(added))
    print("  organisations: knowledgenet filled: " + "; ".join(filled))
    print("  organisations: knowledgenet skipped: " + "; ".join(dropped))
    return len(added)


def build_organisations(lex, country_forms, demonyms, person_names):
    rows = read_csv(os.path.join(lex, "supraverden", "international_organisations.csv"))
    orgs = []  # dicts: key,name,kind,acronyms,aliases,qid,country,famous
    for r in rows:
        if not r["qid"]:
            continue
        acr = [r["abbreviation"]] if r["abbreviation"] else []
        als = []
        for a in split_multi(r["aliases"]):
            (acr if looks_like_acronym(a) else als).append(a)
        extra = CURATED_IGO_EXTRA.get(r["qid"], {})
        acr += extra.get("acronyms", [])
        als += extra.get("aliases", [])
        orgs.append(dict(name=r["name"], kind="igo", qid=r["qid"], country="", key=None,
                         acronyms=uniq(a for a in acr if a not in CURATED_ACRONYM_DROP),
                         aliases=uniq(a for a in als if a != r["name"])))
    igo_names = {o["name"] for o in orgs}
    for key, name, kind, acr, als, qid, cc in CURATED_ORGS:
        assert kind in ORG_KINDS, kind
        if name in igo_names:
            print(f"  organisations: curated {name!r} already in SupraVerden -> skipped")
            continue
        orgs.append(dict(name=name, kind=kind, qid=qid, country=cc, key=key,
                         acronyms=split_multi(acr), aliases=split_multi(als)))
    add_knowledgenet(orgs, lex, country_forms, demonyms, person_names)
    # acronym de-duplication
    acr_owner = defaultdict(list)
    for i, o in enumerate(orgs):
        for a in o["acronyms"]:
            acr_owner[a].append(i)
    for a, ids in sorted(acr_owner.items()):
        if len(ids) < 2:
            continue
        names = [orgs[i]["name"] for i in ids]
        if a in FAMOUS_ACRONYMS:
            keep = [i for i in ids if orgs[i]["name"] == FAMOUS_ACRONYMS[a]]
            assert len(keep) == 1, a
            for i in ids:
                if i != keep[0]:
                    orgs[i]["acronyms"].remove(a)
            print(f"  organisations: acronym {a!r} shared by {names} -> kept for {FAMOUS_ACRONYMS[a]!r}")
        else:
            for i in ids:
                orgs[i]["acronyms"].remove(a)
            print(f"  organisations: acronym {a!r} shared by {names} -> dropped from all (ambiguous)")
    for a in FAMOUS_UNIQUE:
        owners = [o["name"] for o in orgs if a in o["acronyms"]]
        assert len(owners) == 1, (a, owners)
    # aliases: unique across rows, not equal to another row's name/acronym, not a country form
    names = Counter(o["name"] for o in orgs)
    for n, c in names.items():
        if c > 1:
            print(f"  organisations: WARNING name {n!r} used by {c} rows")
    form_owner = defaultdict(set)
    for i, o in enumerate(orgs):
        for s in [o["name"]] + o["acronyms"] + o["aliases"]:
            form_owner[s].add(i)
    for i, o in enumerate(orgs):
        keep = []
        for a in o["aliases"]:
            if len(form_owner[a]) > 1:
                print(f"  organisations: alias {a!r} shared by {len(form_owner[a])} rows -> dropped")
            elif a in country_forms:
                print(f"  organisations: alias {a!r} is a country name/alias -> dropped")
            else:
                keep.append(a)
        o["aliases"] = keep
    # keys
    used = set(o["key"] for o in orgs if o["key"])
    for o in sorted((o for o in orgs if not o["key"]), key=lambda o: (o["name"], o["qid"])):
        cands = []
        if o["acronyms"] and len(slug(o["acronyms"][0])) >= 3:
            cands.append(slug(o["acronyms"][0]))
        cands.append(slug(o["name"]))
        cands.append(slug(o["name"]) + "-" + o["qid"].lower())
        for c in cands:
            if c and c not in used:
                o["key"] = c
                used.add(c)
                break
    keys = Counter(o["key"] for o in orgs)
    assert all(c == 1 for c in keys.values()), [k for k, c in keys.items() if c > 1]
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9\-]*", k) for k in keys)
    out = [[o["key"], o["name"], o["kind"], join_multi(o["acronyms"]), join_multi(o["aliases"]),
            o["qid"], o["country"]] for o in orgs]
    out.sort(key=lambda x: x[0])
    return write_csv("gazetteer/organisations.csv",
                     ["key", "name", "kind", "acronyms", "aliases", "qid", "country_iso2"], out)


# --------------------------------------------------------------------------------------------
# 3./4. person names
# --------------------------------------------------------------------------------------------

GIVEN_MIN_COUNT = 2000
SURNAME_MIN_PCT = 0.002


# A given name is marked F or M when at least this share of its SSA births has that sex.
GIVEN_SEX_SHARE = 0.9


def build_given_names(lex):
    counts = Counter()
    female = Counter()
    for r in read_csv(os.path.join(lex, "ssa_baby_names", "given_names_us_ssa.csv")):
        counts[r["name"]] += int(r["count"])
        if r["sex"] == "F":
            female[r["name"]] += int(r["count"])
    kept = {n: c for n, c in counts.items() if c >= GIVEN_MIN_COUNT}

    def sex(n):
        c = counts.get(n, 0)
        if not c:
            return ""
        share = female[n] / c
        return "F" if share >= GIVEN_SEX_SHARE else "M" if share <= 1 - GIVEN_SEX_SHARE else ""
    added = []
    with open(os.path.join(HERE, "extra_given_names.txt"), encoding="utf-8") as f:
        for line in f:
            n = line.split("#", 1)[0].strip()
            if n and n not in kept:
                kept[n] = 0
                added.append(n)
    print(f"  given_names: {len(added)} hand-curated names added with count 0")
    rows = sorted(([n, c, sex(n)] for n, c in kept.items()), key=lambda x: x[0])
    return write_csv("gazetteer/given_names.csv", ["name", "count", "sex"], rows)


def build_surnames(lex):
    rows = []
    for r in read_csv(os.path.join(lex, "census1990_names", "surnames.csv")):
        if float(r["freq_pct"]) >= SURNAME_MIN_PCT:
            rows.append([r["name"].capitalize(), r["freq_pct"]])
    rows.sort(key=lambda x: x[0])
    return write_csv("gazetteer/surnames.csv", ["name", "freq_pct"], rows)


# --------------------------------------------------------------------------------------------
# 5. titles
# --------------------------------------------------------------------------------------------

# PERSON_NAME_PREFIXES that are not English (or are typos / not titles) -> excluded.
HONORIFIC_EXCLUDE = {"Fräulein", "Frau", "Senor", "Senorita", "Herr", "Hr", "Dott", "Dottore",
                     "Dott.ssa", "Dottor", "Dott.sr", "Dott.sra", "Präsident", "Monsieur", "Mmme",
                     "Mixter", "His Royal Higness", "Her Royal Higness", "His Higness", "Her Higness",
                     "The", "Seigneur"}
# CURATED: extra English honorifics missing from rigour.
CURATED_HONORIFICS = ["Rev", "Revd", "His Royal Highness", "Her Royal Highness", "His Highness",
                      "Her Highness", "Messrs", "Mesdames", "Sheikh", "Imam", "Rabbi", "Father",
                      "Pope", "Cardinal", "Archbishop", "Bishop", "Ayatollah"]
# CURATED: position words/phrases -> role. Prefixes from rigour that denote a position (President,
# Ambassador, military ranks, Chairman, Director ...) are listed here (lower case) instead of as
# honorifics, so a title string appears once (case-insensitively).
CURATED_POSITIONS = OrderedDict([
    ("spokesperson", ["spokesman", "spokeswoman", "spokesperson", "press secretary", "press officer",
                      "chief spokesman", "chief spokeswoman", "government spokesman",
                      "government spokeswoman", "military spokesman", "police spokesman"]),
    ("leader", ["president", "president-elect", "prime minister",
                "premier", "chancellor", "king", "queen", "emperor", "empress", "monarch",
                "crown prince", "sultan", "emir", "supreme leader", "head of state",
                "head of government", "chairman", "chairwoman", "chair", "chairperson",
                "chief executive", "chief executive officer", "ceo", "managing director",
                "executive director", "director-general", "director general", "secretary-general",
                "secretary general", "general secretary", "head", "leader", "party leader",
                "opposition leader", "governor", "mayor", "commander", "commander-in-chief",
                "chief", "chief of staff", "founder", "owner", "president and ceo", "pope",
                "grand duke", "grand duchess", "field marshal", "admiral", "dictator", "ruler",
                "junta leader", "speaker", "presiding officer", "rector", "dean",
                "chief justice", "police chief", "army chief", "military chief", "central bank governor"]),
    ("member", ["minister", "foreign minister", "defence minister", "defense minister",
                "interior minister", "finance minister", "justice minister", "health minister",
                "economy minister", "trade minister", "energy minister", "education minister",
                "deputy prime minister", "deputy minister", "secretary of state", "foreign secretary", "home secretary", "defence secretary",
                "defense secretary", "treasury secretary", "attorney general", "vice president",
                "vice-president", "deputy", "senator", "congressman", "congresswoman",
                "representative", "lawmaker", "legislator", "mp", "member of parliament", "mep",
                "councillor", "councilor", "delegate", "commissioner", "ambassador", "envoy",
                "special envoy", "diplomat", "negotiator", "chief negotiator", "consul", "official",
                "senior official", "adviser", "advisor", "national security adviser", "aide",
                "member", "activist", "militant", "general", "lieutenant general",
                "lieutenant colonel", "major general", "brigadier", "brigadier general", "colonel",
                "lieutenant", "captain", "commodore", "sergeant", "private", "soldier",
                "rear admiral", "rear-admiral", "vice admiral", "major", "Pvt", "Amb", "Maj",
                "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt", "Sgt", "Adm"]),
    ("employee", ["analyst", "economist", "chief economist", "professor", "associate professor",
                  "lecturer", "researcher", "scientist", "fellow", "senior fellow", "director",
                  "deputy director", "lawyer", "attorney", "prosecutor", "judge", "officer",
                  "police officer", "executive", "manager", "employee", "staff member",
                  "correspondent", "editor", "reporter", "journalist", "columnist", "photographer",
                  "engineer", "investigator", "inspector", "company secretary", "secretary",
                  "chief financial officer", "cfo", "chief operating officer", "coo", "strategist"])
])
TITLE_ROLES = {"", "spokesperson", "leader", "member", "employee"}


def build_titles(lex):
    with open(os.path.join(lex, "rigour", "stopwords.yml"), encoding="utf-8") as f:
        sw = yaml.safe_load(f)
    positions = {}
    for role, words in CURATED_POSITIONS.items():
        assert role in TITLE_ROLES
        for w in words:
            assert w.lower() not in positions, w
            positions[w.lower()] = (w, role)
    rows = {}
    skipped = []
    for p in list(sw["PERSON_NAME_PREFIXES"]) + CURATED_HONORIFICS:
        t = p.rstrip(".").strip()
        if p in HONORIFIC_EXCLUDE or t in HONORIFIC_EXCLUDE or not is_latin(t):
            skipped.append(p)
            continue
        if t.lower().startswith("ex-"):
            skipped.append(p)
            continue
        if t.lower() in positions:  # position word -> listed as a position
            continue
        rows[t.lower()] = [t, "honorific", ""]
    for low, (w, role) in positions.items():
        if low in rows:
            raise SystemExit(f"title {w!r} is both honorific and position")
        rows[low] = [w, "position", role]
    print(f"  titles: rigour prefixes skipped (non-English/typo/ex-): {', '.join(sorted(set(skipped)))}")
    out = sorted(rows.values(), key=lambda x: (x[1], x[0].lower(), x[0]))
    return write_csv("gazetteer/titles.csv", ["title", "kind", "role"], out)


# --------------------------------------------------------------------------------------------
# 6. org keywords
# --------------------------------------------------------------------------------------------

# CURATED: English head nouns of organisation names. Words also present (lower-cased) among the
# values of rigour symbols.yml org_symbols/org_domains are reported as "confirmed by rigour".
CURATED_ORG_HEADS = [
    "Academy", "Administration", "Agency", "Airlines", "Airways", "Alliance", "Army", "Assembly",
    "Association", "Authority", "Bank", "Board", "Brigade", "Brigades", "Broadcasting", "Bureau",
    "Cabinet", "Centre", "Center", "Chamber", "Church", "Coalition", "College", "Command",
    "Commission", "Committee", "Company", "Conference", "Congress", "Consortium", "Cooperative",
    "Corporation", "Council", "Court", "Department", "Directorate", "Exchange", "Federation",
    "Force", "Forces", "Forum", "Foundation", "Front", "Fund", "Group", "Guard", "Holdings",
    "Hospital", "Industries", "Institute", "Institution", "League", "Library",
    "Marines", "Media", "Ministry", "Mission", "Movement", "Museum", "Navy", "Network", "News",
    "Office", "Organisation", "Organization", "Parliament", "Partnership", "Party", "Police",
    "Post", "Press", "Programme", "Program", "Railways", "Secretariat", "Senate", "Service",
    "Services", "Society", "Squad", "Systems", "Technologies", "Television", "Times", "Tribunal",
    "Trust", "Union", "University", "Air Force", "Central Bank", "Chamber of Commerce",
    "Coast Guard", "Stock Exchange", "Supreme Court", "High Court", "News Agency", "Gazette",
    "Herald", "Journal", "Tribune", "Telegraph", "Daily", "Radio", "Institute of Technology",
    "School", "Laboratory", "Observatory", "Commission", "Embassy", "Consulate", "Regiment",
    "Battalion", "Division", "Intelligence", "Inc", "Corp", "Co",
]
# CURATED: legal-form displays that are (case-insensitively) common English words or clash with
# other frequent abbreviations -> excluded.
LEGAL_FORM_EXCLUDE = {"AS", "AT", "IS", "II", "EP", "PP", "GP", "SD", "NA", "KU", "Et.", "Rt.",
                      "IN", "ON", "PC", "PR", "PE", "SE", "OD", "PS", "SF", "IM", "NL", "SAD",
                      "SPA"}
# CURATED: common English-news spellings of legal forms that are aliases (not displays) in rigour.
CURATED_LEGAL_FORMS = ["Inc.", "Ltd.", "Co.", "Corp", "Corp.", "S.A.", "N.V.", "B.V.", "L.L.C.",
                       "P.L.C.", "A.G.", "S.p.A.", "Pty", "Pvt Ltd", "Bhd", "Limited"]


def build_org_keywords(lex):
    with open(os.path.join(lex, "rigour", "symbols.yml"), encoding="utf-8") as f:
        sym = yaml.safe_load(f)
    rig = set()
    for sec in ("org_symbols", "org_domains"):
        for k, vals in sym[sec].items():
            rig.add(str(k).lower())
            for v in vals or []:
                rig.add(str(v).lower())
    heads = uniq(CURATED_ORG_HEADS)
    conf = [h for h in heads if h.lower() in rig]
    print(f"  org_keywords: {len(conf)}/{len(heads)} head words also in rigour symbols.yml")
    rows = {}
    for h in heads:
        if h in ("Inc", "Corp", "Co"):
            continue  # these are legal forms
        rows[h] = "head"
    forms = []
    for r in read_csv(os.path.join(lex, "rigour", "org_legal_forms.csv")):
        d = r["display"].strip()
        if r["latin"] != "1" or len(d) < 2 or not is_latin(d):
            continue
        if d == d.lower():  # lower-case displays (oy, ay, im ...) are not written so in English news
            continue
        if d in LEGAL_FORM_EXCLUDE:
            continue
        forms.append(d)
    forms = uniq(sorted(set(forms)) + CURATED_LEGAL_FORMS + ["Inc", "Corp", "Co"])
    for d in forms:
        if d in rows:
            print(f"  org_keywords: {d!r} both head and legal_form -> legal_form")
        rows[d] = "legal_form"
    out = sorted(([w, k] for w, k in rows.items()), key=lambda x: (x[1], x[0]))
    return write_csv("gazetteer/org_keywords.csv", ["word", "kind"], out)


# --------------------------------------------------------------------------------------------
# 7. verbs
# --------------------------------------------------------------------------------------------

# cues/verbs.csv is the source people edit: one row per form, a lemma's rows sharing its predicate,
# cameo and speech. To add a verb, add its lemma row (`slam,slam,criticised,111,1`); the build adds
# the forms the lexicons and the spelling rules give it (3sg, past, -ing, irregular forms) that are
# not rows yet, and never changes or drops a row (a form deleted by hand comes back while its lemma
# has rows: delete every row of a lemma to drop it).
VERB_COLUMNS = ["form", "lemma", "predicate", "cameo", "speech"]
# preferred CAMEO code prefixes per predicate (to choose among a lemma's codes in the data), in
# priority order: when two new forms collide, the first predicate wins
PRED_CODE_PREF = {
    "said": ["01"], "denied": ["016", "11"], "accused": ["112", "11"], "criticised": ["111", "11"],
    "rejected": ["12", "11"], "met": ["04"], "visited": ["042", "04"], "praised": ["051"],
    "cooperated": ["05", "06"], "signed": ["057", "05"], "supported": ["05"],
    "appealed": ["02", "10"], "threatened": ["13"], "warned": ["13"], "assisted": ["07", "06"],
}
# monosyllables are doubled by rule; these longer verbs double their final consonant too
DOUBLE_FINAL = {"admit", "confer", "refer", "prefer", "commit", "regret", "extol", "rebut",
                "control", "compel", "patrol"}
VOWELS = "aeiou"


def _double(v):
    if v in DOUBLE_FINAL:
        return True
    groups = re.findall(r"[aeiouy]+", v[:-1] if v.endswith("y") else v)
    return (len(groups) == 1 and len(v) >= 3 and v[-1] not in VOWELS + "wxy"
            and v[-2] in VOWELS and v[-3] not in VOWELS)


def inflect(v):
    """3sg, past (= participle for regular verbs), -ing by English spelling rules."""
    if re.search(r"(s|x|z|ch|sh|o)$", v):
        s3 = v + "es"
    elif re.search(r"[^aeiou]y$", v):
        s3 = v[:-1] + "ies"
    else:
        s3 = v + "s"
    if v.endswith("e"):
        past = v + "d"
    elif re.search(r"[^aeiou]y$", v):
        past = v[:-1] + "ied"
    elif _double(v):
        past = v + v[-1] + "ed"
    else:
        past = v + "ed"
    if v.endswith("ie"):
        ing = v[:-2] + "ying"
    elif v.endswith("e") and not re.search(r"(ee|ye|oe)$", v):
        ing = v[:-1] + "ing"
    elif _double(v):
        ing = v + v[-1] + "ing"
    else:
        ing = v + "ing"
    return [s3, past, ing]


def verb_codes(lex):
    """Each single-word verb's (source, effective_code) pairs and its irregular forms."""
    sv = read_csv(os.path.join(lex, "statement_verbs.csv"))
    cv = read_csv(os.path.join(lex, "cameo_verbs.csv"))
    codes = defaultdict(list)
    irregular = defaultdict(list)
    for src, rows in (("statement_verbs", sv), ("cameo_verbs", cv)):
        for r in rows:
            v = r["verb"]
            if " " in v:
                continue
            codes[v].append((src, r["effective_code"]))
            if r["forms"]:
                irregular[v] = uniq(irregular[v] + split_multi(r["forms"]))
    return codes, irregular


def pick_code(codes, lemma, pred):
    """The CAMEO code of a verb lemma for a predicate: the first of its codes in the predicate's
    preferred range (statement_verbs first), else its first code; and whether it was in range."""
    cands = codes.get(lemma)
    if not cands:
        raise SystemExit(f"verb {lemma!r} not in statement_verbs/cameo_verbs")
    sv_codes = [c for s, c in cands if s == "statement_verbs" and c != "---"]
    all_codes = [c for s, c in cands if c != "---"]
    for pref in PRED_CODE_PREF[pred]:
        hit = [c for c in sv_codes + all_codes if c.startswith(pref)]
        if hit:
            return hit[0], True
    return (sv_codes or all_codes or [""])[0], False


def read_verbs():
    """The rows of the committed cues/verbs.csv, and each lemma's (predicate, cameo, speech)."""
    rows = read_csv(os.path.join(DATA, "cues", "verbs.csv"))
    lemmas = {}
    for r in rows:
        if r["predicate"] not in PRED_CODE_PREF:
            raise SystemExit(f"verbs.csv: {r['form']}: unknown predicate {r['predicate']!r}")
        entry = (r["predicate"], r["cameo"], r["speech"])
        if lemmas.setdefault(r["lemma"], entry) != entry:
            raise SystemExit(f"verbs.csv: {r['form']}: lemma {r['lemma']!r} has {lemmas[r['lemma']]} elsewhere")
    return rows, lemmas


def build_verbs(lex):
    """cues/verbs.csv as committed, plus the forms of its lemmas that are not rows yet."""
    codes, irregular = verb_codes(lex)
    rows, lemmas = read_verbs()
    form_rows = {r["form"]: [r[c] for c in VERB_COLUMNS] for r in rows}
    if len(form_rows) != len(rows):
        raise SystemExit("verbs.csv: a form is listed twice")
    conflicts = []
    report = []
    added = 0
    order = list(PRED_CODE_PREF)
    for lemma, (pred, cameo, speech) in sorted(lemmas.items(), key=lambda x: (order.index(x[1][0]), x[0])):
        if lemma in codes:
            code, in_range = pick_code(codes, lemma, pred)
            if not in_range:
                report.append(f"{lemma}->{pred} cameo {code or '(none: ---)'}")
            if code != cameo:
                print(f"  verbs: {lemma}: cameo {cameo or '(empty)'} kept (the lexicons give {code or '---'})")
        else:
            print(f"  verbs: {lemma} is not in statement_verbs/cameo_verbs: regular forms only")
        gen = inflect(lemma)
        if lemma in irregular:
            forms = [lemma] + irregular[lemma]
            # add regular 3sg / -ing if the irregular list lacks them
            forms += [f for f in (gen[0], gen[2]) if f not in forms]
        else:
            forms = [lemma] + gen
        for f in uniq(forms):
            if f in form_rows:
                if form_rows[f][1] != lemma:
                    conflicts.append(f"{f}: {form_rows[f][2]}({form_rows[f][1]}) kept over {pred}({lemma})")
                continue
            form_rows[f] = [f, lemma, pred, cameo, speech]
            added += 1
    for c in conflicts:
        print(f"  verbs: conflict {c}")
    if not conflicts:
        print("  verbs: no form conflicts between predicates")
    print(f"  verbs: cameo code outside the predicate's CAMEO range (kept from data): {'; '.join(report)}")
    print(f"  verbs: {len(rows)} rows kept, {added} forms added")
    out = sorted(form_rows.values(), key=lambda x: x[0])
    return write_csv("cues/verbs.csv", VERB_COLUMNS, out)


# --------------------------------------------------------------------------------------------
# 7b. nouns (nominalisations: "the accusation by X against Y", "X's visit to Y")
# --------------------------------------------------------------------------------------------

# CURATED: predicate -> [(noun, plural or None, the verb whose CAMEO code the noun takes when the
# dictionary codes no pattern of the noun after a light verb)]. "talks" and "meeting" fall back
# on meet's code (040), not talk's (010) or negotiate's (080, a dictionary quirk); "trip" on
# visit's.
CURATED_NOUNS = OrderedDict([
    ("accused", [("accusation", "accusations", "accuse"), ("allegation", "allegations", "allege")]),
    ("criticised", [("criticism", "criticisms", "criticise"), ("condemnation", "condemnations", "condemn"),
                    ("denunciation", "denunciations", "denounce"), ("rebuke", "rebukes", "rebuke")]),
    ("denied", [("denial", "denials", "deny")]),
    ("rejected", [("rejection", "rejections", "reject"), ("refusal", "refusals", "refuse")]),
    ("met", [("meeting", "meetings", "meet"), ("talks", None, "meet"),
             ("consultations", None, "consult")]),
    ("visited", [("visit", "visits", "visit"), ("trip", "trips", "visit")]),
    ("praised", [("praise", None, "praise")]),
    ("appealed", [("appeal", "appeals", "appeal"), ("plea", "pleas", "plead"),
                  ("request", "requests", "request"), ("demand", "demands", "demand")]),
    ("threatened", [("threat", "threats", "threaten")]),
    ("warned", [("warning", "warnings", "warn")]),
    ("cooperated", [("cooperation", None, "cooperate"), ("collaboration", None, "collaborate")]),
    ("supported", [("support", None, "support"), ("backing", None, "back"),
                   ("endorsement", "endorsements", "endorse")]),
    ("assisted", [("assistance", None, "assist"), ("aid", None, "aid"), ("help", None, "help")]),
])


# Light verbs: a noun after one of them is the event itself ("HOLD TALKS", "PAY A VISIT",
# "PROVIDE AID", "VOICE CRITICISM", "ISSUE A THREAT"). Not MAKE or OFFER, which the dictionary
# codes as intent (036, 03x).
LIGHT_VERBS = {"HOLD", "PAY", "PAID", "GIVE", "PROVIDE", "DELIVER", "VOICE", "ISSUE", "EXPRESS",
               "LEVEL", "EXTEND", "LAUNCH", "LODGE", "SEND"}


def noun_pattern_codes(lex, nouns):
    """The codes PETRARCH2's verb patterns give each noun right after a verb
    ("- * CRITICISM [111] # VOICE"), as {noun: [(VERB, code), ...]}; a code for the object's
    side (":130") is left out."""
    path = os.path.join(lex, "petrarch2", "dictionaries", "CAMEO.2.0.txt")
    found = defaultdict(list)
    pattern = re.compile(r"^-\s+\*\s+([A-Z_ ]+?)\s+\[([0-9:]+)\]\s*#\s*([A-Z_ ,]+)")
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = pattern.match(line)
            if not m or m.group(1).strip().lower() not in nouns or m.group(2).startswith(":"):
                continue
            for verb in m.group(3).split(","):
                found[m.group(1).strip().lower()].append((verb.strip(), m.group(2).split(":")[0]))
    return found


def build_nouns(lex):
    codes, _ = verb_codes(lex)
    rows = {}
    nouns = {n for lemmas in CURATED_NOUNS.values() for n, _, _ in lemmas}
    checks = noun_pattern_codes(lex, nouns | {p for lemmas in CURATED_NOUNS.values() for _, p, _ in lemmas if p})
    for pred, lemmas in CURATED_NOUNS.items():
        for noun, plural, verb in lemmas:
            seen = checks.get(noun, []) + (checks.get(plural, []) if plural else [])
            light = Counter(c for v, c in seen if v in LIGHT_VERBS)
            if light:
                # the most frequent, ties to the lowest code
                code = sorted(light.items(), key=lambda x: (-x[1], x[0]))[0][0]
                source = "after " + "/".join(sorted({v for v, c in seen if v in LIGHT_VERBS and c == code}))
            else:
                code, _ = pick_code(codes, verb, pred)
                source = f"verb {verb}"
            for form in [noun] + ([plural] if plural else []):
                if form in rows:
                    raise SystemExit(f"noun form {form!r} listed twice")
                rows[form] = [form, noun, pred, code]
            print(f"  nouns: {noun} -> {pred} {code} ({source})")
    out = sorted(rows.values(), key=lambda x: x[0])
    return write_csv("cues/nouns.csv", ["form", "lemma", "predicate", "cameo"], out)


# --------------------------------------------------------------------------------------------
# 8. boilerplate
# --------------------------------------------------------------------------------------------

# CURATED: (pattern, kind). "line" = the whole line is boilerplate when it contains the pattern
# (case-insensitive); "prefix" = boilerplate when the line starts with the pattern.
CURATED_BOILERPLATE = [
    ("Subscribe to our newsletter", "line"), ("Subscribe now", "line"), ("All rights reserved", "line"),
    ("Copyright", "prefix"), ("©", "line"), ("Source:", "prefix"), ("Sources:", "prefix"),
    ("Share on Facebook", "line"), ("Share on Twitter", "line"), ("Share on WhatsApp", "line"),
    ("Share on LinkedIn", "line"), ("Share this article", "line"), ("Share this", "prefix"),
    ("Follow us on", "line"), ("Read more", "prefix"), ("Read also", "prefix"),
    ("Sign up", "prefix"), ("Click here", "line"), ("Advertisement", "line"),
    ("Related articles", "line"), ("Related stories", "line"), ("Related:", "prefix"),
    ("Reporting by", "prefix"), ("Editing by", "prefix"), ("Writing by", "prefix"),
    ("Additional reporting by", "prefix"), ("Compiled by", "prefix"), ("Photo:", "prefix"),
    ("Image:", "prefix"), ("Photograph:", "prefix"), ("Getty Images", "line"),
    ("AFP via Getty Images", "line"), ("Print this page", "line"), ("Email this", "line"),
    ("Comments", "line"), ("Leave a comment", "line"), ("Log in to comment", "line"),
    ("Cookie", "prefix"), ("We use cookies", "line"), ("Accept cookies", "line"),
    ("Skip to content", "line"), ("Skip to main content", "line"), ("Back to top", "line"),
    ("Terms of use", "line"), ("Privacy policy", "line"), ("Newsletter", "prefix"),
    ("Listen to this article", "line"), ("Watch:", "prefix"), ("Video:", "prefix"),
    ("Our Standards:", "prefix"), ("The Thomson Reuters Trust Principles", "line"),
    ("This article was originally published", "prefix"), ("Updated:", "prefix"),
    ("Published:", "prefix"), ("Last updated", "prefix"),
    # subscription prompts, desk sign-offs and contacts (the layout pass, issue 15)
    ("in your inbox", "line"), ("Subscribe to", "line"), ("Subscribe for", "line"), ("Subscribe today", "line"), ("Get our free", "line"), ("Newsroom", "line"), ("(c) ", "prefix"), ("Contact:", "prefix"),
]


def build_boilerplate():
    seen = set()
    out = []
    for p, k in CURATED_BOILERPLATE:
        assert k in ("line", "prefix")
        if p.lower() not in seen:
            seen.add(p.lower())
            out.append([p, k])
    out.sort(key=lambda x: (x[0].lower(), x[0]))
    return write_csv("gazetteer/boilerplate.csv", ["pattern", "kind"], out)


# --------------------------------------------------------------------------------------------
# 9. examples
# --------------------------------------------------------------------------------------------

# CURATED: the GUM news documents copied (politics / international affairs, with quotes).
EXAMPLE_DOCS = ["GUM_news_afghan", "GUM_news_asylum", "GUM_news_election", "GUM_news_korea",
                "GUM_news_questionnaire", "GUM_news_taxes"]


# The three wire-*.txt examples are original text kept in the repository (not generated here).
WIRE_EXAMPLES_NOTE = [
    "## Original wire-style articles", "",
    "`wire-estonia-russia.txt`, `wire-kenya-ethiopia.txt`, `wire-energy-fine.txt`, `wire-river-dam.txt`",
    "and `wire-water-dispute.txt` are fictional articles written for newsgraph (the texts of the test",
    "fixtures `tests/fixtures/articles/{diplomatic_dispute,leaders_meeting,company_regulator,",
    "quotes_and_sources,nominal_events}/input.txt`, with a year added to the dateline), under the",
    "repository's licence (MIT OR Apache-2.0). They give the example corpus accusations, denials,",
    "spokespeople, meetings, nominal events and quotes reported by a news agency that the shipped",
    "queries ask about.", "",
]


def build_examples(lex):
    path = os.path.join(os.path.dirname(os.path.normpath(lex)), "gum_news", "train.jsonl")
    docs = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs[d["id"]] = d
    lines = ["# Example news articles (Wikinews, via GUM)", "",
             "Six of the eleven articles here are Wikinews articles copied from the GUM corpus news section (`gum_news/train.jsonl`",
             "in the shared datasets; GUM repository https://github.com/amir-zeldes/gum at commit",
             "`72ce5ac14978a324c2fd18d49484e65292cbe316`). Each file: headline on the first line, then",
             "the article text exactly as in the record (GUM's token-rebuilt text; some tokenisation",
             "artefacts such as \"six - member\" are kept). Only the text is copied, not GUM's annotations.",
             "",
             "**Licence**: text © Wikinews contributors, Creative Commons Attribution 2.5",
             "(https://creativecommons.org/licenses/by/2.5/; https://en.wikinews.org/wiki/Wikinews:Copyright).",
             "Attribution: Wikinews (https://en.wikinews.org), via GUM (Zeldes 2017, \"The GUM Corpus:",
             "Creating Multilayer Resources in the Classroom\", Language Resources and Evaluation 51(3)).",
             "", "| file | title | date | Wikinews URL | GUM source |", "|---|---|---|---|---|"]
    n = 0
    for did in EXAMPLE_DOCS:
        d = docs[did]
        title = (d.get("title") or d["text"].split("\n", 1)[0]).strip()
        text = d["text"]
        body = text if text.split("\n", 1)[0].strip() == title else title + "\n\n" + text
        if not body.endswith("\n"):
            body += "\n"
        fname = slug(did.replace("GUM_news_", "")) + ".txt"
        write_text(os.path.join("examples", fname), body)
        n += 1
        lines.append(f"| `{fname}` | {title.replace('|', '/')} | {d.get('date', '')} | "
                     f"{d.get('url', '')} | `{d.get('source', '')}` ({did}) |")
    lines += ["", "Regenerate: `python3 data/scripts/build_tables.py ../shared/datasets/lexicons`", ""]
    lines += WIRE_EXAMPLES_NOTE
    write_text("examples/README.md", "\n".join(lines))
    print(f"wrote examples/: {n} articles + README.md")
    return n


# --------------------------------------------------------------------------------------------


# Words that make a Phoenix actor name an organisation (besides the organisation head words).
ACTOR_ORG_WORDS = {
    "party", "front", "movement", "alliance", "union", "league", "congress", "bloc", "coalition",
    "brigade", "brigades", "army", "forces", "militia", "group", "council", "committee", "assembly",
    "parliament", "government", "ministry", "organization", "organisation", "association",
    "federation", "bank", "fund", "agency", "commission", "court", "tribunal", "institute",
    "foundation", "society", "corporation", "company", "network", "police", "guard", "cabinet",
}
# Words that mark a Phoenix name as a role or a generic group, not a name ("UN_SECRETARY_GENERAL").
ACTOR_GENERIC_WORDS = {
    "secretary", "general", "president", "minister", "chief", "leader", "official", "officials",
    "spokesman", "soldier", "soldiers", "peacekeeper", "peacekeepers", "troops", "member",
    "members", "former", "the", "of_the", "rebels", "supporters", "of", "and", "republic", "kingdom",
    "state", "states",
}


def read_phoenix_actors(path):
    """Entries of a TABARI .actors file: (primary name, synonyms, code lines, comment)."""
    entries = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            body, _, comment = line.partition("#")
            if line[0] in " \t[":
                if entries:
                    entries[-1][2].append(body.strip())
                continue
            codes = re.findall(r"\[[^\]]*\]", body)
            name = re.sub(r"\[[^\]]*\]", "", body).strip()
            if name.startswith("+"):
                if entries:
                    entries[-1][1].append(name[1:].strip())
                    entries[-1][2].extend(codes)
                continue
            entries.append([name, [], list(codes), comment.strip()])
    return entries


def actor_phrase(name):
    """'ERICH_HONECKER_' -> 'Erich Honecker'; None for names that are not plain words."""
    words = [w for w in name.strip().rstrip("_").replace(" ", "_").split("_") if w]
    if not words or not all(re.fullmatch(r"[A-Za-z][A-Za-z.'\-]*", w) for w in words):
        return None
    return " ".join(w.capitalize() if len(w) > 3 or "." not in w else w for w in words)


def build_actors(lex):
    """Known people and organisations from the Phoenix actor dictionaries (PETRARCH2, MIT).

    Organisations: names with an organisation word ("Kurdish Democratic Union Party").
    People: multi-word names whose entry carries dated codes (office holders from CountryInfo,
    "[AFGGOV 331108-730717]"), with no role or generic word. Everything else (places, roles,
    groups) is left out. The tagger uses these as features; they do not create entities alone."""
    heads = {r["word"].lower() for r in read_csv(os.path.join(DATA, "gazetteer", "org_keywords.csv"))}
    rows = {}
    d = os.path.join(lex, "petrarch2", "dictionaries")
    for fname in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        for name, synonyms, codes, comment in read_phoenix_actors(os.path.join(d, fname)):
            dated = any(re.search(r"\d{6}", c) for c in codes)
            for form in [name] + synonyms:
                phrase = actor_phrase(form)
                if phrase is None:
                    continue
                words = [w.lower() for w in phrase.split()]
                if any(w in ACTOR_ORG_WORDS or w in heads for w in words):
                    if len(words) >= 2:
                        rows.setdefault(phrase, "ORG")
                elif dated and 2 <= len(words) <= 4 and not any(w in ACTOR_GENERIC_WORDS for w in words):
                    rows.setdefault(phrase, "PER")
    out = sorted(([n, k] for n, k in rows.items()), key=lambda x: (x[1], x[0]))
    print(f"  actors: {sum(1 for r in out if r[1] == 'PER')} people, {sum(1 for r in out if r[1] == 'ORG')} organisations")
    return write_csv("gazetteer/actors.csv", ["name", "kind"], out)


def main(argv):
    lex = argv[1] if len(argv) > 1 else "../shared/datasets/lexicons"
    if not os.path.isfile(os.path.join(lex, "countries.csv")):
        raise SystemExit(f"lexicon directory not found: {lex}")
    n_c, countries = build_countries(lex)
    country_forms = set()
    demonyms = set()
    for o in countries:
        country_forms.update([o[3]] + o[4])
        demonyms.update(o[5])
    build_given_names(lex)
    build_surnames(lex)
    person_names = set()
    for table in ("given_names.csv", "surnames.csv"):
        person_names.update(r["name"] for r in read_csv(os.path.join(DATA, "gazetteer", table)))
    build_organisations(lex, country_forms, demonyms, person_names)
    build_titles(lex)
    build_org_keywords(lex)
    build_actors(lex)
    build_verbs(lex)
    build_nouns(lex)
    build_boilerplate()
    build_examples(lex)


if __name__ == "__main__":
    main(sys.argv)
