#!/usr/bin/env python3
"""Generate scout's football gazetteer (clubs, people, competitions) as a TSV file.

Usage (from the repository root):

    python3 src/extract/gazetteer/generate.py ../shared/gazetteer-sources \
        src/extract/gazetteer/gazetteer.tsv

Python 3.11 standard library only.  The output is deterministic: entities are sorted,
aliases are sorted, and nothing depends on the clock, the locale or hash seeds.
A report (collisions resolved, source rows dropped, unmatched names) goes to stderr.

Output line format (UTF-8, tab-separated, `#` comment lines only at the top):

    kind <TAB> canonical <TAB> strong_aliases <TAB> weak_aliases <TAB> context

See README.md next to this file for the curation rules.
"""

from __future__ import annotations

import csv
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

# ---------------------------------------------------------------------------------------------
# Folding (mirrors what the Rust side does before matching: ASCII folding + lower case).
# ---------------------------------------------------------------------------------------------

_SPECIAL = {
    "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ẞ": "SS",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
    "ı": "i", "ħ": "h", "Ħ": "H", "ŀ": "l", "Ŀ": "L", "ĸ": "k", "ŉ": "n",
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
    "\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-", "\u00a0": " ",
}
_SPECIAL_RE = re.compile("|".join(re.escape(k) for k in _SPECIAL))


def ascii_fold(s: str) -> str:
    """Accent-free spelling: 'Ødegaard' -> 'Odegaard', 'Köln' -> 'Koln', 'Hoeneß' -> 'Hoeness'."""
    s = _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group(0)], s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def fold(s: str) -> str:
    """The matching key of an alias: ASCII-folded, lower case, single spaces."""
    return re.sub(r"\s+", " ", ascii_fold(s).lower()).strip()


_LOOSE_NOISE = {"fc", "afc", "cf", "fk", "sfc", "f", "c", "club", "the"}


def loose(s: str) -> str:
    """A looser key used only to link names across sources ('Al-Nassr FC' ~ 'Al Nassr')."""
    s = fold(s).replace("&", " and ")
    s = re.sub(r"[.'\-/,()]", " ", s)
    toks = [t for t in s.split() if t not in _LOOSE_NOISE]
    return " ".join(toks)


def has_non_decomposable(s: str) -> bool:
    """True if the name has letters that plain Unicode decomposition does not strip (ø, ß, ł...)."""
    return any(c in _SPECIAL and c.isalpha() for c in s)


# ---------------------------------------------------------------------------------------------
# Curated clubs: about 300 newsworthy clubs.  Quality over quantity.
#   canonical | country | strong aliases (;) | weak aliases (;) | transfermarkt slugs (;)
# The canonical name is always a strong alias unless it is listed among the weak ones.
# Weak aliases only count when the same entity is also named strongly in the article.
# ---------------------------------------------------------------------------------------------

