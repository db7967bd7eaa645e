"""The sample generator (sample/): real export layouts, determinism, behaviours, timelines."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tomllib
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from etl import formats
from etl.exportdate import dates_in
from etl.registry import read_registry
from sample import generate

pytestmark = pytest.mark.xdist_group("sample")

ROOT = Path(__file__).resolve().parent.parent
REG = ROOT / "data" / "registry"
END = dt.date(2026, 11, 21)
CEREMONIAL = re.compile(r"\b(?:selamat|dirgahayu|berduka|innalillahi|marhaban|minal aidin|sugeng|wilujeng|"
                        r"semangat pagi)\b", re.IGNORECASE)
XLSX_ENGINE = "calamine"
try:
    import python_calamine  # noqa: F401
except ImportError:  # pragma: no cover
    XLSX_ENGINE = "openpyxl"

FB_HEADER = ["Post ID", "Page ID", "Page name", "Title", "Description", "Duration (sec)", "Publish time",
             "Caption type", "Permalink", "Post type", "Languages", "Custom labels", "Funded content status",
             "Data comment", "Date", "Views", "Reach", "Reactions, Comments and Shares", "Reactions", "Comments",
             "Shares", "Total clicks", "Seconds viewed", "Average Seconds viewed"]
IG_HEADER = ["Post ID", "Account ID", "Account username", "Account name", "Description", "Duration (sec)",
             "Publish time", "Permalink", "Post type", "Data comment", "Date", "Views", "Reach", "Likes", "Shares",
             "Follows", "Comments", "Saves"]
X_CURRENT = ["Post id", "Date", "Post text", "Post Link", "Impressions", "Likes", "Engagements", "Bookmarks",
             "Shares", "New follows", "Replies", "Reposts", "Profile visits", "Detail Expands", "URL Clicks",
             "Hashtag Clicks", "Permalink Clicks"]
X_LEGACY = ["Tweet id", "Tweet permalink", "Tweet text", "time", "impressions", "engagements", "engagement rate",
            "retweets", "replies", "likes", "user profile clicks", "url clicks", "hashtag clicks", "detail expands",
            "permalink clicks", "app opens", "app installs", "follows", "email tweet", "dial phone", "media views",
            "media engagements"]
TIKTOK = ["Video title", "Video link", "Post time", "Total likes", "Total comments", "Total shares", "Total views",
          "Total play time", "Average watch time", "Watched full video", "Add to favorites"]
YOUTUBE = ["Content", "Video title", "Video publish time", "Duration", "Views", "Watch time (hours)", "Subscribers",
           "Impressions", "Impressions click-through rate (%)", "Average view duration",
           "Average percentage viewed (%)", "Likes"]
YOUTUBE_ID = ["Konten", "Judul video", "Waktu publikasi video", "Durasi", "Penayangan", "Waktu tonton (jam)",
              "Subscriber", "Tayangan", "Rasio klik-tayang dari tayangan (%)"]
YT_CHART = ["Date", "Content", "Video title", "Video publish time", "Duration", "Views"]
COMMENTS = ["platform", "akun_opd", "jenis", "id_komentar", "id_post", "tautan_post", "waktu", "penulis", "teks",
            "tautan"]
LAPOR = ["id", "TrackingID", "KategoriID", "Kategori", "DisposisiInstansiID", "Instansi", "AreaID", "Area", "Judul",
         "IsiLaporan", "Status", "TanggalLaporanMasuk", "TanggalVerifikasi", "TanggalDisposisi",
         "TanggalTindakLanjut", "TanggalLaporanAktivitasTerakhir", "TanggalLaporanDitutup",
         "TimestampTanggalDisposisi", "NamaPelapor", "TeleponPelapor"]
COMPLAINTS = ["kanal", "nomor_tiket", "diterima", "isi", "judul", "kategori", "opd", "kecamatan", "kelurahan",
              "status", "kompleksitas", "diverifikasi", "diteruskan", "tanggapan_pertama", "selesai", "ditutup",
              "rating", "nama_pelapor", "telepon_pelapor", "tautan"]


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("kab_a")
    return out, generate(out, "kabupaten", seed=7, end=END)


@pytest.fixture(scope="module")
def out(run) -> Path:
    return run[0]


@pytest.fixture(scope="module")
def reg(out) -> dict[str, pd.DataFrame]:
    read = lambda name: pd.read_csv(out / "registry" / name, dtype=str, keep_default_na=False)  # noqa: E731
    return {"opd": read("opd.csv"), "akun": read("akun.csv"), "wilayah": read("wilayah.csv"),
            "perilaku": read("perilaku.csv")}


def header(path: Path, encoding: str = "utf-8-sig", delimiter: str = ",") -> list[str]:
    with open(path, encoding=encoding, newline="") as f:
        return next(csv.reader(f, delimiter=delimiter))


def one(out: Path, pattern: str) -> Path:
    found = sorted(out.glob(pattern))
    assert found, pattern
    return found[0]


def csv_frame(path: Path | io.BytesIO, **kw) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, **kw)


def fb_exports(out: Path) -> list[Path]:
    """The Facebook exports as Meta gives them (not the copy saved again by Excel)."""
    return [p for p in sorted(out.glob("posts/facebook_posts_*.csv")) if "excel" not in p.name]


def members(path: Path) -> dict[str, tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: (i, z.read(i)) for i in z.infolist()}


_EN_MONTHS = {m.lower(): i for i, m in enumerate(["January", "February", "March", "April", "May", "June", "July",
                                                  "August", "September", "October", "November", "December"], 1)}
_ID_MONTH_NAMES = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
                   "November", "Desember"]


def yearless_day(text: str, export_day: dt.date) -> dt.date:
    """TikTok's Post time ("November 4" or "27 Oktober"): the latest such day not after the export day."""
    a, b = text.split()
    month, day = (_EN_MONTHS[a.lower()], int(b)) if a.isalpha() else (_ID_MONTHS[b.lower()], int(a))
    found = dt.date(export_day.year, month, day)
    return found if found <= export_day else found.replace(year=export_day.year - 1)


