"""Build ``data/v34/real.jsonl``: API documentation examples that publishers not used by v1 to
v33 released under permissive licences (social networks and feeds, messaging and chat, fantasy
sports and games, esports tournaments, a sports community, video translation), labelled by the
rules of `make_v34_rules` and then by hand decisions (``data/v34/overrides.json``), under the one
convention of the data README ("One convention, from v16 on").

``python -m detector.eval.make_v34 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v34`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.

Documents holding a real person's data are left out: they are recognised by the SHA-256
digests of words they hold (``REAL_PEOPLE``), so that no name is written here.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from detector.eval import make_v8, make_v16, make_v17, make_v23, make_v24, real_sets
from detector.eval.make_v34_rules import leaf_types
from detector.eval.real_sets import Extractor, Source

DATA, OUT, OVERRIDES = real_sets.set_files("v34")

#: Slate pages where a repository writes its index as ``index.md``.
_SLATE_PAGES_MD = (*real_sets.SLATE_PAGES, "source/index.md")
#: Slate pages written as ERB templates.
_SLATE_PAGES_ERB = ("source/includes/*.md.erb", "source/index.html.md.erb")

SOURCES: dict[str, Source] = {
    "sleeper": Source(
        "blitzstudios/slate",
        "3be9611aed80638d03b460a8d8b010466d8f4d69",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Sleeper's (fantasy sports leagues with chat: "
        "users, leagues, rosters, drafts, players) API documentation",
    ),
    "letstalk": Source(
        "lets-talk/slate",
        "65fee5574877408955f392388e81780b5c132459",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_ERB,
        "the request and response examples of Let's Talk's (customer chat: clients, "
        "conversations, messages, tokens) API documentation",
    ),
    "freefeed": Source(
        "fetsh/freefeed-api",
        "31ae853549a12555d2f12dbab6ff9d0be297406f",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the FreeFeed (a social network: users, posts, "
        "comments, subscriptions) API reference",
    ),
    "ello": Source(
        "EvdokimovN/elloapi",
        "ffdb55e458d1ab01812040899271b9398a096e27",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of an unofficial reference of Ello's (a social "
        "network for artists: users, posts, comments, relationships) API",
    ),
    "hushmesh": Source(
        "hushmesh/slate",
        "a4ab532d048bd06007e34020389a7f0d1afec75f",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Hushmesh's (personal data mesh: users, storage, "
        "tokens) API documentation",
    ),
    "ucic": Source(
        "uCiC-app/slate",
        "ce3c854a610096b1daec727b321578b7e89f677c",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of uCiC's (a social app of requests for local "
        "photos and answers: users, cards, comments, conversations, events) API documentation",
    ),
    "dialogram": Source(
        "Dialogram/dialo_back_doc",
        "3f33e266e12b048572a131180efc466f52a2bd03",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Dialogram's (videos translated into sign "
        "language by a community: users, videos, documents, tickets) API documentation",
    ),
    "doxmatch": Source(
        "Faxendo/doxmatch-docs",
        "152d14a750f82d8669a9ed9bf0e0325e47a31509",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of DoxMatch's (esports tournaments and matches on "
        "game servers) API reference",
    ),
    "donreach": Source(
        "donReach/api-reference",
        "ad900df7381a01dde8a123c5958bc92145f48f74",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of donReach's (social followers and share counts) "
        "API reference",
    ),
    "sportsnconnect": Source(
        "FakeAK/slate",
        "506b9f33332a5af7e019b823b9caface9ad490ae",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of FakeAK/slate "
        "(Sports'n'Connect: a sports community's users, friends, teams, feed, events)",
    ),
    "planetside": Source(
        "jhett12321/EventTrackerDocs",
        "28a38084134ac7fcc872d9efb9c9f17d6a3f0452",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of the Planetside 2 Extended Census API "
        "documentation (a game's live events: kills, logins, facility captures, populations)",
    ),
    "carrotquest": Source(
        "materkov/cqdocsapi",
        "73acbbfe94cdda9da584a73b0c63d6e73fe4622e",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Carrot quest's (chat and messaging with a "
        "site's users, Russia: apps, users, events) API documentation",
    ),
    "eventelf": Source(
        "newmedio/eventelf-api-docs",
        "fd133132953fa86c14dd698ade0b0cae2d7db275",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Event Elf's (event registration and tickets) API "
        "documentation",
    ),
    "bukalapak": Source(
        "jsavigny/slate",
        "193cd2c63b7eb851798998c29cbc3a1059275a81",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of jsavigny/slate "
        "(Komunitas Bukalapak: an Indonesian marketplace's community forum: users, threads, "
        "posts, categories)",
    ),
    "getsocial": Source(
        "getsocial-io/slate",
        "b94f4bb7545860a0b600e1b3d1ef535522e9c36b",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of GetSocial's (social features for apps and games: "
        "activity feeds, channels, users, shares, short links) API documentation",
    ),
    "poi": Source(
        "Poi-team/poi-api-documentation",
        "11500c957eb48f18e96a96eade39f31ea67f5cb3",
        real_sets.SLATE_LICENCE,
        ("source/includes/*.md",),
        "the request and response examples of Poi's (a social app of sustainable actions: "
        "users, friends, challenges, events, impact) API documentation",
    ),
    "nadeo": Source(
        "openplanet-nl/nadeoapi-docs",
        "3ff708bb8cfa5dde11516dd1ded085bbab643532",
        "MIT",
        ("docs/*.md",),
        "the request and response examples of Openplanet's community documentation of Nadeo's "
        "(Trackmania: accounts, clubs, campaigns, maps, records, leaderboards, matchmaking, "
        "competitions) game APIs",
    ),
    "animethemes": Source(
        "AnimeThemes/animethemes-api-docs",
        "fd5bf37deb9262367413b3676277020f5854cd6d",
        "MIT",
        ("docs/*.md",),
        "the request and response examples of AnimeThemes' (a community database of anime "
        "opening and ending themes: anime, artists, songs, videos, users' playlists) API "
        "documentation",
    ),
    "scores365": Source(
        "AvivSan90/slate",
        "b5b1391683b3733b427809c3aa0df72d13b7b580",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of AvivSan90/slate "
        "(365Scores Web API: sports competitions, competitors, games, predictions)",
    ),
    "turnej": Source(
        "nebelriss/slate",
        "03d9b9fb1b6f3b1686b19f3d0920ab8147dc2698",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of nebelriss/slate "
        "(Turnej: a league's games, players, seasons, tables, users)",
    ),
    "loadorder": Source(
        "phinocio/loadorderlibrary-docs",
        "9c08977e1a6da157c16505758a8656916c2b8400",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Load Order Library's (games' mod load orders "
        "shared by players: games, lists, users) API documentation",
    ),
    "codewars": Source(
        "codewars/codewars-api-docs",
        "f3478173877bd12ccc415e61e8b02afaba309ea4",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Codewars' (a community of coding challenges: "
        "users, their ranks and completed challenges, code challenges) API documentation",
    ),
    "madefire": Source(
        "Madefire/slate",
        "d535d2458063b60bea88c52d19098d957628b569",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Madefire's (digital comics and motion books: "
        "users, books, creators, purchases) API documentation",
    ),
    "madome": Source(
        "Project-Madome/slate",
        "466f7b63477ed0b94832eb3bf333f882ef3a61ae",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Madome's (a reader of comic books, Korea: users, "
        "library, reading history, tastes, notifications) API documentation",
    ),
    "caigun": Source(
        "ap-mic-inc/caigun-api-docs",
        "224b7d4e0adbe751a550ad7e8b7eba6812483e1f",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Caigun's (AP Mic, Taiwan: chat bot "
        "conversations, users, bindings, webhooks) API documentation",
    ),
    "ngorder": Source(
        "tusfendi/slate",
        "d8029c19fc16223f50bb06b64092e3dd5681f824",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Ngorder's (online sellers' orders, customers and "
        "shipping, Indonesia) API documentation",
    ),
    "kanmaoxian": Source(
        "kanmaoxian/api-doc",
        "5d0151567d224524653cca59bf720d10cf7f2316",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of kanmaoxian/api-doc "
        "(a Chinese web novel reader: books, chapters, rankings, users)",
    ),
    "ishoupbuddy": Source(
        "nipeharefa/IShoupBuddy-DOC",
        "abcef268a568c208395468c98ff2cb71beef2774",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of "
        "nipeharefa/IShoupBuddy-DOC (IShoupBuddy, Indonesia: users, products, reviews, wallets)",
    ),
    "nocvp": Source(
        "nocvp/nocvp-api-docs",
        "0046a7e5db8da687e30819e5ff5d965185b83fa9",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of NOCVP's (an online video platform: media "
        "assets, players, playlists, advertising, clients, users) API reference",
    ),
    "effe": Source(
        "jessielaf/effe-docs",
        "4ff8ebfc44fc450985494b6b59a11be31a8ceb03",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Effe's (shift scheduling for events' staff: users, "
        "clients, shifts, skills, availability) API reference",
    ),
    "ridemyway": Source(
        "CEOehis/slate",
        "814d1d2dbc7f35a3c545df032aab4335a4b419e9",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of RideMyWay's (ride sharing offers and requests "
        "between users) API documentation",
    ),
    "jarvis": Source(
        "omarusman/m6_jarvis_docs",
        "a12cd98cd088c14b071a6fcd3446e6c78ced2a60",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Jarvis Analytics' (analytics for medical "
        "practices: users, templates) API documentation",
    ),
    "spotskim": Source(
        "yeofra/slate",
        "abf18697d8ad3cab4b87fd1821efcd714968f3e2",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of the Slate API documentation of yeofra/slate "
        "(SpotSkim: inspections of card terminals for skimmers: users, assets, locations)",
    ),
}

#: Selection (`real_sets.Caps`, family prefix ``v34<source>/<family>``): as v17's to v33's, per
#: source at most 60 documents with rule labels, and v16's step (`make_v16._Builder`): the first
#: document of each family without any rule label as a negative, at most 30 a source.
SOURCE_CAP: dict[str, int] = {"v34ucic": 30}
CAPS = real_sets.Caps("v34", per_source=60, source_cap=SOURCE_CAP)

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {
    # the author's own name and handle, and fellow developers' handles, as the forum's users
    "bukalapak": frozenset(
        {
            "604d0bb872e2b2bdfbe02c3331af357f0d94652d799a8ab34270886f4e2630ed",
            "a9a0f450f291077cade5d95bc60f225f367d0fc45280fbb19a3dba0485f599bf",
            "c232005643f0105374191c888279da0e121dca4409d8159262ed5522e8436c45",
            "31303886babb468003d7a1ab4f6c272b08ca5e6086c29f9a3bfdde40056e88d1",
        }
    ),
    # the author's own name as the signed-in user
    "carrotquest": frozenset({"7ad071cef29a13b5a87653e67f5aa1c43dc4726590a387cc36d3e35e91c4e26c"}),
    # a famous living actor's name with his real birthday as a user's profile
    "dialogram": frozenset({"b0d3518b1abfb59187800deb569decddae434fe85e383a2a0802325b04994ced"}),
    # a famous living athlete's name and details as the player record (v27's and v33's case)
    "sleeper": frozenset({"3b9b05c720497601bfacaf66e58e8e37e3545ea9ab671665ad2e72e483c4872f"}),
    # real players' handles as display names
    "nadeo": frozenset(
        {
            "33bfb296fa87267b0acc783c508345c326123288737bc138652f94f87284cc8d",
            "31aed51ab1dd28f21c1c1f7eba281d5b30f9656a580cb2a834ab0fb33f4926ba",
        }
    ),
    # captured records of the live community: members' names with their uploaded avatars, and
    # the signed-in user's name
    "sportsnconnect": frozenset(
        {
            "438d874a489ae47f03249542f3a01dbf7d4fbbc02f494ea3d8678af5b917c552",
            "39f8d16c6825d4acaf235f6f54215220711dfe2617dc33d01030187519a9cbfd",
            "1cd2ca193f662e1906264d376fece301213ccc2af5874f688a3a92f46470c163",
            "7a6f216d4f776996b261874d28b458aa584a6c6a8f54d577e1d2e6d00233f893",
        }
    ),
    # a real member's handle as a challenge's author and approver
    "codewars": frozenset({"f740d410273a8f805a686a87c403dbdd81f0a7fbbb6980528397c020a919f8f2"}),
    # living authors' pen names as books' authors (book metadata of real people)
    "kanmaoxian": frozenset(
        {
            "878ecd6c8eab95594dd2b93293c09df9492358076afbf1012d52e9d52b79a3e7",
            "dffcdd22a0fb7449ed9777f21a8a02b9fe428b980ed6d38d7123aca5e56e6bd8",
            "9bf3a221d0db00c5f5dec817e5bc475a4fa73b75d1e22cabb2e64716ec647f17",
        }
    ),
    # the author's own name, mail address and mobile number as the user's
    "ishoupbuddy": frozenset(
        {
            "76600f37aa37325caefd7ea162360e0ac661d2f67fea99a43bd5c131192c8e19",
            "d471d20ec65d03ad144aaf3c602e6ba25b01b4cd5934083666593098ea5dbd27",
        }
    ),
    # the author's own name as a shift's staff member
    "effe": frozenset({"495d1bb87de43f6364cb04a8b78b9df1cb32f625d1f78949b2dd78cd1a754e30"}),
    # a famous living actor's name as an example user
    "jarvis": frozenset({"6627835f988e2c5e50533d491163072d3f4f41f5c8b04630150debb3722ca2dd"}),
    # a famous living musician's name as a ride's requester
    "ridemyway": frozenset({"193b909f14fd3a67cc4a65cdc5da069185eed31b01a06ab666526d522c12e32e"}),
    # inspectors' names with their addresses at the publisher's and a customer's domains (by
    # judgement: real staff)
    "spotskim": frozenset(
        {
            "504050067fcb63fedb7bbce98b6ddf640774a3047594261f15cbec6e8a901a36",
            "67b3596438ac61bf892bebf1b970bb44ae1a2572b27b4ad60b0e16a369cd1183",
            "b1e851720c34a55a0d64623358b62c79a434eae72d0ec31c04291bd3bc34f81e",
        }
    ),
    # a person's full name with a mail address as an event's creator (by judgement: the
    # publisher's own)
    "ucic": frozenset({"703b111d461b3a55cd44e8fa03726e11d15af5b845f47b733db791550c057c7e"}),
}

#: Fences some pages print their JSON responses under (``javascript``, ``jsonc``), read as v24 reads
#: ``json`` blocks; blocks that do not parse as JSON are skipped.
_JS_FENCE = re.compile(r"```(?:javascript|jsonc)[ \t]*\n(?=[ \t]*[{\[])(.*?)\n```", re.S)


def _sections_and_js(name: str) -> Extractor:
    """v24's reading (`make_v24._sections`) and, in the same families, the ``javascript``
    blocks that hold a JSON value."""
    sections = make_v24._sections(name)

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        yield from sections(cache)
        for p in real_sets.files(cache, name):
            text = p.read_text(encoding="utf-8")
            page = make_v23._page_family(real_sets.rel(cache, name, p))
            cuts = [
                (m.start(), real_sets.slug(m.group(1)))
                for m in make_v24._TOP_HEADING.finditer(text)
                if text.count("```", 0, m.start()) % 2 == 0
            ]
            for block in _JS_FENCE.finditer(text):
                yield from make_v24._bodies(page, cuts, block.start(), block.group(1))

    return extract


#: Each page's JSON blocks and ``curl`` bodies, in the family of its page and first-level
#: heading (v24's reading, `make_v24._sections`); Sleeper's and Madome's ``javascript``
#: and ``jsonc`` blocks too.
_EXTRACTORS: dict[str, Extractor] = {
    name: _sections_and_js(name) if name in {"sleeper", "madome"} else make_v24._sections(name)
    for name in SOURCES
}


def _kittens(text: str) -> bool:
    """Whether a document is the Slate template's kittens (left out, as v29 to v33 left them
    out)."""
    return '"fluffiness"' in text or "meowmeowmeow" in text


#: Sources whose pages use the repository owner's own handle as a user's: a document holding
#: the owner's name (from ``SOURCES``) is left out too.
OWNER_AS_USER = frozenset({"bukalapak", "ishoupbuddy", "ngorder"})


def _left_out(name: str) -> Callable[[str], bool]:
    """Whether a document of source ``name`` is left out: the Slate template's kittens, or
    (`OWNER_AS_USER`) a document holding the repository owner's handle."""
    owner = SOURCES[name].repo.split("/")[0].lower()
    if name not in OWNER_AS_USER:
        return _kittens
    return lambda text: _kittens(text) or owner in text.lower()