CURATED_CLUBS = r"""
# ---- England
Arsenal | England | Arsenal FC; Arsenal F.C. | the Gunners; Gunners | fc-arsenal
Aston Villa | England | Aston Villa FC; AVFC | Villa; the Villans; Villans | aston-villa
Bournemouth | England | AFC Bournemouth; A.F.C. Bournemouth | the Cherries; Cherries | afc-bournemouth
Brentford | England | Brentford FC | the Bees | fc-brentford
Brighton & Hove Albion | England | Brighton and Hove Albion; Brighton & Hove; Brighton; Brighton FC; Brighton & Hove Albion FC | the Seagulls; Seagulls | brighton-amp-hove-albion
Chelsea | England | Chelsea FC; Chelsea F.C. | the Blues; Blues | fc-chelsea
Crystal Palace | England | Crystal Palace FC; CPFC | Palace; the Eagles; Eagles | crystal-palace
Everton | England | Everton FC | the Toffees; Toffees | fc-everton
Fulham | England | Fulham FC | the Cottagers; Cottagers | fc-fulham
Ipswich Town | England | Ipswich; Ipswich Town FC | the Tractor Boys; Tractor Boys |
Leicester City | England | Leicester; Leicester City FC; LCFC | the Foxes; Foxes |
Liverpool | England | Liverpool FC; Liverpool F.C.; LFC | the Reds; Reds | fc-liverpool
Manchester City | England | Man City; Man. City; Manchester City FC; MCFC | City; the Citizens; Citizens; Cityzens; the Cityzens | manchester-city
Manchester United | England | Man United; Man Utd; Man U; Man. Utd; Man. United; Manchester Utd; Manchester United FC; MUFC | United; the Red Devils; Red Devils | manchester-united
Newcastle United | England | Newcastle; Newcastle Utd; Newcastle United FC; NUFC | the Magpies; Magpies; the Toon; Toon | newcastle-united
Nottingham Forest | England | Nott'm Forest; Notts Forest; Nottingham Forest FC; NFFC | Forest; Tricky Trees |
Southampton | England | Southampton FC | the Saints; Saints | fc-southampton
Tottenham Hotspur | England | Tottenham; Spurs; Tottenham Hotspur FC; THFC | Lilywhites | tottenham-hotspur
West Ham United | England | West Ham; West Ham Utd; West Ham United FC; WHUFC | the Hammers; Hammers; the Irons | west-ham-united
Wolverhampton Wanderers | England | Wolves; Wolverhampton; Wolverhampton Wanderers FC | Wanderers | wolverhampton-wanderers
Leeds United | England | Leeds; Leeds Utd; Leeds United FC; LUFC | the Whites | leeds-united
Burnley | England | Burnley FC | the Clarets; Clarets | fc-burnley
Sheffield United | England | Sheffield Utd; Sheff Utd; Sheffield United FC | the Blades; Blades | sheffield-united
Sheffield Wednesday | England | Sheff Wed; Sheffield Wednesday FC | the Owls; Owls |
Luton Town | England | Luton; Luton Town FC | the Hatters; Hatters |
Sunderland | England | Sunderland AFC; Sunderland A.F.C. | the Black Cats; Black Cats | afc-sunderland
Middlesbrough | England | Middlesbrough FC | Boro | fc-middlesbrough
West Bromwich Albion | England | West Brom; West Bromwich Albion FC | the Baggies; Baggies; Albion | west-bromwich-albion
Norwich City | England | Norwich; Norwich City FC | the Canaries; Canaries | norwich-city
Watford | England | Watford FC | the Hornets; Hornets | fc-watford
Coventry City | England | Coventry; Coventry City FC | |
Hull City | England | Hull City AFC | Hull; the Tigers | hull-city
Stoke City | England | Stoke; Stoke City FC | the Potters; Potters | stoke-city
Queens Park Rangers | England | QPR; Queens Park Rangers FC; Queen's Park Rangers | | queens-park-rangers
Millwall | England | Millwall FC | |
Bristol City | England | Bristol City FC | the Robins |
Bristol Rovers | England | Bristol Rovers FC | the Gas |
Blackburn Rovers | England | Blackburn; Blackburn Rovers FC | Rovers |
Preston North End | England | Preston; PNE; Preston North End FC | |
Derby County | England | Derby County FC | Derby; the Rams; Rams |
Portsmouth | England | Pompey; Portsmouth FC | |
Plymouth Argyle | England | Plymouth; Plymouth Argyle FC | Argyle; the Pilgrims |
Oxford United | England | Oxford United FC; Oxford Utd | Oxford |
Birmingham City | England | Birmingham City FC | Birmingham |
Reading | England | Reading FC | Reading; the Royals |
Charlton Athletic | England | Charlton; Charlton Athletic FC | the Addicks |
Huddersfield Town | England | Huddersfield; Huddersfield Town AFC | the Terriers | huddersfield-town
Wigan Athletic | England | Wigan; Wigan Athletic FC | the Latics |
Bolton Wanderers | England | Bolton; Bolton Wanderers FC | the Trotters |
Barnsley | England | Barnsley FC | the Tykes |
Rotherham United | England | Rotherham; Rotherham Utd | the Millers |
# ---- Wales (clubs in the English pyramid)
Swansea City | Wales | Swansea; Swansea City AFC | the Swans; Swans | swansea-city
Cardiff City | Wales | Cardiff; Cardiff City FC | the Bluebirds; Bluebirds | cardiff-city
Wrexham | Wales | Wrexham AFC; Wrexham A.F.C. | the Red Dragons |
# ---- Scotland
Celtic | Scotland | Celtic FC; Glasgow Celtic; Celtic Glasgow | the Hoops; the Bhoys; Bhoys | celtic-glasgow
Rangers | Scotland | Rangers FC; Rangers F.C.; Glasgow Rangers | the Gers; Gers; the Light Blues | glasgow-rangers
Aberdeen | Scotland | Aberdeen FC | the Dons; Dons | aberdeen-fc
Hearts | Scotland | Heart of Midlothian; Heart of Midlothian FC | the Jambos; Jambos | heart-of-midlothian-fc
Hibernian | Scotland | Hibs; Hibernian FC | the Hibees; Hibees | hibernian-fc
Kilmarnock | Scotland | Kilmarnock FC | Killie | kilmarnock-fc
Motherwell | Scotland | Motherwell FC | the Steelmen | motherwell-fc
Dundee United | Scotland | Dundee United FC; Dundee Utd | the Terrors | dundee-united-fc
Dundee | Scotland | Dundee FC | Dundee; the Dark Blues | dundee-fc
St Mirren | Scotland | St. Mirren; St Mirren FC | the Buddies | st-mirren-fc
St Johnstone | Scotland | St. Johnstone; St Johnstone FC | | st-johnstone-fc
Ross County | Scotland | Ross County FC | the Staggies | ross-county-fc
Livingston | Scotland | Livingston FC | Livi | livingston-fc
# ---- Germany
Bayern Munich | Germany | Bayern; FC Bayern; Bayern München; FC Bayern München; FC Bayern Munich; Bayern Muenchen; FC Bayern Muenchen | the Bavarians; Bavarians | fc-bayern-munchen
Borussia Dortmund | Germany | Dortmund; BVB; BV Borussia 09 Dortmund | Schwarzgelben | borussia-dortmund
Bayer Leverkusen | Germany | Leverkusen; Bayer 04 Leverkusen; Bayer 04; Werkself; TSV Bayer 04 Leverkusen | Bayer | bayer-04-leverkusen
RB Leipzig | Germany | Leipzig; RasenBallsport Leipzig | Roten Bullen | rasenballsport-leipzig
VfB Stuttgart | Germany | Stuttgart; VfB Stuttgart 1893 | VfB | vfb-stuttgart
Eintracht Frankfurt | Germany | Frankfurt; SG Eintracht Frankfurt | Eintracht | eintracht-frankfurt
1. FC Köln | Germany | Köln; Koeln; Cologne; FC Köln; FC Koeln; FC Cologne; 1. FC Koeln; 1 FC Köln; 1.FC Köln; 1. FC Cologne | Geissböcke | 1-fc-koln
Borussia Mönchengladbach | Germany | Mönchengladbach; Moenchengladbach; Gladbach; Borussia Moenchengladbach; Borussia M'gladbach; VfL Borussia Mönchengladbach; M'gladbach | the Foals; Fohlen | borussia-monchengladbach
VfL Wolfsburg | Germany | Wolfsburg | Wölfe | vfl-wolfsburg
Werder Bremen | Germany | Werder; Bremen; SV Werder Bremen | | sv-werder-bremen
SC Freiburg | Germany | Freiburg; Sport-Club Freiburg | | sc-freiburg
Hoffenheim | Germany | TSG Hoffenheim; TSG 1899 Hoffenheim; 1899 Hoffenheim | | tsg-1899-hoffenheim
Union Berlin | Germany | 1. FC Union Berlin; FC Union Berlin; 1.FC Union Berlin | Union; Eisernen | 1-fc-union-berlin
Mainz 05 | Germany | Mainz; 1. FSV Mainz 05; FSV Mainz 05; FSV Mainz; 1.FSV Mainz 05 | | 1-fsv-mainz-05
FC Augsburg | Germany | Augsburg | | fc-augsburg
VfL Bochum | Germany | Bochum; VfL Bochum 1848 | | vfl-bochum
1. FC Heidenheim | Germany | Heidenheim; FC Heidenheim; 1. FC Heidenheim 1846 | |
St. Pauli | Germany | FC St. Pauli; FC St Pauli; St Pauli | |
Holstein Kiel | Germany | Kiel; KSV Holstein | Holstein |
Schalke 04 | Germany | Schalke; FC Schalke 04; FC Schalke | Königsblauen; Royal Blues | fc-schalke-04
Hamburger SV | Germany | Hamburg SV; HSV | Hamburg | hamburger-sv
Hertha BSC | Germany | Hertha Berlin; Hertha; Hertha BSC Berlin | | hertha-bsc
SV Darmstadt 98 | Germany | Darmstadt; Darmstadt 98 | the Lilies | sv-darmstadt-98
Fortuna Düsseldorf | Germany | Düsseldorf; Duesseldorf; Fortuna Duesseldorf | Fortuna | fortuna-dusseldorf
Hannover 96 | Germany | Hannover; Hanover 96; Hanover | | hannover-96
1. FC Nürnberg | Germany | Nürnberg; Nuremberg; Nuernberg; FC Nürnberg; 1. FC Nuremberg; 1. FC Nuernberg; 1.FC Nürnberg | | 1-fc-nurnberg
1. FC Kaiserslautern | Germany | Kaiserslautern; FC Kaiserslautern; 1.FC Kaiserslautern | |
Karlsruher SC | Germany | Karlsruhe | |
Arminia Bielefeld | Germany | Bielefeld; DSC Arminia Bielefeld | Arminia | arminia-bielefeld
SC Paderborn | Germany | Paderborn; SC Paderborn 07 | | sc-paderborn-07
Greuther Fürth | Germany | SpVgg Greuther Fürth; SpVgg Greuther Fuerth; Greuther Fuerth | | spvgg-greuther-furth
# ---- Spain
Real Madrid | Spain | Real Madrid CF; Real Madrid C.F.; Los Blancos | Real; Madrid; Los Merengues; Merengues | real-madrid
Barcelona | Spain | FC Barcelona; F.C. Barcelona; Barca; Barça | the Catalans; Blaugrana; the Blaugrana; Culers | fc-barcelona
Atlético Madrid | Spain | Atlético de Madrid; Club Atlético de Madrid; Atlético; Atleti; Atl. Madrid; Atl Madrid | Rojiblancos; Los Rojiblancos; Colchoneros | atletico-madrid
Sevilla | Spain | Sevilla FC; Sevilla F.C. | | fc-sevilla
Real Betis | Spain | Betis; Real Betis Balompié | Los Verdiblancos | real-betis-sevilla
Real Sociedad | Spain | Real Sociedad de Fútbol; Real Sociedad San Sebastian | La Real; Txuri-urdin | real-sociedad-san-sebastian
Athletic Bilbao | Spain | Athletic Club; Athletic Club Bilbao; Athletic Club de Bilbao | Bilbao; Los Leones | athletic-bilbao
Villarreal | Spain | Villarreal CF; Villarreal C.F. | the Yellow Submarine; Yellow Submarine | fc-villarreal
Valencia | Spain | Valencia CF; Valencia C.F. | Los Che | fc-valencia
Girona | Spain | Girona FC | | fc-girona
Celta Vigo | Spain | Celta; Celta de Vigo; RC Celta; RC Celta de Vigo; Real Club Celta de Vigo | | celta-vigo
Osasuna | Spain | CA Osasuna | | ca-osasuna
Getafe | Spain | Getafe CF | | fc-getafe
Mallorca | Spain | RCD Mallorca; Real Mallorca | | rcd-mallorca
Rayo Vallecano | Spain | Rayo | | rayo-vallecano
Alavés | Spain | Deportivo Alavés | | deportivo-alaves
Las Palmas | Spain | UD Las Palmas | | ud-las-palmas
Espanyol | Spain | RCD Espanyol; Espanyol Barcelona; RCD Espanyol de Barcelona | Periquitos | espanyol-barcelona
Leganés | Spain | CD Leganés | | cd-leganes
Real Valladolid | Spain | Valladolid | | real-valladolid
Deportivo La Coruña | Spain | Deportivo de La Coruña; Depor; RC Deportivo; RC Deportivo La Coruña | Deportivo | deportivo-la-coruna
Cádiz | Spain | Cádiz CF | | fc-cadiz
Granada | Spain | Granada CF | | fc-granada
Elche | Spain | Elche CF | | fc-elche
Almería | Spain | UD Almería | | ud-almeria
Levante | Spain | Levante UD | | ud-levante
Málaga | Spain | Málaga CF | | fc-malaga
Real Zaragoza | Spain | Zaragoza | |
Sporting Gijón | Spain | Sporting de Gijón; Real Sporting de Gijón | | sporting-gijon
Real Oviedo | Spain | Oviedo | |
Eibar | Spain | SD Eibar | | sd-eibar
# ---- Italy
Inter Milan | Italy | Internazionale; FC Internazionale; FC Internazionale Milano; Internazionale Milano; Inter Milano | Inter; FC Inter; the Nerazzurri; Nerazzurri | inter-mailand
AC Milan | Italy | A.C. Milan; AC Milano; Milan AC | Milan; the Rossoneri; Rossoneri | ac-mailand
Juventus | Italy | Juve; Juventus FC; Juventus F.C.; Juventus Turin | the Bianconeri; Bianconeri; the Old Lady; Old Lady | juventus-turin
Napoli | Italy | SSC Napoli; S.S.C. Napoli | the Partenopei; Partenopei | ssc-neapel
AS Roma | Italy | Roma; A.S. Roma | the Giallorossi; Giallorossi | as-rom
Lazio | Italy | SS Lazio; S.S. Lazio | the Biancocelesti; Biancocelesti | lazio-rom
Atalanta | Italy | Atalanta BC; Atalanta B.C.; Atalanta Bergamo | La Dea; Bergamo | atalanta-bergamo
Fiorentina | Italy | ACF Fiorentina | La Viola; Viola | ac-florenz
Bologna | Italy | Bologna FC; Bologna FC 1909 | Rossoblu | fc-bologna
Torino | Italy | Torino FC | Toro; Granata | fc-turin
Udinese | Italy | Udinese Calcio | | udinese-calcio
Genoa | Italy | Genoa CFC; Genoa C.F.C. | Grifone | genua-cfc
Sampdoria | Italy | UC Sampdoria; Samp | Blucerchiati | sampdoria-genua
Sassuolo | Italy | US Sassuolo | | us-sassuolo
Empoli | Italy | Empoli FC; FC Empoli | | fc-empoli
Lecce | Italy | US Lecce | | us-lecce
Cagliari | Italy | Cagliari Calcio | | cagliari-calcio
Hellas Verona | Italy | Verona; Hellas Verona FC | | hellas-verona
Monza | Italy | AC Monza | |
Parma | Italy | Parma Calcio; Parma Calcio 1913 | | parma-calcio-1913
Como | Italy | Como 1907 | |
Venezia | Italy | Venezia FC | | venezia-fc
Salernitana | Italy | US Salernitana; US Salernitana 1919 | | us-salernitana-1919
Spezia | Italy | Spezia Calcio | | spezia-calcio
Cremonese | Italy | US Cremonese | |
Frosinone | Italy | Frosinone Calcio | | frosinone-calcio
Palermo | Italy | Palermo FC | | palermo-fc
Pisa | Italy | Pisa SC; Pisa Sporting Club | |
Bari | Italy | SSC Bari | |
# ---- France (and Monaco)
Paris Saint-Germain | France | Paris Saint Germain; PSG; Paris SG; Paris St-Germain; Paris St Germain; Paris Saint-Germain FC | Paris; Les Parisiens; the Parisians; Parisians | fc-paris-saint-germain
Olympique de Marseille | France | Marseille; Olympique Marseille | Les Phocéens | olympique-marseille
Olympique Lyonnais | France | Lyon; Olympique Lyon | Les Gones | olympique-lyon
Monaco | Monaco | AS Monaco; AS Monaco FC | | as-monaco
Lille | France | LOSC Lille; LOSC; Lille OSC | Les Dogues | losc-lille
Nice | France | OGC Nice | Nice; Les Aiglons | ogc-nizza
Lens | France | RC Lens; Racing Club de Lens | Lens; Sang et Or | rc-lens
Rennes | France | Stade Rennais; Stade Rennais FC; Stade Rennes | | fc-stade-rennes
Nantes | France | FC Nantes | Les Canaris | fc-nantes
Strasbourg | France | RC Strasbourg; Racing Strasbourg; RC Strasbourg Alsace; Racing Club de Strasbourg | | rc-strassburg-alsace
Brest | France | Stade Brestois; Stade Brestois 29; Stade Brest | | stade-brest-29
Reims | France | Stade de Reims; Stade Reims | | stade-reims
Toulouse | France | Toulouse FC | | fc-toulouse
Montpellier | France | Montpellier HSC | | montpellier-hsc
Auxerre | France | AJ Auxerre | |
Angers | France | Angers SCO; SCO Angers | | sco-angers
Le Havre | France | Le Havre AC | |
Saint-Étienne | France | AS Saint-Étienne; St Etienne; St-Etienne; St. Etienne; ASSE | Les Verts | as-saint-etienne
Bordeaux | France | Girondins de Bordeaux; FC Girondins de Bordeaux; Girondins Bordeaux | Girondins | fc-girondins-bordeaux
Lorient | France | FC Lorient | | fc-lorient
Metz | France | FC Metz | | fc-metz
Paris FC | France | | |
# ---- Portugal
Benfica | Portugal | SL Benfica; S.L. Benfica; Benfica Lisbon; Sport Lisboa e Benfica | As Águias | benfica-lissabon
Porto | Portugal | FC Porto; F.C. Porto | Dragões | fc-porto
Sporting CP | Portugal | Sporting Lisbon; Sporting Clube de Portugal; Sporting Lisboa | Sporting; Leões | sporting-lissabon
Braga | Portugal | SC Braga; S.C. Braga; Sporting Braga; Sporting de Braga | | sc-braga
Vitória de Guimarães | Portugal | Vitória Guimarães; Vitória SC; Guimarães | | vitoria-guimaraes-sc
# ---- Netherlands
Ajax | Netherlands | AFC Ajax; Ajax Amsterdam | | ajax-amsterdam
PSV Eindhoven | Netherlands | PSV; Eindhoven | | psv-eindhoven
Feyenoord | Netherlands | Feyenoord Rotterdam | | feyenoord-rotterdam
AZ Alkmaar | Netherlands | Alkmaar | | az-alkmaar
FC Twente | Netherlands | Twente; FC Twente Enschede; Twente Enschede | | fc-twente-enschede
FC Utrecht | Netherlands | Utrecht | | fc-utrecht
# ---- Belgium
Club Brugge | Belgium | Club Bruges; Club Brugge KV; Brugge | Bruges | fc-brugge
Anderlecht | Belgium | RSC Anderlecht | | rsc-anderlecht
Genk | Belgium | KRC Genk; Racing Genk | | krc-genk
Union Saint-Gilloise | Belgium | Union SG; Royale Union Saint-Gilloise; Union St-Gilloise | | royale-union-saint-gilloise
Gent | Belgium | KAA Gent; AA Gent; Ghent | | kaa-gent
Royal Antwerp | Belgium | Antwerp; Royal Antwerp FC | | royal-antwerpen-fc
Standard Liège | Belgium | Standard de Liège; Standard Luik | Standard | standard-luttich
# ---- Turkey
Galatasaray | Turkey | Galatasaray SK | Cimbom; Gala | galatasaray-istanbul
Fenerbahçe | Turkey | Fenerbahçe SK | Fener | fenerbahce-istanbul
Beşiktaş | Turkey | Beşiktaş JK | Kara Kartallar | besiktas-istanbul
Trabzonspor | Turkey | | | trabzonspor
İstanbul Başakşehir | Turkey | Başakşehir; Başakşehir FK | | istanbul-basaksehir-fk
# ---- Greece
Olympiacos | Greece | Olympiakos; Olympiacos Piraeus; Olympiakos Piraeus | | olympiakos-piraus
Panathinaikos | Greece | Panathinaikos FC | | panathinaikos-athen
PAOK | Greece | PAOK Thessaloniki; PAOK Salonika | | paok-thessaloniki
AEK Athens | Greece | AEK; AEK Athens FC | | aek-athen
# ---- Austria and Switzerland
Red Bull Salzburg | Austria | RB Salzburg; FC Red Bull Salzburg; Salzburg; FC Salzburg | |
Rapid Vienna | Austria | Rapid Wien; SK Rapid Wien; SK Rapid | Rapid |
Austria Vienna | Austria | Austria Wien; FK Austria Wien | |
Sturm Graz | Austria | SK Sturm Graz | Sturm |
LASK | Austria | LASK Linz | |
Young Boys | Switzerland | BSC Young Boys; Young Boys Bern | |
Basel | Switzerland | FC Basel; FC Basel 1893 | |
# ---- Eastern Europe
Shakhtar Donetsk | Ukraine | Shakhtar; FC Shakhtar Donetsk | | shakhtar-donetsk
Dynamo Kyiv | Ukraine | Dynamo Kiev; Dinamo Kiev; Dinamo Kyiv; FC Dynamo Kyiv | | dynamo-kiew
Zenit St Petersburg | Russia | Zenit; Zenit Saint Petersburg; Zenit St. Petersburg; FC Zenit | | zenit-st-petersburg
Spartak Moscow | Russia | Spartak Moskva; FC Spartak Moscow | Spartak | spartak-moskau
CSKA Moscow | Russia | CSKA Moskva; PFC CSKA Moscow | CSKA | zska-moskau
Lokomotiv Moscow | Russia | Lokomotiv Moskva | Lokomotiv | lokomotiv-moskau
Dynamo Moscow | Russia | Dinamo Moscow; Dinamo Moskva | | dinamo-moskau
Dinamo Zagreb | Croatia | GNK Dinamo Zagreb | Dinamo |
Hajduk Split | Croatia | HNK Hajduk Split | Hajduk |
Red Star Belgrade | Serbia | Crvena Zvezda; FK Crvena Zvezda | Red Star |
Partizan | Serbia | Partizan Belgrade; FK Partizan | |
Slavia Prague | Czech Republic | Slavia Praha; SK Slavia Prague; SK Slavia Praha | Slavia |
Sparta Prague | Czech Republic | Sparta Praha; AC Sparta Prague; AC Sparta Praha | Sparta |
Viktoria Plzeň | Czech Republic | FC Viktoria Plzeň; Plzeň | |
Legia Warsaw | Poland | Legia Warszawa; Legia | |
Lech Poznań | Poland | Lech | |
Ferencváros | Hungary | Ferencvárosi TC; Ferencvaros TC | Fradi |
# ---- Scandinavia
FC Copenhagen | Denmark | FC København; Copenhagen | | fc-kopenhagen
Brøndby | Denmark | Brøndby IF | | brondby-if
FC Midtjylland | Denmark | Midtjylland | | fc-midtjylland
Bodø/Glimt | Norway | FK Bodø/Glimt; Bodø Glimt; Glimt | |
Molde | Norway | Molde FK | |
Rosenborg | Norway | Rosenborg BK | |
Malmö FF | Sweden | | Malmö |
# ---- Saudi Arabia, Middle East, Africa
Al Nassr | Saudi Arabia | Al-Nassr; Al Nassr FC; Al-Nassr FC; Al Nassr Riyadh; Al-Nassr Riyadh | |
Al Hilal | Saudi Arabia | Al-Hilal; Al Hilal SFC; Al-Hilal SFC; Al Hilal Riyadh; Al-Hilal Riyadh | |
Al Ittihad | Saudi Arabia | Al-Ittihad; Al Ittihad Jeddah; Al-Ittihad Jeddah; Al-Ittihad Club; Ittihad Jeddah | Ittihad |
Al Ahli | Saudi Arabia | Al-Ahli; Al Ahli Jeddah; Al-Ahli Jeddah; Al-Ahli SFC; Al Ahli Saudi | |
Al Ettifaq | Saudi Arabia | Al-Ettifaq; Al Ettifaq FC; Al-Ettifaq FC; Ettifaq | |
Al Shabab | Saudi Arabia | Al-Shabab; Al Shabab FC; Al-Shabab FC | |
Al Qadsiah | Saudi Arabia | Al-Qadsiah; Al Qadisiyah; Al-Qadisiyah | |
Al Taawoun | Saudi Arabia | Al-Taawoun | |
Al Fateh | Saudi Arabia | Al-Fateh | |
Al Okhdood | Saudi Arabia | Al-Okhdood; Al-Okhdood Club | |
Al Ahly | Egypt | Al-Ahly; Al Ahly SC | |
Zamalek | Egypt | Zamalek SC | |
Al Sadd | Qatar | Al-Sadd; Al Sadd SC | |
# ---- MLS
Inter Miami | United States | Inter Miami CF | |
LA Galaxy | United States | Los Angeles Galaxy; L.A. Galaxy | Galaxy |
Los Angeles FC | United States | LAFC; Los Angeles Football Club | |
New York Red Bulls | United States | NY Red Bulls | Red Bulls |
New York City FC | United States | NYCFC | New York City |
Atlanta United | United States | Atlanta United FC | |
Seattle Sounders | United States | Seattle Sounders FC; Sounders | |
Toronto FC | Canada | | Toronto |
Columbus Crew | United States | | Crew |
Orlando City | United States | Orlando City SC | |
Philadelphia Union | United States | | |
Chicago Fire | United States | Chicago Fire FC | |
New England Revolution | United States | | Revolution; Revs |
FC Cincinnati | United States | | Cincinnati |
Nashville SC | United States | | Nashville |
Austin FC | United States | | |
Portland Timbers | United States | Timbers | |
Vancouver Whitecaps | Canada | Whitecaps; Vancouver Whitecaps FC | |
CF Montréal | Canada | Club de Foot Montréal | |
St. Louis City SC | United States | St Louis City SC; St. Louis City; St Louis City | |
Charlotte FC | United States | | |
Real Salt Lake | United States | RSL | |
Sporting Kansas City | United States | Sporting KC | |
Minnesota United | United States | Minnesota United FC | |
San Diego FC | United States | | |
D.C. United | United States | DC United | |
# ---- NWSL (women)
Orlando Pride | United States | | |
Portland Thorns | United States | Portland Thorns FC | Thorns |
Washington Spirit | United States | | |
San Diego Wave | United States | San Diego Wave FC | |
Houston Dash | United States | | |
Seattle Reign | United States | Seattle Reign FC; OL Reign | |
North Carolina Courage | United States | NC Courage | |
Kansas City Current | United States | KC Current | |
Gotham FC | United States | NJ/NY Gotham FC; NJ/NY Gotham; NY/NJ Gotham FC | |
Angel City | United States | Angel City FC | |
Chicago Red Stars | United States | Chicago Stars FC; Chicago Stars | |
Racing Louisville | United States | Racing Louisville FC | |
Utah Royals | United States | Utah Royals FC | |
Bay FC | United States | | |
# ---- Brazil
Flamengo | Brazil | CR Flamengo; Clube de Regatas do Flamengo | Mengão |
Palmeiras | Brazil | SE Palmeiras; Sociedade Esportiva Palmeiras | Verdão |
Corinthians | Brazil | SC Corinthians; Sport Club Corinthians Paulista; Corinthians Paulista | Timão |
São Paulo | Brazil | São Paulo FC; São Paulo Futebol Clube | São Paulo |
Santos | Brazil | Santos FC; Santos Futebol Clube | Santos; Peixe |
Fluminense | Brazil | Fluminense FC | |
Grêmio | Brazil | Grêmio FBPA; Grêmio Porto Alegre | |
Internacional | Brazil | SC Internacional; Inter de Porto Alegre; Internacional Porto Alegre | |
Atlético Mineiro | Brazil | Clube Atlético Mineiro; Atlético-MG | Galo |
Botafogo | Brazil | Botafogo FR | |
Vasco da Gama | Brazil | CR Vasco da Gama; Vasco | |
Cruzeiro | Brazil | Cruzeiro EC | |
Athletico Paranaense | Brazil | Athletico-PR; Atlético Paranaense | |
# ---- Argentina, Uruguay, Mexico
Boca Juniors | Argentina | Boca; CA Boca Juniors | Xeneizes |
River Plate | Argentina | CA River Plate | River |
Racing Club | Argentina | Racing Club de Avellaneda; Racing Avellaneda | Racing |
Independiente | Argentina | CA Independiente; Club Atlético Independiente | Independiente |
San Lorenzo | Argentina | CA San Lorenzo; San Lorenzo de Almagro | |
Estudiantes | Argentina | Estudiantes de La Plata | |
Vélez Sarsfield | Argentina | Vélez | |
Newell's Old Boys | Argentina | Newell's; Newells Old Boys | |
Rosario Central | Argentina | | |
Peñarol | Uruguay | CA Peñarol | |
Nacional | Uruguay | Club Nacional; Club Nacional de Football; Nacional Montevideo | Nacional |
Club América | Mexico | | América |
Guadalajara | Mexico | Chivas; CD Guadalajara; Chivas Guadalajara | |
Monterrey | Mexico | CF Monterrey; Rayados | |
Tigres UANL | Mexico | Tigres | |
# ---- clubs whose names contain a national team's nickname: the longest match keeps them apart
London City Lionesses | England | London City Lionesses FC | |
Charlestown Azzurri | Australia | Charlestown Azzurri FC | |
Vaughan Azzurri | Canada | | |
Singida Black Stars | Tanzania | Singida Black Stars SC | |
"""

# ---------------------------------------------------------------------------------------------
# National teams: `club` entities with context "national team".  Men's and women's sides are
# one entity ("Lionesses" and "Three Lions" are both England).
#   canonical | country names (;) | adjectives (;) | strong nicknames (;) | weak nicknames (;)
# The canonical name and the other country names are WEAK: a country is often only a place,
# so it names the team only next to a strong alias (or, on the Rust side, football context).
# From every country name the generator makes the strong forms "<name> national team",
# "<name> national football team", "<name> men's national team", "<name> women's national
# team" and, for names of 4+ letters that are not codes, "<name> Women"; from every adjective
# "<adj> national team", "<adj> national football team" and "<adj> women's national team".
# Strong nicknames must be unambiguous in football news: "Red Devils" is Manchester United's,
# so Belgium does not get it; "Seleção" is Brazil, not Portugal.
# ---------------------------------------------------------------------------------------------

