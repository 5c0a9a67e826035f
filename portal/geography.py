"""French départements and the postcode rule that finds one. No Django import.

The départements are those of the Code officiel géographique of the INSEE: 01 to 95 except 20,
which became 2A (Corse-du-Sud) and 2B (Haute-Corse) on 1 January 1976 (loi n° 75-356 of
15 May 1975); and the five overseas départements, 971 Guadeloupe, 972 Martinique, 973 Guyane,
974 La Réunion and 976 Mayotte (a département since 31 March 2011). 975, Saint-Pierre-et-Miquelon,
is a collectivité d'outre-mer, not a département (loi n° 85-595 of 11 June 1985), and so are
Saint-Barthélemy and Saint-Martin (977 and 978 in the COG) since the loi organique n° 2007-223.
Each département belongs to one of the regions of `portal.models.REGIONS` (loi n° 2015-29).

Our reading of the postcode (La Poste's code, not the INSEE's): its first digits name the
département of the distributing office.

- Mainland, 01000 to 95999 except 20xxx: the first two digits are the département. For a few
  communes near a border, the distributing office is in the neighbouring département: the page
  says so and lets the visitor type the département instead.
- Corsica: the postcodes of Corse-du-Sud use the 200xx and 201xx blocks, from 20000 (Ajaccio) to
  20190; Haute-Corse's start at 20200 (Bastia) and use the 202xx block and the 206xx block
  (20600 Bastia-Furiani, 20620 Biguglia). So 20000 to 20199 is 2A, 20200 to 20299 and 20600 to
  20699 are 2B. No commune has a 203xx to 205xx or a 207xx to 209xx code: rather than guess, we
  say that the code is not a Corsican commune's and ask for the département.
- Overseas: three digits, 971xx to 976xx, except 975xx (Saint-Pierre-et-Miquelon), 97133
  (Saint-Barthélemy) and 97150 (Saint-Martin), whose offices had Guadeloupe's numbers but which
  left the département in 2007: they are not départements, and we say so.
- 00xxx, 96xxx, 977xx to 979xx do not exist; 98xxx are Monaco (98000) and the collectivités of
  the Pacific, which are not départements; 99xxx is not a postcode.

A postcode is exactly five ASCII digits: « ٣٥٠٠٠ », « 35 000 » or « 3500 » are not one.
"""

import re
from dataclasses import dataclass

# code: (name, region code of portal.models.REGIONS)
DEPARTEMENTS = {
    "01": ("Ain", "ARA"),
    "02": ("Aisne", "HDF"),
    "03": ("Allier", "ARA"),
    "04": ("Alpes-de-Haute-Provence", "PAC"),
    "05": ("Hautes-Alpes", "PAC"),
    "06": ("Alpes-Maritimes", "PAC"),
    "07": ("Ardèche", "ARA"),
    "08": ("Ardennes", "GES"),
    "09": ("Ariège", "OCC"),
    "10": ("Aube", "GES"),
    "11": ("Aude", "OCC"),
    "12": ("Aveyron", "OCC"),
    "13": ("Bouches-du-Rhône", "PAC"),
    "14": ("Calvados", "NOR"),
    "15": ("Cantal", "ARA"),
    "16": ("Charente", "NAQ"),
    "17": ("Charente-Maritime", "NAQ"),
    "18": ("Cher", "CVL"),
    "19": ("Corrèze", "NAQ"),
    "2A": ("Corse-du-Sud", "COR"),
    "2B": ("Haute-Corse", "COR"),
    "21": ("Côte-d'Or", "BFC"),
    "22": ("Côtes-d'Armor", "BRE"),
    "23": ("Creuse", "NAQ"),
    "24": ("Dordogne", "NAQ"),
    "25": ("Doubs", "BFC"),
    "26": ("Drôme", "ARA"),
    "27": ("Eure", "NOR"),
    "28": ("Eure-et-Loir", "CVL"),
    "29": ("Finistère", "BRE"),
    "30": ("Gard", "OCC"),
    "31": ("Haute-Garonne", "OCC"),
    "32": ("Gers", "OCC"),
    "33": ("Gironde", "NAQ"),
    "34": ("Hérault", "OCC"),
    "35": ("Ille-et-Vilaine", "BRE"),
    "36": ("Indre", "CVL"),
    "37": ("Indre-et-Loire", "CVL"),
    "38": ("Isère", "ARA"),
    "39": ("Jura", "BFC"),
    "40": ("Landes", "NAQ"),
    "41": ("Loir-et-Cher", "CVL"),
    "42": ("Loire", "ARA"),
    "43": ("Haute-Loire", "ARA"),
    "44": ("Loire-Atlantique", "PDL"),
    "45": ("Loiret", "CVL"),
    "46": ("Lot", "OCC"),
    "47": ("Lot-et-Garonne", "NAQ"),
    "48": ("Lozère", "OCC"),
    "49": ("Maine-et-Loire", "PDL"),
    "50": ("Manche", "NOR"),
    "51": ("Marne", "GES"),
    "52": ("Haute-Marne", "GES"),
    "53": ("Mayenne", "PDL"),
    "54": ("Meurthe-et-Moselle", "GES"),
    "55": ("Meuse", "GES"),
    "56": ("Morbihan", "BRE"),
    "57": ("Moselle", "GES"),
    "58": ("Nièvre", "BFC"),
    "59": ("Nord", "HDF"),
    "60": ("Oise", "HDF"),
    "61": ("Orne", "NOR"),
    "62": ("Pas-de-Calais", "HDF"),
    "63": ("Puy-de-Dôme", "ARA"),
    "64": ("Pyrénées-Atlantiques", "NAQ"),
    "65": ("Hautes-Pyrénées", "OCC"),
    "66": ("Pyrénées-Orientales", "OCC"),
    "67": ("Bas-Rhin", "GES"),
    "68": ("Haut-Rhin", "GES"),
    "69": ("Rhône", "ARA"),
    "70": ("Haute-Saône", "BFC"),
    "71": ("Saône-et-Loire", "BFC"),
    "72": ("Sarthe", "PDL"),
    "73": ("Savoie", "ARA"),
    "74": ("Haute-Savoie", "ARA"),
    "75": ("Paris", "IDF"),
    "76": ("Seine-Maritime", "NOR"),
    "77": ("Seine-et-Marne", "IDF"),
    "78": ("Yvelines", "IDF"),
    "79": ("Deux-Sèvres", "NAQ"),
    "80": ("Somme", "HDF"),
    "81": ("Tarn", "OCC"),
    "82": ("Tarn-et-Garonne", "OCC"),
    "83": ("Var", "PAC"),
    "84": ("Vaucluse", "PAC"),
    "85": ("Vendée", "PDL"),
    "86": ("Vienne", "NAQ"),
    "87": ("Haute-Vienne", "NAQ"),
    "88": ("Vosges", "GES"),
    "89": ("Yonne", "BFC"),
    "90": ("Territoire de Belfort", "BFC"),
    "91": ("Essonne", "IDF"),
    "92": ("Hauts-de-Seine", "IDF"),
    "93": ("Seine-Saint-Denis", "IDF"),
    "94": ("Val-de-Marne", "IDF"),
    "95": ("Val-d'Oise", "IDF"),
    "971": ("Guadeloupe", "GUA"),
    "972": ("Martinique", "MTQ"),
    "973": ("Guyane", "GUY"),
    "974": ("La Réunion", "LRE"),
    "976": ("Mayotte", "MAY"),
}

