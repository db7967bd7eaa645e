"""The shipped templates are current, documented and load as they are."""

from pathlib import Path

from etl.formats import TEMPLATE_COMMENTS, TEMPLATE_COMPLAINTS, TEMPLATE_POSTS
from etl.templates import guide_markdown, write_templates

SHIPPED = Path(__file__).resolve().parent.parent / "data" / "templates"


def test_shipped_templates_are_current(tmp_path):
    write_templates(tmp_path)
    for fresh in tmp_path.iterdir():
        if fresh.suffix != ".xlsx":  # xlsx zips carry timestamps; they are checked by loading below
            assert (SHIPPED / fresh.name).read_text(encoding="utf-8") == fresh.read_text(encoding="utf-8"), fresh.name


def test_guide_documents_every_column():
    guide = guide_markdown()
    for fmt in (TEMPLATE_POSTS, TEMPLATE_COMMENTS, TEMPLATE_COMPLAINTS):
        for column in fmt.columns:
            assert f"`{column.headers[0]}`" in guide


def test_templates_load_without_rejects(load_into):
    results = load_into(*sorted(SHIPPED.glob("templat_*")))
    assert len(results) == 6
    for r in results:
        assert r.outcome in ("berhasil", "dilewati"), (r.path.name, r.message, r.rejects)
    loaded = {r.format for r in results if r.outcome == "berhasil"}
    assert loaded == {"template_posts", "template_comments", "template_complaints"}


def test_readme_lists_every_format():
    from etl.formats import FORMATS

    readme = (SHIPPED.parent.parent / "README.md").read_text(encoding="utf-8")
    for fmt in FORMATS:
        assert fmt.label in readme, fmt.label
