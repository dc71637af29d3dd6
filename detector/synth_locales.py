# ruff: noqa: RUF001
"""Per-locale word lists for the synthetic training generator (made-up combinations only)."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Locale:
    """Names, streets and places of one locale, and how its addresses are written."""

    code: str
    first: tuple[str, ...]
    last: tuple[str, ...]
    streets: tuple[str, ...]
    cities: tuple[str, ...]
    #: "{n} {s}" (number first) or "{s} {n}" (number after the street)
    street_format: str
    phone_region: str
    iban_country: str
    gender_words: tuple[str, ...]


def _t(text: str) -> tuple[str, ...]:
    return tuple(text.split())


LOCALES: dict[str, Locale] = {
    "en_US": Locale(
        "en_US",
        _t("James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara"
           " Richard Susan Joseph Jessica Thomas Sarah Christopher Karen Daniel Nancy Matthew Lisa"
           " Anthony Betty Mark Ashley Donald Kimberly Steven Emily Kevin Donna Brian Michelle"),
        _t("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez"
           " Lopez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Thompson White Harris"
           " Clark Lewis Robinson Walker Young Allen King Wright Scott Hill Green Adams Baker"),
        ("Main Street", "Oak Avenue", "Maple Drive", "Cedar Lane", "Elm Street", "Pine Road",
         "Washington Blvd", "Lakeview Ct", "Sunset Boulevard", "Park Ave", "Hillcrest Dr"),
        _t("Springfield Denver Austin Portland Columbus Phoenix Raleigh Madison Boise Tulsa"),
        "{n} {s}", "US", "DE", ("male", "female", "M", "F", "other", "non-binary"),
    ),
    "de_DE": Locale(
        "de_DE",
        _t("Lukas Anna Maximilian Lea Felix Hannah Jonas Mia Leon Emma Paul Sophie Finn Marie"
           " Elias Johanna Jürgen Ursula Dieter Renate Klaus Sabine Wolfgang Monika Uwe Petra"),
        _t("Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer"
           " Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger"),
        ("Hauptstraße", "Bahnhofstraße", "Gartenweg", "Schillerstr.", "Goethestraße",
         "Lindenallee", "Am Markt", "Bergstraße", "Kirchgasse", "Rosenweg", "Dorfstr."),
        _t("Berlin Hamburg München Köln Leipzig Dresden Hannover Nürnberg Bremen Essen"),
        "{s} {n}", "DE", "DE", ("männlich", "weiblich", "divers", "m", "w"),
    ),
    "fr_FR": Locale(
        "fr_FR",
        _t("Jean Marie Pierre Camille Louis Chloé Gabriel Léa Hugo Manon Arthur Inès Jules"
           " Juliette Thomas Amélie Nicolas Céline Antoine Élodie François Nathalie Mathieu"),
        _t("Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent"
           " Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard Mercier"),
        ("rue de la Paix", "avenue Victor Hugo", "boulevard Saint-Germain", "rue du Moulin",
         "place de la République", "rue des Lilas", "chemin des Vignes", "allée des Roses"),
        _t("Paris Lyon Marseille Toulouse Nantes Bordeaux Lille Rennes Grenoble Dijon"),
        "{n} {s}", "FR", "FR", ("homme", "femme", "H", "F", "autre"),
    ),
    "es_ES": Locale(
        "es_ES",
        _t("Antonio Carmen José Lucía Manuel Sofía Francisco Martina David Paula Javier Laura"
           " Alejandro Valeria Daniel Elena Pablo Marta Sergio Alba Carlos Cristina Jorge Nuria"),
        _t("García Fernández González Rodríguez López Martínez Sánchez Pérez Gómez Martín"
           " Jiménez Ruiz Hernández Díaz Moreno Álvarez Muñoz Romero Alonso Gutiérrez Navarro"),
        ("Calle Mayor", "Avenida de la Constitución", "Calle del Sol", "Paseo de Gracia",
         "Calle Real", "Plaza de España", "Calle Alcalá", "Avenida del Mar", "Calle Nueva"),
        _t("Madrid Barcelona Valencia Sevilla Zaragoza Málaga Bilbao Murcia Granada Alicante"),
        "{s} {n}", "ES", "ES", ("hombre", "mujer", "masculino", "femenino", "H", "M"),
    ),
    "it_IT": Locale(
        "it_IT",
        _t("Giuseppe Maria Giovanni Anna Antonio Giulia Mario Francesca Luigi Chiara Francesco"
           " Sara Alessandro Martina Lorenzo Valentina Matteo Elena Andrea Alessia Marco Paola"),
        _t("Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo"
           " Conti De_Luca Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana"),
        ("Via Roma", "Via Garibaldi", "Corso Italia", "Via Dante Alighieri", "Piazza del Duomo",
         "Via Mazzini", "Viale Europa", "Via Verdi", "Corso Vittorio Emanuele", "Via Cavour"),
        _t("Roma Milano Napoli Torino Palermo Genova Bologna Firenze Bari Verona"),
        "{s} {n}", "IT", "IT", ("maschio", "femmina", "M", "F", "altro"),
    ),
    "pt_BR": Locale(
        "pt_BR",
        _t("João Maria José Ana Pedro Francisca Lucas Juliana Gabriel Mariana Rafael Fernanda"
           " Matheus Beatriz Gustavo Larissa Felipe Camila Bruno Amanda Thiago Letícia Vitor"),
        _t("Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Costa"
           " Ribeiro Martins Carvalho Almeida Lopes Soares Fernandes Vieira Barbosa Rocha"),
        ("Rua das Flores", "Avenida Paulista", "Rua São João", "Avenida Brasil", "Rua Sete de"
         " Setembro", "Rua XV de Novembro", "Avenida Atlântica", "Travessa da Paz"),
        _t("São_Paulo Rio_de_Janeiro Salvador Fortaleza Curitiba Recife Manaus Belém Goiânia"),
        "{s}, {n}", "BR", "BR", ("masculino", "feminino", "M", "F", "outro"),
    ),
    "nl_NL": Locale(
        "nl_NL",
        _t("Daan Emma Sem Julia Lucas Tess Levi Sophie Finn Zoë Bram Anna Jesse Lotte Thijs"
           " Sanne Ruben Femke Jeroen Marieke Pieter Anouk Willem Ingrid Joost Eline"),
        _t("de_Jong Jansen de_Vries van_den_Berg van_Dijk Bakker Janssen Visser Smit Meijer"
           " de_Boer Mulder de_Groot Bos Vos Peters Hendriks van_Leeuwen Dekker Brouwer"),
        ("Kerkstraat", "Dorpsstraat", "Molenweg", "Schoolstraat", "Stationsweg", "Julianalaan",
         "Beatrixstraat", "Nieuwstraat", "Prinsengracht", "Kastanjelaan"),
        _t("Amsterdam Rotterdam Utrecht Eindhoven Groningen Tilburg Almere Breda Nijmegen"),
        "{s} {n}", "NL", "NL", ("man", "vrouw", "M", "V", "anders"),
    ),
    "ja_JP": Locale(
        "ja_JP",
        _t("Haruto Yui Sota Aoi Yuto Hina Riku Sakura Hiroshi Yoko Takeshi Keiko Kenji Naoko"
           " Daiki Misaki Shota Ayaka Kazuki Emi Ryo Mai Yusuke Akiko"),
        _t("Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato"
           " Yoshida Yamada Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Mori"),
        ("Chuo-dori", "Sakura-machi", "Ginza", "Shinjuku-dori", "Aoyama-dori", "Omotesando",
         "Meiji-dori", "Kita-ku Motomachi", "Nishi-shinjuku"),
        _t("Tokyo Osaka Kyoto Yokohama Nagoya Sapporo Kobe Fukuoka Sendai Hiroshima"),
        "{n} {s}", "JP", "CH", ("male", "female", "M", "F", "otoko", "onna"),
    ),
    # --- held-out locales: never used for training documents ---
    "en_GB": Locale(
        "en_GB",
        _t("Oliver Olivia George Amelia Harry Isla Jack Ava Charlie Poppy Jacob Freya Alfie"
           " Lily Noah Florence Oscar Evie Archie Imogen Alistair Fiona Rhys Siobhan"),
        _t("Smith Jones Taylor Evans Thomas Roberts Walker Wright Hughes Edwards Green Hall"
           " Wood Harris Lewis Turner Hill Cooper Ward Morgan Clarke Baxter Whitaker Pemberton"),
        ("High Street", "Station Road", "Church Lane", "Victoria Road", "Mill Lane",
         "Queens Road", "Kings Road", "The Crescent", "Manor Way", "Grove Terrace"),
        _t("London Manchester Leeds Bristol Sheffield Glasgow Cardiff Norwich York Bath"),
        "{n} {s}", "GB", "GB", ("male", "female", "M", "F", "prefer not to say"),
    ),
    "pl_PL": Locale(
        "pl_PL",
        _t("Jakub Zuzanna Antoni Julia Jan Maja Szymon Zofia Filip Hanna Piotr Agnieszka"
           " Krzysztof Małgorzata Tomasz Katarzyna Paweł Barbara Andrzej Ewa Grzegorz Magdalena"),
        _t("Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński"
           " Szymański Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk"),
        ("ul. Długa", "ul. Marszałkowska", "ul. Piotrkowska", "al. Jerozolimskie",
         "ul. Floriańska", "ul. Mickiewicza", "ul. Słowackiego", "ul. Kościuszki"),
        _t("Warszawa Kraków Łódź Wrocław Poznań Gdańsk Szczecin Lublin Katowice"),
        "{s} {n}", "PL", "PL", ("mężczyzna", "kobieta", "M", "K"),
    ),
    "sv_SE": Locale(
        "sv_SE",
        _t("Lars Karin Anders Eva Johan Ingrid Erik Kerstin Per Lena Nils Astrid Oskar Elsa"
           " Gustav Maja Axel Ebba Viktor Saga Henrik Linnea"),
        _t("Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson"
           " Gustafsson Pettersson Jonsson Lindberg Lindqvist Berg Holm Bergström Sandberg"),
        ("Storgatan", "Drottninggatan", "Kungsgatan", "Skolgatan", "Järnvägsgatan",
         "Vasagatan", "Sveavägen", "Lilla Torget", "Strandvägen"),
        _t("Stockholm Göteborg Malmö Uppsala Västerås Örebro Linköping Helsingborg"),
        "{s} {n}", "SE", "SE", ("man", "kvinna", "M", "K", "annat"),
    ),
    "tr_TR": Locale(
        "tr_TR",
        _t("Mehmet Ayşe Mustafa Fatma Ahmet Emine Ali Hatice Hüseyin Zeynep Hasan Elif Yusuf"
           " Meryem Emre Büşra Burak Esra Murat Derya"),
        _t("Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan"
           " Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek"),
        ("Atatürk Caddesi", "İstiklal Caddesi", "Cumhuriyet Sokak", "Bağdat Caddesi",
         "Gazi Bulvarı", "Lale Sokak", "Menekşe Sokak", "Barış Caddesi"),
        _t("İstanbul Ankara İzmir Bursa Antalya Konya Adana Gaziantep Kayseri"),
        "{s} No:{n}", "TR", "TR", ("erkek", "kadın", "E", "K"),
    ),
    "en_IN": Locale(
        "en_IN",
        _t("Aarav Priya Vihaan Ananya Arjun Diya Sai Isha Rohan Kavya Rahul Pooja Amit Sneha"
           " Vikram Neha Sanjay Lakshmi Rajesh Sunita Arun Deepika"),
        _t("Sharma Verma Gupta Patel Singh Kumar Reddy Iyer Nair Rao Joshi Mehta Chopra"
           " Banerjee Mukherjee Das Shah Pillai Menon Agarwal Malhotra"),
        ("MG Road", "Nehru Nagar", "Gandhi Marg", "Station Road", "Park Street",
         "Brigade Road", "Linking Road", "Anna Salai", "Residency Road"),
        _t("Mumbai Delhi Bengaluru Chennai Kolkata Hyderabad Pune Jaipur Lucknow"),
        "{n}, {s}", "IN", "GB", ("male", "female", "M", "F", "other"),
    ),
}  # fmt: skip

TRAIN_LOCALES: tuple[str, ...] = (
    "en_US",
    "de_DE",
    "fr_FR",
    "es_ES",
    "it_IT",
    "pt_BR",
    "nl_NL",
    "ja_JP",
)
HELDOUT_LOCALES: tuple[str, ...] = ("en_GB", "pl_PL", "sv_SE", "tr_TR", "en_IN")


_ONSETS = ("b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br",
           "dr", "kr", "tr", "st", "sh", "ch", "th", "gr", "kh", "")  # fmt: skip
_VOWELS = ("a", "e", "i", "o", "u", "a", "e", "o", "ai", "ei", "ou", "ia")
_CODAS = ("", "", "", "n", "r", "l", "s", "k", "m", "t", "nd", "rk", "sh", "v")


def made_up_name(rng: random.Random, syllables: int) -> str:
    """A name no list holds (``Tavrok``, ``Sheimaduk``): syllables drawn at random."""
    word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables))
    return (word + rng.choice(_CODAS)).capitalize()
