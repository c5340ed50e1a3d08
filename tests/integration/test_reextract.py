"""Re-extraction with the real extractor: an editor's corrected figure is not added back as a duplicate."""

import pytest

from newsclaims import services
from newsclaims.models import Claim

pytestmark = pytest.mark.django_db

TEXT = "Politiet oplyser, at mindst 12 mennesker blev dræbt ved eksplosionen i havnen."


def test_a_corrected_figure_is_not_extracted_again():
    article = services.article_ingest(text=TEXT, language="da").article
    [claim] = services.article_extract_claims(article=article)
    assert (claim.category, claim.low, claim.qualifier) == ("killed", 12, "at_least")
    claim.low, claim.edited = 14, True  # the editor corrects the figure from a later report
    claim.save()
    services.article_extract_claims(article=article)
    assert list(article.claims.values_list("low", "edited")) == [(14, True)]


def test_unreviewed_claims_are_replaced_not_duplicated():
    article = services.article_ingest(text=TEXT, language="da").article
    services.article_extract_claims(article=article)
    services.article_extract_claims(article=article)
    assert Claim.objects.filter(article=article).count() == 1
