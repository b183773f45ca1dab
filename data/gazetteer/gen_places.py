#!/usr/bin/env python3
"""Build data/gazetteer/places.tsv from GeoNames dumps (CC BY 4.0, geonames.org).

Usage:
    python3 data/gazetteer/gen_places.py [SRC_DIR] [OUT_FILE]

SRC_DIR defaults to /work/shared/data/gazetteer and must hold admin1CodesASCII.txt,
admin2Codes.txt, cities500.txt and BF.txt. OUT_FILE defaults to places.tsv next to this
script. Standard library only; the output is deterministic (sorted by id).

Columns: id name alt lat lon fclass fcode cc admin1 admin2 pop seat
  - admin1/admin2 are ACLED-style names (ASCII, type words stripped); for Mali, Burkina Faso
    and Niger they come from the hand-checked tables below (event codebook 5.2-5.4).
  - rows with fclass A / fcode ADM1|ADM2 describe admin units; their coordinates are those of
    the unit's seat (PPLC/PPLA/PPLA2 in the unit) or the mean of the unit's places, and
    `seat` holds the seat's name when one was found (empty otherwise, and for non-unit rows).
"""

import math
import os
import re
import sys
import unicodedata

SRC = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/gazetteer"
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "places.tsv")

MAX_ALT = 40
# Alternates kept per place outside the focus countries, by population (file size and load
# time): every Latin-script spelling of towns, a few of villages.
ALT_BY_POP = ((20000, MAX_ALT), (5000, 12), (0, 4))
FOCUS = {"ML", "BF", "NE"}
# Countries where places under 2,000 inhabitants are dropped (file size; little recent political
# violence at village level). Everything else keeps all of cities500.
SMALL_DROP = set(
    "CN FR IT US ES DE RO JP GB PL CZ AT CH NL BE PT HU SK SI HR CA AU NZ SE NO FI DK KR TW "
    "LU LI AD MC SM IS IE EE LV LT GR BG CY MT KP HK MO SG AR CL UY PY BR".split())
PLACE_EXTRA_ALT = {
    "2449067": ["Tombouctou"],  # Timbuktu
    "2458589": ["Djenne", "Jenne"],
    "2456871": ["Gourma-Rharous", "Rharous"],
    "2455465": ["Macina"],
}

# ---------------------------------------------------------------------------------------------
# Hand-checked ACLED admin names (codebook 5.2-5.4). Keys are GeoNames admin codes.
# ---------------------------------------------------------------------------------------------

ADMIN1_ACLED = {
    # Mali: ACLED keeps the pre-2016 regions plus Menaka; Taoudenit sits under Tombouctou.
    "ML.01": "Bamako", "ML.03": "Kayes", "ML.04": "Mopti", "ML.05": "Segou",
    "ML.06": "Sikasso", "ML.07": "Koulikoro", "ML.08": "Tombouctou", "ML.09": "Gao",
    "ML.10": "Kidal", "ML.12070575": "Tombouctou", "ML.12070577": "Menaka",
    # Burkina Faso: 13 regions.
    "BF.01": "Boucle du Mouhoun", "BF.02": "Cascades", "BF.03": "Centre",
    "BF.04": "Centre-Est", "BF.05": "Centre-Nord", "BF.06": "Centre-Ouest",
    "BF.07": "Centre-Sud", "BF.08": "Est", "BF.09": "Hauts-Bassins", "BF.10": "Nord",
    "BF.11": "Plateau-Central", "BF.12": "Sahel", "BF.13": "Sud-Ouest",
    # Niger: 8 regions.
    "NE.01": "Agadez", "NE.02": "Diffa", "NE.03": "Dosso", "NE.04": "Maradi",
    "NE.05": "Niamey", "NE.06": "Tahoua", "NE.07": "Zinder", "NE.08": "Niamey",
    "NE.09": "Tillaberi",
}