def tiktok_frame(path: Path) -> tuple[pd.DataFrame, dt.date, str]:
    """(Content rows, export day from the member's time stamp, member name) of a Content_<handle>.zip."""
    (name, (info, data)), = members(path).items()
    if name.endswith(".xlsx"):
        frame = pd.read_excel(io.BytesIO(data), engine=XLSX_ENGINE, dtype=str).fillna("")
    else:
        frame = csv_frame(io.BytesIO(data), encoding="utf-8-sig")
    return frame, dt.date(*info.date_time[:3]), name


def tiktok_local_day(link: str) -> dt.date:
    """The upload day (WIB) inside a TikTok video id (unix seconds << 32)."""
    seconds = int(re.search(r"/video/(\d+)", link)[1]) >> 32
    return (dt.datetime(1970, 1, 1) + dt.timedelta(seconds=seconds, hours=7)).date()


# ------------------------------------------------------------------ registry (data/registry)

def test_registry_files_are_consistent():
    opd = csv_frame(REG / "opd.csv", encoding="utf-8")
    akun = csv_frame(REG / "akun.csv", encoding="utf-8")
    wil = csv_frame(REG / "wilayah.csv", encoding="utf-8")
    assert list(opd.columns) == ["kode", "nama", "singkatan", "jenis", "induk", "alias", "id_lapor", "aktif"]
    assert list(akun.columns) == ["kode_opd", "platform", "akun", "id_akun", "nama_tampilan", "aktif_sejak", "url"]
    assert list(wil.columns) == ["kode", "nama", "jenis", "kode_induk"]
    assert len(opd) >= 55 and opd["kode"].is_unique and opd["id_lapor"].is_unique
    assert opd["id_lapor"].str.fullmatch(r"\d+").all() and (opd["aktif"] == "ya").all()
    kinds = opd["jenis"].value_counts()
    assert set(kinds.index) <= {"sekretariat", "bagian", "inspektorat", "dinas", "badan", "satpol", "rsud",
                                "kecamatan", "kelurahan"}
    assert kinds["bagian"] >= 6 and kinds["kecamatan"] >= 12 and kinds["dinas"] >= 20 and kinds["kelurahan"] >= 2
    assert (opd.loc[opd["jenis"] == "bagian", "induk"] == "SETDA").all()
    kec_codes = set(opd.loc[opd["jenis"] == "kecamatan", "kode"])
    assert set(opd.loc[opd["jenis"] == "kelurahan", "induk"]) <= kec_codes
    bappeda = opd.set_index("kode").loc["BAPPEDA"]
    assert "Bapperida" in bappeda["alias"] + bappeda["singkatan"]
    assert set(akun["kode_opd"]) <= set(opd["kode"]) and len(set(opd["kode"]) - set(akun["kode_opd"])) >= 2
    assert set(akun["platform"]) == set(formats.PLATFORMS)
    assert not akun.duplicated(["platform", "akun"]).any()
    meta = akun["platform"].isin(["facebook", "instagram"])
    assert akun.loc[meta, "id_akun"].str.fullmatch(r"\d{15,17}").all() and (akun.loc[~meta, "id_akun"] == "").all()
    kec = wil[wil["jenis"] == "kecamatan"]
    assert {f"Kecamatan {n}" for n in kec["nama"]} == set(opd.loc[opd["jenis"] == "kecamatan", "nama"])
    children = wil[wil["jenis"] != "kecamatan"]
    assert set(children["jenis"]) == {"desa", "kelurahan"} and wil["kode"].is_unique
    assert all(k.startswith(p + ".") for k, p in zip(children["kode"], children["kode_induk"]))
    per_kec = children.groupby("kode_induk").size()
    assert per_kec.between(3, 6).all() and set(per_kec.index) == set(kec["kode"])
    with open(REG / "pengaturan.toml", "rb") as f:
        settings = tomllib.load(f)
    assert settings["nama_daerah"] == "Kabupaten Sukamaju" and settings["zona_waktu"] == "Asia/Jakarta"
    assert settings["platform_wajib"] == ["facebook", "instagram"]