#: (code, « 35 — Ille-et-Vilaine ») in the COG's order, for choices.
DEPARTEMENT_CHOICES = [(code, f"{code} — {name}") for code, (name, _region) in DEPARTEMENTS.items()]

# Why a postcode gives no département (the caller words the message).
NOT_A_POSTCODE = "not_a_postcode"  # not five ASCII digits
UNKNOWN = "unknown"  # five digits that no commune has
CORSICA_UNASSIGNED = "corsica_unassigned"  # 20xxx outside the 2A and 2B blocks
NOT_A_DEPARTEMENT = "not_a_departement"  # a collectivité d'outre-mer, Monaco

MAX_INPUT_LENGTH = 40  # a list of départements typed by hand: « 22, 29, 35, 56 »

# Overseas postcodes whose territory left the département (see above).
OVERSEAS_COLLECTIVITES = {"97133": "Saint-Barthélemy", "97150": "Saint-Martin"}


@dataclass(frozen=True)
class Lookup:
    departement: str | None  # a key of DEPARTEMENTS
    problem: str | None = None  # one of the constants above when departement is None
    place: str = ""  # for NOT_A_DEPARTEMENT, the territory's name

    @property
    def name(self):
        return departement_name(self.departement)


def departement_name(code):
    return DEPARTEMENTS[code][0] if code in DEPARTEMENTS else ""


def region_of(code):
    return DEPARTEMENTS[code][1] if code in DEPARTEMENTS else ""


def departements_of_region(region):
    return [code for code, (_name, of) in DEPARTEMENTS.items() if of == region]


def is_postcode(value):
    return isinstance(value, str) and len(value) == 5 and value.isascii() and value.isdigit()


def departement_for_postcode(postcode):
    """The département of a postcode, or why there is none (see the module's reading)."""
    if not is_postcode(postcode):
        return Lookup(None, NOT_A_POSTCODE)
    number = int(postcode)
    prefix = postcode[:2]
    if prefix == "20":
        if number <= 20199:
            return Lookup("2A")
        if 20200 <= number <= 20299 or 20600 <= number <= 20699:
            return Lookup("2B")
        return Lookup(None, CORSICA_UNASSIGNED)
    if prefix == "97":
        if postcode in OVERSEAS_COLLECTIVITES:
            return Lookup(None, NOT_A_DEPARTEMENT, OVERSEAS_COLLECTIVITES[postcode])
        if postcode[:3] == "975":
            return Lookup(None, NOT_A_DEPARTEMENT, "Saint-Pierre-et-Miquelon")
        if postcode[:3] in DEPARTEMENTS:
            return Lookup(postcode[:3])
        return Lookup(None, UNKNOWN)
    if prefix == "98":
        place = "Monaco" if postcode == "98000" else "une collectivité d'outre-mer du Pacifique"
        return Lookup(None, NOT_A_DEPARTEMENT, place)
    if prefix in DEPARTEMENTS:
        return Lookup(prefix)
    return Lookup(None, UNKNOWN)  # 00xxx, 96xxx, 99xxx


def normalise_departement(value):
    """The département code written in `value` (« 35 », « 2a », « 974 », « 5 » for 05), or None.

    Only ASCII: « ٣٥ » is not 35."""
    if not isinstance(value, str):
        return None
    code = value.strip().upper()
    if not code.isascii() or not 1 <= len(code) <= 3:
        return None
    if len(code) == 1 and code.isdigit():
        code = "0" + code
    return code if code in DEPARTEMENTS else None


_SEPARATORS = re.compile(r"[\s,;]+")


def parse_departements(text):
    """(codes, rejected): the départements of a list typed by hand (« 22, 29 ; 35 56 »), in the
    COG's order and without duplicates, and the pieces that are not one."""
    codes, rejected = set(), []
    for piece in _SEPARATORS.split(text or ""):
        if not piece:
            continue
        code = normalise_departement(piece)
        if code is None:
            rejected.append(piece)
        else:
            codes.add(code)
    return [code for code in DEPARTEMENTS if code in codes], rejected