NATIONAL_TEAMS = r"""
# ---- UEFA
Albania | | Albanian | |
Andorra | | Andorran | |
Armenia | | Armenian | |
Austria | | Austrian | |
Azerbaijan | | Azerbaijani | |
Belarus | | Belarusian | |
Belgium | | Belgian | Red Flames |
Bosnia and Herzegovina | Bosnia-Herzegovina; Bosnia & Herzegovina; Bosnia | Bosnian | |
Bulgaria | | Bulgarian | |
Croatia | | Croatian | Vatreni |
Cyprus | | Cypriot | |
Czech Republic | Czechia | Czech | |
Denmark | | Danish | Danish Dynamite |
England | | English | Three Lions; Lionesses |
Estonia | | Estonian | |
Faroe Islands | Faroes | Faroese | |
Finland | | Finnish | Huuhkajat |
France | | French | Les Bleus; Les Bleues |
Georgia | | Georgian | |
Germany | | German | Die Mannschaft; DFB-Frauen |
Gibraltar | | | |
Greece | | Greek | |
Hungary | | Hungarian | |
Iceland | | Icelandic | |
Israel | | Israeli | |
Italy | | Italian | Azzurri; Gli Azzurri; Azzurre |
Kazakhstan | | Kazakh | |
Kosovo | | Kosovan | |
Latvia | | Latvian | |
Liechtenstein | | | |
Lithuania | | Lithuanian | |
Luxembourg | | | |
Malta | | Maltese | |
Moldova | | Moldovan | |
Montenegro | | Montenegrin | |
Netherlands | Holland | Dutch | Oranje; Oranje Leeuwinnen |
North Macedonia | Macedonia | Macedonian | |
Northern Ireland | | Northern Irish | |
Norway | | Norwegian | |
Poland | | Polish | |
Portugal | | Portuguese | Seleção das Quinas |
Republic of Ireland | Ireland | Irish | Boys in Green; Girls in Green |
Romania | | Romanian | Tricolorii |
Russia | | Russian | |
San Marino | | | |
Scotland | | Scottish | |
Serbia | | Serbian | |
Slovakia | | Slovak; Slovakian | |
Slovenia | | Slovenian | |
Spain | | Spanish | La Roja |
Sweden | | Swedish | Blågult |
Switzerland | | Swiss | |
Turkey | Türkiye | Turkish | |
Ukraine | | Ukrainian | |
Wales | Cymru | Welsh | | Dragons; the Dragons
# ---- CONMEBOL
Argentina | | Argentine; Argentinian | Albiceleste; La Albiceleste |
Bolivia | | Bolivian | | La Verde
Brazil | Brasil | Brazilian | Seleção; Selecao; Canarinho |
Chile | | Chilean | |
Colombia | | Colombian | Los Cafeteros |
Ecuador | | Ecuadorian | La Tri |
Paraguay | | Paraguayan | La Albirroja |
Peru | | Peruvian | La Blanquirroja |
Uruguay | | Uruguayan | La Celeste |
Venezuela | | Venezuelan | La Vinotinto; Vinotinto |
# ---- CONCACAF
United States | USA; US; U.S. | | USMNT; USWNT; US Men's National Team; US Women's National Team; U.S. Men's National Team; U.S. Women's National Team; United States Men's National Team; United States Women's National Team; US national soccer team; U.S. national soccer team; United States national soccer team | United States of America; Americans; the Americans
Mexico | | Mexican | El Tri |
Canada | | Canadian | CanMNT; CanWNT |
Costa Rica | | Costa Rican | Los Ticos | Ticos
Jamaica | | Jamaican | Reggae Boyz; Reggae Girlz |
Panama | Panamá | Panamanian | |
Honduras | | Honduran | |
El Salvador | | Salvadoran | |
Haiti | | Haitian | |
Guatemala | | Guatemalan | |
Curaçao | | | |
Trinidad and Tobago | Trinidad & Tobago; Trinidad | | Soca Warriors |
# ---- CAF
Morocco | | Moroccan | Atlas Lions; Atlas Lionesses |
Senegal | | Senegalese | Lions of Teranga; Teranga Lions |
Nigeria | | Nigerian | Super Eagles; Super Falcons |
Ghana | | Ghanaian | Black Stars; Black Queens |
Cameroon | | Cameroonian | Indomitable Lions; Indomitable Lionesses |
Egypt | | Egyptian | | Pharaohs; the Pharaohs
Algeria | | Algerian | Desert Foxes | Fennecs
Tunisia | | Tunisian | Eagles of Carthage; Carthage Eagles |
Ivory Coast | Côte d'Ivoire | Ivorian | | Elephants; the Elephants; Les Éléphants
Mali | | Malian | |
South Africa | | South African | Bafana Bafana; Banyana Banyana |
Guinea | | Guinean | Syli Nationale |
DR Congo | Democratic Republic of the Congo; Democratic Republic of Congo; Congo DR; DRC | Congolese | | Leopards; the Leopards
Burkina Faso | | Burkinabé | |
Cape Verde | Cabo Verde | Cape Verdean | Blue Sharks |
Zambia | | Zambian | Chipolopolo |
Equatorial Guinea | | Equatoguinean | |
Angola | | Angolan | |
Gabon | | Gabonese | |
Guinea-Bissau | Guinea Bissau | Bissau-Guinean | |
Mozambique | | Mozambican | Mambas |
Mauritania | | Mauritanian | |
Namibia | | Namibian | Brave Warriors |
Tanzania | | Tanzanian | Taifa Stars |
Gambia | The Gambia | Gambian | |
Benin | | Beninese | |
Botswana | | | |
Zimbabwe | | Zimbabwean | |
Comoros | | Comorian | |
Uganda | | Ugandan | Uganda Cranes |
Kenya | | Kenyan | Harambee Stars |
Sierra Leone | | Sierra Leonean | Leone Stars |
Libya | | Libyan | |
Sudan | | Sudanese | |
South Sudan | | South Sudanese | |
Togo | | Togolese | |
Madagascar | | Malagasy | |
Ethiopia | | Ethiopian | |
Liberia | | Liberian | |
# ---- AFC and OFC
Japan | | Japanese | Samurai Blue; Nadeshiko; Nadeshiko Japan |
South Korea | Korea Republic; Republic of Korea; Korea | South Korean | Taegeuk Warriors; Taeguk Warriors |
North Korea | Korea DPR; DPR Korea | North Korean | |
Australia | | Australian | Socceroos; Matildas |
Saudi Arabia | | Saudi | Green Falcons |
Iran | IR Iran | Iranian | Team Melli |
Qatar | | Qatari | |
Iraq | | Iraqi | Lions of Mesopotamia |
United Arab Emirates | UAE | Emirati | |
China | China PR | Chinese | Steel Roses |
Uzbekistan | | Uzbek | |
Jordan | | Jordanian | |
Oman | | Omani | |
Bahrain | | Bahraini | |
Syria | | Syrian | |
Palestine | | Palestinian | |
India | | Indian | Blue Tigers |
Thailand | | Thai | |
Vietnam | | Vietnamese | |
Indonesia | | Indonesian | |
Philippines | | Filipino | Filipinas |
Malaysia | | Malaysian | |
Kuwait | | Kuwaiti | |
Lebanon | | Lebanese | |
Kyrgyzstan | | Kyrgyz | |
Papua New Guinea | | | |
Fiji | | Fijian | |
New Caledonia | | | |
Tahiti | | Tahitian | |
Solomon Islands | | | |
New Zealand | | | All Whites; Football Ferns |
"""

# ---------------------------------------------------------------------------------------------
# Curated competitions.
#   canonical | context | strong (;) | weak (;) | transfermarkt competition ids (;)
# ---------------------------------------------------------------------------------------------

CURATED_COMPETITIONS = r"""
Premier League | England | English Premier League; EPL; Barclays Premier League; FA Premier League | the Prem | GB1
Championship | England | EFL Championship; English Championship; Football League Championship; Sky Bet Championship | Championship; the Championship |
League One | England | EFL League One; Football League One; Sky Bet League One | |
League Two | England | EFL League Two; Football League Two; Sky Bet League Two | |
National League | England | Vanarama National League | National League |
FA Cup | England | Emirates FA Cup | |
EFL Cup | England | Carabao Cup; League Cup; Football League Cup; English League Cup | | CGB
Community Shield | England | FA Community Shield; Charity Shield | | GBCS
EFL Trophy | England | Football League Trophy | |
English Football League | England | EFL | Football League; the Football League |
Women's FA Cup | England | Women’s FA Cup; Adobe Women's FA Cup; FA Women's Cup; Vitality Women's FA Cup | |
Women's League Cup | England | FA Women's League Cup; Subway Women's League Cup; Continental Tyres League Cup | |
Women's Championship | England | FA Women's Championship; Barclays Women's Championship | |
Women's Super League | England | WSL; Barclays Women's Super League; Barclays WSL; FA Women's Super League; FA WSL; Women’s Super League | |
Champions League | international | UEFA Champions League; UCL; European Cup | | CL; CLQ
Europa League | international | UEFA Europa League; UEL; UEFA Cup | | EL; ELQ
Europa Conference League | international | UEFA Europa Conference League; Conference League; UEFA Conference League; UECL | | ECLQ
UEFA Super Cup | international | | Super Cup | USC
Women's Champions League | international | UEFA Women's Champions League; UWCL; Women’s Champions League | |
Nations League | international | UEFA Nations League | |
CONCACAF Nations League | international | | |
World Cup | international | FIFA World Cup | |
World Cup qualifying | international | World Cup qualifiers; World Cup qualifier; World Cup qualification | |
Women's World Cup | international | FIFA Women's World Cup; Women’s World Cup; Women's World Cup 2023; Women's World Cup 2027; FIFA Women's World Cup 2023; FIFA Women's World Cup 2027 | |
Club World Cup | international | FIFA Club World Cup | | KLUB
Intercontinental Cup | international | FIFA Intercontinental Cup | |
European Championship | international | UEFA European Championship; European Championships; UEFA Euro; Euro 2024; UEFA Euro 2024; Euro 2020; UEFA Euro 2020; Euro 2028; UEFA Euro 2028; Euro 2016; UEFA Euro 2016; Euro 2012; Euro 2008; Euro 2004; Euro 2000; Euro 96; Euro 1996 | Euros; Euro |
Women's Euro | international | Women's Euros; UEFA Women's Euro; Women's European Championship; UEFA Women's European Championship; Women's European Championships; UEFA Women's European Championships; Women's Euro 2022; Women's Euro 2025; Women's Euro 2029; UEFA Women's Euro 2022; UEFA Women's Euro 2025; Women’s Euro; Euro 2022; Euro 2025; Euro 2017; Euro 2013; Euro 2009; Euro 2029; UEFA Euro 2022; UEFA Euro 2025 | |
Copa América | international | CONMEBOL Copa América | |
Africa Cup of Nations | international | AFCON; African Cup of Nations; Coupe d'Afrique des Nations | |
Asian Cup | international | AFC Asian Cup | |
Women's Asian Cup | international | AFC Women's Asian Cup; Women’s Asian Cup | |
CONCACAF Gold Cup | international | | Gold Cup |
Copa Libertadores | international | CONMEBOL Libertadores; Libertadores | |
Copa Sudamericana | international | CONMEBOL Sudamericana; Sudamericana | |
AFC Champions League | international | AFC Champions League Elite; ACL Elite; Asian Champions League | |
AFC Champions League Two | international | ACL Two | |
CAF Champions League | international | | |
CONCACAF Champions Cup | international | CONCACAF Champions League | |
Leagues Cup | international | | |
Women's Nations League | international | UEFA Women's Nations League | |
Olympics | international | Olympic Games; Olympic football tournament; Olympic Football Tournament; Olympic men's football tournament; Olympic women's football tournament | Olympics; the Olympics |
Bundesliga | Germany | German Bundesliga | | L1
2. Bundesliga | Germany | 2 Bundesliga; Bundesliga 2; Zweite Bundesliga; 2.Bundesliga | |
3. Liga | Germany | German 3. Liga | |
Frauen-Bundesliga | Germany | Google Pixel Frauen-Bundesliga; Frauen Bundesliga; German Frauen-Bundesliga; German Women's Bundesliga | |
DFB-Pokal | Germany | DFB Pokal; German Cup; DFB Cup | | DFB
DFL-Supercup | Germany | DFL Supercup; German Super Cup; Franz Beckenbauer Supercup | | DFL
La Liga | Spain | LaLiga; LaLiga EA Sports; LaLiga Santander; Spanish La Liga; Spanish Primera División | Primera División | ES1
Segunda División | Spain | LaLiga Hypermotion; La Liga 2; LaLiga2; LaLiga SmartBank; Spanish Segunda División | |
Copa del Rey | Spain | Spanish Cup | | CDR
Liga F | Spain | Liga F Moeve; Liga F Femenina; Primera División Femenina; Spanish Liga F | |
Copa de la Reina | Spain | Copa de la Reina de Fútbol; Spanish Women's Cup | |
Supercopa de España | Spain | Spanish Super Cup | Supercopa | SUC
Serie A | Italy | Italian Serie A; Serie A TIM; Serie A Enilive | | IT1
Serie B | Italy | Italian Serie B | |
Coppa Italia | Italy | Italian Cup | | CIT
Supercoppa Italiana | Italy | Italian Super Cup | Supercoppa | SCI
Ligue 1 | France | French Ligue 1; Ligue 1 McDonald's; Ligue 1 Uber Eats | | FR1
Ligue 2 | France | French Ligue 2 | |
Coupe de France | France | French Cup | |
Division 1 Féminine | France | D1 Arkema; D1 Féminine; Arkema Première Ligue; French Division 1 Féminine | |
Trophée des Champions | France | French Super Cup | | FRCH
Eredivisie | Netherlands | Dutch Eredivisie | | NL1
Eerste Divisie | Netherlands | Keuken Kampioen Divisie | |
KNVB Cup | Netherlands | KNVB Beker; TOTO KNVB Beker; Dutch Cup | | NLP
Johan Cruyff Shield | Netherlands | Johan Cruijff Schaal; Johan Cruijff Shield; Dutch Super Cup | | NLSC
Primeira Liga | Portugal | Liga Portugal; Liga Portugal Betclic; Liga Portugal Bwin; Liga NOS; Portuguese Primeira Liga; Portuguese Liga | | PO1
Taça de Portugal | Portugal | Portuguese Cup | |
Taça da Liga | Portugal | Portuguese League Cup; Allianz Cup | | POCP
Supertaça Cândido de Oliveira | Portugal | Supertaça; Portuguese Super Cup | | POSU
Scottish Premiership | Scotland | SPFL Premiership; Scottish Premier League; Cinch Premiership; William Hill Premiership | | SC1
Scottish Championship | Scotland | SPFL Championship | |
Scottish Cup | Scotland | Scottish FA Cup | | SFA
Scottish League Cup | Scotland | Premier Sports Cup | |
Belgian Pro League | Belgium | Jupiler Pro League; Belgian First Division A; Pro League | | BE1
Belgian Super Cup | Belgium | Belgian Supercup | | BESC
Süper Lig | Turkey | Turkish Süper Lig; Turkish Super League; Trendyol Süper Lig | | TR1
Greek Super League | Greece | Super League Greece; Super League 1 | | GR1
Greek Cup | Greece | Kypello Elladas | | GRP
Russian Premier League | Russia | Russian Premier Liga | | RU1
Russian Cup | Russia | | | RUP
Russian Super Cup | Russia | | | RUSS
Ukrainian Premier League | Ukraine | Ukrainian Premier Liga | | UKR1
Ukrainian Cup | Ukraine | Ukraine Cup | | UKRP
Ukrainian Super Cup | Ukraine | Ukraine Supercup; Ukrainian Supercup | | UKRS
Danish Superliga | Denmark | Superligaen; 3F Superliga | Superliga | DK1
Danish Cup | Denmark | DBU Pokalen; Sydbank Pokalen | | DKP
Austrian Bundesliga | Austria | | |
Swiss Super League | Switzerland | | |
Eliteserien | Norway | Norwegian Eliteserien; Tippeligaen | |
Allsvenskan | Sweden | | |
Saudi Pro League | Saudi Arabia | Saudi Professional League; Roshn Saudi League; Saudi Pro-League | |
Saudi King's Cup | Saudi Arabia | | King's Cup |
MLS | United States | Major League Soccer; MLS Cup | |
NWSL | United States | National Women's Soccer League; National Women’s Soccer League | |
US Open Cup | United States | U.S. Open Cup; Lamar Hunt U.S. Open Cup | |
Campeonato Brasileiro Série A | Brazil | Brasileirão; Brazilian Serie A; Brasileiro Série A | |
Argentine Primera División | Argentina | Argentine Liga Profesional; Liga Profesional de Fútbol; Argentine Superliga | |
Liga MX | Mexico | | |
A-League | Australia | A-League Men | |
WE League | Japan | Women Empowerment League | |
Nadeshiko League | Japan | | |
League of Ireland Premier Division | Ireland | League of Ireland; Irish Premier Division; Premier Division A | |
"""

# ---------------------------------------------------------------------------------------------
# Curated people: managers, famous players missing from (or mis-dated in) the sources,
# ex-players, executives, agents and transfer journalists.
#   canonical | context (club canonical, may be empty) | strong extra (;) | weak extra (;)
# Contexts are as of 2025 where known; empty when the person has no club (national team
# coaches, journalists, pundits) or when the current club was uncertain.
# ---------------------------------------------------------------------------------------------

