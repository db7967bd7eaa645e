"""Emoji polarity (etl/nlp/emoji.py): the Emoji Sentiment Ranking's facts, the project's overrides, and what the
sentiment model makes of emoji."""

import pytest

from etl.nlp import classifier
from etl.nlp.emoji import emoji_only, mark, polarity
from etl.nlp.model import EMOJI_ONLY_CONFIDENCE
from etl.nlp.normalize import tokens


def test_polarity_follows_the_ranking_and_the_projects_overrides():
    p = polarity()
    assert p["😡"] == "negatif"  # ESR: 403 negative, 81 neutral, 272 positive → −0.17 ≤ −0.1
    assert p["👍"] == p["😊"] == "positif"
    assert "😂" not in p  # ESR +0.22: neither side
    assert "🙏" not in p and "😏" not in p and "👀" not in p  # overridden to neutral, with the reason in the file
    assert p["🤬"] == p["🙄"] == "negatif"  # newer than the ranking: the project's polarity


def test_mark_adds_a_polarity_token_after_each_known_emoji():
    assert mark(tokens("jalan rusak 😡😡")) == ["jalan", "rusak", "😡", "emoji_negatif", "😡", "emoji_negatif"]
    text = tokens("jalan rusak parah")
    assert mark(text) is text


@pytest.mark.parametrize(("text", "label"), [("😡👎", "negative"), ("🙏👍", "positive"), ("❤️❤️", "positive"),
                                             ("👍😡", "neutral"), ("😂😂", None), ("mantap 👍", None), ("", None)])
def test_emoji_only_comments_are_labelled_by_their_emoji(text, label):
    assert emoji_only(tokens(text)) == label


def test_the_model_labels_emoji_only_comments_by_the_lexicon():
    labels, confidence = classifier("sentiment").predict(["😡👎", "🤬🤬", "👍👍", "🙏"])
    assert labels[:3] == ["negative", "negative", "positive"]
    assert confidence[:3] == [EMOJI_ONLY_CONFIDENCE] * 3
    assert confidence[3] != EMOJI_ONLY_CONFIDENCE  # 🙏 alone has no side: the model decides


# minimal pairs: only the emoji differs; none of these texts is in the training data
PAIRS = [("jalan di kampung kami 😡", "jalan di kampung kami 👍"), ("petugas kecamatan 😠", "petugas kecamatan 👏")]


@pytest.mark.parametrize(("angry", "pleased"), PAIRS)
def test_minimal_pairs_follow_the_emoji(angry, pleased):
    assert classifier("sentiment").predict([angry, pleased])[0] == ["negative", "positive"]
