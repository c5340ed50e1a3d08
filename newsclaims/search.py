"""Free-text search over claims. Simple case-insensitive matching for now; PostgreSQL full-text search to come."""

from django.db.models import Q, QuerySet


def search_claims(queryset: QuerySet, query: str) -> QuerySet:
    """Claims whose evidence, claimant, victims or article title contain every word of `query`."""
    for word in query.split()[:10]:
        queryset = queryset.filter(
            Q(evidence__icontains=word)
            | Q(claimant__name__icontains=word)
            | Q(claimant_text__icontains=word)
            | Q(victims__icontains=word)
            | Q(article__title__icontains=word)
        )
    return queryset
