"""Sources extractor: media, agencies and reports named as origins of information."""

from __future__ import annotations

import pytest

from osint_cli.extract import run
from osint_cli.model import Source


def _sources(text: str, lang: str) -> dict[str, Source]:
    return {s.name: s for s in run(text, lang, None, ("sources", "experts")).sources}


SEED = (
    "«Nordkorea nutzt alle verfügbaren Mittel», sagte Yang der «Korea Times». "
    "«Ich glaube, dass auch Wissenschaftler entsandt wurden», sagte Shin der «Korean Times». "
    "Das auf Nordkorea spezialisierte Portal «NK News» hat Satellitenbilder ausgewertet. "
    "«Es ist möglich, dass die Aktivitäten pausiert werden mussten», heisst es in dem Bericht. "
    "Schätzungen zufolge soll Moskau mehr als drei Millionen Stück Munition erhalten haben."
)


def test_seed_sources_merge_spellings_and_count() -> None:
    found = _sources(SEED, "de")
    assert set(found) == {"Korea Times", "NK News"}
    assert found["Korea Times"].count == 2
    assert [m.text for m in found["Korea Times"].mentions] == ["Korea Times", "Korean Times"]
    assert found["NK News"].count == 1
    s = found["NK News"]
    assert SEED[s.start : s.end] == "NK News" and s.rule == "de.sources.medium"


CASES = [
    ("de", "Der US-Nachrichtensender CNN berichtete, es gebe Hinweise.", {"CNN"}),
    ("de", "Auch die Internetzeitung „Daily NK“ meldete, Kim sei operiert worden.", {"Daily NK"}),
    ("de", "Das gilt laut Bundesjustizministerium für zehn Plattformen.", {"Bundesjustizministerium"}),
    ("de", "In einer Stellungnahme, die der Wirtschaftswoche vorliegt, bezeichnet das Unternehmen den Entwurf als ungeeignet.", {"Wirtschaftswoche"}),
    ("de", "Sie hält eine Studie des Branchenverbands Bitkom für realistisch.", {"Bitkom"}),
    ("de", "„Ich werde auf ihn einreden“, sagte Jansen der MOPO.", {"MOPO"}),
    ("de", "Eine Trauerfeier wurde abgehalten. (FR mit dpa)", {"dpa"}),
    ("de", "Die Zahl stieg, sagte Lucke am Samstag der Deutschen Presse-Agentur.", {"Deutschen Presse-Agentur"}),
    ("de", "Rubriklistenbild: © KCNA/dpa", set()),
    ("de", "Schätzungen zufolge soll Moskau Munition erhalten haben.", set()),
    ("de", "Marcell Jansen sagte, die Liga sei stark.", set()),
    ("en", "Dealers sold 30,154 new cars, according to the TexAuto Facts report from InfoNation, a provider of data.", {"TexAuto Facts report", "InfoNation"}),
    ("en", "Rates averaged 5.7 percent, according to Edmunds.com, a California-based firm. Edmunds expects more sales.", {"Edmunds.com"}),
    ("en", "Its standard had been 8 percent, according to the grid operator’s 2019 resource assessment.", {"2019 resource assessment"}),
    ("en", "Amazonas declared a state of emergency, reported Euro News.", {"Euro News"}),
    ("en", "Citing the Global Fire Emissions Database, NASA noted that fire levels were below average.", {"Global Fire Emissions Database", "NASA"}),
    ("en", "The research published in the journal JAMA Psychiatry argued otherwise.", {"JAMA Psychiatry"}),
    ("en", "Ian Hamilton told Newsweek the risk was real.", {"Newsweek"}),
    ("en", "He disclosed it in an interview with POLITICO Playbook that published on Dec. 19.", {"POLITICO Playbook"}),
    ("en", "The California Independent System Operator said it acted. California ISO said the outages were needed.", {"California Independent System Operator"}),
    ("en", "Peak demand reached 44,947 megawatts, according to Mr. Marcus.", set()),
    # nationalities, bare type nouns, tickers, places after "in", plural nouns read as verbs (class S)
    ("en", "Analysts told Newsweek the Iranian and Syrian claims are false.", {"Newsweek"}),
    ("en", "More than 9,000 homes lost power, according to a group representing farmers in Nevada.", set()),
    ("en", "The Nasdaq Composite .IXIC added 20.72 points.", set()),
    ("de", "Er fordert Aufklärung von dem Konzern.", set()),
    ("de", "Die Firma sucht Berater, so Reuters am Dienstag.", {"Reuters"}),
    # a person speaking after the verb is no source (held-out review, class A)
    ("en", "Ferries will run twice a day, said Port of Harwich spokesman Daniel Okafor.", set()),
    ("en", "“We wish them well,” said State Department Press Secretary Helen Marsh.", set()),
    ("en", "Rates of the disorder have risen, according to a study.", set()),
]


@pytest.mark.parametrize("lang,text,expected", CASES, ids=[c[1][:40] for c in CASES])
def test_sources(lang: str, text: str, expected: set[str]) -> None:
    assert set(_sources(text, lang)) == expected
