"""Labels at load time, rescore after a model change, and admin corrections that survive it."""

from pathlib import Path

import duckdb
import pytest

from etl import __main__ as cli
from etl import corrections, warehouse
from etl.classify import JOBS, Labeller, rescore_warehouse
from etl.nlp.model import TASKS, classifier, version
from etl.status import status
from tests.exports import COMMENT_HEADER, COMPLAINT_HEADER, comment_row, complaint_row, fb_row, write_csv, write_fb

COMMENTS = ["mantap pelayanannya cepat bgt, makasih dinas", "jalan depan rumah rusak parah gak diperbaiki2",
            "aamiin 🙏", "", "mantap pelayanannya cepat bgt, makasih dinas"]
COMPLAINTS = ["Selokan mampet, tiap hujan air masuk rumah warga", "Lampu PJU mati sebulan, gelap rawan begal",
              "Petugas minta uang pelicin buat KTP"]
CAPTIONS = ["Selamat Hari Pahlawan 10 November 2026", "Jadwal pelayanan PBB keliling pekan ini: Senin di Kec. A",
            "Perbaikan jalan 2,4 km di Desa Mekarsari rampung, anggaran Rp1,2 M"]


def q(db: Path, sql: str, params=None):
    con = warehouse.open_read_only(db)
    try:
        return con.execute(sql, params or {}).fetchall()
    finally:
        con.close()


@pytest.fixture
def loaded(tmp_path, db, load_into) -> Path:
    rows = [comment_row(f"c{i}", text=t) for i, t in enumerate(COMMENTS)]
    load_into(write_csv(tmp_path / "komentar.csv", COMMENT_HEADER, rows),
              write_csv(tmp_path / "aduan.csv", COMPLAINT_HEADER,
                        [complaint_row(f"T{i}", text=t) for i, t in enumerate(COMPLAINTS)]),
              write_fb(tmp_path / "fb_2026-11-20.csv", [fb_row(f"1_{i}", caption=t) for i, t in enumerate(CAPTIONS)]))
    return db


def test_every_loaded_row_carries_the_models_label_confidence_and_version(loaded):
    comments = q(loaded, "SELECT text, sentiment, sentiment_confidence, classifier_version FROM raw_comment "
                         "ORDER BY source_row")
    model = classifier("sentiment")
    labels, conf = model.predict([r[0] for r in comments])
    assert [r[1] for r in comments] == labels
    assert [r[2] for r in comments] == pytest.approx(conf, abs=1e-6)
    assert {r[3] for r in comments} == {model.version}
    assert comments[0][1] == comments[-1][1]  # the same text, the same label
    assert dict((r[0], r[1]) for r in comments)["aamiin 🙏"] == "neutral"

    complaints = q(loaded, "SELECT text, topic, topic_confidence, sentiment, classifier_version FROM raw_complaint "
                           "ORDER BY source_row")
    topics, _ = classifier("topic").predict([r[0] for r in complaints])
    assert [r[1] for r in complaints] == topics
    assert all(0 < r[2] <= 1 for r in complaints) and all(r[3] for r in complaints)
    assert {r[4] for r in complaints} == {JOBS["complaints"].version()}

    posts = q(loaded, "SELECT caption, content_type, classifier_version FROM raw_post_snapshot ORDER BY source_row")
    assert [r[1] for r in posts] == classifier("content").predict([r[0] for r in posts])[0]
    assert {r[2] for r in posts} == {classifier("content").version}


def test_rescore_relabels_only_rows_of_another_version(loaded):
    con = duckdb.connect(str(loaded))
    con.execute("UPDATE raw_comment SET sentiment = 'positive', sentiment_confidence = 0, "
                "classifier_version = 'sentimen-lama' WHERE source_row = 2")
    con.close()
    before = q(loaded, "SELECT sentiment FROM raw_comment WHERE source_row <> 2 ORDER BY source_row")
    assert status(loaded)["older_labels"] == {"raw_comment": 1}  # the rows `status` tells to rescore
    changed = rescore_warehouse(loaded)
    assert changed == {"raw_post_snapshot": 0, "raw_comment": 1, "raw_complaint": 0}
    [(label, version)] = q(loaded, "SELECT sentiment, classifier_version FROM raw_comment WHERE source_row = 2")
    assert (label, version) == (classifier("sentiment").predict([COMMENTS[0]])[0][0], classifier("sentiment").version)
    assert q(loaded, "SELECT sentiment FROM raw_comment WHERE source_row <> 2 ORDER BY source_row") == before
    assert rescore_warehouse(loaded, everything=True)["raw_comment"] == len(before) + 1
    assert status(loaded)["older_labels"] == {}