CURATED_PEOPLE = r"""
# ---- managers and coaches
Xabi Alonso | Real Madrid | |
Arne Slot | Liverpool | |
Jürgen Klopp | | Jurgen Klopp; Juergen Klopp |
Pep Guardiola | Manchester City | Josep Guardiola |
Mikel Arteta | Arsenal | |
Carlo Ancelotti | | |
Thomas Tuchel | | |
Erik ten Hag | | |
Mauricio Pochettino | | |
Enzo Maresca | Chelsea | |
Rúben Amorim | Manchester United | Ruben Amorim |
Unai Emery | Aston Villa | |
Roberto De Zerbi | Olympique de Marseille | |
Hansi Flick | Barcelona | |
Sebastian Hoeneß | VfB Stuttgart | Sebastian Hoeness |
Julian Nagelsmann | | |
Zinedine Zidane | | | Zizou
José Mourinho | Benfica | |
Ange Postecoglou | | |
Xavi | | Xavi Hernández |
Diego Simeone | Atlético Madrid | Cholo Simeone |
Antonio Conte | Napoli | |
Gareth Southgate | | |
Lee Carsley | | |
Thomas Frank | Tottenham Hotspur | |
Eddie Howe | Newcastle United | |
Vincent Kompany | Bayern Munich | |
Luis Enrique | Paris Saint-Germain | |
Oliver Glasner | Crystal Palace | |
Marco Silva | Fulham | |
Andoni Iraola | Bournemouth | |
Sean Dyche | Nottingham Forest | |
Nuno Espírito Santo | West Ham United | | Nuno
Fabian Hürzeler | Brighton & Hove Albion | Fabian Huerzeler |
Kieran McKenna | Ipswich Town | |
Graham Potter | | |
Julen Lopetegui | | |
David Moyes | Everton | |
Vítor Pereira | | |
Russell Martin | | |
Gary O'Neil | | |
Steve Cooper | | |
Rob Edwards | Wolverhampton Wanderers | |
Scott Parker | Burnley | |
Régis Le Bris | Sunderland | |
Daniel Farke | Leeds United | |
Chris Wilder | Sheffield United | |
Frank Lampard | Coventry City | |
Michael Carrick | | |
Steven Gerrard | | |
Wayne Rooney | | |
Patrick Vieira | | |
Thierry Henry | | |
Ruud van Nistelrooy | | |
Ralph Hasenhüttl | | Ralph Hasenhuettl |
Brendan Rodgers | | |
Philippe Clement | | |
Niko Kovač | Borussia Dortmund | |
Nuri Şahin | | |
Edin Terzić | | |
Marco Rose | | |
Dino Toppmöller | Eintracht Frankfurt | Dino Toppmoeller |
Ole Werner | RB Leipzig | |
Christian Streich | | |
Julian Schuster | SC Freiburg | |
Steffen Baumgart | Union Berlin | |
Gerardo Seoane | | |
Bo Henriksen | Mainz 05 | |
Frank Schmidt | 1. FC Heidenheim | |
Lukas Kwasniok | 1. FC Köln | |
Horst Steffen | Werder Bremen | |
Ernesto Valverde | Athletic Bilbao | |
Imanol Alguacil | | |
Manuel Pellegrini | Real Betis | |
Marcelino | Villarreal | Marcelino García Toral |
Míchel | Girona | Míchel Sánchez |
José Bordalás | Getafe | |
Javier Aguirre | | |
Simone Inzaghi | Al Hilal | |
Cristian Chivu | Inter Milan | |
Massimiliano Allegri | AC Milan | |
Stefano Pioli | | |
Paulo Fonseca | Olympique Lyonnais | |
Sérgio Conceição | | |
Thiago Motta | | |
Igor Tudor | | |
Luciano Spalletti | Juventus | |
Gian Piero Gasperini | AS Roma | |
Claudio Ranieri | | |
Daniele De Rossi | | |
Maurizio Sarri | Lazio | |
Raffaele Palladino | | |
Vincenzo Italiano | Bologna | |
Cesc Fàbregas | Como | |
Didier Deschamps | | |
Pierre Sage | Lens | |
Bruno Génésio | | |
Franck Haise | | |
Adi Hütter | | Adi Huetter |
Christophe Galtier | | |
Liam Rosenior | | |
Rui Borges | Sporting CP | |
Bruno Lage | | |
Roger Schmidt | | |
Francesco Farioli | Porto | |
Peter Bosz | PSV Eindhoven | |
Robin van Persie | Feyenoord | |
John Heitinga | | |
Ronald Koeman | | |
Louis van Gaal | | |
Dick Advocaat | | |
Luis de la Fuente | | |
Roberto Martínez | | |
Domenico Tedesco | | |
Murat Yakin | | |
Lionel Scaloni | | |
Dorival Júnior | | |
Jesse Marsch | | |
Marcelo Bielsa | | |
Steve Clarke | | |
Craig Bellamy | | |
Heimir Hallgrímsson | | |
Walid Regragui | | |
Hervé Renard | | |
Roberto Mancini | | |
Jorge Jesus | Al Nassr | |
Laurent Blanc | | |
Matthias Jaissle | Al Ahli | |
Ralf Rangnick | | |
Alex Ferguson | | Sir Alex Ferguson | Sir Alex; Fergie
Arsène Wenger | | |
Sven-Göran Eriksson | | Sven Goran Eriksson |
Rafael Benítez | | Rafa Benítez |
Fabio Capello | | |
Marcello Lippi | | |
Guus Hiddink | | |
Roy Hodgson | | |
Sam Allardyce | | |
Harry Redknapp | | |
Neil Warnock | | |
Steve Bruce | | |
Tony Pulis | | |
Ole Gunnar Solskjær | | Ole Gunnar Solskjaer |
Jupp Heynckes | | |
Joachim Löw | | Joachim Loew |
Vicente del Bosque | | |
Luiz Felipe Scolari | | |
Jorge Sampaoli | | |
Marcelo Gallardo | | |
# ---- famous players missing from the 2022 player list or the EURO 2024 squads
Erling Haaland | Manchester City | Erling Braut Haaland |
Mohamed Salah | Liverpool | Mo Salah; Mohammed Salah |
Son Heung-min | Los Angeles FC | Heung-min Son |
Lionel Messi | Inter Miami | Leo Messi |
Luis Suárez | Inter Miami | |
Sergio Busquets | Inter Miami | |
Jordi Alba | Inter Miami | |
Neymar | Santos | Neymar Jr; Neymar Junior; Neymar da Silva Santos Júnior |
Vinícius Júnior | Real Madrid | Vinicius Jr; Vinícius Jr.; Vini Jr; Vini Jr.; Vini Junior | Vinícius; Vini
Rodrygo | Real Madrid | Rodrygo Goes |
Éder Militão | Real Madrid | |
Endrick | Real Madrid | |
Casemiro | Manchester United | |
Rodri | Manchester City | Rodrigo Hernández |
Hulk | Atlético Mineiro | Givanildo Vieira de Sousa | Hulk
Alisson | Liverpool | Alisson Becker |
Ederson | Fenerbahçe | Ederson Moraes |
Fabinho | Al Ittihad | |
Raphinha | Barcelona | |
Richarlison | Tottenham Hotspur | |
Antony | Real Betis | Antony Santos | Antony
Marquinhos | Paris Saint-Germain | |
Gabriel Jesus | Arsenal | |
Gabriel Martinelli | Arsenal | |
Gabriel Magalhães | Arsenal | |
Bruno Guimarães | Newcastle United | |
Joelinton | Newcastle United | |
Lucas Paquetá | West Ham United | |
Matheus Cunha | Manchester United | |
João Pedro | Chelsea | |
Savinho | Manchester City | |
Estêvão | Chelsea | Estêvão Willian |
Andrey Santos | Chelsea | |
Thiago Silva | | |
Gleison Bremer | Juventus | Bremer |
Roberto Firmino | Al Sadd | |
Philippe Coutinho | Vasco da Gama | |
Lautaro Martínez | Inter Milan | | Lautaro
Julián Álvarez | Atlético Madrid | |
Enzo Fernández | Chelsea | |
Alexis Mac Allister | Liverpool | Alexis MacAllister |
Emiliano Martínez | Aston Villa | Emi Martínez; Dibu Martínez |
Cristian Romero | Tottenham Hotspur | Cuti Romero |
Lisandro Martínez | Manchester United | |
Alejandro Garnacho | Chelsea | |
Nicolás Otamendi | Benfica | |
Ángel Di María | Rosario Central | |
Paulo Dybala | AS Roma | |
Rodrigo De Paul | Inter Miami | |
Nico Paz | Como | |
Franco Mastantuono | Real Madrid | |
Darwin Núñez | Al Hilal | |
Federico Valverde | Real Madrid | Fede Valverde |
Ronald Araújo | Barcelona | |
Manuel Ugarte | Manchester United | |
Luis Díaz | Bayern Munich | |
James Rodríguez | | |
Richard Ríos | Benfica | |
Daniel Muñoz | Crystal Palace | |
Moisés Caicedo | Chelsea | |
Piero Hincapié | Arsenal | |
Pervis Estupiñán | AC Milan | |
Willian Pacho | Paris Saint-Germain | |
Victor Osimhen | Galatasaray | |
Ademola Lookman | Atalanta | |
Alex Iwobi | Fulham | |
Calvin Bassey | Fulham | |
Samuel Chukwueze | Fulham | |
Victor Boniface | Werder Bremen | |
Achraf Hakimi | Paris Saint-Germain | |
Noussair Mazraoui | Manchester United | |
Sofyan Amrabat | Real Betis | |
Brahim Díaz | Real Madrid | |
Youssef En-Nesyri | Fenerbahçe | |
Sadio Mané | Al Nassr | |
Kalidou Koulibaly | Al Hilal | |
Édouard Mendy | Al Ahli | |
Riyad Mahrez | Al Ahli | |
Karim Benzema | Al Ittihad | |
Nicolas Jackson | Bayern Munich | |
Iliman Ndiaye | Everton | |
Ismaïla Sarr | Crystal Palace | |
Pape Matar Sarr | Tottenham Hotspur | |
Yves Bissouma | Tottenham Hotspur | |
Mohammed Kudus | Tottenham Hotspur | |
Thomas Partey | Villarreal | |
Antoine Semenyo | Bournemouth | |
Iñaki Williams | Athletic Bilbao | |
Bryan Mbeumo | Manchester United | |
Yoane Wissa | Newcastle United | |
Omar Marmoush | Manchester City | |
Serhou Guirassy | Borussia Dortmund | |
Amad Diallo | Manchester United | Amad |
André Onana | | |
Kaoru Mitoma | Brighton & Hove Albion | |
Takefusa Kubo | Real Sociedad | |
Wataru Endo | Liverpool | |
Takehiro Tomiyasu | | |
Kim Min-jae | Bayern Munich | Min-jae Kim |
Hwang Hee-chan | Wolverhampton Wanderers | |
Lee Kang-in | Paris Saint-Germain | |
Christian Pulisic | AC Milan | |
Weston McKennie | Juventus | |
Tyler Adams | Bournemouth | |
Timothy Weah | Olympique de Marseille | |
Folarin Balogun | Monaco | |
Gio Reyna | Borussia Mönchengladbach | Giovanni Reyna |
Alphonso Davies | Bayern Munich | |
Jonathan David | Juventus | |
Alexander Isak | Liverpool | |
Viktor Gyökeres | Arsenal | |
Dejan Kulusevski | Tottenham Hotspur | |
Martin Ødegaard | Arsenal | |
Alexander Sørloth | Atlético Madrid | |
Antonio Nusa | RB Leipzig | |
Oscar Bobb | Manchester City | |
Hugo Ekitike | Liverpool | Hugo Ekitiké |
Leny Yoro | Manchester United | |
Luke Chambers | | |
Jarell Quansah | Bayer Leverkusen | |
Conor Bradley | Liverpool | |
Curtis Jones | Liverpool | |
Harvey Elliott | Aston Villa | |
Stefan Bajčetić | Liverpool | |
Levi Colwill | Chelsea | |
Morgan Rogers | Aston Villa | |
Elliot Anderson | Nottingham Forest | |
Rico Lewis | Manchester City | |
Myles Lewis-Skelly | Arsenal | |
Ethan Nwaneri | Arsenal | |
Jack Grealish | Everton | |
Marcus Rashford | Barcelona | |
Jadon Sancho | Aston Villa | |
Raheem Sterling | Chelsea | |
Jordan Henderson | Brentford | |
Mason Mount | Manchester United | |
Reece James | Chelsea | |
James Maddison | Tottenham Hotspur | |
Harry Maguire | Manchester United | |
Dominic Solanke | Tottenham Hotspur | |
Nick Pope | Newcastle United | |
Tino Livramento | Newcastle United | |
Lewis Hall | Newcastle United | |
Sandro Tonali | Newcastle United | |
Nick Woltemade | Newcastle United | |
Matthijs de Ligt | Manchester United | |
Frenkie de Jong | Barcelona | |
Jurriën Timber | Arsenal | |
Ryan Gravenberch | Liverpool | |
Dean Huijsen | Real Madrid | |
Pau Cubarsí | Barcelona | |
Gavi | Barcelona | Pablo Gavi |
Alejandro Balde | Barcelona | |
Fermín López | Barcelona | |
Marc Casadó | Barcelona | |
Désiré Doué | Paris Saint-Germain | |
Michael Olise | Bayern Munich | |
Rayan Cherki | Manchester City | |
Mathys Tel | Tottenham Hotspur | |
Jean-Philippe Mateta | Crystal Palace | |
Christopher Nkunku | AC Milan | |
Lucas Chevalier | Paris Saint-Germain | |
Moise Kean | Fiorentina | |
Sergio Ramos | Monterrey | |
Gareth Bale | | |
Marco Reus | LA Galaxy | |
Mats Hummels | | |
Kylian Mbappé | Real Madrid | |
Jude Bellingham | Real Madrid | |
Trent Alexander-Arnold | Real Madrid | |
Florian Wirtz | Liverpool | |
Milos Kerkez | Liverpool | Miloš Kerkez |
Jeremie Frimpong | Liverpool | |
Martín Zubimendi | Arsenal | |
Benjamin Šeško | Manchester United | |
Cristiano Ronaldo | Al Nassr | CR7 | Ronaldo
Ivan Toney | Al Ahli | |
Dušan Vlahović | Juventus | |
# ---- former players, pundits
Gary Neville | | |
Jamie Carragher | | |
Gary Lineker | | |
Alan Shearer | | |
Rio Ferdinand | | |
Roy Keane | | |
Micah Richards | | |
David Beckham | Inter Miami | |
John Terry | | |
Paul Scholes | | |
Ian Wright | | |
Chris Sutton | | |
Didier Drogba | | |
Zlatan Ibrahimović | | |
Ronaldinho | | |
Kaká | | |
Ronaldo Nazário | | |
Pelé | | |
Diego Maradona | | Diego Armando Maradona |
Franz Beckenbauer | | |
Johan Cruyff | | Johan Cruijff |
Ferenc Puskás | | |
Paolo Maldini | | |
Francesco Totti | | |
Andrea Pirlo | | |
Gianluigi Buffon | | |
Iker Casillas | | |
Andrés Iniesta | | |
Gerard Piqué | | |
Luis Figo | | |
Eric Cantona | | |
Dimitar Berbatov | | |
Peter Schmeichel | | |
Paul Merson | | |
Graeme Souness | | |
Jamie Redknapp | | |
Glenn Hoddle | | |
Michael Owen | | |
Robbie Fowler | | |
Peter Crouch | | |
Joey Barton | | |
Dietmar Hamann | | Didi Hamann |
Lothar Matthäus | | Lothar Matthaeus |
Oliver Kahn | | |
Michael Ballack | | |
Bastian Schweinsteiger | | |
Philipp Lahm | | |
Miroslav Klose | | |
Mesut Özil | | |
# ---- executives, owners, officials, agents
Gianni Infantino | | |
Aleksander Čeferin | | |
Florentino Pérez | Real Madrid | |
Joan Laporta | Barcelona | |
Nasser Al-Khelaifi | Paris Saint-Germain | |
Todd Boehly | Chelsea | |
Jim Ratcliffe | Manchester United | Sir Jim Ratcliffe |
Daniel Levy | | |
Richard Masters | | |
Howard Webb | | |
Dan Ashworth | | |
Omar Berrada | Manchester United | |
Jason Wilcox | Manchester United | |
Hugo Viana | Manchester City | |
Txiki Begiristain | | |
Michael Edwards | Liverpool | |
Richard Hughes | Liverpool | |
Mike Gordon | Liverpool | |
John W. Henry | Liverpool | |
William Spearman | Liverpool | |
Paul Mitchell | | |
Andrea Berta | Arsenal | |
Edu Gaspar | | | Edu
Monchi | | |
Deco | Barcelona | |
Max Eberl | Bayern Munich | |
Christoph Freund | Bayern Munich | |
Uli Hoeneß | Bayern Munich | Uli Hoeness |
Karl-Heinz Rummenigge | Bayern Munich | |
Hans-Joachim Watzke | Borussia Dortmund | |
Sebastian Kehl | Borussia Dortmund | |
Lars Ricken | Borussia Dortmund | |
Simon Rolfes | Bayer Leverkusen | |
Fernando Carro | Bayer Leverkusen | |
Fabian Wohlgemuth | VfB Stuttgart | |
Markus Krösche | Eintracht Frankfurt | Markus Kroesche |
Luis Campos | Paris Saint-Germain | |
Farhad Moshiri | | |
Evangelos Marinakis | Nottingham Forest | |
Tony Bloom | Brighton & Hove Albion | |
Stan Kroenke | Arsenal | |
Roman Abramovich | | |
Sheikh Mansour | Manchester City | |
Khaldoon Al Mubarak | Manchester City | |
Yasir Al-Rumayyan | Newcastle United | |
Amanda Staveley | | |
Iñaki Ibáñez | | |
Jorge Mendes | | |
Pini Zahavi | | |
Mino Raiola | | |
Rafaela Pimenta | | |
Kia Joorabchian | | |
Jonathan Barnett | | |
# ---- journalists
Fabrizio Romano | | |
Florian Plettenberg | | |
David Ornstein | | |
Gianluca Di Marzio | | |
Matteo Moretto | | |
Ben Jacobs | | |
Simon Stone | | |
Sami Mokbel | | |
Dean Jones | | |
Christian Falk | | |
Georg Holzner | | |
Raphael Honigstein | | |
Guillem Balagué | | |
Henry Winter | | |
Jason Burt | | |
Matt Law | | |
James Ducker | | |
Mike McGrath | | |
Sam Wallace | | |
Duncan Castles | | |
Alfredo Pedullà | | |
Nicolò Schira | | |
Ekrem Konur | | |
Santi Aouna | | |
Fabrice Hawkins | | |
Julien Laurens | | |
Paul Joyce | | |
James Pearce | | |
Chris Bascombe | | |
Miguel Delaney | | |
"""

# ---------------------------------------------------------------------------------------------
# Word lists used by the curation rules.
# ---------------------------------------------------------------------------------------------