# Official or standard names of first-level units where GeoNames gives an English exonym, an
# older name or a variant transliteration: the name in the country's official language
# (ASCII-folded: Bayern, Lombardia, Cataluna, Bretagne, Mazowieckie, Stockholms [lan]); for
# countries under UN humanitarian coordination the OCHA common operational dataset spelling
# (Idleb, Al Hasakeh, Duhok, Ninewa, Marib, Banadir, Nord-Kivu, Extreme-Nord); current names
# of renamed units (Nepal's provinces, Myanmar's Yangon). Whole countries, not single units.
# GeoNames' own name stays an alternate of the unit.
ADMIN1_OFFICIAL = {
    # South Africa: the provinces' names since 1995 (Orange Free State is Free State)
    "ZA.03": "Free State", "ZA.10": "North West",
    # Germany
    "DE.01": "Baden-Wurttemberg", "DE.02": "Bayern", "DE.05": "Hessen", "DE.06": "Niedersachsen",
    "DE.07": "Nordrhein-Westfalen", "DE.13": "Sachsen", "DE.14": "Sachsen-Anhalt",
    "DE.15": "Thuringen",
    # Italy
    "IT.02": "Basilicata", "IT.06": "Friuli-Venezia Giulia", "IT.07": "Lazio", "IT.09": "Lombardia",
    "IT.10": "Marche", "IT.12": "Piemonte", "IT.13": "Puglia", "IT.14": "Sardegna",
    "IT.15": "Sicilia", "IT.16": "Toscana", "IT.19": "Valle d'Aosta",
    # Spain
    "ES.07": "Islas Baleares", "ES.51": "Andalucia", "ES.53": "Canarias",
    "ES.54": "Castilla-La Mancha", "ES.55": "Castilla y Leon", "ES.56": "Cataluna",
    "ES.59": "Pais Vasco", "ES.32": "Navarra", "ES.60": "Comunidad Valenciana",
    # France
    "FR.24": "Centre-Val de Loire", "FR.53": "Bretagne", "FR.94": "Corse", "FR.28": "Normandie",
    # Portugal, Belgium, Austria, Czechia
    "PT.14": "Lisboa", "PT.19": "Setubal", "PT.23": "Acores",
    "BE.BRU": "Brussels", "BE.VLG": "Vlaanderen", "BE.WAL": "Wallonie",
    "AT.09": "Wien", "AT.07": "Tirol", "AT.06": "Steiermark", "AT.04": "Oberosterreich",
    "AT.03": "Niederosterreich", "AT.02": "Karnten",
    "CZ.52": "Prague", "CZ.78": "South Moravian", "CZ.79": "South Bohemian", "CZ.81": "Karlovy Vary",
    "CZ.82": "Hradec Kralove", "CZ.83": "Liberec", "CZ.84": "Olomouc", "CZ.85": "Moravian-Silesian",
    "CZ.86": "Pardubice", "CZ.87": "Plzen", "CZ.88": "Central Bohemian", "CZ.89": "Usti nad Labem",
    # Poland: voivodeships
    "PL.72": "Dolnoslaskie", "PL.73": "Kujawsko-Pomorskie", "PL.74": "Lodzkie", "PL.75": "Lubelskie",
    "PL.76": "Lubuskie", "PL.77": "Malopolskie", "PL.78": "Mazowieckie", "PL.79": "Opolskie",
    "PL.80": "Podkarpackie", "PL.81": "Podlaskie", "PL.82": "Pomorskie", "PL.83": "Slaskie",
    "PL.84": "Swietokrzyskie", "PL.85": "Warminsko-Mazurskie", "PL.86": "Wielkopolskie",
    "PL.87": "Zachodniopomorskie",
    # Sweden: counties (lan), genitive form
    "SE.02": "Blekinge", "SE.03": "Gavleborgs", "SE.05": "Gotlands", "SE.06": "Hallands",
    "SE.07": "Jamtlands", "SE.08": "Jonkopings", "SE.09": "Kalmar", "SE.10": "Dalarnas",
    "SE.12": "Kronobergs", "SE.14": "Norrbottens", "SE.15": "Orebro", "SE.16": "Ostergotlands",
    "SE.18": "Sodermanlands", "SE.21": "Uppsala", "SE.22": "Varmlands", "SE.23": "Vasterbottens",
    "SE.24": "Vasternorrlands", "SE.25": "Vastmanlands", "SE.26": "Stockholms", "SE.27": "Skane",
    "SE.28": "Vastra Gotalands",
    # Denmark, Finland
    "DK.17": "Hovedstaden", "DK.18": "Midtjylland", "DK.19": "Nordjylland", "DK.20": "Sjaelland",
    "DK.21": "Syddanmark",
    "FI.19": "Lappi", "FI.17": "Pohjois-Pohjanmaa", "FI.16": "Keski-Pohjanmaa", "FI.15": "Pohjanmaa",
    "FI.14": "Etela-Pohjanmaa", "FI.13": "Keski-Suomi", "FI.12": "Pohjois-Karjala",
    "FI.11": "Pohjois-Savo", "FI.10": "Etela-Savo", "FI.09": "Etela-Karjala",
    "FI.05": "Kanta-Hame", "FI.02": "Varsinais-Suomi", "FI.07": "Paijat-Hame",
    # Greece: the seven decentralised administrations (Apokentromenes Dioikiseis) group the
    # thirteen regions
    "GR.ESYE31": "Attica", "GR.ESYE12": "Macedonia-Thrace", "GR.ESYE11": "Macedonia-Thrace",
    "GR.ESYE21": "Epirus-Western Macedonia", "GR.ESYE13": "Epirus-Western Macedonia",
    "GR.ESYE14": "Thessaly-Central Greece", "GR.ESYE24": "Thessaly-Central Greece",
    "GR.ESYE25": "Peloponnese-Western Greece-Ionian Islands",
    "GR.ESYE23": "Peloponnese-Western Greece-Ionian Islands",
    "GR.ESYE22": "Peloponnese-Western Greece-Ionian Islands",
    "GR.ESYE41": "Aegean", "GR.ESYE42": "Aegean", "GR.ESYE43": "Crete",
    # Netherlands, Slovakia (kraj), Lithuania (apskritis, genitive), Estonia (maakond), Cyprus
    "NL.07": "Noord-Holland", "NL.11": "Zuid-Holland", "NL.06": "Noord-Brabant",
    "SK.01": "Banskobystricky", "SK.02": "Bratislavsky", "SK.03": "Kosicky", "SK.04": "Nitriansky",
    "SK.05": "Presovsky", "SK.06": "Trenciansky", "SK.07": "Trnavsky", "SK.08": "Zilinsky",
    "LT.56": "Alytaus", "LT.57": "Kauno", "LT.58": "Klaipedos", "LT.59": "Marijampoles",
    "LT.60": "Panevezio", "LT.61": "Siauliu", "LT.62": "Taurages", "LT.63": "Telsiu",
    "LT.64": "Utenos", "LT.65": "Vilniaus",
    "EE.01": "Harju", "EE.02": "Hiiu", "EE.03": "Ida-Viru", "EE.04": "Jarva", "EE.05": "Jogeva",
    "EE.07": "Laane", "EE.08": "Laane-Viru", "EE.11": "Parnu", "EE.12": "Polva", "EE.13": "Rapla",
    "EE.19": "Valga", "EE.20": "Viljandi", "EE.21": "Voru",
    "CY.06": "Paphos", "CY.02": "Kyrenia", "CY.03": "Larnaca", "CY.01": "Famagusta",
    # Bulgaria, Georgia, Russia
    "BG.42": "Sofia City", "RU.66": "Saint Petersburg",
    "GE.51": "Tbilisi", "GE.71": "Samegrelo-Zemo Svaneti", "GE.70": "Racha-Lechkhumi-Kvemo Svaneti",
    "GE.04": "Autonomous Republic of Adjara",
    # Ukraine: current official transliteration
    "UA.26": "Zaporizhia", "UA.23": "Vinnytsia", "UA.17": "Odesa", "UA.16": "Mykolaiv",
    "UA.09": "Khmelnytskyi", "UA.25": "Zakarpattia", "UA.20": "Sevastopol",
    # Kazakhstan
    "KZ.09": "Mangystau", "KZ.02": "Almaty City", "KZ.01": "Almaty", "KZ.14": "Kyzylorda",
    "KZ.12": "Karaganda", "KZ.04": "Aqtobe", "KZ.03": "Akmola", "KZ.13": "Kostanay",
    "KZ.07": "West Kazakhstan", "KZ.16": "North Kazakhstan", "KZ.11": "Pavlodar",
    # Middle East (OCHA COD spellings)
    "SY.01": "Al Hasakeh", "SY.02": "Lattakia", "SY.04": "Ar Raqqa", "SY.05": "As Sweida",
    "SY.06": "Dara", "SY.07": "Deir ez Zor", "SY.08": "Rural Damascus", "SY.12": "Idleb",
    "SY.13": "Damascus", "SY.14": "Tartous",
    "IQ.02": "Al Basrah", "IQ.03": "Al Muthanna", "IQ.05": "Al Sulaymaniyah", "IQ.08": "Duhok",
    "IQ.09": "Thi Qar", "IQ.11": "Erbil", "IQ.12": "Kerbala", "IQ.15": "Ninewa", "IQ.17": "Al Najaf",
    "YE.14": "Marib", "YE.15": "Sadah", "YE.18": "Ad Dali", "YE.19": "Amran", "YE.25": "Taizz",
    "YE.16": "Sanaa", "YE.26": "Amanat al Asimah", "YE.28": "Socotra",
    "LB.04": "Beirut", "LB.05": "Mount Lebanon", "LB.06": "South", "LB.08": "Bekaa",
    "LB.09": "North", "LB.10": "Akkar", "LB.07": "Nabatieh",
    "IR.16": "Kurdistan", "IR.41": "South Khorasan",
    "AF.37": "Khost", "AF.19": "Nimruz", "AF.27": "Wardak", "AF.39": "Uruzgan", "AF.09": "Ghor",
    "AF.33": "Sar-e-Pul",
    # Africa
    "SO.02": "Banadir", "SO.05": "Galgaduud", "SO.07": "Hiraan", "SO.13": "Middle Shabelle",
    "SO.14": "Lower Shabelle", "SO.20": "Woqooyi Galbeed",
    "CD.11": "Nord-Kivu", "CD.12": "Sud-Kivu", "CD.08": "Kongo-Central",
    "CM.12": "Extreme-Nord", "CM.13": "Nord", "CM.14": "Sud", "CM.09": "Sud-Ouest",
    "CM.07": "Nord-Ouest", "CM.08": "Ouest", "CM.04": "Est",
    "SD.43": "Northern", "SD.47": "West Darfur", "SD.49": "South Darfur",
    "SD.50": "South Kordofan", "SD.55": "North Darfur", "SD.58": "Sennar", "SD.60": "East Darfur",
    "SD.62": "West Kordofan", "SD.39": "Gedaref",
    "ET.51": "Oromia", "ET.54": "SNNP", "ET.47": "Benshangul/Gumuz",
    "KE.05": "Nairobi", "KE.49": "Tharaka-Nithi", "KE.38": "Muranga", "KE.14": "Elgeyo-Marakwet",
    "KE.42": "Nyamira",
    "TN.37": "Zaghouan", "TN.35": "Tozeur", "TN.23": "Sousse", "TN.22": "Siliana",
    "TN.33": "Sidi Bouzid", "TN.32": "Sfax", "TN.31": "Kebili", "TN.29": "Gabes", "TN.19": "Nabeul",
    "TN.28": "Medenine", "TN.06": "Jendouba", "TN.27": "Ben Arous", "TN.18": "Bizerte",
    "TN.17": "Beja", "TN.02": "Kasserine", "TN.16": "Monastir", "TN.15": "Mahdia",
    "MA.07": "Marrakech-Safi", "MA.12": "Eddakhla-Oued Eddahab", "DZ.01": "Alger",
    "NG.11": "Federal Capital Territory",
    # Asia
    "MM.10": "Sagaing", "MM.17": "Yangon",
    "NP.1": "Koshi", "NP.2": "Madhesh", "NP.3": "Bagmati", "NP.4": "Gandaki", "NP.5": "Lumbini",
    "NP.6": "Karnali", "NP.7": "Sudurpashchim",
    "KR.11": "Seoul Special City", "KR.13": "Gyeonggi", "KR.06": "Gangwon",
    "KR.05": "North Chungcheong", "KR.17": "South Chungcheong", "KR.03": "North Jeolla",
    "KR.16": "South Jeolla", "KR.14": "North Gyeongsang", "KR.20": "South Gyeongsang",
    "KR.01": "Jeju", "KR.22": "Sejong",
    "PH.14": "Bangsamoro Autonomous Region in Muslim Mindanao",
    "PH.15": "Cordillera Administrative Region", "PH.NCR": "Metro Manila",
    "PH.05": "Bicol Region", "PH.01": "Ilocos Region", "PH.11": "Davao Region",
    # Israel: districts (mehozot), Hebrew names
    "IL.01": "HaDarom", "IL.02": "HaMerkaz", "IL.03": "HaZafon",
    # Americas
    "MX.30": "Veracruz de Ignacio de la Llave", "MX.16": "Michoacan de Ocampo",
    "MX.07": "Coahuila de Zaragoza", "MX.09": "Ciudad de Mexico",
    "CL.12": "Metropolitana", "CO.34": "Bogota, D.C.",
    "AR.07": "Ciudad Autonoma de Buenos Aires",
    "VE.25": "Distrito Capital", "VE.26": "La Guaira", "CU.02": "La Habana",
    "BR.07": "Distrito Federal",
    "EC.15": "Morona Santiago",
    "US.DC": "District of Columbia",
}