def test_a_models_version_is_read_without_loading_it():
    assert {task: version(task) for task in TASKS} == {task: classifier(task).version for task in TASKS}


def _opposite(task: str, label: str) -> str:
    return next(x for x in classifier(task).labels if x != label)


def test_a_correction_wins_over_the_model_and_survives_rescore(loaded, tmp_path):
    [(key, model_label)] = q(loaded, "SELECT comment_key, sentiment FROM raw_comment WHERE source_row = 3")
    right = _opposite("sentiment", model_label)
    [(post, content)] = q(loaded, "SELECT platform || ':' || post_id, content_type FROM raw_post_snapshot LIMIT 1")
    kind = _opposite("content", content)
    assert cli.main(["correct", "sentimen", key, right, "--by", "Admin", "--db", str(loaded)]) == 0
    assert cli.main(["correct", "konten", post, kind, "--db", str(loaded)]) == 0

    def shown():
        return (q(loaded, "SELECT sentiment, sentiment_confidence, sentiment_corrected FROM stg_comment "
                          "WHERE comment_key = $k", {"k": key}),
                q(loaded, "SELECT content_type FROM mart_post WHERE platform || ':' || post_id = $k", {"k": post}))

    assert shown() == ([(right, 1.0, True)], [(kind,)])
    assert cli.main(["rescore", "--all", "--db", str(loaded)]) == 0
    assert shown() == ([(right, 1.0, True)], [(kind,)])
    assert q(loaded, "SELECT sentiment FROM raw_comment WHERE comment_key = $k", {"k": key}) == [(model_label,)]
    [(text, stored, was)] = q(loaded, "SELECT text, label, model_label FROM nlp_correction WHERE task = 'sentiment'")
    assert (text, stored, was) == (COMMENTS[1], right, model_label)

    out = tmp_path / "koreksi"
    assert cli.main(["corrections", "--out", str(out), "--db", str(loaded)]) == 0
    assert (out / "sentimen.csv").read_text(encoding="utf-8").splitlines() == ["teks,label", f"{COMMENTS[1]},{right}"]

    assert cli.main(["correct", "sentimen", key, "--remove", "--db", str(loaded)]) == 0
    assert shown()[0] == [(model_label, pytest.approx(q(loaded, "SELECT sentiment_confidence FROM raw_comment "
                                                                 "WHERE comment_key = $k", {"k": key})[0][0]), False)]


@pytest.mark.parametrize(("content", "message"), [
    ("tugas,kunci,label\nsentimen,{key},marah\n", "koreksi.csv, baris 2: label «marah» bukan label sentimen"),
    ("tugas,kunci,label\nsentimen,{key},negative\ntopik,tidak-ada,banjir_drainase\n",
     "koreksi.csv, baris 3: kunci «tidak-ada» tidak ada di raw_complaint"),
    ("tugas,kunci,label\nsentimen,{key},\n", "koreksi.csv, baris 2, kolom «label»: kosong"),
    ("tugas,label\nsentimen,negative\n", "koreksi.csv: kolom kunci tidak ada"),
    ("tugas,kunci,label\nperasaan,{key},negative\n", "baris 2: tugas «perasaan» tidak dikenal"),
])
def test_a_bad_correction_file_names_the_row_and_changes_nothing(loaded, tmp_path, capsys, content, message):
    [(key,)] = q(loaded, "SELECT comment_key FROM raw_comment WHERE source_row = 2")
    f = tmp_path / "koreksi.csv"
    f.write_text(content.format(key=key), encoding="utf-8")
    stamp = warehouse.version(loaded)
    assert cli.main(["correct", "--file", str(f), "--db", str(loaded)]) == 2
    assert message in capsys.readouterr().err
    assert warehouse.version(loaded) == stamp
    assert q(loaded, "SELECT count(*) FROM nlp_correction") == [(0,)]