# Media outlets and broadcasters: never an entity, never an alias of anything.
MEDIA = {
    "sky", "sky sports", "sky sport", "sky germany", "sky deutschland", "sky italia", "sky sports news",
    "teamtalk", "team talk", "bbc", "bbc sport", "bbc sports", "espn", "espn fc", "kicker", "bild",
    "sport bild", "bild sport", "marca", "as", "l'equipe", "lequipe", "the athletic", "athletic",
    "goal", "goal.com", "the sun", "sun", "the times", "times", "the guardian", "guardian",
    "daily mail", "mail", "mirror", "daily mirror", "the mirror", "telegraph", "the telegraph",
    "express", "daily express", "independent", "the independent", "sport", "mundo deportivo",
    "gazzetta dello sport", "la gazzetta dello sport", "gazzetta", "corriere dello sport",
    "tuttosport", "record", "a bola", "o jogo", "rmc", "rmc sport", "le parisien", "talksport",
    "sportsmail", "football365", "90min", "fourfourtwo", "metro", "sport1", "dazn", "tnt sports",
    "bt sport", "canal+", "bein sports", "bein", "fox sports", "cbs sports", "nbc sports",
    "sports mole", "sportsmole", "caughtoffside", "this is anfield", "the athletic fc",
    "football london", "football.london", "liverpool echo", "manchester evening news", "givemesport",
    "sky sports news", "fabrizio romano here we go", "here we go", "abendzeitung", "tz",
    "sport bild plus", "sportbild", "l'equipe.fr", "cadena ser", "cope", "el chiringuito",
    "onda cero", "radio marca", "movistar", "sportitalia", "calciomercato", "corriere della sera",
}

# Three-letter upper-case codes that are safe as strong aliases in football news.
SAFE_CODES = {"PSG", "MLS", "EPL", "UCL", "UEL", "BVB", "QPR", "LFC", "HSV", "AEK", "PNE", "RSL",
              "WSL", "CR7", "PSV", "AIK", "HJK", "APOEL", "LASK", "PAOK", "CSKA", "LOSC", "ASSE",
              "NUFC", "MUFC", "MCFC", "THFC", "AVFC", "CPFC", "LCFC", "LUFC", "NFFC", "WHUFC",
              "LAFC", "NYCFC", "UECL", "AFCON"}

# Three/four-letter upper-case strings that are common non-football acronyms: never aliases.
COMMON_ACRONYMS = {"ACL", "MCL", "BBC", "USA", "CEO", "VAR", "FAQ", "GMT", "CET", "TBC", "TBA", "NFL",
                   "NBA", "NHL", "MLB", "UFC", "WWE", "ATP", "WTA", "PGA", "ITV", "ESPN", "CNN", "FBI",
                   "PFA", "FWA", "LMA", "EFL", "FIFA", "UEFA", "SPFL", "DFB", "DFL", "RFEF", "FIGC",
                   "KNVB", "FPF", "IFK", "GIF", "BK", "IF", "SC", "FC", "AC", "AS", "US", "UK", "EU",
                   "CAF", "AFC", "OFC", "BSC", "SV", "TSV", "VFB", "VFL", "SSC", "UAE", "KSA", "PIF",
                   "FSG", "RB", "OK", "CIA", "NHS", "PHD", "MVP", "GOAT", "IFAB", "CAS", "CONI",
                   "SSV", "FSV", "SG", "SPG", "TUS", "SCR", "FCK", "FCB", "FCN", "KSC", "RBL", "ESP",
                   "ENG", "GER", "ITA", "FRA", "POR", "NED", "BEL", "ARG", "BRA", "MEX", "AUS", "JPN"}

# Country names (and a few nationality words): an alias that is only a country name would
# fire on every mention of the national team or of the country itself.
COUNTRIES = {
    "afghanistan", "albania", "algeria", "andorra", "angola", "anguilla", "argentina", "armenia",
    "aruba", "australia", "austria", "azerbaijan", "bahrain", "bangladesh", "belarus", "belgium",
    "belize", "benin", "bermuda", "bolivia", "bosnia", "bosnia and herzegovina", "botswana",
    "brazil", "bulgaria", "burkina faso", "burundi", "cambodia", "cameroon", "canada", "cape verde",
    "chad", "chile", "china", "colombia", "congo", "costa rica", "croatia", "cuba", "curacao",
    "cyprus", "czech republic", "czechia", "denmark", "dominica", "ecuador", "egypt", "el salvador",
    "england", "estonia", "ethiopia", "faroe islands", "fiji", "finland", "france", "gabon",
    "gambia", "georgia", "germany", "ghana", "gibraltar", "greece", "grenada", "guatemala", "guinea",
    "guyana", "haiti", "honduras", "hong kong", "hungary", "iceland", "india", "indonesia", "iran",
    "iraq", "ireland", "israel", "italy", "ivory coast", "jamaica", "japan", "jordan", "kazakhstan",
    "kenya", "korea", "kosovo", "kuwait", "latvia", "lebanon", "liberia", "libya", "liechtenstein",
    "lithuania", "luxembourg", "macedonia", "madagascar", "malawi", "malaysia", "mali", "malta",
    "mauritania", "mexico", "moldova", "monaco", "mongolia", "montenegro", "morocco", "mozambique",
    "myanmar", "namibia", "nepal", "netherlands", "holland", "new zealand", "nicaragua", "niger",
    "nigeria", "north macedonia", "northern ireland", "norway", "oman", "pakistan", "palestine",
    "panama", "paraguay", "peru", "philippines", "poland", "portugal", "puerto rico", "qatar",
    "romania", "russia", "rwanda", "san marino", "saudi arabia", "scotland", "senegal", "serbia",
    "sierra leone", "singapore", "slovakia", "slovenia", "somalia", "south africa", "south korea",
    "spain", "sri lanka", "sudan", "suriname", "sweden", "switzerland", "syria", "tahiti", "taiwan",
    "tajikistan", "tanzania", "thailand", "togo", "tonga", "trinidad", "trinidad and tobago",
    "tunisia", "turkey", "turkiye", "turkmenistan", "uganda", "ukraine", "united arab emirates",
    "united states", "america", "uruguay", "usa", "uzbekistan", "venezuela", "vietnam", "wales",
    "yemen", "zambia", "zimbabwe", "europe", "africa", "asia", "oceania", "south america",
    "north america", "world",
}

# Single words that are ordinary English (or everyday Spanish/Portuguese/Italian) words, or
# first names, in running text.  An alias that is one of these is never strong; a person whose
# whole name is one of these is dropped.  Filled from a review of the candidate aliases against
# the project's news corpora (lower-case occurrences); see README.md.
COMMON_WORDS = set("""
start hard show knockout sporting nice reading derby bill rose car union standard split
strongest hearts junior rapid college racing revolution citizens signal crew tours diamond earthquakes trans
forge gala bury naval barge sirens haka wits jazz horn capita cavalier municipal cavalry
flora real city championship euros river lens brown victor hammers galaxy institute swans distillery
coke enforcers blooming swallows destroyers ops brusque europa euro victoria aurora concordia montana pacific
atlas saturn cosmos sigma sirius lynx pumas spartans ballers motown robinhood progreso resistencia libertas
virtus excelsior avenir tempete progres mitre remo zeta moss frem fram bray grays sedan
valence kerry hope glory grace faith star stars storm thunder lightning fire flames phoenix
eagles lions tigers bears wolves hawks falcons sharks dolphins panthers jaguars rockets jets kings
queens royals saints angels devils warriors titans giants knights pirates raiders united town
athletic athletico rovers wanderers albion county dynamo dinamo lokomotiv spartak slavia sparta torpedo olympic
olympique deportivo atletico inter internacional nacional universidad universitario juventud unión independiente alianza cerro liga
club stade vitoria victory academy academica academia metalist   zvezda   olimpia
olimpija olympia national central east west north south eastern western northern southern borough
pride power energy unity liberty freedom independence republic republica patriots premier elite super mega
golden silver green blue red white black yellow orange purple violet junior juniors senior
seniors youth reserves boys girls lads men women cup league shield trophy trophee pokal
copa coppa coupe taca kupa kubok supercup final finals sport sports sporting-club football soccer
futbol futebol fussball calcio dragons ravens magpies robins swifts bees canaries seagulls foxes owls
mark will grant long little young king price page bell hill wood stone rice
cash baker walker
schumacher tarzan feliz martha lotte marathon castilla fenix caledonia colon larissa nancy
morton pyramids viking vikings marion maga cote essen
""".split())

# Regions, states and big cities that are not the name of one club in English news.
EXTRA_PLACES = [p.strip() for p in """
york, cambridge, oxford, seoul, kobe, newport, washington, salisbury, hereford, munster, leinster,
ulster, connacht, colorado, montana, pacific, pernambuco, tirol, tyrol, karnten, carinthia,
brandenburg, bavaria, vienna, wien, munich, london, paris, rome, madrid, milan, turin, naples, lisbon,
moscow, kyiv, kiev, athens, istanbul, ankara, cairo, riyadh, jeddah, dubai, abu dhabi, doha, glasgow,
edinburgh, manchester, birmingham, sheffield, bristol, nottingham, miami, texas, california, florida,
quebec, ontario, bahia, minas, rio, rio de janeiro, sao paulo, berlin, hamburg, buenos aires,
montevideo, santiago, lima, bogota, caracas, quito, la paz, asuncion, mexico city, tokyo, osaka,
yokohama, beijing, shanghai, guangzhou, shenzhen, hebei, liaoning, zhejiang, shandong, jiangsu,
sapporo, sydney, melbourne, brisbane, perth, adelaide, auckland, wellington, toronto, vancouver,
montreal, chicago, boston, atlanta, seattle, denver, dallas, houston, philadelphia, phoenix, detroit,
cleveland, baltimore, pittsburgh, portland, orlando, charlotte, nashville, cincinnati, columbus,
austin, jacksonville, memphis, tulsa, fresno, sacramento, oakland, oklahoma, kansas, utah, ohio,
indiana, virginia, carolina, north carolina, south carolina, new york, new jersey, new england,
new mexico, new orleans, los angeles, san francisco, san diego, san jose, san antonio, santa clara,
las vegas, salt lake, salt lake city, st louis, kansas city, tampa, tampa bay, orange county,
oklahoma city, el paso, rio grande valley, cornwall, yorkshire, lancashire, kent, essex, sussex,
surrey, devon, cumbria, durham, catalonia, andalusia, galicia, basque, navarra, lombardy, tuscany,
sicily, sardinia, piedmont, corsica, brittany, normandy, alsace, provence, flanders, wallonia,
saxony, bohemia, moravia, silesia, transylvania, anatolia, castilla, rabat, casablanca, tunis,
algiers, tripoli, lagos, accra, nairobi, johannesburg, cape town, pretoria, durban, dakar, abidjan,
kinshasa, luanda, addis ababa, tehran, baghdad, beirut, amman, damascus, kuwait, manama, muscat,
tashkent, almaty, astana, baku, tbilisi, yerevan, minsk, riga, vilnius, tallinn, helsinki,
stockholm, oslo, copenhagen, reykjavik, dublin, belfast, cardiff, amsterdam, rotterdam, brussels,
luxembourg, zurich, geneva, bern, prague, bratislava, budapest, warsaw, krakow, bucharest, sofia,
belgrade, zagreb, ljubljana, sarajevo, skopje, tirana, podgorica, pristina, chisinau, odesa, odessa,
kharkiv, lviv, dnipro, mariupol, donetsk, luhansk, sochi, kazan, st petersburg, saint petersburg,
nicosia, valletta, jerusalem, tel aviv, delhi, new delhi, mumbai, kolkata, bangkok, hanoi, jakarta,
kuala lumpur, singapore, manila, hong kong, taipei, toulon, perpignan, bayonne, clermont, brive,
castres, gloucester, bath, harlequins, saracens, wasps
""".replace("\n", " ").split(",") if p.strip()]

# Multi-word aliases that are ordinary phrases in English text (checked the same way).
COMMON_PHRASES = {p.strip() for p in """
as far
the strongest
always ready
eastern suburbs
modern sport
all boys
roaring lions
the gas
black cats
professional league
red star
new york
real madrid castilla
metropolitan police
juan carlos
jose luis
juan pablo
juan manuel
jose maria
jose antonio
juan antonio
miguel angel
jose manuel
luis miguel
""".strip().splitlines() if p.strip()}


# ---------------------------------------------------------------------------------------------
# Entities
# ---------------------------------------------------------------------------------------------


class Entity:
    __slots__ = ("kind", "canonical", "context", "curated", "origin", "strong", "weak", "tm_ids", "rank", "full", "ref")

    def __init__(self, kind: str, canonical: str, context: str = "", curated: bool = False, origin: str = ""):
        self.kind = kind
        self.canonical = canonical
        self.context = context
        self.curated = curated
        self.origin = origin
        # fold(alias) -> spellings as written (several only when they differ in letters such
        # as ø/o or ß/ss that plain accent stripping keeps apart)
        self.strong: dict[str, list[str]] = {}
        self.weak: dict[str, list[str]] = {}
        self.tm_ids: list[str] = []
        self.rank = 0.0
        self.full = canonical  # the name as the source writes it
        self.ref: "Entity | None" = None  # a person's club

    def add(self, alias: str, strong: bool = True) -> None:
        alias = clean_alias(alias)
        k = fold(alias)
        if not k:
            return
        if strong:
            spellings = self.strong.setdefault(k, [])
            for sp in self.weak.pop(k, []):
                _add_spelling(spellings, sp)
        elif k in self.strong:
            spellings = self.strong[k]
        else:
            spellings = self.weak.setdefault(k, [])
        _add_spelling(spellings, alias)

    def demote(self, k: str) -> None:
        if k in self.strong:
            spellings = self.weak.setdefault(k, [])
            for sp in self.strong.pop(k):
                _add_spelling(spellings, sp)

    def drop(self, k: str) -> None:
        self.strong.pop(k, None)
        self.weak.pop(k, None)

    def keys(self) -> set[str]:
        return set(self.strong) | set(self.weak)


def _basic_key(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.replace("\u2019", "'"))
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def _add_spelling(spellings: list[str], alias: str) -> None:
    if all(_basic_key(x) != _basic_key(alias) for x in spellings):
        spellings.append(alias)


_HOMOGLYPHS = str.maketrans("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧАВЕКМНОРСТХаеорсух", "ABEZHIKMNOPTYXABEKMHOPCTXaeopcyx")


def clean_alias(s: str) -> str:
    if re.search(r"[A-Za-z]", s):
        s = s.translate(_HOMOGLYPHS)  # a stray Greek/Cyrillic look-alike in a Latin name
    s = s.replace("$$", "")
    s = re.sub(r"\s+", " ", s).strip()
    s = s.strip(" ,;")
    return s


def split_list(s: str) -> list[str]:
    return [x.strip() for x in s.split(";") if x.strip()]


def parse_table(text: str, ncols: int) -> list[list[str]]:
    rows = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("|")]
        cols += [""] * (ncols - len(cols))
        if len(cols) != ncols:
            raise SystemExit(f"bad curated row ({len(cols)} columns): {line}")
        rows.append(cols)
    return rows


class Report:
    def __init__(self):
        self.lines: list[str] = []

    def __call__(self, *parts):
        self.lines.append(" ".join(str(p) for p in parts))

    def section(self, title):
        self.lines.append("")
        self.lines.append(f"== {title}")


REPORT = Report()

# ---------------------------------------------------------------------------------------------
# Source: openfootball clubs
# ---------------------------------------------------------------------------------------------

COUNTRY_FIX = {"Latvija": "Latvia", "Macedonia": "North Macedonia", "Congo DR": "DR Congo",
               "Österreich": "Austria", "National Teams": "international"}
GERMAN_SPEAKING = {"Germany", "Austria", "Switzerland", "Liechtenstein"}


class OFClub:
    __slots__ = ("name", "country", "city", "aliases", "defunct", "file")

    def __init__(self, name, country, city, defunct, file):
        self.name, self.country, self.city, self.defunct, self.file = name, country, city, defunct, file
        self.aliases: list[str] = []


def strip_comment(line: str) -> str:
    i = line.find("#")
    return line if i < 0 else line[:i]


def parse_openfootball_clubs(root: str) -> list[OFClub]:
    base = os.path.join(root, "openfootball-clubs")
    files = []
    for d, _dirs, names in os.walk(base):
        for n in names:
            if n.endswith(".clubs.txt"):
                files.append(os.path.join(d, n))
    clubs: list[OFClub] = []
    for path in sorted(files):
        country = None
        current = None
        with open(path, encoding="utf-8") as f:
            for raw in f:
                if raw.startswith("__END__"):
                    break
                line = strip_comment(raw.rstrip("\n"))
                if not line.strip():
                    continue
                st = line.strip()
                if st.startswith("="):
                    if not st.startswith("=="):
                        name = st.strip("= \t").split("•")[0].strip()
                        country = COUNTRY_FIX.get(name, name)
                    current = None
                    continue
                if st.startswith("|"):
                    if current is not None:
                        for a in st.split("|"):
                            a = a.strip()
                            m = re.search(r"\s*\[([a-z]{2})\]$", a)
                            if m:
                                a = a[: m.start()].strip()
                                if m.group(1) == "de" and current.country not in GERMAN_SPEAKING:
                                    continue
                            if a:
                                current.aliases.append(clean_alias(a))
                    continue
                if re.match(r"ii\)", st):
                    current = None  # reserve / B team: skipped with its aliases
                    continue
                if "//" in st:
                    continue  # postal address
                fields = [x.strip() for x in st.split(",")]
                name = fields[0]
                defunct = bool(re.search(r"\(\d{4}\s*-\s*\d{4}\)", name))
                name = re.sub(r"\([^)]*\)", "", name).strip()
                city = ""
                for fld in fields[1:]:
                    if not fld or re.fullmatch(r"\d{4}", fld) or fld.startswith("@"):
                        continue
                    city = re.sub(r"\([^)]*\)", "", fld.split("›")[0]).strip()
                    break
                if not name or country is None:
                    current = None
                    continue
                current = OFClub(clean_alias(name), country, city, defunct, os.path.relpath(path, root))
                clubs.append(current)
    return clubs