# First-level units that the Myanmar Information Management Unit (MIMU) splits by district:
# Shan State into Shan (South), (North) and (East), Bago Region into Bago (East) and (West).
# (country, admin1) -> {admin2 (district) -> admin1 part}; places with no district keep the
# whole unit.
ADMIN1_SPLIT = {
    ("MM", "Shan"): {
        "Taunggyi": "Shan-South", "Loilem": "Shan-South", "Langhko": "Shan-South",
        "Langkho": "Shan-South",
        "Lashio": "Shan-North", "Mu Se": "Shan-North", "Kyaukme": "Shan-North",
        "Kunlong": "Shan-North", "Laukkaing": "Shan-North", "Hopang": "Shan-North",
        "Matman": "Shan-North", "Mongmit": "Shan-North",
        "Kengtung": "Shan-East", "Tachileik": "Shan-East", "Mong Hsat": "Shan-East",
        "Monghpyak": "Shan-East", "Mong Hpayak": "Shan-East",
    },
    ("MM", "Bago"): {
        "Bago": "Bago-East", "Taungoo": "Bago-East",
        "Pyay": "Bago-West", "Thayarwady": "Bago-West",
    },
}


def split_admin1(cc, ad1, ad2):
    return ADMIN1_SPLIT.get((cc, ad1), {}).get(ad2, ad1)