# ------------------------------------------------------------------ determinism and summary

def test_same_arguments_give_identical_bytes_and_mtimes(run, tmp_path):
    out_a, summary_a = run
    summary_b = generate(tmp_path, "kabupaten", seed=7, end=END)
    assert summary_a == summary_b
    files_a = sorted(p.relative_to(out_a) for p in out_a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        assert (out_a / rel).read_bytes() == (tmp_path / rel).read_bytes(), rel
        assert (out_a / rel).stat().st_mtime == (tmp_path / rel).stat().st_mtime, rel


def test_summary_counts_and_mtimes(run):
    out, summary = run
    t = summary["totals"]
    assert 15_000 <= t["posts"] <= 30_000 and 50_000 <= t["comments"] <= 100_000
    assert 4_000 <= t["complaints"] <= 8_000 and t["opd"] >= 45 and t["accounts"] >= 150
    assert summary["start"] == "2025-11-22" and summary["end"] == END.isoformat()
    for rel in summary["files"]:
        path = out / rel
        assert path.exists(), rel
        assert path.stat().st_mtime % 86400 == 11 * 3600, rel  # 18:00 WIB
    lapor = f"pengaduan/lapor_{END}.csv"
    assert summary["files"][lapor] == len(csv_frame(out / lapor))
    assert (out / "registry" / "opd.csv").read_bytes() == (REG / "opd.csv").read_bytes()
    assert len(read_registry(out / "registry", ROOT / "data" / "kalender" / "libur.csv").opd) == t["opd"]


# ------------------------------------------------------------------ headers of every file kind

def _required_present(cols: list[str], fmt: formats.Format) -> bool:
    norm = {re.sub(r"\s+", " ", c.strip().lower()) for c in cols}
    return all(any(h.lower() in norm for h in c.headers) for c in fmt.required)


@pytest.mark.parametrize(("pattern", "expected", "fmt"), [
    ("posts/facebook_posts_2*.csv", FB_HEADER, formats.META_FACEBOOK),
    ("posts/instagram_posts_*.csv", IG_HEADER, formats.META_INSTAGRAM),
    ("posts/x/account_analytics_content_*.csv", X_CURRENT, formats.X_CURRENT),
    ("posts/x/tweet_activity_metrics_*_en.csv", X_LEGACY, formats.X_LEGACY),
    ("komentar/komentar_2025-12.csv", COMMENTS, formats.TEMPLATE_COMMENTS),
    (f"pengaduan/lapor_{END}.csv", LAPOR, formats.LAPOR),
    (f"pengaduan/sigap_{END}.csv", None, formats.LOCAL_APP),
    (f"pengaduan/medsos_{END}.csv", COMPLAINTS, formats.TEMPLATE_COMPLAINTS),
])
def test_csv_headers(out, pattern, expected, fmt):
    for path in sorted(out.glob(pattern)):
        cols = header(path)
        if expected:
            assert cols[: len(expected)] == expected, path.name
        assert _required_present(cols, fmt), path.name


def test_meta_files_have_bom_and_lifetime(out):
    for path in [p for p in sorted((out / "posts").glob("*_posts_*.csv")) if "excel" not in p.name]:
        assert path.read_bytes()[:3] == b"\xef\xbb\xbf", path.name
        frame = csv_frame(path, encoding="utf-8-sig")
        assert (frame["Date"] == "Lifetime").all()
        assert frame["Publish time"].str.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d").all()
    fb = csv_frame(one(out, "posts/facebook_posts_*.csv"), encoding="utf-8-sig")
    assert set(fb["Post type"]) == {"Photos", "Videos", "Reels", "Links"}
    ig = csv_frame(one(out, "posts/instagram_posts_*.csv"), encoding="utf-8-sig")
    assert set(ig["Post type"]) == {"IG image", "IG reel", "IG carousel"}


def test_platform_value_formats(out):
    x = csv_frame(one(out, "posts/x/account_analytics_content_*.csv"))
    assert x["Date"].str.fullmatch(r"[A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}, \d{4}").all()
    assert x["Post Link"].str.match(r"https://x\.com/\w+/status/\d+$").all()
    instant = pd.Series(pd.to_datetime((x["Post id"].astype("int64").to_numpy() >> 22) + 1288834974657, unit="ms"))
    assert (pd.to_datetime(x["Date"], format="%a, %b %d, %Y") == instant.dt.normalize()).all()  # the UTC day
    legacy = csv_frame(one(out, "posts/x/tweet_activity_metrics_*_en.csv"))
    assert legacy["time"].str.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d \+0000").all()
    assert legacy["Tweet permalink"].str.startswith("https://twitter.com/").all()
    n_x = len(list(out.glob("posts/x/*.csv")))
    assert 0.5 <= len(list(out.glob("posts/x/account_analytics_content_*"))) / n_x <= 0.85
    tt = pd.concat([tiktok_frame(p)[0] for p in sorted(out.glob("posts/tiktok/*.zip"))])
    assert tt["Video link"].str.match(r"https://www\.tiktok\.com/@[\w.]+/video/\d+$").all()
    assert tt["Total likes"].str.contains("K").any() and tt["Total views"].str.contains(",").any()
    assert tt["Average watch time"].str.fullmatch(r"\d+:\d\d").all()
    assert tt["Watched full video"].str.fullmatch(r"\d+%").all()
    yt = csv_frame(io.BytesIO(members(one(out, "posts/youtube/youtube@*.zip"))["Table data.csv"][1]))
    assert yt["Content"].iat[0] == "Total"
    assert yt["Video publish time"].iloc[1:].str.fullmatch(r"[A-Z][a-z]{2} \d{1,2}, \d{4}").all()
    assert yt["Average view duration"].str.fullmatch(r"\d+:\d\d:\d\d").all()


def test_tiktok_content_zips_as_tiktok_studio_ships_them(out):
    zips = sorted(out.glob("posts/tiktok/*"))
    assert len(zips) > 10 and all(re.fullmatch(r"Content_[\w.]+\.zip", p.name) for p in zips)
    kinds, languages = set(), set()
    for path in zips:
        assert dates_in(path.name) == []  # no date in the name: the export day is the member's time stamp
        (name, (info, data)), = members(path).items()
        assert info.date_time == (END.year, END.month, END.day, 18, 0, 0), path.name
        kinds.add(name)
        frame, day, _ = tiktok_frame(path)
        assert list(frame.columns) == TIKTOK and day == END and len(frame)
        if name == "Content.csv":
            assert data[:3] == b"\xef\xbb\xbf"
            text = data[3:].decode("utf-8")
            again = io.StringIO()
            csv.writer(again, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(csv.reader(io.StringIO(text)))
            assert again.getvalue() == text  # every field quoted
        english = frame["Post time"].str.fullmatch(r"(?:" + "|".join(m.title() for m in _EN_MONTHS) + r") \d{1,2}")
        indonesian = frame["Post time"].str.fullmatch(r"\d{1,2} (?:" + "|".join(_ID_MONTH_NAMES) + ")")
        assert (english ^ indonesian).all() and (english.all() or indonesian.all()), path.name
        languages.add("en" if english.all() else "id")
        if indonesian.all():  # Indonesian UI: dots between thousands
            assert not frame["Total views"].str.contains(",").any()
        # every post lies within the year before the export day, so the year inferred is the right one
        days = [yearless_day(x, day) for x in frame["Post time"]]
        assert days == [tiktok_local_day(x) for x in frame["Video link"]], path.name
        assert all(day - dt.timedelta(days=365) < d <= day for d in days)
    assert kinds == {"Content.csv", "Content.xlsx"} and languages == {"en", "id"}


def _youtube_table(files: dict) -> tuple[pd.DataFrame, str]:
    name = "Data tabel.csv" if "Data tabel.csv" in files else "Table data.csv"
    return csv_frame(io.BytesIO(files[name][1])), name


def test_youtube_advanced_mode_zips(out, reg):
    zips = sorted(out.glob("posts/youtube/*"))
    assert len(zips) > 10 and all(p.suffix == ".zip" for p in zips)
    yt = reg["akun"][reg["akun"]["platform"] == "youtube"]
    named = [p for p in zips if not p.name.startswith("youtube@")]
    assert len(named) == 1
    m = re.fullmatch(r"Content (\d{4}-\d\d-\d\d)_(\d{4}-\d\d-\d\d) (.+)\.zip", named[0].name)
    assert m and m[2] == END.isoformat() and m[3] in set(yt["nama_tampilan"])
    assert all(re.fullmatch(rf"youtube@[\w.]+_{END}\.zip", p.name) for p in zips if p not in named)
    indonesian = 0
    for path in zips:
        files = members(path)
        table, table_name = _youtube_table(files)
        assert set(files) == {table_name, "Chart data.csv", "Totals.csv"}, path.name
        assert all(info.date_time == (END.year, END.month, END.day, 18, 0, 0) for info, _ in files.values())
        if table_name == "Data tabel.csv":
            indonesian += 1
            assert list(table.columns) == YOUTUBE_ID
            table = table.rename(columns=dict(zip(YOUTUBE_ID, YOUTUBE)))
            assert table["Video publish time"].iloc[1:].str.fullmatch(
                r"\d{1,2} (?:Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des) \d{4}").all()
        else:
            assert list(table.columns[: len(YOUTUBE)]) == YOUTUBE
        assert table["Content"].iat[0] == "Total"
        views = table["Views"].astype(int)
        totals = csv_frame(io.BytesIO(files["Totals.csv"][1]))
        assert list(totals.columns) == ["Date", "Views"]
        assert totals["Views"].astype(int).sum() == views.iat[0] == views.iloc[1:].sum(), path.name
        assert totals["Date"].iat[0] == "2025-11-22" and totals["Date"].iat[-1] == END.isoformat()
        chart = csv_frame(io.BytesIO(files["Chart data.csv"][1]))
        assert list(chart.columns) == YT_CHART
        assert chart["Date"].str.fullmatch(r"\d{4}-\d\d-\d\d").all() and chart["Date"].max() == END.isoformat()
        assert not chart.duplicated(["Date", "Content"]).any()
        per_video = chart.assign(v=chart["Views"].astype(int)).groupby("Content")["v"].sum()
        lifetime = dict(zip(table["Content"].iloc[1:], views.iloc[1:]))
        assert 1 <= len(per_video) <= 5 and set(per_video.index) <= set(lifetime)
        assert all(per_video[k] == lifetime[k] for k in per_video.index)  # charted from the day published
        by_day = chart.assign(v=chart["Views"].astype(int)).groupby("Date")["v"].sum()
        assert (by_day <= totals.set_index("Date")["Views"].astype(int).reindex(by_day.index)).all()
    assert indonesian == 1


def test_facebook_copy_saved_by_excel(out):
    path = one(out, "posts/facebook_posts_excel_*.csv")
    lo, hi = dates_in(path.name)
    raw = path.read_bytes()
    assert raw[:3] == b"\xef\xbb\xbf" and b"\r\n" in raw
    damaged = csv_frame(path, encoding="utf-8-sig", sep=";")
    assert list(damaged.columns[: len(FB_HEADER)]) == FB_HEADER
    assert damaged["Post ID"].str.fullmatch(r"\d,\d{1,5}E\+17").all()
    when = pd.to_datetime(damaged["Publish time"], format="%d/%m/%Y %H:%M")
    assert (when.dt.day > 12).any() and when.dt.date.between(lo, hi).all()

    def recoverable(pid: str, link: str) -> list[str]:
        mantissa, exponent = pid.replace(",", ".").split("E")
        step = 10 ** (int(exponent) - len(mantissa.split(".")[1]))
        return [r for r in re.findall(r"\d+", link)
                if len(r) == int(exponent) + 1 and abs(int(r) - float(pid.replace(",", "."))) <= step / 2]

    found = [recoverable(i, link) for i, link in zip(damaged["Post ID"], damaged["Permalink"])]
    lost = [n for n, f in enumerate(found) if not f]
    assert len(lost) == 1 and all(len(f) == 1 for n, f in enumerate(found) if n != lost[0])
    assert "pfbid" in damaged["Permalink"].iat[lost[0]]
    early = csv_frame(fb_exports(out)[0], encoding="utf-8-sig")
    assert dates_in(fb_exports(out)[0].name)[-1] > hi  # the clean export is the later snapshot of these posts
    clean = dict(zip(early["Post ID"], early["Page name"]))
    recovered = {f[0]: page for f, page in zip(found, damaged["Page name"]) if f}
    assert len(recovered) == len(damaged) - 1 and all(clean.get(k) == v for k, v in recovered.items())
    publish = dict(zip(early["Post ID"], pd.to_datetime(early["Publish time"], format="%m/%d/%Y %H:%M")))
    assert all(publish[f[0]] == t for f, t in zip(found, when) if f)


def test_hand_kept_files_use_excel_encodings(out):
    raw = one(out, f"pengaduan/112_{END}.csv").read_bytes()
    text = raw.decode("cp1252")
    assert b"\r\n" in raw and header(one(out, f"pengaduan/112_{END}.csv"), "cp1252", ";") == COMPLAINTS
    assert text.count(";") > text.count(",")
    kept = [p for p in sorted(out.glob("komentar/*.csv")) if b'"platform";' in p.read_bytes()[:40]]
    assert len(kept) == 1
    body = kept[0].read_bytes()
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert "“" in body.decode("cp1252") and header(kept[0], "cp1252", ";") == COMMENTS
    xlsx = sorted(out.glob("komentar/*.xlsx"))
    assert len(xlsx) == 1
    frame = pd.read_excel(xlsx[0], engine=XLSX_ENGINE, dtype=str)
    assert list(frame.columns) == COMMENTS and len(frame) > 1000
    wa = pd.read_excel(one(out, f"pengaduan/whatsapp_{END}.xlsx"), engine=XLSX_ENGINE)
    assert list(wa.columns) == COMPLAINTS and set(wa["kanal"]) == {"whatsapp"}


# ------------------------------------------------------------------ behaviours

def _posts(out: Path, reg: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """All posts (FB/IG from both exports, deduplicated; X; TikTok) with their OPD code and local time."""
    akun = reg["akun"]
    by = {p: dict(zip(g["akun"].str.lower(), g["kode_opd"])) for p, g in akun.groupby("platform")}
    fb_page = dict(zip(akun.loc[akun["platform"] == "facebook", "nama_tampilan"],
                       akun.loc[akun["platform"] == "facebook", "kode_opd"]))
    parts = []
    for path in fb_exports(out):
        f = csv_frame(path, encoding="utf-8-sig")
        parts.append(pd.DataFrame({"id": f["Post ID"], "opd": f["Page name"].map(fb_page),
                                   "t": pd.to_datetime(f["Publish time"], format="%m/%d/%Y %H:%M"),
                                   "text": f["Description"]}))
    for path in sorted(out.glob("posts/instagram_posts_*.csv")):
        f = csv_frame(path, encoding="utf-8-sig")
        parts.append(pd.DataFrame({"id": f["Post ID"], "opd": f["Account username"].str.lower().map(by["instagram"]),
                                   "t": pd.to_datetime(f["Publish time"], format="%m/%d/%Y %H:%M"),
                                   "text": f["Description"]}))
    for path in sorted(out.glob("posts/x/account_analytics_content_*.csv")):
        f = csv_frame(path)
        handle = f["Post Link"].str.extract(r"x\.com/([^/]+)/")[0].str.lower()
        parts.append(pd.DataFrame({"id": f["Post id"], "opd": handle.map(by["x"]),
                                   "t": pd.to_datetime(f["Date"], format="%a, %b %d, %Y"), "text": f["Post text"],
                                   "date_only": True}))
    for path in sorted(out.glob("posts/tiktok/*.zip")):
        f, day, _ = tiktok_frame(path)
        handle = f["Video link"].str.extract(r"@([^/]+)/")[0].str.lower()
        parts.append(pd.DataFrame({"id": f["Video link"], "opd": handle.map(by["tiktok"]),
                                   "t": pd.to_datetime([yearless_day(x, day) for x in f["Post time"]]),
                                   "text": f["Video title"], "date_only": True}))
    frame = pd.concat(parts, ignore_index=True).drop_duplicates("id")
    return frame.assign(date_only=frame["date_only"].fillna(False).astype(bool))


@pytest.fixture(scope="module")
def posts(out, reg) -> pd.DataFrame:
    frame = _posts(out, reg)
    beh = dict(zip(reg["perilaku"]["kode_opd"], reg["perilaku"]["perilaku"]))
    frame["perilaku"] = frame["opd"].map(beh)
    return frame


def test_every_behaviour_is_assigned(reg):
    counts = reg["perilaku"]["perilaku"].value_counts()
    assert set(counts.index) == {"sangat_aktif", "rutin", "seremonial", "meredup", "absen"}
    assert counts["rutin"] > counts["seremonial"] and counts["rutin"] > counts["absen"]
    assert set(reg["perilaku"]["kode_opd"]) <= set(reg["akun"]["kode_opd"])


def test_fading_and_absent_accounts(posts, reg):
    end = pd.Timestamp(END) + pd.Timedelta(hours=18)
    fading = posts[posts["perilaku"] == "meredup"]
    assert len(fading) > 100
    assert (fading["t"] < end - pd.Timedelta(weeks=4)).all()
    absent = posts[(posts["perilaku"] == "absen") & (posts["t"] > end - pd.Timedelta(days=90))]
    assert absent.groupby("opd").size().max() <= 1
    active = posts[(posts["perilaku"] == "sangat_aktif") & (posts["t"] > end - pd.Timedelta(days=90))]
    assert active.groupby("opd").size().min() > 60


def test_ceremonial_share_by_behaviour(posts):
    share = posts.assign(c=posts["text"].str.contains(CEREMONIAL)).groupby("perilaku")["c"].mean()
    assert share["seremonial"] >= 0.85
    assert share["sangat_aktif"] <= 0.35 and share["rutin"] <= 0.45
    assert posts["text"].nunique() > 0.8 * len(posts)


def test_posting_follows_office_hours_and_holidays(posts):
    registered = posts[posts["opd"].notna()]
    assert (registered["t"].dt.day_of_week < 5).mean() > 0.75
    timed = registered[~registered["date_only"]]
    assert timed["t"].dt.hour.between(6, 17).mean() > 0.75
    hut_ri = registered[registered["t"].dt.strftime("%m-%d") == "08-17"]
    assert hut_ri["text"].str.contains("Dirgahayu|Kemerdekaan").mean() > 0.5


def test_overlapping_facebook_exports(out, reg):
    early, late = (csv_frame(p, encoding="utf-8-sig") for p in fb_exports(out))
    both = early.merge(late, on="Post ID", suffixes=("_a", "_b"))
    assert len(both) > 1000
    for col in ("Views", "Reach", "Reactions", "Comments", "Shares", "Total clicks"):
        a, b = both[f"{col}_a"].astype(int), both[f"{col}_b"].astype(int)
        assert (b >= a).all(), col
        assert b.sum() > a.sum(), col
    registered = set(reg["akun"].loc[reg["akun"]["platform"] == "facebook", "nama_tampilan"])
    unknown = set(late["Page name"]) - registered
    assert len(unknown) == 1 and next(iter(unknown)).startswith("Pemerintah Desa")
    assert len(set(early["Page name"]) & registered) >= 45


# ------------------------------------------------------------------ comments

@pytest.fixture(scope="module")
def comments(out) -> pd.DataFrame:
    parts = []
    for path in sorted(out.glob("komentar/*")):
        if path.suffix == ".xlsx":
            parts.append(pd.read_excel(path, engine=XLSX_ENGINE, dtype=str).fillna(""))
        elif b'"platform";' in path.read_bytes()[:40]:
            parts.append(csv_frame(path, encoding="cp1252", sep=";"))
        else:
            parts.append(csv_frame(path))
    return pd.concat(parts, ignore_index=True)


def test_comments_mix(comments, run):
    assert set(comments["jenis"]) == {"komentar", "balasan", "mention"}
    mention = comments["jenis"] == "mention"
    assert (comments.loc[mention, "id_post"] == "").all() and (comments.loc[~mention, "id_post"] != "").all()
    assert 0.03 < mention.mean() < 0.1
    text = comments["teks"]
    assert text.nunique() > 5000
    for words in (r"\b(?:gak|udh|bgt|blm|gmn|yg|tp)\b", r"\b(?:matur nuwun|piye|durung|ora)\b",
                  r"\b(?:hatur nuhun|teu acan|kumaha|mangga)\b", r"\b(?:aamiin|siap)\b", r"wkwk"):
        assert text.str.contains(words, case=False).sum() > 50, words
    per_post = comments[~mention].groupby("id_post").size()
    assert 2.0 < len(comments[~mention]) / run[1]["totals"]["posts"] < 4.5
    assert per_post.max() > 20 * per_post.median()  # long tail
    assert comments["id_komentar"].is_unique


# ------------------------------------------------------------------ complaints

_ID_MONTHS = {m: i for i, m in enumerate(["januari", "februari", "maret", "april", "mei", "juni", "juli",
                                          "agustus", "september", "oktober", "november", "desember"], start=1)}


def parse_id(value: object) -> pd.Timestamp:
    """The three hand-typed styles of the template sheets, or an Excel datetime cell."""
    if isinstance(value, (dt.datetime, pd.Timestamp)):
        return pd.Timestamp(value)
    text = str(value).strip()
    if not text or text == "nan":
        return pd.NaT
    if m := re.fullmatch(r"(\d\d)[/-](\d\d)[/-](\d{4}) (\d\d)[:.](\d\d)", text):
        d, mo, y, h, mi = map(int, m.groups())
        return pd.Timestamp(y, mo, d, h, mi)
    m = re.fullmatch(r"\w+, (\d{1,2}) (\w+) (\d{4}) (\d\d):(\d\d)", text)
    assert m, text
    return pd.Timestamp(int(m[3]), _ID_MONTHS[m[2].lower()], int(m[1]), int(m[4]), int(m[5]))


def _ordered(frame: pd.DataFrame, cols: list[str]) -> None:
    last = frame[cols[0]]
    assert last.notna().all()
    for col in cols[1:]:
        cur = frame[col]
        ok = cur.isna() | (cur >= last)
        assert ok.all(), (col, frame.loc[~ok, cols].head())
        last = cur.fillna(last)


def test_lapor_timeline(out, reg):
    f = csv_frame(one(out, f"pengaduan/lapor_{END}.csv"))
    cols = ["TanggalLaporanMasuk", "TanggalVerifikasi", "TanggalDisposisi", "TanggalTindakLanjut",
            "TanggalLaporanDitutup"]
    t = pd.DataFrame({c: pd.to_datetime(f[c].replace("", None), format="%Y-%m-%d %H:%M:%S") for c in cols})
    _ordered(t, cols)
    assert set(f["Status"]) == {"Belum", "Proses", "Selesai"}
    assert (f["NamaPelapor"] == "Anonim").mean() > 0.3
    assert f["TeleponPelapor"].replace("", None).dropna().str.fullmatch(r"08\d\d\*{4}\d{4}").all()
    assert set(f["DisposisiInstansiID"].replace("", None).dropna()) <= set(reg["opd"]["id_lapor"])
    answered = t["TanggalTindakLanjut"].notna()
    assert 0.04 < 1 - answered.mean() < 0.2
    lag = (t["TanggalTindakLanjut"] - t["TanggalDisposisi"]).dt.days
    assert (lag > 7).mean() > 0.05


def test_sigap_timeline(out, reg):
    f = csv_frame(one(out, f"pengaduan/sigap_{END}.csv"))
    assert f["code"].str.fullmatch(r"SGP-\d{4}-\d\d-\d{4,}").all() and f["code"].is_unique
    cols = ["received_at", "verified_at", "responded_at", "resolved_at", "closed_at"]
    assert f["received_at"].str.endswith("+07:00").all()
    t = pd.DataFrame({c: pd.to_datetime(f[c].replace("", None), format="%Y-%m-%dT%H:%M:%S%z") for c in cols})
    _ordered(t, cols)
    assert set(f["status"]) == {"received", "verified", "in_progress", "resolved", "closed", "rejected"} - (
        {"received"} if (t["verified_at"].notna()).all() else set())
    assert set(f["agency_code"]) <= set(reg["opd"]["kode"])
    kec = set(reg["wilayah"].loc[reg["wilayah"]["jenis"] == "kecamatan", "kode"])
    assert set(f["district_code"]) <= kec
    assert (f["village_code"].str.rsplit(".", n=1).str[0] == f["district_code"]).all()
    assert set(f["rating"].replace("", None).dropna().astype(int)) == {1, 2, 3, 4, 5}
    share = f.groupby("agency_code").size()
    assert share.max() > 10 * share.median()  # complaints per OPD vary widely
    assert f.loc[f["category_id"] == "sampah", "agency_code"].value_counts().index[0] == "DLH"


@pytest.mark.parametrize("kanal", ["whatsapp", "112", "medsos"])
def test_template_complaint_timelines(out, reg, kanal):
    if kanal == "whatsapp":
        f = pd.read_excel(one(out, f"pengaduan/whatsapp_{END}.xlsx"), engine=XLSX_ENGINE, dtype=object)
    elif kanal == "112":
        f = csv_frame(one(out, f"pengaduan/112_{END}.csv"), encoding="cp1252", sep=";")
    else:
        f = csv_frame(one(out, f"pengaduan/medsos_{END}.csv"))
    assert set(f["kanal"].astype(str)) == {kanal} and f["nomor_tiket"].is_unique
    cols = ["diterima", "diverifikasi", "diteruskan", "tanggapan_pertama", "selesai", "ditutup"]
    t = pd.DataFrame({c: f[c].map(parse_id) for c in cols})
    _ordered(t, cols)
    assert set(f["status"]) <= {"baru", "diproses", "selesai", "ditutup"}
    assert set(f["kompleksitas"]) <= {"ringan", "normatif", "tanpa_audit", "audit"}
    opd = reg["opd"]
    assert set(f["opd"]) <= set(opd["kode"]) | set(opd["singkatan"])
    assert set(f["kecamatan"]) <= set(reg["wilayah"]["nama"])


# ------------------------------------------------------------------ the provinsi code path, small

def test_mini_provinsi(tmp_path, out):
    summary = generate(tmp_path, "mini-provinsi", seed=3, end=END)
    opd = csv_frame(tmp_path / "registry" / "opd.csv")
    akun = csv_frame(tmp_path / "registry" / "akun.csv")
    wil = csv_frame(tmp_path / "registry" / "wilayah.csv")
    assert len(opd) > 120 and opd["kode"].is_unique and opd["id_lapor"].is_unique
    assert opd["kode"].str.startswith("PROV-").sum() > 30
    assert not akun.duplicated(["platform", "akun"]).any() and set(akun["kode_opd"]) <= set(opd["kode"])
    assert wil["kode"].is_unique
    kec_opd = opd.loc[opd["jenis"] == "kecamatan", "nama"].str.removeprefix("Kecamatan ")
    assert set(kec_opd) == set(wil.loc[wil["jenis"] == "kecamatan", "nama"])
    beh = csv_frame(tmp_path / "registry" / "perilaku.csv")
    assert set(beh["perilaku"]) == {"sangat_aktif", "rutin", "seremonial", "meredup", "absen"}
    t = summary["totals"]
    assert t["posts"] > 5000 and t["comments"] > t["posts"] and t["complaints"] > 2000
    kinds = {re.sub(r"_[^/]*$", "", k) for k in summary["files"]}
    assert {"posts/facebook", "posts/instagram", "komentar/komentar", "pengaduan/lapor", "pengaduan/sigap"} <= kinds
    for pattern in ("posts/facebook_posts_*.csv", "komentar/komentar_2025-12.csv", f"pengaduan/lapor_{END}.csv"):
        assert header(one(tmp_path, pattern)) == header(one(out, pattern))
    accepted = read_registry(tmp_path / "registry", ROOT / "data" / "kalender" / "libur.csv")
    assert len(accepted.opd) == len(opd)
    big = csv_frame(one(tmp_path, f"pengaduan/sigap_{END}.csv"))
    assert set(big["agency_code"].replace("", None).dropna()) <= set(opd["kode"])


def test_default_end_is_today_in_jakarta(tmp_path):
    from zoneinfo import ZoneInfo

    summary = generate(tmp_path, "mini-provinsi", seed=1)
    today = dt.datetime.now(ZoneInfo("Asia/Jakarta")).date()
    assert summary["end"] in {today.isoformat(), (today - dt.timedelta(days=1)).isoformat()}