# ---------------------------------------------------------------------------------------------
# Source: openfootball leagues
# ---------------------------------------------------------------------------------------------


class OFLeague:
    __slots__ = ("key", "name", "country", "aliases", "historic", "file")

    def __init__(self, key, name, country, historic, file):
        self.key, self.name, self.country, self.historic, self.file = key, name, country, historic, file
        self.aliases: list[str] = []


GERMAN_COUNTRY_WORDS = {
    "deutschland", "österreich", "schweiz", "belgien", "niederlande", "frankreich", "italien",
    "spanien", "türkei", "griechenland", "zypern", "dänemark", "norwegen", "schweden", "finnland",
    "polen", "ungarn", "tschechien", "schottland", "nordirland", "irland", "island", "südkorea",
    "brasilien", "argentinien", "kolumbien", "bolivien", "palästina", "katar", "singapur",
    "slowakei", "slowenien", "kroatien", "serbien", "rumänien", "bulgarien", "russland",
    "weißrussland", "lettland", "litauen", "estland", "tschechisch-slowakischer", "mexiko",
    "ägypten", "marokko", "tunesien", "algerien", "japan", "china", "australien", "chile",
    "paraguay", "peru", "uruguay", "ecuador", "venezuela", "usa", "kanada", "wales", "england",
    "israel", "iran", "portugal", "luxemburg", "malta", "albanien", "armenien", "aserbaidschan",
    "georgien", "kasachstan", "moldawien", "montenegro", "nordmazedonien", "mazedonien", "ukraine",
    "bosnien-herzegowina", "färöer", "andorra", "gibraltar", "liechtenstein", "san", "kosovo",
}


def parse_openfootball_leagues(root: str) -> list[OFLeague]:
    base = os.path.join(root, "openfootball-leagues")
    files = []
    for d, dirs, names in os.walk(base):
        rel = os.path.relpath(d, base)
        if rel.startswith("0-attic") or rel.startswith("1-wikipedia"):
            continue
        for n in names:
            if n.endswith(".txt") and "seasons" not in n:
                files.append(os.path.join(d, n))
    out: list[OFLeague] = []
    for path in sorted(files):
        country = None
        current = None
        with open(path, encoding="utf-8") as f:
            for raw in f:
                if raw.startswith("__END__"):
                    break
                line = strip_comment(raw.rstrip("\n"))
                if not line.strip():
                    continue
                st = line.strip()
                if st.startswith("="):
                    c = st.strip("= \t")
                    c = COUNTRY_FIX.get(c, c)
                    country = "international" if c.lower() == "international" else c
                    current = None
                    continue
                if st.startswith("|"):
                    if current is not None:
                        for a in st.split("|"):
                            a = a.strip()
                            m = re.search(r"\s*\[([a-z]{2})\]$", a)
                            if m:
                                if m.group(1) == "de":
                                    continue
                                a = a[: m.start()].strip()
                            if a:
                                current.aliases.append(a)
                    continue
                if country is None:
                    continue
                parts = st.split(None, 1)
                if len(parts) < 2:
                    current = None
                    continue
                key, rest = parts
                historic = False
                m = re.match(r"^(\d{4}(?:/\d{2})?)?-(\d{4}(?:/\d{2})?)?\s+", rest)
                if m:
                    historic = bool(m.group(2))
                    rest = rest[m.end():]
                if "=>" in rest:
                    rest = rest.split("=>")[-1]
                name = rest.split(",")[0].strip()
                current = OFLeague(key, name, country, historic, os.path.relpath(path, root))
                out.append(current)
    return out


# ---------------------------------------------------------------------------------------------
# Source: transfermarkt 2022 and EURO 2024 squads
# ---------------------------------------------------------------------------------------------

TM_NAME_FIX = {
    "Bo Scaron Ko Janković": "Boško Janković",
    "Milo Scaron Bočić": "Miloš Bočić",
    "Du Scaron An Vlahović": "Dušan Vlahović",
}

PARTICLES_NL = {"van", "der", "den", "de", "ter", "ten", "het", "vd"}
PARTICLES_IBERIAN = {"de", "da", "das", "do", "dos", "del", "la", "las", "los", "e", "y"}
PARTICLES_DE = {"von", "vom", "zu"}
IBERIAN = {"Spain", "Portugal", "Brazil", "Argentina", "Uruguay", "Chile", "Colombia", "Mexico", "Peru",
           "Paraguay", "Venezuela", "Ecuador", "Bolivia", "Cape Verde", "Angola", "Mozambique"}


# Transfermarkt writes a hyphen inside a name as a space ("Aaron Wan Bissaka"), so the names
# English news hyphenates lose their hyphens. These are the hyphenated spellings, found by
# counting in ../shared/corpora which spelling of each transfermarkt name of three or more
# words news uses more often, spaced or with one hyphen, then reviewed by hand (Korean given
# names, "Sang Ho Paik" and the like, are left out: they also need their word order fixed).
# The hyphenated spelling becomes the name; the spaced one stays as an alias (see
# `name_variants`). `hyphenate` also restores two regular patterns not in the table.
HYPHENATED_NAMES = """
Pierre-Emerick Aubameyang | Dominic Calvert-Lewin | Aaron Wan-Bissaka | Ruben Loftus-Cheek
Morgan Gibbs-White | Salem Al-Dawsari | James Ward-Prowse | Rayan Aït-Nouri
Alex Oxlade-Chamberlain | Allan Saint-Maximin | Kiernan Dewsbury-Hall | Callum Hudson-Odoi
Jean-Clair Todibo | Cameron Carter-Vickers | Eric Maxim Choupo-Moting | Kyle Walker-Peters
William Troost-Ekong | Ainsley Maitland-Niles | Shaun Wright-Phillips | Armel Bella-Kotchap
Hal Robson-Kanu | Duje Ćaleta-Car | Bright Osayi-Samuel | Taylor Harwood-Bellis
Pierre Lees-Melou | Kevin-Prince Boateng | Jan-Niklas Beste | Rhys Norrington-Davies
Jean-Ricner Bellegarde | Jay Emmanuel-Thomas | Jesurun Rak-Sakyi | Lucas Gourna-Douath
Michel-Ange Balikwisha | Tyreece John-Jules | Mohamed-Ali Cho | Jean-Kévin Augustin
Alexis Claude-Maurice | Jean-Philippe Krasso | Jean-Charles Castelletto | Quincy Owusu-Abeyie
Benoît Assou-Ekotto | Georges-Kévin Nkoudou | Bailey Peacock-Farrell | Erik Palmer-Brown
Taylor Gardner-Hickman | Ashley Maynard-Brewer | Lionel Mpasi-Nzau | Jaden Philogene-Bidace
Han-Noah Massengo | Jean-Philippe Gbamin | Jean-Pierre Nsamé | Tom Dele-Bashiru
Nathaniel Mendez-Laing | Mapou Yanga-Mbiwa | Timothy Fosu-Mensah | Ron-Robert Zieler
Mousa Al-Tamari | Malachi Fagan-Walcott | Klaas-Jan Huntelaar | Juan Familia-Castillo
Jeff Reine-Adélaïde | Gary Mackay-Steven | Fahad Al-Muwallad | Cameron Borthwick-Jackson
Andreas Hanche-Olsen
"""

# Citizenships whose compound given names are hyphenated ("Jean-Louis", "Marie-Antoinette").
FRANCOPHONE = {
    "France", "Belgium", "Switzerland", "Luxembourg", "Monaco", "Haiti", "Martinique",
    "Guadeloupe", "French Guiana", "Reunion", "New Caledonia", "Cote d'Ivoire", "Cameroon",
    "Senegal", "Mali", "Guinea", "Burkina Faso", "Benin", "Togo", "Gabon", "Congo", "DR Congo",
    "Madagascar", "Niger", "Chad", "Central African Republic", "Comoros", "Mauritania",
    "Djibouti", "Burundi", "Rwanda",
}
# Citizenships whose "Al" article is written joined to the next name ("Salem Al-Dawsari").
ARABIAN = {
    "Saudi Arabia", "Qatar", "United Arab Emirates", "Kuwait", "Bahrain", "Oman", "Yemen",
    "Iraq", "Jordan", "Syria", "Lebanon", "Palestine",
}


def _hyphen_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(name))


HYPHENATED_BY_KEY = {
    _hyphen_key(n): n for n in (x.strip() for x in HYPHENATED_NAMES.replace("\n", "|").split("|")) if n
}


def hyphenate(name: str, citizenship: str) -> str:
    """Restores the hyphens transfermarkt writes as spaces: the spellings of
    `HYPHENATED_NAMES`; for francophone players of three or more words a compound given name
    "Jean X"/"Marie X" ("Jean-Louis Leca"); for players from the Arabian peninsula and the
    Levant the article "Al X" ("Hamad Al-Yami")."""
    if "-" in name:
        return name
    known = HYPHENATED_BY_KEY.get(_hyphen_key(name))
    if known:
        return known
    toks = name.split()
    if len(toks) >= 3 and citizenship in FRANCOPHONE and toks[0] in ("Jean", "Marie") and re.fullmatch(r"[A-ZÀ-Þ][a-zß-ÿ]{2,}", toks[1]):
        return " ".join([toks[0] + "-" + toks[1]] + toks[2:])
    if len(toks) >= 3 and citizenship in ARABIAN:
        for i in range(1, len(toks) - 1):
            if toks[i] == "Al" and toks[i + 1][:1].isupper():
                return " ".join(toks[:i] + [toks[i] + "-" + toks[i + 1]] + toks[i + 2:])
    return name


def fix_tm_person_name(name: str, citizenship: str) -> str:
    name = hyphenate(TM_NAME_FIX.get(name, name), citizenship)
    toks = name.split()
    if len(toks) < 3:
        parts = set()
    elif citizenship == "Netherlands":
        parts = PARTICLES_NL
    elif citizenship in IBERIAN:
        parts = PARTICLES_IBERIAN
    elif citizenship in ("Germany", "Austria"):
        parts = PARTICLES_DE
    else:
        parts = set()
    out = [toks[0]]
    for i, t in enumerate(toks[1:], 1):
        if t.lower() in parts and i < len(toks) - 1:
            out.append(t.lower())
        else:
            out.append(t)
    return " ".join(out)


def read_csv(path: str) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# ---------------------------------------------------------------------------------------------
# Club names
# ---------------------------------------------------------------------------------------------

CLUB_NOISE = {"FC", "F.C.", "F.C", "AFC", "A.F.C.", "CF", "C.F.", "FK", "F.K."}

TM_UPPER = {
    "fc", "ac", "as", "sc", "sv", "kv", "fk", "pfk", "nk", "sk", "gd", "cd", "ud", "sd", "rc", "ea",
    "es", "sm", "ogc", "rsc", "krc", "kaa", "kas", "kvc", "vv", "rfc", "aek", "ao", "ae", "ael",
    "aok", "apo", "gs", "pas", "ofi", "nps", "gfs", "mke", "tsg", "bk", "if", "ff", "ik", "gf",
    "ssc", "us", "cfc", "psv", "az", "ado", "pec", "nac", "vvv", "rkc", "sbv", "cs", "fco", "hsc",
    "gfc", "sco", "losc", "ska", "cska", "cf", "afc", "bsc", "hsv", "fsv", "jc", "ii", "sad", "csm",
}
TM_SPECIAL = {"spvgg": "SpVgg", "vfb": "VfB", "vfl": "VfL", "zska": "CSKA", "amp": "&"}
TM_EXONYMS = {
    "Mailand": "Milan", "Rom": "Rome", "Neapel": "Naples", "Florenz": "Florence", "Genua": "Genoa",
    "Lissabon": "Lisbon", "Moskau": "Moscow", "Kiew": "Kyiv", "Athen": "Athens", "Piraus": "Piraeus",
    "Luttich": "Liège", "Strassburg": "Strasbourg", "Nizza": "Nice", "Arnheim": "Arnhem",
    "Kopenhagen": "Copenhagen", "Kreta": "Crete", "Munchen": "Munich", "Turin": "Turin",
    "Koln": "Köln", "Nurnberg": "Nürnberg", "Dusseldorf": "Düsseldorf", "Furth": "Fürth",
    "Monchengladbach": "Mönchengladbach", "Odessa": "Odesa", "Zaporizhya": "Zaporizhzhia",
}


def tm_club_pretty(pretty: str) -> str:
    out = []
    for t in pretty.split():
        lt = t.lower()
        if lt in TM_SPECIAL:
            out.append(TM_SPECIAL[lt])
        elif lt in TM_UPPER:
            out.append(t.upper())
        elif t in TM_EXONYMS:
            out.append(TM_EXONYMS[t])
        else:
            out.append(t)
    s = " ".join(out)
    s = re.sub(r"^1 (FC|FSV) ", r"1. \1 ", s)
    return s


def derive_club_canonical(name: str, places: set[str] = frozenset()) -> str:
    """'Chelsea FC' -> 'Chelsea', 'FC Twente' -> 'Twente'; but 'FC Tokyo', 'FC Dallas' stay whole:
    English news keeps a prefix when what remains is only a place name."""
    toks = name.split()
    while len(toks) > 1 and toks[-1] in CLUB_NOISE:
        toks.pop()
    if len(toks) > 1 and toks[0] in CLUB_NOISE and fold(" ".join(toks[1:])) not in places:
        toks.pop(0)
    c = " ".join(toks)
    k = fold(c)
    if len(c) < 4 or k in COMMON_WORDS or k in COUNTRIES or re.fullmatch(r"[\d\s.]+", c):
        return name
    return c


# ---------------------------------------------------------------------------------------------
# Alias classification for entities derived from the sources (curated ones are trusted)
# ---------------------------------------------------------------------------------------------

STRONG, WEAK, DROP = "strong", "weak", "drop"


def is_media(k: str) -> bool:
    # "Sky Bet" sponsors the EFL's leagues ("Sky Bet Championship"): no outlet.
    return k in MEDIA or ("sky" in k.replace("-", " ").split() and not k.startswith("sky bet "))


def classify_alias(alias: str, kind: str, names: "NameStats", own: str = "") -> str:
    alias = clean_alias(alias)
    k = fold(alias)
    if not k or is_media(k):
        return DROP
    letters = re.sub(r"[^A-Za-z0-9]", "", ascii_fold(alias))
    if len(k) < 3 or len(letters) < 3:
        return DROP
    if alias.isupper() and alias.replace(" ", "").isalpha():
        if alias in COMMON_ACRONYMS:
            return DROP
        if len(letters) <= 3:
            return STRONG if alias in SAFE_CODES else DROP
    elif len(letters) <= 3:
        return DROP
    toks = k.split()
    if k in COUNTRIES or k in names.big_places:
        return WEAK
    if len(toks) == 1:
        if k in COMMON_WORDS:
            return WEAK
        if kind == "club" and (k in names.first or k in names.last):
            return WEAK
        if kind == "club" and k in names.shared_places and k != fold(own):
            return WEAK
        return STRONG
    if k in COMMON_PHRASES:
        return WEAK
    return STRONG


class NameStats:
    def __init__(self):
        self.first: set[str] = set()
        self.last: set[str] = set()
        self.places: set[str] = set()  # every city with a club, plus EXTRA_PLACES
        self.shared_places: set[str] = set()  # cities with several clubs
        self.big_places: set[str] = set()  # EXTRA_PLACES: never strong alone


# ---------------------------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------------------------