ADMIN2_ACLED = {
    # Mali cercles (admin2Codes.txt names such as "Douentza Cercle", "Cercle de Yélimané").
    "ML.04.7670549": "Douentza", "ML.08.7670552": "Gourma-Rharous", "ML.09.7670553": "Gao",
    "ML.06.7670554": "Koutiala", "ML.07.7701199": "Kati", "ML.07.7701200": "Dioila",
    "ML.05.7701201": "Baraoueli", "ML.05.7701202": "Segou", "ML.10.7701465": "Kidal",
    "ML.08.7701470": "Tombouctou", "ML.08.7701473": "Dire", "ML.03.7701481": "Kayes",
    "ML.04.7701484": "Mopti", "ML.04.7701493": "Bankass", "ML.04.7701494": "Koro",
    "ML.05.7701496": "Bla", "ML.05.7701500": "Tominian", "ML.03.7701501": "Kita",
    "ML.06.7701502": "Bougouni", "ML.07.7701503": "Koulikoro", "ML.06.7729902": "Sikasso",
    "ML.03.8261489": "Diema", "ML.07.8261491": "Kolokani", "ML.07.8261492": "Banamba",
    "ML.07.8261493": "Nara", "ML.03.8261494": "Nioro", "ML.04.8299587": "Youwarou",
    "ML.08.8299588": "Niafunke", "ML.04.8299589": "Tenenkou", "ML.04.8299590": "Djenne",
    "ML.04.8299591": "Bandiagara", "ML.03.8299787": "Kenieba", "ML.03.8334585": "Bafoulabe",
    "ML.06.8334591": "Kolondieba", "ML.03.8631403": "Yelimane", "ML.07.8631413": "Kangaba",
    "ML.06.8631446": "Yanfolila", "ML.06.8631512": "Kadiolo", "ML.06.8631513": "Yorosso",
    "ML.05.8631514": "Niono", "ML.05.8631515": "Macina", "ML.05.8631516": "San",
    "ML.08.8631536": "Goundam", "ML.09.8631537": "Bourem", "ML.09.8631538": "Ansongo",
    "ML.12070577.8631539": "Menaka", "ML.10.8631540": "Tin-Essako",
    "ML.10.8631541": "Abeibara", "ML.10.8631542": "Tessalit", "ML.01.11996137": "Bamako",
    # Burkina Faso provinces.
    "BF.07.44": "Zoundweogo", "BF.10.76": "Yatenga", "BF.08.42": "Tapoa",
    "BF.01.73": "Sourou", "BF.12.40": "Soum", "BF.06.72": "Sissili", "BF.12.71": "Seno",
    "BF.05.70": "Sanmatenga", "BF.06.36": "Sanguie", "BF.13.69": "Poni",
    "BF.10.34": "Passore", "BF.12.33": "Oudalan", "BF.11.68": "Oubritenga",
    "BF.07.65": "Nahouri", "BF.05.64": "Namentenga", "BF.01.63": "Mouhoun",
    "BF.04.28": "Kourittenga", "BF.01.58": "Kossi", "BF.02.55": "Comoe",
    "BF.09.54": "Kenedougou", "BF.03.53": "Kadiogo", "BF.09.51": "Houet",
    "BF.08.50": "Gourma", "BF.08.21": "Gnagna", "BF.11.20": "Ganzourgou",
    "BF.06.19": "Boulkiemde", "BF.04.49": "Boulgou", "BF.13.48": "Bougouriba",
    "BF.07.47": "Bazega", "BF.05.15": "Bam", "BF.01.45": "Bale", "BF.01.46": "Banwa",
    "BF.13.52": "Ioba", "BF.08.56": "Komandjari", "BF.08.57": "Kompienga",
    "BF.04.59": "Koulpelogo", "BF.11.60": "Kourweogo", "BF.02.61": "Leraba",
    "BF.10.62": "Loroum", "BF.01.66": "Nayala", "BF.13.67": "Noumbiel", "BF.09.74": "Tuy",
    "BF.12.75": "Yagha", "BF.06.77": "Ziro", "BF.10.78": "Zondoma",
    # Niger departments.
    "NE.04.2438821": "Tessaoua", "NE.06.2438973": "Tchintabaraden", "NE.07.2439154": "Tanout",
    "NE.06.2439375": "Tahoua", "NE.09.2439811": "Say", "NE.09.2440370": "Ouallam",
    "NE.08.2440482": "Niamey", "NE.02.2440494": "N'Guigmi", "NE.04.2441193": "Mayahi",
    "NE.07.2441216": "Kantche", "NE.04.2441290": "Maradi", "NE.02.2441446": "Maine-Soroa",
    "NE.06.2441528": "Madaoua", "NE.03.2441629": "Loga", "NE.06.2442477": "Keita",
    "NE.06.2443303": "Illela", "NE.07.2444218": "Goure", "NE.03.2444487": "Gaya",
    "NE.09.2444994": "Filingue", "NE.03.2445487": "Dosso", "NE.03.2445552": "Dogondoutchi",
    "NE.02.2445703": "Diffa", "NE.04.2446266": "Dakoro", "NE.06.2446465": "Bouza",
    "NE.06.2446752": "Birni N'Konni", "NE.01.2446795": "Bilma",
    "NE.04.8299475": "Guidan Roumdji", "NE.09.8334576": "Tillaberi", "NE.09.8334577": "Tera",
    "NE.09.8334578": "Kollo", "NE.01.8624000": "Arlit", "NE.01.8624001": "Tchirozerine",
    "NE.04.8624179": "Aguie", "NE.04.8624180": "Madarounfa", "NE.06.8624181": "Abalak",
    "NE.07.10943048": "Mirriah", "NE.07.11204206": "Magaria", "NE.03.11204211": "Boboye",
    "NE.04.11996004": "Bermo", "NE.09.11996005": "Bankilare", "NE.04.11996006": "Gazaoua",
    "NE.01.11996007": "Ingall", "NE.03.11996008": "Dioundiou", "NE.01.11996009": "Aderbissinat",
    "NE.02.11996010": "Goudoumaria", "NE.07.11996011": "Zinder", "NE.09.11996013": "Banibangou",
    "NE.07.11996014": "Belbedji", "NE.09.11996015": "Abala", "NE.09.11996016": "Ayerou",
    "NE.07.11996017": "Damagaram Takaya", "NE.07.11996018": "Dungass", "NE.02.11996019": "Bosso",
    "NE.03.11996020": "Falmey", "NE.09.11996021": "Gotheye", "NE.01.11996022": "Iferouane",
    "NE.07.11996023": "Takeita", "NE.02.11996024": "N'Gourti", "NE.06.11996025": "Tassara",
    "NE.07.11996026": "Tesker", "NE.03.11996027": "Tibiri", "NE.06.11996028": "Tillia",
    "NE.09.11996029": "Torodi", "NE.06.11996030": "Tahoua", "NE.09.11996031": "Balleyara",
    "NE.06.11996032": "Bagaroua", "NE.06.11996034": "Malbaza",
}