EXTRACTORS = {
    name: real_sets.without(
        real_sets.without_marked(
            make_v8._members_of_large(extract), REAL_PEOPLE.get(name, frozenset())
        ),
        _left_out(name),
    )
    for name, extract in _EXTRACTORS.items()
}

#: Keys worth a look in the review when the rules gave them no label.
SUSPECT = make_v23.SUSPECT

#: Documents without any rule label a source gives at most (v16's step gives up to 30 a source,
#: and real_sets.select one a labelled family): a few publishers' pages are mostly ids, scores
#: and settings, and the set keeps about the unlabelled-to-labelled ratio the data test allows.
NEGATIVES_PER_SOURCE = 5


class _Builder(make_v16._Builder):
    """v16's selection, then at most `NEGATIVES_PER_SOURCE` documents without a rule label a
    source (the first ones, in the candidates' order). Rules alone decide."""

    def select(self, cands: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
        """v16's documents, with each source's documents without a rule label capped."""
        seen: Counter[str] = Counter()
        out = []
        for family, body in make_v16._Builder.select(self, cands):
            source = family.split("/")[0]
            if not self.rule_labels(body):
                seen[source] += 1
                if seen[source] > NEGATIVES_PER_SOURCE:
                    continue
            out.append((family, body))
        return out


#: The shared steps bound to this set's caps, extractors, hand decisions, rules, sources and
#: review (the data tests read its leaves and hand decisions here too).
SET = _Builder(
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v34", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision
marks = make_v17.marks

if __name__ == "__main__":
    main(sys.argv[1:])