def build(root: str) -> list[Entity]:
    R = REPORT

    # ---------------- curated clubs
    clubs: list[Entity] = []
    by_tm_slug: dict[str, Entity] = {}
    seen_canon: dict[str, Entity] = {}
    for canon, country, strong, weak, tm in parse_table(CURATED_CLUBS, 5):
        e = Entity("club", canon, country, curated=True, origin="curated")
        weak_l = split_list(weak)
        if fold(canon) not in {fold(w) for w in weak_l}:
            e.add(canon, True)
        for a in split_list(strong):
            e.add(a, True)
        for a in weak_l:
            e.add(a, False)
        if fold(canon) in seen_canon:
            raise SystemExit(f"duplicate curated club {canon}")
        seen_canon[fold(canon)] = e
        for slug in split_list(tm):
            by_tm_slug[slug] = e
        clubs.append(e)
    curated_clubs = list(clubs)

    # curated loose index, per country
    cur_loose: dict[tuple[str, str], set[Entity]] = defaultdict(set)
    for e in curated_clubs:
        for a in [e.canonical, *(x for v in e.strong.values() for x in v)]:
            cur_loose[(e.context, loose(a))].add(e)

    # ---------------- openfootball clubs
    of_clubs = parse_openfootball_clubs(root)
    R.section("openfootball clubs")
    R("club lines parsed:", len(of_clubs), "defunct skipped:", sum(c.defunct for c in of_clubs))
    city_count: Counter = Counter()
    for c in of_clubs:
        if not c.defunct and c.city:
            city_count[(c.country, fold(c.city))] += 1
    names = NameStats()
    # every city that is home to a club: an alias that is only a city name is weak for a
    # derived club (unless it is the club's own canonical name), and so is a one-word person name
    names.places = {city for (_co, city) in city_count} | {fold(x) for x in EXTRA_PLACES}
    per_city = Counter()
    for (_co, city), n in city_count.items():
        per_city[city] += n
    names.shared_places = {city for city, n in per_city.items() if n >= 2}
    names.big_places = {fold(x) for x in EXTRA_PLACES}

    derived_cands: dict[int, list[str]] = {}
    absorbed = defaultdict(list)
    of_entity: dict[int, Entity] = {}
    for c in of_clubs:
        if c.defunct:
            continue
        allnames = [c.name, *c.aliases]
        hits = set(cur_loose.get((c.country, loose(c.name)), set()))
        if not hits:
            for n in allnames:
                hits |= cur_loose.get((c.country, loose(n)), set())
        if len(hits) == 1:
            e = next(iter(hits))
            absorbed[e.canonical].extend(a for a in allnames if fold(a) not in e.keys())
            of_entity[id(c)] = e
            continue
        if len(hits) > 1:
            R("openfootball club matches several curated clubs, kept apart:", c.name,
              sorted(x.canonical for x in hits))
        e = Entity("club", derive_club_canonical(c.name, names.places), c.country, origin=c.file)
        e.full = c.name
        derived_cands[id(e)] = allnames + [e.canonical]
        of_entity[id(c)] = e
        clubs.append(e)
    R("curated clubs that absorbed no openfootball club:",
      sorted(e.canonical for e in curated_clubs if e.canonical not in absorbed
             and not any(of_entity.get(id(c)) is e for c in of_clubs)))

    # loose index over every club name (for linking the other sources)
    def club_index(country_filter=None):
        idx: dict[str, set[Entity]] = defaultdict(set)
        for e in clubs:
            if country_filter and e.context != country_filter:
                continue
            names_ = [e.canonical, *(x for d in (e.strong, e.weak) for v in d.values() for x in v),
                      *derived_cands.get(id(e), [])]
            for a in names_:
                idx[loose(a)].add(e)
        return idx

    # ---------------- transfermarkt clubs
    tm_dir = os.path.join(root, "transfermarkt-2022")
    comps = read_csv(os.path.join(tm_dir, "competitions.csv"))
    comp_country = {r["competition_id"]: r["country_name"] for r in comps}
    tm_clubs = read_csv(os.path.join(tm_dir, "clubs.csv"))
    tm_club_entity: dict[str, Entity] = {}
    R.section("transfermarkt clubs")
    per_country_idx: dict[str, dict] = {}
    created = []
    for r in sorted(tm_clubs, key=lambda r: int(r["club_id"])):
        slug = r["name"]
        e = by_tm_slug.get(slug)
        if e is None:
            country = comp_country.get(r["domestic_competition_id"], "")
            if country not in per_country_idx:
                per_country_idx[country] = club_index(country)
            idx = per_country_idx[country]
            pretty = tm_club_pretty(r["pretty_name"])
            hits = idx.get(loose(pretty), set())
            if not hits:
                # try without the trailing city ("Panathinaikos Athens" -> "Panathinaikos")
                toks = loose(pretty).split()
                for n in range(len(toks) - 1, 0, -1):
                    hits = idx.get(" ".join(toks[:n]), set())
                    if hits:
                        break
            if len(hits) == 1:
                e = next(iter(hits))
            else:
                e = Entity("club", derive_club_canonical(pretty, names.places), country,
                           origin="transfermarkt-2022/clubs.csv")
                e.full = pretty
                derived_cands[id(e)] = [pretty, e.canonical]
                clubs.append(e)
                per_country_idx.pop(country, None)
                created.append(f"{r['pretty_name']} -> {e.canonical} ({country})"
                               + (f" [ambiguous: {sorted(x.canonical for x in hits)}]" if hits else ""))
        e.tm_ids.append(r["club_id"])
        tm_club_entity[r["club_id"]] = e
    R("transfermarkt clubs:", len(tm_clubs), "new club entities (not in curated table nor openfootball):", len(created))
    for line in created:
        R("  ", line)
    unused = sorted(s for s in by_tm_slug if s not in {r["name"] for r in tm_clubs})
    if unused:
        R("curated transfermarkt slugs not found in clubs.csv:", unused)

    # ---------------- people
    people: dict[str, Entity] = {}
    person_sources: dict[str, list[tuple]] = defaultdict(list)  # pkey -> [(priority, rank, name, context)]

    def pkey(name: str) -> str:
        return re.sub(r"[^a-z0-9]", "", fold(name))

    def add_person(name: str, context: "Entity | None", priority: int, rank: float, origin: str):
        name = re.sub(r"\s+", " ", name).strip()
        if not name:
            return
        k = pkey(name)
        if not k:
            return
        person_sources[k].append((priority, rank, name, context, origin))

    # curated people
    curated_person_extra: dict[str, tuple[list[str], list[str]]] = {}
    club_by_canon = {e.canonical: e for e in clubs}
    for canon, ctx, strong, weak in parse_table(CURATED_PEOPLE, 4):
        club = club_by_canon.get(ctx) if ctx else None
        if ctx and club is None:
            R("curated person context is not a club canonical:", canon, ctx)
        k = pkey(canon)
        if k in curated_person_extra:
            raise SystemExit(f"duplicate curated person {canon}")
        curated_person_extra[k] = (split_list(strong), split_list(weak))
        add_person(canon, club, 4, 0.0, "curated")

    # EURO 2024 squads
    euro = read_csv(os.path.join(root, "euro2024", "euro2024_players.csv"))
    R.section("EURO 2024 squads")
    global_idx = club_index()
    euro_club_cache: dict[str, Entity | None] = {}
    unlinked = Counter()
    for r in euro:
        club = r["Club"].strip()
        if club not in euro_club_cache:
            name = EURO_CLUB_FIX.get(club, club)
            hits = global_idx.get(loose(name), set())
            if len(hits) > 1:
                cur = [h for h in hits if h.curated]
                hits = set(cur) if len(cur) == 1 else hits
            if len(hits) > 1:
                # prefer a club playing where most squads' clubs play: drop the obscure ones
                with_tm = [h for h in hits if h.tm_ids]
                hits = set(with_tm) if len(with_tm) == 1 else hits
            euro_club_cache[club] = next(iter(hits)) if len(hits) == 1 else None
            if len(hits) != 1:
                unlinked[f"{club} ({'ambiguous: ' + ', '.join(sorted(h.canonical for h in hits)) if hits else 'not found'})"] += 1
        try:
            value = float(r.get("MarketValue") or 0)
        except ValueError:
            value = 0.0
        add_person(r["Name"], euro_club_cache[club], 3, value, "euro2024")
    R("players:", len(euro), "clubs:", len(euro_club_cache), "clubs not linked to a club entity:", len(unlinked))
    for k_, n in sorted(unlinked.items()):
        R("  ", k_, n)

    # transfermarkt coaches and players
    for r in tm_clubs:
        coach = (r.get("coach_name") or "").strip()
        if coach:
            add_person(hyphenate(coach, ""), tm_club_entity[r["club_id"]], 2, 0.0, "transfermarkt-2022/clubs.csv")
    players = read_csv(os.path.join(tm_dir, "players.csv"))
    junk = 0
    for r in players:
        slug = r["name"]
        if re.fullmatch(r"[a-z]+tm", slug):
            junk += 1  # truncated names in the source ("tomtm", "leotm")
            continue
        name = fix_tm_person_name(r["pretty_name"].strip(), r["country_of_citizenship"])
        try:
            value = float(r.get("highest_market_value_in_gbp") or 0)
        except ValueError:
            value = 0.0
        ctx = tm_club_entity.get(r["current_club_id"])
        add_person(name, ctx, 1, value, "transfermarkt-2022/players.csv")
    R.section("transfermarkt players")
    R("players:", len(players), "junk names skipped:", junk)

    # a curated person's alternative full names pull in the source rows written that way
    for k, (strong_x, _w) in sorted(curated_person_extra.items()):
        for alt in strong_x:
            ak = pkey(alt)
            if ak != k and ak in person_sources:
                person_sources[k].extend(person_sources.pop(ak))
                R("  merged source rows for", repr(alt), "into curated", repr(person_sources[k][0][2]))

    # name statistics (for single-word names and club aliases)
    first_c, last_c = Counter(), Counter()
    for k, srcs in person_sources.items():
        best = max(srcs, key=lambda s: (s[0], s[1]))
        # hyphenated names count their parts ("Robson-Kanu": "kanu" is a surname)
        toks = fold(best[2]).replace("-", " ").split()
        if len(toks) >= 2:
            first_c[toks[0]] += 1
            last_c[toks[-1]] += 1
    names.first = {t for t, n in first_c.items() if n >= 1}
    names.last = {t for t, n in last_c.items() if n >= 1}

    germanic = {"Germany", "Austria", "Switzerland"}
    citizenship = {}
    for r in players:
        citizenship[pkey(fix_tm_person_name(r["pretty_name"].strip(), r["country_of_citizenship"]))] = r["country_of_citizenship"]
    for r in euro:
        citizenship[pkey(r["Name"])] = r["Country"]

    persons: list[Entity] = []
    dropped_people = Counter()
    dropped_names: list[str] = []
    for k in sorted(person_sources):
        srcs = sorted(person_sources[k], key=lambda s: (-s[0], -s[1], s[2], s[4]))
        best = srcs[0]
        canon = best[2]
        ctx = next((s[3] for s in srcs if s[3] is not None), None)
        # a curated or EURO 2024 context beats an older transfermarkt one
        top_ctx = [s[3] for s in srcs if s[0] == best[0] and s[3] is not None]
        if top_ctx:
            ctx = top_ctx[0]
        elif best[0] == 4:
            ctx = None  # curated with no club: do not inherit a stale 2022 club
        curated = best[0] == 4
        e = Entity("person", canon, "", curated=curated, origin=best[4])
        e.ref = ctx
        ck = fold(canon)
        single = len(ck.split()) == 1
        if not curated:
            if len(canon) < 4:
                dropped_people["shorter than 4 characters"] += 1
                continue
            if single and ck in COMMON_WORDS:
                dropped_people["single common word"] += 1
                dropped_names.append(canon)
                continue
            if is_media(ck):
                dropped_people["media outlet name"] += 1
                continue
        spellings = [canon] + [s[2] for s in srcs[1:]]
        strong_x, weak_x = curated_person_extra.get(k, ([], []))
        weak_keys = {fold(w) for w in weak_x}
        for sp in spellings + strong_x:
            if fold(sp) in weak_keys:
                continue
            e.add(sp, True)
            for v in name_variants(sp, citizenship.get(k, "") in germanic):
                e.add(v, True)
        for w in weak_x:
            e.add(w, False)
        if not curated:
            for a in list(e.strong):
                toks = a.split()
                if len(toks) == 1 and (a in COMMON_WORDS or a in names.first or a in names.last
                                       or a in names.places or a in COUNTRIES):
                    e.demote(a)
                elif len(toks) > 1 and a in COMMON_PHRASES:
                    e.demote(a)
                elif len(toks) == 1 and len(a) < 4:
                    e.drop(a)
        persons.append(e)
    R.section("people")
    R("distinct people:", len(persons), "dropped:", dict(sorted(dropped_people.items())), sorted(dropped_names))

    # ---------------- classify derived club aliases
    for e in clubs:
        if e.curated:
            continue
        for a in derived_cands.get(id(e), []):
            cls = classify_alias(a, "club", names, own=e.canonical)
            if cls == STRONG:
                e.add(a, True)
            elif cls == WEAK:
                e.add(a, False)

    # ---------------- competitions
    comps_out = build_competitions(root, comps, names)

    # ---------------- national teams (curated clubs, added after the sources were linked so
    # that no source club or player's club is matched to a national team)
    national = build_national_teams()

    entities = clubs + national + persons + comps_out
    resolve(entities)
    return finalize(entities)


NATIONAL_TEAM = "national team"


def national_team_forms(names_: list[str], adjectives: list[str]) -> list[str]:
    """The strong spellings made from a team's country names and adjectives."""
    out = []
    for n in names_:
        out += [f"{n} national team", f"{n} national football team", f"{n} men's national team",
                f"{n} women's national team"]
        letters = re.sub(r"[^A-Za-z]", "", ascii_fold(n))
        if len(letters) >= 4 and not n.isupper():
            out.append(f"{n} Women")  # not "US Women" ("US Women's Open" is golf)
    for a in adjectives:
        out += [f"{a} national team", f"{a} national football team", f"{a} women's national team"]
    return out


def build_national_teams() -> list[Entity]:
    """National teams from NATIONAL_TEAMS: curated `club` entities, context "national team"."""
    R = REPORT
    R.section("national teams")
    out: list[Entity] = []
    seen: set[str] = set()
    for canon, others, adjs, strong, weak in parse_table(NATIONAL_TEAMS, 5):
        if fold(canon) in seen:
            raise SystemExit(f"duplicate national team {canon}")
        seen.add(fold(canon))
        e = Entity("club", canon, NATIONAL_TEAM, curated=True, origin="curated national team")
        country_names = [canon, *split_list(others)]
        for a in [*split_list(strong), *national_team_forms(country_names, split_list(adjs))]:
            e.add(a, True)
        for a in [*country_names, *split_list(weak)]:
            if fold(a) in e.strong:
                raise SystemExit(f"national team {canon}: {a!r} is both strong and weak")
            e.add(a, False)
        out.append(e)
    R("national teams:", len(out), "strong aliases:", sum(len(e.strong) for e in out),
      "weak aliases:", sum(len(e.weak) for e in out))
    return out


def name_variants(name: str, germanic: bool) -> list[str]:
    out = []
    if has_non_decomposable(name):
        out.append(ascii_fold(name))
    if re.search(r"[^\W\d_][\w']*-(?=[^\W\d_])", name):
        spaced = re.sub(r"(?<=\w)-(?=[^\W\d_])", lambda m: " " if name[m.end()].isupper() else "-", name)
        if spaced != name:
            out.append(spaced)
    if germanic and re.search(r"[äöüÄÖÜ]", name):
        t = name
        for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue")):
            t = t.replace(a, b)
        out.append(t)
    return out


# Club names in the EURO 2024 file that need help to find their entity.
EURO_CLUB_FIX = {
    "Al-Ittihad Club": "Al Ittihad",
    "Al-Okhdood Club": "Al Okhdood",
    "Twente Enschede FC": "FC Twente",
    "Bröndby IF": "Brøndby",
    "Pisa Sporting Club": "Pisa",
}


# ---------------------------------------------------------------------------------------------
# Competitions
# ---------------------------------------------------------------------------------------------

GENERIC_COMPETITION = {
    "cup", "super cup", "supercup", "league cup", "premier league", "championship", "first division",
    "second division", "third division", "premier division", "primera division", "segunda division",
    "super league", "pro league", "national league", "first league", "second league", "league one",
    "league two", "division 1", "division 2", "division one", "division two", "1. division",
    "2. division", "national division", "premiership", "stars league", "liga", "serie a", "serie b",
    "primera a", "primera b", "state cup", "fa cup", "challenge cup", "national", "coupe", "super coppa",
    "league", "premier league a", "football league", "first division a", "first division b",
    "challenge league", "pro league 2", "liga 1", "liga 2", "supercopa", "copa", "taça", "bikar",
    "ligacup", "liigacup", "cupen", "campionato", "i liga", "ii liga", "1. liga", "2. liga",
}


def build_competitions(root: str, tm_comps: list[dict], names: NameStats) -> list[Entity]:
    R = REPORT
    R.section("competitions")
    out: list[Entity] = []
    tm_map: dict[str, Entity] = {}
    for canon, ctx, strong, weak, tm in parse_table(CURATED_COMPETITIONS, 5):
        e = Entity("competition", canon, ctx, curated=True, origin="curated")
        weak_l = split_list(weak)
        if fold(canon) not in {fold(w) for w in weak_l}:
            e.add(canon, True)
        for a in split_list(strong):
            e.add(a, True)
        for a in weak_l:
            e.add(a, False)
        for t in split_list(tm):
            tm_map[t] = e
        out.append(e)
    curated = list(out)
    missing = [r["competition_id"] + " " + r["name"] for r in tm_comps if r["competition_id"] not in tm_map]
    if missing:
        R("transfermarkt competitions without a curated entity:", missing)

    def same_scope(e: Entity, country: str) -> bool:
        return e.context == country or (country == "international" and e.context == "international")

    leagues = parse_openfootball_leagues(root)
    # how many countries use each name: a name used in two countries is generic
    name_countries: dict[str, set] = defaultdict(set)
    for lg in leagues:
        for n in [lg.name, *lg.aliases]:
            name_countries[fold(clean_alias(n))].add(lg.country)

    def usable(a: str) -> bool:
        a = clean_alias(a)
        if not a or re.fullmatch(r"[a-zäöüß0-9.\-_ ]+", a):  # codes such as eng.pl, d.1, usmxlc
            return False
        if re.fullmatch(r"[A-Z]{2,4} [A-Z0-9]{1,3}", a):  # ENG PL, GER BL
            return False
        if a.split()[0].lower() in GERMAN_COUNTRY_WORDS and fold(a.split()[0]) not in COUNTRIES:
            return False
        return True

    skipped = Counter()
    absorbed = defaultdict(list)
    derived: dict[str, Entity] = {}
    for lg in leagues:
        tier = re.match(r"(\d+)", lg.key)
        if lg.historic:
            skipped["historic"] += 1
            continue
        if tier and int(tier.group(1)) >= 4:
            skipped["tier 4 or lower"] += 1
            continue
        if re.search(r"quali|play ?offs|comeback|relegation|promotion", lg.name, re.I):
            skipped["qualifying/play-off"] += 1
            continue
        allnames = [clean_alias(a) for a in [lg.name, *lg.aliases] if usable(a)]
        if not allnames:
            skipped["no usable name"] += 1
            continue
        target = None
        for e in curated:
            if same_scope(e, lg.country) and fold(allnames[0]) in e.keys():
                target = e
                break
        if target is None:
            for e in curated:
                if same_scope(e, lg.country) and any(fold(a) in e.keys() for a in allnames):
                    target = e
                    break
        if target is not None:
            absorbed[target.canonical].extend(a for a in allnames if fold(a) not in target.keys())
            continue

        def generic(a: str) -> bool:
            k = fold(a)
            return k in GENERIC_COMPETITION or len(name_countries[k]) > 1 or k in COUNTRIES

        # 'S. League', '1. League': one letter or digit and a generic word is not a name
        good = [a for a in allnames if not generic(a)
                and not re.fullmatch(r"\w\.? \w+( \d)?", fold(a))]
        if not good:
            skipped["only generic names"] += 1
            continue
        stem = fold(lg.country)[:4] if lg.country != "international" else ""
        qualified = [a for a in good if stem and stem in fold(a)]
        canon = allnames[0] if allnames[0] in good else (qualified or good)[0]
        ctx = lg.country
        if fold(canon) in derived:
            e = derived[fold(canon)]
        else:
            e = Entity("competition", canon, ctx, origin=lg.file)
            derived[fold(canon)] = e
            out.append(e)
        for a in good:
            cls = classify_alias(a, "competition", names)
            if cls != DROP:
                e.add(a, cls == STRONG)
    R("openfootball league entries:", len(leagues), "skipped:", dict(sorted(skipped.items())),
      "derived competitions:", len(derived))
    for canon in sorted(absorbed):
        extra = sorted(set(absorbed[canon]), key=fold)
        if extra:
            R("  source names folded into curated", repr(canon), "(not used as aliases):", "; ".join(extra))
    return out