# Extra alternate names for admin units (spellings seen in news and in ACLED).
ADMIN_EXTRA_ALT = {
    "Tombouctou": ["Timbuktu", "Tombuctu", "Tumbutu"],
    "Segou": ["Ségou"], "Menaka": ["Ménaka"], "Tillaberi": ["Tillabéri", "Tillabery"],
    "Agadez": ["Agades"], "Kourittenga": ["Kouritenga"], "Komandjari": ["Komondjari"],
    "Plateau-Central": ["Plateau Central"], "Gourma-Rharous": ["Gourma Rharous"],
    "Tin-Essako": ["Tin Essako", "Ti-n-Essako"], "Macina": ["Ke-Macina"],
    "Nioro": ["Nioro du Sahel"], "Birni N'Konni": ["Birni Nkonni", "Konni"],
    "Tchintabaraden": ["Tchin-Tabaraden"], "N'Guigmi": ["Nguigmi"],
    "Maine-Soroa": ["Mainé Soroa"], "Ayerou": ["Ayorou"], "Djenne": ["Jenne"],
    "Youwarou": ["Youvarou"], "Baraoueli": ["Barouéli", "Baroueli"],
}

# ACLED location spellings that differ from GeoNames (codebook 5.3): id -> name (the GeoNames
# name is kept as an alternate).
PLACE_ACLED_NAME = {
    "2360886": "Fada NGourma",
}

# Place-level fixes (GeoNames id -> (admin1, admin2)) for Mali's reorganised units.
PLACE_ADMIN_FIX = {
    "2596483": ("Menaka", "Inekar"),  # Inékar: listed under Gao in GeoNames
    "2450173": ("Tombouctou", ""),  # Taoudenni (Taoudénit region)
    "2449067": ("Tombouctou", "Tombouctou"),  # Timbuktu: seat of the Tombouctou cercle
}