def test_correction_file_applies_all_rows(loaded, tmp_path):
    keys = q(loaded, "SELECT complaint_key, topic FROM raw_complaint ORDER BY source_row")
    lines = ["tugas,kunci,label,oleh,catatan"]
    lines += [f"topik,{k},{_opposite('topic', t)},Sekda,cek lapangan" for k, t in keys]
    (tmp_path / "k.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert corrections.apply(loaded, corrections.read_file(tmp_path / "k.csv")) == len(keys)
    got = q(loaded, "SELECT complaint_key, topic, topic_corrected FROM stg_complaint ORDER BY source_row")
    assert got == [(k, _opposite("topic", t), True) for k, t in keys]


def test_an_older_warehouse_gains_the_new_columns(tmp_path):
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE raw_complaint (complaint_key VARCHAR NOT NULL, topic VARCHAR)")
    con.close()
    with warehouse.updating(db) as con:
        cols = {r[0] for r in con.execute("DESCRIBE raw_complaint").fetchall()}
    assert {"topic_confidence", "classifier_version", "snapshot_at"} <= cols


def test_labeller_classifies_each_distinct_text_once():
    lab = Labeller()
    labels, conf = lab.label("sentiment", ["bagus", "bagus", "", "bagus"])
    assert lab.texts == 1 and labels[2] == "neutral" and conf[2] == 1.0 and labels[0] == labels[3]
    lab.label("sentiment", ["bagus", "jelek"])
    assert lab.texts == 2


def test_worker_processes_give_the_same_labels(monkeypatch):
    import etl.classify as classify

    texts = [f"{t} nomor {i}" for i, t in enumerate(COMMENTS + COMPLAINTS + CAPTIONS)] * 3
    texts = [f"{t} {i}x" for i, t in enumerate(texts)]
    monkeypatch.setattr(classify, "PARALLEL_MIN", 10)
    monkeypatch.setattr(classify, "CHUNK", 7)
    lab = Labeller(workers=2)
    try:
        for task in ("sentiment", "topic"):
            assert lab.label(task, texts) == classifier(task).predict(texts)
    finally:
        lab.close()


def test_a_new_snapshot_classifies_only_texts_the_model_has_not_labelled_for_that_post(loaded, tmp_path, load_into):
    edited = "Jadwal pelayanan PBB keliling pekan depan: Selasa di Kec. B"
    captions = [CAPTIONS[0], edited, CAPTIONS[2], "Posyandu balita buka Kamis pagi"]  # 2 unchanged, 1 edited, 1 new
    labeller = Labeller()
    load_into(write_fb(tmp_path / "fb_2026-11-27.csv", [fb_row(f"1_{i}", caption=t) for i, t in enumerate(captions)]),
              labeller=labeller)
    assert labeller.texts == 2 and labeller.reused == 2  # the edited and the new caption only
    rows = q(loaded, "SELECT caption, content_type, content_confidence FROM raw_post_snapshot "
                     "WHERE load_id = (SELECT max(load_id) FROM etl_load) ORDER BY source_row")
    labels, conf = classifier("content").predict([r[0] for r in rows])
    assert [r[1] for r in rows] == labels  # reused labels are exactly what the model says
    assert [r[2] for r in rows] == pytest.approx(conf, abs=1e-5)


def test_a_new_complaint_snapshot_reuses_both_labels_of_an_unchanged_text(loaded, tmp_path, load_into):
    labeller = Labeller()
    load_into(write_csv(tmp_path / "aduan_2026-11-27.csv", COMPLAINT_HEADER,
                        [complaint_row(f"T{i}", text=t, status="selesai", resolved="26/11/2026 10:00")
                         for i, t in enumerate(COMPLAINTS)]), labeller=labeller)
    assert labeller.texts == 0 and labeller.reused == 2 * len(COMPLAINTS)  # topic and sentiment
    assert q(loaded, "SELECT count(DISTINCT snapshot_at) FROM raw_complaint") == [(2,)]