# ---------------------------------------------------------------------------------------------
# Collisions, media filter, canonical uniqueness
# ---------------------------------------------------------------------------------------------


def resolve(entities: list[Entity]) -> None:
    R = REPORT
    R.section("alias collisions (same kind)")
    for kind in ("club", "competition", "person"):
        ents = [e for e in entities if e.kind == kind]
        owners: dict[str, list[Entity]] = defaultdict(list)
        for e in ents:
            for k in e.strong:
                owners[k].append(e)
        n_cur = n_demoted = 0
        demoted_examples = []
        for k in sorted(owners):
            es = owners[k]
            if len(es) < 2:
                continue
            cur = [e for e in es if e.curated]
            if len(cur) == 1:
                for e in es:
                    if not e.curated:
                        e.drop(k)
                n_cur += 1
                R(f"  {kind}: '{k}' kept by curated {cur[0].canonical!r}, removed from",
                  "; ".join(sorted(e.canonical + " (" + e.context + ")" for e in es if not e.curated)))
            else:
                if len(cur) > 1:
                    R(f"  {kind}: CURATED COLLISION '{k}':", "; ".join(sorted(e.canonical for e in cur)))
                for e in es:
                    e.demote(k)
                n_demoted += 1
                if len(demoted_examples) < 400:
                    demoted_examples.append(f"'{k}': " + "; ".join(sorted(e.canonical + " (" + e.context + ")" for e in es)))
        # a curated entity owns its aliases, strong or weak, against derived entities of its kind
        cur_keys: dict[str, Entity] = {}
        for e in ents:
            if e.curated:
                for k in e.keys():
                    cur_keys.setdefault(k, e)
        n_owned = 0
        for e in ents:
            if e.curated:
                continue
            for k in list(e.keys()):
                if k in cur_keys:
                    if k in e.strong:
                        R(f"  {kind}: '{k}' belongs to curated {cur_keys[k].canonical!r}, removed from {e.canonical!r} ({e.context})")
                    e.drop(k)
                    n_owned += 1
        R(f"  {kind}: {n_cur} strong collisions resolved for a curated entity, {n_demoted} demoted to weak "
          f"on every entity sharing them, {n_owned} aliases removed from derived entities in favour of curated ones")
        for line in demoted_examples:
            R(f"  {kind}: demoted to weak", line)

    R.section("cross-kind overlaps")
    by_kind_keys: dict[str, dict[str, Entity]] = {}
    for kind in ("club", "competition"):
        d = {}
        for e in entities:
            if e.kind == kind:
                for k in e.keys():
                    d.setdefault(k, e)
        by_kind_keys[kind] = d
    for e in entities:
        if e.kind != "person":
            continue
        for k in list(e.strong):
            for kind in ("club", "competition"):
                other = by_kind_keys[kind].get(k)
                if other is not None:
                    R(f"  person {e.canonical!r}: alias '{k}' is also a {kind} alias of {other.canonical!r}; demoted")
                    e.demote(k)
                    break
    club_keys = {k for e in entities if e.kind == "club" for k in e.strong}
    for e in entities:
        if e.kind == "competition":
            for k in sorted(set(e.strong) & club_keys):
                R(f"  competition {e.canonical!r}: alias '{k}' is also a strong club alias")


def finalize(entities: list[Entity]) -> list[Entity]:
    R = REPORT
    R.section("final clean-up")
    out = []
    media_dropped = []
    for e in entities:
        if is_media(fold(e.canonical)):
            media_dropped.append(e.canonical)
            continue
        for k in list(e.keys()):
            if is_media(k):
                e.drop(k)
        out.append(e)
    if media_dropped:
        R("entities dropped as media outlets:", sorted(media_dropped))

    # A derived club or competition is shown under a name that is one of its strong aliases:
    # the full source name, or another strong alias ('Knockout' -> 'South African Telkom
    # Knockout'); with no strong alias at all, under "Name (Country)", which no text contains.
    for e in out:
        if e.curated or e.kind == "person" or fold(e.canonical) in e.strong:
            continue
        old = e.canonical
        if fold(e.full) in e.strong:
            e.canonical = e.full
        elif e.strong:
            stem = fold(e.context)[:4]
            names_ = [v[0] for v in e.strong.values()]
            # prefer a longer form of the old name, then a written-out name over a code, then
            # one naming the country ("Nigerian Professional League")
            e.canonical = min(names_, key=lambda n: (fold(old) not in fold(n), n.isupper(),
                                                     not (stem and stem in fold(n)), names_.index(n)))
        else:
            e.canonical = f"{old} ({e.context})"
        R(f"  {e.kind}: canonical {old!r} is not a strong alias of it; shown as {e.canonical!r}")
    # A derived person whose own name went to a curated person ('Ronaldo', 'Vinicius') cannot
    # be named apart from them: dropped.
    lost = [e for e in out if e.kind == "person" and not e.curated and fold(e.canonical) not in e.keys()]
    if lost:
        R("  people dropped, their name belongs to a curated person:", sorted(e.canonical for e in lost))
        lost_ids = {id(e) for e in lost}
        out = [e for e in out if id(e) not in lost_ids]
    # canonical names must be unique within a kind: keep the curated / best-known one
    by_canon: dict[tuple[str, str], list[Entity]] = defaultdict(list)
    for e in out:
        by_canon[(e.kind, fold(e.canonical))].append(e)
    for (kind, k), es in sorted(by_canon.items()):
        if len(es) < 2:
            continue
        es.sort(key=lambda e: (not e.curated, -len(e.tm_ids), -len(e.strong), e.context, e.origin))
        taken = {fold(x.canonical) for x in out if x.kind == kind}
        for e in es[1:]:
            old = e.canonical
            if fold(e.full) not in taken:
                e.canonical = e.full
            else:
                e.canonical = f"{old} ({e.context})" if e.context else f"{old} ({e.origin})"
            taken.add(fold(e.canonical))
            R(f"  {kind}: duplicate canonical {old!r}; renamed to {e.canonical!r}")
    # a person's context is the canonical name of their club, as finally written
    kept = {id(e) for e in out}
    for e in out:
        if e.kind == "person":
            e.context = e.ref.canonical if e.ref is not None and id(e.ref) in kept else ""
    no_strong = Counter(e.kind for e in out if not e.strong)
    R("entities with weak aliases only (recognised only via the canonical elsewhere):", dict(sorted(no_strong.items())))
    return out


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------

KIND_ORDER = {"club": 0, "competition": 1, "person": 2}


def sanitize(s: str) -> str:
    return re.sub(r"[\t|\r\n]+", " ", s).strip()


def ordered_aliases(e: Entity, d: dict[str, list[str]]) -> list[str]:
    ck = fold(e.canonical)
    out = []
    for k in sorted(d, key=lambda k: (k != ck, k)):
        spellings = sorted(d[k], key=lambda x: (x != e.canonical, x))
        out.extend(sanitize(x) for x in spellings)
    return out


HEADER = """\
# scout gazetteer: clubs, people and competitions named in football news.
# Generated by src/extract/gazetteer/generate.py from ../shared/gazetteer-sources; do not edit by hand.
# Columns: kind<TAB>canonical<TAB>strong_aliases<TAB>weak_aliases<TAB>context
# Aliases are |-separated and matched case-insensitively after ASCII folding.
# Weak aliases count only when the same entity is also named by a strong alias in the article.
# context: club -> country; competition -> country or "international"; person -> club (may be empty).
"""


def write(entities: list[Entity], path: str) -> None:
    rows = []
    for e in entities:
        rows.append((
            KIND_ORDER[e.kind], fold(e.canonical), e.canonical,
            "\t".join([e.kind, sanitize(e.canonical), "|".join(ordered_aliases(e, e.strong)),
                       "|".join(ordered_aliases(e, e.weak)), sanitize(e.context)]),
        ))
    rows.sort()
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER)
        for r in rows:
            f.write(r[3] + "\n")
    os.replace(tmp, path)


def write_name_words(gazetteer_path: str) -> str:
    """Writes beside the gazetteer every word of its names and aliases, folded ('messi',
    'henri', 'tony'), one per line, sorted: scout's stemmer keeps an English word's final
    'y' where its stem would be a name's ending in 'i' and the word is no name itself
    ('messy' is not 'Messi'; 'Tony' stays 'Toni')."""
    words = set()
    with open(gazetteer_path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            for name in [cols[1]] + cols[2].split("|") + cols[3].split("|"):
                words.update(w for w in re.split(r"[^0-9a-z]+", ascii_fold(name).lower())
                             if len(w) >= 2)
    path = os.path.join(os.path.dirname(gazetteer_path), "name-words.txt")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(w + "\n" for w in sorted(words)))
    return path


# ---------------------------------------------------------------------------------------------
# Self-check of the written file (run after every generation; a failure is an error)
# ---------------------------------------------------------------------------------------------


def check(path: str) -> list[str]:
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                if rows:
                    return ["comment line after data"]
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 5:
                return [f"bad line: {line!r}"]
            rows.append(cols)
    ents = {}
    problems = []
    for kind, canon, strong, weak, ctx in rows:
        if kind not in KIND_ORDER:
            problems.append(f"bad kind {kind}")
        if (kind, canon) in ents:
            problems.append(f"duplicate canonical {kind} {canon}")
        ents[(kind, canon)] = ([a for a in strong.split("|") if a], [a for a in weak.split("|") if a], ctx)

    def has(kind, canon, strong=(), weak=()):
        e = ents.get((kind, canon))
        if e is None:
            problems.append(f"missing {kind} {canon!r}")
            return
        for group, want in ((e[0], strong), (e[1], weak)):
            keys = {fold(a) for a in group}
            for w in want:
                alts = w if isinstance(w, tuple) else (w,)
                if not any(fold(x) in keys for x in alts):
                    problems.append(f"{kind} {canon!r} lacks {'strong' if group is e[0] else 'weak'} alias {w!r}")

    has("club", "Bayer Leverkusen", ["Leverkusen"])
    has("club", "Bayern Munich", ["Bayern"])
    has("club", "1. FC Köln", [("Koln", "Köln")])
    has("club", "VfB Stuttgart", ["Stuttgart"])
    has("club", "Liverpool", ["Liverpool"], ["the Reds"])
    has("club", "Manchester United", ["Man Utd", "Man United"], ["United"])
    has("club", "Tottenham Hotspur", ["Spurs", "Tottenham"])
    has("club", "Paris Saint-Germain", ["PSG"])
    has("club", "Atlético Madrid", ["Atletico", "Atleti"])
    has("club", "Barcelona", ["Barca"])
    has("club", "Inter Milan", [], ["Inter"])
    has("club", "Chelsea", [], ["the Blues"])
    for c in ("Borussia Dortmund", "Al Nassr", "Lille", "Real Madrid", "Chelsea"):
        has("club", c, [c])
    has("competition", "DFB-Pokal", ["DFB-Pokal"])
    has("competition", "Championship", [], ["Championship"])
    for p in ("Waldemar Anton", "Xabi Alonso", "Arne Slot", "Virgil van Dijk", "Leny Yoro", "Levi Colwill",
              "Florian Plettenberg", "Luke Chambers", "Jürgen Klopp", "Fabrizio Romano", "David Ornstein"):
        has("person", p, [p])
    has("person", "Jürgen Klopp", ["Jurgen Klopp"])
    has("person", "Martin Ødegaard", ["Martin Odegaard"])
    # national teams: nicknames strong, country names weak, men's and women's sides one entity
    has("club", "England", ["Three Lions", "Lionesses", "England national team", "England Women"], ["England"])
    has("club", "Australia", ["Socceroos", "Matildas"], ["Australia"])
    has("club", "United States", ["USMNT", "USWNT", "US national team"], ["United States", "USA", "US"])
    has("club", "Spain", ["La Roja", "Spain Women"], ["Spain"])
    has("club", "France", ["Les Bleus"], ["France"])
    has("club", "Brazil", [("Seleção", "Selecao")], ["Brazil"])
    has("club", "Argentina", ["Albiceleste"], ["Argentina"])
    has("club", "Netherlands", ["Oranje"], ["Netherlands", "Holland"])
    has("club", "Germany", ["Die Mannschaft"], ["Germany"])
    has("club", "Italy", ["Azzurri"], ["Italy"])
    has("club", "Mexico", ["El Tri"], ["Mexico"])
    has("club", "Nigeria", ["Super Eagles"], ["Nigeria"])
    has("club", "Ghana", ["Black Stars"], ["Ghana"])
    has("club", "Morocco", ["Atlas Lions"], ["Morocco"])
    has("club", "Japan", ["Samurai Blue"], ["Japan"])
    has("club", "South Korea", ["South Korea national team"], ["South Korea", "Korea Republic"])
    has("club", "Ivory Coast", [], ["Ivory Coast", ("Côte d'Ivoire", "Cote d'Ivoire")])
    has("club", "Republic of Ireland", ["Republic of Ireland national team"], ["Republic of Ireland", "Ireland"])
    has("club", "Czech Republic", [], ["Czech Republic", "Czechia"])
    has("club", "Turkey", [], ["Turkey", ("Türkiye", "Turkiye")])
    has("club", "Manchester United", [], ["Red Devils"])
    national = {c for (k, c), (_s, _w, ctx) in ents.items() if k == "club" and ctx == "national team"}
    if len(national) < 80:
        problems.append(f"only {len(national)} national teams")
    for c in sorted(national):
        strong, weak, _ctx = ents[("club", c)]
        if fold(c) in {fold(a) for a in strong} or c not in weak:
            problems.append(f"national team {c!r}: the country name must be weak, not strong")
        if not strong:
            problems.append(f"national team {c!r} has no strong alias")
        for a in strong:
            if fold(a) in COUNTRIES or fold(a) in {"red devils", "the red devils"}:
                problems.append(f"national team {c!r}: strong alias {a!r} is a country name or another club's nickname")
    # women's competitions, and the longest match: "Women's World Cup" is its own entity
    has("competition", "Women's World Cup", ["Women's World Cup", "FIFA Women's World Cup"])
    has("competition", "World Cup", ["World Cup"])
    has("competition", "Women's Champions League", ["UWCL", "UEFA Women's Champions League"])
    has("competition", "Women's Super League", ["WSL"])
    has("competition", "Women's FA Cup", ["Women's FA Cup"])
    has("competition", "Women's Euro", ["Women's Euro 2022", "Women's Euro 2025", "Women's Euros"])
    has("competition", "Women's Asian Cup", ["Women's Asian Cup"])
    has("competition", "NWSL", ["NWSL", "National Women's Soccer League"])
    has("competition", "Liga F", ["Liga F"])
    has("competition", "Frauen-Bundesliga", ["Google Pixel Frauen-Bundesliga"])
    has("competition", "Division 1 Féminine", ["D1 Arkema"])
    has("competition", "Olympics", ["Olympic Games"], ["Olympics"])
    has("competition", "English Football League", ["EFL"])
    has("competition", "AFC Champions League", ["AFC Champions League"])
    has("competition", "AFC Champions League Two", ["AFC Champions League Two"])
    has("competition", "Asian Cup", ["AFC Asian Cup", "Asian Cup"])
    has("competition", "Africa Cup of Nations", ["AFCON"])
    has("competition", "Copa América", ["Copa America"])
    has("competition", "CONCACAF Gold Cup", ["CONCACAF Gold Cup"], ["Gold Cup"])
    # no alias strong for two entities of one kind
    owner = {}
    for (kind, canon), (strong, _weak, _ctx) in ents.items():
        for a in strong:
            k = (kind, fold(a))
            if k in owner and owner[k] != canon:
                problems.append(f"strong alias {a!r} shared by {kind}s {owner[k]!r} and {canon!r}")
            owner[k] = canon
    # media outlets nowhere
    for (kind, canon), (strong, weak, _ctx) in ents.items():
        for a in [canon, *strong, *weak]:
            if is_media(fold(a)) or fold(a) in {"teamtalk", "sky germany", "sky"}:
                problems.append(f"media name {a!r} in {kind} {canon!r}")
    # person contexts are clubs
    clubs = {c for (k, c) in ents if k == "club"}
    for (kind, canon), (_s, _w, ctx) in ents.items():
        if kind == "person" and ctx and ctx not in clubs:
            problems.append(f"person {canon!r} context {ctx!r} is not a club")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    root, out = argv[1], argv[2]
    entities = build(root)
    write(entities, out)
    names_path = write_name_words(out)
    counts = Counter(e.kind for e in entities)
    REPORT.section("summary")
    REPORT("entities:", dict(sorted(counts.items())), "file:", out, os.path.getsize(out), "bytes")
    REPORT("name words:", names_path, os.path.getsize(names_path), "bytes")
    problems = check(out)
    REPORT.section("self-check")
    REPORT("OK" if not problems else f"{len(problems)} PROBLEMS")
    for p in problems:
        REPORT("  ", p)
    print("\n".join(REPORT.lines).lstrip("\n"), file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