# Type words stripped from admin names (whole words, case-insensitive).
PREFIXES = [
    "departement de la ", "departement de l'", "departement d'", "departement de ",
    "departement du ", "departement des ", "province de la ", "province de l'",
    "province du ", "province des ", "province de ", "province of ", "cercle de ",
    "cercle d'", "region de la ", "region de l'", "region du ", "region de ", "region of ",
    "prefecture de la ", "prefecture de l'", "prefecture de ", "prefecture du ",
    "commune de ", "district de ", "district of ", "municipality of ", "governorate of ",
    "state of ", "ville de ", "departamento de ", "municipio de ", "provincia de ",
    "provincia di ", "estado de ", "wilayat ", "muhafazat ", "canton de ",
]
SUFFIXES = [
    # (before " municipality": `eThekwini Metropolitan Municipality` is eThekwini)
    " metropolitan municipality",
    " cercle", " province", " region", " governorate", " state", " district",
    " municipality", " department", " prefecture", " division", " regional state",
    " municipal district", " oblast", " county", " parish", " voivodeship",
    " metropolitan municipality", " district municipality", " local municipality",
    " region of", " territory",
]
PROTECTED = {"Centre", "Est", "Nord", "Sahel", "District of Columbia", "Federal Capital Territory",
             "Northern Territory", "Australian Capital Territory", "Northwest Territories",
             "Yukon Territory"}


# Type suffixes of second-level units in GeoNames that ACLED drops: Korean counties, cities
# and districts (`Haman-gun`, `Dangjin-si`, `Jung-gu`), Japanese and Chinese cities and wards
# (`Tottori-shi`, `Sendai Shi`, `Shinjuku-ku`, `Zhengzhou Shi`).
A2_SUFFIXES = {
    "KR": ["-gun", "-si", "-gu", " gun", " si", " gu"],
    "JP": ["-shi", " shi", "-ku", " ku"],
    "CN": [" shi"],
}


def strip_a2_suffix(cc, name):
    low = name.lower()
    for suf in A2_SUFFIXES.get(cc, ()):
        if low.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)].strip()
    return name


def ascii_name(s):
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    out = unicodedata.normalize("NFKD", s)
    out = "".join(c for c in out if not unicodedata.combining(c))
    repl = {"ß": "ss", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "æ": "ae",
            "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ð": "d", "þ": "th", "ʻ": "'", "ʿ": "'",
            "ʾ": "'", "`": "'", "´": "'"}
    out = "".join(repl.get(c, c) for c in out)
    return "".join(c for c in out if ord(c) < 128)


def fold_key(s):
    a = ascii_name(s).lower()
    return " ".join(t for t in re.split(r"[^0-9a-z]+", a) if t)


def strip_type(name):
    """ACLED-style admin name: ASCII, type words stripped."""
    n = ascii_name(name).strip()
    if n in PROTECTED:
        return n
    low = n.lower()
    changed = True
    while changed:
        changed = False
        for p in PREFIXES:
            if low.startswith(p) and len(n) > len(p) + 1:
                n = n[len(p):].strip()
                low = n.lower()
                changed = True
        for s in SUFFIXES:
            if low.endswith(s) and len(n) > len(s) + 1:
                n = n[: -len(s)].strip()
                low = n.lower()
                changed = True
    return n


def one_edit(a, b):
    """True when `a` and `b` differ by at most one inserted, deleted or replaced letter."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


def named_after_seat(unit_keys, seat_keys):
    """A unit named after its seat: the same name (Idlib), one letter apart (Sagain region,
    seat Sagaing), or the seat's name with a type word after it (Nairobi Area, seat Nairobi)."""
    for u in unit_keys:
        if not u:
            continue
        for k in seat_keys:
            if not k:
                continue
            if u == k or (min(len(u), len(k)) >= 5 and one_edit(u, k)):
                return True
            if u.startswith(k + " ") and len(u.split()) == len(k.split()) + 1:
                return True
    return False


def is_latin(s):
    for c in s:
        o = ord(c)
        if o < 0x250 or 0x1E00 <= o < 0x1F00 or 0x300 <= o < 0x370 or o in (0x2019, 0x2018, 0x2BC):
            continue
        return False
    return True


def good_alt(a):
    if len(a) < 2 or len(a) > 60 or "http" in a or not any(c.isalpha() for c in a):
        return False
    if a.isupper() and len(a) <= 4:  # codes (IATA, abbreviations)
        return False
    if a == a.lower():  # romanised CJK/Arabic readings ("sgw", "ba te na"): noise
        return False
    return is_latin(a)


COMPASS = re.compile(r"\b(north|south|nord|sud)[\s-]+(east|west|est|ouest)\b", re.I)


def compass_joined(names):
    """'North-West' is also written 'Northwest' (and 'Nord-Ouest' 'Nordouest' never): the
    English compound joined, for the names that have one."""
    out = []
    for a in names:
        j = COMPASS.sub(lambda m: m.group(1) + m.group(2).lower(), a)
        if j != a and re.search(r"(?i)\b(north|south)(east|west)\b", j):
            out.append(j)
    return out


def alts_for(name, raw, limit, extra=(), min_len=2):
    seen = {fold_key(name)}
    out = []
    extra = list(extra) + compass_joined([name] + list(extra))
    for a in list(extra) + raw:
        a = a.strip().replace("\t", " ").replace("|", " ")
        if not good_alt(a):
            continue
        if a not in extra and len(fold_key(a).replace(" ", "")) < min_len:
            continue
        k = fold_key(a)
        if not k or k in seen:
            continue
        seen.add(k)
        out.append(a)
        if len(out) >= limit:
            break
    return out


def joined_syllables(cc, name):
    """Burmese names are romanised syllable by syllable (`Mu Se`, `Kyauk Me`, `Taung Gyi`) and
    as often written solid (`Muse`, `Kyaukme`, `Taunggyi`): the solid form as an alternate."""
    if cc != "MM":
        return []
    words = re.split(r"[ -]+", name.strip())
    if not 2 <= len(words) <= 4 or any(len(w) > 6 or not w.isalpha() for w in words):
        return []
    return ["".join(words)]


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            yield line.rstrip("\n").split("\t")


def main():
    admin1 = {}  # "CC.A1" -> (geonameid, raw name, acled name)
    for f in read_lines(os.path.join(SRC, "admin1CodesASCII.txt")):
        if len(f) < 4:
            continue
        code, raw = f[0], f[1]
        admin1[code] = (f[3], raw, ADMIN1_ACLED.get(code) or ADMIN1_OFFICIAL.get(code)
                        or strip_type(f[2] or raw))
    admin2 = {}
    for f in read_lines(os.path.join(SRC, "admin2Codes.txt")):
        if len(f) < 4:
            continue
        code, raw = f[0], f[1]
        admin2[code] = (f[3], raw, ADMIN2_ACLED.get(code)
                        or strip_a2_suffix(code.split(".")[0], strip_type(f[2] or raw)))
    for code in ADMIN2_ACLED:
        assert code in admin2, code
    for code in ADMIN1_OFFICIAL:
        assert code in admin1, code

    places = {}  # geonameid -> row fields

    def take(f, from_bf):
        if len(f) < 19:
            return
        fclass, fcode = f[6], f[7]
        if from_bf:
            if fclass == "P":
                pass
            elif fclass == "A" and fcode in ("ADM1", "ADM2", "ADM3"):
                pass
            elif fclass == "L" and fcode in ("AREA", "LCTY", "RGN"):
                pass
            elif fclass == "S" and fcode in ("AIRP", "MLTY", "INSM", "MKT", "CMP", "MNMT"):
                pass
            elif fclass == "V" and fcode == "FRST":
                pass
            elif fclass == "H" and fcode in ("LK", "RSV"):
                pass
            else:
                return
        else:
            if fclass != "P":
                return
        places[f[0]] = f

    for f in read_lines(os.path.join(SRC, "cities500.txt")):
        take(f, False)
    for f in read_lines(os.path.join(SRC, "BF.txt")):
        take(f, True)

    # Seats and means per admin unit.
    seat1, seat2 = {}, {}
    rank = {"PPLC": 0, "PPLA": 1, "PPLA2": 2}
    sums1, sums2 = {}, {}
    for gid, f in places.items():
        if f[6] != "P":
            continue
        cc, a1, a2 = f[8], f[10], f[11]
        lat, lon = float(f[4]), float(f[5])
        pop = int(f[14] or 0)
        k1 = cc + "." + a1
        k2 = k1 + "." + a2
        s = sums1.setdefault(k1, [0.0, 0.0, 0])
        s[0] += lat; s[1] += lon; s[2] += 1
        if a2:
            s = sums2.setdefault(k2, [0.0, 0.0, 0])
            s[0] += lat; s[1] += lon; s[2] += 1
        r = rank.get(f[7])
        if r is not None and r <= 1:
            cur = seat1.get(k1)
            if cur is None or (r, -pop) < cur[0]:
                seat1[k1] = ((r, -pop), f)
        if r is not None and a2:
            cur = seat2.get(k2)
            if cur is None or (r, -pop) < cur[0]:
                seat2[k2] = ((r, -pop), f)

    # Focus countries: places without admin2 get it from a PPLA2 seat of the same name, else
    # from the nearest admin2 seat in the same admin1 (approximation, see README).
    by_a1_units = {}
    for code, (gid, raw, name) in admin2.items():
        cc, a1, _ = code.split(".", 2)
        if cc in FOCUS:
            by_a1_units.setdefault(cc + "." + a1, []).append(code)
    unit_pos = {}
    for code in admin2:
        if code.split(".")[0] not in FOCUS:
            continue
        if code in seat2:
            f = seat2[code][1]
            unit_pos[code] = (float(f[4]), float(f[5]))
    # Places named like an admin2 unit of their admin1 (GeoNames often leaves their admin2
    # code empty): the most populous one is the unit's seat.
    named_seat = {}
    for gid, f in places.items():
        cc = f[8]
        if cc not in FOCUS or f[6] != "P":
            continue
        k1 = cc + "." + f[10]
        for code in by_a1_units.get(k1, []):
            if fold_key(admin2[code][2]) == fold_key(f[2]) and (not f[11] or code.endswith("." + f[11])):
                pop = int(f[14] or 0)
                cur = named_seat.get(code)
                key = (rank.get(f[7], 3), -pop)
                if cur is None or key < cur[0]:
                    named_seat[code] = (key, gid)
    for code, (key, gid) in named_seat.items():
        f = places[gid]
        if code not in seat2:
            seat2[code] = (key, f)
            unit_pos[code] = (float(f[4]), float(f[5]))
    inferred_a2 = {}
    for gid, f in places.items():
        cc = f[8]
        if cc not in FOCUS or f[11]:
            continue
        k1 = cc + "." + f[10]
        lat, lon = float(f[4]), float(f[5])
        best = None
        for code in by_a1_units.get(k1, []):
            if named_seat.get(code, (None, None))[1] == gid:
                best = (-1, code)
                break
            p = unit_pos.get(code)
            if p is None:
                continue
            d = (p[0] - lat) ** 2 + ((p[1] - lon) * math.cos(math.radians(lat))) ** 2
            if best is None or d < best[0]:
                best = (d, code)
        if best is not None:
            inferred_a2[gid] = best[1]

    rows = []

    def fmt(x):
        return "%.4f" % float(x)

    for gid, f in places.items():
        cc, a1, a2 = f[8], f[10], f[11]
        k1 = cc + "." + a1
        k2 = k1 + "." + a2 if a2 else inferred_a2.get(gid, "")
        ad1 = admin1.get(k1, ("", "", ""))[2]
        ad2 = admin2.get(k2, ("", "", ""))[2] if k2 else ""
        if gid in PLACE_ADMIN_FIX:
            ad1, ad2 = PLACE_ADMIN_FIX[gid]
        ad1 = split_admin1(cc, ad1, ad2)
        if f[6] == "A" and f[7] in ("ADM1", "ADM2"):
            continue  # unit rows come from the admin code files below
        name = ascii_name(f[2] or f[1]).strip() or ascii_name(f[1]).strip()
        if f[6] == "A":
            name = strip_type(name)
        if not name:
            continue
        raw_name = name
        name = PLACE_ACLED_NAME.get(gid, name)
        pop = int(f[14] or 0)
        if f[6] == "P" and pop < 2000 and cc in SMALL_DROP:
            continue
        limit = MAX_ALT if cc in FOCUS else next(n for p, n in ALT_BY_POP if pop >= p)
        extra = [f[1]] if fold_key(f[1]) != fold_key(name) else []
        if raw_name != name:
            extra.insert(0, raw_name)
        extra += PLACE_EXTRA_ALT.get(gid, [])
        extra += joined_syllables(cc, name)
        # short alternates of places outside the focus countries ("Ani", "Tay") collide with
        # words and names of other countries
        alts = alts_for(name, f[3].split(",") if f[3] else [], limit, extra,
                        2 if cc in FOCUS else 4)
        rows.append((int(gid), name, "|".join(alts), fmt(f[4]), fmt(f[5]), f[6], f[7], cc,
                     ad1, ad2, str(pop), ""))

    def unit_row(gid, raw, acled, cc, fcode, key, seat, sums, ad1, ad2):
        lat = lon = ""
        seat_name = ""
        if key in seat:
            sf = seat[key][1]
            lat, lon = fmt(sf[4]), fmt(sf[5])
            seat_name = ascii_name(sf[2] or sf[1]).strip()
        elif key in sums and sums[key][2]:
            s = sums[key]
            lat, lon = fmt(s[0] / s[2]), fmt(s[1] / s[2])
        extra = [ascii_name(raw).strip(), raw] + ADMIN_EXTRA_ALT.get(acled, [])
        extra += joined_syllables(cc, acled)
        if fcode == "ADM1":
            # the parts' names name the unit too (`Shan-North state`)
            extra += sorted(set(ADMIN1_SPLIT.get((cc, acled), {}).values()))
        stripped = strip_type(raw)
        if stripped:
            extra.insert(0, stripped)
        seat_alts = []
        if key in seat:
            # a unit named after its seat (Idlib governorate, Idlib) is spelled as the seat is
            # (Idleb): the seat's names become the unit's alternates
            sf = seat[key][1]
            sraw = [a for a in (sf[3].split(",") if sf[3] else [])]
            skeys = {fold_key(sf[1]), fold_key(sf[2])} | {fold_key(a) for a in sraw}
            own = {fold_key(acled), fold_key(stripped or raw)}
            # the looser forms only for admin1 units: an admin2 unit with its seat's name
            # in another country (`Kani-shi`) would take a township of that name
            if own & skeys or (fcode == "ADM1" and named_after_seat(own, skeys)):
                seat_alts = [sf[1]] + sraw
        alts = alts_for(acled, seat_alts, MAX_ALT, extra)
        rows.append((int(gid) if gid.isdigit() else 0, acled, "|".join(alts), lat, lon, "A",
                     fcode, cc, ad1, ad2, "0", seat_name))

    for code, (gid, raw, acled) in admin1.items():
        cc = code.split(".")[0]
        name = acled
        if code == "ML.12070575":
            name = "Taoudenit"  # the unit itself; ACLED files it under Tombouctou
        unit_row(gid, raw, name, cc, "ADM1", code, seat1, sums1, acled, "")
    for code, (gid, raw, acled) in admin2.items():
        cc, a1, _ = code.split(".", 2)
        ad1 = split_admin1(cc, admin1.get(cc + "." + a1, ("", "", ""))[2], acled)
        # a short name left by a stripped suffix (`Jung` of `Jung-gu`, `Kani` of `Kani-shi`)
        # is too common a word to look up: the unit keeps its suffixed name
        name = acled
        if len(acled) < 5 and acled != strip_type(raw):
            name = strip_type(raw)
        unit_row(gid, raw, name, cc, "ADM2", code, seat2, sums2, ad1, acled)

    rows.sort(key=lambda r: r[0])
    seen_ids = set()
    with open(OUT, "w", encoding="utf-8", newline="\n") as out:
        out.write("id\tname\talt\tlat\tlon\tfclass\tfcode\tcc\tadmin1\tadmin2\tpop\tseat\n")
        for r in rows:
            if r[0] in seen_ids or r[0] == 0:
                continue
            seen_ids.add(r[0])
            out.write("GN:%d\t" % r[0] + "\t".join(r[1:]) + "\n")
    print("wrote %d rows to %s (%d bytes)" % (len(seen_ids), OUT, os.path.getsize(OUT)))


if __name__ == "__main__":
    main()
